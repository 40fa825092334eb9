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

from app.i18n import _, gettext_for, language_from_request, localised, normalise_lang
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
        "incident was settled. Japan did not claim sovereignty: it held the territory Russian, and the Far "
        "Eastern Republic, then Soviet Russia, kept their claim. The map shows Japanese military occupation.",
        ["japan_declaration_1920_07_03", "koshkin_2020_sakhalin_1920", "seed003_l75_ns_occupation"]),
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

# The narrations in the other interface languages: faithful translations of the English above (same facts,
# same sources; tests/unit/test_narration.py fails when one lacks a language).
NARRATION_TRANSLATIONS: dict[str, dict[str, str]] = {
    "ja": {
        "portsmouth_1905":
            "ポーツマス条約により日露戦争が終結した。第9条でロシアは北緯50度以南のサハリン（南樺太）を日本に"
            "割譲し、両国は同島を要塞化しないこと、宗谷海峡と間宮海峡の自由航行を妨げないことに合意した。",
        "north_sakhalin_occupation_1920":
            "尼港事件の後、日本軍は事件が解決するまでの「保障」として北樺太を占領した。日本は主権を主張せず、"
            "同地をロシア領と見なしており、極東共和国、ついでソビエト・ロシアが領有の主張を維持した。地図は"
            "日本の軍事占領として示す。",
        "basic_convention_1925":
            "日ソ基本条約により日本とソ連は国交を樹立した。第2条はポーツマス条約の効力を維持したため、ソ連は"
            "日本領の南樺太を承認し、議定書（甲）は日本が北樺太から撤退する期限を定めた。",
        "north_sakhalin_evacuation_1925":
            "議定書（甲）に基づき、日本軍は1925年5月15日までに北樺太から撤退し、各地区はソ連当局に返還された。"
            "日本企業は1944年まで同地で石油と石炭の利権を保持した。",
        "neutrality_pact_1941":
            "日本とソ連は互いの領土保全を尊重し、一方が攻撃を受けた場合には中立を守ることを約束した。"
            "条約の有効期間は批准から5年とされた。",
        "yalta_agreement_1945":
            "ヤルタでスターリン、ルーズベルト、チャーチルは、ソ連が対日参戦すれば南樺太をソ連に「返還」し、"
            "千島列島を「引き渡す」ことに秘密裏に合意した。これは連合国間の約束であって移転ではない。日本は"
            "当事者ではなく、地図ではこれを破線の輪郭で示す。",
        "south_sakhalin_operation_1945":
            "ソ連は1945年8月9日から日本との戦争状態に入ると宣言し、ソ連軍は北緯50度線を越えて樺太に侵攻した。"
            "戦闘は8月15日に日本が降伏を発表した後も続いた。地図は8月25日（おおよその日付）から南樺太を"
            "ソ連の軍事占領下として示す。",
        "kuril_landings_1945":
            "8月18日の占守島の戦いから、ソ連軍は千島列島を島ごとに占領し、8月28日に択捉島、9月1日に国後島と"
            "色丹島、9月4日に歯舞群島（異説では9月3〜5日）に達した。これは日本が降伏文書に署名した後のこと"
            "である。地図は島ごとにそれぞれの日付を示す。",
        "scapin_677_1946":
            "連合国の占領当局は日本政府に対し、「日本」の外での統治をやめるよう指示し、その「日本」から千島列島、"
            "歯舞群島、色丹島、樺太を除外した。第6項は、これが諸島の最終的な帰属に関する決定ではないと述べた。",
        "soviet_annexation_decree_1946":
            "ソ連の二つの幹部会令は南樺太と千島列島の土地を国有化し、南サハリン州を設置した。これは一方的な"
            "併合であり、地図では色丹島と歯舞群島を含め、ソ連の支配が軍事占領から主権へと変わる。",
        "gromyko_amendments_1951":
            "サンフランシスコでソ連代表グロムイコは、南樺太と千島列島に対するソ連の完全な主権を日本が承認する"
            "こと、四つの海峡を非武装化することを提案した。会議は修正案を審議せず、ソ連は署名しなかった。地図は"
            "修正案が定めたであろう内容を示す。",
        "san_francisco_treaty_1951":
            "サンフランシスコ平和条約第2条(c)で日本は千島列島と南樺太に対するすべての権利、権原及び請求権を"
            "放棄したが、それを誰が受け取るかは定めなかった。ソ連は署名せず、第25条は非署名国にいかなる権利も"
            "与えなかった。放棄は1952年4月28日に発効した。",
        "malik_offer_1955":
            "ロンドン交渉の間、ソ連全権マリクは松本に非公式に、ソ連は歯舞と色丹を日本に引き渡すが、それは平和"
            "条約の締結後に限ると伝えた。さらに、両島を軍事化してはならないと付け加えた。",
        "joint_declaration_1956":
            "日ソ共同宣言により、1956年12月12日に戦争状態が終了し、外交関係が回復した。第9条でソ連は平和条約"
            "締結後に歯舞群島と色丹島を日本に引き渡すことに同意した。国後島と択捉島には触れていない。",
    },
    "ru": {
        "portsmouth_1905":
            "Портсмутский мирный договор завершил Русско-японскую войну. По статье IX Россия уступила Японии "
            "Сахалин южнее 50-й параллели, а стороны договорились не укреплять остров и сохранить свободу "
            "плавания по проливам Лаперуза и Татарскому.",
        "north_sakhalin_occupation_1920":
            "После Николаевского инцидента японские войска заняли Северный Сахалин в качестве «гарантии» до "
            "урегулирования инцидента. Япония не заявляла о суверенитете и считала территорию российской, а "
            "Дальневосточная республика, затем Советская Россия сохраняли свои притязания. Карта показывает "
            "японскую военную оккупацию.",
        "basic_convention_1925":
            "Конвенцией об основных принципах Япония и СССР установили отношения. Статья II сохранила в силе "
            "Портсмутский договор, так что СССР признал японский Южный Сахалин, а Протокол «А» установил срок, "
            "к которому Япония должна была покинуть Северный Сахалин.",
        "north_sakhalin_evacuation_1925":
            "По Протоколу «А» японские войска покинули Северный Сахалин к 15 мая 1925 года, и районы перешли "
            "к советским властям. Японские фирмы сохраняли там нефтяные и угольные концессии до 1944 года.",
        "neutrality_pact_1941":
            "Япония и СССР обязались уважать территориальную целостность друг друга и соблюдать нейтралитет, "
            "если одна из сторон подвергнется нападению. Пакт заключался на пять лет со дня ратификации.",
        "yalta_agreement_1945":
            "В Ялте Сталин, Рузвельт и Черчилль тайно договорились, что Южный Сахалин будет «возвращён», а "
            "Курильские острова «переданы» СССР, если он вступит в войну против Японии. Это было обещание "
            "союзников друг другу, а не передача: Япония не была его участницей, и на карте оно показано "
            "штриховым контуром.",
        "south_sakhalin_operation_1945":
            "СССР объявил, что с 9 августа 1945 года находится в состоянии войны с Японией, и его войска "
            "перешли 50-ю параллель на Карафуто. Бои продолжались и после того, как 15 августа Япония объявила "
            "о капитуляции; карта показывает Южный Сахалин под советской военной оккупацией с 25 августа "
            "(дата приблизительная).",
        "kuril_landings_1945":
            "Начиная с боя за Шумшу 18 августа, советские войска занимали Курильские острова один за другим, "
            "достигнув Итурупа 28 августа, Кунашира и Шикотана 1 сентября и островов Хабомаи 4 сентября (по "
            "другим данным, 3–5 сентября), уже после подписания Японией акта о капитуляции. Карта показывает "
            "для каждого острова свою дату.",
        "scapin_677_1946":
            "Оккупационные власти союзников предписали японскому правительству прекратить управление за "
            "пределами «Японии», из которой были исключены Курильские острова, группа Хабомаи, Шикотан и "
            "Карафуто. В пункте 6 говорилось, что это не решение об окончательном статусе островов.",
        "soviet_annexation_decree_1946":
            "Два советских указа национализировали землю Южного Сахалина и Курильских островов и образовали "
            "Южно-Сахалинскую область. Это была односторонняя аннексия: на карте советский контроль меняется "
            "с военной оккупации на суверенитет, включая Шикотан и острова Хабомаи.",
        "gromyko_amendments_1951":
            "В Сан-Франциско советский делегат Громыко предложил, чтобы Япония признала полный суверенитет СССР "
            "над Южным Сахалином и Курилами и чтобы четыре пролива были демилитаризованы. Конференция не "
            "обсуждала поправки, и СССР договор не подписал; карта показывает, что они предусматривали бы.",
        "san_francisco_treaty_1951":
            "По статье 2(c) Сан-Францисского мирного договора Япония отказалась от всех прав, правооснований "
            "и претензий на Курильские острова и Южный Сахалин, не указав, кому они переходят. СССР договор не "
            "подписал, а статья 25 не давала неподписавшим государствам никаких прав; отказ вступил в силу "
            "28 апреля 1952 года.",
        "malik_offer_1955":
            "Во время Лондонских переговоров советский представитель Малик неофициально сообщил Мацумото, что "
            "СССР передаст Японии Хабомаи и Шикотан, но только после заключения мирного договора. Он добавил, "
            "что острова не должны быть милитаризованы.",
        "joint_declaration_1956":
            "Советско-японская декларация прекратила состояние войны и восстановила дипломатические отношения "
            "12 декабря 1956 года. В статье 9 СССР согласился передать Японии острова Хабомаи и Шикотан после "
            "заключения мирного договора; Кунашир и Итуруп не упоминаются.",
    },
    "zh": {
        "portsmouth_1905":
            "《朴茨茅斯和约》结束了日俄战争。俄国依第九条将北纬50度以南的库页岛割让给日本，双方同意不在该岛"
            "修筑要塞，并保持宗谷海峡（拉彼鲁兹海峡）和鞑靼海峡的航行自由。",
        "north_sakhalin_occupation_1920":
            "尼港事件后，日军占领北库页岛，作为事件解决前的“保障”。日本并未主张主权，仍视其为俄国领土；远东"
            "共和国及其后的苏俄保持其主权主张。地图将其显示为日本军事占领。",
        "basic_convention_1925":
            "日本与苏联通过《日苏基本条约》建立关系。第二条维持《朴茨茅斯和约》的效力，因此苏联承认日属"
            "南库页岛；甲号议定书规定了日本撤出北库页岛的期限。",
        "north_sakhalin_evacuation_1925":
            "依据甲号议定书，日军于1925年5月15日前撤出北库页岛，各地区移交苏联当局。日本企业在当地保有"
            "石油和煤炭租让权，直至1944年。",
        "neutrality_pact_1941":
            "日本与苏联承诺相互尊重领土完整，并在任何一方遭受攻击时保持中立。条约自批准之日起有效期五年。",
        "yalta_agreement_1945":
            "在雅尔塔，斯大林、罗斯福和丘吉尔秘密商定：若苏联对日参战，南库页岛将“归还”苏联，千岛群岛"
            "将“交予”苏联。这是盟国之间的承诺，而非领土转移：日本并非当事方，地图以虚线轮廓表示。",
        "south_sakhalin_operation_1945":
            "苏联宣布自1945年8月9日起与日本处于战争状态，苏军越过北纬50度线进入库页岛南部（樺太）。日本"
            "于8月15日宣布投降后战斗仍在继续；地图自8月25日（大致日期）起将南库页岛显示为苏联军事占领。",
        "kuril_landings_1945":
            "自8月18日占守岛战斗起，苏军逐岛占领千岛群岛，8月28日抵达择捉岛，9月1日抵达国后岛和色丹岛，"
            "9月4日抵达齿舞群岛（另说为9月3—5日），此时日本已签署投降书。地图为每个岛屿分别标注日期。",
        "scapin_677_1946":
            "盟国占领当局指示日本政府停止在“日本”以外行使统治，并将千岛群岛、齿舞群岛、色丹岛和库页岛"
            "（樺太）排除在该“日本”之外。第6段称，这并非对这些岛屿最终地位的决定。",
        "soviet_annexation_decree_1946":
            "苏联的两项法令将南库页岛和千岛群岛的土地收归国有，并设立南萨哈林州。这是单方面的兼并：在地图"
            "上，苏联的控制从军事占领变为主权，色丹岛和齿舞群岛也包括在内。",
        "gromyko_amendments_1951":
            "在旧金山，苏联代表葛罗米柯提议日本承认苏联对南库页岛和千岛群岛的完全主权，并使四个海峡非军事化。"
            "会议没有讨论这些修正案，苏联也没有签字；地图显示这些修正案本会作出的规定。",
        "san_francisco_treaty_1951":
            "在《旧金山对日和约》第二条（丙）款中，日本放弃对千岛群岛和南库页岛的一切权利、权利根据与要求，"
            "但未写明由谁接受。苏联没有签字，而第二十五条不给予非签字国任何权利；放弃于1952年4月28日生效。",
        "malik_offer_1955":
            "伦敦谈判期间，苏联代表马立克非正式地告诉松本，苏联将把齿舞和色丹移交日本，但只能在缔结和约"
            "之后。他还补充说，这两个岛屿不得军事化。",
        "joint_declaration_1956":
            "《日苏共同宣言》于1956年12月12日结束了战争状态并恢复了外交关系。苏联在第九条中同意在缔结和约后"
            "将齿舞群岛和色丹岛移交日本；国后岛和择捉岛未被提及。",
    },
}

# Steps of the key tour, 1905 → 1956: (event id, date shown or None, mode)
TOURS: dict[str, list[tuple[str, str | None, str]]] = {
    "key": [
        ("portsmouth_1905", "1905-09-05", "date"),   # signed: its own step and text (app/page/present.py)
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
        ("san_francisco_treaty_1951", "1951-09-08", "date"),
        ("san_francisco_treaty_1951", None, "date"),
        ("malik_offer_1955", "1955-08-09", "event"),
        ("joint_declaration_1956", "1956-10-19", "date"),
        ("joint_declaration_1956", None, "date"),
    ],
}
TOUR_TITLES = {"key": _("Key events, 1905–1956")}


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


def tour_steps(engine: Any, tour: str = "key", lang: str = "en") -> list[Step]:
    """The tour's steps; titles in `lang` (the data's own four-language titles)."""
    out = []
    for n, (event_id, date, mode) in enumerate(TOURS[tour], start=1):
        day = dt.date.fromisoformat(date) if date else effective_date(engine, event_id)
        out.append(Step(n, event_id, day, mode, localised(engine.events[event_id].title, lang)[0]))
    return out


def tour_lengths() -> dict[str, int]:
    return {name: len(steps) for name, steps in TOURS.items()}


def tour_title(tour: str, lang: str = "en") -> str:
    return gettext_for(lang)(TOUR_TITLES.get(tour, tour))


def js_strings(lang: str) -> dict[str, str]:
    """Interface strings assets/classroom.js shows (the tour store's "i18n" entry)."""
    t = gettext_for(lang)
    return {"reducedMotion": t("Autoplay is off because your system asks for reduced motion. "
                               "Press Play to start."),
            "iframeTitle": t("Sakhalin and the Kurils, 1905–1956")}


def tour_store(engine: Any, lang: str | None = None) -> dict:
    """What assets/classroom.js needs: per tour, per step the slider day, mode, event and title; and,
    under "i18n" (never a tour name), its interface strings in the page's language (`lang`, else the
    language of the request the layout is built for)."""
    lang = normalise_lang(lang if lang is not None else language_from_request())
    out: dict[str, Any] = {
        name: [{"n": s.n, "event": s.event, "day": day_index(s.date), "date": s.date.isoformat(),
                "mode": s.mode, "title": s.title} for s in tour_steps(engine, name, lang)]
        for name in TOURS}
    out["i18n"] = js_strings(lang)
    return out


def narration_text(event_id: str, lang: str = "en") -> str:
    """The classroom narration of an event in `lang` (English for "en")."""
    lang = normalise_lang(lang)
    if lang == "en":
        return NARRATION[event_id][0]
    return NARRATION_TRANSLATIONS[lang][event_id]


def narration_for(engine: Any, event_id: str | None, lang: str = "en") -> tuple[str, list[str]] | None:
    """(text, source keys) for an event in `lang`: its classroom narration, else its summary (in the
    data's four languages, English when missing) and sources."""
    if not event_id or event_id not in engine.events:
        return None
    if event_id in NARRATION:
        return narration_text(event_id, lang), NARRATION[event_id][1]
    ev = engine.events[event_id]
    if ev.summary and ev.summary.en:
        return localised(ev.summary, lang)[0], list(ev.sources)
    return None
