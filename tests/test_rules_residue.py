"""MT301 scraping-residue and the `is_residue` helper on hand-built contexts.

Sentences are fixed by hand: one segment per line, a blank line between paragraphs.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint.model import Bead, Block, Document, Segment, Severity
from mtlint.rules.registry import RULES, Issue, RuleContext
from mtlint.rules.residue import is_residue, scraping_residue
from tests.helpers import line_context as context, line_segments, one_to_one, plain_document

BODY = (
    "Heavy rain has swollen the rivers, causing widespread flooding in the province.\n"
    "By Saturday noon, the authorities had moved more than 1,300 households to safety.\n\n"
    "Rescue teams were mobilised overnight to move elderly people out of flooded areas.\n"
    "More than 600 soldiers and police officers took part in the evacuation.\n\n"
    "The section of the highway through the district was under water.\n"
    "Traffic police set up checkpoints and directed people to detours."
)


def mt301(ctx: RuleContext) -> list[Issue]:
    return list(scraping_residue(ctx))


def spans(issues: list[Issue], ctx: RuleContext) -> list[str]:
    return [ctx.target.text[i.spans[0].start : i.spans[0].end] for i in issues]


def test_rule_is_registered_with_its_metadata() -> None:
    r = RULES["MT301"]
    assert (r.name, r.category, r.severity, r.needs_source) == (
        "scraping-residue", "Design/Residue", Severity.MAJOR, False
    )
    assert "What it does" in r.doc and "Why it matters" in r.doc and "Example" in r.doc


# --- is_residue: the phrase library, anchored ------------------------------------------------

RESIDUE_LINES = [
    ("en", "This story first appeared on VnExpress."),
    ("en", "The post Floods hit Quang Ngai appeared first on example.com."),
    ("en", "Originally published on The Conversation."),
    ("en", "Source: https://vnexpress.net/quang-ngai-so-tan-4791526.html"),
    ("en", "Source: Xinhua"),
    ("en", "Read more: Hanoi opens its second metro line"),
    ("en", "Read the full story here"),
    ("en", "See the full story here"),
    ("en", "Share this: Facebook Twitter"),
    ("en", "Share on Facebook"),
    ("en", "Follow us on Telegram"),
    ("en", "Subscribe to our daily briefing"),
    ("en", "Sign up for our newsletter to get the latest news."),
    ("en", "Scroll to top"),
    ("en", "Back to top"),
    ("en", "Load more"),
    ("en", "Print"),
    ("en", "12 Comments"),
    ("en", "Related articles"),
    ("en", "Related posts"),
    ("en", "Advertisement"),
    ("en", "Click here to read more."),
    ("en", "© 2024 VnExpress. All rights reserved."),
    ("en", "© AFP"),
    ("en", "Copyright 2024 Le Courrier"),
    ("en", "(Photo: Xinhua)"),
    ("en", "Photo: Reuters"),
    ("en", "Image 2"),
    ("en", "By Nguyen Van An"),
    ("en", "https://example.com/news/floods"),
    ("en", "Tags: floods, Quang Ngai, evacuation"),
    ("en", "Facebook Twitter LinkedIn"),
    ("vi", "Nguồn: VnExpress"),
    ("vi", "Theo VnExpress"),
    ("vi", "Theo Dân trí"),
    ("vi", "Ảnh: Giang Huy"),
    ("vi", "Xem thêm: Quảng Ngãi sơ tán hơn 1.300 hộ dân"),
    ("vi", "Thời sự"),
    ("fr", "Source : AFP"),
    ("fr", "Lire aussi : le pont rouvre"),
    ("fr", "Cet article est paru d'abord sur Le Courrier."),
    ("fr", "Par Claire Morvan"),
    ("fr", "Par Jean-Luc Berthier et Sandrine Lefèvre"),
    ("de", "Quelle: dpa"),
    ("de", "Lesen Sie auch: Bahn sperrt Strecke"),
    ("es", "Fuente: EFE"),
    ("es", "Leer más"),
    ("ru", "Источник: ТАСС"),
    ("ru", "Читайте также: ремонт дорог"),
    ("ru", "Поделиться: Facebook Twitter"),
    ("en", "Share: WhatsApp | Facebook | X"),
    ("pt", "Compartilhe: WhatsApp, Facebook"),
    ("fr", "Partager : Facebook · X · LinkedIn"),
    ("es", "Compartir: Facebook / Twitter"),
    ("de", "Teilen: Facebook WhatsApp"),
    ("vi", "Chia sẻ: Facebook Zalo"),
    ("en", "(©Reuters)"),
    ("zh", "来源：新华社"),
    ("zh", "责任编辑：王明"),
    ("ja", "出典：共同通信"),
    (None, "Quelle: dpa"),
]


@pytest.mark.parametrize(("lang", "line"), RESIDUE_LINES)
def test_residue_lines_are_recognised(lang: str | None, line: str) -> None:
    assert is_residue(line, lang)


PROSE_LINES = [
    ("en", "The source of the river lies in the mountains."),
    ("en", "Officials said the print edition would close next year."),
    ("en", "Sources said the talks had stalled."),
    ("en", "Print runs were cut by half."),
    ("en", "By contrast, prices fell in the south."),
    ("en", "By 2030 the line will carry 500,000 passengers a day."),
    ("en", "Share prices rose 3% on Monday."),
    ("en", "Subscribers can read the archive for free."),
    ("en", "The symptoms first appeared on Monday, doctors said."),
    ("en", "The novel, originally published in 1962, was reissued."),
    ("en", "Copyright law protects authors for 70 years after their death."),
    ("en", "Photographers gathered at the bridge."),
    ("en", "Related to this, the ministry issued new guidance."),
    ("en", "Share: the results went to every household."),
    ("en", "According to Confcommercio, the owners of smaller cafÃ©s will struggle."),
    ("fr", "Les cafÃ©s du centre ont ouvert en 2024."),
    ("vi", "Theo ông Nam, mực nước đang rút."),
    ("vi", "Nguồn nước sinh hoạt bị ô nhiễm nặng."),
    ("fr", "La source de la rivière se trouve dans les montagnes."),
    ("de", "Die Quelle des Flusses liegt in den Bergen."),
    ("es", "La fuente del río está en las montañas."),
    ("ru", "Источником воды служит река."),
    ("zh", "这条河的来源在山里。"),
]


@pytest.mark.parametrize(("lang", "line"), PROSE_LINES)
def test_prose_mentioning_the_same_words_is_not_residue(lang: str, line: str) -> None:
    assert not is_residue(line, lang)


def test_multi_line_segment_is_residue_only_if_every_line_is() -> None:
    assert is_residue("Source: https://example.com/a.html\nScroll to top", "en")
    assert not is_residue("Source: Xinhua\nThe storm weakened overnight.", "en")


# --- MT301: position, captions, severity ------------------------------------------------------


def test_footer_residue_is_reported_line_by_line() -> None:
    text = (
        f"{BODY}\n\n"
        "This story first appeared on VnExpress.\n"
        "Source: https://vnexpress.net/quang-ngai-so-tan-4791526.html\n"
        "Scroll to top"
    )
    ctx = context(text)
    issues = mt301(ctx)
    assert spans(issues, ctx) == [
        "This story first appeared on VnExpress.",
        "Source: https://vnexpress.net/quang-ngai-so-tan-4791526.html",
        "Scroll to top",
    ]
    assert [i.severity for i in issues] == [None, None, Severity.MINOR]
    assert issues[0].message == (
        "scraping residue (republication notice): 'This story first appeared on VnExpress.'"
    )


def test_residue_inside_one_segment_is_found_on_its_own_line() -> None:
    text = f"{BODY}\n\nSource: https://example.com/story.html\nScroll to top"
    doc = plain_document(text)
    segments = line_segments(doc)
    last = segments[-2]
    merged = Segment(last.index, text[last.start :], last.start, len(text), last.block)
    ctx = RuleContext(None, doc, (), (*segments[:-2], merged), (), None, "en")
    assert spans(mt301(ctx), ctx) == ["Source: https://example.com/story.html", "Scroll to top"]


@pytest.mark.parametrize(
    ("lang", "header", "footer"),
    [
        ("en", "News\nBy Nguyen Van An", "Share this: Facebook Twitter\nFollow us on Telegram"),
        ("vi", "Thời sự\nTheo VnExpress", "Nguồn: VnExpress\nXem thêm: Lũ lớn ở Quảng Ngãi"),
        ("fr", "Société\nPar Claire Morvan", "Source : AFP\nLire aussi : le pont rouvre"),
        ("de", "Nachrichten\nVon Anna Schmidt", "Quelle: dpa\nLesen Sie auch: Bahn sperrt Strecke"),
        ("es", "Noticias\nPor Juan Pérez", "Fuente: EFE\nLeer más"),
        ("ru", "Новости\nАвтор: Иван Петров", "Источник: ТАСС\nЧитайте также: ремонт дорог"),
        ("zh", "新闻\n记者：王明", "来源：新华社\n责任编辑：李华"),
    ],
)
def test_header_and_footer_residue_in_several_languages(
    lang: str, header: str, footer: str
) -> None:
    text = f"{header}\n\n{BODY}\n\n{footer}"
    ctx = context(text, lang)
    expected = header.split("\n") + footer.split("\n")
    assert spans(mt301(ctx), ctx) == expected


def test_navigation_words_and_section_labels_are_minor() -> None:
    ctx = context(f"World\n\n{BODY}\n\nPrint\nComments")
    issues = mt301(ctx)
    assert spans(issues, ctx) == ["World", "Print", "Comments"]
    assert {i.severity for i in issues} == {Severity.MINOR}


def test_residue_words_in_the_middle_of_the_article_need_to_stand_alone() -> None:
    middle = (
        "Read more about the scheme on the city's website.\n"
        "Officials said the print edition would close.\n"
        "Source: the provincial statistics office."
    )
    text = f"{BODY}\n\n{middle}\n\n{BODY}"
    assert mt301(context(text)) == []


def test_section_label_below_the_top_is_not_residue() -> None:
    text = f"{BODY}\n\nWorld\n\n{BODY}"
    assert mt301(context(text)) == []


def test_line_alone_in_its_paragraph_mid_article_is_reported() -> None:
    text = f"{BODY}\n\nRead more: Hanoi opens its second metro line\n\n{BODY}"
    ctx = context(text)
    assert spans(mt301(ctx), ctx) == ["Read more: Hanoi opens its second metro line"]


def test_strong_patterns_count_anywhere() -> None:
    text = (
        f"{BODY}\n\n"
        "Fishing boats shelter in the harbour (Photo: Xinhua) as the storm nears.\n"
        "Officials said the port would stay closed.\n\n"
        f"{BODY}"
    )
    ctx = context(text)
    assert spans(mt301(ctx), ctx) == ["(Photo: Xinhua)"]


@pytest.mark.parametrize(
    ("lang", "headline", "caption"),
    [
        ("en", "How to register online for a priority monthly bus pass",
         "How to register online for a priority monthly bus pass – Image 2"),
        ("en", "The Tanneurs bridge reopens after two years of works",
         "The Tanneurs bridge reopens after two years of works - Photo 3"),
        ("en", "Wenzhou coast braces as typhoon approaches",
         "Wenzhou coast braces as typhoon approaches (Photo: Xinhua)"),
        ("vi", "Quảng Ngãi sơ tán hơn 1.300 hộ dân vì lũ lớn",
         "Quảng Ngãi sơ tán hơn 1.300 hộ dân vì lũ lớn. Ảnh: Giang Huy"),
        ("fr", "Le pont des Tanneurs rouvre après deux ans de travaux",
         "Le pont des Tanneurs rouvre après deux ans de travaux – Image 2"),
    ],
)
def test_caption_repeating_the_headline_is_reported(lang: str, headline: str, caption: str) -> None:
    text = f"{headline}\n\n{BODY}\n\n{caption}\n\n{BODY}"
    ctx = context(text, lang)
    issues = mt301(ctx)
    assert spans(issues, ctx) == [caption]
    assert issues[0].message.startswith("headline repeated as an image caption:")


def test_caption_block_describing_the_photo_is_not_residue() -> None:
    headline = "Wenzhou coast braces as typhoon approaches"
    parts = [
        ("title", headline),
        ("paragraph", BODY.split("\n\n")[0]),
        ("caption", "Fishing boats shelter in Dongtou harbour, Wenzhou."),
        ("paragraph", BODY.split("\n\n")[1]),
        ("paragraph", BODY.split("\n\n")[2]),
    ]
    text = "\n\n".join(body for _, body in parts)
    blocks, pos = [], 0
    for kind, body in parts:
        blocks.append(Block(kind, pos, pos + len(body)))
        pos += len(body) + 2
    doc = Document(text, text, tuple(range(len(text) + 1)), tuple(blocks), "html", lang="en")
    ctx = RuleContext(None, doc, (), line_segments(doc), (), None, "en")
    assert mt301(ctx) == []


def test_clean_article_stays_quiet() -> None:
    text = f"Floods hit Quang Ngai\n\n{BODY}"
    assert mt301(context(text)) == []


# --- MT301 with the original ------------------------------------------------------------------

SOURCE_BODY = (
    "Mưa lớn khiến các sông dâng cao, gây ngập lụt trên diện rộng trong tỉnh.\n"
    "Đến trưa thứ Bảy, chính quyền đã di dời hơn 1.300 hộ dân đến nơi an toàn.\n\n"
    "Các đội cứu hộ được huy động trong đêm để đưa người già ra khỏi vùng ngập.\n"
    "Hơn 600 chiến sĩ quân đội và công an tham gia sơ tán.\n\n"
    "Đoạn quốc lộ qua huyện bị ngập sâu.\n"
    "Cảnh sát giao thông lập chốt và hướng dẫn người dân đi đường vòng."
)


def test_faithful_translation_of_the_originals_source_line_stays_quiet() -> None:
    ctx = context(
        f"{BODY}\n\nSource: VnExpress",
        source=f"{SOURCE_BODY}\n\nNguồn: VnExpress",
        source_lang="vi",
    )
    assert mt301(ctx) == []


def test_source_line_without_counterpart_in_the_original_is_reported() -> None:
    target = f"{BODY}\n\nSource: VnExpress"
    beads = (*one_to_one(6), Bead((), (6,), 1.0))
    ctx = context(target, source=SOURCE_BODY, source_lang="vi", beads=beads)
    issues = mt301(ctx)
    assert spans(issues, ctx) == ["Source: VnExpress"]
    assert issues[0].message.endswith("nothing in the original corresponds to it")


def test_added_residue_is_reported_wherever_it_stands() -> None:
    body = BODY.split("\n\n")
    target = f"{body[0]}\n\n{body[1]}\nSource: Xinhua\n\n{body[2]}\n\n{BODY}"
    source = f"{SOURCE_BODY}\n\n{SOURCE_BODY}"
    added = Bead((), (4,), 1.0)
    beads = (*one_to_one(4), added, *(Bead((i,), (i + 1,), 0.0) for i in range(4, 12)))
    ctx = context(target, source=source, source_lang="vi", beads=beads)
    assert spans(mt301(ctx), ctx) == ["Source: Xinhua"]


def test_original_byline_explains_a_translated_source_line_out_of_alignment() -> None:
    ctx = context(
        f"{BODY}\n\nSource: VnExpress",
        source=f"Theo VnExpress\n\n{SOURCE_BODY}",
        source_lang="vi",
        beads=(
            Bead((0,), (), 1.0),
            *(Bead((i + 1,), (i,), 0.0) for i in range(6)),
            Bead((), (6,), 1.0),
        ),
    )
    assert mt301(ctx) == []


def test_page_chrome_is_residue_even_when_the_original_page_has_it() -> None:
    ctx = context(
        f"{BODY}\n\nShare this: Facebook Twitter\nThis article first appeared on Le Courrier.",
        source=(
            f"{SOURCE_BODY}\n\n"
            "Chia sẻ: Facebook Twitter\nBài viết đăng lần đầu trên Le Courrier."
        ),
        source_lang="vi",
    )
    assert spans(mt301(ctx), ctx) == [
        "Share this: Facebook Twitter",
        "This article first appeared on Le Courrier.",
    ]


def test_byline_translating_the_originals_author_line_stays_quiet() -> None:
    ctx = context(
        f"By Nguyen Van An\n\n{BODY}",
        source=f"Nguyễn Văn An\n\n{SOURCE_BODY}",
        source_lang="vi",
    )
    assert mt301(ctx) == []


def test_byline_aligned_to_no_line_of_its_own_is_reported() -> None:
    beads = (Bead((0,), (0, 1), 0.0), *(Bead((i,), (i + 1,), 0.0) for i in range(1, 6)))
    ctx = context(
        f"Heavy rain has swollen the rivers.\nBy Nguyen Van An\n\n{BODY.split(chr(10), 1)[1]}",
        source=SOURCE_BODY,
        source_lang="vi",
        beads=beads,
    )
    assert spans(mt301(ctx), ctx) == ["By Nguyen Van An"]


PIECES = st.sampled_from(
    ["Source: ", "Ảnh: ", "Image 2", "(Photo: Xinhua)", "By Nam", "Print", "© AFP", "the river ",
     "Read more", ". ", "\n", "\n\n", "https://x.vn/a", " – ", "来源：", "x"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join), st.sampled_from(["en", "vi", "zh", "fr"]))
def test_findings_point_at_text_of_the_translation(text: str, lang: str) -> None:
    ctx = context(text, lang)
    for issue in mt301(ctx):
        (span,) = issue.spans
        assert span.side == "target" and 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == text[span.start : span.end].strip()


def test_byline_matching_the_originals_signature_at_the_foot_stays_quiet() -> None:
    beads = (
        Bead((), (0,), 1.0),
        *(Bead((i,), (i + 1,), 0.0) for i in range(6)),
        Bead((6,), (), 1.0),
    )
    ctx = context(
        f"By Nguyen Van An\n\n{BODY}",
        source=f"{SOURCE_BODY}\n\nNguyễn Văn An",
        source_lang="vi",
        beads=beads,
    )
    assert mt301(ctx) == []
