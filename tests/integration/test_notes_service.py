"""Notes through the service layer, on both engines: revisions, deletion, listing, search only
ever of the learner's own, and export version 2 (version 1 still imports)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from skilltree.errors import NotFound, TopicNotFound, Unprocessable
from skilltree.services import notes
from skilltree.services.progress import ensure_learner
from skilltree.services.transfer import export_learner, exported_json, import_learner, parse_export
from skilltree.store.uow import UnitOfWork, units_of_work

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
LINK = {"title": "Pro Git, chapter 3", "url": "https://git-scm.com/book/en/v2"}


@pytest.fixture
def units(engine):
    return units_of_work(engine)


@pytest.fixture
def ada(units):
    return ensure_learner(units, username="ada", now=T0)


@pytest.fixture
def grace(units):
    return ensure_learner(units, username="grace", now=T0)


def save(units, catalog, learner, topic, body, links=(), at=T0):
    return notes.save_note(units, catalog, learner=learner, topic_id=topic, body=body, links=list(links), now=at)


def test_each_save_is_a_revision_and_the_latest_is_the_note(units, catalog, ada):
    save(units, catalog, ada, "git", "first", at=T0)
    save(units, catalog, ada, "git", "second", [LINK], at=T0 + timedelta(minutes=1))
    save(units, catalog, ada, "git", "second", [LINK], at=T0 + timedelta(minutes=2))  # unchanged: no revision
    with units() as uow:
        note = notes.note_of(uow, catalog, learner=ada, topic_id="git")
        revisions = uow.notes.revisions(ada.id)
    assert (note.body, [link.url for link in note.links], note.saved_at) == ("second", [LINK["url"]], T0 + timedelta(minutes=1))
    assert [r.body for r in revisions] == ["first", "second"]


def test_deleting_keeps_the_history_and_a_missing_note_is_a_clear_404(units, catalog, ada):
    save(units, catalog, ada, "git", "kept in history")
    notes.delete_note(units, catalog, learner=ada, topic_id="git", now=T0 + timedelta(minutes=1))
    with units() as uow:
        assert notes.note_of(uow, catalog, learner=ada, topic_id="git") is None
        assert [r.body for r in uow.notes.revisions(ada.id)] == ["kept in history", ""]
    with pytest.raises(NotFound, match="you have no note on 'git'"):
        notes.delete_note(units, catalog, learner=ada, topic_id="git", now=T0)
    with pytest.raises(TopicNotFound, match="no topic 'gti' \\(did you mean 'git'\\?\\)"):
        save(units, catalog, ada, "gti", "x")
    with pytest.raises(Unprocessable, match="too many links: 51, at most 50 per note"):
        save(units, catalog, ada, "git", "x", [LINK] * 51)


def test_listing_is_newest_first_and_filters(units, catalog, ada, grace):
    save(units, catalog, ada, "git", "# Branches\nrebase onto main", at=T0)
    save(units, catalog, ada, "sql", "joins", at=T0 + timedelta(hours=1))
    save(units, catalog, grace, "http", "grace's own", at=T0)
    with units() as uow:
        listed = notes.list_notes(uow, catalog, learner=ada)
        assert [(n.topic, n.first_line) for n in listed] == [("sql", "joins"), ("git", "Branches")]
        assert [n.topic for n in notes.list_notes(uow, catalog, learner=ada, text="REBASE")] == ["git"]
        assert [n.topic for n in notes.list_notes(uow, catalog, learner=ada, text="Git")] == ["git"]  # the title
        assert notes.noted_topics(uow, learner=ada) == {"git", "sql"}
        assert notes.noted_topics(uow, learner=None) == frozenset()


def test_search_finds_only_the_learners_own_notes(units, catalog, ada, grace):
    save(units, catalog, ada, "git", "interactive rebase squashes fixups")
    save(units, catalog, grace, "git", "rebase is scary")
    with units() as uow:
        mine = notes.search_notes(uow, catalog, learner=ada, query="rebase")
        assert [(h.topic_id, h.as_dict()["snippet"]) for h in mine] == [("git", "interactive **rebase** squashes fixups")]
        assert notes.search_notes(uow, catalog, learner=None, query="rebase") == []
        assert notes.search_notes(uow, catalog, learner=ada, query="scary") == []


def test_export_carries_every_revision_and_imports_exactly_once(units, catalog, ada, engine):
    save(units, catalog, ada, "git", "first", at=T0)
    save(units, catalog, ada, "git", "second", [LINK], at=T0 + timedelta(minutes=1))
    with UnitOfWork(engine) as uow:
        document = export_learner(uow, learner=ada)
    assert document["version"] == 2
    assert document["notes"] == [
        {"topic": "git", "body": "first", "links": [], "saved_at": T0.isoformat()},
        {"topic": "git", "body": "second", "links": [LINK], "saved_at": (T0 + timedelta(minutes=1)).isoformat()},
    ]
    newcomer = ensure_learner(units, username="newcomer", now=T0)
    parsed = parse_export(exported_json(document), name="ada.json")
    assert import_learner(units, learner=newcomer, document=parsed)["notes_added"] == 2
    assert import_learner(units, learner=newcomer, document=parsed)["notes_added"] == 0
    with UnitOfWork(engine) as uow:
        assert export_learner(uow, learner=newcomer)["notes"] == document["notes"]


def test_a_version_1_export_still_imports(units, ada):
    old = json.dumps({
        "format": "skilltree-export", "version": 1,
        "learner": {"username": "ada", "display_name": "Ada", "created_at": "2026-10-01T00:00:00+00:00"},
        "events": [{"topic": "git", "status": "done", "at": "2026-11-01T10:00:00+00:00", "source": "cli"}],
    })
    counts = import_learner(units, learner=ada, document=parse_export(old, name="old.json"))
    assert (counts["added"], counts["notes_added"]) == (1, 0)


def test_a_note_over_the_limit_in_an_export_is_refused_with_its_place():
    document = json.dumps({
        "format": "skilltree-export", "version": 2,
        "learner": {"username": "ada", "display_name": "Ada", "created_at": "2026-10-01T00:00:00+00:00"},
        "events": [],
        "notes": [{"topic": "git", "body": "x", "links": [{"title": "t", "url": "javascript:x"}], "saved_at": "2026-11-01T10:00:00+00:00"}],
    })
    with pytest.raises(Unprocessable) as refused:
        parse_export(document, name="bad.json")
    assert refused.value.message == (
        "bad.json: not a Skilltree export:\n"
        "  notes[0]: links[0].url: 'javascript:x' is not an http or https address such as https://example.org/page"
    )
