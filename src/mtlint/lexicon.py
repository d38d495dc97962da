"""Word-level language evidence: tokens, scripts, alphabets and word frequencies.

The untranslated-text rules (MT101, MT102) need to tell, word by word, whether a token belongs
to the target language. A language detector cannot answer that for one word, but a frequency
list can: `wordfreq` gives the Zipf frequency of a word in some forty languages (Zipf 7 ≈ "the",
3 ≈ once per million words, 0 = unseen), from large mixed corpora. A word that is frequent in
the source language and rare in the target language is a stray source word; a word the target
corpus knows well (Zipf ≥ `LOANWORD_ZIPF`) is a target word or an established loanword
("kindergarten", "pho"), whatever its origin. Scripts and alphabets give cheaper, sharper
evidence: Han characters in an English sentence, or Vietnamese "ư ơ đ ạ" in a French one.

Because the corpora behind `wordfreq` contain code-switching, the commonest function words of
big languages ("und", "et", "and") reach Zipf 4-5 in other languages; the curated lists in
`data/lexicon_exceptions.json` name the ones a rule may still flag given contextual evidence.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from math import floor, log, log10
from statistics import fmean

from mtlint.langid import script_of

#: Target Zipf frequency from which a word counts as known to the target language: either its
#: own word or a loanword in use ("pho" 2.9, "kindergarten" 3.8 in English; "bereits" is 1.0).
LOANWORD_ZIPF = 3.0
#: How much more frequent in the source language than in the target a word must be.
ZIPF_MARGIN = 2.0
#: A stray word is a real word of the source language, not a rarity of both.
SOURCE_COMMON_ZIPF = 3.5
#: Without the original to confirm it, a word must be nearly unseen in the target (below the
#: first) and common in the source language (from the second): "bereits" is 1.0 vs de 5.7.
DECISIVE_TARGET_ZIPF = 1.5
DECISIVE_SOURCE_ZIPF = 4.5

_CJK = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
)
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0981-\u0983\u09bc-\u09d7"
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_LETTER = rf"[^\W\d_{_CJK}]"
_WORD = rf"{_LETTER}(?:{_LETTER}|[{_MARKS}])*(?:['’]{_LETTER}(?:{_LETTER}|[{_MARKS}])*)*"
#: A word is a run of letters with their combining marks and inner apostrophes ("don't",
#: "l'État"); a run of Han, kana or Hangul is one token, since those scripts need a
#: dictionary to split and a stray run is evidence as a whole.
TOKEN_RE = re.compile(rf"[{_CJK}]+|{_WORD}")

#: Scripts in which each language is written (names as `mtlint.langid.script_of` gives them);
#: languages not listed are written in Latin script.
LANG_SCRIPTS: dict[str, frozenset[str]] = {
    "ru": frozenset({"Cyrillic"}),
    "uk": frozenset({"Cyrillic"}),
    "zh": frozenset({"Han"}),
    "ja": frozenset({"Han", "Hiragana", "Katakana"}),
    "ko": frozenset({"Hangul", "Han"}),
    "hi": frozenset({"Devanagari"}),
}
_LATIN = frozenset({"Latin"})
#: Languages that capitalise every noun: a capital inside a sentence is no sign of a name there
#: ("10.000 Acres" in German is the English noun "acres", kept untranslated).
NOUN_CAPITALISING = frozenset({"de", "lb"})

#: Accented letters that Latin-script languages borrow freely ("café", "naïve", "São Paulo");
#: they are never evidence of a foreign word on their own.
_LOAN_LETTERS = frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœ")
#: Letters of each Latin-script language beyond a-z and `_LOAN_LETTERS`. A language missing
#: here gets no letter evidence (its alphabet is unknown, so nothing in it is foreign).
_NATIVE_LETTERS: dict[str, frozenset[str]] = {
    lang: frozenset(letters)
    for lang, letters in {
        "en": "", "fr": "", "es": "", "it": "", "pt": "", "nl": "", "de": "ß",
        "pl": "ąćęłńśźż", "cs": "čďěňřšťůž",
        "vi": "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ",
    }.items()
}
#: Letters that only Vietnamese uses (horn and breve vowels, dot below, hook above, stacked
#: tones): a lowercase word carrying one is Vietnamese even when the source language is unknown.
_VIETNAMESE_ONLY = frozenset("ơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")

#: wordfreq needs a word segmenter (jieba, MeCab) for these; single tokens of them are judged
#: by script instead.
_SEGMENTED_LANGS = frozenset({"zh", "ja", "ko"})


@dataclass(frozen=True, slots=True)
class WordEvidence:
    """Why a word looks foreign to the target language; the rules weigh it with its context.

    `lang` is the language the word seems to come from (the source language, or a guess from
    its letters); zipf values are None when wordfreq has no usable list for the language.
    `known_in_target` marks a word the target corpus knows (a curated leak word): it is stray
    only with contextual evidence. `source_word` says the frequencies point to `lang`.
    """

    word: str
    target_lang: str
    lang: str | None
    target_zipf: float | None
    source_zipf: float | None
    foreign_script: str | None
    foreign_letters: str
    known_in_target: bool
    source_word: bool

    @property
    def decisive(self) -> bool:
        """Frequencies alone settle it: common in `lang`, next to unseen in the target."""
        return (
            self.source_word
            and self.target_zipf is not None
            and self.target_zipf < DECISIVE_TARGET_ZIPF
            and (self.source_zipf or 0.0) >= DECISIVE_SOURCE_ZIPF
        )

    def describe(self) -> str:
        """The evidence in a few words, for a finding's message."""
        parts = []
        if self.foreign_script:
            parts.append(f"{self.foreign_script} script")
        if self.foreign_letters:
            parts.append(f"letters {' '.join(self.foreign_letters)}")
        if self.target_zipf is not None and self.source_zipf is not None:
            parts.append(
                f"zipf {self.target_lang} {self.target_zipf:.1f} vs {self.lang} "
                f"{self.source_zipf:.1f}"
            )
        return "; ".join(parts)


#: `TOKEN_RE` on ASCII text, where a letter is a-z or A-Z and the only apostrophe is "'": the
#: same matches, found twice as fast as through the Unicode classes.
ASCII_TOKEN_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word token of `text`, in order."""
    return [(*m.span(), m.group()) for m in token_pattern(text).finditer(text)]


def token_pattern(text: str) -> re.Pattern[str]:
    """The pattern that finds the word tokens of `text` fastest (`TOKEN_RE`'s matches)."""
    return ASCII_TOKEN_RE if text.isascii() else TOKEN_RE


def script(word: str) -> str | None:
    """Script of the first letter of `word`; None when it has no letter or an unlisted script."""
    for ch in word:
        if ch.isalpha():
            name = script_of(ch)
            return None if name == "Other" else name
    return None


def lang_scripts(lang: str | None) -> frozenset[str]:
    return LANG_SCRIPTS.get(lang or "", _LATIN)


@cache
def has_frequencies(lang: str | None) -> bool:
    """Whether `zipf` can answer for `lang` (word lists exist and no segmenter is needed).
    Cached: every first lookup of a word asks."""
    return lang is not None and lang not in _SEGMENTED_LANGS and lang in _wordfreq_langs()


#: The source language's everyday words, for `leak_zipf`: its commonest words from this rank
#: (the commonest are function words and names that many languages share) ...
LEAK_SAMPLE_FROM = 200
#: ... up to this one, ...
LEAK_SAMPLE_TO = 3000
#: ... of at least this many letters (shorter ones are shared by chance: "sind", "dans"), ...
LEAK_MIN_LETTERS = 4
#: ... and clearly more frequent in the source language than in the target (Zipf margin).
LEAK_MARGIN = 1.0


@lru_cache(maxsize=64)
def leak_zipf(source_lang: str, target_lang: str) -> float | None:
    """How often a plain word of the source language shows up in the target's corpus: the mean
    target Zipf of the source's everyday words that are clearly its own. None without lists.

    wordfreq's corpora contain quotations, names and code-switching, so a source word has some
    frequency in the target without being a loanword, and how much depends on the pair:
    English words reach 2.7-2.9 on average in German, French, Spanish or Dutch, French or
    German words about 1-1.4 in English, Vietnamese ones 0.2. A word seen in the target no more
    than that is no loanword there ("Acres" 2.7 in German); one seen more, short of
    `LOANWORD_ZIPF`, may be one in use ("croissant" 2.8 in English). Computed once per pair
    of languages, from a few thousand lookups in wordfreq's tables (a few milliseconds).
    """
    if not (has_frequencies(source_lang) and has_frequencies(target_lang)):
        return None
    from wordfreq import top_n_list

    in_source, in_target = _frequency_dict(source_lang), _frequency_dict(target_lang)
    seen = []
    for word in top_n_list(source_lang, LEAK_SAMPLE_TO)[LEAK_SAMPLE_FROM:]:
        if len(word) >= LEAK_MIN_LETTERS and word.isalpha():
            s, t = _table_zipf(in_source.get(word)), _table_zipf(in_target.get(word))
            if s - t >= LEAK_MARGIN:
                seen.append(t)
    return fmean(seen) if seen else None


@lru_cache(maxsize=1)
def _wordfreq_langs() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.available_languages())


def load_frequencies(lang: str) -> None:
    """Load `lang`'s word-frequency table, and wordfreq's tokenizer for it, now rather than on
    the first lookup (a few hundred ms for the table, a few ms for the tokenizer); nothing
    for a language without a usable list."""
    if has_frequencies(lang):
        from wordfreq import zipf_frequency

        _frequency_dict(lang)
        zipf_frequency(_TOKENIZER_PROBE, lang)


#: A non-ASCII word: looking it up sets up wordfreq's tokenizer for the language.
_TOKENIZER_PROBE = "café"


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float | None:
    """Zipf frequency of `word` (any case) in `lang`, or None when `lang` has no usable list.

    wordfreq loads a language's list on first use (a few hundred ms, see `load_frequencies`),
    then answers from memory; the cache keeps repeated words of an article to a dict lookup.
    """
    if _ASCII_WORD.fullmatch(word):
        return ascii_zipf(word, lang)
    if not has_frequencies(lang):
        return None
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def ascii_zipf(word: str, lang: str) -> float | None:
    """`zipf` of a lowercase a-z word, uncached: one dict lookup, cheaper than a miss of
    `zipf`'s cache, for callers that see mostly new words."""
    if not has_frequencies(lang):
        return None
    return _table_zipf(_frequency_dict(lang).get(word))


#: Lowercase a-z words, with inner apostrophes ("don't", "aujourd'hui"): wordfreq's tokenizer
#: leaves them whole in every language with a list (mtlint's tests check this over the tables),
#: so their frequency is one dict lookup away. Not an elision, which it splits: one or two
#: letters, an apostrophe and a vowel or "h" ("l'arc" is "l" and "arc").
_ASCII_WORD = re.compile(r"(?![a-z]{1,2}'[aehiouy])[a-z]+(?:'[a-z]+)*")
#: The frequency `zipf_frequency` gives an unseen word: its floor, Zipf 0 (once per billion).
_FLOOR_FREQUENCY = 1e-9


@lru_cache(maxsize=4096)
def _table_zipf(frequency: float | None) -> float:
    """`zipf_frequency` of a word that wordfreq's tokenizer keeps whole (an a-z word, or an
    entry of the table itself) whose frequency in the table is `frequency` (None: not in the
    table), without the tokenizer.

    Tokenizing costs more than all the rest of a lookup, and such a word is its own only
    token; wordfreq's answer then depends on the frequency alone, through the arithmetic
    below (its `_word_frequency` for one token, rounded to three significant digits, then
    `freq_to_zipf` rounded to hundredths). A table has a few hundred distinct frequencies, so
    this runs a few hundred times per language; mtlint's tests compare it with
    `zipf_frequency` on every frequency of several tables.
    """
    if not frequency:
        return round(_log10(_FLOOR_FREQUENCY) + 9, 2)
    unrounded = max(1.0 / (1.0 / frequency), _FLOOR_FREQUENCY)
    rounded = round(unrounded, floor(-_log10(unrounded)) + 3)
    return round(_log10(rounded) + 9, 2)


def _log10(x: float) -> float:
    """wordfreq's logarithm, `log(x, 10)`: `log10` may differ in the last bit, and so round
    the other way."""
    return log(x, 10)  # noqa: FURB163


@cache
def _frequency_dict(lang: str) -> dict[str, float]:
    """wordfreq's word → frequency table for `lang` (the one its own lookups use)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict(lang)


def normalise(word: str) -> str:
    """The form words are compared and looked up in: NFC, case-folded, typographic apostrophe.

    ASCII text is already NFC and case-folds as it lower-cases: the common case skips both.
    """
    if word.isascii():
        return word.lower()
    return unicodedata.normalize("NFC", word).casefold().replace("’", "'")


def foreign_letters(word: str, lang: str | None) -> str:
    """Letters of `word` (normalised) outside the alphabet of `lang`; "" if its alphabet is
    unknown or not Latin."""
    native = _NATIVE_LETTERS.get(lang or "")
    if native is None:
        return ""
    return "".join(
        dict.fromkeys(
            ch for ch in word
            if ch.isalpha() and not ch.isascii() and script(ch) == "Latin"
            and ch not in _LOAN_LETTERS and ch not in native
        )
    )


def letters_lang(word: str) -> str | None:
    """A language that `word`'s letters alone give away (Vietnamese only, so far)."""
    return "vi" if any(ch in _VIETNAMESE_ONLY for ch in word) else None


@dataclass(frozen=True)
class _Exceptions:
    leak_words: dict[str, frozenset[str]]
    loanwords: frozenset[str]
    #: Each word of a fixed phrase → (phrase, position of the word in it).
    phrase_index: dict[str, tuple[tuple[tuple[str, ...], int], ...]]


@lru_cache(maxsize=1)
def _exceptions() -> _Exceptions:
    raw = json.loads(
        resources.files("mtlint").joinpath("data/lexicon_exceptions.json").read_text("utf-8")
    )
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for text in raw["fixed_phrases"]:
        phrase = tuple(w for _, _, w in tokens(normalise(text)))
        for position, word in enumerate(phrase):
            index.setdefault(word, []).append((phrase, position))
    return _Exceptions(
        leak_words={lang: frozenset(map(normalise, ws)) for lang, ws in raw["leak_words"].items()},
        loanwords=frozenset(map(normalise, raw["loanwords"])),
        phrase_index={word: tuple(entries) for word, entries in index.items()},
    )


def in_fixed_phrase(words: Sequence[str], k: int) -> bool:
    """Whether normalised `words[k]` belongs to a foreign phrase at home in the target
    languages ("et al", "de facto", "déjà vu") spelled out around it in `words`."""
    for phrase, position in _exceptions().phrase_index.get(words[k], ()):
        start = k - position
        if start >= 0 and tuple(words[start : start + len(phrase)]) == phrase:
            return True
    return False


@lru_cache(maxsize=16384)
def is_foreign_word(word: str, target_lang: str, source_lang: str | None) -> WordEvidence | None:
    """Intrinsic evidence that `word` (a lowercase or caseless token) is not a target word.

    None when the word is at home in the target: in the target's script and either known to
    the target corpus or with no sign of belonging elsewhere. The caller still weighs context
    (is the word in the original? in brackets? part of a name?) before flagging anything but a
    foreign script. Cached: an article repeats its words, and the answer depends on nothing else.
    """
    norm = normalise(word)
    exceptions = _exceptions()
    word_script = script(norm)
    if word_script is None or norm in exceptions.loanwords:
        return None
    foreign_script = None if word_script in lang_scripts(target_lang) else word_script
    letters = foreign_letters(norm, target_lang) if foreign_script is None else ""
    lang = source_lang or letters_lang(norm)
    t = zipf(norm, target_lang)
    s = zipf(norm, lang) if lang and lang != target_lang else None
    if foreign_script and word_script != "Latin":
        # A letter script other than the target's is evidence enough. Latin words in a
        # non-Latin target are not (brands and terms are common there): they take the
        # frequency test like any other word.
        if lang is None or word_script not in lang_scripts(lang):
            lang, s = None, None
        return WordEvidence(norm, target_lang, lang, t, s, foreign_script, "", False, False)
    source_word = s is not None and s >= SOURCE_COMMON_ZIPF and s - (t or 0.0) >= ZIPF_MARGIN
    # A target without a usable list cannot vouch for a word either way: as with a word it
    # knows, only a curated leak word can still be stray.
    known = t is None or t >= LOANWORD_ZIPF
    if known:
        leak = lang is not None and norm in exceptions.leak_words.get(lang, frozenset())
        if not (leak and source_word):
            return None
    elif not (source_word or letters):
        return None
    return WordEvidence(norm, target_lang, lang, t, s, foreign_script, letters, known, source_word)
