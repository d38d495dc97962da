"""Core data types shared by every pipeline stage.

All offsets are code-point offsets. A `Document` keeps two texts: `raw`, the decoded file exactly
as the user gave it, and `text`, the prose view that segmentation and rules work on (markup
removed, entities decoded, code masked). `offsets` maps every position of `text` back to `raw`,
so a finding computed on prose can still point at a line and column of the user's file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Literal

Side = Literal["source", "target", "reference"]

#: Stands in for inline code in the prose view: one character, so offsets stay simple, and no
#: letter, so no prose rule ever reads code as words.
CODE_PLACEHOLDER = "\ufffc"


class Severity(str, Enum):
    """MQM severities; the order of declaration is the order of gravity."""

    NEUTRAL = "neutral"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of {names})") from None


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}


@dataclass(frozen=True, slots=True)
class Block:
    """A structural unit of the prose view (title, heading, paragraph, list item, caption, …).

    Sentences never cross a block boundary; blocks are also the paragraphs that the aligner
    uses as soft anchors and that suppression comments apply to.
    """

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Directive:
    """An `<!-- mtlint: KIND CODES -->` comment, found by the loader at raw offsets [start, end).

    `kind` is "ignore" (the next block), "disable" or "enable" (a range), or whatever else the
    author wrote, so that a misspelt directive can be reported instead of silently ignored.
    `codes` are rule code prefixes; empty means every rule.
    """

    kind: str
    codes: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One loaded file (or string) and its prose view."""

    raw: str
    text: str
    offsets: tuple[int, ...]
    blocks: tuple[Block, ...]
    fmt: str
    path: str | None = None
    lang: str | None = None
    encoding: str = "utf-8"
    directives: tuple[Directive, ...] = ()
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.text) + 1:
            raise ValueError("offsets must map every prose position, plus the end, to raw")
        starts = [0]
        end = self.raw.find("\n")
        while end >= 0:
            starts.append(end + 1)
            end = self.raw.find("\n", end + 1)
        object.__setattr__(self, "_line_starts", tuple(starts))

    def raw_offset(self, pos: int) -> int:
        """Raw (file) offset of prose position `pos`."""
        return self.offsets[pos]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of the prose span [start, end): the end maps from the last character."""
        if end <= start:
            r = self.offsets[start]
            return r, r
        return self.offsets[start], self.offsets[end - 1] + 1

    def line_col(self, raw_pos: int) -> tuple[int, int]:
        """1-based line and column of a raw offset."""
        line = bisect.bisect_right(self._line_starts, raw_pos) - 1
        return line + 1, raw_pos - self._line_starts[line] + 1

    def with_lang(self, lang: str) -> Document:
        return replace(self, lang=lang)


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence of the prose view: `text == document.text[start:end]`."""

    index: int
    text: str
    start: int
    end: int
    block: int


@dataclass(frozen=True, slots=True)
class Bead:
    """An alignment unit: source sentence indices matched to target sentence indices."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    cost: float
    confidence: float = 1.0
    unmatched: tuple[float, ...] = ()
    """Per sentence of the bead (source ones, then target ones), the aligner's belief that it
    has no counterpart at all, wherever the bead puts it; empty when not computed."""
    unsupported: tuple[bool, ...] = ()
    """Per sentence of the bead, in the same order, whether little in the bead translates it:
    of its anchors that the other side of the document shares, the bead matches a quarter of
    their weight at most, beyond what its partners on its own side explain (a merge or a wrong
    pairing that holds a sentence with no counterpart; one left unmatched); or none of its
    word-list entries is on the other side at all. Empty when not computed."""


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one document's prose view (`Document.text`)."""

    side: Side
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One flagged artefact. Spans point into the prose views; the report maps them to files."""

    code: str
    name: str
    severity: Severity
    category: str
    message: str
    spans: tuple[Span, ...]
    suggestion: str | None = None

    @property
    def primary(self) -> Span | None:
        """Where a finding is reported: its translation span when it has one, else its first."""
        return next((s for s in self.spans if s.side == "target"), None) or next(
            iter(self.spans), None
        )
