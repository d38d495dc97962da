"""Sentence segmentation: behaviour per language, offsets and block invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint.model import Block, Document, Segment
from mtlint.segment import _abbreviations, _cuts, _scan_cuts, segment
from tests.helpers import plain_document

def case(lang: str, *sentences: str, sep: str = " ") -> tuple[str, str, list[str]]:
    """A table row: the text is the expected sentences joined by `sep`."""
    return lang, sep.join(sentences), list(sentences)


CASES = [
    # --- English: abbreviations, numbers, initials, quotes, ellipses, ?! ---
    case("en", "Mr. Smith met Dr. Jones at 3 p.m. yesterday.", "They talked."),
    case("en", "He met them at 10 a.m.", "Then they left for the U.S. embassy."),
    # an initialism before a capitalised word: a name goes on, a common word opens a sentence
    case("en", "The U.S. Secret Service froze the account.", "U.S. President Biden spoke."),
    case("en", "He moved to the U.S.", "She stayed.", "They met in Washington, D.C.",
         "However, it rained."),
    case("en", "We bought apples, pears etc.", "The shop closed."),
    case("en", "Fruit, e.g. the apple, is healthy, i.e. good for you.", "So eat it."),
    case("en", "See No. 5 on Jan. 3 at St. Paul's.", "Come."),
    case("en", "Apple Inc. said so.", "Sales rose."),
    case("en", "Growth was 3.5 percent, or 1,300.5 units, from 1.300 in v2.1.3.", "Prices fell."),
    case("en", "Read https://example.com/a.b?x=1.", "Or mail name@example.vn.", "Thanks."),
    case("en", "J. R. R. Tolkien wrote it.", "Ask J. Smith."),
    case("en", 'He said: "We are ready."', "Then they left."),
    case("en", 'He said "We are ready." and left.', '"Really?" she asked.'),
    case("en", "She wrote “Stop!” on the door.", "‘Done.’", "It was late."),
    case("en", "Well... maybe.", "Then…", "Silence...", "The end."),
    case("en", "Really?!", "Yes!", "Why?", "Because."),
    case("en", "It was (as noted above.)", "Then came more."),
    case("en", "The text reads […] And more.", "The end."),
    case("en", "The war ended.[3]", "Peace came."),
    # --- never repair: a broken boundary stays visible ---
    case("en", "It rained mostly in the north.", "at the district level."),
    case("en", "Is it true?", "yes it is."),
    # --- line breaks inside a block ---
    case(
        "en",
        "The minister said on Monday that the plan was ready for the next\n"
        "Phase of the work and would go ahead.",
    ),
    case("en", "He was tired and\nwent home early."),
    case("en", "Floods in the north", "Heavy rain hit the region on Monday.", sep="\n"),
    case("en", "By Nguyen Van An", "HANOI — Rain fell.", "it continued.", sep="\n"),
    case("en", "We need:", "- eggs", "- milk", sep="\n"),
    case("en", "1. Introduction"),
    # --- Vietnamese ---
    case("vi", "Ông Nguyễn V. A. cho biết TP. Hồ Chí Minh đang phát triển.", "Bà ấy đồng ý."),
    case(
        "vi",
        "PGS.TS. Trần Văn B và ThS. Lê C đã đến.",
        "Gạo, muối v.v. là hàng hóa.",
        "Giá tăng 3,5%.",
    ),
    case(
        "vi",
        "Mưa lớn chủ yếu ở phía bắc.",
        "ở cấp huyện.",
        "Ông nói: “Chúng tôi đã sẵn sàng.”",
        "Sau đó ông đi.",
    ),
    # --- German ---
    case(
        "de",
        "Es gibt z. B. der Fall und d. h. mehr.",
        "Am 3. Oktober kam er.",
        "Er wohnt in der Hauptstr. 5.",
    ),
    case(
        "de",
        "Wir kauften Äpfel usw.",
        "Dann gingen wir.",
        "Es kostet ca. 12 500,5 Euro bzw. mehr.",
        "„Wir sind bereit.“",
        "Dann gingen sie.",
    ),
    case("de", "Dr. Müller kam z.B. mit u. a. Freunden.", "Gut."),
    # --- French ---
    case(
        "fr",
        "M. Dupont et Mme. Martin sont arrivés.",
        "Il a dit : « Nous sommes prêts. »",
        "Ensuite il est parti.",
    ),
    case(
        "fr",
        "En 52 av. J.-C.",
        "Les Romains arrivèrent.",
        "Des fruits, p. ex. la pomme.",
        "Vraiment ?",
        "Oui !",
    ),
    case("fr", "M. le maire a parlé.", "Fin."),
    # --- Spanish ---
    case(
        "es",
        "El Sr. García y la Dra. López viajaron a EE. UU. y volvieron.",
        "¿Qué pasó?",
        "¡Nada!",
    ),
    case("es", "Frutas, p. ej. la manzana, etc.", "Luego fue en el año 50 a. C.", "Todo cambió."),
    # --- Russian / Ukrainian ---
    case(
        "ru",
        "Это было в 2020 г. в Москве.",
        "Он жил на ул. Ленина, т. е. в центре.",
        "Мы купили хлеб и т. д.",
        "Потом ушли.",
    ),
    case(
        "ru",
        "А. С. Пушкин родился в 1799 г.",
        "В г. Москва было 5 млн. жителей.",
        "Правда?!",
        "Да.",
    ),
    case("uk", "Це сталося у 2020 р.", "Потім усе змінилося на вул. Хрещатик.", "Добре."),
    # --- Chinese / Japanese / Korean ---
    case(
        "zh",
        "他说：“我们准备好了。”",
        "然后他们离开了。",
        "你好！",
        "我很好？",
        "是的。",
        "价格是3.5元。",
        sep="",
    ),
    case("zh", "他走了……然后回来了。"),
    case(
        "ja",
        "彼は「準備ができた。」と言った。",
        "それから帰った。",
        "本当？",
        "うん！",
        "「行こう。」",
        "『はい。』",
        sep="",
    ),
    case("ja", "すごい！と思った。"),
    case("ko", "그는 준비가 되었다고 말했다.", "그리고 떠났다!", "정말?"),
    # --- Hindi ---
    case(
        "hi",
        "भारत एक बड़ा देश है।",
        "डॉ. शर्मा ने कहा कि यह सच है॥",
        "क्या यह सही है?",
        "हाँ।",
    ),
    # --- other tables; a regional tag uses its base language's table ---
    case("pt-BR", "O Sr. Silva chegou.", "A Dra. Costa saiu."),
    case("it", "Il Dott. Rossi è arrivato ecc.", "Poi è partito."),
    case("nl", "Er waren appels, peren enz.", "Daarna bijv. de kers."),
    case("pl", "W 2020 r. w Polsce np. padało.", "Potem itd.", "Koniec."),
    # an ordinal or a percentage runs on; a house number before a capital ends the sentence
    case(
        "pl",
        "Stężenie pyłu spadło o 3,5 proc. w porównaniu z 2023 r. i o 2 tys. ton.",
        "Biuro jest przy ulicy Spokojnej 2.",
        "Jeśli wnioskodawca jest najemcą, trzeba dołączyć zgodę.",
        "Wzrost wyniósł 80 proc.",
        "To dużo, m.in. dzięki dopłatom od 3. tygodnia.",
    ),
    # where nouns are capitalised, a capital after "3." is no evidence of a new sentence
    case("de", "Im 19. Jahrhundert wurde am 3. Oktober die 2. Brücke gebaut.", "Sie steht noch."),
    case("cs", "Bylo to např. v Praze atd.", "Pak přišel Ing. Novák."),
    case("cs", "Úřad sídlí v ulici Husova 12.", "Otevřeno je od 3. května."),
]


def assert_invariants(doc: Document, segments: tuple[Segment, ...]) -> None:
    previous_end = -1
    for position, seg in enumerate(segments):
        assert seg.index == position
        assert seg.text == doc.text[seg.start : seg.end]
        assert seg.text and seg.text == seg.text.strip()
        assert seg.start >= previous_end
        previous_end = seg.end
        block = doc.blocks[seg.block]
        assert block.start <= seg.start and seg.end <= block.end
    blocks_with_text = {i for i, b in enumerate(doc.blocks) if doc.text[b.start : b.end].strip()}
    assert {seg.block for seg in segments} == blocks_with_text
    assert [seg.block for seg in segments] == sorted(seg.block for seg in segments)


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_segments(lang: str, text: str, expected: list[str]) -> None:
    doc = plain_document(text)
    segments = segment(doc, lang)
    assert [seg.text for seg in segments] == expected
    assert_invariants(doc, segments)


def test_sentences_never_cross_blocks() -> None:
    text = "First paragraph ends without a stop\n\nsecond paragraph, Dr.\n\nThird one. It ends."
    doc = plain_document(text)
    segments = segment(doc, "en")
    assert [(seg.text, seg.block) for seg in segments] == [
        ("First paragraph ends without a stop", 0),
        ("second paragraph, Dr.", 1),
        ("Third one.", 2),
        ("It ends.", 2),
    ]
    assert all("\n\n" not in seg.text for seg in segments)
    assert_invariants(doc, segments)


def test_heading_block_is_one_segment() -> None:
    text = "Hanoi floods: what we know\n\nThe rain began on Monday. It has not stopped."
    doc = Document(
        raw=text,
        text=text,
        offsets=tuple(range(len(text) + 1)),
        blocks=(Block("heading", 0, 26), Block("paragraph", 28, len(text))),
        fmt="md",
    )
    segments = segment(doc, "en")
    assert [(seg.text, seg.block) for seg in segments] == [
        ("Hanoi floods: what we know", 0),
        ("The rain began on Monday.", 1),
        ("It has not stopped.", 1),
    ]


def test_punctuation_only_piece_joins_its_sentence() -> None:
    doc = plain_document("It ended. . Then it began again.")
    assert [seg.text for seg in segment(doc, "en")] == ["It ended. .", "Then it began again."]


def test_unknown_language_uses_common_rules() -> None:
    doc = plain_document("Dr. Who arrived. He left etc. Then nothing.")
    assert [seg.text for seg in segment(doc, "xx")] == [
        "Dr. Who arrived.",
        "He left etc.",
        "Then nothing.",
    ]


def test_empty_document_has_no_segments() -> None:
    assert segment(plain_document(""), "en") == ()


_WORDS = st.sampled_from(
    "word Word Dr etc e.g J A 3.5 1,300 2020 z B т е г Nguyễn TP https://x.vn/a.b a@b.vn "
    "中文 日本語 भारत 한국 ok".split()
)
_PUNCT = st.sampled_from(
    [".", ". ", "! ", "? ", "?! ", "...", "… ", "。", "！", "？", "।", "॥", '"', "“", "”", "«"]
    + ["»", "「", "」", "(", ")", "[1]", ",", ":", " ", "  ", "\n", "\n\n", "\n \n", "- ", "\t"]
    + ["\u00a0", "\ufffc"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_WORDS, _PUNCT, st.text(max_size=3)), max_size=40),
    st.sampled_from(["en", "vi", "de", "fr", "es", "ru", "uk", "zh", "ja", "hi", "xx"]),
)
def test_invariants_hold_for_any_text(pieces: list[str], lang: str) -> None:
    doc = plain_document("".join(pieces))
    assert_invariants(doc, segment(doc, lang))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.one_of(_WORDS, _PUNCT, st.text(max_size=3)), max_size=12),
    st.sampled_from(["en", "vi", "de", "ja", "hi"]),
    st.integers(0, 3),
    st.integers(0, 3),
)
def test_one_sentence_shortcut_cuts_like_the_full_scan(
    pieces: list[str], lang: str, trim_lo: int, trim_hi: int
) -> None:
    """`_cuts` settles blocks whose candidates are all in their final run without judging
    them; judging every candidate must give the same cuts, for any block bounds."""
    text = "".join(pieces)
    lo, hi = min(trim_lo, len(text)), max(min(trim_lo, len(text)), len(text) - trim_hi)
    abbr = _abbreviations(lang)
    assert _cuts(text, lo, hi, abbr) == _scan_cuts(text, lo, hi, abbr)
