"""Sign-in that names people and resists guessing (issue 9, item 4).

Named editor accounts ([editor.accounts], argon2 hashes), the hash command, and the delay that
grows after five wrong passwords, per browser session and per account name: pure tests with an
injected clock, then AppTest on the Add-articles and Review pages with a real store.
"""
from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import threading
import time

import argon2
import pytest
from streamlit.testing.v1 import AppTest

import store
from app import auth
from app.auth import Policy, Throttle, attempt, edit_policy, verify_account, wait_after
from tests.test_pages import (ROOT, _router_runs_every_page, any_store, event_id_of, open_event,  # noqa: F401
                              seed_only, sqlite_store, table, texts, type_into_editor)

FAST = argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # cheap to make; the app verifies any
ANN_PASSWORD = "ann's long passphrase, never shown"
BOB_PASSWORD = "bob's other long passphrase"
ACCOUNTS = {"Ann Analyst": FAST.hash(ANN_PASSWORD), "bob": FAST.hash(BOB_PASSWORD)}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """A fake clock, and a fresh process-wide throttle on it (no state leaks between tests)."""
    fake = Clock()
    monkeypatch.setattr(auth, "ACCOUNTS", Throttle(clock=fake))
    return fake


# --- named accounts: policy and verification ---------------------------------------------------

def test_named_accounts_are_a_mode_of_their_own_and_win_over_a_shared_password():
    assert edit_policy({"editor": {"accounts": ACCOUNTS}}) == Policy("accounts", accounts=("Ann Analyst", "bob"))
    assert edit_policy({"editor": {"accounts": ACCOUNTS, "password": "shared"}}).mode == "accounts"
    oidc = {"redirect_uri": "r", "cookie_secret": "c", "client_id": "i", "client_secret": "s",
            "server_metadata_url": "https://idp.example/.well-known/openid-configuration"}
    assert edit_policy({"auth": oidc, "editor": {"accounts": ACCOUNTS}}).mode == "oidc", "OIDC stays as it is"
    assert "$argon2" not in repr(edit_policy({"editor": {"accounts": ACCOUNTS}})), "hashes stay in the secrets"


@pytest.mark.parametrize("accounts, says", [
    ({"zed-the-editor": "a plain password, not a hash"}, "not an argon2 hash"),
    ({"zed-the-editor": 1234}, "not an argon2 hash"),
    ({"zed-the-editor": "$argon2id$v=19$m=8,t=1,p=1$broken"}, "not an argon2 hash"),
    ({"Zed-The-Editor": ACCOUNTS["bob"], " zed-the-editor ": ACCOUNTS["bob"]}, "only in case"),
    ({"": ACCOUNTS["bob"]}, "empty"),
    ({}, "a table"),
    ("ann", "a table"),
])
def test_an_account_that_cannot_sign_in_closes_editing_and_names_neither_account_nor_value(accounts, says):
    policy = edit_policy({"editor": {"accounts": accounts}})
    assert policy.mode == "closed" and says in policy.problem and "[editor.accounts]" in policy.problem
    assert "plain password" not in policy.problem and "zed" not in policy.problem.lower()


def test_an_account_signs_in_with_its_own_password_only():
    assert verify_account(ACCOUNTS, "Ann Analyst", ANN_PASSWORD) == "Ann Analyst"
    assert verify_account(ACCOUNTS, "  ann analyst ", ANN_PASSWORD) == "Ann Analyst", "the name as configured"
    assert verify_account(ACCOUNTS, "Ann Analyst", "wrong") is None
    assert verify_account(ACCOUNTS, "Ann Analyst", BOB_PASSWORD) is None, "another account's password"
    assert verify_account(ACCOUNTS, "bob", BOB_PASSWORD) == "bob"
    assert verify_account(ACCOUNTS, "mallory", ANN_PASSWORD, FAST) is None, "an unknown name"
    assert verify_account(ACCOUNTS, "", "") is None


def test_a_hash_made_with_weaker_settings_still_signs_in_and_the_log_says_to_remake_it(caplog):
    caplog.set_level(logging.WARNING, logger="app.auth")
    assert argon2.PasswordHasher().check_needs_rehash(ACCOUNTS["bob"])
    assert verify_account(ACCOUNTS, "bob", BOB_PASSWORD) == "bob"
    assert "python -m app.auth hash" in caplog.text and "'bob'" in caplog.text
    assert BOB_PASSWORD not in caplog.text and ACCOUNTS["bob"] not in caplog.text


# --- the hash command ----------------------------------------------------------------------------

def run_hash(stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.auth", "hash"], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_the_hash_command_prints_a_hash_that_signs_in_and_never_the_password():
    out = run_hash("a new editor's passphrase\n")
    assert out.returncode == 0, out.stderr
    printed = out.stdout.strip()
    assert printed.startswith("$argon2id$") and "passphrase" not in out.stdout + out.stderr
    policy = edit_policy({"editor": {"accounts": {"carol": printed}}})
    assert policy.mode == "accounts"
    assert verify_account({"carol": printed}, "carol", "a new editor's passphrase") == "carol"

    empty = run_hash("")
    assert empty.returncode == 1 and not empty.stdout and "empty password" in empty.stderr


def test_at_a_terminal_the_password_is_typed_twice_without_echo():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    typed = iter(["first try", "first try"])
    assert auth.read_password(Terminal(), ask=lambda prompt: next(typed)) == "first try"
    differ = iter(["one", "two"])
    with pytest.raises(SystemExit, match="differ"):
        auth.read_password(Terminal(), ask=lambda prompt: next(differ))


# --- guessing: the growing delay -----------------------------------------------------------------

def test_five_wrong_passwords_are_free_then_the_wait_doubles_up_to_a_cap():
    assert [wait_after(n) for n in range(1, 11)] == [0, 0, 0, 0, 2, 4, 8, 16, 32, 64]
    assert wait_after(50) == auth.MAX_WAIT == wait_after(10_000)


def test_fifty_wrong_passwords_wait_longer_and_longer_and_nothing_is_checked_while_waiting(clock, caplog):
    caplog.set_level(logging.WARNING, logger="app.auth")
    session = Throttle(clock=clock)
    checked = []

    def wrong():
        checked.append(1)
        return None

    waits = []
    for n in range(1, 51):
        tried = attempt("Ann Analyst", wrong, session, auth.ACCOUNTS)
        assert tried.checked and tried.who is None and len(checked) == n
        waits.append(tried.wait)
        if tried.wait:  # a try just before the wait is over is refused unchecked, even the right password
            clock.now += tried.wait - 0.5
            early = attempt("Ann Analyst", lambda: "Ann Analyst", session, auth.ACCOUNTS)
            assert not early.checked and early.who is None and 0 < early.wait <= 0.5
            assert len(checked) == n
            clock.now += 0.5
    assert waits[:4] == [0, 0, 0, 0] and waits[4] == 2
    assert all(a < b for a, b in zip(waits[4:], waits[5:]) if b < auth.MAX_WAIT), "the delay grows"
    assert waits[-1] == auth.MAX_WAIT and sum(waits) > 3 * 3600, "50 guesses take hours, not seconds"

    right = attempt("Ann Analyst", lambda: "Ann Analyst", session, auth.ACCOUNTS)
    assert right.who == "Ann Analyst" and right.wait == 0, "the right password after the wait works"
    assert attempt("Ann Analyst", wrong, session, auth.ACCOUNTS).wait == 0, "and the count starts again"

    failed = [r for r in caplog.records if r.getMessage().startswith("Failed editor sign-in")]
    assert len(failed) == 51 and all("'Ann Analyst'" in r.getMessage() for r in failed)
    assert all("T" in r.getMessage().rsplit(" at ", 1)[1] for r in failed), "with the time (ISO)"
    assert any("refused unchecked" in r.getMessage() for r in caplog.records)


def test_a_new_tab_does_not_reset_an_accounts_wait_and_a_session_waits_whatever_name_it_tries(clock):
    first_tab = Throttle(clock=clock)
    for _ in range(5):
        attempt("Ann Analyst", lambda: None, first_tab, auth.ACCOUNTS)
    new_tab = Throttle(clock=clock)
    again = attempt(" ANN ANALYST", lambda: "Ann Analyst", new_tab, auth.ACCOUNTS)
    assert not again.checked and again.wait == 2, "the account waits in every session"
    assert not attempt("bob", lambda: "bob", first_tab, auth.ACCOUNTS).checked, "the session waits for any name"
    assert attempt("bob", lambda: "bob", Throttle(clock=clock), auth.ACCOUNTS).who == "bob", "others are not held"


def test_tries_sent_at_once_from_many_tabs_get_no_more_than_the_free_ones(clock):
    checked = []

    def slow_wrong():
        checked.append(1)
        time.sleep(0.05)  # as long as an argon2 check: every other try arrives meanwhile
        return None

    tries = [threading.Thread(target=attempt, args=("Ann Analyst", slow_wrong, Throttle(clock=clock), auth.ACCOUNTS))
             for _ in range(40)]
    for t in tries:
        t.start()
    for t in tries:
        t.join()
    assert len(checked) == auth.FREE_TRIES


def test_made_up_names_cannot_fill_the_servers_memory():
    throttle = Throttle(clock=Clock(), keep=100)
    for n in range(1000):
        throttle.failed(f"made-up-{n}")
    assert len(throttle._records) == 100


def test_the_log_has_the_name_tried_and_never_the_password(clock, caplog):
    caplog.set_level(logging.DEBUG)
    session = Throttle(clock=clock)
    for name in ("Ann Analyst", "mallory\nFAKE LOG LINE"):
        for _ in range(7):
            attempt(name, lambda: verify_account(ACCOUNTS, name, ANN_PASSWORD[::-1], FAST), session, auth.ACCOUNTS)
            clock.now += 1
    assert ANN_PASSWORD[::-1] not in caplog.text and all(h not in caplog.text for h in ACCOUNTS.values())
    assert "'mallory\\nFAKE LOG LINE'" in caplog.text and "\nFAKE LOG LINE" not in caplog.text


# --- the pages -----------------------------------------------------------------------------------

def app_with_accounts() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["editor"] = {"accounts": ACCOUNTS}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at: AppTest, action: str, name: str, password: str) -> AppTest:
    at.text_input(key=f"editor-name-{action}").input(name)
    at.text_input(key=f"editor-password-{action}").input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> str:
    parts = [el.value for kind in ("text", "caption", "markdown", "error", "warning", "info", "success")
             for el in at.get(kind) if isinstance(getattr(el, "value", None), str)]
    return "\n".join(parts + [w.value or "" for w in at.text_input] + [b.label for b in at.button])


def test_a_named_account_signs_in_and_the_history_records_its_name(any_store, clock):
    at = app_with_accounts()
    druzhba5 = event_id_of(at, "Druzhba-5")
    at.switch_page("pages/review.py").run()
    assert not [b for b in at.button if b.key == "save"], "no editing before signing in"
    at = sign_in(at, "edit-events", "ann analyst", ANN_PASSWORD)
    assert "Signed in as Ann Analyst." in texts(at.caption)
    pinned = open_event(at, druzhba5)
    at = type_into_editor(at, pinned, location="Pabbi")
    at.button(key="save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Saved Place of “Druzhba-5”" in texts(at.success)
    assert list(table(at, "history")["Who"]) == ["Ann Analyst"]
    engine = store.connect(any_store)
    try:
        assert list(store.history(engine, druzhba5)["author"]) == ["Ann Analyst"]
    finally:
        engine.dispose()
    assert ANN_PASSWORD not in shown(at) and ANN_PASSWORD not in repr(at.session_state)
    assert ACCOUNTS["Ann Analyst"] not in shown(at) + repr(at.session_state)

    at.button(key="editor-sign-out-edit-events").click().run()
    assert not [b for b in at.button if b.key == "save"] and at.text_input(key="editor-name-edit-events")


def test_wrong_passwords_lock_the_sign_in_out_for_a_growing_while(sqlite_store, clock, caplog):
    caplog.set_level(logging.WARNING, logger="app.auth")
    at = app_with_accounts()
    at.switch_page("pages/add_articles.py").run()
    for n in range(1, 6):
        at = sign_in(at, "add-articles", "Ann Analyst", f"guess {n}")
        assert "That name and password do not match an editor account." in texts(at.error)
    assert "wait 2 seconds" in texts(at.error)
    at = sign_in(at, "add-articles", "Ann Analyst", ANN_PASSWORD)
    assert "Too many wrong passwords: wait 2 seconds" in texts(at.error), "refused unchecked while waiting"
    assert not at.file_uploader

    other_tab = app_with_accounts()  # a new tab for the same account waits too
    other_tab.switch_page("pages/add_articles.py").run()
    other_tab = sign_in(other_tab, "add-articles", "Ann Analyst", ANN_PASSWORD)
    assert "Too many wrong passwords" in texts(other_tab.error) and not other_tab.file_uploader

    clock.now += 2
    at = sign_in(at, "add-articles", "Ann Analyst", "guess 6")
    assert "wait 4 seconds" in texts(at.error), "the next wait is longer"
    clock.now += 4
    at = sign_in(at, "add-articles", "Ann Analyst", ANN_PASSWORD)
    assert not at.error and at.file_uploader, "after the wait the right password works"
    assert "Signed in as Ann Analyst." in texts(at.caption)

    assert caplog.text.count("Failed editor sign-in for account 'Ann Analyst'") == 6
    assert "guess" not in caplog.text and ANN_PASSWORD not in caplog.text


def test_the_shared_password_is_throttled_too(clock):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["editor"] = {"password": "a long shared editor password"}
    at.run()
    at.switch_page("pages/add_articles.py").run()
    for n in range(6):
        at.text_input(key="editor-password-add-articles").input(f"guess {n}")
        next(b for b in at.button if b.label == "Sign in").click().run()
    assert "Too many wrong passwords: wait 2 seconds" in texts(at.error)
    at.text_input(key="editor-password-add-articles").input("a long shared editor password")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.file_uploader, "the right password is not even checked while waiting"
