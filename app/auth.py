"""Who may add, edit and restore: anyone may read; changes need sign-in when the app is hosted.

`edit_policy` is pure (secrets in, policy out) and decides the mode:

- "oidc"     `[auth]` is configured as `st.login` expects: editors sign in with the provider;
- "password" `[editor] password` is set: one shared editor password;
- "open"     neither is configured (a local run): editing is open, and the page says so;
- "closed"   a sign-in was configured but cannot work (incomplete `[auth]`, empty password,
             unreadable secrets): editing is refused rather than silently opened.

`require_editor` renders what the mode needs and returns the editor's name, or None.
Secret values are never shown, logged or put in messages; only setting names are.
"""
from __future__ import annotations

import hashlib
import hmac
import importlib.util
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from . import safe

OIDC_KEYS = ("client_id", "client_secret", "server_metadata_url")  # per provider (st.login)
SHARED_KEYS = ("redirect_uri", "cookie_secret")  # in [auth] itself
OPEN_CAPTION = "Editing is open: no sign-in is configured (local use)"
_SESSION_KEY = "_editor_password_token"


@dataclass(frozen=True)
class Policy:
    mode: str  # "oidc" | "password" | "open" | "closed"
    providers: tuple[str | None, ...] = ()  # oidc: st.login(provider) names; None is [auth] itself
    editors: tuple[str, ...] = ()  # oidc: allowed e-mails or "@domain"s; empty = anyone who signs in
    problem: str = ""  # why editing is closed, naming settings, never their values


def _filled(section: Mapping, keys) -> list[str]:
    return [k for k in keys if not str(section.get(k) or "").strip()]


def _oidc(auth: Mapping) -> tuple[tuple[str | None, ...], str]:
    """(usable providers, what is missing) for an [auth] section."""
    missing = [f"[auth] {k}" for k in _filled(auth, SHARED_KEYS)]
    providers: list[str | None] = []
    if not _filled(auth, OIDC_KEYS):
        providers.append(None)
    elif any(k in auth for k in OIDC_KEYS):
        missing += [f"[auth] {k}" for k in _filled(auth, OIDC_KEYS)]
    for name, section in auth.items():
        if not isinstance(section, Mapping) or name == "client_kwargs":
            continue
        gaps = _filled(section, OIDC_KEYS)
        if "_" in name:  # st.login does not accept provider names with an underscore
            missing.append(f"[auth.{name}] a name without '_'")
        elif gaps:
            missing += [f"[auth.{name}] {k}" for k in gaps]
        else:
            providers.append(name)
    if not providers:
        missing.append("[auth] a provider (client_id, client_secret, server_metadata_url)")
    return (tuple(providers) if not missing else ()), ", ".join(missing)


def _editors(editor: Mapping) -> tuple[str, ...]:
    raw = editor.get("emails", ())
    raw = [raw] if isinstance(raw, str) else raw
    return tuple(str(e).strip().lower() for e in raw if str(e).strip())


def edit_policy(secrets: Mapping) -> Policy:
    """The sign-in that editing needs, from the app's secrets (st.secrets or a plain dict)."""
    auth = secrets.get("auth")
    editor = secrets.get("editor")
    editor = editor if isinstance(editor, Mapping) else {}
    problem = ""
    if isinstance(auth, Mapping) and auth:
        providers, problem = _oidc(auth)
        if providers:
            return Policy("oidc", providers=providers, editors=_editors(editor))
        problem = f"sign-in is configured but incomplete: missing {problem}"
    if "password" in editor:
        password = editor.get("password")
        if isinstance(password, str) and password:
            return Policy("password")
        return Policy("closed", problem="[editor] password must be a non-empty string")
    if problem:
        return Policy("closed", problem=problem)
    return Policy("open")


def allowed_editor(user: Mapping, editors: tuple[str, ...] = ()) -> str | None:
    """The name of a signed-in OIDC user who may edit, or None.

    Only `is_logged_in` counts: a host may fill st.user's e-mail for viewers who never
    signed in. With an [editor] emails list, the user's verified e-mail must be on it
    (exactly, or by its "@domain").
    """
    if user.get("is_logged_in") is not True:
        return None
    email = str(user.get("email") or "").strip().lower()
    name = email or str(user.get("name") or "").strip() or "signed-in user"
    if not editors:
        return name
    if not email or user.get("email_verified") is False:
        return None
    domain = "@" + email.rpartition("@")[2]
    return name if email in editors or domain in editors else None


def _token(password: str) -> str:
    # What session state remembers: not the password, and changing the password signs everyone out.
    return hashlib.sha256(b"defence-dashboard-editor\0" + password.encode("utf-8")).hexdigest()


def _same(given: str, expected: str) -> bool:
    # Digests first, so the comparison takes the same time whatever the lengths.
    return hmac.compare_digest(hashlib.sha256(given.encode("utf-8")).digest(),
                               hashlib.sha256(expected.encode("utf-8")).digest())


def _current_secrets() -> Mapping | None:
    """The app's secrets; {} when there are none; None when a secrets file exists but cannot be read."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no secrets, or unreadable ones
        paths = st.get_option("secrets.files") or []
        return None if any(os.path.exists(p) for p in paths) else {}


def _policy_and_secrets() -> tuple[Policy, Mapping]:
    secrets = _current_secrets()
    if secrets is None:
        return Policy("closed", problem="the secrets file cannot be read"), {}
    return edit_policy(secrets), secrets


def current_policy() -> Policy:
    """The policy in force, without rendering anything (e.g. to word a page's introduction)."""
    return _policy_and_secrets()[0]


def authlib_installed() -> bool:
    return importlib.util.find_spec("authlib") is not None  # st.login needs it


def _key(action: str) -> str:
    return re.sub(r"\W+", "-", action.lower()).strip("-") or "edit"


def _sign_out_password() -> None:
    st.session_state.pop(_SESSION_KEY, None)


def _password_gate(action: str, password: str) -> str | None:
    key = _key(action)
    if st.session_state.get(_SESSION_KEY) == _token(password):
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.caption("Signed in as editor.")
        right.button("Sign out", key=f"editor-sign-out-{key}", on_click=_sign_out_password)
        return "editor"
    with st.form(key=f"editor-sign-in-{key}", clear_on_submit=True):  # the typed password is not kept
        given = st.text_input(f"Editor password (needed to {action})", type="password",
                              autocomplete="current-password", key=f"editor-password-{key}")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        if _same(given or "", password):
            st.session_state[_SESSION_KEY] = _token(password)
            st.rerun()
        st.error("That is not the editor password.", icon=":material/lock:")
    return None


def _oidc_gate(action: str, policy: Policy) -> str | None:
    key = _key(action)
    user = st.user
    if user.get("is_logged_in") is True:
        name = allowed_editor(user, policy.editors)
        left, right = st.columns([4, 1], vertical_alignment="center")
        if name:
            left.caption(f"Signed in as {safe.md(name)}.")
        else:
            left.error("Your account may read but not edit: it is not on the editors' list.",
                       icon=":material/lock:")
        if right.button("Sign out", key=f"editor-sign-out-{key}"):
            st.logout()
        return name
    if not authlib_installed():
        st.error("Sign-in is configured but cannot run: the Authlib package is not installed "
                 "(`pip install Authlib`).", icon=":material/lock:")
        return None
    st.caption(f"Sign in to {safe.md(action)}; anyone with the link may read.")
    for provider in policy.providers:
        label = f"Sign in with {provider}" if provider else "Sign in"
        if st.button(label, key=f"editor-login-{key}-{provider or 'default'}", icon=":material/login:"):
            st.login(provider)
    return None


def require_editor(action: str) -> str | None:
    """Render what signing in to `action` ("add articles") needs; the editor's name when allowed.

    Call it where the action's controls would be, and draw those controls only
    when it returns a name (record that name with the change).
    """
    policy, secrets = _policy_and_secrets()
    if policy.mode == "open":
        st.caption(OPEN_CAPTION)
        return "local"
    if policy.mode == "oidc":
        return _oidc_gate(action, policy)
    if policy.mode == "password":
        return _password_gate(action, secrets["editor"]["password"])
    st.error(f"Editing is switched off: {safe.md(policy.problem)}. Reading is not affected.",
             icon=":material/lock:")
    return None
