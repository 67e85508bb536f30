"""Request and response bodies of the JSON API, split by purpose (…Create, …Update, …Public).

The …Public models are read from the services' typed results by attribute (services/results.py
and the domain records inside them); test_api_schema checks that each names only what they hold.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, create_model

from skilltree.ladder.ratings import EVIDENCE_MAX_LENGTH, RATING_NAMES
from skilltree.notes.model import NOTE_MAX_BYTES, NOTE_MAX_LINKS
from skilltree.progress.models import STATUS_NAMES
from skilltree.services.accounts import (
    DISPLAY_NAME_MAX_LENGTH,
    PASSWORD_MAX_LENGTH,
    TOKEN_LIFETIME_DAYS,
    TOKEN_MAX_LIFETIME_DAYS,
    TOKEN_NAME_MAX_LENGTH,
)
from skilltree.services.progress import MAX_CHANGES
from skilltree.teams.dashboard import STUCK_KIND_NAMES
from skilltree.teams.model import (
    DESCRIPTION_MAX_LENGTH,
    INVITE_DAYS_DEFAULT,
    INVITE_DAYS_RANGE,
    INVITE_USES_RANGE,
    NAME_MAX_LENGTH,
    ROLE_NAMES,
    STUCK_DAYS_RANGE,
)
from skilltree.review.cards import CARD_STATE_NAMES
from skilltree.review.cards import RATING_NAMES as GRADE_NAMES
from skilltree.review.plan import MAX_MINUTES_PER_WEEK, MIN_MINUTES_PER_WEEK, WEEKDAYS

StatusName = Literal[STATUS_NAMES]
RoleName = Literal[ROLE_NAMES]
LevelName = Literal["beginner", "intermediate", "advanced"]


# A moment as the API has always written it: ISO 8601 with the offset, e.g. 2026-11-01T09:00:00+00:00.
Moment = Annotated[datetime, PlainSerializer(lambda moment: moment.isoformat(), return_type=str)]


class _Public(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)


class ErrorDetail(_Public):
    code: str
    message: str


class ErrorPublic(_Public):
    error: ErrorDetail


class FiguresPublic(_Public):
    topics: int
    required_topics: int
    optional_topics: int
    sections: int
    required_minutes: int
    optional_minutes: int
    reading_time: str
    level_mix: dict[str, int]
    level_mix_text: str


class PathSummaryPublic(_Public):
    id: str
    title: str
    summary: str
    figures: FiguresPublic
    start: bool = Field(description="The path a newcomer starts with.")


class PathListPublic(_Public):
    paths: list[PathSummaryPublic]


class TopicLink(_Public):
    id: str
    title: str


class TallyPublic(_Public):
    done: int
    skipped: int
    total: int
    percent: int


class SectionProgressPublic(_Public):
    title: str
    percent: int
    required: TallyPublic
    optional: TallyPublic


class PathProgressPublic(_Public):
    path: str
    percent: int
    required: TallyPublic
    optional: TallyPublic
    minutes_left: int
    optional_minutes_left: int
    started_at: Moment | None
    finished_at: Moment | None
    sections: list[SectionProgressPublic]
    next: TopicLink | None
    title: str | None = None


class PathTopicPublic(_Public):
    id: str
    title: str
    level: LevelName
    minutes: int
    optional: bool
    prerequisites: list[str]
    status: StatusName | None = None
    blocked_by: list[TopicLink] | None = None
    next: bool | None = None


class SectionPublic(_Public):
    title: str
    summary: str
    topics: list[PathTopicPublic]
    progress: SectionProgressPublic | None = None


class PathPublic(_Public):
    id: str
    title: str
    summary: str
    description: str
    figures: FiguresPublic
    sections: list[SectionPublic]
    progress: PathProgressPublic | None = Field(None, description="Only with a bearer token: your progress.")


class ResourcePublic(_Public):
    type: Literal["docs", "article", "book", "video", "course", "tool", "paper"]
    title: str
    url: str | None = None
    author: str | None = None


class ReviewPublic(_Public):
    id: str
    q: str
    a: str


class PreparedResponsibilityPublic(_Public):
    ladder: TopicLink
    id: str
    title: str
    from_title: str = Field(description="The lowest level that holds the responsibility.")


class TopicPublic(_Public):
    id: str
    title: str
    summary: str
    level: LevelName
    minutes: int
    minutes_note: str | None
    tags: list[str]
    prerequisites: list[TopicLink]
    unlocks: list[TopicLink]
    paths: list[TopicLink]
    responsibilities: list[PreparedResponsibilityPublic] = Field(
        description="The ladder responsibilities this topic prepares for."
    )
    body: str = Field(description="The article in Markdown.")
    resources: list[ResourcePublic]
    review: list[ReviewPublic]
    asks: list[str] = Field(default_factory=list, description="Questions in a learner's words that the topic answers.")
    status: StatusName | None = Field(None, description="Only with a bearer token: your status.")


# The ladder's rating scale; its names come from its one definition (skilltree.ladder.ratings).
RatingName = Literal[RATING_NAMES]  # type: ignore[valid-type]


class RatingStepPublic(_Public):
    id: RatingName
    label: str
    meaning: str


class LadderLevelPublic(_Public):
    id: str
    title: str


class LadderSummaryPublic(_Public):
    id: str
    title: str
    summary: str
    levels: list[LadderLevelPublic] = Field(description="From the lowest to the highest.")
    responsibilities: int


class LadderListPublic(_Public):
    ladders: list[LadderSummaryPublic]


class LadderTopicPublic(TopicLink):
    status: StatusName | None = Field(None, description="Only with a bearer token: your status.")


class ResponsibilityPublic(_Public):
    id: str
    title: str
    description: str
    # "from" is a Python keyword, so the field has another name and keeps "from" on the wire.
    from_level: str = Field(
        validation_alias="from_level", serialization_alias="from", description="The id of the lowest level that holds it."
    )
    from_title: str
    levels: list[str] = Field(description="The ids of the levels that hold it: its own and every one above.")
    topics: list[LadderTopicPublic] = Field(description="The topics that prepare for it.")
    progress: TallyPublic | None = Field(
        None, description="Only with a bearer token: its topics done, skipped and in all; percent = done / (total - skipped)."
    )


class LadderAreaPublic(_Public):
    id: str
    title: str
    responsibilities: list[ResponsibilityPublic]


class LadderPublic(_Public):
    id: str
    title: str
    summary: str
    levels: list[LadderLevelPublic] = Field(description="From the lowest to the highest.")
    ratings: list[RatingStepPublic] = Field(description="The scale to rate oneself on, lowest first; empty when it has none.")
    areas: list[LadderAreaPublic]


class ActivityPublic(_Public):
    days: dict[str, int]
    current_streak: int
    longest_streak: int


class MyProgressPublic(_Public):
    learner: str
    paths: list[PathProgressPublic]
    activity: ActivityPublic


class ProgressUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: StatusName


class ProgressChangePublic(_Public):
    topic: str
    title: str
    previous: StatusName
    status: StatusName
    changed: bool


class RoadmapAfterChangePublic(_Public):
    """The roadmap page's script updates the page in place from this (not part of /api/v1)."""

    topic: str
    status: StatusName
    path: PathProgressPublic | None
    blocked: dict[str, list[TopicLink]] | None


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TokenCreate(_Request):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    name: str | None = Field(None, max_length=TOKEN_NAME_MAX_LENGTH, description="To tell your tokens apart.")
    expires_in_days: int = Field(TOKEN_LIFETIME_DAYS, ge=1, le=TOKEN_MAX_LIFETIME_DAYS)


class TokenInfoPublic(_Public):
    id: int
    name: str | None
    created_at: datetime
    last_used_at: datetime | None = Field(description="To the minute.")
    expires_at: datetime | None = Field(description="None only for tokens from before tokens expired.")


class TokenPublic(TokenInfoPublic):
    token: str = Field(description="The secret: shown this once, stored only as a keyed hash.")


class TokenListPublic(_Public):
    tokens: list[TokenInfoPublic]


class ProgressChangeItem(_Request):
    topic: str
    status: StatusName


class ProgressChanges(_Request):
    changes: list[ProgressChangeItem] = Field(description=f"At most {MAX_CHANGES}; all are made or none.")


class ProgressChangesPublic(_Public):
    changes: list[ProgressChangePublic]


class StatusEntryPublic(_Public):
    topic: str
    status: StatusName
    changed_at: datetime


class StatusesPublic(_Public):
    statuses: list[StatusEntryPublic]


class HistoryEventPublic(_Public):
    id: int = Field(description="Pass the last one as `before` for the next page.")
    topic: str
    status: StatusName
    at: datetime
    source: Literal["cli", "web", "api", "import"]


class HistoryPublic(_Public):
    events: list[HistoryEventPublic]
    next_before: int | None = Field(description="`before` for the next page; null on the last page.")


class ImportResultPublic(_Public):
    added: int = Field(description="Events and note revisions you did not have yet.")


PUBLIC_PATHS_MAX = 50


class AccountPublic(_Public):
    username: str
    display_name: str
    created_at: datetime
    admin: bool
    public_profile: bool
    public_paths: list[str] = Field(description="The path ids your public profile shows, in order.")
    profile_url: str | None = Field(description="Where your public profile is, while it is on.")


class AccountUpdate(_Request):
    """PATCH /me: what is left out stays as it is."""

    display_name: str | None = Field(None, max_length=DISPLAY_NAME_MAX_LENGTH)
    public_profile: bool | None = Field(None, description="Show /u/<username> and its progress cards to anyone.")
    public_paths: list[str] | None = Field(
        None, max_length=PUBLIC_PATHS_MAX, description="The path ids your public profile shows, in order."
    )


class AccountDelete(_Request):
    password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)


class PasswordUpdate(_Request):
    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)
    new_password: str = Field(max_length=PASSWORD_MAX_LENGTH)


class NoteLinkPublic(_Request):
    title: str
    url: str = Field(description="An http or https address.")


class NoteUpdate(_Request):
    body: str = Field("", description=f"Markdown, at most {NOTE_MAX_BYTES // 1024} KB.")
    links: list[NoteLinkPublic] = Field([], description=f"At most {NOTE_MAX_LINKS}.")


class NotePublic(_Public):
    topic: str
    title: str
    body: str
    links: list[NoteLinkPublic]
    updated_at: datetime


class NoteSummaryPublic(_Public):
    topic: str
    title: str
    updated_at: datetime
    first_line: str


class NoteListPublic(_Public):
    notes: list[NoteSummaryPublic]


class NoteHitPublic(_Public):
    topic: str
    title: str
    snippet: str = Field(description="Matched words are wrapped in **.")
    updated_at: str


class UserPublic(_Public):
    username: str
    display_name: str
    created_at: datetime
    last_active: datetime | None
    admin: bool
    disabled: bool


class UserListPublic(_Public):
    users: list[UserPublic]
    total: int
    offset: int
    limit: int


class UserUpdate(_Request):
    disabled: bool | None = None
    admin: bool | None = None


class ResetLinkPublic(_Public):
    url: str = Field(description="Hand it to the user: it sets a new password once, within 24 hours.")
    expires_at: datetime


class HealthPublic(_Public):
    status: Literal["ok"]


class SearchResultPublic(_Public):
    id: str
    title: str
    snippet: str = Field(description="Text around the match; matched words are wrapped in **.")
    level: LevelName
    minutes: int
    paths: list[str]
    status: StatusName | None = Field(None, description="Only with a bearer token: your status.")


class SearchResultsPublic(_Public):
    query: str
    corrected_query: str | None = Field(
        default=None, description="What was searched for instead, when some words of the query were typos."
    )
    results: list[SearchResultPublic]
    notes: list[NoteHitPublic] | None = Field(
        None, description="Only with a bearer token: your own notes that hold your words, a kind of result apart."
    )


class RatingUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rating: RatingName
    evidence: str = Field("", max_length=EVIDENCE_MAX_LENGTH, description="Markdown; links may be http or https only.")


class RatingChangePublic(_Public):
    ladder: str
    responsibility: str
    title: str
    previous: RatingName | None
    rating: RatingName
    evidence: str
    rated_at: str
    changed: bool = Field(description="False when this rating and evidence were already the latest: nothing was recorded.")


LevelReadinessPublic = create_model(
    "LevelReadinessPublic",
    __base__=_Public,
    id=(str, ...),
    title=(str, ...),
    reached=(bool, Field(description="Every responsibility the level holds is rated at the top of the scale.")),
    **{name: (int, Field(description=f"How many of the level's responsibilities are rated {name}.")) for name in RATING_NAMES},
    total=(int, ...),
    missing=(list[str], Field(description="The level's responsibilities not yet at the top of the scale.")),
)


class TopicCountPublic(_Public):
    done: int
    skipped: int
    total: int


class RatedResponsibilityPublic(_Public):
    id: str
    title: str
    rating: RatingName | None = Field(description="Your latest rating; null before the first.")
    evidence: str = Field(description="Markdown.")
    rated_at: str | None
    topics: TopicCountPublic = Field(description="Your progress on the topics that prepare for it.")
    note: str | None = Field(description="Where your rating and your topics disagree, a word on it.")
    retired: bool = Field(description="No longer in the ladder; its ratings are kept.")


class MyLadderPublic(_Public):
    ladder: str
    title: str
    ratings: list[RatingStepPublic] = Field(description="The ladder's rating scale, lowest first.")
    current_level: str | None = Field(description="The highest level reached; null before the first.")
    next_level: str | None
    levels: list[LevelReadinessPublic]  # type: ignore[valid-type]
    responsibilities: list[RatedResponsibilityPublic]


class GrowthResponsibilityPublic(_Public):
    id: str
    title: str
    rating: RatingName


class GrowthTopicPublic(_Public):
    id: str
    title: str
    minutes: int
    responsibilities: list[str] = Field(description="The plan's responsibilities it prepares for; empty for a prerequisite.")
    outside_ladder: bool = Field(description="No responsibility of the ladder lists it: a prerequisite from elsewhere.")
    status: StatusName


class GrowthPublic(_Public):
    ladder: str
    target: str
    target_title: str
    minutes: int = Field(description="The reading time of every topic left.")
    progress: TallyPublic = Field(description="Of every topic the plan covers, settled ones included.")
    next: str | None
    responsibilities: list[GrowthResponsibilityPublic] = Field(description="What the target holds that is not yet consistent.")
    topics: list[GrowthTopicPublic] = Field(description="What is left to read, each after its prerequisites.")
    notes: list[NoteHitPublic] | None = Field(
        None, description="Only with a bearer token: your own notes that hold your words, a kind of result apart."
    )


class TeamCreate(_Request):
    name: str = Field(min_length=1, max_length=NAME_MAX_LENGTH)
    description: str = Field("", max_length=DESCRIPTION_MAX_LENGTH)


class TeamUpdate(_Request):
    """PATCH /teams/{id} (owners): what is left out stays as it is."""

    name: str | None = Field(None, min_length=1, max_length=NAME_MAX_LENGTH)
    description: str | None = Field(None, max_length=DESCRIPTION_MAX_LENGTH)
    stuck_days: int | None = Field(
        None, ge=STUCK_DAYS_RANGE[0], le=STUCK_DAYS_RANGE[1],
        description="Days without progress on an assigned path before the dashboard calls a member stuck.",
    )


class TeamMemberPublic(_Public):
    username: str
    display_name: str
    role: RoleName
    joined_at: Moment


class TeamSummaryPublic(_Public):
    id: int
    name: str
    description: str
    role: RoleName = Field(description="Your role in the team.")
    members: int


class TeamListPublic(_Public):
    teams: list[TeamSummaryPublic]


class TeamPublic(_Public):
    id: int
    name: str
    description: str
    created_at: Moment
    stuck_days: int
    role: RoleName = Field(description="Your role in the team.")
    members: list[TeamMemberPublic]


class InviteCreate(_Request):
    uses: int = Field(1, ge=INVITE_USES_RANGE[0], le=INVITE_USES_RANGE[1], description="How many people it lets in.")
    expires_in_days: int = Field(INVITE_DAYS_DEFAULT, ge=INVITE_DAYS_RANGE[0], le=INVITE_DAYS_RANGE[1])


class InvitePublic(_Public):
    id: int = Field(description="Revoke it with DELETE /teams/{id}/invites/{invite_id}.")
    code: str = Field(description="Shown this once.")
    url: str = Field(description="Hand it to whoever should join: they see the team and accept.")
    expires_at: Moment
    uses_left: int


class MemberUpdate(_Request):
    role: RoleName


class AssignmentCreate(_Request):
    path: str = Field(description="A path id, as GET /paths lists them.")
    due: date | None = Field(None, description="Optional, as YYYY-MM-DD; not in the past.")
    members: list[str] | None = Field(
        None, max_length=1000, description="Usernames of members; left out, the whole team (and whoever joins later)."
    )


class AssignmentPublic(_Public):
    id: int
    path: str
    due: date | None
    members: list[str] | None = Field(description="The usernames it names; null: the whole team.")
    assigned_by: str


class MyAssignmentPublic(_Public):
    team: int
    team_name: str
    path: str
    title: str
    assigned_by: str
    due: date | None
    percent: int | None = Field(description="Your progress on the path; null once it left the curriculum.")
    days_left: int | None = Field(description="0 on the due date, negative once overdue; null without a due date.")


class MyAssignmentListPublic(_Public):
    assignments: list[MyAssignmentPublic]


# The daily loop: review cards, memory figures, study plans, the calendar

GradeName = Literal[GRADE_NAMES]  # type: ignore[valid-type]
CardStateName = Literal[CARD_STATE_NAMES]  # type: ignore[valid-type]
WeekdayName = Literal[WEEKDAYS]  # type: ignore[valid-type]


class ReviewCardPublic(_Public):
    id: int
    topic: str
    question: str
    answer: str
    state: CardStateName
    due: Moment = Field(description="When the card is next due (UTC).")


class DueReviewsPublic(_Public):
    cards: list[ReviewCardPublic] = Field(description="Today's queue, in order: due cards lowest retrievability first, then new ones.")
    due_count: int = Field(description="Cards due today (in your time zone).")
    new_count: int = Field(description="New cards still to meet today, within your daily limit.")


class ReviewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rating: GradeName
    duration_ms: int | None = Field(None, ge=0, le=86_400_000, description="How long the answer took.")


class ReviewStatsPublic(_Public):
    reviews_per_day: dict[str, int] = Field(description="The last 30 days, oldest first.")
    true_retention: float | None = Field(description="Share of reviews of due cards that you recalled; null before any.")
    cards_by_state: dict[str, int]
    suspended: int
    forecast: dict[str, int] = Field(description="Cards falling due on each of the next 30 days.")


class PlanUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    minutes_per_week: int = Field(ge=MIN_MINUTES_PER_WEEK, le=MAX_MINUTES_PER_WEEK)
    days: list[WeekdayName] = Field(min_length=1, description="The weekdays you study on.")
    start_date: date | None = Field(None, description="Default: today.")
    target_date: date | None = None


class SessionTopicPublic(_Public):
    id: str
    title: str
    status: StatusName


class SessionPublic(_Public):
    day: date
    topics: list[SessionTopicPublic]
    topic_minutes: int
    review_minutes: int


class PlanPublic(_Public):
    path: str
    path_title: str
    minutes_per_week: int
    days: list[WeekdayName]
    start_date: date
    target_date: date | None
    on_track: bool
    days_behind: int
    finish_date: date | None
    minutes_per_week_needed: int | None = Field(description="With a target date: the weekly time that reaches it.")
    remaining_topics: int
    remaining_minutes: int
    past: list[SessionPublic] = Field(description="The last sessions before today, as they were planned.")
    sessions: list[SessionPublic] = Field(description="From today on, planned from what is left.")


class CalendarPublic(_Public):
    url: str


# The team dashboard: GET /teams/{id}/dashboard (owners and mentors).
class DashboardAssignmentPublic(_Public):
    id: int
    path: str
    title: str = Field(description="The path's title; its id once it has left the curriculum.")
    due: date | None
    members: list[str] | None = Field(description="The usernames it names; null: every member.")


class StuckReasonPublic(_Public):
    kind: Literal[STUCK_KIND_NAMES] = Field(  # type: ignore[valid-type]
        description="idle: no progress change on the path for the team's stuck_days (counted from joining or from the "
        "assignment, when later); overdue: past the due date; blocked: every topic left waits for a prerequisite outside the path."
    )
    path: str
    days: int = Field(description="idle: days without a change; overdue: days past the due date; blocked: 0.")
    message: str


class DashboardCellPublic(_Public):
    assignment: int
    percent: int | None = Field(description="Of the path's required topics; null once the path has left the curriculum.")
    last_activity: datetime | None = Field(description="The member's latest status change on a topic of the path.")
    due: date | None
    days_left: int | None = Field(description="In the member's own days; negative: overdue.")
    stuck: list[StuckReasonPublic]


class DashboardMemberPublic(_Public):
    username: str
    display_name: str
    role: RoleName
    cells: list[DashboardCellPublic | None] = Field(description="One per assignment, in order; null where it does not reach them.")
    stuck: list[StuckReasonPublic]


class ActivityMemberPublic(_Public):
    username: str
    counts: list[int] = Field(description="Progress changes on each of the days, in order.")


class TeamActivityPublic(_Public):
    days: list[date] = Field(description="The last 28 UTC days, oldest first.")
    members: list[ActivityMemberPublic]


class SectionAveragePublic(_Public):
    title: str
    percent: int


class PathAveragePublic(_Public):
    path: str
    title: str
    members: int = Field(description="How many members the path is assigned to.")
    percent: int | None = Field(description="All their topics counted together; null while it reaches nobody.")
    sections: list[SectionAveragePublic]


class TeamDashboardPublic(_Public):
    team: int
    stuck_days: int
    assignments: list[DashboardAssignmentPublic]
    members: list[DashboardMemberPublic] = Field(
        description="Every member, and an owner or mentor a path names; stuck ones first, then by username."
    )
    activity: TeamActivityPublic
    sections: list[PathAveragePublic] = Field(description="Per assigned path, the team's progress per section.")
# Growth conversations: mentors' ratings of members, sharing self-ratings with a team, ratings received

class MemberRatingUpdate(_Request):
    rating: RatingName
    note: str = Field("", max_length=EVIDENCE_MAX_LENGTH, description="For the member: what you saw, what to try next.")


class GivenRatingPublic(_Public):
    team: int
    member: str
    ladder: str
    responsibility: str
    title: str
    previous: RatingName | None = Field(description="Your previous rating of it in this team; null before the first.")
    rating: RatingName
    note: str
    rated_at: Moment
    changed: bool = Field(description="False when rating and note were already those: nothing was appended.")


class SheetDutyPublic(_Public):
    id: str
    title: str
    area: str
    own: RatingName | None = Field(description="The member's self-rating; null unless rated and shared with this team.")
    evidence: str = Field(description="The member's evidence; empty unless shared with this team.")
    own_at: Moment | None
    rating: RatingName | None = Field(description="Your latest rating in this team; null before the first.")
    note: str
    rated_at: Moment | None


class MemberSheetPublic(_Public):
    team: int
    member: str
    ladder: str
    shared: bool = Field(description="Whether the member shares their self-ratings and evidence with this team.")
    ratings: list[RatingStepPublic] = Field(description="The ladder's rating scale, lowest first.")
    responsibilities: list[SheetDutyPublic]


class SharingUpdate(_Request):
    shares_ratings: bool = Field(description="Whether the team's mentors and owners see your ladder self-ratings and evidence.")


class SharingPublic(_Public):
    team: int
    team_name: str
    shares_ratings: bool


class MentorRatingPublic(_Public):
    responsibility: str
    rating: RatingName
    note: str
    at: Moment
    mentor: str
    mentor_name: str
    team: int | None = Field(description="Null once the team is deleted, and for a rating read from an import; team_name stays.")
    team_name: str


class ReceivedDutyPublic(_Public):
    id: str
    title: str
    area: str
    own: RatingName | None = Field(description="Your latest self-rating; null before the first.")
    own_at: Moment | None
    mentors: list[MentorRatingPublic] = Field(description="Each mentor's latest rating, per team.")
    agenda: bool = Field(description="A mentor's rating is two steps or more from yours: talk about it at the next one-to-one.")


class RatingsReceivedPublic(_Public):
    ladder: str
    ratings: list[RatingStepPublic] = Field(description="The ladder's rating scale, lowest first.")
    responsibilities: list[ReceivedDutyPublic]
    history: list[MentorRatingPublic] = Field(description="Every rating you received on the ladder, newest first.")
