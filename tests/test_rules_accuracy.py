"""Accuracy rules MT101-MT104 and MT106 on hand-built document pairs (one sentence per line)."""

from __future__ import annotations

import pytest

from mtlint.model import Bead, Finding, Severity
from mtlint.rules.registry import RULES, RuleContext
from tests.helpers import line_segments, one_to_one, plain_document


def context(
    source: str | None,
    target: str,
    source_lang: str | None,
    target_lang: str,
    beads: tuple[Bead, ...] | None = None,
    *,
    detected_source: str | None = None,
    detected_target: str | None = None,
    expected_source_lang: str | None = None,
    expected_target_lang: str | None = None,
) -> RuleContext:
    """A pair with one segment per line and 1-1 beads unless given; each document's detected
    language is its effective one unless given."""
    tgt = plain_document(target, detected_target or target_lang)
    src = plain_document(source, detected_source or source_lang) if source is not None else None
    src_segs = line_segments(src) if src else ()
    tgt_segs = line_segments(tgt)
    if beads is None:
        beads = one_to_one(len(tgt_segs)) if src else ()
    return RuleContext(
        source=src,
        target=tgt,
        source_segments=src_segs,
        target_segments=tgt_segs,
        beads=beads,
        source_lang=source_lang,
        target_lang=target_lang,
        expected_source_lang=expected_source_lang,
        expected_target_lang=expected_target_lang,
    )


def run(code: str, ctx: RuleContext) -> list[Finding]:
    return RULES[code].run(ctx)


def flagged(code: str, ctx: RuleContext) -> list[str]:
    """Text of every finding's first target span (first source span for source-only ones)."""
    texts = []
    for finding in run(code, ctx):
        span = finding.spans[0]
        doc = ctx.target if span.side == "target" else ctx.source
        assert doc is not None
        texts.append(doc.text[span.start : span.end])
    return texts


# --- MT102 stray-source-token: positives ---------------------------------------------------


def test_bracketed_vietnamese_conjunction() -> None:
    ctx = context(
        "Lực lượng cứu hộ của tỉnh và thành phố đã được huy động suốt đêm.",
        "Rescue teams from the province [và] the city were mobilised overnight.",
        "vi", "en",
    )
    [finding] = run("MT102", ctx)
    span = finding.spans[0]
    assert (span.side, ctx.target.text[span.start : span.end]) == ("target", "và")
    assert "Vietnamese" in finding.message
    assert "in the original" in finding.message and "in brackets" in finding.message
    assert finding.severity is Severity.MAJOR


def test_vietnamese_word_with_foreign_letters() -> None:
    ctx = context(
        "Chính quyền huyện Sơn Tịnh cho biết nhiều tuyến đường bị chia cắt.",
        "The huyện authorities in Son Tinh said many roads had been cut off.",
        "vi", "en",
    )
    [finding] = run("MT102", ctx)
    assert "'huyện'" in finding.message and "ệ" in finding.message


@pytest.mark.parametrize(
    ("lang", "source", "target", "stray"),
    [
        ("zh", "政府宣布了新的防台风措施。", "On Monday the 政府 announced new measures for the coast.", "政府"),
        ("ru", "В понедельник мэрия объявила о начале сезона.",
         "On Monday, the мэрия announced the start of the season.", "мэрия"),
        ("de", "Gleise, Weichen und Bahnübergänge werden erneuert.",
         "Tracks, points und level crossings are to be renewed.", "und"),
        ("de", "Die Arbeiten waren bereits für letztes Jahr geplant.",
         "The work was originally planned bereits for last year.", "bereits"),
        ("fr", "Le ministre des transports et le maire ont inauguré le pont.",
         "The minister for transport et the mayor opened the bridge.", "et"),
    ],
)
def test_stray_words_of_several_languages(lang: str, source: str, target: str, stray: str) -> None:
    assert flagged("MT102", context(source, target, lang, "en")) == [stray]


def test_adjacent_stray_words_make_one_finding() -> None:
    ctx = context(
        "Городская мэрия объявила о ремонте.",
        "The городская мэрия announced the repairs on Monday.",
        "ru", "en",
    )
    assert flagged("MT102", ctx) == ["городская мэрия"]


def test_without_original_only_decisive_frequencies_count() -> None:
    # "bereits" is nearly unseen in English and common in German; "und" is known to English
    # corpora (titles, quotes), so without the original to confirm it stays unflagged.
    target = "The work was planned bereits for last year.\nTracks, points und crossings are new."
    assert flagged("MT102", context(None, target, "de", "en")) == ["bereits"]


def test_without_any_source_language_vietnamese_letters_still_tell() -> None:
    ctx = context(None, "The huyện authorities said many roads had been cut off.", None, "en")
    [finding] = run("MT102", ctx)
    assert "Vietnamese" in finding.message


def test_latin_leak_word_in_a_russian_translation() -> None:
    ctx = context(
        "The city and the region share the costs.",
        "Город and область разделят расходы.",
        "en", "ru",
    )
    assert flagged("MT102", ctx) == ["and"]


# --- MT102: false-positive guards ----------------------------------------------------------


def test_names_kept_from_the_original_are_not_stray() -> None:
    ctx = context(
        "Ông Nguyễn Văn An sống ở Hà Nội và Đà Nẵng.",
        "Nguyễn Văn An, who lives in Hà Nội và Đà Nẵng, agreed.",
        "vi", "en",
    )
    assert flagged("MT102", ctx) == []


def test_lowercase_words_of_a_name_spelled_as_in_the_original() -> None:
    ctx = context(
        "Pour le groupe Valmont en commun, la hausse frappe d'abord les ménages.",
        "For the Valmont en commun group, the increase hits households first.",
        "fr", "en",
    )
    assert flagged("MT102", ctx) == []


def test_acronyms_are_not_stray() -> None:
    ctx = context(
        "UBND tỉnh đã trích 2,5 tỷ đồng từ ngân sách.",
        "The provincial UBND allocated 2.5 billion dong from its budget.",
        "vi", "en",
    )
    assert flagged("MT102", ctx) == []


@pytest.mark.parametrize(
    ("lang", "source", "target"),
    [
        ("vi", "Tôi ăn phở bò và bánh mì, rồi mặc áo dài.",
         "She ate pho bo and banh mi, then put on an ao dai."),
        ("vi", "Tôi ăn phở bò và bánh mì, rồi mặc áo dài.",
         "She ate phở bò and bánh mì, then put on an áo dài."),
        ("de", "Der Kindergarten öffnet wieder.", "The kindergarten reopens next week."),
        ("fr", "Il a mangé un croissant au café.", "He ate a croissant at the café."),
    ],
)
def test_loanwords_are_not_stray(lang: str, source: str, target: str) -> None:
    ctx = context(source, target, lang, "en")
    assert flagged("MT102", ctx) == []
    assert flagged("MT101", ctx) == []


@pytest.mark.parametrize(
    ("lang", "source", "target"),
    [
        # English words that are also frequent source words, present in the original.
        ("de", "Die Pflanzen sterben, wenn die Hitze anhält.", "The plants die if it stays hot."),
        ("fr", "Versez le lait pour la sauce.", "Pour the milk into the sauce."),
        ("es", "El plan con riego moderno fue aprobado.", "The plan was no con: it was approved."),
    ],
)
def test_common_target_words_are_not_stray(lang: str, source: str, target: str) -> None:
    assert flagged("MT102", context(source, target, lang, "en")) == []


def test_numbers_urls_and_addresses_are_not_stray() -> None:
    ctx = context(
        "Xem https://vnexpress.net/quang-ngai-so-tan-hon-1-300 hoặc gửi thư tới ban@tinh.gov.vn.",
        "See https://vnexpress.net/quang-ngai-so-tan-hon-1-300 or write to ban@tinh.gov.vn.",
        "vi", "en",
    )
    assert flagged("MT102", ctx) == []


def test_cited_words_are_not_stray() -> None:
    ctx = context(
        "Mỗi huyện có một ủy ban.\nChính quyền huyện đã họp.",
        "Each district (huyện) has a committee.\nThe so-called “huyện” authorities met.",
        "vi", "en",
    )
    assert flagged("MT102", ctx) == []


def test_fixed_phrases_are_not_stray() -> None:
    ctx = context(
        "Smith et ses collègues ont déjà proposé une sensation de déjà vu.",
        "Smith et al. proposed it, with a sense of déjà vu.",
        "fr", "en",
    )
    assert flagged("MT102", ctx) == []


def test_untranslated_sentence_is_not_also_searched_for_stray_words() -> None:
    ctx = context(
        "Работы на улице Свободы планируется завершить до конца июня.",
        "Работы на улице Свободы планируется завершить до конца июня.",
        "ru", "en",
    )
    assert flagged("MT101", ctx) != []
    assert flagged("MT102", ctx) == []


# --- MT101 untranslated-sentence -----------------------------------------------------------


def test_sentence_identical_to_its_original() -> None:
    source = "Der Zug fährt ab.\nFahrräder können in den Ersatzbussen nicht mitgenommen werden."
    target = "The train leaves.\nFahrräder können in den Ersatzbussen nicht mitgenommen werden."
    ctx = context(source, target, "de", "en")
    [finding] = run("MT101", ctx)
    assert [ctx.target.text[s.start : s.end] for s in finding.spans if s.side == "target"] == [
        "Fahrräder können in den Ersatzbussen nicht mitgenommen werden."
    ]
    assert any(s.side == "source" for s in finding.spans)
    assert "identical" in finding.message


def test_sentence_in_the_source_language_without_the_original() -> None:
    target = (
        "The routes of trolleybuses No. 1 and No. 9 will change.\n"
        "Работы на улице Свободы планируется завершить до конца июня."
    )
    [finding] = run("MT101", context(None, target, "ru", "en"))
    assert "Russian" in finding.message


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("vi", "Mưa lớn kéo dài từ đêm thứ Năm đã khiến nước sông dâng cao."),
        ("fr", "Le conseil a voté une hausse des tarifs de transport public."),
        ("es", "Los agricultores podrán presentar sus solicitudes a partir de mayo."),
    ],
)
def test_source_language_sentences_of_several_languages(lang: str, sentence: str) -> None:
    target = f"The council met on Thursday evening.\n{sentence}"
    assert flagged("MT101", context(None, target, lang, "en")) == [sentence]


def test_sentence_in_another_language_without_any_source_language() -> None:
    target = (
        "The buses stop at all stations but take longer.\n"
        "Die Fahrgäste müssen in den Ersatzbussen mit deutlich längeren Fahrzeiten rechnen."
    )
    ctx = context(None, target, None, "en")
    assert flagged("MT101", ctx) == [
        "Die Fahrgäste müssen in den Ersatzbussen mit deutlich längeren Fahrzeiten rechnen."
    ]
    assert "German" in run("MT101", ctx)[0].message


def test_quotations_are_judged_by_their_framing() -> None:
    kept = 'The slogan read "Wir schaffen das und zwar gemeinsam mit allen" on every poster.'
    whole = "«Мы понимаем, что ремонт доставляет жителям неудобства, — заявил заместитель мэра»."
    assert flagged("MT101", context(None, f"The council met.\n{kept}", "de", "en")) == []
    assert flagged("MT101", context(None, f"The council met.\n{whole}", "ru", "en")) == [whole]


def test_names_and_numbers_kept_verbatim_are_not_untranslated() -> None:
    source = "Nguyễn Văn An\nHà Nội, 15/3/2024\nDeutsche Bahn AG, Hildesheim–Goslar"
    ctx = context(source, source, "vi", "en")
    assert flagged("MT101", ctx) == []


def test_a_faithful_translation_is_quiet() -> None:
    ctx = context(
        "Mưa lớn kéo dài từ đêm thứ Năm đã khiến nước sông Trà Khúc dâng cao.\n"
        "Hơn 600 cán bộ và 45 xuồng máy đã tham gia công tác sơ tán.",
        "Heavy rain since Thursday night has swollen the Tra Khuc river.\n"
        "More than 600 officers and 45 motorboats took part in the evacuation.",
        "vi", "en",
    )
    assert flagged("MT101", ctx) == []
    assert flagged("MT102", ctx) == []


def test_consecutive_untranslated_sentences_make_one_finding() -> None:
    source = (
        "Der Zug fährt ab.\n"
        "Die Bauarbeiten beginnen im Juni sehr früh am Morgen.\n"
        "Sie dauern bis in den späten September."
    )
    target = source.replace("Der Zug fährt ab.", "The train leaves.")
    [finding] = run("MT101", context(source, target, "de", "en"))
    assert len([s for s in finding.spans if s.side == "target"]) == 2
    assert finding.message.startswith("2 sentences")


# --- MT103 omitted-sentence ----------------------------------------------------------------

SOURCE_3 = (
    "Der Bahnhof wird im Juni vollständig gesperrt.\n"
    "Zudem seien viele Bauteile über 40 Jahre alt und müssten ersetzt werden.\n"
    "Die Fahrgäste müssen mit längeren Fahrzeiten rechnen."
)
TARGET_2 = (
    "The station will be closed completely in June.\n"
    "Passengers must expect longer journey times."
)


def beads_with_gap(confidence: float, neighbours: float = 0.9) -> tuple[Bead, ...]:
    return (
        Bead((0,), (0,), 0.0, neighbours),
        Bead((1,), (), 3.0, confidence),
        Bead((2,), (1,), 0.0, neighbours),
    )


def test_confident_omission_is_reported_on_the_source_side() -> None:
    ctx = context(SOURCE_3, TARGET_2, "de", "en", beads_with_gap(0.6))
    [finding] = run("MT103", ctx)
    assert [s.side for s in finding.spans] == ["source"]
    assert flagged("MT103", ctx) == [
        "Zudem seien viele Bauteile über 40 Jahre alt und müssten ersetzt werden."
    ]
    assert finding.severity is Severity.MAJOR
    assert finding.message.startswith("1 source sentence has no counterpart")


def test_unsure_omission_is_not_reported() -> None:
    assert flagged("MT103", context(SOURCE_3, TARGET_2, "de", "en", beads_with_gap(0.1))) == []


def test_omission_amid_an_unsure_alignment_is_not_reported() -> None:
    ctx = context(SOURCE_3, TARGET_2, "de", "en", beads_with_gap(0.6, neighbours=0.3))
    assert flagged("MT103", ctx) == []


def test_gap_the_path_hides_in_a_merge_is_reported_where_the_posterior_puts_it() -> None:
    """The path merges the dropped sentence into its neighbour's bead; the aligner's belief
    that it is unmatched (`Bead.unmatched`) still finds it."""
    beads = (
        Bead((0,), (0,), 0.0, 0.9, (0.0, 0.0)),
        Bead((1, 2), (1,), 2.0, 0.4, (0.55, 0.1, 0.0)),
    )
    ctx = context(SOURCE_3, TARGET_2, "de", "en", beads)
    assert flagged("MT103", ctx) == [
        "Zudem seien viele Bauteile über 40 Jahre alt und müssten ersetzt werden."
    ]


def test_belief_below_the_mass_is_a_minor_gap_at_its_likeliest_sentence() -> None:
    thin = (
        Bead((0,), (0,), 0.0, 0.9, (0.0, 0.0)),
        Bead((1, 2), (1,), 2.0, 0.4, (0.3, 0.0, 0.0)),
    )
    ctx = context(SOURCE_3, TARGET_2, "de", "en", thin)
    [finding] = RULES["MT103"].run(ctx)
    assert finding.severity is Severity.MINOR
    assert "Zudem seien viele Bauteile" in finding.message
    assert "likely: the lengths of its bead agree better without it" in finding.message


def test_belief_facing_a_gap_on_the_other_side_is_quiet() -> None:
    facing = (
        Bead((0,), (0,), 0.0, 0.9, (0.0, 0.0)),
        Bead((1, 2), (1,), 2.0, 0.4, (0.55, 0.1, 0.4)),
    )
    assert flagged("MT103", context(SOURCE_3, TARGET_2, "de", "en", facing)) == []


def test_omitted_paragraph_is_critical() -> None:
    source = (
        "Der Bahnhof wird im Juni gesperrt.\n\n"
        "Zudem seien viele Bauteile alt.\nSie müssten dringend ersetzt werden.\n\n"
        "Die Fahrgäste müssen mit längeren Fahrzeiten rechnen."
    )
    target = "The station will be closed in June.\n\nPassengers must expect longer journeys."
    beads = (
        Bead((0,), (0,), 0.0, 0.9),
        Bead((1,), (), 3.0, 0.7),
        Bead((2,), (), 3.0, 0.7),
        Bead((3,), (1,), 0.0, 0.9),
    )
    [finding] = run("MT103", context(source, target, "de", "en", beads))
    assert finding.severity is Severity.CRITICAL
    assert len(finding.spans) == 2
    assert finding.message.startswith("2 source sentences have no counterpart")


def test_omitted_short_heading_is_minor() -> None:
    source = "Der Bahnhof wird im Juni gesperrt.\nFahrpläne\nDie Fahrgäste müssen warten."
    target = "The station will be closed in June.\nPassengers will have to wait."
    [finding] = run("MT103", context(source, target, "de", "en", beads_with_gap(0.7)))
    assert finding.severity is Severity.MINOR


def test_residue_lines_do_not_hide_an_omission(monkeypatch: pytest.MonkeyPatch) -> None:
    import mtlint.rules.residue as residue

    monkeypatch.setattr(residue, "is_residue", lambda text, lang: text == "Scroll to top")
    source, target = SOURCE_3, TARGET_2 + "\nScroll to top"
    beads = (
        Bead((0,), (0,), 0.0, 0.9),
        Bead((1,), (1,), 0.0, 0.9),
        Bead((2,), (), 3.0, 0.6),
        Bead((), (2,), 3.0, 0.5),
    )
    ctx = context(source, target, "de", "en", beads)
    assert flagged("MT103", ctx) == ["Die Fahrgäste müssen mit längeren Fahrzeiten rechnen."]
    assert flagged("MT104", ctx) == []


def test_unmatched_pair_side_by_side_is_neither_omission_nor_addition() -> None:
    source = "Der Bahnhof wird gesperrt.\nCuối cùng thanh toán.\nDie Fahrgäste warten."
    target = "The station is closed.\nFinally, pay by e-wallet or bank card.\nPassengers wait."
    beads = (
        Bead((0,), (0,), 0.0, 0.9),
        Bead((), (1,), 3.0, 0.6),
        Bead((1,), (), 3.0, 0.6),
        Bead((2,), (2,), 0.0, 0.9),
    )
    ctx = context(source, target, "de", "en", beads)
    assert flagged("MT103", ctx) == []
    assert flagged("MT104", ctx) == []


# --- MT104 added-sentence ------------------------------------------------------------------

SOURCE_2 = "Der Plan kostet 1,3 Milliarden Euro.\nDie Bauern können ab Mai Anträge stellen."


def added(sentence: str, confidence: float = 0.8) -> RuleContext:
    target = f"The plan costs 1.3 billion euros.\n{sentence}\nFarmers can apply from May."
    beads = (
        Bead((0,), (0,), 0.0, 0.9),
        Bead((), (1,), 3.0, confidence),
        Bead((1,), (2,), 0.0, 0.9),
    )
    return context(SOURCE_2, target, "de", "en", beads)


def test_invented_sentence_is_reported() -> None:
    sentence = "The plan is considered one of the most ambitious of its kind in Spain."
    [finding] = run("MT104", added(sentence))
    assert flagged("MT104", added(sentence)) == [sentence]
    assert finding.severity is Severity.MAJOR


def test_unsure_addition_is_not_reported() -> None:
    assert flagged("MT104", added("The plan is one of the most ambitious.", 0.05)) == []


def test_residue_is_left_to_the_residue_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    import mtlint.rules.residue as residue

    monkeypatch.setattr(residue, "is_residue", lambda text, lang: text.startswith("Follow us"))
    assert flagged("MT104", added("Follow us on our social media channels every day.")) == []
    assert flagged("MT104", added("Farmers welcomed the plan at the meeting.")) == [
        "Farmers welcomed the plan at the meeting."
    ]


def test_fragments_and_repeats_are_left_to_the_fluency_rules() -> None:
    assert flagged("MT104", added("if the water saved is used to expand the area.")) == []
    assert flagged("MT104", added("The plan costs 1.3 billion euros.")) == []


# --- MT106 wrong-language ------------------------------------------------------------------

GERMAN = (
    "Die Bauarbeiten an der Strecke beginnen im Juni.\n"
    "Die Fahrgäste müssen mit deutlich längeren Fahrzeiten rechnen."
)
ENGLISH = (
    "Construction work on the line begins in June.\n"
    "Passengers must expect considerably longer journey times."
)


def test_target_in_the_wrong_language() -> None:
    ctx = context(None, GERMAN, None, "en", detected_target="de", expected_target_lang="en")
    [finding] = run("MT106", ctx)
    assert finding.severity is Severity.CRITICAL
    assert "German" in finding.message and "English" in finding.message
    assert flagged("MT106", ctx) == ["Die Bauarbeiten an der Strecke beginnen im Juni."]


def test_target_in_the_source_language() -> None:
    ctx = context(GERMAN, GERMAN, "de", "de")
    [finding] = run("MT106", ctx)
    assert "same language as the original" in finding.message


def test_source_in_the_wrong_language() -> None:
    ctx = context(
        ENGLISH, GERMAN, "fr", "de", detected_source="en", expected_source_lang="fr"
    )
    [finding] = run("MT106", ctx)
    assert [s.side for s in finding.spans] == ["source"]
    assert "English" in finding.message and "French" in finding.message


def test_right_languages_and_short_documents_are_quiet() -> None:
    assert run("MT106", context(GERMAN, ENGLISH, "de", "en", expected_target_lang="en")) == []
    short = context(
        None, "Hallo Welt.", None, "en", detected_target="de", expected_target_lang="en"
    )
    assert run("MT106", short) == []
