"""What every document of an export follows, whichever module reads its part (transfer.py,
transfer_review.py, transfer_ratings.py): strict fields, catalog ids, and moments that could be real."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from skilltree.catalog.fields import ID_PATTERN

# A topic, ladder, responsibility, question or path named in an export: an id as the catalog writes
# them, which may name something the content no longer has.
CatalogId = Annotated[str, Field(pattern=ID_PATTERN.pattern, max_length=100)]
# Before any Skilltree existed; also keeps far-off dates from overflowing when turned into UTC.
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
# Clocks of two machines may differ a little; an event further ahead than this is a broken file.
CLOCK_SLACK = timedelta(days=1)


def plausible(moment: datetime) -> datetime:
    if moment < EARLIEST:
        raise ValueError(f"{moment.isoformat()} is before 1970")
    if moment > datetime.now(timezone.utc) + CLOCK_SLACK:
        raise ValueError(f"{moment.isoformat()} is in the future")
    return moment


class Strict(BaseModel):
    # Strict: a number is not a date and true is not version 1.
    model_config = ConfigDict(extra="forbid", strict=True)
