"""Hand-made geometry and text: strait extents, lines, the Hokkaido zone cut, place labels, views.

Coordinates are (lon, lat). Everything here is either taken from a cited source (``source``) or is
marked ``schematic: True`` with a ``note`` saying what was approximated.
"""

from __future__ import annotations

# --- strait zones ------------------------------------------------------------------------------
# Rough outlines drawn by hand across each strait; the build subtracts the land of the same
# resolution and keeps the largest water piece, so the zone follows the coasts and lies in water.
PORTSMOUTH_A9 = (
    "Treaty of Portsmouth (1905), Art. IX: free navigation of 'the Straits of La Perouse and "
    "Tartary' (PORTS-1905-A9)"
)
GROMYKO_1951 = (
    "Soviet amendments to the San Francisco draft treaty, 5 Sep 1951: La Perouse (Soya), Nemuro, "
    "Sangar (Tsugaru) and Tsushima straits to be demilitarized (GROMYKO-1951)"
)
STRAIT_NOTE = "Extent drawn by hand for display; it marks the strait, not a legal boundary."

STRAITS: dict[str, dict] = {
    "strait_soya": {
        "outline": [(141.45, 45.45), (141.75, 46.15), (142.30, 46.10), (142.45, 45.25)],
        "source": f"{PORTSMOUTH_A9}; {GROMYKO_1951}",
    },
    "strait_tatar": {
        "outline": [
            (137.6, 46.3), (141.70, 46.3), (142.3, 47.5), (142.3, 51.0), (141.75, 52.35),
            (140.5, 52.35), (140.0, 50.5), (139.6, 48.6),
        ],
        "source": PORTSMOUTH_A9,
    },
    "strait_nemuro": {
        "outline": [(144.95, 43.28), (145.62, 43.28), (145.75, 43.75), (145.95, 44.38),
                    (145.28, 44.45)],
        "source": GROMYKO_1951,
    },
    "strait_tsugaru": {
        "outline": [(140.05, 41.50), (140.30, 41.12), (140.62, 41.20), (141.60, 41.40),
                    (141.30, 41.90)],
        "source": GROMYKO_1951,
    },
    "strait_tsushima": {
        "outline": [(128.40, 34.95), (129.35, 35.45), (131.05, 34.20), (130.45, 33.55),
                    (129.60, 33.25), (128.30, 34.30)],
        "source": GROMYKO_1951,
    },
}

# --- Hokkaido zone (Stalin's request of 16 Aug 1945) -------------------------------------------
KUSHIRO = (144.38, 42.98)
RUMOI = (141.64, 43.94)
STALIN_1945 = (
    "Stalin to Truman, 16 Aug 1945 (FRUS 1945 VI, d450): demarcation 'on the line leading from "
    "the city Kushiro on the Eastern coast ... to the city Rumoe on the Western coast ... "
    "including "
    "the named cities into the Northern half' (ST-TR-1945-08-16)"
)
KUSHIRO_RUMOI_NOTE = (
    "Drawn as a straight line between the two town centres; the message names only the end "
    "points. Proposal refused by Truman on 17/18 Aug 1945."
)

# --- lines ---------------------------------------------------------------------------------------
SHIMODA_1855 = "Treaty of Shimoda (1855), Art. 2 (SHIMODA-1855-A2)"
LINE_1855_NOTE = (
    "Schematic: the treaty puts the boundary 'between Etorofu and Uruppu' and gives no "
    "coordinates; drawn across the Vries (Etorofu) Strait, midway between the two coasts."
)
SCAPIN_1033 = "SCAPIN-1033, 22 Jun 1946, para. 2 (en.wikisource transcription) (SCAPIN-1033)"
# In-box vertices of SCAPIN-1033 para. 2 from 45 30'N 140 E eastwards, then the
# Hokkaido-Habomai leg. The 3-mile legs are built in build_layers from the coastline.
MACARTHUR_START = (145 + 51 / 60, 43 + 23 / 60)  # "midway between Nosappu Misaki and Kaigara Jima"
MACARTHUR_SE = (146.5, 43.0)
MACARTHUR_FAR = (165.0, 45.0)  # leaves the map box at 160 E
MACARTHUR_NW = (140.0, 45.5)  # 45 30'N 140 E (only in the Wikisource transcription)
MACARTHUR_NE = (145.0, 45.5)  # 45 30'N 145 E
THREE_NMI_KM = 3 * 1.852
MACARTHUR_NOTE = (
    "Vertices from SCAPIN-1033 para. 2; the legs 'three (3) miles off the coast of Hokkaido' "
    "(rounding Soya Misaki and Shiretoko Saki, through Nemuro Kaikyo) are constructed here as a "
    "3-nautical-mile offset of the GSHHG coast. Only the part from 45 30'N 140 E eastwards is "
    "drawn: the transcriptions differ on the Sea of Japan legs (a 45 30'N 140 E vertex, the 155th "
    "vs 165th meridian), and the source image has not been checked."
)
BULGANIN_1956 = (
    "Council of Ministers of the USSR, 21 Mar 1956 (salmon fishing restrictions), as described in "
    "the House of Representatives Foreign Affairs Committee, 9 Apr 1956 (BULGANIN-1956)"
)
BULGANIN_NOTE = (
    "Schematic: no coordinates of the 1956 line were found in the project's sources. Drawn as an "
    "approximate seaward limit off the Kurils and Kamchatka enclosing the regulated Okhotsk and "
    "north-west Pacific salmon grounds; do not read positions from it. A fisheries regime, not a "
    "sovereignty claim."
)
# (lon, lat); schematic, see BULGANIN_NOTE. Starts in the La Perouse Strait, runs round the
# Sea of Okhotsk side of Hokkaido east of the Kurils to the map edge.
BULGANIN_SCHEMATIC = [
    (142.2, 45.75), (145.45, 44.45), (145.42, 44.0), (145.30, 43.85), (145.40, 43.62),
    (145.62, 43.47), (145.84, 43.405), (145.95, 43.28), (146.6, 43.05), (149.0, 43.3),
    (153.0, 44.9), (157.5, 47.5), (160.0, 49.5),
]

# --- views (suggested camera boxes: lon0, lat0, lon1, lat1) --------------------------------------
VIEWS = {
    "default": {"bbox": [139.0, 41.0, 157.5, 54.8],
                "note": "Sakhalin - Kurils - Hokkaido; the initial map view"},
    "full": {"bbox": [127.0, 33.0, 160.0, 56.0], "note": "everything in the layers"},
    "habomai": {"bbox": [145.5, 43.15, 147.0, 43.95],
                "note": "Nemuro peninsula, Habomai, Shikotan"},
    "south_kurils": {"bbox": [144.8, 42.9, 149.5, 45.9],
                     "note": "Kunashir, Iturup, Shikotan, Habomai"},
    "sakhalin": {"bbox": [139.5, 45.3, 145.5, 54.5], "note": "Sakhalin and the Tatar Strait"},
    "tsushima": {"bbox": [127.8, 33.0, 131.5, 35.8], "note": "Tsushima Strait"},
    "tsugaru": {"bbox": [139.6, 40.7, 141.9, 42.2], "note": "Tsugaru Strait"},
}

# --- place labels --------------------------------------------------------------------------------
KARAFUTO_FROM = "1905"
KARAFUTO_SRC = (
    "Japanese name used in Karafuto (South Sakhalin under Japan, from the Treaty of Portsmouth, "
    "1905) until the Soviet renaming"
)
RENAME_1946 = (
    "Renamed by decree of the Presidium of the Supreme Soviet of the RSFSR, 4 June 1946 "
    "(date from general reference works; decree text not seen)"
)
TOYOHARA_1946 = (
    "Renamed Yuzhno-Sakhalinsk in 1946: 4 Jul 1946 per wiki mirrors cited in the project's "
    "primary-source notes (tier C); other references give 4 June 1946 -- unresolved"
)
KURIL_1946 = (
    "Soviet name from 1946 (districts of South Sakhalin Oblast created 5 Jun 1946, per the "
    "project's "
    "primary-source notes, tier C); exact renaming date not verified"
)


def _town(lid, lon, lat, en, ja, ru, zh, historical=()):
    return {"id": lid, "kind": "town", "lon": lon, "lat": lat,
            "names": {"en": en, "ja": ja, "ru": ru, "zh": zh}, "historical": list(historical)}


def _karafuto(ja, en, ru_modern, to="1946-06-04", source=RENAME_1946):
    """One historical entry: the Japanese-era name, valid from 1905 until the Soviet renaming."""
    return {"name_ja": ja, "name_en": en, "name_ru": ru_modern, "from": KARAFUTO_FROM, "to": to,
            "source": f"{KARAFUTO_SRC}; {source}", "verified": False}


LABELS: list[dict] = [
    # South Sakhalin (Karafuto) towns: Japanese name 1905-1946, Soviet name since
    _town("town_yuzhno_sakhalinsk", 142.74, 46.96, "Yuzhno-Sakhalinsk", "ユジノサハリンスク",
          "Южно-Сахалинск", "南萨哈林斯克",
          [_karafuto("豊原", "Toyohara", "Тойохара", to="1946", source=TOYOHARA_1946)]),
    _town("town_korsakov", 142.78, 46.64, "Korsakov", "コルサコフ", "Корсаков", "科尔萨科夫",
          [_karafuto("大泊", "Ōtomari", "Одомари")]),
    _town("town_kholmsk", 142.05, 47.05, "Kholmsk", "ホルムスク", "Холмск", "霍尔姆斯克",
          [_karafuto("真岡", "Maoka", "Маока")]),
    _town("town_nevelsk", 141.86, 46.67, "Nevelsk", "ネベリスク", "Невельск", "涅韦尔斯克",
          [_karafuto("本斗", "Honto", "Хонто")]),
    _town("town_uglegorsk", 142.07, 49.07, "Uglegorsk", "ウグレゴルスク", "Углегорск",
          "乌格列戈尔斯克",
          [_karafuto("恵須取", "Esutoru", "Эсутору")]),
    _town("town_poronaysk", 143.10, 49.22, "Poronaysk", "ポロナイスク", "Поронайск", "波罗奈斯克",
          [_karafuto("敷香", "Shikuka", "Сикука")]),
    _town("town_makarov", 142.78, 48.62, "Makarov", "マカロフ", "Макаров", "马卡罗夫",
          [_karafuto("知取", "Shiritoru", "Сиритору")]),
    _town("town_dolinsk", 142.80, 47.33, "Dolinsk", "ドリンスク", "Долинск", "多林斯克",
          [_karafuto("落合", "Ochiai", "Отиай")]),
    # North Sakhalin and the mainland
    _town("town_okha", 142.95, 53.57, "Okha", "オハ", "Оха", "奥哈"),
    _town("town_aleksandrovsk", 142.16, 50.90, "Aleksandrovsk-Sakhalinsky",
          "アレクサンドロフスク・サハリンスキー", "Александровск-Сахалинский",
          "亚历山德罗夫斯克-萨哈林斯基"),
    _town("town_nikolayevsk", 140.72, 53.14, "Nikolayevsk-on-Amur", "ニコラエフスク・ナ・アムーレ",
          "Николаевск-на-Амуре", "尼古拉耶夫斯克（庙街）"),
    _town("town_petropavlovsk", 158.65, 53.02, "Petropavlovsk-Kamchatsky",
          "ペトロパブロフスク・カムチャツキー", "Петропавловск-Камчатский",
          "彼得罗巴甫洛夫斯克-堪察加"),
    # Kurils: Japanese name until 1945/46, Soviet name since
    _town("town_severo_kurilsk", 156.12, 50.68, "Severo-Kurilsk", "セベロクリリスク",
          "Северо-Курильск", "北库里尔斯克",
          [{"name_ja": "柏原", "name_en": "Kashiwabara", "name_ru": "Касивабара", "from": "1875",
            "to": "1946", "source": f"Japanese name under Japanese rule of the Kurils (1875-1945); "
            f"{KURIL_1946}", "verified": False}]),
    _town("town_kurilsk", 147.88, 45.23, "Kurilsk", "クリリスク", "Курильск", "库里尔斯克",
          [{"name_ja": "紗那", "name_en": "Shana", "name_ru": "Сяна", "from": "1855", "to": "1946",
            "source": f"Japanese name (Etorofu Japanese since the Treaty of Shimoda, 1855); "
            f"{KURIL_1946}", "verified": False}]),
    _town("town_yuzhno_kurilsk", 145.86, 44.03, "Yuzhno-Kurilsk", "ユジノクリリスク",
          "Южно-Курильск", "南库里尔斯克",
          [{"name_ja": "古釜布", "name_en": "Furukamappu", "name_ru": "Фурукамаппу", "from": "1855",
            "to": "1946", "source": f"Japanese name (Kunashiri Japanese since the Treaty of "
            f"Shimoda, 1855); {KURIL_1946}", "verified": False}]),
    # Hokkaido and northern Honshu (names unchanged in the period)
    _town("town_kushiro", 144.38, 42.98, "Kushiro", "釧路", "Кусиро", "钏路"),
    _town("town_rumoi", 141.64, 43.94, "Rumoi", "留萌", "Румои", "留萌"),
    _town("town_nemuro", 145.58, 43.33, "Nemuro", "根室", "Немуро", "根室"),
    _town("town_wakkanai", 141.67, 45.41, "Wakkanai", "稚内", "Вакканай", "稚内"),
    _town("town_hakodate", 140.73, 41.77, "Hakodate", "函館", "Хакодате", "函馆"),
    _town("town_aomori", 140.74, 40.82, "Aomori", "青森", "Аомори", "青森"),
    _town("town_busan", 129.04, 35.10, "Busan", "釜山", "Пусан", "釜山"),
    _town("town_fukuoka", 130.40, 33.59, "Fukuoka", "福岡", "Фукуока", "福冈"),
    # seas and regions
    {"id": "sea_okhotsk", "kind": "sea", "lon": 148.5, "lat": 51.5, "historical": [],
     "names": {"en": "Sea of Okhotsk", "ja": "オホーツク海", "ru": "Охотское море",
               "zh": "鄂霍次克海"}},
    {"id": "sea_japan", "kind": "sea", "lon": 134.5, "lat": 40.5, "historical": [],
     "names": {"en": "Sea of Japan", "ja": "日本海", "ru": "Японское море", "zh": "日本海"}},
    {"id": "sea_pacific", "kind": "sea", "lon": 152.0, "lat": 42.5, "historical": [],
     "names": {"en": "Pacific Ocean", "ja": "太平洋", "ru": "Тихий океан", "zh": "太平洋"}},
    {"id": "region_kamchatka", "kind": "region", "lon": 158.2, "lat": 54.5, "historical": [],
     "names": {"en": "Kamchatka", "ja": "カムチャツカ半島", "ru": "Камчатка", "zh": "堪察加半岛"}},
    {"id": "region_korea", "kind": "region", "lon": 128.4, "lat": 35.9, "historical": [],
     "names": {"en": "Korea", "ja": "朝鮮半島", "ru": "Корейский полуостров", "zh": "朝鲜半岛"}},
]

# Island and strait labels are generated from the registry (names) at these points (lon, lat).
ISLAND_LABEL_POINTS = {
    "sakhalin": (142.9, 50.6),
    "hokkaido": (142.8, 43.6),
}
ISLAND_LABEL_NAMES = {
    "sakhalin": {"en": "Sakhalin (Karafuto)", "ja": "樺太（サハリン）", "ru": "Сахалин",
                 "zh": "库页岛（萨哈林岛）"},
    "hokkaido": {"en": "Hokkaido", "ja": "北海道", "ru": "Хоккайдо", "zh": "北海道"},
}
STRAIT_LABEL_POINTS = {
    "strait_soya": (141.95, 45.75),
    "strait_tatar": (141.0, 49.5),
    "strait_nemuro": (145.35, 43.85),
    "strait_tsugaru": (140.7, 41.55),
    "strait_tsushima": (129.6, 34.0),
}
