"""Who a learner is: the username rule, and finding a learner by username.

Apart from services.progress, so that a command that only needs to know who you are (`skilltree
search`, or `skilltree show` reading your statuses) does not import what marking and reporting need.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from skilltree.errors import InvalidInput
from skilltree.progress.models import Learner

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def normalise_username(text: str) -> str:
    username = text.strip().lower()
    if not USERNAME.match(username):
        raise InvalidInput(
            f"invalid username {text!r}: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return username


def find_learner(uow: UnitOfWork, *, username: str) -> Learner | None:
    return uow.learners.get(normalise_username(username))
