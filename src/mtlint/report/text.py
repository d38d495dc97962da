"""The human report: documents, alignment summary, one block per finding, a summary line.

Colour is decided by the caller (terminal and NO_COLOR); this module only styles when asked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

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
#: Pairs listed under "worst pairs": the lowest quality scores below 100.
_WORST = 3


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
        quality = _quality_lines(report)
        if quality:
            out.extend([*quality, ""])
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
    if report.source is not None and report.beads:
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


def _quality_lines(report: Report) -> list[str]:
    """The reference-free score, what it rests on, and the worst pairs (`scores["quality"]`)."""
    quality = report.scores.get("quality")
    if not isinstance(quality, dict) or not isinstance(quality.get("score"), (int, float)):
        return []
    line = f"{'quality':<12} {quality['score']:.1f}/100"
    if "penalty" in quality and "words" in quality:
        weights = ", ".join(
            f"{name} {weight:g}" for name, weight in quality.get("weights", {}).items() if weight
        )
        line += (
            f"  (penalty {quality['penalty']:.1f} per 100 words over {quality['words']} words; "
            f"weights {weights})"
        )
    if "verdict" in quality:
        line += f"; min-score {quality['min_score']:g}: {quality['verdict'].upper()}"
    lines = [line]
    confidence, ratio = quality.get("alignment_confidence"), quality.get("length_ratio")
    if confidence and confidence.get("mean") is not None:
        health = (
            f"alignment confidence {confidence['mean']:.2f} mean, "
            f"{confidence['share_confident']:.0%} of beads ≥ {confidence['threshold']:g}"
        )
        if ratio and ratio.get("ratio") is not None:
            health += f"; length ratio {ratio['ratio']:.2f}"
            if ratio.get("share_in_band") is not None:
                health += (
                    f", {ratio['share_in_band']:.0%} of {ratio['one_to_one']} 1-1 pairs "
                    f"within ×{ratio['band']:g}"
                )
        lines.append(f"{'':<12} {health}")
    worst = _worst_pairs(report, quality.get("per_pair") or [])
    for n, (score, where, text) in enumerate(worst):
        label = "worst pairs" if n == 0 else ""
        lines.append(f"{label:<12} {score:5.1f}  {where}  {text}")
    return lines


def _worst_pairs(report: Report, per_pair: list[dict[str, float]]) -> list[tuple[float, str, str]]:
    """The lowest-scoring pairs below 100: score, location and an excerpt of the pair.

    `per_pair` follows the beads, or the translation's sentences when there is no original.
    """
    pairs = (
        [(b.src, b.tgt) for b in report.beads] if report.source is not None
        else [((), (s.index,)) for s in report.target_segments]
    )
    if len(pairs) != len(per_pair):
        return []
    ranked = sorted(
        (entry["score"], k) for k, entry in enumerate(per_pair)
        if isinstance(entry, dict) and entry.get("score", 100) < 100
    )[:_WORST]
    out = []
    for score, k in ranked:
        src, tgt = pairs[k]
        side, indices = ("target", tgt) if tgt else ("source", src)
        segments = report.target_segments if side == "target" else report.source_segments
        doc = report.document(side)
        first = segments[indices[0]]
        line, column = doc.line_col(doc.raw_offset(first.start))
        text = _flat(" ".join(segments[i].text for i in indices))
        text = text if len(text) <= 60 else text[:59].rstrip() + "…"
        marker = "" if side == "target" else " (original, not translated)"
        out.append((score, f"{doc.path or '<' + side + '>'}:{line}:{column}", f"{text!r}{marker}"))
    return out


def render_scores(result: dict[str, Any]) -> str:
    """`mtlint score`: the translation, its references, and one line per metric."""
    translation, ref = result["translation"], result["reference"]
    lines = [
        f"{'translation':<12} {translation['path'] or '<text>'}  {translation['lang']}  "
        f"{translation['sentences']} sentences",
        f"{'references':<12} {ref['path']}  ({ref['lines']} aligned lines, "
        f"tokenizer {ref['tokenize']})",
    ]
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF++"), ("ter", "TER")):
        lines.append(f"{name:<12} {ref[key]:6.2f}  {ref['signatures'][key]}")
    return "\n".join(lines) + "\n"


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
    below = [r.scores["quality"] for r in reports if _has_verdict(r)]
    failed = any(r.fails(fail_on) for r in reports) or any(q["verdict"] == "fail" for q in below)
    verdict = style("FAIL", fg="red", bold=True) if failed else style("PASS", fg="green", bold=True)
    rule = f"fail-on {fail_on.value}"
    if below:
        rule += f", min-score {below[0]['min_score']:g}"
    return f"{text}; verdict {verdict} ({rule})"


def _has_verdict(report: Report) -> bool:
    quality = report.scores.get("quality")
    return isinstance(quality, dict) and "verdict" in quality
