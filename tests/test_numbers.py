"""Locale-aware number extraction: each language's conventions, and the shapes that are not
plain numbers (dates, times, identifiers, versions)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint.numbers import (
    _NORMALISE,
    NumberMention,
    _normalised,
    converts,
    extract_number_words,
    extract_numbers,
    format_number,
    measure_after,
    values_match,
)

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"


def only(text: str, lang: str | None) -> NumberMention:
    mentions = extract_numbers(text, lang)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("lang", "text", "raw", "values", "kind", "locale_ok"),
    [
        # Vietnamese: dot thousands, comma decimals, scale words
        ("vi", "1.300 hộ", "1.300", {1300.0}, "int", True),
        ("vi", "1,300 hộ", "1,300", {1.3}, "decimal", True),
        ("vi", "1.234.567 người", "1.234.567", {1234567.0}, "int", True),
        ("vi", "2,5 triệu đồng", "2,5 triệu", {2_500_000.0}, "decimal", True),
        ("vi", "1,5 tỷ đồng", "1,5 tỷ", {1_500_000_000.0}, "decimal", True),
        ("vi", "1,5 tỉ đồng", "1,5 tỉ", {1_500_000_000.0}, "decimal", True),
        ("vi", "3 nghìn người", "3 nghìn", {3000.0}, "int", True),
        ("vi", "3 ngàn người", "3 ngàn", {3000.0}, "int", True),
        ("vi", "1,5 nghìn tỷ", "1,5 nghìn tỷ", {1.5e12}, "decimal", True),
        ("vi", "1.5 triệu", "1.5 triệu", {1_500_000.0}, "decimal", False),
        # German
        ("de", "3,5 Millionen Euro", "3,5 Millionen", {3_500_000.0}, "decimal", True),
        ("de", "1.000,5", "1.000,5", {1000.5}, "decimal", True),
        ("de", "1.000 Menschen", "1.000", {1000.0}, "int", True),
        ("de", "3 Mio. Euro", "3 Mio.", {3_000_000.0}, "int", True),
        ("de", "4 Milliarden", "4 Milliarden", {4e9}, "int", True),
        ("de", "2 Mrd. Euro", "2 Mrd.", {2e9}, "int", True),
        # French: space, NBSP, narrow NBSP or thin space for thousands
        ("fr", "12 500,5 euros", "12 500,5", {12500.5}, "decimal", True),
        ("fr", f"12{NBSP}500,5 euros", f"12{NBSP}500,5", {12500.5}, "decimal", True),
        ("fr", f"12{NNBSP}500,5 euros", f"12{NNBSP}500,5", {12500.5}, "decimal", True),
        ("fr", f"12{THIN}500,5 euros", f"12{THIN}500,5", {12500.5}, "decimal", True),
        ("fr", "3 milliards", "3 milliards", {3e9}, "int", True),
        ("fr", "1.000 habitants", "1.000", {1.0, 1000.0}, "decimal", False),
        # Spanish, Italian, Portuguese
        ("es", "2 mil millones", "2 mil millones", {2e9}, "int", True),
        ("es", "3 millones", "3 millones", {3e6}, "int", True),
        ("es", "5 mil", "5 mil", {5000.0}, "int", True),
        ("it", "2,5 miliardi", "2,5 miliardi", {2.5e9}, "decimal", True),
        ("pt", "3,5 bilhões", "3,5 bilhões", {3.5e9}, "decimal", True),
        # English: comma thousands, scale words and abbreviations
        ("en", "1,000.5", "1,000.5", {1000.5}, "decimal", True),
        ("en", "1,300 households", "1,300", {1300.0}, "int", True),
        ("en", "1.300 households", "1.300", {1.3}, "decimal", True),
        ("en", "35 million", "35 million", {35e6}, "int", True),
        ("en", "$2bn", "2bn", {2e9}, "int", True),
        ("en", "35m", "35m", {35.0, 35e6}, "int", True),
        ("en", "VND1.5 billion", "1.5 billion", {1.5e9}, "decimal", True),
        ("en", "a 1,5 million budget", "1,5 million", {1.5e6}, "decimal", False),
        ("en", "12 500,5 euros", "12 500,5", {12500.5}, "decimal", False),
        ("en", f"12{NBSP}500,5 euros", f"12{NBSP}500,5", {12500.5}, "decimal", False),
        ("en", "1.000,5", "1.000,5", {1000.5}, "decimal", False),
        ("en", "1.000.000 people", "1.000.000", {1e6}, "int", False),
        # Russian
        ("ru", "1,2 млн рублей", "1,2 млн", {1.2e6}, "decimal", True),
        ("ru", "5 тыс. человек", "5 тыс.", {5000.0}, "int", True),
        ("ru", "3 млрд", "3 млрд", {3e9}, "int", True),
        ("ru", f"12{NBSP}500 рублей", f"12{NBSP}500", {12500.0}, "int", True),
        # Chinese, Japanese, Korean, Hindi
        ("zh", "1.2万人", "1.2万", {12000.0}, "decimal", True),
        ("zh", "3亿元", "3亿", {3e8}, "int", True),
        ("zh", "1万亿元", "1万亿", {1e12}, "int", True),
        ("ja", "3万人", "3万", {30000.0}, "int", True),
        ("ja", "1億円", "1億", {1e8}, "int", True),
        ("ko", "3만 명", "3만", {30000.0}, "int", True),
        ("hi", "12,34,567 रुपये", "12,34,567", {1234567.0}, "int", True),
        # Percentages: the value stays the number
        ("en", "3.5%", "3.5%", {3.5}, "percent", True),
        ("en", "3.5 percent", "3.5 percent", {3.5}, "percent", True),
        ("en", "3.5 per cent", "3.5 per cent", {3.5}, "percent", True),
        ("fr", f"3,5{NBSP}%", f"3,5{NBSP}%", {3.5}, "percent", True),
        ("vi", "3,5 phần trăm", "3,5 phần trăm", {3.5}, "percent", True),
        ("de", "5 Prozent", "5 Prozent", {5.0}, "percent", True),
        ("fr", "5 pour cent", "5 pour cent", {5.0}, "percent", True),
        ("es", "5 por ciento", "5 por ciento", {5.0}, "percent", True),
        ("ru", "5 процентов", "5 процентов", {5.0}, "percent", True),
        ("zh", "百分之5", "百分之5", {5.0}, "percent", True),
        # Years, ordinals
        ("en", "in 2024.", "2024", {2024.0}, "year", True),
        ("en", "in 1850.", "1850", {1850.0}, "int", True),
        ("en", "in '71", "'71", {71.0, 1871.0, 1971.0, 2071.0}, "year", True),
        ("en", "the 21st century", "21st", {21.0}, "ordinal", True),
        ("fr", "le 3e arrondissement", "3e", {3.0}, "ordinal", True),
        ("zh", "第3次", "第3", {3.0}, "ordinal", True),
        # Digits of other scripts
        ("ja", "１２３人", "１２３", {123.0}, "int", True),
        ("ja", "１．５％", "１．５％", {1.5}, "percent", True),
        ("ar", "٣٫٥", "٣٫٥", {3.5}, "decimal", True),
        ("hi", "१२३ लोग", "१२३", {123.0}, "int", True),
    ],
)
def test_quantities(lang: str, text: str, raw: str, values: set[float], kind: str,
                    locale_ok: bool) -> None:
    m = only(text, lang)
    assert (m.raw, set(m.values), m.kind, m.locale_ok) == (raw, values, kind, locale_ok)
    assert text[m.start:m.end] == m.raw


@pytest.mark.parametrize(
    ("lang", "text", "raw", "values"),
    [
        ("vi", "ngày 5/3/2024", "ngày 5/3/2024", {(2024, 3, 5)}),
        ("vi", "vào ngày 5/3", "ngày 5/3", {(0, 3, 5)}),
        ("vi", "ngày 5 tháng 3 năm 2024", "ngày 5 tháng 3 năm 2024", {(2024, 3, 5)}),
        ("vi", "Ngày 5 tháng 3", "Ngày 5 tháng 3", {(0, 3, 5)}),
        ("vi", "tháng 3/2024", "tháng 3/2024", {(2024, 3, 0)}),
        ("vi", "tháng 3 năm 2024", "tháng 3 năm 2024", {(2024, 3, 0)}),
        ("de", "am 5. März 2024", "5. März 2024", {(2024, 3, 5)}),
        ("de", "am 5.3.2024", "5.3.2024", {(2024, 3, 5)}),
        ("fr", "le 5/3/2024", "5/3/2024", {(2024, 3, 5)}),
        ("fr", "le 1er mars 2024", "1er mars 2024", {(2024, 3, 1)}),
        ("es", "el 5 de marzo de 2024", "5 de marzo de 2024", {(2024, 3, 5)}),
        ("es", "en marzo de 2024", "marzo de 2024", {(2024, 3, 0)}),
        ("ru", "5 марта 2024 года", "5 марта 2024 года", {(2024, 3, 5)}),
        ("en", "on March 5, 2024", "March 5, 2024", {(2024, 3, 5)}),
        ("en", "on 5 March 2024", "5 March 2024", {(2024, 3, 5)}),
        ("en", "on Sept. 5", "Sept. 5", {(0, 9, 5)}),
        ("en", "in March 2024", "March 2024", {(2024, 3, 0)}),
        # US and British English both write x/y/z: keep both readings
        ("en", "on 3/5/2024", "3/5/2024", {(2024, 3, 5), (2024, 5, 3)}),
        ("en", "on 13/5/2024", "13/5/2024", {(2024, 5, 13)}),
        ("en", "2024-03-05", "2024-03-05", {(2024, 3, 5)}),
        ("vi", "2024-03-05", "2024-03-05", {(2024, 3, 5)}),
        ("zh", "2024年3月5日", "2024年3月5日", {(2024, 3, 5)}),
        ("ja", "2024年3月5日に", "2024年3月5日", {(2024, 3, 5)}),
        ("ko", "2024년 3월 5일", "2024년 3월 5일", {(2024, 3, 5)}),
        ("vi", unicodedata.normalize("NFD", "ngày 5 tháng 3"),
         unicodedata.normalize("NFD", "ngày 5 tháng 3"), {(0, 3, 5)}),
    ],
)
def test_dates(lang: str, text: str, raw: str, values: set[tuple[int, int, int]]) -> None:
    m = only(text, lang)
    assert (m.raw, set(m.values), m.kind) == (raw, values, "date")


def test_impossible_date_falls_back_to_numbers() -> None:
    assert [(m.raw, m.kind) for m in extract_numbers("13/14/2024", "de")] == [
        ("13", "int"), ("14", "int"), ("2024", "year")]


@pytest.mark.parametrize(
    ("lang", "text", "raw", "values"),
    [
        # without a.m./p.m. the half of the day is unknown (said in words, or implied)
        ("en", "at 10:30", "10:30", {(10, 30), (22, 30)}),
        ("en", "at 10:30 pm", "10:30 pm", {(22, 30)}),
        ("en", "at 2 p.m.", "2 p.m.", {(14, 0), 2.0, 14.0}),
        ("fr", "à 10h30", "10h30", {(10, 30), (22, 30)}),
        ("fr", "à 18h30", "18h30", {(18, 30)}),
        ("de", "um 10.30 Uhr", "10.30 Uhr", {(10, 30), (22, 30)}),
        ("vi", "lúc 10 giờ 30", "10 giờ 30", {(10, 30), (22, 30)}),
        ("vi", "lúc 7 giờ rưỡi", "7 giờ rưỡi", {(7, 30), (19, 30)}),
        ("vi", "lúc 14 giờ", "14 giờ", {(14, 0), 14.0}),
        ("zh", "10点30分", "10点30分", {(10, 30), (22, 30)}),
        ("ja", "午後7時半から", "7時半", {(7, 30), (19, 30)}),
    ],
)
def test_times(lang: str, text: str, raw: str, values: set[object]) -> None:
    m = only(text, lang)
    assert (m.raw, set(m.values), m.kind) == (raw, values, "time")


@pytest.mark.parametrize(
    ("text", "raw", "kind", "values"),
    [
        ("COVID-19 cases", "COVID-19", "code", {"covid-19", 19.0}),
        ("SARS-CoV-2", "SARS-CoV-2", "code", {"sars-cov-2", 2.0}),
        ("A4 paper", "A4", "code", {"a4", 4.0}),
        ("H5N1 flu", "H5N1", "code", {"h5n1", 1.0}),
        ("in mid-2024", "mid-2024", "code", {"mid-2024", 2024.0}),
        ("release v2.1.3", "v2.1.3", "version", {"2.1.3"}),
        ("host 192.168.1.1", "192.168.1.1", "version", {"192.168.1.1"}),
        ("the iPhone 15", "15", "int", {15.0}),
    ],
)
def test_identifiers_and_versions(text: str, raw: str, kind: str, values: set[object]) -> None:
    m = only(text, "en")
    assert (m.raw, m.kind, set(m.values)) == (raw, kind, values)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "3-5 people", [("3", {3.0}), ("5", {5.0})]),
        ("en", "3–5 people", [("3", {3.0}), ("5", {5.0})]),
        ("en", "3 to 5 people", [("3", {3.0}), ("5", {5.0})]),
        ("vi", "từ 3 đến 5 người", [("3", {3.0}), ("5", {5.0})]),
        ("en", "2020-2024", [("2020", {2020.0}), ("2024", {2024.0})]),
        # a scale word on the second end applies to the first
        ("en", "2-3 million", [("2", {2.0, 2e6}), ("3 million", {3e6})]),
        ("vi", "2-3 triệu", [("2", {2.0, 2e6}), ("3 triệu", {3e6})]),
    ],
)
def test_ranges_are_two_mentions(lang: str, text: str,
                                 expected: list[tuple[str, set[float]]]) -> None:
    mentions = extract_numbers(text, lang)
    assert [(m.raw, set(m.values)) for m in mentions] == expected
    assert {m.kind for m in mentions} == {"range"}


def test_separate_numbers_are_not_a_range() -> None:
    kinds = [m.kind for m in extract_numbers("3 people and 5 dogs", "en")]
    assert kinds == ["int", "int"]


def test_spaces_that_do_not_group_thousands_separate_numbers() -> None:
    mentions = extract_numbers("in 2019 100 people", "en")
    assert [(m.raw, set(m.values)) for m in mentions] == [("2019", {2019.0}), ("100", {100.0})]


def test_vietnamese_weekdays_are_not_numbers() -> None:
    assert [m.raw for m in extract_numbers("vào thứ 6 tuần tới, lần thứ 10", "vi")] == ["10"]


def test_unknown_language_keeps_both_conventions() -> None:
    m = only("1.000 people", None)
    assert set(m.values) == {1.0, 1000.0}
    assert m.locale_ok


def test_offsets_and_raw_follow_the_original_text() -> None:
    text = "Năm ２０２３, có 1.234 người."
    mentions = extract_numbers(text, "vi", offset=100)
    assert [(m.start - 100, m.end - 100, m.raw) for m in mentions] == [
        (4, 8, "２０２３"), (13, 18, "1.234")]


def test_text_without_digits_has_no_mentions() -> None:
    assert extract_numbers("Không có con số nào ở đây.", "vi") == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "two million people", [("two million", {2e6}, "word")]),
        ("en", "a hundred years", [("a hundred", {100.0}, "word")]),
        ("vi", "hai người", [("hai", {2.0}, "word")]),
        ("de", "zwei Kinder", [("zwei", {2.0}, "word")]),
        ("zh", "三万人", [("三万", {30000.0}, "word")]),
        ("en", "in March", [("March", {(0, 3, 0)}, "month")]),
        ("en", "you may go", []),
    ],
)
def test_number_words(lang: str, text: str, expected: list[tuple[str, set[object], str]]) -> None:
    assert [(m.raw, set(m.values), m.kind) for m in extract_number_words(text, lang)] == expected


def test_values_match_across_languages_and_date_wildcards() -> None:
    assert values_match(only("1,5 tỷ", "vi"), only("1,500 million", "en"))
    assert values_match(only("1.2万", "zh"), only("12,000", "en"))
    assert not values_match(only("1.300", "vi"), only("1.3", "en"))
    assert values_match(only("ngày 5/3", "vi"), only("March 5, 2024", "en"))
    assert not values_match(only("ngày 5/3", "vi"), only("May 3, 2024", "en"))
    assert values_match(only("10 giờ", "vi"), only("10 a.m.", "en"))


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (12500.5, "en", "12,500.5"),
        (12500.5, "de", "12.500,5"),
        (12500.5, "fr", f"12{NBSP}500,5"),
        (1300.0, "vi", "1.300"),
        (1.5e9, "en", "1,500,000,000"),
    ],
)
def test_format_number(value: float, lang: str, expected: str) -> None:
    assert format_number(value, lang) == expected


ALPHABET = "0123456789０٣१.,:/-–% \u00a0\u202fvVaAmhkMpst'年月日万亿第半ngàyháthứ"
LANGS = ["en", "vi", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "cs", "pl", "zh", "ja",
         "ko", "hi", "xx", None]


@given(text=st.text(alphabet=ALPHABET, max_size=40), lang=st.sampled_from(LANGS))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_ordered_spans_of_itself(text: str, lang: str | None) -> None:
    mentions = extract_numbers(text, lang)
    ends = [0]
    for m in mentions:
        assert ends[-1] <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.raw
        assert m.values
        ends.append(m.end)


#: Every character the normalisation rewrites, some it leaves (accents, CJK, ASCII), and the
#: surrogate-free rest of the BMP at random.
NORMALISED_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(sorted(map(chr, _NORMALISE)) + list("ạ ờ年1.,-")),
                       st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",))),
    max_size=30)


@given(text=NORMALISED_TEXT)
@settings(max_examples=500, deadline=None)
def test_normalisation_skipped_only_when_it_changes_nothing(text: str) -> None:
    assert _normalised(text) == text.translate(_NORMALISE)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # the month is named once for a list or range of days; each day takes it
        ("de", "am 9. und 10. August", [("9", {9.0, (0, 8, 9)}), ("10. August", {(0, 8, 10)})]),
        ("de", "vom 25. bis 31. Juli", [("25", {25.0, (0, 7, 25)}), ("31. Juli", {(0, 7, 31)})]),
        ("en", "on August 9 and 10", [("August 9", {(0, 8, 9)}), ("10", {10.0, (0, 8, 10)})]),
        ("en", "on 9, 10 and 11 August 2024", [("9", {9.0, (2024, 8, 9)}),
                                                ("10", {10.0, (2024, 8, 10)}),
                                                ("11 August 2024", {(2024, 8, 11)})]),
    ],
)
def test_days_listed_before_or_after_their_month_are_dates(
        lang: str, text: str, expected: list[tuple[str, set[object]]]) -> None:
    mentions = extract_numbers(text, lang)
    assert [(m.raw, set(m.values)) for m in mentions] == expected
    assert {m.kind for m in mentions} == {"date"}


def test_numbers_joined_by_and_stay_numbers_without_a_date() -> None:
    assert [m.kind for m in extract_numbers("9 und 10 Personen", "de")] == ["int", "int"]


def test_german_month_before_a_number_is_not_a_date() -> None:
    # "seit März 21 Menschen getötet": German writes the day before the month
    assert [(m.raw, m.kind) for m in extract_numbers("seit März 21 Menschen", "de")] == [
        ("21", "int")]


@pytest.mark.parametrize(
    ("lang", "text", "raw", "values"),
    [
        ("de", "eine 101-Millionen-Pfund-Klausel", "101-Millionen", {101e6}),
        ("de", "ein 2,5-Milliarden-Euro-Paket", "2,5-Milliarden", {2.5e9}),
        ("de", "sich schnell 14 Lakh nähern", "14 Lakh", {1.4e6}),
        ("en", "in the 1960's", "1960", {1960.0, 60.0}),
    ],
)
def test_compounds_loanwords_and_decades(lang: str, text: str, raw: str,
                                         values: set[float]) -> None:
    m = only(text, lang)
    assert (m.raw, set(m.values)) == (raw, values)


def test_agency_time_without_colon() -> None:
    m = only("(0200GMT) Monday", "en")
    assert (m.raw, set(m.values), m.kind) == ("0200GMT", {(2, 0), 2.0}, "time")


def test_square_units_are_not_numbers() -> None:
    assert [m.raw for m in extract_numbers("120 km2 und 5 m²", "de")] == ["120", "5"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Thirty-one people", [("Thirty-one", {31.0})]),
        ("en", "the sixty days", [("sixty", {60.0})]),
        ("en", "the centenary", [("centenary", {100.0})]),
        ("en", "the sixties", [("sixties", {60.0})]),
        ("de", "vor zwölf Spielen", [("zwölf", {12.0})]),
        ("de", "die zwölfte in acht Jahren", [("zwölfte", {12.0}), ("acht", {8.0})]),
        ("de", "einundzwanzig", [("einundzwanzig", {21.0})]),
        ("de", "in den sechziger Jahren", [("sechziger", {60.0})]),
    ],
)
def test_number_words_up_to_ninety_nine(lang: str, text: str,
                                        expected: list[tuple[str, set[float]]]) -> None:
    assert [(m.raw, set(m.values)) for m in extract_number_words(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "dimension", "metric"),
    [
        ("161 feet (49 meters)", "length", False),
        ("an 8-foot cord", "length", False),
        ("5-10 acres", "area", False),
        ("49 Metern Höhe", "length", True),
        ("über 32° C", "temperature", True),
        ("120 km2", "area", True),
        ("2 bis 4 Hektar", "area", True),
    ],
)
def test_unit_after_a_number(text: str, dimension: str, metric: bool) -> None:
    first = extract_numbers(text, "en")[0]
    unit = measure_after(text, first.end)
    assert unit is not None and (unit.dimension, unit.metric) == (dimension, metric)


def test_no_unit_after_a_plain_number() -> None:
    assert measure_after("5 million people", 9) is None
    assert measure_after("5 people", 1) is None


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("80 feet", "25 Meter", True),  # 24.4 m, within 5 %
        ("80 feet", "24 Meter", True),
        ("100 feet", "30 Meter", True),
        ("8-foot", "2,4 m", True),
        ("30000 acres", "120 km2", True),
        ("550-acre", "220 Hektar", True),
        ("90 degrees", "32 Grad Celsius", True),
        ("90 degrees", "30 Grad Celsius", True),  # 32.2 rounded to one figure
        ("80 feet", "30 Meter", False),
        ("80 feet", "6 m", False),
        ("8-foot", "3 m", False),  # 2.4 m
        ("80 feet", "25 Kilogramm", False),  # another dimension
        ("25 Meter", "25 Meter", False),  # one system: that is a match by value, not a conversion
    ],
)
def test_unit_conversions(source: str, target: str, expected: bool) -> None:
    s, t = extract_numbers(source, "en")[0], extract_numbers(target, "de")[0]
    us, ut = measure_after(source, s.end), measure_after(target, t.end)
    assert us is not None and ut is not None
    assert converts(s, us, t, ut) is expected
    assert converts(t, ut, s, us) is expected
