"""The timeline data model: pydantic models for the YAML files and `load_timeline()`.

Every check, including the referential ones (does this actor, event, source, target exist?), is a
pydantic validator that reads the ids it needs from the validation context. A broken file raises
`TimelineDataError` whose message names the file, the item (list, index, id/key) and the field:

    geodata/timeline/era2_1945_1956.yaml: statuses[41] (target 'urup'): field 'actor':
    'sovjet' is not a known actor

See docs/data_model.md for the contract.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from app import GEODATA_DIR, PROJECT_ROOT, DataFileError

TIMELINE_DIR = GEODATA_DIR / "timeline"
ACTORS_FILE = "actors.yaml"
SEEDS_FILE = "seeds.yaml"
DATASET_FILE = "dataset.yaml"
REGISTRY_FILE = "registry.yaml"
DE_FACTO = "de_facto"
MAX_REPORTED_ERRORS = 40

CONTROL_ROLES = ("sovereignty", "military_occupation", "administration")
POSITION_ROLES = ("sovereignty", "claim", "undetermined", "renounced", "promised", "proposed",
                  "concession")
REGIME_ROLES = ("free_navigation", "no_fortification", "demilitarised",
                "closed_to_foreign_warships", "fishing_rights", "fishing_limit")
ROLES = tuple(dict.fromkeys(CONTROL_ROLES + POSITION_ROLES + REGIME_ROLES))
# Roles whose row may have `actor: null`.
ACTORLESS_ROLES = frozenset({"undetermined", "renounced"} | set(REGIME_ROLES))

Role = Literal[
    "sovereignty", "military_occupation", "administration", "claim", "undetermined", "renounced",
    "promised", "proposed", "concession", "free_navigation", "no_fortification", "demilitarised",
    "closed_to_foreign_warships", "fishing_rights", "fishing_limit",
]
EventKind = Literal[
    "treaty", "agreement", "secret_agreement", "declaration", "directive", "decree", "draft",
    "proposal", "amendment", "negotiation_position", "statement", "military_operation",
]
# Kinds of event known at the time only to their parties (and `known_to`) unless published.
DISCLOSURE_BY_KIND = {
    "treaty": "public", "agreement": "public", "secret_agreement": "parties", "declaration": "public",
    "directive": "public", "decree": "public", "draft": "parties", "proposal": "parties",
    "amendment": "public", "negotiation_position": "parties", "statement": "public",
    "military_operation": "public",
}
DateCertainty = Literal["exact", "approximate", "month", "year", "disputed"]
SourceTier = Literal["primary", "scholarship", "seed", "web"]
OutcomeStatus = Literal[
    "rejected", "superseded", "never_delivered", "became", "withdrawn", "adopted_in_part",
]


class TimelineDataError(DataFileError):
    """A timeline data file is broken; `errors` holds every message (the text shows the first)."""

    def __init__(self, errors: list[str] | str):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        shown = self.errors[:MAX_REPORTED_ERRORS]
        text = "\n".join(shown)
        if len(self.errors) > len(shown):
            text += f"\n… and {len(self.errors) - len(shown)} more errors"
        super().__init__(text)


# --- scalar types -------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso_date(value: Any) -> dt.date:
    """Strict `YYYY-MM-DD` (a YAML date is accepted as is). Raises ValueError with a clear text."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"{str(value)!r} is a date-time; write a date YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a valid date (YYYY-MM-DD)")


def _to_text(value: Any) -> Any:
    # YAML turns `locator: 2` or `value: 1945-09-04` into numbers/dates; keep them as text.
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value


Date = Annotated[dt.date, BeforeValidator(parse_iso_date)]
Text = Annotated[str, BeforeValidator(_to_text), Field(min_length=1)]
SnakeId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


def _ctx(info: ValidationInfo) -> ValidationContext | None:
    ctx = info.context
    return ctx if isinstance(ctx, ValidationContext) else None


def _check_actor(value: str, info: ValidationInfo) -> str:
    ctx = _ctx(info)
    if ctx is not None and value not in ctx.actors:
        raise ValueError(f"{value!r} is not a known actor")
    return value


def _check_asserter(value: str, info: ValidationInfo) -> str:
    ctx = _ctx(info)
    if ctx is not None and value != DE_FACTO and value not in ctx.actors:
        raise ValueError(f"{value!r} is neither 'de_facto' nor a known actor")
    return value


def _check_event(value: str, info: ValidationInfo) -> str:
    ctx = _ctx(info)
    if ctx is not None and value not in ctx.events:
        raise ValueError(f"{value!r} is not a known event id")
    return value


def _check_source(value: str, info: ValidationInfo) -> str:
    ctx = _ctx(info)
    if ctx is not None and value not in ctx.sources:
        raise ValueError(f"{value!r} is not a known source key")
    return value


def _check_target(value: str, info: ValidationInfo) -> str:
    ctx = _ctx(info)
    if ctx is not None and value not in ctx.targets:
        raise ValueError(
            f"{value!r} is not a unit, feature, strait, zone or line id of geodata/registry.yaml"
        )
    return value


ActorRef = Annotated[str, AfterValidator(_check_actor)]
AsserterRef = Annotated[str, AfterValidator(_check_asserter)]
EventRef = Annotated[str, AfterValidator(_check_event)]
SourceRef = Annotated[str, AfterValidator(_check_source)]
TargetRef = Annotated[str, AfterValidator(_check_target)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- actors -------------------------------------------------------------------------------------

class Names(_Model):
    en: Text
    ja: Text
    ru: Text
    zh: Text


class PartialNames(_Model):
    en: Text
    ja: Text | None = None
    ru: Text | None = None
    zh: Text | None = None


class DatedNames(_Model):
    """What an actor was called from `start` on (Soviet Russia, then the USSR from 30 Dec 1922);
    `short` is the form a narrow control shows."""
    start: Date
    names: Names
    short: Names | None = None
    # The name inside a sentence where it differs (English takes an article: "the USSR").
    in_text: PartialNames | None = None


class Actor(_Model):
    id: SnakeId
    group: SnakeId
    names: Names
    # The name inside a sentence where it differs from `names` (English takes an article: "the Russian Empire").
    in_text: PartialNames | None = None
    # Names by period, in date order, within [start, end); `names` stays the name where no date applies.
    names_from: list[DatedNames] = Field(default_factory=list)
    # The point of view this actor speaks for while it is that state's government (e.g. the
    # Provisional Government for `russia` from 15 Mar to 7 Nov 1917), and when: [start, end).
    government_of: SnakeId | None = None
    start: Date | None = None
    end: Date | None = None
    note: Text | None = None

    @field_validator("id")
    @classmethod
    def _not_de_facto(cls, value: str) -> str:
        if value == DE_FACTO:
            raise ValueError("'de_facto' is reserved for asserted_by and cannot be an actor id")
        return value

    @model_validator(mode="after")
    def _names_in_order(self) -> Actor:
        days = [period.start for period in self.names_from]
        if days != sorted(set(days)):
            raise _FieldError("names_from", "periods must be in date order, one per day")
        if days and ((self.start and days[0] < self.start) or (self.end and days[-1] >= self.end)):
            raise _FieldError("names_from", "periods must fall within the actor's start and end")
        return self


# --- sources ------------------------------------------------------------------------------------

class Quote(_Model):
    lang: Text
    original: Text
    en: Text


_REF_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URL_RE = re.compile(r"^https?://[^\s]+$")


def _reference_date(value: Any) -> str:
    """A date as a reference gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    value = _to_text(value)
    if isinstance(value, str) and _REF_DATE_RE.match(value):
        parts = [int(x) for x in value.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            pass
        else:
            return value
    raise ValueError(f"{value!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")


def _url(value: Any) -> str:
    if isinstance(value, str) and _URL_RE.match(value):
        return value
    raise ValueError(f"{value!r} is not an http(s) URL")


RefDate = Annotated[str, BeforeValidator(_reference_date)]
Url = Annotated[str, BeforeValidator(_url)]


class SeedDocument(_Model):
    """One of the documents the project was founded on, by its bibliographic identity."""

    id: SnakeId
    lang: Text                      # language of the text (BCP 47)
    author: Text                    # author or issuing body, as the document gives it
    title: Text                     # title in the document's language
    title_en: Text | None = None    # an English rendering of the title
    short: Text                     # for short citations, e.g. "Ozawa (1987)"
    publication: Text | None = None # journal, book or site and its details (volume, pages)
    date: RefDate | None = None
    url: Url | None = None
    note: Text | None = None


class DatasetInfo(_Model):
    """The dataset as a citable whole (dataset.yaml); `version` goes into every download."""

    title: Text
    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
    released: Date
    licence: Text | None = None
    note: Text | None = None


class Source(_Model):
    """A document a reader can follow: who issued or wrote it, what, when, where in it (locator),
    where it is printed or held (publication), and a stable URL. Seeds take their identity from
    geodata/timeline/seeds.yaml (`seed`); their locator is a line range of the text."""

    key: SnakeId
    tier: SourceTier
    author: Text | None = None       # author or issuing body
    title: Text | None = None
    short: Text | None = None        # short title for short citations (default: title)
    date: RefDate | None = None      # date of the document (or of the publication)
    locator: Text | None = None      # article, paragraph, page; for seeds: "L969–975"
    publication: Text | None = None  # publication or archive where the text is printed or held
    url: Url | None = None           # stable URL of the document or of the copy read
    seed: SnakeId | None = None      # tier seed: the seed document (seeds.yaml)
    quote: Quote | None = None
    verbatim: bool | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _identity(self) -> Source:
        if self.tier == "seed" and not self.seed:
            raise _FieldError("seed", "required when tier is 'seed' (an id of seeds.yaml)")
        if self.tier != "seed" and self.seed:
            raise _FieldError("seed", "only for tier 'seed'")
        if not self.seed:
            for name in ("author", "title"):
                if not getattr(self, name):
                    raise _FieldError(name, "required: a reader must be able to find the document")
        return self

    @field_validator("seed")
    @classmethod
    def _known_seed(cls, value: str | None, info: ValidationInfo) -> str | None:
        ctx = _ctx(info)
        if value is not None and ctx is not None and value not in ctx.seeds:
            raise ValueError(f"{value!r} is not a seed document of seeds.yaml")
        return value


# --- events -------------------------------------------------------------------------------------

class Outcome(_Model):
    status: OutcomeStatus
    became: EventRef | None = None
    note: Text | None = None


class Clause(_Model):
    locator: Text | None = None
    text: Text
    source: SourceRef
    note: Text | None = None


class Event(_Model):
    id: SnakeId
    kind: EventKind
    title: Names
    summary: PartialNames
    # signed / issued / announced / started / in_force / ended / published (other snake_case keys
    # are accepted so an author can record e.g. `delivered`).
    dates: dict[SnakeId, Date | None] = Field(default_factory=dict)
    sort_date: Date
    date_as_written: Text | None = None
    date_certainty: DateCertainty = "exact"
    parties: list[ActorRef] = Field(default_factory=list)
    # Who knew of it at the time (docs/data_model.md, "Points of view"): `public` events are known
    # to every government from their date; `parties` events only to the parties and `known_to`
    # until `dates.published`. Default by kind (DISCLOSURE_BY_KIND).
    disclosure: Literal["public", "parties"] | None = None
    known_to: list[ActorRef] = Field(default_factory=list)
    # Governments that learnt of it later: actor → the first day a document shows they knew.
    known_from: dict[ActorRef, Date] = Field(default_factory=dict)
    outcome: Outcome | None = None
    clause: Clause | None = None
    sources: list[SourceRef] = Field(min_length=1)
    background: bool = False
    note: Text | None = None

    @property
    def disclosed(self) -> str:
        return self.disclosure or DISCLOSURE_BY_KIND[self.kind]


# --- statuses -----------------------------------------------------------------------------------

class Status(_Model):
    target: TargetRef
    start: Date
    end: Date | None = None
    actor: ActorRef | None = None
    role: Role
    asserted_by: list[AsserterRef] = Field(min_length=1)
    event: EventRef
    end_event: EventRef | None = None
    sources: list[SourceRef] = Field(min_length=1)
    recipient: ActorRef | None = None
    condition: Text | None = None
    proposed_role: Role | None = None
    note: Text | None = None

    _file: str = PrivateAttr(default="")
    _index: int = PrivateAttr(default=-1)
    _uid: str = PrivateAttr(default="")

    @property
    def uid(self) -> str:
        """A stable id: `<file stem>#<index>` (e.g. `era2_1945_1956#41`)."""
        return self._uid

    @property
    def file(self) -> str:
        return self._file

    @property
    def inferred(self) -> bool:
        """A position the sources imply but do not state: its note begins with "Inferred"."""
        return bool(self.note) and self.note.startswith("Inferred")

    @property
    def index(self) -> int:
        return self._index

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("start")
        if value is not None and start is not None and value <= start:
            raise ValueError(f"end {value.isoformat()} must be after start {start.isoformat()}")
        return value

    @field_validator("asserted_by")
    @classmethod
    def _unique_asserters(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError(f"{value!r} lists an asserter twice")
        return value

    @model_validator(mode="after")
    def _role_rules(self) -> Status:
        regime_proposal = self.role == "proposed" and self.proposed_role in REGIME_ROLES
        if self.actor is None and self.role not in ACTORLESS_ROLES and not regime_proposal:
            raise _FieldError("actor", f"role {self.role!r} needs an actor (null only for "
                              "undetermined, renounced, a strait/sea regime or a proposed "
                              "regime)")
        if self.role == "undetermined" and self.actor is not None:
            raise _FieldError("actor", "role 'undetermined' takes actor: null")
        if self.role == "proposed" and self.proposed_role is None:
            raise _FieldError("proposed_role", "role 'proposed' needs a proposed_role")
        if self.role != "proposed" and self.proposed_role is not None:
            raise _FieldError("proposed_role", "proposed_role is only for role 'proposed'")
        if DE_FACTO in self.asserted_by and self.role in CONTROL_ROLES and self.actor is None:
            raise _FieldError("actor", "a de facto control row needs an actor")
        return self


# --- disagreements ------------------------------------------------------------------------------

class About(_Model):
    event: EventRef | None = None
    status_target: TargetRef | None = None
    role: Role | None = None
    source: SourceRef | None = None
    # A question about a few days of a long row (the 1905 handover of a row that runs to 1917) bears on a date
    # only before `until` (exclusive).
    until: Date | None = None
    # A question about when a claim started bears from `since` (inclusive) on, also on the days before its row
    # starts (the alternatives' days), on the places of its rows.
    since: Date | None = None
    # Only these places (units or features) of the event's rows: a question on some of the places an event touches.
    targets: list[TargetRef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something(self) -> About:
        if self.event is None and self.status_target is None and self.source is None:
            raise ValueError("'about' needs an event, a status_target or a source")
        return self


class Position(_Model):
    # What a reader sees (question, positions, adopted) is given in all four languages; `note` is
    # the editors' remark and stays English.
    value: Names
    sources: list[SourceRef] = Field(min_length=1)
    note: Text | None = None


class Disagreement(_Model):
    id: SnakeId
    about: About
    question: Names
    positions: list[Position] = Field(min_length=1)
    adopted: Names
    seed_error: bool = False
    note: Text | None = None


# --- registry -----------------------------------------------------------------------------------

class _Loose(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class RegistryItem(_Loose):
    names: PartialNames
    in_text: PartialNames | None = None  # inside a sentence, where it differs ("the Habomai islets")
    plural: bool = False  # a sentence speaks of it as "they" ("the Habomai islets were promised")


class RegistryUnit(RegistryItem):
    features: list[SnakeId] = Field(min_length=1)


class RegistryFeature(RegistryItem):
    ref: tuple[float, float] | None = None


class Registry(_Loose):
    territory_units: dict[SnakeId, RegistryUnit]
    features: dict[SnakeId, RegistryFeature]
    straits: dict[SnakeId, RegistryItem] = Field(default_factory=dict)
    zones: dict[SnakeId, RegistryItem] = Field(default_factory=dict)
    lines: dict[SnakeId, RegistryItem] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _features_known(self) -> Registry:
        for unit_id, unit in self.territory_units.items():
            for feature_id in unit.features:
                if feature_id not in self.features:
                    raise ValueError(f"unit {unit_id!r} lists unknown feature {feature_id!r}")
        return self

    @property
    def target_ids(self) -> set[str]:
        return (set(self.territory_units) | set(self.features) | set(self.straits)
                | set(self.zones) | set(self.lines))

    def unit_of_feature(self) -> dict[str, str]:
        return {f: u for u, unit in self.territory_units.items() for f in unit.features}


# --- loading ------------------------------------------------------------------------------------

class _FieldError(ValueError):
    """Raised by a model validator to name the field at fault."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field_name = field_name


@dataclass(frozen=True)
class ValidationContext:
    actors: frozenset[str]
    events: frozenset[str]
    sources: frozenset[str]
    targets: frozenset[str]
    seeds: frozenset[str] = frozenset()


@dataclass
class Timeline:
    """Everything the engine needs, validated."""

    registry: Registry
    actors: dict[str, Actor]
    sources: dict[str, Source]
    events: dict[str, Event]
    statuses: list[Status]
    disagreements: dict[str, Disagreement]
    seeds: dict[str, SeedDocument] = field(default_factory=dict)
    dataset: DatasetInfo | None = None
    files: list[str] = field(default_factory=list)
    source_file: dict[str, str] = field(default_factory=dict)  # source key / event id -> file


LISTS: dict[str, tuple[type[BaseModel], str]] = {
    "sources": (Source, "key"),
    "events": (Event, "id"),
    "statuses": (Status, "target"),
    "disagreements": (Disagreement, "id"),
}


def display_path(path: Path) -> str:
    """The path as the messages show it: relative to the project root when inside it."""
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader that keeps dates as text, so `1945-13-01` reaches the validator (and its message)
    instead of crashing the YAML parser; libyaml's when PyYAML has it (5× faster: start-up and every test)."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TimelineDataError(f"{display_path(path)}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise TimelineDataError(f"{display_path(path)}: not UTF-8: {error}") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        where = ""
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            where = f" line {mark.line + 1}, column {mark.column + 1}:"
        problem = getattr(error, "problem", None) or str(error)
        raise TimelineDataError(
            f"{display_path(path)}:{where} YAML syntax error: {problem}"
        ) from None


def _format_loc(loc: Iterable[Any]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _describe_input(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _error_messages(error: ValidationError, prefix: str) -> list[str]:
    messages = []
    for item in error.errors(include_url=False):
        loc = list(item["loc"])
        msg = item["msg"]
        ctx_error = (item.get("ctx") or {}).get("error")
        if isinstance(ctx_error, _FieldError):
            loc = loc + [ctx_error.field_name]
            msg = str(ctx_error)
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        elif item["type"] in ("literal_error", "string_pattern_mismatch", "string_type",
                              "bool_type", "bool_parsing", "list_type", "dict_type",
                              "model_type", "float_parsing", "float_type", "too_short"):
            msg = f"{_describe_input(item['input'])}: {msg}"
        elif item["type"] == "extra_forbidden":
            msg = "unknown field (not in docs/data_model.md)"
        # Tagged-union / Literal names pydantic adds to the location are noise for authors.
        loc = [p for p in loc if not (isinstance(p, str) and p.startswith("function-"))]
        where = f"field '{_format_loc(loc)}'" if loc else "item"
        messages.append(f"{prefix}: {where}: {msg}")
    return messages


def _item_label(list_name: str, index: int, raw: Any, id_field: str) -> str:
    label = f"{list_name}[{index}]"
    if isinstance(raw, dict) and raw.get(id_field) is not None:
        label += f" ({id_field} '{raw.get(id_field)}')"
    return label


def _load_registry(path: Path) -> Registry:
    raw = _read_yaml(path)
    try:
        return Registry.model_validate(raw)
    except ValidationError as error:
        raise TimelineDataError(_error_messages(error, display_path(path))) from None


def _find_registry(directory: Path) -> Path:
    for candidate in (directory / REGISTRY_FILE, directory.parent / REGISTRY_FILE):
        if candidate.is_file():
            return candidate
    raise TimelineDataError(f"{display_path(directory)}: no {REGISTRY_FILE} here or in the parent")


def load_timeline(directory: str | Path | None = None,
                  registry_path: str | Path | None = None) -> Timeline:
    """Load and validate `actors.yaml` and every other `*.yaml` (era files) in `directory`.

    `directory` defaults to geodata/timeline; the registry is `registry.yaml` in the directory or
    its parent unless `registry_path` is given. Raises TimelineDataError listing every problem.
    """
    directory = Path(directory) if directory is not None else TIMELINE_DIR
    if not directory.is_dir():
        raise TimelineDataError(f"{display_path(directory)}: no such timeline directory")
    registry = _load_registry(Path(registry_path) if registry_path else _find_registry(directory))
    errors: list[str] = []

    # Actors.
    actors: dict[str, Actor] = {}
    actors_path = directory / ACTORS_FILE
    if not actors_path.is_file():
        raise TimelineDataError(f"{display_path(actors_path)}: missing")
    raw_actors = _read_yaml(actors_path)
    if not isinstance(raw_actors, list):
        raise TimelineDataError(f"{display_path(actors_path)}: must be a list of actors")
    for index, raw in enumerate(raw_actors):
        prefix = f"{display_path(actors_path)}: {_item_label('actors', index, raw, 'id')}"
        try:
            actor = Actor.model_validate(raw)
        except ValidationError as error:
            errors.extend(_error_messages(error, prefix))
            continue
        if actor.id in actors:
            errors.append(f"{prefix}: field 'id': {actor.id!r} is defined twice")
        if actor.start and actor.end and actor.end <= actor.start:
            errors.append(f"{prefix}: field 'end': must be after start")
        actors[actor.id] = actor

    # Seed documents (optional file).
    seeds: dict[str, SeedDocument] = {}
    seeds_path = directory / SEEDS_FILE
    raw_seeds = _read_yaml(seeds_path) if seeds_path.is_file() else []
    if not isinstance(raw_seeds, list):
        raise TimelineDataError(f"{display_path(seeds_path)}: must be a list of seed documents")
    for index, raw in enumerate(raw_seeds):
        prefix = f"{display_path(seeds_path)}: {_item_label('seeds', index, raw, 'id')}"
        try:
            seed = SeedDocument.model_validate(raw)
        except ValidationError as error:
            errors.extend(_error_messages(error, prefix))
            continue
        if seed.id in seeds:
            errors.append(f"{prefix}: field 'id': {seed.id!r} is defined twice")
        seeds[seed.id] = seed

    # The dataset's identity (optional file; the real data has it, a test fixture may not).
    dataset: DatasetInfo | None = None
    dataset_path = directory / DATASET_FILE
    if dataset_path.is_file():
        try:
            dataset = DatasetInfo.model_validate(_read_yaml(dataset_path))
        except ValidationError as error:
            errors.extend(_error_messages(error, display_path(dataset_path)))

    # Era files: first pass collects the ids so files may reference each other.
    era_paths = sorted(p for p in directory.glob("*.yaml")
                       if p.name not in (ACTORS_FILE, REGISTRY_FILE, SEEDS_FILE, DATASET_FILE))
    raw_files: list[tuple[Path, dict[str, list[Any]]]] = []
    for path in era_paths:
        raw = _read_yaml(path)
        shown = display_path(path)
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            errors.append(f"{shown}: must be a mapping with lists {', '.join(LISTS)}")
            continue
        unknown = sorted(set(raw) - set(LISTS))
        for key in unknown:
            errors.append(f"{shown}: top-level key {key!r} is not one of {', '.join(LISTS)}")
        lists: dict[str, list[Any]] = {}
        for name in LISTS:
            value = raw.get(name) or []
            if not isinstance(value, list):
                errors.append(f"{shown}: {name!r} must be a list")
                value = []
            lists[name] = value
        raw_files.append((path, lists))

    defined: dict[str, dict[str, str]] = {"sources": {}, "events": {}, "disagreements": {}}
    for path, lists in raw_files:
        shown = display_path(path)
        for name, id_field in (("sources", "key"), ("events", "id"), ("disagreements", "id")):
            for index, raw in enumerate(lists[name]):
                if not isinstance(raw, dict) or not isinstance(raw.get(id_field), str):
                    continue
                ident = raw[id_field]
                if ident in defined[name]:
                    errors.append(
                        f"{shown}: {_item_label(name, index, raw, id_field)}: field '{id_field}': "
                        f"{ident!r} is already defined in {defined[name][ident]}"
                    )
                else:
                    defined[name][ident] = shown

    context = ValidationContext(
        actors=frozenset(actors),
        events=frozenset(defined["events"]),
        sources=frozenset(defined["sources"]),
        targets=frozenset(registry.target_ids),
        seeds=frozenset(seeds),
    )

    sources: dict[str, Source] = {}
    events: dict[str, Event] = {}
    statuses: list[Status] = []
    disagreements: dict[str, Disagreement] = {}
    origin: dict[str, str] = {}
    for path, lists in raw_files:
        shown = display_path(path)
        for name, (model, id_field) in LISTS.items():
            for index, raw in enumerate(lists[name]):
                prefix = f"{shown}: {_item_label(name, index, raw, id_field)}"
                try:
                    item = model.model_validate(raw, context=context)
                except ValidationError as error:
                    errors.extend(_error_messages(error, prefix))
                    continue
                if isinstance(item, Source):
                    sources.setdefault(item.key, item)
                    origin.setdefault(item.key, shown)
                elif isinstance(item, Event):
                    events.setdefault(item.id, item)
                    origin.setdefault(item.id, shown)
                elif isinstance(item, Status):
                    item._file = shown
                    item._index = index
                    item._uid = f"{path.stem}#{index}"
                    statuses.append(item)
                elif isinstance(item, Disagreement):
                    disagreements.setdefault(item.id, item)

    if errors:
        raise TimelineDataError(errors)
    return Timeline(
        registry=registry,
        actors=actors,
        sources=sources,
        events=events,
        statuses=statuses,
        disagreements=disagreements,
        seeds=seeds,
        dataset=dataset,
        files=[display_path(p) for p, _ in raw_files],
        source_file=origin,
    )


def main() -> None:  # pragma: no cover - a convenience for data authors
    """`python -m app.timeline.model [directory]`: validate and print a one-line summary."""
    import sys

    try:
        timeline = load_timeline(sys.argv[1] if len(sys.argv) > 1 else None)
    except DataFileError as error:
        print(error, file=sys.stderr)
        sys.exit(1)
    print(f"OK: {len(timeline.actors)} actors, {len(timeline.sources)} sources, "
          f"{len(timeline.events)} events, {len(timeline.statuses)} statuses, "
          f"{len(timeline.disagreements)} disagreements in {', '.join(timeline.files) or '-'}")


if __name__ == "__main__":  # pragma: no cover
    main()
