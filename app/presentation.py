"""Label decluttering of the page's map at its default view (moves, text positions, short names, drops).

The classroom pieces that used to live here are regions of the frame now (app/page/).
"""

from __future__ import annotations

# Labels that crowd at the default view (the page's map only; exports place their own): moved, set beside their
# point, shortened or left off.
LABEL_MOVES = {
    "island_kunashir": (146.0, 44.25),    # a little north, off the Nemuro town label and the Habomai islets
    "island_shikotan": (147.05, 43.70),   # east of the island, off the Habomai islets
    "island_hokkaido": (142.4, 43.5),     # west, off the Shikotan label on a small (projector) map
    # Northern Kurils: Atlasov and Paramushir named on the Sea of Okhotsk side, Shumshu and Severo-Kurilsk
    # (Kashiwabara) on the Pacific side, each clear of the others and of the islands
    "island_paramushir": (155.1, 50.2),    # off its south-west end
    "island_shumshu": (156.52, 50.76),     # its east coast
    "sea_okhotsk": (148.0, 52.4),          # north-west, off the Atlasov label
    "label_strait_tsugaru": (141.35, 41.3),  # below the Hakodate label, inside the map's west edge
    "island_sakhalin": (142.9, 50.35),      # below the Aleksandrovsk label
    "island_iturup": (147.45, 44.82),       # south-west, off the Kurilsk (Shana) label
}
LABEL_TEXT_POSITIONS = {
    "island_atlasov": "top left",
    "island_paramushir": "middle left",
    "island_shumshu": "middle right",
    "town_severo_kurilsk": "bottom right",  # below Shumshu's name: Paramushir is west and Shumshu east of the town
    "town_kholmsk": "middle left",          # on the open sea, not across Sakhalin over the Yuzhno-Sakhalinsk label
}
# Aleksandrovsk-Sakhalinsky's full name in both scripts ran across the Sea of Okhotsk into the Northern Kuril
# labels: the map gives the first part of it.
LABEL_SHORT_NAMES = {
    "town_aleksandrovsk": {"ja": "アレクサンドロフスク", "ru": "Александровск", "en": "Aleksandrovsk"},
}
# The Nemuro Strait zone keeps its name in the hover text, the table and the legend; its long bilingual label
# and the Yuzhno-Kurilsk town label sat on Kunashir, Hokkaido and each other.
LABEL_DROPS = {"town_yuzhno_kurilsk", "label_strait_nemuro"}


def declutter_labels(table: dict) -> dict:
    """Fit the labels of the paint table to the page's default view, in place (see LABEL_MOVES and the rest)."""
    kept = []
    for lab in table.get("labels", []):
        lid = lab.get("id")
        if lid in LABEL_DROPS:
            continue
        if lid in LABEL_MOVES:
            lab["lon"], lab["lat"] = LABEL_MOVES[lid]
        if lid in LABEL_TEXT_POSITIONS:
            lab["textposition"] = LABEL_TEXT_POSITIONS[lid]
        for lang, name in LABEL_SHORT_NAMES.get(lid, {}).items():
            lab[lang] = [name] * len(lab["starts"])
        kept.append(lab)
    table["labels"] = kept
    return table
