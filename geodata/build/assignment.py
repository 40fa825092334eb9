"""Which GSHHG 2.3.6 polygon becomes which map feature.

The named islands are keyed by GSHHS polygon id (stable within GSHHG 2.3.6). The build checks each
id against the ``ref`` point of the feature in ``geodata/registry.yaml``, so a wrong row fails the
build instead of colouring the wrong island. Every other polygon is placed by the rules in
:func:`assign`, in this order:

1. a named polygon (tables below);
2. inside the Habomai box -> ``habomai_other``;
3. within ``NEAR_KM`` of a named island or of a big context land mass -> that feature
   (small rocks join their island; Sakhalin's rocks go north/south of 50 N by their own latitude);
4. inside the Kuril box -> ``kurils_north_other`` north of ``KURIL_NORTH_CENTRAL_LAT``
   (Lovushki rocks and northwards), else ``kurils_central_other`` (Raikoke southwards to Urup);
5. within ``FAR_KM`` of Sakhalin or a context land mass -> that feature;
6. anything else -> ``context_other_islands`` (neutral context, e.g. Oki, Ulleungdo).

The assignment actually produced is written to ``geodata/layers/provenance.json``.
"""

from __future__ import annotations

# --- territory: feature id -> GSHHS id (the polygon at the registry's ref point) -------------
TERRITORY_NAMED: dict[str, str] = {
    "moneron": "3807",
    "shumshu": "631",
    "paramushir": "207",
    "atlasov": "1122",
    "onekotan": "571",
    "shiashkotan": "1345",
    "matua": "2181",
    "simushir": "671",
    "ketoy": "1842",
    "urup": "259",
    "iturup": "163",
    "kunashir": "250",
    "shikotan": "823",
    # Habomai (GSHHG-f polygon centroids, geodata_sources.md section 3)
    "polonsky": "5066",
    "zelyony": "2020",
    "tanfilyev": "4556",
    "yuri": "5236",
    "anuchina": "10899",
    "demina": "26294",
    # Kaigara / Signalny: the islet at 43.390 N 145.874 E, ~4.6 km east of Cape Nosappu.
    # PROBABLE identification, not verified against a gazetteer (geodata_sources.md section 3).
    "signalny": "124139",
}

FEATURE_NOTES = {
    "signalny": "Kaigara/Signalny taken as the GSHHG islet at 43.390 N 145.874 E, about 4.6 km "
    "east of Cape Nosappu: probable identification, not verified against a gazetteer.",
    "sakhalin_south": "Tyuleny (Robben) Island is not in GSHHG 2.3.6 full resolution, so it is "
    "not drawn.",
}

SAKHALIN_ID = "28"  # split at exactly 50 N into sakhalin_north / sakhalin_south
SAKHALIN_SPLIT_LAT = 50.0  # Treaty of Portsmouth (1905), Art. IX

# --- context land masses (never a claim) ------------------------------------------------------
CONTEXT_NAMED: dict[str, str] = {
    "0-E": "context_mainland",  # Eurasia east half: Asian mainland incl. Korea and Kamchatka
    "13": "context_honshu",
    "27": "context_hokkaido",
    "43": "context_kyushu",
    "56": "context_shikoku",
    "1015": "context_hokkaido",  # Rishiri
    "1694": "context_hokkaido",  # Rebun
    "543": "context_kyushu",  # Tsushima (Nagasaki prefecture); nearer to Korea than to Kyushu
}

CONTEXT_NAMES: dict[str, dict[str, str]] = {
    "context_mainland": {
        "en": "Asian mainland", "ja": "アジア大陸", "ru": "Азиатский материк", "zh": "亚洲大陆",
    },
    "context_hokkaido": {"en": "Hokkaido", "ja": "北海道", "ru": "Хоккайдо", "zh": "北海道"},
    "context_honshu": {"en": "Honshu", "ja": "本州", "ru": "Хонсю", "zh": "本州"},
    "context_kyushu": {"en": "Kyushu", "ja": "九州", "ru": "Кюсю", "zh": "九州"},
    "context_shikoku": {"en": "Shikoku", "ja": "四国", "ru": "Сикоку", "zh": "四国"},
    "context_other_islands": {
        "en": "Other islands", "ja": "その他の島", "ru": "Прочие острова", "zh": "其他岛屿",
    },
}

HABOMAI_BOX = (145.84, 43.30, 146.45, 43.70)  # lon0, lat0, lon1, lat1 (geodata_sources.md)
KURIL_BOX = (148.5, 45.3, 157.5, 51.2)
KURIL_NORTH_CENTRAL_LAT = 48.42  # between the Lovushki rocks (48.53+) and Raikoke (48.29)
NEAR_KM = 5.0
FAR_KM = 35.0
