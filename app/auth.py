"""Who may add, edit and restore: anyone may read; changes need sign-in when the app is hosted.

`edit_policy` is pure (secrets in, policy out) and decides the mode:

- "oidc"     `[auth]` is configured as `st.login` expects: editors sign in with the provider;
- "accounts" `[editor.accounts]` names editors, each with an argon2 hash of their password
             (`python -m app.auth hash` prints one); history records the account's name;
- "password" `[editor] password` is set: one shared editor password, recorded as "editor";
- "open"     none is configured (a local run): editing is open, and the page says so;
- "closed"   a sign-in was configured but cannot work (incomplete `[auth]`, empty password,
             an account whose value is not an argon2 hash, unreadable secrets): editing is
             refused rather than silently opened.

`require_editor` renders what the mode needs and returns the editor's name, or None.
Passwords are checked only when `Throttle` allows: after FREE_TRIES wrong ones a browser session,
and an account name in every session of the process, wait a doubling delay before the next try is
even checked. Failed sign-ins are logged with the name tried and the time, never the password.
Secret values (passwords, hashes) are never shown, logged or put in messages; only setting names are.
"""
from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import importlib.util
import logging
import math
import os
import re
import sys
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone

import argon2
import streamlit as st

from . import safe

OIDC_KEYS = ("client_id", "client_secret", "server_metadata_url")  # per provider (st.login)
SHARED_KEYS = ("redirect_uri", "cookie_secret")  # in [auth] itself
OPEN_CAPTION = "Editing is open: no sign-in is configured (local use)"
SHARED_NAME = "editor"  # the author recorded for the shared password
_SESSION_KEY = "_editor_password_token"
_ACCOUNT_KEY = "_editor_account"  # (account name, token) of a signed-in named account
_THROTTLE_KEY = "_editor_sign_in_throttle"  # this browser session's Throttle

FREE_TRIES = 5  # wrong passwords before any wait
FIRST_WAIT = 2.0  # seconds after the FREE_TRIES-th wrong one; doubles with each further one
MAX_WAIT = 300.0  # the cap: a guess every five minutes at most, per session and per account name

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Policy:
    mode: str  # "oidc" | "accounts" | "password" | "open" | "closed"
    providers: tuple[str | None, ...] = ()  # oidc: st.login(provider) names; None is [auth] itself
    editors: tuple[str, ...] = ()  # oidc: allowed e-mails or "@domain"s; empty = anyone who signs in
    problem: str = ""  # why editing is closed, naming settings, never their values
    accounts: tuple[str, ...] = ()  # accounts: the editors' names (their hashes stay in the secrets)


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


def name_key(name: object) -> str:
    """How a typed account name is matched: NFKC, case-folded, outer space dropped ("Ann " is "ann")."""
    return unicodedata.normalize("NFKC", str(name or "")).casefold().strip()


def is_argon2_hash(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        argon2.extract_parameters(value)
    except argon2.exceptions.InvalidHashError:
        return False
    return True


def _accounts(raw: object) -> tuple[tuple[str, ...], str]:
    """(account names, what is wrong) for an [editor.accounts] table. Names are never quoted in the
    problem: the page shows it to anyone with the link, and a name is half of a sign-in."""
    if not isinstance(raw, Mapping) or not raw:
        return (), "[editor.accounts] must be a table of name = \"argon2 hash\" entries"
    names = [str(n).strip() for n in raw]
    bad_names = sum(1 for n in names if not n or len(n) > 100 or not n.isprintable())
    bad_hashes = sum(1 for v in raw.values() if not is_argon2_hash(v))
    clashes = len(names) - len({name_key(n) for n in names})
    problems = [f"{n} {what}" for n, what in (
        (bad_hashes, "whose value is not an argon2 hash (make one with `python -m app.auth hash`)"),
        (bad_names, "whose name is empty, over 100 characters or unprintable"),
        (clashes, "whose name differs from another's only in case or spacing")) if n]
    if not problems:
        return tuple(names), ""
    return (), f"[editor.accounts] has entries that cannot sign in: {'; '.join(problems)}"


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
    if "accounts" in editor:  # named accounts win over a shared password: history can say who
        names, wrong = _accounts(editor["accounts"])
        return Policy("accounts", accounts=names) if names else Policy("closed", problem=wrong)
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


# --- guessing: a delay that grows with each wrong password ---------------------------------------

def wait_after(failures: int, free: int = FREE_TRIES, first: float = FIRST_WAIT, cap: float = MAX_WAIT) -> float:
    """Seconds to wait after `failures` wrong passwords in a row: 0 for the first `free`, then
    first, 2 × first, 4 × first ... up to `cap`."""
    if failures < free:
        return 0.0
    return min(cap, first * 2.0 ** min(failures - free, 64))


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0  # clock time of the last wrong password


@dataclass(eq=False)
class Throttle:
    """Wrong passwords in a row per key (an account name; "" for a session's own) and when the next
    try may be checked. The clock is injectable (tests); `keep` bounds the memory an attacker
    spraying made-up names can take: the least recently failed keys beyond it are forgotten."""
    clock: Callable[[], float] = time.monotonic
    keep: int = 10_000
    _records: OrderedDict = field(default_factory=OrderedDict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def wait(self, key: str = "") -> float:
        """Seconds before a try for `key` may be checked; 0 now."""
        with self._lock:
            r = self._records.get(key)
            return 0.0 if r is None else max(0.0, r.last + wait_after(r.failures) - self.clock())

    def failed(self, key: str = "") -> float:
        """Counts a wrong password; the wait it imposes."""
        with self._lock:
            r = self._records.pop(key, None) or _Record()
            r.failures, r.last = r.failures + 1, self.clock()
            self._records[key] = r
            while len(self._records) > self.keep:
                self._records.popitem(last=False)
            return wait_after(r.failures)

    def succeeded(self, key: str = "") -> None:
        with self._lock:
            self._records.pop(key, None)


_COUNTING = threading.Lock()


@dataclass(frozen=True)
class Attempt:
    who: str | None  # the editor signed in; None: refused
    checked: bool  # False: refused unchecked, the wait was not over
    wait: float  # seconds before the next try will be checked (0: now)


def attempt(name: str, check: Callable[[], str | None], session: Throttle, accounts: Throttle,
            when: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> Attempt:
    """One sign-in try for the account `name`: refused unchecked while this session or this account
    name must still wait; otherwise `check()` decides (the editor's name, or None for a wrong
    password). A wrong password counts against both and is logged with the name tried and the
    time (the password is not in reach of this function)."""
    key = name_key(name)
    shown = repr(str(name)[:100])  # repr: a name with a line break cannot forge a log line
    with _COUNTING:  # counted before the check and forgiven if right: tries sent at once from many
        pending = max(session.wait(), accounts.wait(key))  # tabs cannot all pass in the free ones
        wait = 0.0 if pending > 0 else max(session.failed(), accounts.failed(key))
    if pending > 0:
        log.warning("Editor sign-in refused unchecked for account %s at %s: %.0f s still to wait",
                    shown, when().isoformat(timespec="seconds"), math.ceil(pending))
        return Attempt(None, False, pending)
    if who := check():
        session.succeeded()
        accounts.succeeded(key)
        return Attempt(who, True, 0.0)
    log.warning("Failed editor sign-in for account %s at %s", shown, when().isoformat(timespec="seconds"))
    return Attempt(None, True, wait)


def wait_message(seconds: float) -> str:
    s = math.ceil(seconds)
    return f"Too many wrong passwords: wait {s} second{'s' if s != 1 else ''}, then try again."


# --- named accounts: argon2 hashes ---------------------------------------------------------------

HASHER = argon2.PasswordHasher()  # argon2id, RFC 9106's low-memory profile (64 MiB, 3 passes)
_VERIFYING = threading.BoundedSemaphore(2)  # each check takes 64 MiB: a flood of tries queues instead
_dummy: dict[tuple, str] = {}


def _dummy_hash(hasher: argon2.PasswordHasher) -> str:
    # An unknown name costs the same check as a known one, so timing does not tell which names exist.
    key = (hasher.type, hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _dummy:
        _dummy[key] = hasher.hash(os.urandom(16).hex())
    return _dummy[key]


def verify_account(accounts: Mapping, name: str, password: str,
                   hasher: argon2.PasswordHasher = HASHER) -> str | None:
    """The account's name as configured when `password` is its password; None otherwise."""
    wanted = name_key(name)
    found = next((n for n in accounts if name_key(n) == wanted and wanted), None)
    stored = accounts.get(found) if found is not None else None
    try:
        with _VERIFYING:
            hasher.verify(stored if isinstance(stored, str) else _dummy_hash(hasher), password)
    except argon2.exceptions.VerificationError:  # the wrong password (VerifyMismatchError) or a bad hash
        return None
    except argon2.exceptions.InvalidHashError:
        log.error("The argon2 hash of an editor account cannot be read; make it again with "
                  "`python -m app.auth hash`")
        return None
    if found is None:
        return None
    if hasher.check_needs_rehash(stored):  # secrets are read-only here: say so, and sign in all the same
        log.warning("The password hash of editor account %r uses weaker settings than the app's; "
                    "make a new one with `python -m app.auth hash`", str(found)[:100])
    return str(found)


# --- the gates -----------------------------------------------------------------------------------

def _token(password: str) -> str:
    # What session state remembers: not the password, and changing the password signs everyone out.
    return hashlib.sha256(b"defence-dashboard-editor\0" + password.encode("utf-8")).hexdigest()


def _account_token(name: str, stored: str) -> str:
    # Changing an account's password (its hash) or removing it signs that account out of every session.
    return hashlib.sha256(b"defence-dashboard-account\0" + f"{name}\0{stored}".encode("utf-8")).hexdigest()


def _same(given: str, expected: str) -> bool:
    # Digests first, so the comparison takes the same time whatever the lengths.
    return hmac.compare_digest(hashlib.sha256(given.encode("utf-8")).digest(),
                               hashlib.sha256(expected.encode("utf-8")).digest())


ACCOUNTS = Throttle()  # per account name, shared by every browser session of this server process


def _session_throttle() -> Throttle:
    if not isinstance(st.session_state.get(_THROTTLE_KEY), Throttle):
        st.session_state[_THROTTLE_KEY] = Throttle(clock=ACCOUNTS.clock, keep=1)
    return st.session_state[_THROTTLE_KEY]


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


def _sign_out() -> None:
    st.session_state.pop(_SESSION_KEY, None)
    st.session_state.pop(_ACCOUNT_KEY, None)


def _signed_in(action: str, name: str) -> str:
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.caption(f"Signed in as {safe.md(name)}.")
    right.button("Sign out", key=f"editor-sign-out-{_key(action)}", on_click=_sign_out)
    return name


def _refused(tried: Attempt, wrong: str) -> None:
    if not tried.checked:
        st.error(wait_message(tried.wait), icon=":material/timer:")
    else:
        st.error(wrong + (f" {wait_message(tried.wait)}" if tried.wait else ""), icon=":material/lock:")


def _password_gate(action: str, password: str) -> str | None:
    key = _key(action)
    if st.session_state.get(_SESSION_KEY) == _token(password):
        return _signed_in(action, SHARED_NAME)
    with st.form(key=f"editor-sign-in-{key}", clear_on_submit=True):  # the typed password is not kept
        given = st.text_input(f"Editor password (needed to {action})", type="password",
                              autocomplete="current-password", key=f"editor-password-{key}")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        tried = attempt(SHARED_NAME, lambda: SHARED_NAME if _same(given or "", password) else None,
                        _session_throttle(), ACCOUNTS)
        if tried.who:
            st.session_state[_SESSION_KEY] = _token(password)
            st.rerun()
        _refused(tried, "That is not the editor password.")
    return None


def _accounts_gate(action: str, accounts: Mapping) -> str | None:
    key = _key(action)
    signed = st.session_state.get(_ACCOUNT_KEY)
    if isinstance(signed, tuple) and len(signed) == 2:
        name, token = signed
        stored = accounts.get(name)
        if isinstance(stored, str) and hmac.compare_digest(token, _account_token(name, stored)):
            return _signed_in(action, name)
        st.session_state.pop(_ACCOUNT_KEY, None)  # the account was removed or its password changed
    with st.form(key=f"editor-sign-in-{key}", clear_on_submit=True):  # the typed password is not kept
        st.caption(f"Sign in to {safe.md(action)}; anyone with the link may read.")
        name = st.text_input("Editor name", autocomplete="username", key=f"editor-name-{key}")
        given = st.text_input("Password", type="password", autocomplete="current-password",
                              key=f"editor-password-{key}")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        tried = attempt(name or "", lambda: verify_account(accounts, name or "", given or ""),
                        _session_throttle(), ACCOUNTS)
        if tried.who:
            st.session_state[_ACCOUNT_KEY] = (tried.who, _account_token(tried.who, accounts[tried.who]))
            st.rerun()
        _refused(tried, "That name and password do not match an editor account.")
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
    if policy.mode == "accounts":
        return _accounts_gate(action, secrets["editor"]["accounts"])
    if policy.mode == "password":
        return _password_gate(action, secrets["editor"]["password"])
    st.error(f"Editing is switched off: {safe.md(policy.problem)}. Reading is not affected.",
             icon=":material/lock:")
    return None


# --- python -m app.auth hash ---------------------------------------------------------------------

def read_password(stdin=None, ask: Callable[[str], str] = getpass.getpass) -> str:
    """The new password: typed twice without echo at a terminal; the first line of stdin otherwise."""
    stdin = stdin or sys.stdin
    if not stdin.isatty():
        return stdin.readline().rstrip("\r\n")
    first = ask("Password: ")
    if ask("Again: ") != first:
        raise SystemExit("The two passwords differ; nothing was printed.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.auth",
        description="Print an argon2 hash of an editor's password, for [editor.accounts] in the secrets.")
    parser.add_argument("command", choices=["hash"], help="hash: read a password (no echo) and print its hash")
    parser.parse_args(argv)
    password = read_password()
    if not password:
        print("An empty password cannot sign in; nothing was printed.", file=sys.stderr)
        return 1
    if len(password) < 12:
        print("Note: a password of fewer than 12 characters is easy to guess.", file=sys.stderr)
    print(HASHER.hash(password))
    return 0


if __name__ == "__main__":
    sys.exit(main())
