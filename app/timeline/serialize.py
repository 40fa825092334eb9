"""The JSON shapes shared by the read API (app/api.py) and the CLI (app/__main__.py).

Both call the `*_payload` functions with the raw parameters and print/return `dumps(payload)`, so
"the CLI and the API give the same JSON" holds by construction. Bad parameters raise
`QueryError` (parameter, message, allowed): the API answers 400, the CLI exits 2.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from app.citations import cite_many, reader_source
from app.mapstate import MAX_DATE, MIN_DATE
from app.timeline.engine import Engine, QueryError, parse_date

ALLOWED_DATES = f"a date YYYY-MM-DD from {MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}"

__all__ = [
    "QueryError", "dumps", "state_payload", "events_payload", "event_payload",
    "history_payload", "diff_payload", "paint_payload", "dataset_payload", "statuses_csv",
    "dataset_info",
    "layers_payload",
]


def dumps(payload: Any) -> str:
    """The one JSON text form: UTF-8 characters kept, indent 2, keys in insertion order."""
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _perspective(engine: Engine, perspective: Any) -> str:
    if perspective is None or perspective == "":
        return "de_facto"
    return engine.check_perspective(perspective)


def _required(value: Any, parameter: str, allowed: str) -> Any:
    if value is None or value == "":
        raise QueryError(parameter, f"missing parameter {parameter!r}", allowed)
    return value


def state_payload(engine: Engine, date: Any, perspective: Any = None) -> dict[str, Any]:
    day = parse_date(_required(date, "date", ALLOWED_DATES))
    return engine.state(day, _perspective(engine, perspective))


def events_payload(engine: Engine) -> dict[str, Any]:
    return {"events": engine.event_list()}


def event_payload(engine: Engine, event_id: Any) -> dict[str, Any]:
    return engine.event_map(_required(event_id, "event", "an event id from /api/events"))


def history_payload(engine: Engine, target: Any) -> dict[str, Any]:
    return engine.history(_required(target, "territory", "a unit id of geodata/registry.yaml"))


def diff_payload(engine: Engine, date_from: Any, date_to: Any,
                 perspective: Any = None) -> dict[str, Any]:
    allowed = ALLOWED_DATES
    a = parse_date(_required(date_from, "from", allowed), "from")
    b = parse_date(_required(date_to, "to", allowed), "to")
    return engine.diff(a, b, _perspective(engine, perspective))


def paint_payload(engine: Engine, perspective: Any = None) -> dict[str, Any]:
    return engine.paint_segments(_perspective(engine, perspective))


def dataset_info(engine: Engine) -> dict[str, Any]:
    """Title, version and release date of the data (dataset.yaml), carried by every download."""
    info = engine.timeline.dataset
    if info is None:
        return {"title": None, "version": None, "released": None, "licence": None}
    return info.model_dump(mode="json", exclude={"note"})


def dataset_payload(engine: Engine, lang: str = "en") -> dict[str, Any]:
    """Everything: actors, events, statuses, sources (as references a reader can follow, with
    their citations), disagreements, the seed documents and the perspectives."""
    t = engine.timeline
    return {
        "dataset": dataset_info(engine),
        "actors": [a.model_dump(mode="json") for a in t.actors.values()],
        "perspectives": list(engine.perspectives),
        "events": engine.event_list(),
        "statuses": engine.status_dicts(),
        "sources": [reader_source(engine, key, lang) for key in t.sources],
        "seed_documents": [s.model_dump(mode="json") for s in t.seeds.values()],
        "disagreements": [d.model_dump(mode="json") for d in t.disagreements.values()],
    }


CSV_COLUMNS = [
    "id", "target", "target_kind", "unit", "start", "end", "actor", "role", "asserted_by",
    "event", "end_event", "recipient", "condition", "proposed_role", "note", "sources",
    "source_citations", "dataset_version",
]


def statuses_csv(engine: Engine, lang: str = "en") -> str:
    """One row per status; lists joined with `;`, full source citations with ` | `."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    version = dataset_info(engine)["version"] or ""
    for s in engine.statuses:
        d = engine.status_json(s.uid)
        kind = engine.target_kind(s.target)
        unit = s.target if kind == "territory" else engine.unit_of.get(s.target, "")
        writer.writerow([
            d["id"], d["target"], kind, unit, d["start"], d["end"] or "", d["actor"] or "",
            d["role"], ";".join(d["asserted_by"]), d["event"], d["end_event"] or "",
            d["recipient"] or "", d["condition"] or "", d["proposed_role"] or "", d["note"] or "",
            ";".join(d["sources"]),
            " | ".join(c.full for c in cite_many(engine, d["sources"], lang)),
            version,
        ])
    return out.getvalue()


def _feature_id(feature: dict[str, Any]) -> str | None:
    props = feature.get("properties") or {}
    for key in ("id", "feature", "feature_id", "target", "unit"):
        if isinstance(props.get(key), str):
            return props[key]
    fid = feature.get("id")
    return fid if isinstance(fid, str) else None


def layers_payload(engine: Engine, collection: dict[str, Any]) -> dict[str, Any]:
    """The interactive layers with, per feature, every status that applies to it and the keys of
    their sources (a copy: the layer collection itself is not modified)."""
    features_out = []
    for feature in collection.get("features", []):
        fid = _feature_id(feature)
        rows: list[dict[str, Any]] = []
        if fid is not None and engine.target_kind(fid) is not None:
            rows = engine.history(fid)["statuses"]
        keys = sorted({k for r in rows for k in r["sources"]})
        props = dict(feature.get("properties") or {})
        props["statuses"] = rows
        props["source_keys"] = keys
        features_out.append({**feature, "properties": props})
    return {**collection, "dataset": dataset_info(engine), "features": features_out}
