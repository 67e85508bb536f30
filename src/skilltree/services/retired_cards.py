"""Which of a learner's cards are retired: their question has left the content.

The due queue leaves them out in SQL, so it needs their ids without reading every card on every
page view. A card's topic and question never change and cards are only ever added, so each card
is looked at once per catalog: later calls read only the cards made since (usually none, which
costs one index probe). The ids are kept per engine (a database) and per catalog object, which is
the running server's until its content changes.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skilltree.catalog.models import Catalog

if TYPE_CHECKING:  # services.progress imports this module, and `skilltree show` must not pay for SQLAlchemy
    from sqlalchemy import Engine

    from skilltree.store.uow import UnitOfWork

# Learners remembered per database; the least recently seen is forgotten first.
MAX_LEARNERS = 10_000


@dataclass(frozen=True, slots=True)
class _Seen:
    through_id: int  # every card up to this id has been looked at
    retired: frozenset[int]


class _RetiredByLearner:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.questions = frozenset((topic.id, question.id) for topic in catalog.topics.values() for question in topic.review)
        self.learners: OrderedDict[int, _Seen] = OrderedDict()


_by_engine: weakref.WeakKeyDictionary[Engine, _RetiredByLearner] = weakref.WeakKeyDictionary()
# The web app serves requests from a pool of threads.
_guard = threading.Lock()


def retired_card_ids(uow: UnitOfWork, catalog: Catalog, *, learner_id: int) -> frozenset[int]:
    """Ids of the learner's cards whose question `catalog` no longer asks (usually none)."""
    entry = _entry(uow.engine, catalog)
    with _guard:
        seen = entry.learners.get(learner_id, _Seen(0, frozenset()))
    made_since = uow.review.cards_after(learner_id, seen.through_id)
    if made_since:
        retired = {card_id for card_id, topic_id, question_id in made_since if (topic_id, question_id) not in entry.questions}
        seen = _Seen(made_since[-1][0], seen.retired | retired)
    with _guard:
        entry.learners[learner_id] = seen
        entry.learners.move_to_end(learner_id)
        while len(entry.learners) > MAX_LEARNERS:
            entry.learners.popitem(last=False)
    return seen.retired


def _entry(engine: Engine, catalog: Catalog) -> _RetiredByLearner:
    with _guard:
        entry = _by_engine.get(engine)
        if entry is None or entry.catalog is not catalog:
            entry = _by_engine[engine] = _RetiredByLearner(catalog)
        return entry
