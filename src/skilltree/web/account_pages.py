"""/settings: preferences, display name, password, API tokens, your data (download and import),
and deleting the account. Each form posts to its own address and comes back to /settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Path, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from skilltree.errors import InvalidInput, SkilltreeError, Unprocessable
from skilltree.ids import MAX_ID
from skilltree.review.cards import DEFAULT_NEW_PER_DAY, DEFAULT_RETENTION, MAX_NEW_PER_DAY, MAX_RETENTION, MIN_RETENTION
from skilltree.services import accounts, my_account, profiles, transfer
from skilltree.services import catalog as catalog_service
from skilltree.services import mentor_ratings
from skilltree.services import teams as teams_service
from skilltree.services import plans as plan_service
from skilltree.services import review as review_service
from skilltree.store.uow import UnitOfWork, units_of_work
from skilltree.teams.model import NOT_SHARED_WITH_TEAM, SHARED_WITH_TEAM
from skilltree.web.api_me import MAX_IMPORT_BYTES
from skilltree.web.body_limit import accepts_body_up_to
from skilltree.web.deps import SESSION_COOKIE, CatalogDep, CsrfChecked, CurrentLearner, EngineDep, SettingsDep, UnitsDep, Viewer, ViewerDep, now
from skilltree.web.templating import render

router = APIRouter()

# What /settings?done=... says after a form succeeded.
DONE_MESSAGES = {
    "saved": "Saved.",
    "profile": "Your display name is saved.",
    "public-profile": "Your public profile is saved.",
    "password": "Your password is changed. Your other sessions and API tokens have ended.",
    "revoked": "The token is revoked.",
    "calendar": "A new calendar address was made; the old one no longer works.",
    "sharing": "Your choice of what your teams' mentors see is saved.",
}
ERROR_STATUS = {"unauthorized": 400, "conflict": 409, "unprocessable": 422}


def _settings_page(
    request: Request, viewer: Viewer, engine, *, section: str = "", error: str = "", status_code: int = 200,
    time_zone: str | None = None, study_form: dict | None = None,
    new_token: accounts.IssuedToken | None = None, imported: dict | None = None,
):
    """The settings page; after a refused form, `error` is shown in that form's `section` and the
    preferences form keeps what was typed (`time_zone`, `study_form`)."""
    learner = viewer.learner
    paths = catalog_service.path_summaries(request.app.state.live_catalog.current())
    secret = plan_service.calendar_secret(units_of_work(engine), learner=learner, key=request.app.state.settings.secret_key)
    with UnitOfWork(engine) as uow:
        signup_open = accounts.signup_open(uow)
        tokens = accounts.tokens_of(uow, learner=learner)
        my_teams = teams_service.my_teams(uow, learner=learner)
        sharing_with = mentor_ratings.teams_shared_with(uow, learner=learner)
        if study_form is None:
            study = review_service.study_settings(uow, learner=learner)
            study_form = {"desired_retention": f"{study.desired_retention:.2f}", "new_cards_per_day": str(study.new_cards_per_day)}
    return render(
        request, "settings.html", viewer, status_code=status_code, title="Settings",
        signup_open=signup_open, time_zone=(learner.time_zone or "") if time_zone is None else time_zone,
        time_zones=sorted(accounts.time_zone_names()), section=section, error=error,
        done=DONE_MESSAGES.get(request.query_params.get("done", ""), ""),
        tokens=tokens, new_token=new_token, imported=imported, now=now(),
        profile=profiles.profile_settings(learner), paths=paths, study_form=study_form,
        retention_range=(MIN_RETENTION, MAX_RETENTION), max_new_per_day=MAX_NEW_PER_DAY,
        calendar_url=f"{str(request.base_url).rstrip('/')}/calendar/{secret}.ics",
        token_days=accounts.TOKEN_LIFETIME_DAYS, token_max_days=accounts.TOKEN_MAX_LIFETIME_DAYS,
        my_teams=my_teams, team_shared=SHARED_WITH_TEAM, team_not_shared=NOT_SHARED_WITH_TEAM,
        sharing_with=sharing_with,
    )


def _refused(request, viewer, engine, section: str, error: SkilltreeError, **values):
    return _settings_page(
        request, viewer, engine, section=section, error=error.message, status_code=ERROR_STATUS.get(error.code, 400), **values
    )


@router.get("/settings", include_in_schema=False)
def settings_page(request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep):
    return _settings_page(request, viewer, engine)


@router.post("/settings", include_in_schema=False)
def save_settings(
    request: Request,
    learner: CurrentLearner,
    viewer: ViewerDep,
    engine: EngineDep,
    units: UnitsDep,
    _: CsrfChecked,
    hide_minutes: Annotated[bool, Form()] = False,
    signup_open: Annotated[bool, Form()] = False,
    time_zone: Annotated[str, Form(max_length=100)] = "",
    desired_retention: Annotated[str, Form(max_length=20)] = f"{DEFAULT_RETENTION:.2f}",
    new_cards_per_day: Annotated[str, Form(max_length=20)] = str(DEFAULT_NEW_PER_DAY),
):
    try:
        study = review_service.check_study_settings(
            desired_retention=_number(desired_retention, "desired retention", float),
            new_cards_per_day=_number(new_cards_per_day, "new cards per day", int),
        )
        accounts.save_preferences(
            units, learner=learner, time_zone=time_zone, hide_minutes=hide_minutes,
            signup_open=signup_open if learner.is_admin else None, study=study,
        )
    except SkilltreeError as error:  # nothing is saved: the form comes back with what was typed
        typed = {"desired_retention": desired_retention, "new_cards_per_day": new_cards_per_day}
        return _refused(request, viewer, engine, "preferences", error, time_zone=time_zone, study_form=typed)
    return RedirectResponse("/settings?done=saved", status_code=303)


def _number(text: str, field: str, kind: type):
    try:
        return kind(text.strip())
    except ValueError:
        raise InvalidInput(f"{field}: {text!r} is not a {'whole ' if kind is int else ''}number") from None


@router.post("/settings/profile", include_in_schema=False)
def save_profile(
    request: Request, learner: CurrentLearner, viewer: ViewerDep, catalog: CatalogDep, engine: EngineDep, units: UnitsDep,
    _: CsrfChecked, display_name: Annotated[str, Form()] = "",
):
    try:
        my_account.update_account(units, catalog, learner=learner, display_name=display_name)
    except SkilltreeError as error:
        return _refused(request, viewer, engine, "profile", error)
    return RedirectResponse("/settings?done=profile", status_code=303)


@router.post("/settings/password", include_in_schema=False)
def change_password(
    request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep, units: UnitsDep, settings: SettingsDep,
    _: CsrfChecked,
    current_password: Annotated[str, Form()] = "",
    new_password: Annotated[str, Form()] = "",
    repeat_password: Annotated[str, Form()] = "",
):
    try:
        if new_password != repeat_password:
            raise Unprocessable("the new password and its repetition differ; type the same password twice")
        my_account.change_password(
            units, learner=learner, current_password=current_password, new_password=new_password,
            secret=settings.secret_key, now=now(), keep_session=viewer.session_token,
        )
    except SkilltreeError as error:
        return _refused(request, viewer, engine, "password", error)
    return RedirectResponse("/settings?done=password", status_code=303)


@router.post("/settings/tokens", include_in_schema=False)
def create_token(
    request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep, units: UnitsDep, settings: SettingsDep,
    _: CsrfChecked,
    name: Annotated[str, Form()] = "",
    expires_in_days: Annotated[int, Form()] = accounts.TOKEN_LIFETIME_DAYS,
):
    try:
        issued = accounts.create_token(
            units, learner=learner, now=now(), secret=settings.secret_key, name=name, expires_in_days=expires_in_days
        )
    except SkilltreeError as error:
        return _refused(request, viewer, engine, "tokens", error)
    # Shown on this answer only: the secret is never stored, so it cannot be shown again.
    return _settings_page(request, viewer, engine, section="tokens", new_token=issued)


@router.post("/settings/tokens/{token_id}/revoke", include_in_schema=False)
def revoke_token(
    token_id: Annotated[int, Path(ge=1, le=MAX_ID)], learner: CurrentLearner, units: UnitsDep,
    _: CsrfChecked,
):
    accounts.revoke_token_of(units, learner=learner, token_id=token_id, now=now())
    return RedirectResponse("/settings?done=revoked#tokens", status_code=303)


@router.get("/settings/export", include_in_schema=False)
def download_data(learner: CurrentLearner, engine: EngineDep):
    """A GET that changes nothing: the download link needs no CSRF token."""
    with UnitOfWork(engine) as uow:
        text = transfer.exported_json(transfer.export_learner(uow, learner=learner))
    filename = f"skilltree-{learner.username}-{now():%Y-%m-%d}.json"
    return Response(text, media_type="application/json", headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.post("/settings/import", include_in_schema=False)
@accepts_body_up_to(MAX_IMPORT_BYTES + 2**20)  # the file and the form around it
def import_data(
    request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep, units: UnitsDep,
    _: CsrfChecked,
    file: Annotated[UploadFile | None, File()] = None,
):
    try:
        document = transfer.parse_export(_uploaded_text(file), name=file.filename or "the file")  # type: ignore[union-attr]
        counts = transfer.import_learner(units, learner=learner, document=document)
    except SkilltreeError as error:
        return _refused(request, viewer, engine, "data", error)
    return _settings_page(request, viewer, engine, section="data", imported=counts)


def _uploaded_text(file: UploadFile | None) -> str:
    data = file.file.read(MAX_IMPORT_BYTES + 1) if file is not None else b""
    name = (file.filename if file is not None else "") or "the file"
    if not data:
        raise Unprocessable("choose a file written by “Download my data” or 'skilltree export'")
    if len(data) > MAX_IMPORT_BYTES:
        raise Unprocessable(f"{name} is larger than {MAX_IMPORT_BYTES // 2**20} MiB, far more than any export")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unprocessable(f"{name} is not a text file; choose a file written by “Download my data”") from None


@router.post("/settings/delete", include_in_schema=False)
def delete_account(
    request: Request, learner: CurrentLearner, viewer: ViewerDep, engine: EngineDep, units: UnitsDep,
    _: CsrfChecked, password: Annotated[str, Form()] = "",
):
    try:
        my_account.delete_account(units, learner=learner, password=password)
    except SkilltreeError as error:
        return _refused(request, viewer, engine, "delete", error)
    response = render(request, "deleted.html", Viewer(None, viewer.csrf), title="Account deleted", username=learner.username)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
