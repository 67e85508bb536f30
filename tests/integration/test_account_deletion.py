"""Deleting an account erases everything the learner owns at once, also while one of their requests
is in flight, on both engines; the last administrator stays; the username becomes free."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from skilltree.progress.models import Source, Status
from skilltree.services import accounts, administration, my_account, notes, progress
from skilltree.services.progress import AccountGone
from skilltree.store.notes import NoteRepository
from skilltree.store.uow import UnitOfWork, units_of_work

T0 = datetime.now(timezone.utc) - timedelta(hours=1)
PASSWORD = "correct horse battery"
OWNED = ("progress_events", "topic_status", "note_revisions", "web_sessions", "api_tokens", "reset_links")


@pytest.fixture
def units(engine):
    return units_of_work(engine)


def new_account(units, username):
    def nothing(uow, *, learner):
        return learner

    return accounts.sign_up(units, username=username, password=PASSWORD, display_name="", client="testclient", now=T0, grant=nothing)


def filled_account(units, catalog, username):
    learner = new_account(units, username)
    progress.mark_topics(units, catalog, learner=learner, topic_ids=["git"], status=Status.DONE, source=Source.WEB, now=T0)
    notes.save_note(units, catalog, learner=learner, topic_id="git", body="mine", links=[], now=T0)
    with units(write=True) as uow:
        accounts.open_session(uow, learner=learner, now=T0, secret="k" * 32)
        accounts.issue_token(uow, learner=learner, now=T0, secret="k" * 32)
        uow.commit()
    administration.issue_reset_link(units, actor="root", username=username, now=T0, secret="k" * 32)
    return learner


def rows_of(engine, learner_id: int) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT count(*) FROM {table} WHERE learner_id = :id"), {"id": learner_id}).scalar()
            for table in OWNED
        }


def orphans(engine) -> dict[str, int]:
    with engine.connect() as connection:
        counts = {
            table: connection.execute(
                text(f"SELECT count(*) FROM {table} WHERE learner_id NOT IN (SELECT id FROM learners)")
            ).scalar()
            for table in OWNED
        }
    return {table: count for table, count in counts.items() if count}


def test_deleting_erases_everything_and_frees_the_username(units, catalog, engine):
    admin = filled_account(units, catalog, "root")  # the first account is the administrator
    ada = filled_account(units, catalog, "ada")
    assert all(rows_of(engine, ada.id).values())
    with pytest.raises(accounts.AuthenticationFailed, match="the password is not right"):
        my_account.delete_account(units, learner=ada, password="wrong password")
    my_account.delete_account(units, learner=ada, password=PASSWORD)
    assert rows_of(engine, ada.id) == dict.fromkeys(OWNED, 0)
    assert all(rows_of(engine, admin.id).values())  # nobody else's
    again = new_account(units, "ada")
    assert again.username == "ada" and not again.is_admin


def test_the_last_administrator_cannot_delete_themselves(units, catalog):
    root = new_account(units, "root")
    with pytest.raises(accounts.Conflict) as refused:
        my_account.delete_account(units, learner=root, password=PASSWORD)
    assert refused.value.message == "the last administrator cannot be deleted; make another account an administrator first"


def test_a_deletion_waits_for_a_write_in_flight_and_leaves_no_orphans(units, catalog, engine, monkeypatch):
    new_account(units, "root")
    ada = filled_account(units, catalog, "ada")
    appended, release = threading.Event(), threading.Event()
    real_append = NoteRepository.append

    def append_then_wait(self, learner_id, revision):
        real_append(self, learner_id, revision)
        appended.set()
        release.wait(timeout=20)  # the request is in flight: written, not yet committed

    monkeypatch.setattr(NoteRepository, "append", append_then_wait)
    outcomes = {}

    def request():
        notes.save_note(units, catalog, learner=ada, topic_id="sql", body="in flight", links=[], now=T0)
        outcomes["request"] = "saved"

    def deletion():
        my_account.delete_account(units, learner=ada, password=PASSWORD)
        outcomes["deletion"] = "deleted"

    in_flight = threading.Thread(target=request)
    in_flight.start()
    assert appended.wait(timeout=20)
    deleting = threading.Thread(target=deletion)
    deleting.start()
    time.sleep(0.5)  # argon2 and then the learner's lock: the deletion must be waiting, not done
    assert "deletion" not in outcomes
    release.set()
    in_flight.join(timeout=30)
    deleting.join(timeout=30)
    assert outcomes == {"request": "saved", "deletion": "deleted"}
    assert rows_of(engine, ada.id) == dict.fromkeys(OWNED, 0)
    assert orphans(engine) == {}


def test_a_request_that_arrives_after_the_deletion_writes_nothing(units, catalog, engine):
    new_account(units, "root")
    ada = filled_account(units, catalog, "ada")  # as a request holds it once it has authenticated
    my_account.delete_account(units, learner=ada, password=PASSWORD)
    with pytest.raises(AccountGone, match="this account no longer exists"):
        progress.mark_topics(units, catalog, learner=ada, topic_ids=["sql"], status=Status.DONE, source=Source.API, now=T0)
    with pytest.raises(AccountGone):
        notes.save_note(units, catalog, learner=ada, topic_id="sql", body="late", links=[], now=T0)
    assert orphans(engine) == {}
    with UnitOfWork(engine) as uow:
        assert uow.learners.get("ada") is None
