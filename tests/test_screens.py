"""Cheap screens in front of costly patterns must never turn away text the pattern matches.

Each screen is a necessary condition of its pattern, so a rule's findings are the same with and
without it; these properties check that on generated text built from the patterns' own
vocabulary, where matches are likely.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint.rules.fluency import (
    _STOPWORDS,
    _WORD_RE,
    _casefolded_words,
    _doubled_words,
    _may_repeat,
    _phrase_repeats,
    _run,
)
from mtlint.rules.residue import _ends_in_number, _matcher
from mtlint.segment import _CANDIDATE, _candidates

_LANGS = ["en", "fr", "de", "vi", "zh", None]
_RESIDUE_WORDS = [
    "first appeared on", "appeared first on", "www.example.com", "example.com", "the post",
    "This story", "was originally published on", "originally published by", "© 2024", "(c) 2023",
    "All Rights Reserved", "Sign up for our newsletter", "read the full story", "See the full",
    "Image 2", "(Photo 3)", "Ảnh 2.", "Publié initialement", "erschienen", "copyright",
    "the", "news", "said", ".", ",", " ", "  ", ")", "2", "ſign", "K",
]


@pytest.mark.parametrize("lang", _LANGS)
@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(_RESIDUE_WORDS), min_size=1, max_size=12))
def test_residue_screens_keep_every_match(lang: str | None, parts: list[str]) -> None:
    line = " ".join(parts).strip()
    matcher = _matcher(lang)
    if matcher.anywhere is not None and matcher.anywhere.search(line):
        assert matcher.anywhere_screen is None or matcher.anywhere_screen.may_match(line)
    if line and matcher.numbered_image.search(line):
        assert _ends_in_number(line)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A.!?…。．।\n\"')» 3[1]")), max_size=40))
def test_sentence_candidates_are_those_of_the_full_pattern(text: str) -> None:
    found = [m.span() for m in _candidates(text, 0, len(text))]
    assert found == [m.span() for m in _CANDIDATE.finditer(text, 0, len(text))]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "the", "city", "city", "of", "and", "2", "a"]),
                min_size=1, max_size=14))
def test_repetition_screen_keeps_every_repetition(words: list[str]) -> None:
    from mtlint.documents import document_from_text
    from mtlint.segment import segment

    doc = document_from_text("Now " + " ".join(words) + ".")
    segments = segment(doc, "en")
    run = _run(segments, range(len(segments)))
    stop = _STOPWORDS["en"]
    if not _may_repeat(run.norms, stop):
        assert not list(_phrase_repeats(doc.text, run, stop))
        assert not list(_doubled_words(doc.text, run, "en"))


def test_casefolded_words_read_ascii_and_other_text_alike() -> None:
    for text in ("The City of Hanoi, 2.5 km", "İstanbul ve Straße", "Ḱ ǅ ﬁne"):
        assert _casefolded_words(text) == [w.casefold() for w in _WORD_RE.findall(text)]
