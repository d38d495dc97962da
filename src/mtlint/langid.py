"""Language evidence: which language a text is written in, and which script a letter belongs to.

Scripts settle most languages for free (Hangul is Korean, kana is Japanese, Devanagari is
Hindi); statistics (langdetect) are only needed among languages that share a script, and
there they are restricted to the supported languages so that the answer is always one of
`SUPPORTED_LANGS` and never a near neighbour nobody asked about.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Literal

from mtlint.errors import ConfigError

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

Script = Literal[
    "Latin", "Cyrillic", "Han", "Hiragana", "Katakana", "Hangul", "Devanagari", "Other"
]

SUPPORTED_LANGS: tuple[str, ...] = (
    "vi", "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "ru", "uk", "zh", "ja", "ko", "hi",
)
_LATIN_LANGS = ("vi", "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs")
_CYRILLIC_LANGS = ("ru", "uk")

#: Fewer letters than this give no usable evidence: `detect_language` returns None.
MIN_LETTERS = 8
#: Detection reads at most about this many characters, taken from across the document.
SAMPLE_CHARS = 480
_SAMPLE_PARTS = 4

#: A language's commonest words (wordfreq's list) that count as its function words, how many
#: of them a sample needs, and by what factor they must outnumber any other candidate's, for
#: the language the user gives to be confirmed without the statistical model. On the 1,835
#: Latin-script documents of the benchmark sets (`benchmarks/langid_eval.py`) the answers are
#: the model's, with the right language given or a wrong one, in 0.14 ms a document, not 0.83.
FUNCTION_WORDS = 50
CONFIRM_HITS = 8
CONFIRM_FACTOR = 2.0
_WORD_RE = re.compile(r"[^\W\d_]+")

_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
_RUSSIAN_ONLY = frozenset("ыэъёЫЭЪЁ")

_ALIASES = {  # ISO 639-2/3 codes people also type
    "vie": "vi", "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es",
    "ita": "it", "por": "pt", "nld": "nl", "dut": "nl", "pol": "pl", "ces": "cs", "cze": "cs",
    "rus": "ru", "ukr": "uk", "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "hin": "hi",
}

_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x00AA, 0x00AA, "Latin"), (0x00BA, 0x00BA, "Latin"),
    (0x00C0, 0x00D6, "Latin"), (0x00D8, 0x00F6, "Latin"), (0x00F8, 0x02AF, "Latin"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1C80, 0x1C8F, "Cyrillic"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x2C60, 0x2C7F, "Latin"),
    (0x2DE0, 0x2DFF, "Cyrillic"),
    (0x3005, 0x3005, "Han"), (0x3007, 0x3007, "Han"), (0x3021, 0x3029, "Han"),
    (0x3038, 0x303B, "Han"),
    (0x3041, 0x309F, "Hiragana"),
    (0x30A0, 0x30FA, "Katakana"), (0x30FC, 0x30FF, "Katakana"),
    (0x3131, 0x318E, "Hangul"),
    (0x31F0, 0x31FF, "Katakana"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xA640, 0xA69F, "Cyrillic"),
    (0xA720, 0xA7FF, "Latin"),
    (0xA8E0, 0xA8FF, "Devanagari"),
    (0xA960, 0xA97F, "Hangul"),
    (0xAB30, 0xAB6F, "Latin"),
    (0xAC00, 0xD7FF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFF21, 0xFF3A, "Latin"), (0xFF41, 0xFF5A, "Latin"),
    (0xFF66, 0xFF9F, "Katakana"),
    (0xFFA0, 0xFFDC, "Hangul"),
    (0x20000, 0x323AF, "Han"),
)
_STARTS = tuple(r[0] for r in _RANGES)


def script_of(ch: str) -> Script:
    """Script of one character, by code-point range (cheap enough for every letter)."""
    cp = ord(ch)
    if cp < 0x80:
        return "Latin" if ch.isalpha() else "Other"
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0 and cp <= _RANGES[i][1]:
        return _RANGES[i][2]
    return "Other"


def normalise_lang(code: str) -> str:
    """Map user input ("EN", "en-US", "zh_Hans", "deu") to a supported ISO 639-1 code."""
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    primary = _ALIASES.get(primary, primary)
    if primary not in SUPPORTED_LANGS:
        raise ConfigError(
            f"unknown language code {code!r} (supported: {', '.join(SUPPORTED_LANGS)})"
        )
    return primary


def detect_language(
    text: str, *, candidates: Iterable[str] | None = None, expected: str | None = None
) -> str | None:
    """The language of `text` (a code from SUPPORTED_LANGS), or None without enough letters.

    `candidates` restricts the statistical choice among same-script languages (e.g. a
    sentence-level check that only asks "source or target language?"); a script that settles
    the language on its own (Hangul, kana, Han, Devanagari, Cyrillic letters) still wins.
    `expected` is the language the user says the text is in: where its commonest words
    clearly outnumber those of every other candidate (`_function_words_confirm`), that is
    the answer, and the statistical model, the costly part, is not asked.
    """
    sample = unicodedata.normalize("NFC", _sample(text))
    scripts = Counter(script_of(ch) for ch in sample if ch.isalpha())
    if sum(scripts.values()) < MIN_LETTERS:
        return None
    kana = scripts["Hiragana"] + scripts["Katakana"]
    groups = {
        "Latin": scripts["Latin"],
        "Cyrillic": scripts["Cyrillic"],
        "CJK": scripts["Han"] + kana,
        "Hangul": scripts["Hangul"],
        "Devanagari": scripts["Devanagari"],
    }
    top = max(groups, key=lambda g: groups[g])
    if groups[top] == 0 or scripts["Other"] > groups[top]:
        return None
    if top == "Hangul":
        return "ko"
    if top == "Devanagari":
        return "hi"
    if top == "CJK":
        return "ja" if kana >= 0.1 * groups["CJK"] else "zh"
    wanted = set(candidates or ())
    if top == "Cyrillic":
        uk = sum(ch in _UKRAINIAN_ONLY for ch in sample)
        ru = sum(ch in _RUSSIAN_ONLY for ch in sample)
        if uk != ru:
            return "uk" if uk > ru else "ru"
        return _statistical(sample, _CYRILLIC_LANGS)
    langs = tuple(lang for lang in _LATIN_LANGS if lang in wanted) or _LATIN_LANGS
    if len(langs) == 1:
        return langs[0]
    if expected in langs and _function_words_confirm(sample, expected, langs):
        return expected
    return _statistical(sample, langs)


def _function_words_confirm(sample: str, expected: str, langs: tuple[str, ...]) -> bool:
    """Whether the sample's words are clearly `expected`'s: at least `CONFIRM_HITS` of them
    among its `FUNCTION_WORDS` commonest words, and `CONFIRM_FACTOR` times as many as among
    any other candidate's. Function words are what a language repeats most, and the few that
    neighbours share ("de", "la", "en") count for both, so a close call goes to statistics."""
    words = Counter(_WORD_RE.findall(sample.casefold()))
    hits = {lang: sum(words[w] for w in _function_words(lang) & words.keys()) for lang in langs}
    own = hits.pop(expected)
    return own >= CONFIRM_HITS and all(own >= CONFIRM_FACTOR * n for n in hits.values())


def _function_words(lang: str) -> frozenset[str]:
    return _function_word_lists().get(lang, frozenset())


@lru_cache(maxsize=1)
def _function_word_lists() -> dict[str, frozenset[str]]:
    """`data/function-words.json`: wordfreq's commonest words of each Latin-script language,
    shipped, since loading a language's whole frequency list costs more than the detection
    it spares (10 lists: 0.6 s and 260 MB)."""
    import json
    from importlib import resources

    lists = json.loads(
        resources.files("mtlint").joinpath("data/function-words.json").read_text("utf-8")
    )
    return {lang: frozenset(words[:FUNCTION_WORDS]) for lang, words in lists.items()
            if not lang.startswith("_")}


def _sample(text: str) -> str:
    """At most SAMPLE_CHARS characters, in equal slices spread over the whole text."""
    if len(text) <= SAMPLE_CHARS:
        return text
    width = SAMPLE_CHARS // _SAMPLE_PARTS
    step = (len(text) - width) / (_SAMPLE_PARTS - 1)
    return " ".join(text[int(k * step) : int(k * step) + width] for k in range(_SAMPLE_PARTS))


def _statistical(sample: str, langs: tuple[str, ...]) -> str | None:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.set_prior_map({lang: 1.0 for lang in langs})
    detector.append(sample)
    try:
        best = detector.get_probabilities()
    except LangDetectException:  # no usable n-grams (e.g. only digits and symbols)
        return None
    return best[0].lang if best else None


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    """A langdetect factory holding only the statistically detected languages, seeded."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.seed = 0  # on this instance: same result for the same text, every run
    factory.load_json_profile(
        [
            (Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8")
            for lang in _LATIN_LANGS + _CYRILLIC_LANGS
        ]
    )
    return factory
