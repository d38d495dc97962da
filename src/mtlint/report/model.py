"""`Report`: everything one check produced, and its JSON form (the versioned contract)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from mtlint.model import Bead, Document, Finding, Segment, Severity, Span

#: Bumped only when a key changes meaning or disappears; new keys do not bump it.
JSON_VERSION = 1


@dataclass(frozen=True)
class ReferenceSide:
    """A reference translation as it was scored: its sentences and their alignment.

    The beads have the translation's sentences on their `src` side and this reference's on
    their `tgt` side, so a renderer can put each reference sentence beside the translation
    sentences it was scored against.
    """

    document: Document
    segments: tuple[Segment, ...]
    beads: tuple[Bead, ...]


@dataclass(frozen=True)
class Report:
    source: Document | None
    target: Document
    source_segments: tuple[Segment, ...]
    target_segments: tuple[Segment, ...]
    beads: tuple[Bead, ...]
    findings: tuple[Finding, ...]
    source_lang: str | None = None
    target_lang: str | None = None
    skipped_rules: tuple[str, ...] = ()
    scores: dict[str, Any] = field(default_factory=dict)
    #: The references behind `scores["reference"]`, in the order they were given.
    references: tuple[ReferenceSide, ...] = ()

    def document(self, side: str) -> Document:
        if side == "source":
            if self.source is None:
                raise ValueError("this report has no source document")
            return self.source
        return self.target

    def severity_counts(self) -> Counter[Severity]:
        return Counter(f.severity for f in self.findings)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def fails(self, fail_on: Severity) -> bool:
        """True when a finding reaches `fail_on` (the CI verdict)."""
        return any(f.severity.rank >= fail_on.rank for f in self.findings)

    def span_location(self, span: Span) -> dict[str, int]:
        """Raw offsets and 1-based line/column of a prose span in the user's file."""
        doc = self.document(span.side)
        start, end = doc.raw_span(span.start, span.end)
        line, column = doc.line_col(start)
        return {"start": start, "end": end, "line": line, "column": column}

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": JSON_VERSION,
            "source": _document_dict(self.source, self.source_lang, self.source_segments),
            "target": _document_dict(self.target, self.target_lang, self.target_segments),
            "alignment": [
                {
                    "source": list(b.src),
                    "target": list(b.tgt),
                    "cost": round(b.cost, 4),
                    "confidence": round(b.confidence, 4),
                }
                for b in self.beads
            ],
            "findings": [self._finding_dict(f) for f in self.findings],
            "skipped_rules": list(self.skipped_rules),
            "scores": self.scores,
        }

    def _finding_dict(self, finding: Finding) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": finding.code,
            "name": finding.name,
            "severity": finding.severity.value,
            "category": finding.category,
            "message": finding.message,
            "spans": [{"side": s.side, **self.span_location(s)} for s in finding.spans],
        }
        if finding.suggestion is not None:
            out["suggestion"] = finding.suggestion
        return out


def _document_dict(
    doc: Document | None, lang: str | None, segments: tuple[Segment, ...]
) -> dict[str, Any] | None:
    if doc is None:
        return None
    return {
        "path": doc.path,
        "lang": lang,
        "detected_lang": doc.lang,
        "format": doc.fmt,
        "encoding": doc.encoding,
        "segments": [
            {"index": s.index, **_raw(doc, s.start, s.end), "text": s.text} for s in segments
        ],
    }


def _raw(doc: Document, start: int, end: int) -> dict[str, int]:
    raw_start, raw_end = doc.raw_span(start, end)
    return {"start": raw_start, "end": raw_end}
