"""Account requests that arrive at the same moment, on both engines: one username, one first
administrator, no more failed guesses than the throttle allows, and password hashing that never
holds up other writers."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest

from web_client import PASSWORD, TestClient, api_token, csrf_of, sign_in, sign_up

from skilltree.services import accounts
from skilltree.store.accounts import AccountRepository
from skilltree.store.uow import units_of_work


def at_once(actions):
    """Runs the actions in threads released together; their results, in order."""
    barrier = threading.Barrier(len(actions))

    def run(action):
        barrier.wait()
        return action()

    with ThreadPoolExecutor(len(actions)) as pool:
        return list(pool.map(run, actions))


def signup_form(app, username: str, password: str):
    """A visitor with the sign-up page open, ready to post it."""
    client = TestClient(app, follow_redirects=False)
    token = csrf_of(client.get("/signup").text)
    return client, lambda: client.post("/signup", data={"username": username, "password": password, "password_again": password, "csrf_token": token})


def test_two_sign_ups_for_one_username_make_one_account(app):
    first, post_first = signup_form(app, "ada", "first password")
    second, post_second = signup_form(app, "ada", "second password")
    answers = at_once([post_first, post_second])
    assert sorted(answer.status_code for answer in answers) == [303, 409]
    refused = next(answer for answer in answers if answer.status_code == 409)
    assert "the username &#39;ada&#39; is taken" in refused.text
    # The account keeps the password it was made with; the other one opens nothing.
    winner = "first password" if answers[0].status_code == 303 else "second password"
    loser = "second password" if winner == "first password" else "first password"
    visitor = TestClient(app, follow_redirects=False)
    assert sign_in(visitor, "ada", loser).status_code == 401
    assert sign_in(visitor, "ada", winner).status_code == 303


def test_two_first_sign_ups_make_one_administrator(app):
    def slow_grant(uow, *, learner):
        time.sleep(0.2)  # keeps each sign-up's transaction open long enough to overlap the other's
        return learner

    def first_sign_up(username: str):
        return lambda: accounts.sign_up(
            units_of_work(app.state.engine), username=username, password=PASSWORD, display_name="", client="testclient", now=datetime.now(timezone.utc), grant=slow_grant
        )

    made = at_once([first_sign_up("ada"), first_sign_up("grace")])
    assert sorted(learner.is_admin for learner in made) == [False, True]
    administrator = next(learner.username for learner in made if learner.is_admin)
    clients = {username: TestClient(app, follow_redirects=False) for username in ("ada", "grace")}
    for username, client in clients.items():
        sign_in(client, username)
        assert ("Anyone may sign up" in client.get("/settings").text) == (username == administrator)


def test_guesses_sent_at_once_are_throttled_like_guesses_one_by_one(app, monkeypatch):
    sign_up(TestClient(app, follow_redirects=False), "ada")
    record_failure = AccountRepository.add_login_failure

    def slow_record_failure(self, **failure):
        time.sleep(0.2)  # a slow disk: keeps each guess's transaction open long enough to overlap the others'
        record_failure(self, **failure)

    monkeypatch.setattr(AccountRepository, "add_login_failure", slow_record_failure)
    client = TestClient(app)
    allowed = accounts.FAILURES_PER_ACCOUNT_AND_CLIENT

    def guess():
        return client.post("/api/v1/tokens", json={"username": "ada", "password": "a wrong guess"}).status_code

    assert sorted(at_once([guess] * 2 * allowed)) == [401] * allowed + [429] * allowed
    assert client.post("/api/v1/tokens", json={"username": "ada", "password": PASSWORD}).status_code == 429


def test_hashing_a_password_does_not_hold_up_other_writers(app, monkeypatch):
    """argon2 takes about 0.1 s; while one request hashes, another learner's progress still saves."""
    client = TestClient(app, follow_redirects=False)
    sign_up(client, "grace")
    grace = api_token(client, "grace")
    hashing, done_waiting = threading.Event(), threading.Event()

    def held_up(real):
        def hash_or_check(*args):
            hashing.set()
            done_waiting.wait(timeout=10)
            return real(*args)

        return hash_or_check

    monkeypatch.setattr(accounts, "hash_password", held_up(accounts.hash_password))
    monkeypatch.setattr(accounts, "password_matches", held_up(accounts.password_matches))
    visitor = TestClient(app, follow_redirects=False)
    token = csrf_of(visitor.get("/signup").text)
    requests = {
        "sign-up": lambda: visitor.post("/signup", data={"username": "ada", "password": PASSWORD, "password_again": PASSWORD, "csrf_token": token}),
        "sign-in": lambda: TestClient(app).post("/api/v1/tokens", json={"username": "grace", "password": PASSWORD}),
    }
    for name, request in requests.items():
        hashing.clear()
        done_waiting.clear()
        with ThreadPoolExecutor(2) as pool:
            waiting = pool.submit(request)
            assert hashing.wait(timeout=10), name
            marking = pool.submit(
                client.put, "/api/v1/me/progress/git", json={"status": "done"}, headers={"Authorization": f"Bearer {grace}"}
            )
            try:
                assert marking.result(timeout=5).status_code == 200, name
            except TimeoutError:
                pytest.fail(f"marking a topic waited for the password hash of a {name}")
            finally:
                done_waiting.set()
            assert waiting.result().status_code in (201, 303), name


def test_sign_ups_sent_at_once_are_throttled_like_sign_ups_one_by_one(app, monkeypatch):
    sign_up(TestClient(app, follow_redirects=False), "ada")
    record_failure = AccountRepository.add_login_failure

    def slow_record_failure(self, **failure):
        time.sleep(0.2)  # keeps each refusal's transaction open long enough to overlap the others'
        record_failure(self, **failure)

    monkeypatch.setattr(AccountRepository, "add_login_failure", slow_record_failure)
    allowed = 3
    monkeypatch.setattr(accounts, "SIGN_UP_REFUSALS_PER_CLIENT", allowed)
    probes = [signup_form(app, "ada", PASSWORD)[1] for _ in range(2 * allowed)]
    assert sorted(answer.status_code for answer in at_once(probes)) == [409] * allowed + [429] * allowed
