"""Errors a user can cause; every face turns them into a clear message, never a traceback."""

from __future__ import annotations


class SkilltreeError(Exception):
    """A mistake the user can fix; the message says what and where."""

    code = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(SkilltreeError):
    code = "not_found"


class TopicNotFound(NotFound):
    pass


class PathNotFound(NotFound):
    pass


class LadderNotFound(NotFound):
    pass


class InvalidInput(SkilltreeError):
    code = "invalid"


class Unprocessable(InvalidInput):
    """Well-formed input whose content breaks a rule: over a limit, or a document that is not an
    export. The API answers 422; the message names the limit or the place."""

    code = "unprocessable"
