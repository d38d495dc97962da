"""The human report: documents, alignment summary, one block per finding, a summary line.

Colour is decided by the caller (terminal and NO_COLOR); this module only styles when asked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import click

from mtlint.model import Document, Finding, Severity, Span
from mtlint.report.model import Report

_SEVERITY_COLOUR = {
    Severity.CRITICAL: "magenta",
    Severity.MAJOR: "red",
    Severity.MINOR: "yellow",
    Severity.NEUTRAL: "blue",
}
Styler = Callable[..., str]
_SPACES = re.compile(r"\s+")

#: Characters of context shown on each side of a finding's span.
_CONTEXT = 40


def render(reports: list[Report], *, color: bool = False, fail_on: str = "major") -> str:
    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    out: list[str] = []
    for report in reports:
        out.extend(_header(report))
        out.append("")
        for finding in report.findings:
            out.extend(_finding_lines(report, finding, style))
        if report.findings:
            out.append("")
    out.append(_summary(reports, Severity.parse(fail_on), style))
    return "\n".join(out) + "\n"


def _header(report: Report) -> list[str]:
    lines = []
    for label, doc, lang, segs in (
        ("original", report.source, report.source_lang, report.source_segments),
        ("translation", report.target, report.target_lang, report.target_segments),
    ):
        if doc is None:
            lines.append(f"{label:<12} (none: checks that need the original are skipped)")
            continue
        detected = f" (detected {doc.lang})" if doc.lang and doc.lang != lang else ""
        lines.append(
            f"{label:<12} {doc.path or '<text>'}  {lang}{detected}  {doc.fmt}  "
            f"{len(segs)} sentences"
        )
    if report.source is not None:
        kinds = Counter(f"{len(b.src)}-{len(b.tgt)}" for b in report.beads)
        shapes = ", ".join(f"{n} × {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
        confidence = sum(b.confidence for b in report.beads) / max(len(report.beads), 1)
        lines.append(
            f"{'alignment':<12} {len(report.beads)} beads ({shapes}); "
            f"mean confidence {confidence:.2f}"
        )
    ref = report.scores.get("reference")
    if ref:
        lines.append(
            f"{'reference':<12} {ref['path'] or '<text>'}  BLEU {ref['bleu']:.1f}  "
            f"chrF++ {ref['chrf']:.1f}  TER {ref['ter']:.1f}"
        )
    return lines


def _finding_lines(report: Report, finding: Finding, style: Styler) -> list[str]:
    span = _primary(finding)
    lines = []
    if span is None:
        where = report.target.path or "<text>"
    else:
        doc = report.document(span.side)
        loc = report.span_location(span)
        where = f"{doc.path or '<' + span.side + '>'}:{loc['line']}:{loc['column']}"
    lines.append(
        f"{style(where, bold=True)}  {style(finding.code, bold=True)}  "
        f"{style(finding.severity.value, fg=_SEVERITY_COLOUR[finding.severity])}  "
        f"{finding.message}"
    )
    if span is not None:
        lines.extend(_excerpt(report.document(span.side), span, style))
    return lines


def _primary(finding: Finding) -> Span | None:
    """The span a finding is reported at: the translation when it has one, else the original."""
    return next((s for s in finding.spans if s.side == "target"), None) or next(
        iter(finding.spans), None
    )


def _excerpt(doc: Document, span: Span, style: Styler) -> list[str]:
    """The span in its prose context, with a caret line under it."""
    text = doc.text
    left = max(0, span.start - _CONTEXT)
    right = min(len(text), span.end + _CONTEXT)
    before = _flat(text[left : span.start])
    body = _flat(text[span.start : span.end])
    after = _flat(text[span.end : right])
    lead = "    " + ("…" if left > 0 else "")
    tail = "…" if right < len(text) else ""
    carets = "^" * max(1, min(len(body), 2 * _CONTEXT))
    return [
        f"{lead}{before}{style(body, bold=True, underline=True)}{after}{tail}",
        " " * (len(lead) + len(before)) + style(carets, fg="cyan"),
    ]


def _flat(text: str) -> str:
    """One line of context: paragraph breaks and runs of spaces become one space."""
    return _SPACES.sub(" ", text)


def _summary(reports: list[Report], fail_on: Severity, style: Styler) -> str:
    counts: Counter[Severity] = Counter()
    for report in reports:
        counts.update(report.severity_counts())
    total = sum(counts.values())
    parts = [f"{counts[s]} {s.value}" for s in reversed(Severity) if counts[s]]
    text = f"{total} finding{'s' if total != 1 else ''}"
    if parts:
        text += " (" + ", ".join(parts) + ")"
    skipped = sorted({code for r in reports for code in r.skipped_rules})
    if skipped:
        text += f"; skipped without an original: {', '.join(skipped)}"
    failed = any(r.fails(fail_on) for r in reports)
    verdict = style("FAIL", fg="red", bold=True) if failed else style("PASS", fg="green", bold=True)
    return f"{text}; verdict {verdict} (fail-on {fail_on.value})"
