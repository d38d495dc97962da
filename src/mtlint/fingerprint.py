"""Stable finding fingerprints: what a baseline remembers and what CI deduplicates on.

A fingerprint hashes the rule code, the pair's paths (project-relative in repository mode) and,
for each span, its side, its text and the text of the sentences around it. Line numbers and
offsets are left out, so a finding keeps its fingerprint when lines are added above it or the
file is edited elsewhere, and gets a new one when the text it points at changes. Whitespace is
normalised, so re-wrapping a paragraph changes nothing either.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

from mtlint.model import Finding, Span
from mtlint.report.model import Report

#: Bumped when the recipe changes, which invalidates every stored baseline.
VERSION = "v1"
_SPACES = re.compile(r"\s+")


def fingerprint(report: Report, finding: Finding) -> str:
    """32 hex digits identifying `finding` within the project, independent of its position."""
    source_path = report.source.path if report.source is not None else None
    parts = [VERSION, finding.code, source_path or "", report.target.path or ""]
    for span in finding.spans:
        parts += [span.side, span_text(report, span), _context(report, span)]
    return _hash("\x1f".join(parts))


def fingerprints(report: Report) -> list[str]:
    """The fingerprint of each finding of `report`, in order."""
    return [fingerprint(report, finding) for finding in report.findings]


def distinct(prints: list[str]) -> list[str]:
    """Fingerprints made unique: a repeat gets its occurrence number hashed in.

    Two identical findings (the same slip twice in one sentence) share a fingerprint; formats
    that need one key per finding (GitLab Code Quality) use these instead.
    """
    seen: Counter[str] = Counter()
    out = []
    for value in prints:
        n = seen[value]
        seen[value] += 1
        out.append(value if n == 0 else _hash(f"{value}:{n}"))
    return out


def span_text(report: Report, span: Span) -> str:
    """The normalised text of a span (empty for a zero-width one)."""
    return _normalise(report.document(span.side).text[span.start : span.end])


def _context(report: Report, span: Span) -> str:
    """The sentences the span touches (the one it sits in, for a zero-width span)."""
    segments = report.source_segments if span.side == "source" else report.target_segments
    end = max(span.end, span.start + 1)
    return " ".join(_normalise(s.text) for s in segments if s.start < end and s.end > span.start)


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
