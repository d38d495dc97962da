"""The words of a sentence as the rules see them: prose tokens with their casing, outside URLs,
addresses and handles, and the citations (quotes, brackets) a foreign word may sit in.

Shared by the accuracy rules: each sentence is tokenised once (cached) whichever rule reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from mtlint.lexicon import normalise, tokens
from mtlint.model import Segment

#: A Roman numeral in capitals ("VI", "XIV"): no acronym, and an ordinal where a full stop
#: follows it in the languages that write "XIV." for "the fourteenth".
ROMAN_RE = re.compile(r"[IVXLCDM]+")
#: A URL, up to the space, quote or bracket that ends it.
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”‘’«»()\[\]{}]+", re.IGNORECASE)

#: Stretches whose words are not prose: URLs, e-mail addresses, handles and hashtags, bare
#: domains and file names.
_NOT_PROSE_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<!\w)[@#]\w+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b(?:/\S*)?",
    re.IGNORECASE,
)
#: What every match of `_NOT_PROSE_RE` contains (a scheme, "www.", "@" or "#", or a dot before
#: a letter, under the same flags): a sentence without any of it, most of them, skips that
#: pattern, whose alternatives are slow to try at every position.
_MAY_HIDE_RE = re.compile(r"://|www\.|[@#]|\.[a-z]", re.IGNORECASE)
#: Parentheses and quotations: a foreign word inside them is a deliberate citation of the
#: original (a name in its own script, a glossed term), not a leftover.
_CITED_RE = re.compile(
    r"\([^()]*\)|“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]|「[^」]*」|『[^』]*』|‘(?:[^’]|’\w)*’"
)
_NOT_LETTERS_RE = re.compile(r"[\W\d_]+")

def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1]}…'"




class Word(NamedTuple):
    """A prose token of a segment; offsets relative to the segment text.

    `casing` is 'lower', 'capital', 'upper' (an acronym), 'mixed' ("iPhone") or 'none' (a
    caseless script). A named tuple, not a dataclass: one is built for every word of every
    sentence, and a tuple is several times cheaper to build.
    """

    start: int
    end: int
    text: str
    norm: str
    casing: str


def _casing(word: str) -> str:
    if word.islower():
        return "lower"
    rest = word[1:]
    if word.isupper():
        return "upper" if any(ch.isupper() for ch in rest) else "capital"
    if not word[0].isupper():
        return "none" if word == word.lower() == word.upper() else "mixed"
    return "capital" if rest == rest.lower() else "mixed"


@lru_cache(maxsize=4096)
def prose_words(text: str) -> tuple[Word, ...]:
    """The words of `text` outside URLs, addresses and handles (cached: MT101 and MT102 both
    read every sentence)."""
    found = tokens(text)
    if ("." in text or "@" in text or "#" in text) and _MAY_HIDE_RE.search(text):
        hidden = [m.span() for m in _NOT_PROSE_RE.finditer(text)]
        if hidden:
            found = [t for t in found if not any(h0 <= t[0] < h1 for h0, h1 in hidden)]
    # tuple.__new__ builds each Word without the named tuple's Python-level constructor.
    new = tuple.__new__
    return tuple([new(Word, (a, b, w, *form)) for a, b, w in found if (form := word_form(w))])


@lru_cache(maxsize=65536)
def word_form(word: str) -> tuple[str, str] | tuple[()]:
    """(normalised form, casing) of a word, or () for a numeral ("三", "Ⅻ"), which is no
    prose word; cached, since prose repeats its words."""
    if word.isnumeric():
        return ()
    return normalise(word), _casing(word)


def content_words(words: Sequence[Word]) -> list[Word]:
    """Lowercase and caseless words: the ones that carry a sentence's language (capitalised
    words are mostly names, whatever the language)."""
    return [w for w in words if w.casing in ("lower", "none")]


def word_count(words: Sequence[Word]) -> int:
    """Words, counting a Han/kana run as one word per two characters."""
    return sum(max(1, len(w.text) // 2) if w.casing == "none" else 1 for w in words)


def cited_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CITED_RE.finditer(text)] if _may_cite(text) else []


def _may_cite(text: str) -> bool:
    return any(ch in text for ch in "(\"“„«「『‘")


def inside(word: Word, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < word.start < end for start, end in spans)


def letters(text: str) -> str:
    return _NOT_LETTERS_RE.sub(" ", normalise(text)).strip()


def sentence_runs(indices: Sequence[int], segments: Sequence[Segment]) -> Iterator[list[int]]:
    """Consecutive segment indices, split where a paragraph (block) changes."""
    run: list[int] = []
    for i in indices:
        if run and (i != run[-1] + 1 or segments[i].block != segments[run[-1]].block):
            yield run
            run = []
        run.append(i)
    if run:
        yield run
