"""Sentence segmentation of the prose view, per language.

One compiled pattern finds every place a sentence *could* end inside a block (terminal
punctuation with its closing quotes, a CJK or Devanagari full stop, a line break); a few cheap
checks around each candidate decide. The checks are deliberately literal: a period followed by
whitespace ends a sentence whatever the case of the next word, unless the word before it is an
abbreviation, an initial, an ordinal or an enumerator. The segmenter never repairs text, because
the rules need to see broken boundaries ("in the north. at the district level." stays two
sentences). Abbreviation tables are data (`data/abbreviations.json`), loaded once per language.
One abbreviation needs the next word: a dotted initialism ("U.S.", "D.C.") before a capital
ends a sentence only if that word is a common one ("She", "Then"; see `OPENER_ZIPF`), since
"the U.S. Secret Service" goes on.

Line breaks inside a block (hard-wrapped paragraphs, soft breaks) read as spaces, with two
exceptions where the line itself is the unit: a line followed by a list bullet ("- ", "* ",
"• ", "3. ", "3) "), and a short line (at most 8 words and 60 columns, CJK counting double)
without final punctuation followed by a line that starts with a capital or a caseless letter,
which is a title, byline or list entry written without a blank line. Wrapped prose lines are
longer than that, so a proper noun at the start of a wrapped line does not split.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtlint.model import Document, Segment

#: Closing quotes and brackets that stay with the sentence they end. Includes the characters that
#: open quotes in one convention and close them in another (“ in German „…“, « in »…«): they
#: count as closers only directly after terminal punctuation.
_CLOSERS = "\"'”’“‘»«›‹)]）］」』】〉》〕"
#: What may precede the first letter of a word: opening quotes, brackets, dashes, emphasis marks.
_OPENERS = "\"'“‘”’„‚«»‹›([{（［「『【〈《¿¡*_-–—"
#: Terminal punctuation; a line ending in one of these was already decided by the pattern.
_TERMINALS = frozenset(".!?…‽⁇⁈⁉‼؟۔。！？｡︒．।॥")
#: Marks that end a sentence wherever they stand (question, exclamation, Urdu full stop).
_UNAMBIGUOUS = frozenset("!?‽⁇⁈⁉‼؟۔")
#: A line ending in one of these continues on the next line.
_CONTINUATION = frozenset(",;:-‐–—/(&+·、，；：")
#: After a CJK full stop and its closers, these keep the sentence going: a comma-like mark, or
#: the Japanese quotative particle (「準備ができた。」と言った).
_CJK_CONTINUATION = frozenset("，、,;；:：")
_QUOTATIVES = ("と", "って")

_CJK_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CLOSER_CLASS = re.escape(_CLOSERS)
#: The characters that open a candidate: CJK and Devanagari stops, Latin-style terminal
#: punctuation (a line break is the third kind).
_STRONG_STOPS = "。！？｡︒"
_INDIC_STOPS = "।॥"
_LATIN_TERMINALS = ".!?…‽⁇⁈⁉‼؟۔"

_CANDIDATE = re.compile(
    rf"""
      (?P<strong>(?:[{_STRONG_STOPS}]|．(?![0-9０-９]))[{_STRONG_STOPS}．!?]*|[{_INDIC_STOPS}]+)
      [{_CLOSER_CLASS}]*
    | (?P<term>[{_LATIN_TERMINALS}]+)
      (?P<close>(?:[{_CLOSER_CLASS}]|[ \u00a0\u202f][»›])*)
      (?:\[\d{{1,3}}\])*
      (?=\s|$|[{_CJK_LETTERS}])
    | (?P<nl>\n)
    """,
    re.VERBOSE,
)
#: Where a candidate can start. Every alternative of `_CANDIDATE` opens with one of these, so
#: trying it only there finds the same matches as scanning with it, many times faster: the
#: alternation is costly at every position of a sentence, a character class is not.
_CANDIDATE_START = re.compile(f"[{_STRONG_STOPS}．{_INDIC_STOPS}{_LATIN_TERMINALS}\n]")
#: What a block's final run may hold: Latin-style terminals and closers, no whitespace.
_FINAL_RUN = _LATIN_TERMINALS + _CLOSERS
_NEXT_CHAR = re.compile(rf"[\s{re.escape(_OPENERS)}]*(.)", re.DOTALL)
#: The next word, and a comma right after it ("However," opens a sentence).
_NEXT_WORD = re.compile(rf"[\s{re.escape(_OPENERS)}]*([^\W\d_]+)(,?)")
#: A dotted initialism of capitals ("U.S", "D.C", "U.S.A": the token before the final period).
_INITIALISM = re.compile(r"[A-Z]{1,2}(?:\.[A-Z]{1,2})+")
#: After an initialism, a capitalised word at least this frequent (Zipf) opens a sentence
#: ("…moved to the U.S. She stayed", "Then", "After"); a rarer one goes on with the name
#: ("the U.S. Secret Service", "U.S. President", "the U.K. Home Office").
OPENER_ZIPF = 5.5
_WORD = re.compile(r"\w")
_ENUMERATOR = re.compile(r"\d{1,3}(?:\.\d{1,3})*|[IVXLCM]{1,6}|[A-Za-z]")
_ROMAN_RANGE = re.compile(r"[IVXLCDM]+(?:[–-][IVXLCDM]+)?")
_BULLET = re.compile(r"[ \t]*(?:[-*•]|\d{1,3}[.)])[ \t]")

_SHORT_LINE_WORDS = 8
_SHORT_LINE_COLUMNS = 60
_MAX_TOKEN = 64

# Abbreviation classes (see data/abbreviations.json).
_INNER, _FINAL, _NUMERIC, _AFTER_NUMBER = "inner", "final", "numeric", "after_number"
# What the next word starts with.
_UPPER, _LOWER, _DIGIT, _CASELESS, _NOTHING = range(5)


@dataclass(frozen=True)
class _Abbreviations:
    """One language's abbreviations, keyed by the token before the final period."""

    single: dict[str, str]
    #: Word endings that are abbreviations ("-str." in "Hauptstr.").
    suffixes: tuple[tuple[str, str], ...]
    #: Last-or-inner part of a multi-part abbreviation -> (all parts, which part, class).
    parts: dict[str, tuple[tuple[tuple[str, ...], int, str], ...]]
    ordinal_period: bool
    #: Nouns are capitalised: a capital after "3." does not show that a sentence starts.
    capitalised_nouns: bool
    lang: str


def segment(doc: Document, lang: str) -> tuple[Segment, ...]:
    """Split every block of `doc` into sentences; indices run over the whole document.

    Whitespace-only blocks yield nothing; every other block yields at least one segment.
    """
    abbr = _abbreviations(_base_lang(lang))
    text = doc.text
    segments: list[Segment] = []
    for block_index, block in enumerate(doc.blocks):
        for start, end in _block_spans(text, block.start, block.end, abbr):
            segments.append(Segment(len(segments), text[start:end], start, end, block_index))
    return tuple(segments)


def _block_spans(text: str, lo: int, hi: int, abbr: _Abbreviations) -> list[list[int]]:
    """Trimmed sentence spans of text[lo:hi]; a piece without any word character (a stray
    "." or "…", a code placeholder) joins its neighbour instead of standing alone."""
    cuts = _cuts(text, lo, hi, abbr)
    if not cuts:  # one piece, kept whether or not it has a word character
        start, end = _trim(text, lo, hi)
        return [[start, end]] if start < end else []
    spans: list[list[int]] = []
    carry: int | None = None
    piece_start = lo
    for cut in [*cuts, hi]:
        start, end = _trim(text, piece_start, cut)
        piece_start = cut
        if start == end:
            continue
        if not _WORD.search(text, start, end):
            if spans:
                spans[-1][1] = end
            elif carry is None:
                carry = start
            continue
        spans.append([start if carry is None else carry, end])
        carry = None
    if carry is not None:
        spans.append([carry, _trim(text, carry, hi)[1]])
    return spans


def _cuts(text: str, lo: int, hi: int, abbr: _Abbreviations) -> list[int]:
    """Positions in [lo, hi) where a sentence ends, ascending.

    Most blocks of a sentence pair are one sentence whose only candidates are in its final
    run of terminals and closers: such a candidate ends at the block's end or before its
    trailing whitespace, so it never cuts, and the block is settled by one search.
    """
    body = text[lo:hi].rstrip()
    if _CANDIDATE_START.search(text, lo, lo + len(body.rstrip(_FINAL_RUN))) is None:
        return []
    return _scan_cuts(text, lo, hi, abbr)


def _scan_cuts(text: str, lo: int, hi: int, abbr: _Abbreviations) -> list[int]:
    """`_cuts` the long way: every candidate is judged."""
    cuts = []
    for m in _candidates(text, lo, hi):
        end = m.end()
        if m["nl"] is None and (end >= hi or text[end:hi].isspace()):
            continue  # the block ends here anyway: cut or not, the sentences are the same
        if m["nl"] is not None:
            if _line_is_unit(text, lo, m.start(), hi):
                cuts.append(m.start())
        elif m["strong"] is not None:
            if end >= hi or not (
                text[end] in _CJK_CONTINUATION or text.startswith(_QUOTATIVES, end)
            ):
                cuts.append(end)
        elif _term_ends(text, lo, hi, m, abbr):
            cuts.append(end)
    return cuts


def _candidates(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The matches of `_CANDIDATE.finditer(text, lo, hi)`, tried only where one can start."""
    pos = lo
    while (start := _CANDIDATE_START.search(text, pos, hi)) is not None:
        m = _CANDIDATE.match(text, start.start(), hi)
        if m is None:
            pos = start.end()
            continue
        yield m
        pos = m.end()


def _term_ends(text: str, lo: int, hi: int, m: re.Match[str], abbr: _Abbreviations) -> bool:
    """Whether Latin-style terminal punctuation (m["term"], then closers) ends a sentence."""
    term, closed, end = m["term"], bool(m["close"]), m.end()
    unambiguous = not _UNAMBIGUOUS.isdisjoint(term)
    if end < hi and not text[end].isspace():
        return unambiguous  # glued to CJK text, where a period may belong to a name or number

    following = _next_start(text, end, hi)
    if closed and following == _LOWER:
        return False  # a quoted sentence inside a sentence: He said "Go!" and left.
    if unambiguous:
        return True
    if term != ".":
        # An ellipsis: a pause unless a new sentence visibly starts; "[…]" marks an omission.
        return following == _UPPER and not (m.start() > lo and text[m.start() - 1] in "[(")
    return closed or _period_ends(text, lo, hi, m.start(), following, abbr)


def _period_ends(
    text: str, lo: int, hi: int, dot: int, following: int, abbr: _Abbreviations
) -> bool:
    """Whether a single period followed by whitespace ends a sentence."""
    tok_start = dot
    limit = max(lo, dot - _MAX_TOKEN)
    while tok_start > limit and not text[tok_start - 1].isspace():
        tok_start -= 1
    token = text[tok_start:dot].lstrip(_OPENERS)
    if not token:
        return True
    at_line_start = tok_start == lo or text[tok_start - 1] == "\n"
    if at_line_start and _ENUMERATOR.fullmatch(token):
        return False  # "1. Introduction", "IV. Results"
    kind = _abbreviation_kind(text, lo, hi, tok_start, dot, token, abbr)
    if kind == _AFTER_NUMBER:
        kind = _FINAL if _after_number(text, lo, tok_start) else _INNER
    if kind == _INNER:
        return False
    if kind == _FINAL:
        if (
            following == _UPPER
            and _INITIALISM.fullmatch(token)
            and _name_goes_on(text, dot + 1, hi, abbr.lang)
        ):
            return False
        return following in (_UPPER, _CASELESS)
    if kind == _NUMERIC and following == _DIGIT:
        return False
    if len(token) == 1 and token.isupper():
        # An initial before a name ("J. R. R. Tolkien"), or the last of a run ("Nguyễn V. A. cho").
        return not (following in (_UPPER, _CASELESS) or _initial_before(text, lo, tok_start))
    if abbr.ordinal_period and token.isdigit() and len(token) <= 3:
        # "am 3. Oktober", "3. května"; but "przy ulicy Spokojnej 2. Jeśli …" ends at the number
        return following == _UPPER and not abbr.capitalised_nouns
    return True


def _abbreviation_kind(
    text: str, lo: int, hi: int, tok_start: int, dot: int, token: str, abbr: _Abbreviations
) -> str | None:
    for parts, k, kind in abbr.parts.get(token, ()):
        if _parts_match(text, lo, hi, tok_start, dot, parts, k):
            return _INNER if k < len(parts) - 1 else kind
    kind = abbr.single.get(token)
    if kind is None and token[0].isupper():
        kind = abbr.single.get(token[0].lower() + token[1:])  # sentence-initial "Etc.", "Ca."
    if kind is None:
        kind = next((k for suffix, k in abbr.suffixes if token.endswith(suffix)), None)
    if kind is None and "." in token:
        pieces = token.split(".")
        if all(piece in abbr.single for piece in pieces):
            kind = abbr.single[pieces[-1]]  # "PGS.TS."
        elif all(0 < len(piece) <= 2 and piece.isalpha() for piece in pieces):
            kind = _FINAL  # dotted initialism: "U.S.", "e.g.", "v.v."
    return kind


def _parts_match(
    text: str, lo: int, hi: int, tok_start: int, dot: int, parts: tuple[str, ...], k: int
) -> bool:
    """Whether the token at tok_start is part k of the multi-part abbreviation `parts`."""
    pos = tok_start
    for j in range(k - 1, -1, -1):
        span = _token_before(text, lo, pos)
        if span is None:
            return False
        token = text[span[0] : span[1]]
        if (token.lstrip(_OPENERS) if j == 0 else token) != parts[j]:
            return False
        pos = span[0]
    pos = dot + 1
    for part in parts[k + 1 :]:
        while pos < hi and text[pos].isspace():
            pos += 1
        if not text.startswith(part, pos, hi):
            return False
        pos += len(part)
    return True


def _name_goes_on(text: str, pos: int, hi: int, lang: str) -> bool:
    """Whether the capitalised word after an initialism continues a name rather than opening
    a sentence: it is rarer than `OPENER_ZIPF` in `lang` and no comma follows it. Asked only
    of an initialism before a capital, so the word list is loaded only for such texts."""
    m = _NEXT_WORD.match(text, pos, hi)
    if m is None or m[2]:
        return False
    from mtlint.lexicon import zipf

    frequency = zipf(m[1].casefold(), lang)
    return frequency is not None and frequency < OPENER_ZIPF


def _token_before(text: str, lo: int, pos: int) -> tuple[int, int] | None:
    """The whitespace-delimited token that ends before the whitespace preceding `pos`."""
    end = pos
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end == pos or end == lo:
        return None
    start = end
    while start > lo and end - start < _MAX_TOKEN and not text[start - 1].isspace():
        start -= 1
    return start, end


def _initial_before(text: str, lo: int, tok_start: int) -> bool:
    span = _token_before(text, lo, tok_start)
    if span is None:
        return False
    token = text[span[0] : span[1]].lstrip(_OPENERS)
    return len(token) == 2 and token[1] == "." and token[0].isupper()


def _after_number(text: str, lo: int, tok_start: int) -> bool:
    span = _token_before(text, lo, tok_start)
    if span is None:
        return False
    token = text[span[0] : span[1]]
    return token[-1].isdigit() or _ROMAN_RANGE.fullmatch(token) is not None


def _next_start(text: str, pos: int, hi: int) -> int:
    """What the next word starts with, past whitespace and opening quotes or brackets."""
    m = _NEXT_CHAR.match(text, pos, hi)
    if m is None:
        return _NOTHING
    ch = m[1]
    if ch.isupper():
        return _UPPER
    if ch.islower():
        return _LOWER
    if ch.isdigit():
        return _DIGIT
    return _CASELESS if ch.isalpha() else _NOTHING


def _line_is_unit(text: str, lo: int, nl: int, hi: int) -> bool:
    """Whether the line break at `nl` ends a sentence (see the module docstring)."""
    line_start = text.rfind("\n", lo, nl) + 1 or lo
    line = text[line_start:nl].rstrip()
    if not line:
        return False
    if _BULLET.match(text, nl + 1, hi):
        return True
    last = line.rstrip(_CLOSERS)[-1:]
    if not last or last in _TERMINALS or last in _CONTINUATION:
        return False
    if _next_start(text, nl + 1, hi) not in (_UPPER, _CASELESS):
        return False
    return len(line.split()) <= _SHORT_LINE_WORDS and _columns(line) <= _SHORT_LINE_COLUMNS


def _columns(line: str) -> int:
    if len(line) > _SHORT_LINE_COLUMNS:
        return len(line)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


@lru_cache(maxsize=64)
def _base_lang(lang: str) -> str:
    """Cached: every sentence pair asks about the same few tags."""
    return lang.lower().replace("_", "-").split("-")[0]


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> _Abbreviations:
    table = abbreviation_table()
    single: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    parts: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
    for scope in ("*", lang):
        for kind, entries in table["languages"].get(scope, {}).items():
            for entry in entries:
                words = tuple(entry.split())
                if entry.startswith("-"):
                    suffixes[entry[1:-1]] = kind
                elif len(words) == 1:
                    single[entry[:-1]] = kind
                else:
                    single["".join(words)[:-1]] = kind  # compact form: "z.B."
                    for k, word in enumerate(words):
                        parts.setdefault(word[:-1], []).append((words, k, kind))
    return _Abbreviations(
        single=single,
        suffixes=tuple(suffixes.items()),
        parts={key: tuple(value) for key, value in parts.items()},
        ordinal_period=lang in table["ordinal_period"],
        capitalised_nouns=lang in table["capitalised_nouns"],
        lang=lang,
    )


@lru_cache(maxsize=1)
def abbreviation_table() -> dict:
    """`data/abbreviations.json`: abbreviations per language, and the languages that write
    ordinals with a full stop (see its `_about`)."""
    from importlib import resources  # costs more to import than the whole CLI's --help

    data = resources.files("mtlint").joinpath("data").joinpath("abbreviations.json")
    return json.loads(data.read_text(encoding="utf-8"))
