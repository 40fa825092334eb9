"""The timeline query engine (pure Python; no Dash).

Everything is precomputed at construction: the breakpoints (every status start/end inside the
map's range) cut 1905-01-01 … 1956-12-31 into segments on which nothing changes, and for each
segment and perspective the `territories`, `regimes` and `lines` parts of `state()` are built once.
`state()` is then a date parse, a bisect and a small dict. Results share precomputed objects:
treat them as read-only (serialise them, do not mutate them).

Terms (see docs/api.md for the JSON shapes):
- a *unit* is a territory unit of geodata/registry.yaml; its *features* are the polygons drawn.
- a row whose target is a unit applies to all its features; a row whose target is a feature id
  that is not also a unit id is *feature-level* and, for de facto control, wins over the unit's row.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from app import mapstate
from app.timeline import milestones
from app.timeline.model import (
    CONTROL_ROLES,
    DE_FACTO,
    REGIME_ROLES,
    Status,
    Timeline,
)

RANGE_START = mapstate.MIN_DATE  # the map's range and points of view are the map state's (app/mapstate.py)
RANGE_END = mapstate.MAX_DATE  # last day shown (inclusive)
RANGE_STOP = RANGE_END + dt.timedelta(days=1)  # exclusive end of the last segment
CORE_PERSPECTIVES = mapstate.POVS
# Old point-of-view ids still accepted wherever a point of view is read (normalised to the new id).
PERSPECTIVE_ALIASES = mapstate.POV_ALIASES
MARKER_ROLES = ("promised", "proposed", "renounced", "concession")
CLAIM_ROLES = ("sovereignty", "claim")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FAR_FUTURE = dt.date(9999, 12, 31)


class QueryError(ValueError):
    """A bad query parameter. `parameter` names it, `allowed` says what is accepted."""

    def __init__(self, parameter: str, message: str, allowed: str | None = None):
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.allowed = allowed

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.message, "parameter": self.parameter, "allowed": self.allowed}


def parse_date(value: Any, parameter: str = "date") -> dt.date:
    """Strict `YYYY-MM-DD` inside 1905-01-01 … 1956-12-31, else QueryError (a ValueError)."""
    allowed = f"a date YYYY-MM-DD from {RANGE_START.isoformat()} to {RANGE_END.isoformat()}"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    else:
        if not isinstance(value, str) or not _DATE_RE.match(value):
            raise QueryError(parameter, f"{parameter} {value!r} is not a date YYYY-MM-DD", allowed)
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise QueryError(
                parameter, f"{parameter} {value!r} is not a valid calendar date", allowed
            ) from None
    if not RANGE_START <= day <= RANGE_END:
        raise QueryError(
            parameter,
            f"{parameter} {day.isoformat()} is outside the map's range "
            f"{RANGE_START.isoformat()} … {RANGE_END.isoformat()}",
            allowed,
        )
    return day


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def status_dict(status: Status) -> dict[str, Any]:
    """The JSON shape of one status row (also used by the API and CLI)."""
    return {
        "id": status.uid,
        "target": status.target,
        "actor": status.actor,
        "role": status.role,
        "asserted_by": list(status.asserted_by),
        "event": status.event,
        "end_event": status.end_event,
        "start": status.start.isoformat(),
        "end": _iso(status.end),
        "sources": list(status.sources),
        "recipient": status.recipient,
        "condition": status.condition,
        "proposed_role": status.proposed_role,
        "note": status.note,
    }


class Row:
    """A plain, fast copy of a Status for the inner loops (`asserted_by` is a frozenset)."""

    __slots__ = ("uid", "target", "start", "end", "actor", "role", "asserted_by", "event",
                 "end_event", "recipient", "condition", "proposed_role", "status")

    def __init__(self, status: Status):
        self.status = status
        self.uid = status.uid
        self.target = status.target
        self.start = status.start
        self.end = status.end
        self.actor = status.actor
        self.role = status.role
        self.asserted_by = frozenset(status.asserted_by)
        self.event = status.event
        self.end_event = status.end_event
        self.recipient = status.recipient
        self.condition = status.condition
        self.proposed_role = status.proposed_role


def _in_force(status: Row, day: dt.date) -> bool:
    return status.start <= day and (status.end is None or day < status.end)


class Engine:
    """Queries over a validated Timeline. Build once per process (see app.data.load_engine)."""

    def __init__(self, timeline: Timeline):
        self.timeline = timeline
        reg = timeline.registry
        self.registry = reg
        self.units: dict[str, list[str]] = {u: list(x.features) for u, x in
                                            reg.territory_units.items()}
        self.unit_of: dict[str, str] = reg.unit_of_feature()
        self.straits = list(reg.straits)
        self.zones = list(reg.zones)
        self.lines = list(reg.lines)
        self.feature_ids = [f for feats in self.units.values() for f in feats]
        self._actor_order = {a: i for i, a in enumerate(timeline.actors)}

        ordered = sorted(timeline.statuses,
                         key=lambda s: (s.start, s.end or _FAR_FUTURE, s.target, s.role,
                                        s.actor or "", s.uid))
        self._sdict = {s.uid: status_dict(s) for s in ordered}
        statuses = [Row(s) for s in ordered]
        self.statuses: list[Row] = statuses
        self.status_by_id = {s.uid: s.status for s in statuses}
        self._by_event: dict[str, list[Row]] = {}
        for s in statuses:
            self._by_event.setdefault(s.event, []).append(s)
            if s.end_event and s.end_event != s.event:
                self._by_event.setdefault(s.end_event, []).append(s)

        # Which rows apply where.
        self._unit_rows: dict[str, list[Row]] = {u: [] for u in self.units}  # unit-level
        self._feature_rows: dict[str, list[Row]] = {f: [] for f in self.feature_ids}
        self._other_rows: dict[str, list[Row]] = {
            t: [] for t in self.straits + self.zones + self.lines}
        for s in statuses:
            if s.target in self.units:
                self._unit_rows[s.target].append(s)
            elif s.target in self._feature_rows:
                self._feature_rows[s.target].append(s)
            elif s.target in self._other_rows:
                self._other_rows[s.target].append(s)

        # Perspectives: de_facto, the three core governments, then any other asserting actor. A
        # point of view is a state: its governments (actors.yaml `government_of`) assert for it.
        self.perspective_of: dict[str, str] = {
            a.id: a.government_of or a.id for a in timeline.actors.values()}
        asserters = {a for s in statuses for a in s.asserted_by if a != DE_FACTO}
        povs = {self.perspective_of.get(a, a) for a in asserters}
        extra = sorted(povs - set(CORE_PERSPECTIVES),
                       key=lambda a: (self._actor_order.get(a, 999), a))
        self.perspectives: list[str] = list(CORE_PERSPECTIVES) + extra
        self.asserters: dict[str, frozenset[str]] = {DE_FACTO: frozenset({DE_FACTO})}
        for pov in self.perspectives[1:]:
            self.asserters[pov] = frozenset(
                a for a, of in self.perspective_of.items() if of == pov) | {pov}

        # Events in timeline order.
        self.events = timeline.events
        self._events_sorted = sorted(timeline.events.values(), key=lambda e: (e.sort_date, e.id))
        self._event_order = {e.id: i for i, e in enumerate(self._events_sorted)}

        # Segments.
        points = {RANGE_START}
        for s in statuses:
            for day in (s.start, s.end):
                if day is not None and RANGE_START < day < RANGE_STOP:
                    points.add(day)
        for event_id in self._by_event:  # a publication or a later knowledge changes who knew of its rows
            event = timeline.events[event_id]
            for day in (event.dates.get("published"), *event.known_from.values()):
                if day is not None and RANGE_START < day < RANGE_STOP:
                    points.add(day)
        self.breakpoints: list[dt.date] = sorted(points)
        self._segment_ends = self.breakpoints[1:] + [RANGE_STOP]
        self._segments: list[dict[str, Any]] = [
            self._build_segment(day) for day in self.breakpoints
        ]
        self._paint_cache: dict[str, dict[str, Any]] = {}

    # --- validation helpers ---------------------------------------------------------------------

    def check_perspective(self, perspective: Any, parameter: str = "perspective") -> str:
        """The perspective id (an old alias such as `soviet` gives `russia`), else QueryError."""
        if isinstance(perspective, str):
            perspective = PERSPECTIVE_ALIASES.get(perspective, perspective)
        if perspective not in self.perspectives:
            raise QueryError(parameter, f"unknown {parameter} {perspective!r}",
                             ", ".join(self.perspectives))
        return perspective

    def government_of(self, perspective: str, date: Any) -> str | None:
        """The actor that spoke for `perspective` on `date` (e.g. `russia` on 1917-05-01 →
        `russia_provisional`); None for de_facto or when no government is known."""
        perspective = self.check_perspective(perspective)
        if perspective == DE_FACTO:
            return None
        day = parse_date(date)
        fallback = perspective if perspective in self.timeline.actors else None
        for actor in self.timeline.actors.values():
            if self.perspective_of.get(actor.id) != perspective:
                continue
            if (actor.start is None or actor.start <= day) and (actor.end is None or day < actor.end):
                if actor.start is not None or actor.end is not None or fallback is None:
                    return actor.id
        return fallback

    def names_on(self, actor_id: str, date: Any = None) -> Any:
        """An actor's names on `date` (`names_from`: Soviet Russia (RSFSR), then the USSR from 30 Dec
        1922); its general names without a date or a dated name. None for an unknown actor."""
        actor = self.timeline.actors.get(actor_id)
        if actor is None:
            return None
        if date is None:
            return actor.names
        day = parse_date(date)
        current = actor.names
        for period in actor.names_from:
            if period.start <= day:
                current = period.names
        return current

    def names_in_text_on(self, actor_id: str, date: Any = None) -> dict[str, str] | None:
        """The actor's names on `date` as they stand inside a sentence ("the USSR" in English, where a story says
        "… claimed it"); each language falls back to the plain name. None for an unknown actor."""
        actor = self.timeline.actors.get(actor_id)
        names = self.names_on(actor_id, date)
        if actor is None or names is None:
            return None
        in_text = actor.in_text
        if date is not None:
            day = parse_date(date)
            for period in actor.names_from:
                if period.start <= day:
                    in_text = period.in_text
        plain = names.model_dump()
        extra = in_text.model_dump() if in_text is not None else {}
        return {code: extra.get(code) or plain[code] for code in plain}

    def government_periods(self, perspective: str) -> list[dict[str, Any]]:
        """Each stretch in which one government spoke for `perspective` under one name, in date order:
        {start (None = from the beginning), actor, names, short (None when not given)}."""
        perspective = self.check_perspective(perspective)
        actors = sorted((a for a in self.timeline.actors.values()
                         if self.perspective_of.get(a.id) == perspective and a.government_of),
                        key=lambda a: a.start or dt.date.min)
        out: list[dict[str, Any]] = []
        for actor in actors:
            periods = [(actor.start, actor.names, None)]
            periods += [(p.start, p.names, p.short) for p in actor.names_from]
            for start, names, short in periods:
                if out and out[-1]["actor"] == actor.id and out[-1]["start"] == start:
                    out.pop()  # a dated name from the actor's first day replaces its general one
                out.append({"start": start, "actor": actor.id, "names": names, "short": short})
        return out

    def _public(self, event_id: str, day: dt.date) -> bool:
        """Was the event public on `day`: public by its disclosure, or published by then?"""
        event = self.events.get(event_id)
        if event is None:
            return False
        published = event.dates.get("published")
        return event.disclosed == "public" or (published is not None and published <= day)

    def _known(self, event_id: str, perspective: str, day: dt.date) -> bool:
        """Did the government(s) of `perspective` know of the event on `day`? Public events are
        known to all; others to their parties and `known_to`, and to a government of `known_from`
        from the day a document shows it knew, until published."""
        if self._public(event_id, day):
            return True
        event = self.events.get(event_id)
        if event is None:
            return False
        mine = self.asserters[perspective]
        if mine & (set(event.parties) | set(event.known_to)):
            return True
        return any(actor in mine and since <= day for actor, since in event.known_from.items())

    def public_claim(self, row: Row, day: dt.date) -> bool:
        """A claim its government had made public by `day` (a statement, note, law or published position):
        a fact of the dispute the de facto view draws where another holds the land. A title as its holder
        sees it (a `sovereignty` row from an old treaty) is no claim made public, nor is an inferred one."""
        return (row.role == "claim" and row.actor is not None and row.actor in row.asserted_by
                and DE_FACTO not in row.asserted_by and not row.status.inferred
                and self._public(row.event, day))

    def visible(self, row: Row, perspective: str, day: dt.date) -> bool:
        """The point-of-view rule for markers and claims (docs/data_model.md): the de facto view
        shows what is in force between the parties (rows asserted `de_facto`) and the claims made public;
        a government's view shows what that government asserted, or knew of on that day."""
        if perspective == DE_FACTO:
            return DE_FACTO in row.asserted_by or self.public_claim(row, day)
        return bool(row.asserted_by & self.asserters[perspective]) or self._known(
            row.event, perspective, day)

    def _rows_for_unit(self, unit: str) -> Iterable[Row]:
        yield from self._unit_rows[unit]
        for f in self.units[unit]:
            if f not in self.units:
                yield from self._feature_rows[f]

    def _actor_key(self, actor: str | None) -> tuple[int, str]:
        return (self._actor_order.get(actor or "", 999), actor or "")

    # --- per-segment precomputation -------------------------------------------------------------

    def _control_rows(self, rows: Iterable[Row], day: dt.date) -> list[Row]:
        return [s for s in rows if DE_FACTO in s.asserted_by and s.role in CONTROL_ROLES
                and _in_force(s, day)]

    def _feature_control(self, feature: str, day: dt.date) -> Row | None:
        unit = self.unit_of[feature]
        rows: list[Row] = []
        if feature not in self.units:
            rows = self._control_rows(self._feature_rows[feature], day)
        if not rows:
            rows = self._control_rows(self._unit_rows[unit], day)
        if not rows:
            return None
        return max(rows, key=lambda s: (s.start, s.uid))

    def _sovereign_row(self, unit_rows: list[Row], feature_rows: list[Row], perspective: str) -> Row | None:
        """The row that says whom `perspective` holds sovereign (the latest of the first level that has one)."""
        mine = self.asserters[perspective]
        for rows in (unit_rows, feature_rows):
            found = [s for s in rows if s.asserted_by & mine
                     and s.role in ("sovereignty", "undetermined")]
            if found:
                return max(found, key=lambda s: (s.start, s.uid))
        return None

    def _sovereign(self, unit_rows: list[Row], feature_rows: list[Row],
                   perspective: str) -> str | None:
        best = self._sovereign_row(unit_rows, feature_rows, perspective)
        if best is None:
            return None
        return "undetermined" if best.role == "undetermined" else best.actor

    def _claimants(self, rows: Iterable[Row]) -> list[str]:
        """Actors asserting title themselves (own sovereignty or a claim) among `rows`."""
        found = {s.actor for s in rows if s.role in CLAIM_ROLES and s.actor
                 and s.actor in s.asserted_by}
        return sorted(found, key=self._actor_key)

    @staticmethod
    def _inferred(row: Row | None) -> bool:
        return row is not None and row.status.inferred

    def _group(self, actor: str | None) -> str | None:
        known = self.timeline.actors.get(actor or "")
        return known.group if known is not None else actor

    def _claims(self, vis: list[Row], perspective: str, holders: set[str | None]) -> list[str]:
        """Who claims, as `perspective` draws it. In the de facto view a claim is one against the
        holders on the ground: a claimant of the holders' colour group is not drawn (nor named)."""
        claimants = self._claimants(vis)
        if perspective != DE_FACTO:
            return claimants
        return [a for a in claimants if self._group(a) not in holders]

    def _against_holder(self, row: Row, control: dict[str, Row | None]) -> bool:
        """Does another colour group hold one of the features the row applies to (a claim drawn against it)?"""
        features = [row.target] if row.target in control else list(control)
        return any(control[f] is None or self._group(control[f].actor) != self._group(row.actor)
                   for f in features)

    @staticmethod
    def _marker_item(s: Row) -> list[Any]:
        if s.role == "proposed":
            return [s.actor, s.proposed_role, s.event]
        if s.role == "renounced":
            return [s.actor, s.recipient, s.event]
        return [s.actor, s.event]

    def _markers(self, rows: Iterable[Row]) -> dict[str, list[Any]]:
        markers: dict[str, list[Any]] = {role: [] for role in MARKER_ROLES}
        for s in rows:
            if s.role not in MARKER_ROLES:
                continue
            item = self._marker_item(s)
            if item not in markers[s.role]:
                markers[s.role].append(item)
        return markers

    def _marker_asserters(self, rows: list[Row], perspective: str) -> dict[str, list[list[str]]]:
        """Aligned with `_markers(rows)`: for each marker a government's view shows only because it knew
        of it, the governments that asserted it (e.g. the UK's 'renounced' on Iturup in Japan's view
        of 1956, the USSR's and Japan's Joint Declaration in the US view), so a reader is told whose
        position it is; [] where the view's own government asserts it, and always in the de facto view."""
        markers = self._markers(rows)
        out: dict[str, list[list[str]]] = {role: [[] for _ in markers[role]] for role in MARKER_ROLES}
        if perspective == DE_FACTO:
            return out
        mine = self.asserters[perspective]
        own: set[tuple[str, int]] = set()
        for s in rows:
            if s.role not in MARKER_ROLES:
                continue
            i = markers[s.role].index(self._marker_item(s))
            governments = s.asserted_by - {DE_FACTO}
            # an obligation in force between other parties (the Joint Declaration in the US view) is theirs
            if s.asserted_by & mine or not governments:
                own.add((s.role, i))
            else:
                out[s.role][i] = sorted(set(out[s.role][i]) | governments, key=self._actor_key)
        for role, i in own:
            out[role][i] = []
        return out

    def _build_segment(self, day: dt.date) -> dict[str, Any]:
        territories: dict[str, dict[str, dict[str, Any]]] = {p: {} for p in self.perspectives}
        feature_values: dict[str, dict[str, Any]] = {p: {} for p in self.perspectives}
        all_in_force: list[Row] = []

        def shown(rows: list[Row], p: str, control: dict[str, Row | None] | None = None) -> list[Row]:
            # markers and claims drawn in `p` (the point-of-view rule); in the de facto view a public claim
            # only where another group holds at least one of the row's features
            if p == DE_FACTO:
                return [s for s in rows if (s.role in MARKER_ROLES and DE_FACTO in s.asserted_by)
                        or (self.public_claim(s, day) and self._against_holder(s, control or {}))]
            return [s for s in rows if (s.role in MARKER_ROLES or s.role in CLAIM_ROLES)
                    and self.visible(s, p, day)]

        for unit, features in self.units.items():
            unit_rows = [s for s in self._unit_rows[unit] if _in_force(s, day)]
            feat_rows = [s for f in features if f not in self.units
                         for s in self._feature_rows[f] if _in_force(s, day)]
            all_in_force.extend(unit_rows)
            all_in_force.extend(feat_rows)
            control: dict[str, Row | None] = {f: self._feature_control(f, day)
                                                 for f in features}
            feats_json = {
                f: {"controlled_by": c.actor if c else None,
                    "control_kind": c.role if c else None,
                    "event": c.event if c else None}
                for f, c in control.items()
            }
            controllers = {(v["controlled_by"], v["control_kind"]) for v in feats_json.values()}
            if len(controllers) == 1:
                controlled_by, control_kind = next(iter(controllers))
            else:
                who = {c for c, _ in controllers}
                controlled_by = next(iter(who)) if len(who) == 1 else None
                control_kind = "divided"
            rows = unit_rows + feat_rows
            control_ids = {c.uid for c in control.values() if c is not None}
            f_rows_of = {f: [s for s in feat_rows if s.target == f] for f in features}
            holders = {self._group(c.actor) for c in control.values() if c is not None}
            for p in self.perspectives:
                mine = self.asserters[p]
                vis = shown(rows, p, control)
                vis_ids = {s.uid for s in vis}
                claimed_by = self._claims(vis, p, holders)
                chosen = [s for s in rows if s.asserted_by & mine or s.uid in control_ids
                          or s.uid in vis_ids]
                territories[p][unit] = {
                    "controlled_by": controlled_by,
                    "control_kind": control_kind,
                    "claimed_by": claimed_by,
                    "sovereign": self._sovereign(unit_rows, feat_rows, p),
                    "sovereign_inferred": self._inferred(self._sovereign_row(unit_rows, feat_rows, p)),
                    "features": feats_json,
                    "markers": self._markers(vis),
                    "marker_asserters": self._marker_asserters(vis, p),
                    "statuses": [self._sdict[s.uid] for s in chosen],
                }
                unit_vis = [s for s in vis if s.target == unit] if feat_rows else vis
                unit_markers = self._markers(unit_vis)
                for f in features:
                    f_rows = f_rows_of[f]
                    f_vis = [s for s in vis if s.target in (unit, f)] if f_rows else unit_vis
                    markers = self._markers(f_vis) if f_rows else unit_markers
                    holder = {self._group(control[f].actor)} if control[f] is not None else set()
                    claims = self._claims(f_vis, p, holder)
                    feature_values[p][f] = {
                        **feats_json[f],
                        "claimed_by": claims,
                        "sovereign": self._sovereign(f_rows, unit_rows, p),
                        **{role: markers[role] for role in MARKER_ROLES},
                    }
        regimes: dict[str, dict[str, list[dict[str, Any]]]] = {p: {} for p in self.perspectives}
        lines: dict[str, dict[str, list[dict[str, Any]]]] = {p: {} for p in self.perspectives}
        for target, rows_all in self._other_rows.items():
            rows = [s for s in rows_all if _in_force(s, day)]
            all_in_force.extend(rows)
            for p in self.perspectives:
                mine = self.asserters[p]
                vis = [s for s in shown(rows, p) if s.role in MARKER_ROLES]
                vis_ids = {s.uid for s in vis}
                chosen = [s for s in rows if s.role not in MARKER_ROLES
                          and (s.asserted_by & mine or DE_FACTO in s.asserted_by)]
                bucket = lines if target in self.lines else regimes
                bucket[p][target] = [self._sdict[s.uid] for s in rows
                                     if s in chosen or s.uid in vis_ids]
                feature_values[p][target] = {
                    "roles": [[s.role, s.actor] for s in chosen],
                    **self._markers(vis),
                }
        events = {s.event for s in all_in_force}
        events_in_force = sorted(events, key=lambda e: self._event_order.get(e, 0))
        return {
            "territories": territories,
            "regimes": regimes,
            "lines": lines,
            "events_in_force": events_in_force,
            "paint": feature_values,
        }

    def _segment_index(self, day: dt.date) -> int:
        return bisect.bisect_right(self.breakpoints, day) - 1

    # --- queries --------------------------------------------------------------------------------

    def current_event(self, day: dt.date) -> str | None:
        """The headline event of `day` (app/timeline/milestones.py: the one rule the page, the Why panel and
        the figures share)."""
        found = milestones.headline(self.events, day)
        return found.event if found else None

    def state(self, date: Any, perspective: str = "de_facto") -> dict[str, Any]:
        """Who controls, claims and holds sovereign each unit on `date`, in `perspective`."""
        day = parse_date(date)
        perspective = self.check_perspective(perspective)
        seg = self._segments[self._segment_index(day)]
        return {
            "date": day.isoformat(),
            "perspective": perspective,
            "territories": seg["territories"][perspective],
            "regimes": seg["regimes"][perspective],
            "lines": seg["lines"][perspective],
            "events_in_force": seg["events_in_force"],
            "current_event": self.current_event(day),
            "government": self.government_of(perspective, day),
        }

    def target_kind(self, target: str) -> str | None:
        if target in self.units:
            return "territory"
        if target in self.unit_of:
            return "feature"
        if target in self.straits:
            return "strait"
        if target in self.zones:
            return "zone"
        if target in self.lines:
            return "line"
        return None

    def history(self, target: str) -> dict[str, Any]:
        """Every interval of every role for a unit (and its features), or a feature, strait, zone
        or line, sorted by start; for territories also the merged de facto control per feature."""
        kind = self.target_kind(target)
        if kind is None:
            ids = [*self.units, *(f for fs in self.units.values() for f in fs), *self.straits, *self.zones,
                   *self.lines]
            raise QueryError("territory", f"unknown territory {target!r}", ", ".join(dict.fromkeys(ids)))
        if kind == "territory":
            rows = list(self._rows_for_unit(target))
            features = self.units[target]
        elif kind == "feature":
            unit = self.unit_of[target]
            rows = list(self._unit_rows[unit]) + list(self._feature_rows.get(target, []))
            features = [target]
        else:
            rows = list(self._other_rows[target])
            features = []
        rows.sort(key=lambda s: (s.start, s.end or _FAR_FUTURE, s.target, s.role,
                                 s.actor or "", s.uid))
        control: dict[str, list[dict[str, Any]]] = {}
        for f in features:
            runs: list[dict[str, Any]] = []
            for i, start in enumerate(self.breakpoints):
                v = self._segments[i]["paint"]["de_facto"][f]
                value = (v["controlled_by"], v["control_kind"], v["event"])
                end = self._segment_ends[i]
                if runs and (runs[-1]["controlled_by"], runs[-1]["control_kind"],
                             runs[-1]["event"]) == value:
                    runs[-1]["end"] = end.isoformat()
                else:
                    runs.append({"start": start.isoformat(), "end": end.isoformat(),
                                 "controlled_by": value[0], "control_kind": value[1],
                                 "event": value[2]})
            control[f] = runs
        reg_item = (self.registry.territory_units.get(target) or self.registry.features.get(target)
                    or self.registry.straits.get(target) or self.registry.zones.get(target)
                    or self.registry.lines.get(target))
        return {
            "target": target,
            "kind": kind,
            "unit": target if kind == "territory" else self.unit_of.get(target),
            "names": reg_item.names.model_dump() if reg_item else None,
            "features": features,
            "statuses": [self._sdict[s.uid] for s in rows],
            "control": control,
        }

    def diff(self, date_a: Any, date_b: Any, perspective: str = "de_facto") -> dict[str, Any]:
        """What changed between two dates (either order) and the events responsible: those with a
        status starting or ending in (min, max]."""
        a = parse_date(date_a, "from")
        b = parse_date(date_b, "to")
        perspective = self.check_perspective(perspective)
        sa, sb = self.state(a, perspective), self.state(b, perspective)
        lo, hi = min(a, b), max(a, b)

        def responsible(rows: Iterable[Row]) -> list[str]:
            found = set()
            for s in rows:
                if lo < s.start <= hi:
                    found.add(s.event)
                if s.end is not None and lo < s.end <= hi:
                    found.add(s.end_event or s.event)
            return sorted(found, key=lambda e: (self._event_order.get(e, 0), e))

        def status_changes(before: list[dict], after: list[dict]) -> dict[str, list[dict]]:
            ids_a = {s["id"] for s in before}
            ids_b = {s["id"] for s in after}
            return {"statuses_added": [s for s in after if s["id"] not in ids_a],
                    "statuses_removed": [s for s in before if s["id"] not in ids_b]}

        territories: dict[str, Any] = {}
        for unit in self.units:
            ta, tb = sa["territories"][unit], sb["territories"][unit]
            change: dict[str, Any] = {}
            for key in ("controlled_by", "control_kind", "sovereign", "claimed_by"):
                if ta[key] != tb[key]:
                    change[key] = {"from": ta[key], "to": tb[key]}
            feats = {f: {"from": ta["features"][f], "to": tb["features"][f]}
                     for f in ta["features"] if ta["features"][f] != tb["features"][f]}
            if feats:
                change["features"] = feats
            sc = status_changes(ta["statuses"], tb["statuses"])
            if change or sc["statuses_added"] or sc["statuses_removed"]:
                change.update(sc)
                change["events"] = responsible(self._rows_for_unit(unit))
                territories[unit] = change
        others: dict[str, dict[str, Any]] = {"regimes": {}, "lines": {}}
        for group in ("regimes", "lines"):
            for target, rows_a in sa[group].items():
                sc = status_changes(rows_a, sb[group][target])
                if sc["statuses_added"] or sc["statuses_removed"]:
                    sc["events"] = responsible(self._other_rows[target])  # type: ignore[assignment]
                    others[group][target] = sc
        return {
            "from": a.isoformat(),
            "to": b.isoformat(),
            "perspective": perspective,
            "territories": territories,
            "regimes": others["regimes"],
            "lines": others["lines"],
            "events": responsible(self.statuses),
        }

    def _group_by_place(self, rows: Iterable[Row]) -> dict[str, dict[str, list[dict]]]:
        out: dict[str, dict[str, list[dict]]] = {"territories": {}, "regimes": {}, "lines": {}}
        for s in rows:
            if s.target in self.units or s.target in self.unit_of:
                group, key = "territories", (s.target if s.target in self.units
                                             else self.unit_of[s.target])
            elif s.target in self.lines:
                group, key = "lines", s.target
            else:
                group, key = "regimes", s.target
            out[group].setdefault(key, []).append(self._sdict[s.uid])
        return out

    def status_dicts(self) -> list[dict[str, Any]]:
        """Every status row as JSON, in timeline order."""
        return [self._sdict[s.uid] for s in self.statuses]

    def status_json(self, uid: str) -> dict[str, Any]:
        return self._sdict[uid]

    def event_dict(self, event_id: str) -> dict[str, Any]:
        return self.events[event_id].model_dump(mode="json")

    def event_list(self) -> list[dict[str, Any]]:
        return [e.model_dump(mode="json") for e in self._events_sorted]

    def event_map(self, event_id: str) -> dict[str, Any]:
        """The event and what it provides to whom (its statuses, grouped by unit/strait/zone/line;
        for drafts and proposals the `proposed` rows), and the statuses it ended."""
        if event_id not in self.events:
            raise QueryError("event", f"unknown event {event_id!r}", "an event id from /api/events")
        return {
            "event": self.event_dict(event_id),
            "provides": self._group_by_place(s for s in self.statuses if s.event == event_id),
            "ends": self._group_by_place(s for s in self.statuses if s.end_event == event_id),
        }

    def _disagreement_rows(self, about: Any) -> list[Row]:
        rows: list[Row] = []
        if about.event:
            rows += self._by_event.get(about.event, [])
        if about.status_target:
            rows += [s for s in self.statuses if s.target == about.status_target
                     and (about.role is None or s.role == about.role)]
        if about.source:
            rows += [s for s in self.statuses if about.source in s.status.sources]
        return rows

    def _family(self, target: str) -> set[str]:
        """A target and what it contains or belongs to (unit ↔ its features)."""
        if target in self.units:
            return {target, *self.units[target]}
        if target in self.unit_of:
            return {target, self.unit_of[target]}
        return {target}

    def disagreements_for(self, target: str | None = None, event: str | None = None,
                          date: Any = None, lang: str = "en",
                          include_seed_errors: bool = False) -> list[dict[str, Any]]:
        """The `disagreements` entries that bear on what a reader is looking at: a territory (or
        strait, zone, line), an event, a date, or any combination (all given filters apply).
        A disagreement bears on a date when a status it concerns is in force then, or its event is
        the current event. Question, positions and adopted text come in `lang` (English where a
        text is missing). Known seed errors are left out unless asked for."""
        from app.citations import cite_many  # citations read the engine; import on use
        from app.i18n import localised, normalise_lang

        day = parse_date(date) if date is not None else None
        family = self._family(target) if target is not None else None
        current = self.current_event(day) if day is not None else None
        out: list[dict[str, Any]] = []
        for dis in self.timeline.disagreements.values():
            if dis.seed_error and not include_seed_errors:
                continue
            about = dis.about
            rows = self._disagreement_rows(about)
            if about.targets:
                places = set().union(*(self._family(t) for t in about.targets))
                rows = [s for s in rows if s.target in places]
            if event is not None and (about.event != event if about.event else not any(
                    s.event == event for s in rows)):
                continue
            if family is not None and about.status_target not in family and not any(
                    s.target in family for s in rows):
                continue
            # On a date, a disagreement about an event bears on the rows the event starts (a row it
            # only ends, like the 50th-parallel line of 1905–1945, would show a 1945 question in 1905).
            dated = [s for s in rows if s.event == about.event] if about.event else rows
            if day is not None and about.until is not None and day >= about.until:
                continue
            if day is not None and about.since is not None:
                if day < about.since or not any(family is None or s.target in family for s in dated):
                    continue
            elif day is not None and about.event != current and not any(
                    _in_force(s, day) and (family is None or s.target in family) for s in dated):
                continue
            out.append({
                "id": dis.id,
                "lang": normalise_lang(lang),
                "question": localised(dis.question, lang)[0],
                "positions": [{"value": localised(pos.value, lang)[0],
                               "citations": [c.to_dict() for c in cite_many(self, pos.sources, lang)],
                               "note": pos.note}
                              for pos in dis.positions],
                "adopted": localised(dis.adopted, lang)[0],
                "seed_error": dis.seed_error,
            })
        return out

    def paint_segments(self, perspective: str = "de_facto") -> dict[str, Any]:
        """Piecewise-constant values per drawn feature over the map's range (see docs/api.md)."""
        perspective = self.check_perspective(perspective)
        cached = self._paint_cache.get(perspective)
        if cached is not None:
            return cached
        drawn = {"features": self.feature_ids, "straits": self.straits, "zones": self.zones,
                 "lines": self.lines}
        out: dict[str, Any] = {
            "perspective": perspective,
            "range": [RANGE_START.isoformat(), RANGE_STOP.isoformat()],
            "units": dict(self.unit_of),
        }
        for group, ids in drawn.items():
            block: dict[str, list[list[Any]]] = {}
            for target in ids:
                runs: list[list[Any]] = []
                for i, start in enumerate(self.breakpoints):
                    value = self._segments[i]["paint"][perspective][target]
                    end = self._segment_ends[i].isoformat()
                    if runs and runs[-1][2] == value:
                        runs[-1][1] = end
                    else:
                        runs.append([start.isoformat(), end, value])
                block[target] = runs
            out[group] = block
        self._paint_cache[perspective] = out
        return out

    # --- data checks (used by tests on the real data) -------------------------------------------

    def control_problems(self) -> list[str]:
        """Breaches of the control rules: each feature needs exactly one de facto control row on
        every day of the range (feature-level rows win); rows of one level must not overlap.
        Checked at every breakpoint, which covers every day."""
        problems: list[str] = []
        for day in self.breakpoints:
            for f in self.feature_ids:
                unit = self.unit_of[f]
                f_rows = (self._control_rows(self._feature_rows[f], day)
                          if f not in self.units else [])
                u_rows = self._control_rows(self._unit_rows[unit], day)
                for level, rows in (("feature", f_rows), ("unit", u_rows)):
                    if len(rows) > 1:
                        problems.append(
                            f"{day.isoformat()}: feature {f!r}: {len(rows)} overlapping de facto "
                            f"control rows at {level} level: "
                            + ", ".join(f"{s.uid} ({s.target} {s.actor} {s.role})" for s in rows))
                if not f_rows and not u_rows:
                    problems.append(f"{day.isoformat()}: feature {f!r} (unit {unit!r}): "
                                    "no de facto control row")
        return problems


__all__ = ["Engine", "QueryError", "parse_date", "status_dict", "RANGE_START", "RANGE_END",
           "REGIME_ROLES"]
