"""Present's caption text: cut at sentence ends, never inside "Art. 9"."""

from app.page.present import sentences, shortened


def test_an_abbreviation_or_a_number_after_a_stop_ends_no_sentence():
    text = ("It ended the state of war (12 December 1956). In Art. 9 the USSR agreed to hand over Habomai. "
            "See para. 2 and p. 787 of vol. 1. Kunashir is not mentioned.")
    assert sentences(text) == ["It ended the state of war (12 December 1956).",
                               "In Art. 9 the USSR agreed to hand over Habomai.",
                               "See para. 2 and p. 787 of vol. 1.", "Kunashir is not mentioned."]
    assert not shortened(text, 60).endswith("Art.")
    assert sentences("第9項で引き渡す。国後には触れていない。") == ["第9項で引き渡す。", "国後には触れていない。"]


def test_a_russian_date_keeps_its_stop_and_its_bracket():
    text = ("Подписан, но ещё не вступил в силу: карта изменится 12 декабря 1956 г.. Подписана в Москве. "
            "С вступлением в силу (12 декабря 1956 г.) прекращено состояние войны.")
    assert sentences(text) == ["Подписан, но ещё не вступил в силу: карта изменится 12 декабря 1956 г.",
                               "Подписана в Москве.",
                               "С вступлением в силу (12 декабря 1956 г.) прекращено состояние войны."]
