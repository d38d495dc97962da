"""What the CI formats share: one severity map, one way to locate a finding, one message text.

SARIF, GitHub workflow commands, GitLab Code Quality and JUnit differ only in syntax; keeping
the mapping here means they never disagree about where a finding is or how grave it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from mtlint.model import Finding, Severity, Span
from mtlint.report.model import Report


class Level(NamedTuple):
    """A severity in each format's vocabulary."""

    sarif: str
    github: str
    gitlab: str


LEVELS: dict[Severity, Level] = {
    Severity.NEUTRAL: Level("note", "notice", "info"),
    Severity.MINOR: Level("note", "notice", "minor"),
    Severity.MAJOR: Level("warning", "warning", "major"),
    Severity.CRITICAL: Level("error", "error", "critical"),
}


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column; the end is exclusive and absent when empty."""

    path: str
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None


def locate(report: Report, span: Span) -> Location:
    doc = report.document(span.side)
    start, end = doc.raw_span(span.start, span.end)
    line, column = doc.line_col(start)
    if end <= start:
        return Location(path_of(report, span.side), line, column)
    end_line, end_column = doc.line_col(end)
    return Location(path_of(report, span.side), line, column, end_line, end_column)


def primary_location(report: Report, finding: Finding) -> Location:
    """Where a finding is shown: its primary span, else the top of the translation."""
    span = finding.primary
    return locate(report, span) if span is not None else Location(path_of(report, "target"), 1, 1)


def related_spans(finding: Finding) -> list[Span]:
    """The spans other than the primary one (the counterpart in the other document)."""
    primary = finding.primary
    return [span for span in finding.spans if span is not primary]


def path_of(report: Report, side: str) -> str:
    doc = report.document(side)
    return doc.path or f"<{side}>"


def message_text(finding: Finding) -> str:
    """The message, with the suggestion on a line of its own when there is one."""
    if finding.suggestion is None:
        return finding.message
    return f"{finding.message}\nSuggestion: {finding.suggestion}"


def pair_name(report: Report) -> str:
    """How a pair is named in test-style reports: "original → translation"."""
    target = path_of(report, "target")
    return f"{path_of(report, 'source')} → {target}" if report.source is not None else target
