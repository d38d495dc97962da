"""Cheap screens in front of costly patterns must never turn away text the pattern matches.

Each screen is a necessary condition of its pattern, so a rule's findings are the same with and
without it; these properties check that on generated text built from the patterns' own
vocabulary, where matches are likely.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint.batch_pairs import _stages
from mtlint.model import Severity
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
from mtlint.scoring import quality_score
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


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40))
def test_casefolded_words_of_ascii_text_are_those_of_the_unicode_pattern(text: str) -> None:
    assert _casefolded_words(text) == [w.casefold() for w in _WORD_RE.findall(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "city", "Hanoi", "của", "và", "thành", "phố", "said",
                                 "xqzv", "2", "—", "NASA"]), min_size=0, max_size=30))
def test_pair_language_screen_reads_the_words_it_needs(words: list[str]) -> None:
    # The sentence-pair screen stops reading words once its verdict is settled; it must pick
    # the same suspects as reading the whole sample: the first lowercase words, of which at
    # most half are known to the target language.
    from types import SimpleNamespace

    from mtlint.batch_pairs import SAMPLE_WORDS, _suspect_language, _unknown_to
    from mtlint.lexicon import token_pattern

    text = " ".join(words)
    stages = SimpleNamespace(token_pattern=token_pattern, detect_language=lambda _: "detected")
    sample = [w for w in token_pattern(text).findall(text) if w.islower()][:SAMPLE_WORDS]
    known = sum(not _unknown_to(w, "en") for w in sample)
    suspect = (
        len(text) >= 60 and bool(sample) and known <= len(sample) / 2
        and sum(map(str.isalpha, text)) >= 60
    )
    assert _suspect_language(text, "en", stages) == ("detected" if suspect else None)


@pytest.mark.parametrize("langs", [("vi", "en"), ("en", "de"), ("en", "ru")])
@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["the", "city", "Hanoi", "của", "và", "thành", "phố", "said",
                                 "xqzv", "2", "—", "NASA", "für", "über", "straße", "und",
                                 "город", "сказал", "Москва", "don't", "l'arc", "ⅻ", "e.g.",
                                 "well-known", "naïve", "(và)", "«", "»"]),
                min_size=1, max_size=40))
def test_a_target_without_loud_sentences_is_no_language_suspect(
    langs: tuple[str, str], words: list[str]
) -> None:
    # MT106's screen in sentence-pair mode trusts MT101/MT102's analysis: no loud sentence,
    # no lowercase word foreign to the target language, so the screen would find no suspect.
    from types import SimpleNamespace

    from mtlint.batch_pairs import _context, _suspect_language, pair_setup
    from mtlint.engine import CheckOptions
    from mtlint.lexicon import token_pattern

    source_lang, target_lang = langs
    setup = pair_setup(CheckOptions(source_lang=source_lang, target_lang=target_lang),
                       Severity.MAJOR)
    ctx = _context("Một câu nguồn, một câu dài.", "So " + " ".join(words), setup, _stages())
    stages = SimpleNamespace(token_pattern=token_pattern, detect_language=lambda _: "detected")
    if not _stages().loud_sentences(ctx):
        assert _suspect_language(ctx.target.text, target_lang, stages) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A.,;!?\n\"“”«»()[]'’„")), min_size=1,
               max_size=40))
def test_punctuation_reads_the_original_only_for_marks_of_the_translation(text: str) -> None:
    # MT203 skips the original's unpaired quotes when the translation has no quote or bracket
    # (`_MARK_RE`): they only ever excuse a mark of the translation.
    from mtlint.rules.punctuation import _MARK_RE, _pairing_issues, _scanned_blocks
    from tests.helpers import plain_document

    doc = plain_document(text)
    if _MARK_RE.search(doc.text):
        return
    excused = {k: frozenset({"open", "close"}) for k in range(len(doc.blocks))}
    blocks = _scanned_blocks(doc, "en")
    assert list(_pairing_issues(doc, "en", blocks, excused)) == list(
        _pairing_issues(doc, "en", blocks, {})
    )


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Ñ.é1_@/-")), max_size=30))
def test_glued_stop_screen_keeps_every_match(text: str) -> None:
    from mtlint.rules.punctuation import _GLUED_STOP_HINT, _GLUED_STOP_RE

    if _GLUED_STOP_RE.search(text):
        assert _GLUED_STOP_HINT.search(text)


def test_encoding_screens_keep_every_suspect_character() -> None:
    # MT204 skips the mojibake pattern on ASCII text and the invisible-character pattern on
    # printable text without U+FFFD: no character either pattern looks for passes its screen.
    from mtlint.rules.encoding import _SUSPECT_RE, MOJIBAKE_HINT_RE, _plainly_visible

    for cp in range(0x10000):
        ch = chr(cp)
        if _SUSPECT_RE.search(ch):
            assert not _plainly_visible(f"a{ch}b"), hex(cp)
        if cp < 0x80:
            assert not MOJIBAKE_HINT_RE.search(f"{ch}\u20ac{ch}\u0080")


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 100_000), st.floats(0.0, 100.0))
def test_a_pair_without_findings_scores_the_clean_score(words: int, weight: float) -> None:
    """Sentence-pair mode skips scoring a pair without findings: its score must not depend on
    the pair's length or the configured weights."""
    assert quality_score((), words, {Severity.MAJOR: weight}) == _stages().clean
