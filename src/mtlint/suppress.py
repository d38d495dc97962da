"""Inline suppression: `<!-- mtlint: ignore CODES -->` and `disable` … `enable` ranges.

Modelled on vale's markup comments and ruff's `noqa`: codes are prefixes, no code (or `ALL`)
means every rule, and a directive that suppressed nothing is itself reported (MT903), so stale
comments do not pile up. The loaders find the comments (`Document.directives`); this module
reads their text and decides which findings they hide.

- `ignore` hides findings in the block that follows the comment, or in the block that holds it
  when the comment sits inside a paragraph or ends its last line.
- `disable` hides findings from the comment on; `enable` ends that for the codes it names (no
  code: for all). For each finding, the last `disable`/`enable` before it that names its code
  decides, so `disable MT2` … `enable MT201` leaves MT202 disabled.
- A directive in the translation applies to findings reported in the translation (their primary
  span); one in the original applies to findings with a span in the original.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mtlint.model import Directive, Document, Finding, Side, Span

if TYPE_CHECKING:  # the rule package is imported only when findings are judged
    from mtlint.rules.registry import Issue

KINDS = ("ignore", "disable", "enable")
_DIRECTIVE = re.compile(r"\s*mtlint\s*:\s*([A-Za-z_-]*)(.*?)\s*\Z", re.DOTALL | re.IGNORECASE)
_CODE_SEPARATORS = re.compile(r"[\s,\[\]]+")
_SPACES = re.compile(r"\s+")


def parse_directive(comment: str, start: int, end: int) -> Directive | None:
    """The directive in an HTML comment's inner text, or None for an ordinary comment."""
    match = _DIRECTIVE.match(comment)
    if match is None:
        return None
    codes = tuple(c.upper() for c in _CODE_SEPARATORS.split(match.group(2)) if c)
    return Directive(match.group(1).lower(), () if "ALL" in codes else codes, start, end)


@dataclass(frozen=True)
class Outcome:
    """The findings no directive hid, and one MT903 issue per directive that hid nothing."""

    findings: tuple[Finding, ...]
    unused: tuple[Issue, ...]


def apply_directives(
    findings: Iterable[Finding], docs: Mapping[Side, Document], ran: Collection[str]
) -> Outcome:
    """Drop the findings that the directives of `docs` ("source", "target") suppress.

    `ran` are the codes of the rules that ran: a directive naming only rules that did not run
    cannot be judged, so it is never reported as unused.
    """
    sides = {side: _Side(doc, side) for side, doc in docs.items() if doc.directives}
    kept = []
    for finding in findings:
        hits = [(s, i) for s in sides.values() if (i := s.suppressor(finding)) is not None]
        for side, i in hits:
            side.used.add(i)
        if not hits:
            kept.append(finding)
    unused = tuple(issue for s in sides.values() for issue in s.unused_issues(ran))
    return Outcome(tuple(kept), unused)


class _Side:
    """The directives of one document, with the block each `ignore` covers."""

    def __init__(self, doc: Document, side: Side) -> None:
        self.doc = doc
        self.side = side
        self.used: set[int] = set()
        self.covers = [_covered_block(doc, d) for d in doc.directives]

    def suppressor(self, finding: Finding) -> int | None:
        """Index of the directive that hides `finding` on this side, if any."""
        for span in self._spans(finding):
            found = self._decide(finding.code, span)
            if found is not None:
                return found
        return None

    def _spans(self, finding: Finding) -> list[Span]:
        primary = finding.primary
        if self.side == "target":
            return [primary] if primary is not None and primary.side == "target" else []
        return [s for s in finding.spans if s.side == "source"]

    def _decide(self, code: str, span: Span) -> int | None:
        raw = self.doc.raw_offset(min(span.start, len(self.doc.text)))
        ranged = None
        for i, directive in enumerate(self.doc.directives):
            if not _names(directive, code):
                continue
            cover = self.covers[i]
            if directive.kind == "ignore" and cover and _overlaps(span, cover):
                return i
            if directive.kind in ("disable", "enable") and directive.start < raw:
                ranged = i if directive.kind == "disable" else None
        return ranged

    def unused_issues(self, ran: Collection[str]) -> Iterable[Issue]:
        from mtlint.rules import RULES
        from mtlint.rules.registry import Issue

        for i, directive in enumerate(self.doc.directives):
            if i in self.used or directive.kind == "enable":
                continue
            text = _SPACES.sub(" ", self.doc.raw[directive.start : directive.end])
            line = self.doc.line_col(directive.start)[0]
            unknown = [c for c in directive.codes if not any(r.startswith(c) for r in RULES)]
            if directive.kind not in KINDS:
                message = f"`{text}` (line {line}) is not a directive: use {', '.join(KINDS)}"
            elif unknown:
                message = f"`{text}` (line {line}) names no rule: {', '.join(unknown)}"
            elif not directive.codes or any(_names(directive, code) for code in ran):
                message = f"`{text}` (line {line}) suppressed nothing"
            else:
                continue
            yield Issue(message, (self._anchor(directive),))

    def _anchor(self, directive: Directive) -> Span:
        """A zero-width span at the first prose character after the comment."""
        pos = bisect.bisect_left(self.doc.offsets, directive.end, 0, len(self.doc.text))
        return Span(self.side, pos, pos)


def _names(directive: Directive, code: str) -> bool:
    return not directive.codes or any(code.startswith(c) for c in directive.codes)


def _overlaps(span: Span, cover: tuple[int, int]) -> bool:
    return span.start < cover[1] and max(span.end, span.start + 1) > cover[0]


def _covered_block(doc: Document, directive: Directive) -> tuple[int, int] | None:
    """Prose range of the block an `ignore` applies to.

    The block that holds the comment, or that the comment closes on the same line
    ("Text. <!-- mtlint: ignore -->"), else the next block.
    """
    for block in doc.blocks:
        end = doc.raw_span(block.start, block.end)[1]
        if end > directive.start or not doc.raw[end : directive.start].strip(" \t"):
            return block.start, block.end
    return None
