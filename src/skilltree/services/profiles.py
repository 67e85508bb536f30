"""Public profiles: off by default; once on, /u/<username> shows the paths the learner chose, with
progress, and a card per path to paste elsewhere. Everyone else sees a 404, the same one whether
the user does not exist or keeps their profile private."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from skilltree.catalog.models import Catalog
from skilltree.catalog.suggest import did_you_mean
from skilltree.errors import InvalidInput, NotFound
from skilltree.progress.models import Learner
from skilltree.progress.path_progress import path_progress
from skilltree.services.learners import find_learner

if TYPE_CHECKING:
    from skilltree.store.uow import UnitOfWork, UnitOfWorkFactory


class ProfileNotFound(NotFound):
    pass


@dataclass(frozen=True, slots=True)
class ProfileSettings:
    username: str
    public_profile: bool
    public_paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PublicPathProgress:
    path: str
    title: str
    percent: int
    done: int
    total: int  # required topics less the skipped ones, as a path's percent counts them


@dataclass(frozen=True, slots=True)
class PublicProfile:
    username: str
    display_name: str
    paths: tuple[PublicPathProgress, ...]


def profile_settings(learner: Learner) -> ProfileSettings:
    return ProfileSettings(learner.username, learner.public_profile, learner.public_paths)


def checked_public_paths(catalog: Catalog, path_ids: list[str] | None) -> list[str] | None:
    """The path ids a public profile may show, or InvalidInput naming the first unknown one."""
    if path_ids is not None:
        unknown = [p for p in path_ids if p not in catalog.paths]
        if unknown:
            raise InvalidInput(f"public_paths: no path {unknown[0]!r}{did_you_mean(unknown[0], catalog.paths)}")
    return path_ids


def write_public_profile(uow: UnitOfWork, *, learner: Learner, public: bool | None, path_ids: list[str] | None) -> ProfileSettings:
    """Within the caller's transaction: what is None stays as it is."""
    current = uow.learners.get_by_id(learner.id)
    wanted = ProfileSettings(
        current.username,
        current.public_profile if public is None else public,
        current.public_paths if path_ids is None else tuple(dict.fromkeys(path_ids)),
    )
    uow.learners.set_public_profile(learner.id, public=wanted.public_profile, path_ids=wanted.public_paths)
    return wanted


def set_public_profile(
    uows: UnitOfWorkFactory, catalog: Catalog, *, learner: Learner, public: bool | None = None, path_ids: list[str] | None = None
) -> ProfileSettings:
    """Turn the profile on or off and choose the paths it shows (None: leave as it is)."""
    path_ids = checked_public_paths(catalog, path_ids)
    with uows(write=True) as uow:
        wanted = write_public_profile(uow, learner=learner, public=public, path_ids=path_ids)
        uow.commit()
    return wanted


def _visible_learner(uow: UnitOfWork, username: str) -> Learner:
    """Who may be seen in public: only a learner whose profile is on. Anything else is the same 404."""
    refused = ProfileNotFound(f"no public profile for {username!r}")
    try:
        learner = find_learner(uow, username=username)
    except InvalidInput:
        raise refused from None
    if learner is None or not learner.public_profile:
        raise refused
    return learner


def public_profile(uow: UnitOfWork, catalog: Catalog, *, username: str) -> PublicProfile:
    learner = _visible_learner(uow, username)
    states = uow.progress.states(learner.id)
    paths = []
    for path_id in learner.public_paths:
        path = catalog.paths.get(path_id)
        if path is None:  # gone from the content since it was chosen
            continue
        tally = path_progress(path, catalog, states).required
        paths.append(PublicPathProgress(path.id, path.title, tally.percent, tally.done, tally.counted))
    return PublicProfile(learner.username, learner.display_name, tuple(paths))


def progress_card(uow: UnitOfWork, catalog: Catalog, *, username: str, path_id: str) -> PublicPathProgress:
    """One path's progress for the card image: only a path the learner shows on their profile."""
    profile = public_profile(uow, catalog, username=username)
    for shown in profile.paths:
        if shown.path == path_id:
            return shown
    raise ProfileNotFound(f"no public progress card for {username!r} on {path_id!r}")
