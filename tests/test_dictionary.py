"""Shipped word lists: the file format, phrase matching, and what they change in an alignment."""

from __future__ import annotations

import unicodedata
from importlib import resources

from mtlint.align import align_texts
from mtlint.alignment.dictionary import dictionary

# A story without numbers, names or cognates: only lengths and the word list tell its
# sentences apart. The translation drops the fourth sentence.
VI = [
    "Mẹ tôi làm việc ở bệnh viện của thành phố trong hai mươi năm.",
    "Mỗi sáng bà dậy sớm và nấu cơm cho cả gia đình.",
    "Sau đó bà đi xe đạp đến bệnh viện dưới trời mưa.",
    "Các bác sĩ và y tá ở đó đều rất quý bà vì bà luôn mỉm cười.",
    "Buổi tối bà về nhà, mệt mỏi nhưng hạnh phúc bên các con.",
    "Bà thường kể cho chúng tôi nghe về những bệnh nhân nhỏ tuổi.",
    "Khi tôi lớn lên, tôi cũng muốn trở thành một bác sĩ giỏi.",
    "Bây giờ tôi đang học năm thứ ba ở trường đại học y.",
]
EN = [
    "My mother worked at the city hospital for twenty years.",
    "Every morning she got up early and cooked rice for the whole family.",
    "Then she rode her bicycle to the hospital in the rain.",
    "In the evening she came home, tired but happy with her children.",
    "She often told us about the young patients.",
    "When I grew up, I also wanted to become a good doctor.",
    "Now I am in my third year at the medical university.",
]


def test_the_vietnamese_english_list_is_well_formed() -> None:
    text = resources.files("mtlint").joinpath("data/dictionary-vi-en.tsv").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("#")
    keys = []
    for line in lines[1:]:
        phrase, tab, translations = line.partition("\t")
        assert tab and "\t" not in translations, line
        assert phrase == unicodedata.normalize("NFC", phrase).lower() == " ".join(phrase.split())
        assert all(t.strip() == t and t for t in translations.split("|")), line
        keys.append(phrase)
    assert len(keys) == len(set(keys)) >= 1000


def test_phrases_match_longest_first_and_translations_inflected() -> None:
    words = dictionary("vi", "en")
    assert words is not None
    # "bệnh viện" (hospital) is one entry, not also "bệnh" (illness)
    vi = words.source.anchors("Mẹ tôi ở bệnh viện.")
    en = words.target.anchors("My mother stayed in two hospitals.")
    assert vi and vi <= en
    assert words.target.anchors("She cooked.") & words.source.anchors("Bà nấu cơm.")
    assert words.target.anchors("Cities grow.") & words.source.anchors("thành phố")


def test_a_list_serves_both_directions_and_unknown_pairs_have_none() -> None:
    forward, backward = dictionary("vi", "en"), dictionary("en", "vi")
    assert forward is not None and backward is not None
    assert backward.source.anchors("hospital") == forward.target.anchors("hospital")
    assert dictionary("de", "fr") is None
    assert dictionary(None, "en") is None


def test_the_list_finds_a_dropped_sentence_that_lengths_alone_shift() -> None:
    def gaps(beads: tuple) -> list[tuple[int, ...]]:
        return [b.src for b in beads if b.src and not b.tgt]

    assert gaps(align_texts(VI, EN, src_lang="vi", tgt_lang="en")) == [(3,)]
    assert gaps(align_texts(EN, VI, src_lang="en", tgt_lang="vi")) == []
    assert [b.tgt for b in align_texts(EN, VI, src_lang="en", tgt_lang="vi") if not b.src] == [(3,)]
