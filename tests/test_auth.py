"""Who may edit: the pure policy for each configuration, and the gate under AppTest."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from app import auth
from app.auth import Policy, allowed_editor, edit_policy

OIDC = {"redirect_uri": "https://app.example/oauth2callback", "cookie_secret": "COOKIE-SECRET-VALUE",
        "client_id": "CLIENT-ID-VALUE", "client_secret": "CLIENT-SECRET-VALUE",
        "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration"}
PASSWORD = "correct horse battery staple"


# --- the pure policy -----------------------------------------------------------------------

def test_no_sign_in_configured_is_open():
    assert edit_policy({}) == Policy("open")
    assert edit_policy({"connections": {"events": {"url": "sqlite:///x.db"}}}) == Policy("open")


def test_auth_section_as_st_login_expects_is_oidc():
    assert edit_policy({"auth": OIDC}) == Policy("oidc", providers=(None,))
    # it wins over a password: the stronger sign-in is used when both are there
    assert edit_policy({"auth": OIDC, "editor": {"password": PASSWORD}}).mode == "oidc"


def test_named_providers_and_an_editors_list():
    shared = {k: OIDC[k] for k in ("redirect_uri", "cookie_secret")}
    provider = {k: OIDC[k] for k in auth.OIDC_KEYS}
    secrets = {"auth": {**shared, "google": provider, "microsoft": dict(provider)},
               "editor": {"emails": ["Analyst@Example.org", "@ministry.example"]}}
    policy = edit_policy(secrets)
    assert policy.mode == "oidc" and policy.providers == ("google", "microsoft")
    assert policy.editors == ("analyst@example.org", "@ministry.example")
    # client_kwargs is a table of [auth] itself, not a provider
    assert edit_policy({"auth": {**OIDC, "client_kwargs": {"prompt": "login"}}}).providers == (None,)


def test_editor_password_is_password():
    assert edit_policy({"editor": {"password": PASSWORD}}) == Policy("password")


@pytest.mark.parametrize("secrets, missing", [
    ({"auth": {k: v for k, v in OIDC.items() if k != "cookie_secret"}}, "[auth] cookie_secret"),
    ({"auth": {**OIDC, "client_secret": ""}}, "[auth] client_secret"),
    ({"auth": {"redirect_uri": OIDC["redirect_uri"], "cookie_secret": "x"}}, "a provider"),
    ({"auth": {"redirect_uri": "r", "cookie_secret": "c", "my_idp": {}}}, "without '_'"),
    ({"editor": {"password": ""}}, "[editor] password"),
    ({"editor": {"password": 1234}}, "[editor] password"),
])
def test_a_broken_sign_in_closes_editing_instead_of_opening_it(secrets, missing):
    policy = edit_policy(secrets)
    assert policy.mode == "closed" and missing in policy.problem
    for value in ("COOKIE-SECRET-VALUE", "CLIENT-ID-VALUE", "CLIENT-SECRET-VALUE"):
        assert value not in policy.problem  # settings are named, never quoted


def test_incomplete_oidc_falls_back_to_a_configured_password():
    assert edit_policy({"auth": {"redirect_uri": "r"}, "editor": {"password": PASSWORD}}).mode == "password"


def test_only_a_signed_in_user_on_the_list_may_edit():
    assert allowed_editor({"email": "a@x.org"}) is None  # a host may fill the e-mail of any viewer
    assert allowed_editor({"is_logged_in": False, "email": "a@x.org"}) is None
    assert allowed_editor({"is_logged_in": True, "email": "A@X.org"}) == "a@x.org"
    assert allowed_editor({"is_logged_in": True, "name": "Ann"}) == "Ann"
    editors = ("a@x.org", "@ministry.example")
    assert allowed_editor({"is_logged_in": True, "email": "a@x.org"}, editors) == "a@x.org"
    assert allowed_editor({"is_logged_in": True, "email": "b@ministry.example"}, editors) == "b@ministry.example"
    assert allowed_editor({"is_logged_in": True, "email": "b@x.org"}, editors) is None
    assert allowed_editor({"is_logged_in": True, "email": "a@x.org", "email_verified": False}, editors) is None
    assert allowed_editor({"is_logged_in": True, "name": "Ann"}, editors) is None


def test_a_secrets_file_that_cannot_be_read_closes_editing(monkeypatch, tmp_path):
    broken = tmp_path / "secrets.toml"
    broken.write_text("[editor\npassword = ", encoding="utf-8")

    class Unreadable:  # what st.secrets does when its file is missing or does not parse
        def to_dict(self):
            raise FileNotFoundError("no secrets")

    monkeypatch.setattr(auth.st, "secrets", Unreadable())
    monkeypatch.setattr(auth.st, "get_option", lambda name: [str(broken)])
    assert auth.current_policy() == Policy("closed", problem="the secrets file cannot be read")
    broken.unlink()  # no file at all: a local run
    assert auth.current_policy() == Policy("open")


# --- the gate, as a page would use it ------------------------------------------------------

SCRIPT = """
import streamlit as st
from app import auth
who = auth.require_editor("add articles")
st.text(f"editor={who}")
"""


def gate(**secrets) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    for key, value in secrets.items():
        at.secrets[key] = value
    return at


def shown(at: AppTest) -> str:
    """Everything the page shows as text, to check no secret is echoed."""
    parts = [el.value for kind in ("text", "caption", "markdown", "error", "warning", "info")
             for el in at.get(kind) if isinstance(getattr(el, "value", None), str)]
    return "\n".join(parts + [w.label for w in at.text_input] + [b.label for b in at.button])


def editor(at: AppTest) -> str:
    return next(t.value for t in at.text if t.value.startswith("editor="))


def test_open_mode_says_so_and_allows():
    at = gate(unrelated="x")  # injected, so that a developer's own secrets.toml is not read
    at.run()
    assert not at.exception
    assert auth.OPEN_CAPTION in [c.value for c in at.caption]
    assert editor(at) == "editor=local"
    assert len(at.text_input) == 0


def test_password_mode_refuses_a_wrong_password_and_allows_the_right_one():
    at = gate(editor={"password": PASSWORD})
    at.run()
    assert editor(at) == "editor=None"
    field = at.text_input(key="editor-password-add-articles")
    assert field.proto.type == field.proto.PASSWORD  # masked in the browser

    field.input("wrong guess")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert editor(at) == "editor=None"
    assert [e.value for e in at.error] == ["That is not the editor password."]
    assert "wrong guess" not in shown(at)

    at.text_input(key="editor-password-add-articles").input(PASSWORD)
    at.button[0].click()
    at.run()
    assert not at.exception
    assert editor(at) == "editor=editor"
    assert "Signed in as editor." in [c.value for c in at.caption]
    assert len(at.text_input) == 0 and not at.error
    assert PASSWORD not in shown(at)
    assert PASSWORD not in repr(at.session_state)  # a token, not the password

    at.run()  # remembered for the session
    assert editor(at) == "editor=editor"
    at.button(key="editor-sign-out-add-articles").click()
    at.run()
    assert editor(at) == "editor=None"


@pytest.mark.parametrize("installed", [True, False], ids=["authlib", "no-authlib"])
def test_oidc_mode_signed_out_offers_sign_in_and_refuses(monkeypatch, installed):
    monkeypatch.setattr(auth, "authlib_installed", lambda: installed)
    at = gate(auth=OIDC)
    at.user = {"email": "viewer@example.org"}  # a host's viewer e-mail is not a sign-in
    at.run()
    assert not at.exception
    assert editor(at) == "editor=None"
    if installed:
        assert [b.label for b in at.button] == ["Sign in"]
    else:  # st.login cannot run: say so, and do not open editing
        assert not at.button and "Authlib" in at.error[0].value
    assert "CLIENT-SECRET-VALUE" not in shown(at) and "COOKIE-SECRET-VALUE" not in shown(at)


def test_oidc_mode_signed_in_editor_is_named():
    at = gate(auth=OIDC, editor={"emails": ["@example.org"]})
    at.user = {"is_logged_in": True, "email": "ann@example.org", "name": "Ann"}
    at.run()
    assert not at.exception
    assert editor(at) == "editor=ann@example.org"
    at.user = {"is_logged_in": True, "email": "eve@elsewhere.org"}
    at.run()
    assert editor(at) == "editor=None" and "not on the editors' list" in at.error[0].value


def test_broken_configuration_refuses_and_names_no_secret():
    at = gate(auth={"redirect_uri": OIDC["redirect_uri"], "client_secret": "CLIENT-SECRET-VALUE"})
    at.run()
    assert not at.exception
    assert editor(at) == "editor=None"
    assert "Editing is switched off" in at.error[0].value
    assert "CLIENT-SECRET-VALUE" not in shown(at)
