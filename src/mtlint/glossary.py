"""The terminology glossary: required translations and do-not-translate terms, and how to find them.

A glossary is a CSV or TSV file of `source,target` rows (a header row is optional). A row whose
target is empty or equal to its source, or whose third column says `dnt` / `do-not-translate`,
is a do-not-translate term: it must stay as it is in the translation.

Matching has to survive real text and large glossaries:

- Case and diacritics are folded with a length-preserving table (`fold`), so an offset into the
  folded text is an offset into the original: "Ha Noi" finds "Hà Nội" and the finding points at
  the right characters. A term written with diacritics must find them in the original, though:
  in Vietnamese "cầu" (bridge), "câu" (sentence) and "cậu" (uncle) differ only by them.
- Texts are split into tokens (letters and digits; each Han or kana character is a token of its
  own), and terms into the same tokens and the gaps between them, so "traffic  light" with two
  spaces or across a line break still matches "traffic light", and "COVID-19" matches
  "COVID‑19" written with a non-breaking hyphen.
- Simple inflection is accepted per language (`INFLECTIONS`): English plurals, German case
  endings, Italian vowel changes, a short free ending in Slavic languages; none in Vietnamese or
  Chinese. It is a stem-and-suffix test, not morphology: its job is to stay quiet on "bridges"
  when the glossary says "bridge".
- The source scan is one pass over the tokens with a dictionary of terms keyed by the first
  characters of their first token (an Aho-Corasick-like scan): its cost does not grow with the
  number of terms, only with the length of the text.

`load_glossary` is the one function here that reads a file; everything else is pure.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from mtlint.errors import ConfigError

#: Values of the third column that make a row do-not-translate.
DNT_MARKS = frozenset(
    {"dnt", "do-not-translate", "do not translate", "donottranslate", "notranslate",
     "no-translate", "yes", "true", "1", "x"}
)
_SOURCE_HEADERS = frozenset({"source", "src", "source term", "source_term", "term", "original"})
_TARGET_HEADERS = frozenset({"target", "tgt", "target term", "target_term", "translation"})

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A token: one Han or kana character, or a run of other letters and digits.
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_SPACE_OR_HYPHEN = frozenset(" -")
_VOWELS = frozenset("aeiouyаеёиоуыэюяіїєь")


@dataclass(frozen=True, slots=True)
class Inflection:
    """How a word of a language may end differently from its glossary form.

    `suffixes` may follow the glossary form; with `drop_vowel`, a final vowel may first be
    dropped (Italian "ponte" → "ponti"); `free` allows any ending of up to that many letters
    (for languages whose case endings no short list covers).
    """

    suffixes: frozenset[str] = frozenset()
    drop_vowel: bool = False
    free: int = 0


_NO_INFLECTION = Inflection()
_SLAVIC = Inflection(drop_vowel=True, free=3)
#: Per language; languages not listed get `_DEFAULT_INFLECTION`.
INFLECTIONS: dict[str, Inflection] = {
    "en": Inflection(frozenset({"s", "es"})),
    "de": Inflection(frozenset({"e", "en", "n", "s", "es", "er", "ern", "ns", "em"})),
    "fr": Inflection(frozenset({"s", "x", "e", "es"})),
    "es": Inflection(frozenset({"s", "es"})),
    "pt": Inflection(frozenset({"s", "es"})),
    "it": Inflection(frozenset({"a", "e", "i", "o"}), drop_vowel=True),
    "nl": Inflection(frozenset({"s", "en", "n", "e"})),
    "pl": _SLAVIC, "cs": _SLAVIC, "ru": _SLAVIC, "uk": _SLAVIC,
    "vi": _NO_INFLECTION, "zh": _NO_INFLECTION, "ja": _NO_INFLECTION, "ko": _NO_INFLECTION,
}
_DEFAULT_INFLECTION = Inflection(frozenset({"s", "es"}))


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry: `targets` are the accepted translations (the source itself for a
    do-not-translate term); `line` is the first row it came from."""

    source: str
    targets: tuple[str, ...]
    dnt: bool
    line: int


@dataclass(frozen=True, slots=True)
class Hit:
    """A glossary term found in a text, at [start, end) of that text."""

    term: Term
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A term as tokens and the gaps between them (gaps[i] separates tokens i and i+1)."""

    tokens: tuple[str, ...]
    gaps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    """A term as indexed: its folded pattern and, for a term written with diacritics, the
    pattern that the text must also match with its diacritics (Vietnamese "cầu", bridge, is
    not "câu", sentence); a term written without them matches either way."""

    pattern: _Pattern
    marked: tuple[str, ...] | None  # per token, as `_marks` gives them
    term: Term


@dataclass(frozen=True, eq=False)
class Glossary:
    """Parsed glossary terms. Compared and hashed by identity: a `RuleContext` holding one stays
    cheap to hash however large the glossary is."""

    terms: tuple[Term, ...] = ()
    path: str | None = None

    def __bool__(self) -> bool:
        return bool(self.terms)

    @cached_property
    def _patterns(self) -> dict[str, list[_Entry]]:
        index: dict[str, list[_Entry]] = {}
        for term in self.terms:
            pattern = _pattern(fold(term.source))
            marks = tuple(_marks(t) for _, _, t in _tokens(term.source))
            marked = marks if any(marks) and len(marks) == len(pattern.tokens) else None
            if pattern.tokens:
                index.setdefault(_key(pattern.tokens[0]), []).append(
                    _Entry(pattern, marked, term)
                )
        for entries in index.values():
            entries.sort(key=lambda e: -len(e.pattern.tokens))  # the longest term wins
        return index

    def find(self, text: str, lang: str | None) -> list[Hit]:
        """Terms in `text` (case and diacritics folded, inflection tolerated), leftmost-longest
        and without overlaps."""
        if not self.terms:
            return []
        index = self._patterns
        folded = fold(text)
        toks = _tokens(folded)
        inflection = inflection_of(lang)
        hits: list[Hit] = []
        k = 0
        while k < len(toks):
            found = _longest_at(toks, k, text, folded, index, inflection)
            if found is None:
                k += 1
                continue
            term, width = found
            hits.append(Hit(term, toks[k][0], toks[k + width - 1][1]))
            k += width
        return hits


EMPTY_GLOSSARY = Glossary()


# --------------------------------------------------------------------------- folding


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Each Latin, Greek or Cyrillic letter → its case-folded base letter (one character, so
    offsets are kept); typographic apostrophes, hyphens and spaces → their plain forms."""
    table: dict[int, str] = {}
    for cp in [*range(0xC0, 0x530), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        folded = base.casefold() if base else ch
        if len(folded) != 1:
            folded = ch.lower() if len(ch.lower()) == 1 else ch
        if folded != ch:
            table[cp] = folded
    table.update({ord("đ"): "d", ord("Đ"): "d", ord("ł"): "l", ord("Ł"): "l", ord("ø"): "o",
                  ord("Ø"): "o", ord("ß"): "ß"})
    for ch in "’‘ʼ`´":
        table[ord(ch)] = "'"
    for ch in "‐‑‒–":
        table[ord(ch)] = "-"
    for ch in "\u00a0\u2007\u2009\u200a\u202f\u3000\t\n\r":
        table[ord(ch)] = " "
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    return table


@lru_cache(maxsize=1)
def _lower_table() -> dict[int, str]:
    """Upper-case letters → lower case, where that is one character (offsets are kept)."""
    table = {cp: chr(cp + 32) for cp in range(ord("A"), ord("Z") + 1)}
    for cp in [*range(0xC0, 0x530), *range(0x1E00, 0x1F00)]:
        low = chr(cp).lower()
        if len(low) == 1 and low != chr(cp):
            table[cp] = low
    return {**table, **{cp: ch for cp, ch in _fold_table().items() if not chr(cp).isalpha()}}


def lower(text: str) -> str:
    """`text` in lower case with diacritics kept, of the same length."""
    return text.translate(_lower_table())


def fold(text: str) -> str:
    """`text` case-folded and without diacritics, of the same length (offsets carry over)."""
    return text.translate(_fold_table())


@lru_cache(maxsize=1)
def _typography_table() -> dict[int, str]:
    """The part of the fold table that keeps letters as they are."""
    return {cp: ch for cp, ch in _fold_table().items() if not chr(cp).isalpha()}


def _plain(text: str) -> str:
    """`text` with typographic apostrophes, hyphens and spaces made plain; letters untouched."""
    return text.translate(_typography_table())


def inflection_of(lang: str | None) -> Inflection:
    base = (lang or "").lower().replace("_", "-").split("-")[0]
    return INFLECTIONS.get(base, _DEFAULT_INFLECTION)


# --------------------------------------------------------------------------- matching


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


def _pattern(text: str) -> _Pattern:
    toks = _tokens(text)
    gaps = tuple(_gap(text[a[1] : b[0]]) for a, b in zip(toks, toks[1:]))
    return _Pattern(tuple(t for _, _, t in toks), gaps)


def _gap(text: str) -> str:
    """A gap between two tokens, whitespace collapsed; spaces and hyphens are interchangeable
    ("e-mail" / "e mail"), other punctuation is not ("People's" is not "People s")."""
    squeezed = " ".join(text.split()) if text.strip() else (" " if text else "")
    return " " if squeezed and set(squeezed) <= _SPACE_OR_HYPHEN else squeezed


def _stem(token: str, inflection: Inflection) -> str:
    if inflection.drop_vowel and len(token) >= 4 and token[-1] in _VOWELS:
        return token[:-1]
    return token


def _key(token: str) -> str:
    """Index key of a term's first token: the first (up to) four letters of its stem. The stem
    is taken with the most permissive rule, so that every language's inflections find it."""
    return _stem(token, _SLAVIC)[:4]


def token_matches(word: str, form: str, inflection: Inflection) -> bool:
    """Whether text token `word` is glossary token `form` or an inflection of it."""
    if word == form:
        return True
    if form[-1:].isdigit() or len(word) < len(form) - 1:
        return False
    if form.endswith("y") and word == form[:-1] + "ies" and inflection.suffixes:
        return True
    for stem in {form, _stem(form, inflection)}:
        if word.startswith(stem):
            rest = word[len(stem) :]
            if rest in inflection.suffixes or (
                0 < len(rest) <= inflection.free and rest.isalpha()
            ):
                return True
    return False


def _marks(token: str) -> str:
    """The diacritics of a word, in a canonical order: Vietnamese "ủy" and "uỷ" (two
    placements of one tone mark) agree, "cầu" and "câu" do not."""
    return "".join(sorted(c for c in unicodedata.normalize("NFD", lower(token)) if not c.isascii()))


def _longest_at(
    toks: Sequence[tuple[int, int, str]],
    k: int,
    original: str,
    folded: str,
    index: dict[str, list[_Entry]],
    inflection: Inflection,
) -> tuple[Term, int] | None:
    word = toks[k][2]
    for size in range(min(4, len(word)), 0, -1):
        for entry in index.get(word[:size], ()):
            if _matches_at(toks, k, folded, entry.pattern, inflection) and (
                entry.marked is None or all(
                    _marks(original[toks[k + i][0] : toks[k + i][1]]) == marks
                    for i, marks in enumerate(entry.marked)
                )
            ):
                return entry.term, len(entry.pattern.tokens)
    return None


def _matches_at(
    toks: Sequence[tuple[int, int, str]],
    k: int,
    text: str,
    pattern: _Pattern,
    inflection: Inflection,
) -> bool:
    n = len(pattern.tokens)
    if k + n > len(toks):
        return False
    for i, form in enumerate(pattern.tokens):
        if not token_matches(toks[k + i][2], form, inflection):
            return False
        if i and _gap(text[toks[k + i - 1][1] : toks[k + i][0]]) != pattern.gaps[i - 1]:
            return False
    return True


def find_term(text: str, term: str, lang: str | None, *, exact: bool = False) -> Iterator[
    tuple[int, int]
]:
    """Where `term` occurs in `text`, inflection tolerated; case and diacritics folded unless
    `exact` (do-not-translate terms must be written as they are)."""
    prepare = _plain if exact else fold
    folded = prepare(text)
    pattern = _pattern(prepare(term))
    if not pattern.tokens:
        return
    toks = _tokens(folded)
    inflection = inflection_of(lang)
    for k in range(len(toks)):
        if _matches_at(toks, k, folded, pattern, inflection):
            yield toks[k][0], toks[k + len(pattern.tokens) - 1][1]


# --------------------------------------------------------------------------- reading


def parse_glossary(text: str, name: str = "glossary", delimiter: str | None = None) -> Glossary:
    """Terms from the text of a CSV or TSV glossary; `delimiter` None sniffs it.

    Terms with the same source (case and diacritics folded) are merged: each of their targets
    is an accepted translation.
    """
    delimiter = delimiter or _sniff(text)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    merged: dict[tuple[str, bool], Term] = {}
    first = _first_row(rows)
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == first and _is_header(cells):
            continue
        source = " ".join(cells[0].split())
        if not source:
            raise ConfigError(f"{name}:{number}: empty source term")
        target = " ".join(cells[1].split()) if len(cells) > 1 else ""
        flag = cells[2].casefold() if len(cells) > 2 else ""
        dnt = not target or target == source or flag in DNT_MARKS
        key = (fold(source), dnt)
        targets = (source,) if dnt else (target,)
        if key in merged:
            old = merged[key]
            targets = tuple(dict.fromkeys((*old.targets, *targets)))
            merged[key] = Term(old.source, targets, dnt, old.line)
        else:
            merged[key] = Term(source, targets, dnt, number)
    return Glossary(tuple(merged.values()), name)


def load_glossary(path: str | Path) -> Glossary:
    """Read and parse a glossary file: `.tsv` / `.tab` are tab-separated, `.csv` comma- (or
    semicolon-) separated, anything else is sniffed. UTF-8, with or without BOM, or UTF-16 with
    BOM."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the glossary ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else (
            data.decode("utf-8-sig")
        )
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the glossary is not UTF-8 text") from None
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else None
    return parse_glossary(text, str(path), delimiter)


def _sniff(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "\t" in first:
        return "\t"
    if ";" in first and "," not in first:
        return ";"
    return ","


def _first_row(rows: Sequence[Sequence[str]]) -> int:
    return next((i for i, row in enumerate(rows, start=1) if any(c.strip() for c in row)), 0)


def _is_header(cells: Sequence[str]) -> bool:
    """A first row naming its columns: "source,target", or two language codes ("vi,en")."""
    from mtlint.langid import SUPPORTED_LANGS

    names = [c.casefold() for c in cells[:2]]
    if names[0] in _SOURCE_HEADERS or (len(names) > 1 and names[1] in _TARGET_HEADERS):
        return True
    return len(names) > 1 and all(n in SUPPORTED_LANGS for n in names) and names[0] != names[1]
