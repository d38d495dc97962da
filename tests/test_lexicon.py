"""Word-level language evidence (`mtlint.lexicon`) and the shortcuts the untranslated-text
rules take on it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import top_n_list

from mtlint.lexicon import _ASCII_WORD, ascii_zipf, is_foreign_word, leak_zipf, zipf
from mtlint.rules.accuracy import (
    _copies_possible,
    _copy_profile,
    _leaning,
    _plain_target_word,
)


def test_english_words_leak_into_other_corpora_more_than_others_into_english() -> None:
    # The measured pair-specific levels the copied-word test relies on: plain English words
    # reach Zipf ~3 in German, French ones ~1.4 in English, Vietnamese ones next to nothing.
    en_de, fr_en, vi_en = leak_zipf("en", "de"), leak_zipf("fr", "en"), leak_zipf("vi", "en")
    assert en_de is not None and fr_en is not None and vi_en is not None
    assert 2.5 < en_de < 3.5
    assert 1.0 < fr_en < 2.0
    assert vi_en < 0.5


def test_no_leak_level_without_word_lists() -> None:
    assert leak_zipf("zh", "en") is None
    assert leak_zipf("en", "ja") is None


@pytest.mark.parametrize(
    ("source", "target"), [("en", "de"), ("vi", "en"), ("de", "en"), ("fr", "en"), (None, "en")]
)
def test_plain_target_words_have_no_evidence_for_either_rule(
    source: str | None, target: str
) -> None:
    # The shortcut skips three tests for most words; it must never skip a word one of them
    # would act on.
    words = {*top_n_list(target, 3000), *top_n_list(source or "en", 3000)}
    plain = [w for w in sorted(words) if _plain_target_word(w, target, source)]
    assert len(plain) > 1000
    for word in plain:
        assert _leaning(word, target, source) <= 0, word
        assert is_foreign_word(word, target, source) is None, word
        if source is not None and _copies_possible(source, target):
            assert not _copy_profile(word, source, target).bounds, word


@pytest.mark.parametrize("lang", ["en", "vi", "de", "fr", "ru", "pl"])
def test_table_lookup_of_az_words_is_wordfreqs_answer(lang: str) -> None:
    # `zipf` answers a-z words from the frequency table, without wordfreq's tokenizer: it must
    # give wordfreq's own value for every frequency of the table, and for an unseen word.
    from wordfreq import get_frequency_dict, zipf_frequency

    first_word: dict[float, str] = {}
    for word, frequency in get_frequency_dict(lang).items():
        if re.fullmatch("[a-z]+", word):
            first_word.setdefault(frequency, word)
    assert len(first_word) > 200
    for word in [*first_word.values(), "qxzqxzqxz"]:
        assert zipf(word, lang) == ascii_zipf(word, lang) == zipf_frequency(word, lang), word


@pytest.mark.parametrize("lang", ["zh", "ja", "xx"])
def test_az_lookup_without_a_list_knows_nothing(lang: str) -> None:
    assert ascii_zipf("word", lang) is None
    assert zipf("word", lang) is None


@pytest.mark.parametrize("lang", ["en", "fr", "it", "de", "vi"])
def test_table_lookup_of_words_with_apostrophes_is_wordfreqs_answer(lang: str) -> None:
    # An a-z word with inner apostrophes ("don't", "aujourd'hui") is one token of wordfreq's,
    # unless it starts like an elision ("l'arc"): every such word of the table must get
    # wordfreq's own value from the table lookup.
    from wordfreq import get_frequency_dict, zipf_frequency

    words = [w for w in get_frequency_dict(lang) if "'" in w and re.fullmatch("[a-z']+", w)]
    looked_up = [w for w in words if _ASCII_WORD.fullmatch(w)]
    assert len(looked_up) > 20
    for word in looked_up:
        assert zipf(word, lang) == zipf_frequency(word, lang), word


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text("aeiohyltrsnd", min_size=1, max_size=4), min_size=1, max_size=3),
    st.sampled_from(["en", "fr", "it"]),
)
def test_apostrophe_words_outside_the_tables_get_wordfreqs_answer(
    parts: list[str], lang: str
) -> None:
    from wordfreq import zipf_frequency

    word = "'".join(parts)
    assert zipf(word, lang) == zipf_frequency(word, lang), word
