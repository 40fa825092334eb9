"""Classroom narration and guided tours: two or three sentences per key event, each citing its sources.

Every narration names source keys that exist in geodata/timeline/*.yaml (tests/unit/test_narration.py checks
them against the loaded timeline), and every sentence restates what those sources and the event's own summary
say; nothing here is a new fact. Events without a narration fall back to their sourced `summary` in the data.

A tour is an ordered list of steps. A step shows one event: on the date given (else the day the event took
effect on the map: entry into force, else its sort date) in "On this date" mode, or, for drafts and proposals
that never took effect, in "Treaty or proposal" mode (what it would have provided).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.url_state import MAX_DATE, MIN_DATE, day_index

# event id -> (narration, [source keys])
NARRATION: dict[str, tuple[str, list[str]]] = {
    "portsmouth_1905": (
        "The Treaty of Portsmouth ended the Russo-Japanese War. In Article IX Russia ceded Sakhalin south of "
        "the 50th parallel to Japan, and both sides agreed not to fortify the island and to keep La Pérouse "
        "and Tatar Straits free for navigation.",
        ["portsmouth_1905_art9", "portsmouth_1905_art9_regime"]),
    "north_sakhalin_occupation_1920": (
        "After the Nikolayevsk incident Japanese troops occupied North Sakhalin as a 'guarantee' until the "
        "incident was settled. Japan did not claim sovereignty: the Far Eastern Republic, then Soviet Russia, "
        "kept their claim, so the map shows Japanese military occupation with a Russian claim.",
        ["seed003_l75_ns_occupation", "seed002_l15_17_guarantee_occupation"]),
    "basic_convention_1925": (
        "In the Basic Convention Japan and the USSR established relations. Article II kept the Treaty of "
        "Portsmouth in force, so the USSR recognised Japanese South Sakhalin, and Protocol A set the date by "
        "which Japan would leave North Sakhalin.",
        ["basic_convention_1925_art2", "protocol_a_1925_art3"]),
    "north_sakhalin_evacuation_1925": (
        "Under Protocol A the Japanese troops left North Sakhalin by 15 May 1925 and the districts returned to "
        "Soviet authorities. Japanese firms kept oil and coal concessions there until 1944.",
        ["protocol_a_1925_art3_deadline", "protocol_b_1925_para1", "concession_protocol_1944_frus"]),
    "neutrality_pact_1941": (
        "Japan and the USSR promised to respect each other's territorial integrity and to stay neutral if "
        "either was attacked. The pact was to last five years from ratification.",
        ["neutrality_pact_1941_ru", "seed002_l600_610_neutrality_pact"]),
    "yalta_agreement_1945": (
        "At Yalta Stalin, Roosevelt and Churchill secretly agreed that South Sakhalin would be 'returned' and "
        "the Kuril Islands 'handed over' to the USSR if it entered the war against Japan. It was a promise "
        "among the Allies, not a transfer: Japan was not a party, and the map shows it as a dashed outline.",
        ["yalta_1945_item2a", "yalta_1945_item3"]),
    "south_sakhalin_operation_1945": (
        "The USSR declared war on Japan from 9 August 1945 and its forces crossed the 50th parallel into "
        "Karafuto. Fighting went on after Japan announced its surrender on 15 August; the map shows South "
        "Sakhalin under Soviet military occupation from 25 August (an approximate date).",
        ["seed_002_l943", "seed_002_l967_969", "report_background_1945_dates"]),
    "kuril_landings_1945": (
        "From the battle of Shumshu on 18 August, Soviet forces took the Kuril Islands one by one, reaching "
        "Iturup on 28 August, Kunashir and Shikotan on 1 September and the Habomai islets on 4 September "
        "(other accounts: 3–5 September), after Japan had signed the surrender. The map gives each island "
        "its own date.",
        ["seed_002_l969_975", "mofa_occupation_dates"]),
    "scapin_677_1946": (
        "The Allied occupation authority told the Japanese government to stop governing outside 'Japan', "
        "which it defined to exclude the Kurils, the Habomai group, Shikotan and Karafuto. Paragraph 6 said "
        "this was not a decision on the islands' final status.",
        ["scapin_677_para3", "scapin_677_para4", "scapin_677_para6"]),
    "soviet_annexation_decree_1946": (
        "Two Soviet decrees nationalised the land of South Sakhalin and the Kuril Islands and formed the "
        "South Sakhalin Oblast. This was a unilateral annexation: on the map Soviet control changes from "
        "military occupation to sovereignty, Shikotan and the Habomai islets included.",
        ["ussr_decree_1946_02_02_property", "ussr_decree_1946_02_02_oblast"]),
    "gromyko_amendments_1951": (
        "At San Francisco the Soviet delegate Gromyko proposed that Japan recognise full Soviet sovereignty "
        "over South Sakhalin and the Kurils and that four straits be demilitarised. The conference did not "
        "discuss the amendments and the USSR did not sign; the map shows what they would have provided.",
        ["seed_004_l14_16", "seed_004_l25_27", "gromyko_amendments_1951_text"]),
    "san_francisco_treaty_1951": (
        "In Article 2(c) of the San Francisco Peace Treaty Japan renounced all right, title and claim to the "
        "Kurile Islands and to South Sakhalin without naming who would receive them. The USSR did not sign, "
        "and Article 25 gave non-signatories no rights; the renunciation took effect on 28 April 1952.",
        ["sfpt_1951_art2c", "sfpt_1951_art25"]),
    "malik_offer_1955": (
        "During the London talks the Soviet envoy Malik told Matsumoto informally that the USSR would transfer "
        "Habomai and Shikotan to Japan, but only after a peace treaty. He added that the islands must not be "
        "militarised.",
        ["seed_004_l51", "frus_1955_57_d52"]),
    "joint_declaration_1956": (
        "The Soviet–Japanese Joint Declaration ended the state of war and restored diplomatic relations on "
        "12 December 1956. In Article 9 the USSR agreed to transfer the Habomai Islands and Shikotan to Japan "
        "after a peace treaty; Kunashir and Iturup are not mentioned.",
        ["joint_declaration_1956_art9_en", "seed_004_l62_67"]),
}

# Steps of the key tour, 1905 → 1956: (event id, date shown or None, mode)
TOURS: dict[str, list[tuple[str, str | None, str]]] = {
    "key": [
        ("portsmouth_1905", None, "date"),
        ("north_sakhalin_occupation_1920", "1923-06-01", "date"),
        ("basic_convention_1925", None, "date"),
        ("north_sakhalin_evacuation_1925", "1925-05-15", "date"),
        ("neutrality_pact_1941", None, "date"),
        ("yalta_agreement_1945", "1945-02-11", "date"),
        ("south_sakhalin_operation_1945", "1945-08-25", "date"),
        ("kuril_landings_1945", "1945-09-05", "date"),
        ("scapin_677_1946", "1946-01-29", "date"),
        ("soviet_annexation_decree_1946", "1946-02-02", "date"),
        ("gromyko_amendments_1951", "1951-09-05", "event"),
        ("san_francisco_treaty_1951", None, "date"),
        ("malik_offer_1955", "1955-08-09", "event"),
        ("joint_declaration_1956", None, "date"),
    ],
}
TOUR_TITLES = {"key": "Key events, 1905–1956"}


@dataclass(frozen=True)
class Step:
    n: int  # 1-based
    event: str
    date: dt.date
    mode: str
    title: str


def effective_date(engine: Any, event_id: str) -> dt.date:
    """The day an event took effect on the map: entry into force, else its sort date (clamped to the range)."""
    ev = engine.events[event_id]
    day = ev.dates.get("in_force") or ev.sort_date
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return min(max(day, MIN_DATE), MAX_DATE)


def tour_steps(engine: Any, tour: str = "key") -> list[Step]:
    out = []
    for n, (event_id, date, mode) in enumerate(TOURS[tour], start=1):
        day = dt.date.fromisoformat(date) if date else effective_date(engine, event_id)
        out.append(Step(n, event_id, day, mode, engine.events[event_id].title.en))
    return out


def tour_lengths() -> dict[str, int]:
    return {name: len(steps) for name, steps in TOURS.items()}


def tour_store(engine: Any) -> dict:
    """What assets/classroom.js needs: per tour, per step the slider day, mode, event and title."""
    return {name: [{"n": s.n, "event": s.event, "day": day_index(s.date), "date": s.date.isoformat(),
                    "mode": s.mode, "title": s.title} for s in tour_steps(engine, name)]
            for name in TOURS}


def narration_for(engine: Any, event_id: str | None) -> tuple[str, list[str]] | None:
    """(text, source keys) for an event: its classroom narration, else its summary and sources."""
    if not event_id or event_id not in engine.events:
        return None
    if event_id in NARRATION:
        return NARRATION[event_id]
    ev = engine.events[event_id]
    if ev.summary and ev.summary.en:
        return ev.summary.en, list(ev.sources)
    return None
