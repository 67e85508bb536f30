"""Search relevance on the bundled catalog: top-1, top-3 and MRR for the tuning set and the held-apart set.

The tuning set (tests/integration/search_questions.py) is what the ranking may be tuned on; the
held-apart set (tests/integration/search_heldout.py) was written by someone who never read the
ranking code and must never be tuned on: it measures what a stranger gets.

A question counts as found at rank r when one of its topics is the r-th result (first 10 only);
MRR is the mean of 1/r (0 when not in the first 10).

usage: python bench/search_relevance.py [--postgres-url URL] [--misses]
(SQLite always; PostgreSQL too when --postgres-url or SKILLTREE_TEST_POSTGRES_URL is given)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "integration"))

from postgres_schema import fresh_schema  # noqa: E402
from search_heldout import HELD_OUT  # noqa: E402
from search_questions import QUESTIONS  # noqa: E402

from skilltree.bundled import BUNDLED_CONTENT  # noqa: E402
from skilltree.catalog.loader import load_catalog  # noqa: E402
from skilltree.services.search import find, index_catalog  # noqa: E402
from skilltree.store.engine import make_engine  # noqa: E402
from skilltree.store.migrate import ensure_schema  # noqa: E402
from skilltree.store.uow import UnitOfWork, units_of_work  # noqa: E402

SETS = {"tuning": QUESTIONS, "held-apart": HELD_OUT}


def figures(engine, catalog, questions, show_misses: bool) -> tuple[float, float, float]:
    top1 = top3 = reciprocal = 0.0
    with UnitOfWork(engine) as uow:
        for question, answers in questions:
            ranked = [hit.topic_id for hit in find(uow, catalog, query=question).hits]
            rank = next((n for n, topic_id in enumerate(ranked, 1) if topic_id in answers), None)
            if rank:
                top1 += rank == 1
                top3 += rank <= 3
                reciprocal += 1 / rank
            if show_misses and (rank is None or rank > 3):
                print(f"    miss {question!r}: wanted {sorted(answers)}, got {ranked[:3]}")
    n = len(questions)
    return top1 / n, top3 / n, reciprocal / n




def measure(name: str, url: str, catalog, show_misses: bool) -> None:
    engine = make_engine(url)
    ensure_schema(engine)
    index_catalog(units_of_work(engine), catalog)
    for set_name, questions in SETS.items():
        top1, top3, mrr = figures(engine, catalog, questions, show_misses)
        print(f"{name:10} {set_name:10} n={len(questions):3}  top-1 {top1:6.1%}  top-3 {top3:6.1%}  MRR {mrr:.3f}")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default=os.environ.get("SKILLTREE_TEST_POSTGRES_URL"))
    parser.add_argument("--misses", action="store_true", help="list the questions not in the top 3")
    arguments = parser.parse_args()
    catalog = load_catalog(BUNDLED_CONTENT).catalog
    with tempfile.TemporaryDirectory() as directory:
        measure("sqlite", f"sqlite:///{Path(directory) / 'relevance.db'}", catalog, arguments.misses)
    if arguments.postgres_url:
        with fresh_schema(arguments.postgres_url) as url:
            measure("postgresql", url, catalog, arguments.misses)


if __name__ == "__main__":
    main()
