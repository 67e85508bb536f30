"""Statuses and events: every change is an appended event; the current status is derived."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    NOT_STARTED = "not_started"
    LEARNING = "learning"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def settled(self) -> bool:
        """Done or skipped: nothing left to do on the topic."""
        return self in (Status.DONE, Status.SKIPPED)


STATUS_NAMES = tuple(status.value for status in Status)
# How people read each status, on the web and (from the page) in its script.
STATUS_LABELS = {
    Status.NOT_STARTED: "Not started",
    Status.LEARNING: "Learning",
    Status.DONE: "Done",
    Status.SKIPPED: "Skipped",
}


class Source(StrEnum):
    CLI = "cli"
    WEB = "web"
    API = "api"
    IMPORT = "import"


SOURCE_NAMES = tuple(source.value for source in Source)


@dataclass(frozen=True)
class ProgressEvent:
    topic_id: str
    status: Status
    at: datetime
    source: Source


@dataclass(frozen=True)
class NumberedEvent:
    """An event with its place in the log, for reading the history a page at a time."""

    id: int
    topic_id: str
    status: Status
    at: datetime
    source: Source


@dataclass(frozen=True)
class TopicState:
    """A learner's current status on a topic, as derived from their latest event."""

    topic_id: str
    status: Status
    changed_at: datetime
    first_at: datetime


@dataclass(frozen=True)
class Learner:
    id: int
    username: str
    display_name: str
    created_at: datetime
    is_admin: bool = False
    hide_minutes: bool = False
    time_zone: str | None = None  # an IANA name; None: UTC
    has_password: bool = False
    public_profile: bool = False  # /u/<username> and its progress cards answer only when on
    public_paths: tuple[str, ...] = ()  # the path ids the public profile shows, in order
    disabled: bool = False  # by an administrator: no sign-in, no session, no token
