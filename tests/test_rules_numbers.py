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


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The senate elections will be held on August 9 and 10.",
         "Die Senatswahlen finden am 9. und 10. August statt."),
        ("Voters must register from July 25 until July 31.",
         "Die Wähler müssen sich vom 25. bis 31. Juli registrieren."),
        ("Voters must register from July 25 until July 31.",
         "Die Wähler müssen sich zwischen dem 25. und 31. Juli registrieren."),
        ("Inter want his £101million release clause to be met.",
         "Inter fordert, dass seine 101-Millionen-Pfund-Freigabeklausel erfüllt wird."),
        ("He criticised the $3 trillion bill.", "Er kritisierte den 3-Billionen-Dollar-Gesetzentwurf."),
        ("The consulate must close by 10 am (0200GMT) Monday.",
         "Das Konsulat muss bis 10 Uhr (02:00 GMT) am Montag schließen."),
        ("Cases are approaching 14 lakh.", "Die Fälle nähern sich 14 Lakh."),
        ("It was added in the 1960's.", "Es wurde in den 60er Jahren hinzugefügt."),
        ("It was added in the '60s.", "Es wurde in den sechziger Jahren hinzugefügt."),
        ("Thirty-one people have been hospitalized.", "31 Menschen wurden eingeliefert."),
        ("It is elected during the sixty days before.", "Sie wird in den 60 Tagen davor gewählt."),
        ("United were 14 points off just 12 matches ago.",
         "United lag vor zwölf Spielen 14 Punkte zurück."),
        ("2020 marks the centenary of the debut.", "2020 jährt sich das Debüt zum 100. Mal."),
        ("Officers have killed 21 people since March.", "Beamte haben seit März 21 Menschen getötet."),
        ("Tamil Nadu has reported 2,06737 cases.", "Tamil Nadu meldete 206.737 Fälle."),
        # a translator converting units
        ("The clarity of the lake was about 80 feet.", "Die Sichttiefe des Sees lag bei 24 Metern."),
        ("The clarity of the lake was 100 feet.", "Die Sichttiefe des Sees betrug 30 Meter."),
        ("It shoots an 8-foot Kevlar cord.", "Es schießt ein 2,40 m langes Kevlar-Kabel."),
        ("The fire grew from 5-10 acres to 250 acres.",
         "Das Feuer wuchs von 2 bis 4 Hektar auf 100 Hektar."),
        ("The fires have burned more than 30000 acres.", "Die Brände haben über 120 km2 erfasst."),
        ("Temperatures were above 90 degrees.", "Die Temperaturen lagen über 32 Grad Celsius."),
        # a conversion in brackets: the translation may keep either measure
        ("A structure 161 feet (49 meters) high.", "Ein 49 Meter hohes Bauwerk."),
        ("A structure 49 meters (161 feet) high.", "Ein 49 Meter hohes Bauwerk."),
    ],
)
def test_english_german_false_alarms_pass(source: str, target: str) -> None:
    assert check(source, target, "en", "de") == []


@pytest.mark.parametrize(
    ("source", "target", "messages"),
    [
        ("The elections will be held on August 9 and 10.",
         "Die Wahlen finden am 9. und 11. August statt.",
         ["number changed: source 10 (= 10 or 08-10) vs target 11. August (= 08-11)"]),
        # the month name inside the other date does not excuse a changed day
        ("It happened on August 10 in Berlin.", "Es geschah am 11. August in Berlin.",
         ["number changed: source August 10 (= 08-10) vs target 11. August (= 08-11)"]),
        ("Inter want his £101million release clause to be met.",
         "Inter fordert die Erfüllung der 101 £ Freigabeklausel.",
         ["number changed: source 101million (= 101000000) vs target 101"]),
        # a time left over next to a month name
        ("The March meeting starts at 10:30.", "Das Treffen im März beginnt um 11:45.",
         ["number changed: source 10:30 (= 10:30 or 22:30) vs target 11:45 (= 11:45 or 23:45)"]),
        # a conversion that is not one
        ("That means you can see that disc 80 feet down.",
         "Das bedeutet, dass man die Scheibe in 6 m Tiefe sehen kann.",
         ["number changed: source 80 vs target 6"]),
        ("It shoots an 8-foot Kevlar cord.", "Es schießt ein 3 m langes Kevlar-Kabel.",
         ["number changed: source 8 vs target 3"]),
        # both measures of a bracketed conversion dropped
        ("A structure 161 feet (49 meters) high.", "Ein hohes Bauwerk.",
         ["number missing in translation: source 161",
          "number missing in translation: source 49"]),
    ],
)
def test_english_german_changes_are_found(source: str, target: str,
                                          messages: list[str]) -> None:
    assert [f.message for f in check(source, target, "en", "de")] == messages
