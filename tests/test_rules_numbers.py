"""MT105 number-mismatch on hand-built document pairs (one sentence per line)."""

from __future__ import annotations

import pytest

from mtlint.model import Bead, Finding, Severity, Span
from mtlint.rules.registry import RULES, RuleContext
from tests.helpers import line_segments, one_to_one, plain_document

RULE = RULES["MT105"]


def context(source: str, target: str, source_lang: str, target_lang: str,
            beads: tuple[Bead, ...] | None = None) -> RuleContext:
    src, tgt = plain_document(source, source_lang), plain_document(target, target_lang)
    src_segments, tgt_segments = line_segments(src), line_segments(tgt)
    return RuleContext(
        source=src,
        target=tgt,
        source_segments=src_segments,
        target_segments=tgt_segments,
        beads=beads if beads is not None else one_to_one(len(src_segments)),
        source_lang=source_lang,
        target_lang=target_lang,
    )


def check(source: str, target: str, source_lang: str, target_lang: str,
          beads: tuple[Bead, ...] | None = None) -> list[Finding]:
    return RULE.run(context(source, target, source_lang, target_lang, beads))


def test_registration() -> None:
    assert (RULE.name, RULE.category, RULE.severity, RULE.needs_source) == (
        "number-mismatch", "Accuracy/Mistranslation", Severity.MAJOR, True)
    assert RULE.summary
    assert "Why it matters" in RULE.doc and "Example" in RULE.doc


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("Lũ cuốn trôi 1.300 hộ dân.", "The flood swept away 1,300 households.", "vi", "en"),
        ("Es kostet 3,5 Millionen Euro.", "It costs 3.5 million euros.", "de", "en"),
        ("有1.2万人参加。", "12,000 people took part.", "zh", "en"),
        ("Il y a 1 200 habitants.", "There are 1,200 inhabitants.", "fr", "en"),
        ("Il y a 1\u202f200 habitants.", "There are 1,200 inhabitants.", "fr", "en"),
        ("Có 2 người chết.", "Two people died.", "vi", "en"),
        ("Thiệt hại 1,5 tỷ đồng.", "The damage was VND1.5 billion.", "vi", "en"),
        ("Thiệt hại 1,5 tỷ đồng.", "The damage was VND1,500 million.", "vi", "en"),
        ("Lạm phát tăng 3,5%.", "Inflation rose 3.5 percent.", "vi", "en"),
        ("Ngày 5/3/2024, trời mưa.", "On March 5, 2024, it rained.", "vi", "en"),
        ("Ngày 5 tháng 3, trời mưa.", "It rained on 5 March.", "vi", "en"),
        ("Cuộc họp lúc 10 giờ.", "The meeting is at 10 a.m.", "vi", "en"),
        ("Costó 2 mil millones de euros.", "It cost 2 billion euros.", "es", "en"),
        ("Пришли 5 тыс. человек.", "5,000 people came.", "ru", "en"),
        ("3万人が参加した。", "30,000 people took part.", "ja", "en"),
        ("Gần 1 triệu người.", "Nearly a million people.", "vi", "en"),
        ("Ca nhiễm COVID-19 tăng.", "Covid-19 cases rose.", "vi", "en"),
        ("Es kamen 3 bis 5 Personen.", "Between 3 and 5 people came.", "de", "en"),
        ("Thu nhập tăng 2-3 triệu đồng.", "Incomes rose by 2 million to 3 million dong.",
         "vi", "en"),
        ("Dân số đạt 100,000 người.", "The population reached 100,000.", "vi", "en"),
        ("There were 2 victims.", "Il y a eu deux victimes.", "en", "fr"),
        ("There were 2 victims.", "Es gab zwei Opfer.", "en", "de"),
        ("Giá 1.500 đồng.", "Le prix est de 1\u202f500 dongs.", "vi", "fr"),
    ],
)
def test_correct_localisation_passes(source: str, target: str, source_lang: str,
                                     target_lang: str) -> None:
    assert check(source, target, source_lang, target_lang) == []


def test_changed_number_is_one_finding() -> None:
    source = "Lũ cuốn trôi 1.300 hộ dân."
    target = "The flood swept away 1.3 households."
    [finding] = check(source, target, "vi", "en")
    assert finding.code == "MT105"
    assert finding.severity is Severity.MAJOR
    assert finding.message == "number changed: source 1.300 (= 1300) vs target 1.3"
    assert finding.spans == (Span("target", 21, 24), Span("source", 13, 18))
    assert finding.suggestion == "1,300"


def test_source_separators_kept_in_target_are_a_change() -> None:
    [finding] = check("Lũ cuốn trôi 1.300 hộ dân.", "The flood swept away 1.300 households.",
                      "vi", "en")
    assert finding.severity is Severity.MAJOR
    assert finding.message.startswith("number changed: source 1.300 (= 1300) vs target 1.300 "
                                      "(= 1.3); the translation kept the source's separators")


def test_rounding_is_a_change() -> None:
    [finding] = check("Tỷ lệ là 1,35%.", "The rate is 1.3%.", "vi", "en")
    assert finding.message == "number changed: source 1,35% (= 1.35) vs target 1.3% (= 1.3)"


def test_missing_number() -> None:
    source = "Có 5 người chết và 3 người bị thương."
    target = "Five people died."
    [finding] = check(source, target, "vi", "en")
    assert finding.message == "number missing in translation: source 3"
    assert finding.spans == (Span("source", 19, 20), Span("target", 0, len(target)))
    assert finding.severity is Severity.MAJOR


def test_extra_number() -> None:
    source = "Có người chết."
    target = "There were 7 deaths."
    [finding] = check(source, target, "vi", "en")
    assert finding.message == "number added in translation: target 7 is not in the source"
    assert finding.spans == (Span("target", 11, 12), Span("source", 0, len(source)))


def test_changed_missing_and_extra_are_found_separately() -> None:
    source = "\n".join(["Giá tăng 5%.", "Có 12 xã và 3 huyện bị ảnh hưởng.", "Trời mưa to."])
    target = "\n".join(["Prices rose 6%.", "12 communes were affected.",
                        "It rained 40 mm."])
    findings = check(source, target, "vi", "en")
    assert [f.message for f in findings] == [
        "number changed: source 5% (= 5) vs target 6% (= 6)",
        "number missing in translation: source 3",
        "number added in translation: target 40 is not in the source",
    ]


def test_two_missing_in_one_bead_are_not_a_change() -> None:
    findings = check("Có 3 người và 4 xe.", "There were 9 people.", "vi", "en")
    assert sorted(f.message.split(":")[0] for f in findings) == [
        "number added in translation", "number missing in translation",
        "number missing in translation"]


def test_source_format_left_in_english_is_minor() -> None:
    [finding] = check("Il coûte 12 500,5 euros.", "It costs 12 500,5 euros.", "fr", "en")
    assert finding.severity is Severity.MINOR
    assert finding.message == ("number left in source-language format: target 12 500,5 "
                               "(source 12 500,5); en writes 12,500.5")
    assert finding.suggestion == "12,500.5"
    assert finding.spans[0] == Span("target", 9, 17)


def test_german_format_left_in_english_with_scale_word() -> None:
    [finding] = check("Es kostet 1,5 Millionen Euro.", "It costs 1,5 million euros.", "de", "en")
    assert finding.severity is Severity.MINOR
    assert finding.message.startswith("number left in source-language format: target 1,5 million")


def test_number_moved_to_the_neighbouring_sentence_is_not_flagged() -> None:
    source = "Năm 2023 có bão lớn.\nCó 12 người chết."
    target = "There was a big storm, and 12 people died.\nThat was in 2023."
    assert check(source, target, "vi", "en") == []


def test_number_two_sentences_away_is_flagged() -> None:
    source = "Có 12 người chết.\nTrời mưa.\nGió mạnh."
    target = "People died.\nIt rained.\nThe wind was strong, 12 said."
    findings = check(source, target, "vi", "en")
    assert [f.message for f in findings] == [
        "number missing in translation: source 12",
        "number added in translation: target 12 is not in the source",
    ]


def test_date_written_as_separate_numbers_matches() -> None:
    # Hungarian month names are not in the tables: the source reads as 2024 and 5
    assert check("2024. március 5-én esett.", "It rained on March 5, 2024.", "hu", "en") == []


def test_low_confidence_bead_findings_are_minor() -> None:
    beads = (Bead((0,), (0,), 3.0, 0.3),)
    [finding] = check("Có 5 người.", "There were 6 people.", "vi", "en", beads)
    assert finding.severity is Severity.MINOR
    assert finding.message == "number changed: source 5 vs target 6"


def test_beads_with_an_empty_side_are_left_to_omission_rules() -> None:
    beads = (Bead((0,), (0,), 0.0), Bead((1,), (), 1.0))
    source = "Trời mưa.\nCó 50 người chết."
    target = "It rained."
    assert check(source, target, "vi", "en", beads) == []


def test_rule_needs_the_source() -> None:
    ctx = context("Có 5 người.", "There were 6 people.", "vi", "en")
    without = RuleContext(source=None, target=ctx.target, source_segments=(),
                          target_segments=ctx.target_segments, beads=(), source_lang=None,
                          target_lang="en")
    assert RULE.run(without) == []


def test_repeated_numbers_are_counted() -> None:
    findings = check("Có 5 xe và 5 người.", "There were 5 cars.", "vi", "en")
    assert [f.message for f in findings] == ["number missing in translation: source 5"]
