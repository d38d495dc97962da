"""MT201 duplicated-phrase and MT202 broken-sentence-boundary on hand-built contexts.

Sentences are fixed by hand: one segment per line, a blank line between paragraphs.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint.model import Bead, Block, Document, Severity
from mtlint.rules.fluency import broken_sentence_boundary, duplicated_phrase
from mtlint.rules.registry import RULES, Issue, RuleContext
from tests.helpers import line_context as context, line_segments


def structured(parts: list[tuple[str, str]], lang: str = "en") -> RuleContext:
    """A document from (block kind, text) pairs; each line of a block is one segment."""
    text = "\n\n".join(body for _, body in parts)
    blocks, pos = [], 0
    for kind, body in parts:
        blocks.append(Block(kind, pos, pos + len(body)))
        pos += len(body) + 2
    doc = Document(text, text, tuple(range(len(text) + 1)), tuple(blocks), "txt", lang=lang)
    return RuleContext(None, doc, (), line_segments(doc), (), None, lang)


def spans(issues: list[Issue], ctx: RuleContext) -> list[str]:
    return [ctx.target.text[i.spans[0].start : i.spans[0].end] for i in issues]


def mt201(ctx: RuleContext) -> list[Issue]:
    return list(duplicated_phrase(ctx))


def mt202(ctx: RuleContext) -> list[Issue]:
    return list(broken_sentence_boundary(ctx))


def test_rules_are_registered_with_their_metadata() -> None:
    dup, cut = RULES["MT201"], RULES["MT202"]
    assert (dup.name, dup.category, dup.severity) == (
        "duplicated-phrase", "Fluency/Repetition", Severity.MAJOR
    )
    assert (cut.name, cut.category, cut.severity) == (
        "broken-sentence-boundary", "Fluency/Punctuation", Severity.MAJOR
    )
    assert not dup.needs_source and not cut.needs_source
    for r in (dup, cut):
        assert "What it does" in r.doc and "Why it matters" in r.doc and "Example" in r.doc


# --- MT201 duplicated-phrase ------------------------------------------------------------------

PHRASE_REPEATS = [
    ("en", "All schools have kept pupils at home since Friday on safety grounds and on safety "
           "grounds.\npublic safety.", "on safety grounds"),
    ("en", "The first calls for aid will be published in the coming weeks and in the coming weeks.",
     "in the coming weeks"),
    ("en", "The project in Hanoi in Hanoi was delayed by a year.", "in Hanoi"),
    ("en", "Rescue teams moved elderly people out of the flooded areas out of the flooded areas.",
     "out of the flooded areas"),
    ("vi", "Các lớp học sẽ mở lại trong những tuần tới và trong những tuần tới.",
     "trong những tuần tới"),
    ("fr", "Les écoles restent fermées pour des raisons de sécurité et pour des raisons de "
           "sécurité.", "pour des raisons de sécurité"),
    ("de", "Die ersten Aufrufe erscheinen in den kommenden Wochen und in den kommenden Wochen.",
     "in den kommenden Wochen"),
    ("es", "Las primeras convocatorias se publicarán en las próximas semanas y en las próximas "
           "semanas.", "en las próximas semanas"),
    ("ru", "Первые заявки будут опубликованы в ближайшие недели и в ближайшие недели.",
     "в ближайшие недели"),
    ("zh", "首批补助申请将在未来几周内在未来几周内公布。", "在未来几周内"),
    ("ja", "申請は今後数週間以内に今後数週間以内に受け付けます。", "今後数週間以内に"),
]


@pytest.mark.parametrize(("lang", "text", "phrase"), PHRASE_REPEATS)
def test_repeated_phrase_is_reported_on_its_second_copy(lang: str, text: str, phrase: str) -> None:
    ctx = context(text, lang)
    issues = mt201(ctx)
    assert spans(issues, ctx) == [phrase]
    assert issues[0].spans[0].start == text.index(phrase, text.index(phrase) + 1)
    assert "repeated" in issues[0].message


def test_overlapping_ngrams_merge_into_one_finding_for_the_maximal_phrase() -> None:
    ctx = context("Officials said the new bridge over the river and the new bridge over the river.")
    assert spans(mt201(ctx), ctx) == ["the new bridge over the river"]


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "He visited the the museum on Sunday.", "the"),
        ("en", "The minister said that the plan plan would be reviewed.", "plan"),
        ("fr", "Le pont a été été rouvert samedi.", "été"),
        ("de", "Der Zug fährt fährt morgen wieder.", "fährt"),
        ("es", "El plan plan fue aprobado el martes.", "plan"),
        ("vi", "Đây là dự án của của thành phố.", "của"),
    ],
)
def test_doubled_word_is_reported(lang: str, text: str, word: str) -> None:
    ctx = context(text, lang)
    issues = mt201(ctx)
    assert spans(issues, ctx) == [word]
    assert issues[0].spans[0].start == text.index(f"{word} {word}") + len(word) + 1


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "By then he had had enough of the delays."),
        ("en", "She said that that decision was final."),
        ("fr", "Nous nous sommes réunis lundi, et vous vous trompez."),
        ("de", "Die Frau, die die Katze sah, sagte, dass sie sie gesehen habe."),
        ("vi", "Người dân từ từ trở về những ngôi nhà xanh xanh, nhiều nhiều người đến xem."),
        ("zh", "他常常去公园，人们研究研究这个问题，我们一步一步地前进，哈哈哈哈哈哈哈哈。"),
        ("ja", "人々は常々そう言っていた。ありがとうありがとうと彼は言った。"),
        ("en", "Bora Bora and Walla Walla are popular with tourists."),
    ],
)
def test_grammatical_doubles_and_reduplication_stay_quiet(lang: str, text: str) -> None:
    assert mt201(context(text, lang)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose year after year, step by step, and more and more people moved away.",
        "Again and again, officials promised action; little by little, the water receded.",
        "Prime Minister Pham Minh Chinh met Prime Minister Anthony Albanese on Monday.",
        "The Ministry of Health and the Ministry of Education signed the agreement.",
        "The number of cases and the number of deaths both fell in March.",
        "New cases were reported in Hanoi, new cases in Da Nang and new cases in Hue.",
        "Each household will receive between 1.5 million dong and 2.5 million dong.",
        "Traffic will be restricted from 4 p.m. to 11 p.m. on Saturday.",
        "He wrote to the city council and the city council replied within a week.",
        "Public safety comes first, the minister said, because public safety is paramount.",
        "The plan was approved by the city council.\nThe city council will meet again in May.",
        "The rest will come from an online crowdfunding campaign.\n"
        "The crowdfunding campaign opens on the 20th of this month.",
        "The new rules would improve road safety.\n"
        "Critics doubt the rules will improve road safety.",
    ],
)
def test_parallel_structure_and_topic_chaining_stay_quiet(text: str) -> None:
    assert mt201(context(text)) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "De plus en plus de gens partent, petit à petit, jour après jour."),
        ("de", "Schritt für Schritt wurde es besser, nach und nach kam die Hilfe."),
        ("es", "Poco a poco, paso a paso, el Ministerio de Sanidad y el Ministerio de Educación "
               "firmaron."),
        ("ru", "Шаг за шагом ситуация улучшалась, снова и снова чиновники обещали помощь."),
        ("vi", "Người dân địa phương cho biết người dân rất lo lắng về lũ."),
    ],
)
def test_idioms_of_other_languages_stay_quiet(lang: str, text: str) -> None:
    assert mt201(context(text, lang)) == []


def test_list_items_are_not_compared_with_each_other() -> None:
    ctx = structured(
        [
            ("paragraph", "The priority pass is intended for the following groups:"),
            ("list_item", "Pupils and students enrolled at schools in the city;"),
            ("list_item", "Workers employed in industrial parks in the city;"),
            ("list_item", "Workers employed in industrial parks in the city;"),
        ]
    )
    assert mt201(ctx) == []


def test_copied_sentence_is_reported_on_the_second_copy() -> None:
    text = (
        "The maritime authorities suspended all ferry routes.\n"
        "All fishing boats at sea have returned to port for shelter.\n"
        "All fishing boats at sea have returned to port for shelter.\n"
        "More than 4,300 boats have entered port."
    )
    ctx = context(text)
    issues = mt201(ctx)
    assert spans(issues, ctx) == ["All fishing boats at sea have returned to port for shelter."]
    assert issues[0].spans[0].start == text.rindex("All fishing")
    assert issues[0].message.startswith("sentence repeated: 'All fishing boats")


def test_near_copy_in_the_next_paragraph_is_reported() -> None:
    text = (
        "Shelters across the city have stocked drinking water, food and medicine.\n\n"
        "Shelters across the city have stocked drinking water, food and medicines.\n"
        "They can hold about 80,000 people."
    )
    ctx = context(text)
    assert spans(mt201(ctx), ctx) == [
        "Shelters across the city have stocked drinking water, food and medicines."
    ]


def test_short_or_merely_similar_sentences_are_not_copies() -> None:
    text = (
        "He said no.\nHe said no.\n"
        "The first phase will cost 10 million euros.\nThe second phase will cost 12 million euros."
    )
    assert mt201(context(text)) == []


def test_headline_repeated_as_a_caption_is_left_to_mt301() -> None:
    text = (
        "How to register online for a priority monthly bus pass\n\n"
        "From 1 July, residents can register online.\n\n"
        "How to register online for a priority monthly bus pass – Image 2\n\n"
        "Valid applications are approved within three working days."
    )
    assert mt201(context(text)) == []


def test_residue_lines_are_left_to_mt301() -> None:
    text = "The bridge reopened on Saturday.\n\nSource: Xinhua\nSource: Xinhua"
    assert mt201(context(text)) == []


def test_original_that_repeats_the_phrase_silences_the_finding() -> None:
    target = "The crowd chanted public safety, public safety."
    assert spans(mt201(context(target)), context(target)) == ["public safety"]
    ctx = context(
        target, source="Đám đông hô vang an toàn công cộng, an toàn công cộng.", source_lang="vi"
    )
    assert mt201(ctx) == []


def test_original_that_does_not_repeat_keeps_the_finding() -> None:
    ctx = context(
        "The first calls for aid will be published in the coming weeks and in the coming weeks.",
        source="Las primeras convocatorias de ayudas se publicarán en las próximas semanas.",
        source_lang="es",
    )
    assert spans(mt201(ctx), ctx) == ["in the coming weeks"]


def test_names_repeated_in_the_original_silence_the_finding() -> None:
    target = "The award went to Nguyen Van An and then to Nguyen Van An."
    assert spans(mt201(context(target)), context(target)) == ["to Nguyen Van An"]
    ctx = context(
        target,
        source="Giải thưởng thuộc về Nguyễn Văn An và sau đó lại thuộc về Nguyễn Văn An.",
        source_lang="vi",
    )
    assert mt201(ctx) == []


def test_copied_sentence_that_the_original_also_copies_stays_quiet() -> None:
    target = "Stay indoors during the storm tonight.\nStay indoors during the storm tonight."
    source = "Hãy ở trong nhà khi bão đến tối nay.\nHãy ở trong nhà khi bão đến tối nay."
    assert len(mt201(context(target))) == 1
    assert mt201(context(target, source=source, source_lang="vi")) == []


def test_original_repeating_elsewhere_in_the_sentence_does_not_vouch() -> None:
    # The original repeats its subject at the start; the stutter is at the end of the English.
    target = ("Cats were watching other cats play all afternoon in the garden next door, in the "
              "garden next door.")
    ctx = context(target, source="Những con mèo đang xem những con mèo khác chơi đùa suốt cả "
                  "buổi chiều trong khu vườn nhà bên cạnh.", source_lang="vi")
    assert spans(mt201(ctx), ctx) == ["in the garden next door"]
    # Where the original repeats itself at the same place, it still vouches.
    echo = context("The crowd chanted for an hour: public safety, public safety.",
                   source="Đám đông hô vang suốt một giờ: an toàn công cộng, an toàn công cộng.",
                   source_lang="vi")
    assert mt201(echo) == []


@pytest.mark.parametrize(
    ("target", "source", "phrase"),
    [
        # "đằng đẵng" loses its accents to "dang dang", as "đang đang" would; it is no stutter.
        ("So after a four-year saga, a boat slipped out to sea disguised as a fishing vessel, "
         "as a fishing vessel.",
         "Thế là sau bốn năm đằng đẵng, một chiếc thuyền trườn ra biển nguỵ trang là thuyền "
         "đánh cá.",
         "as a fishing vessel"),
        # The original names YouTube twice, as the translation did before its stutter.
        ("I'm the trends manager at YouTube, and I professionally watch YouTube videos and "
         "professionally watch YouTube videos.",
         "Tôi là nhà quản lí xu hướng của Youtube, và tôi xem các video trên Youtube một cách "
         "chuyên nghiệp.",
         "professionally watch YouTube videos"),
    ],
)
def test_original_that_only_seems_to_repeat_itself_does_not_vouch(
    target: str, source: str, phrase: str
) -> None:
    ctx = context(target, source=source, source_lang="vi")
    assert spans(mt201(ctx), ctx) == [phrase]


def test_copied_sentence_that_translates_one_original_sentence_is_reported() -> None:
    target = (
        "All fishing boats at sea have returned to port.\n"
        "All fishing boats at sea have returned to port."
    )
    ctx = context(
        target,
        source="海上所有渔船已回港避风。",
        source_lang="zh",
        beads=(Bead((0,), (0, 1), 0.0),),
    )
    assert len(mt201(ctx)) == 1


# --- MT202 broken-sentence-boundary -----------------------------------------------------------


def test_lower_case_segment_after_a_full_stop_is_cut_in_two() -> None:
    text = "The flooding was worst mostly in the north.\nat the district level."
    ctx = context(text)
    issues = mt202(ctx)
    assert spans(issues, ctx) == ["at the district level."]
    assert issues[0].message == "sentence cut in two: '…in the north.' | 'at the district level.'"


def test_long_fragment_is_quoted_by_its_opening_words() -> None:
    text = (
        "About 2,400 hectares of rice were under water, mostly in the north of the province.\n"
        "according to figures compiled at the district level."
    )
    issues = mt202(context(text))
    assert issues[0].message == (
        "sentence cut in two: '…of the province.' | 'according to figures compiled at the…'"
    )


def test_stray_full_stop_inside_a_sentence_is_reported() -> None:
    text = "The regional committee. approved the plan on Monday."
    ctx = context(text)
    assert spans(mt202(ctx), ctx) == ["approved the plan on Monday."]


@pytest.mark.parametrize(
    ("lang", "text", "fragment"),
    [
        ("vi", "Khoảng 2.400 ha lúa bị ngập, chủ yếu ở phía bắc tỉnh.\n"
               "theo số liệu được tổng hợp ở cấp huyện.",
         "theo số liệu được tổng hợp ở cấp huyện."),
        ("fr", "Le pont a rouvert à la circulation samedi matin.\naprès deux ans de travaux.",
         "après deux ans de travaux."),
        ("de", "Die Strecke bleibt den ganzen Sommer gesperrt.\n"
               "wegen der Bauarbeiten an den Gleisen.", "wegen der Bauarbeiten an den Gleisen."),
        ("es", "Los ecologistas creen que la modernización no servirá de nada.\n"
               "si el agua ahorrada se usa para ampliar el regadío.",
         "si el agua ahorrada se usa para ampliar el regadío."),
        ("ru", "Ремонт продлится до осени.\nпо данным мэрии города.", "по данным мэрии города."),
    ],
)
def test_cut_sentences_in_other_languages(lang: str, text: str, fragment: str) -> None:
    ctx = context(text, lang)
    assert spans(mt202(ctx), ctx) == [fragment]


@pytest.mark.parametrize(
    "text",
    [
        "Bring simple tools, e.g. hammers and saws.",
        "Bring simple tools, i.e. the ones you already own.",
        "Hammers, saws, etc. are provided on site.",
        "Apple Inc. said on Monday that sales rose.",
        "The U.S. government disagreed, officials said at 9 a.m. local time.",
        "Prices rose approx. five percent in May.",
        "The company unveiled the new model.\niPhone sales rose 5% in the quarter.",
        "Sellers moved online.\neBay and iOS apps led the way.\nmRNA vaccines were discussed.",
        "The plan was approved in March.\n2024 will be a turning point.",
        "He said he was ready.\n\"we will win,\" he added.",
        "The results were published.\n(see the table below).",
        "\"We are ready.\" he said before the match.",
        "“We are ready.” he said before the match.",
        "Prices fell... but only briefly.",
        "Visit vnexpress.net. vnexpress.net is the source.",
    ],
)
def test_abbreviations_names_and_quotes_are_not_cuts(text: str) -> None:
    assert mt202(context(text)) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Die Strecke ist ca. drei Kilometer lang, z. B. zwischen Hildesheim und Goslar."),
        ("de", "Die Sperrung gilt vom 3. bis 4. oktober."),
        ("fr", "Il faut des outils, p. ex. des marteaux."),
        ("ru", "Ремонт стоит 3 млн. руб. по оценке мэрии, т. е. немного."),
        ("vi", "Người dân mang theo gạo, nước, v.v. để dự trữ."),
        ("zh", "会议已经结束.\nthen everyone went home."),
        ("ja", "会議が終わった.\nthen everyone went home."),
    ],
)
def test_other_languages_abbreviations_and_caseless_scripts_are_not_cuts(
    lang: str, text: str
) -> None:
    assert mt202(context(text, lang)) == []


def test_text_written_all_in_lower_case_offers_no_case_evidence() -> None:
    text = "\n".join(
        [
            "the bridge reopened on saturday.",
            "several hundred people attended.",
            "the mayor cut the ribbon.",
            "buses return on monday.",
            "a party is planned in april.",
            "shops expect customers to return.",
        ]
    )
    assert mt202(context(text)) == []


def test_list_items_are_not_checked() -> None:
    ctx = structured(
        [
            ("paragraph", "Documents you need:"),
            ("list_item", "A student card.\nor a confirmation letter from your employer."),
        ]
    )
    assert mt202(ctx) == []


def test_original_sentence_split_into_a_fragment_is_reported() -> None:
    ctx = context(
        "The flooding was mostly in the north of the province.\nAt the district level.",
        source="Lũ chủ yếu ở phía bắc tỉnh, ở cấp huyện.",
        source_lang="vi",
        beads=(Bead((0,), (0, 1), 0.0),),
    )
    issues = mt202(ctx)
    assert spans(issues, ctx) == ["At the district level."]
    assert issues[0].message == (
        "sentence cut in two: '…of the province.' | 'At the district level.'"
    )


def test_original_sentence_split_across_paragraphs_with_lower_case_tail_is_reported() -> None:
    ctx = context(
        "Rice fields were flooded, mostly in the north.\n\naccording to district figures.",
        source="Lúa bị ngập, chủ yếu ở phía bắc, theo số liệu của huyện.",
        source_lang="vi",
        beads=(Bead((0,), (0, 1), 0.0),),
    )
    assert spans(mt202(ctx), ctx) == ["according to district figures."]


@pytest.mark.parametrize(
    "tail",
    [
        "Several hundred people attended the ceremony.",
        "At least 10 died.",
        "And it worked.",
        "In 2020, it grew.",
    ],
)
def test_ordinary_split_of_a_long_original_sentence_stays_quiet(tail: str) -> None:
    ctx = context(
        f"The bridge reopened on Saturday.\n{tail}",
        source="Cây cầu mở cửa trở lại hôm thứ Bảy, với sự tham dự của hàng trăm người.",
        source_lang="vi",
        beads=(Bead((0,), (0, 1), 0.0),),
    )
    assert mt202(ctx) == []


PIECES = st.sampled_from(
    ["the ", "The ", "and ", "safety ", "grounds ", "in the north", ". ", ".\n", "\n\n", "e.g. ",
     "iPhone ", "\"", "常常", "在未来几周内", "1.5 ", "x", " "]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.sampled_from(["en", "vi", "zh", "de", "ko"]))
def test_findings_point_at_text_of_the_translation(text: str, lang: str) -> None:
    ctx = context(text, lang)
    for issue in [*mt201(ctx), *mt202(ctx)]:
        (span,) = issue.spans
        assert span.side == "target" and 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("You will not hear somebody talking about their own mistakes, own mistakes.",
         ["own mistakes"]),
        ("They tell me their symptoms in the same way each time, each time.", ["each time"]),
        ("Thank you, thank you.", []),  # the whole sentence: said twice on purpose
        ("It connected those two people, two people who had never met.", []),  # goes on
    ],
)
def test_two_words_said_again_after_a_comma_to_close_a_sentence(
    text: str, found: list[str]
) -> None:
    assert spans(mt201(context(text)), context(text)) == found


def test_where_the_original_repeats_itself_is_kept_as_disjoint_stretches() -> None:
    from mtlint.rules.fluency import _source_profile

    # A word said over and over is one stretch, not one per pair of words.
    counts, starts, ends = _source_profile("word " * 1000, "en")
    assert counts["word"] == 1000
    assert len(starts) == len(ends) == 1 and starts[0] == 0.0 and ends[0] > 0.99
    # Two separate stutters stay two stretches, in order.
    text = "Mưa to mưa to suốt đêm qua khiến nhiều tuyến đường ngập sâu, ngập sâu."
    _, starts, ends = _source_profile(text, "vi")
    assert len(starts) == 2 and all(a < b for a, b in zip(starts, ends)) and ends[0] < starts[1]


def test_original_repeating_a_word_that_folds_onto_a_function_word_vouches() -> None:
    # "sâu" (deep) loses its accent to "sau", the function word "after"; it is a content word.
    target = "The rain fell all night and many roads were flooded deep, flooded deep."
    assert spans(mt201(context(target)), context(target)) == ["flooded deep"]
    ctx = context(target, source="Mưa suốt đêm qua khiến nhiều tuyến đường ngập sâu, ngập sâu.",
                  source_lang="vi")
    assert mt201(ctx) == []


@pytest.mark.parametrize(
    "text",
    [
        'I said, "No, I don\'t feel right about that.\nY\'all go ahead.\nY\'all go ahead."',
        # a stray closing quote before the quotation must not hide that the refrain closes it
        '" I said, "No, I don\'t feel right about that.\nY\'all go ahead.\nY\'all go ahead."',
    ],
)
def test_sentence_said_twice_to_close_a_quotation_is_the_speakers(text: str) -> None:
    assert mt201(context(text)) == []
    unquoted = text.replace('"', "")
    assert spans(mt201(context(unquoted)), context(unquoted)) == ["Y'all go ahead"]
