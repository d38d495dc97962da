"""The HTML report: one self-contained page that a reviewer opens offline or attaches to a ticket.

Original and translation side by side, one row per bead; finding spans are highlighted in the
sentences they touch, with the details in a popover. CSS and JS are inline and nothing loads from
the network, so the file works from a mail attachment or a CI artefact.

The page is built as strings rather than with a template engine: there are few shapes, and
building them here keeps one choke point, `_esc`, through which every piece of text from the
user's files passes, and keeps the package free of a template dependency and of data files. No
user data ever enters the script: the JS reads only the DOM that this module wrote.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import PurePath
from typing import Any

from mtlint.model import CODE_PLACEHOLDER, Document, Finding, Segment, Severity
from mtlint.report.model import Report

#: Gravest first: the order of filters, counts and index columns.
_SEVERITIES = tuple(reversed(Severity))
#: Confidence (0–1) or score (0–100) below which a row's score is shown as a warning.
_LOW_CONFIDENCE = 0.5
_LOW_SCORE = 50.0
_SIDE_NAMES = {"source": "original", "target": "translation"}
#: Shown where the prose view masked inline code (U+FFFC).
_CODE_MARKER = '<span class="code" title="inline code">{…}</span>'


def render(reports: list[Report], *, color: bool = False, fail_on: str = "major") -> str:
    """The page for one pair, or an index and one section per pair for several.

    `color` is ignored: the page has its own colours (light and dark).
    """
    threshold = Severity.parse(fail_on)
    several = len(reports) > 1
    controls = _controls(reports)
    sections = [
        _pair_section(report, f"p{k}-" if several else "", k, threshold,
                      "" if several else controls)
        for k, report in enumerate(reports, 1)
    ]
    title = "mtlint report" if several else f"mtlint report: {_name(reports[0].target)}"
    failed = any(r.fails(threshold) for r in reports)
    return "".join([
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="generator" content="mtlint">\n'
        f"<title>{_esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        '<header class="top"><h1>mtlint <span>report</span></h1>',
        _verdict(failed, threshold, "overall ") if several else "",
        "</header>\n",
        _index(reports, threshold) + controls if several else "",
        "<main>\n",
        *sections,
        '</main>\n<div id="pop" role="tooltip" hidden></div>\n',
        f"<script>{JS}</script>\n</body>\n</html>\n",
    ])


# --------------------------------------------------------------------------- placing findings


@dataclass(frozen=True, slots=True)
class _Piece:
    """The part of one finding span that falls inside one segment."""

    finding: int
    start: int
    end: int
    related: bool


@dataclass(frozen=True)
class _Placement:
    pieces: dict[tuple[str, int], list[_Piece]]
    unplaced: tuple[int, ...]


def _place(report: Report) -> _Placement:
    """Cut every finding span at segment boundaries.

    A span that crosses sentences is split across them, so each row highlights its own part.
    Spans on the side of the finding's first placed span are its main spans; spans on the other
    side are context (the counterpart of a changed number, the original of an untranslated
    sentence) and are highlighted more lightly. A finding with no span inside any segment is
    returned as unplaced, to be listed in the header.
    """
    segments = {"source": report.source_segments, "target": report.target_segments}
    starts = {side: [s.start for s in segs] for side, segs in segments.items()}
    pieces: dict[tuple[str, int], list[_Piece]] = defaultdict(list)
    unplaced = []
    for fid, finding in enumerate(report.findings):
        main_side = None
        for span in finding.spans:
            segs = segments.get(span.side, ())
            i = max(bisect.bisect_right(starts.get(span.side, []), span.start) - 1, 0)
            while i < len(segs) and segs[i].start < span.end:
                lo, hi = max(span.start, segs[i].start), min(span.end, segs[i].end)
                if lo < hi:
                    main_side = main_side or span.side
                    pieces[(span.side, i)].append(_Piece(fid, lo, hi, span.side != main_side))
                i += 1
        if main_side is None:
            unplaced.append(fid)
    return _Placement(dict(pieces), tuple(unplaced))


# --------------------------------------------------------------------------- one pair


@dataclass(frozen=True)
class _Row:
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float | None


def _rows(report: Report) -> tuple[list[_Row], str | None]:
    """One row per bead (per target sentence without an original), and the score column's name.

    The score is the per-bead quality score when the report has one, else the alignment
    confidence; a translation checked alone has neither.
    """
    if report.source is None:
        rows = [_Row((), (s.index,), None) for s in report.target_segments]
    else:
        rows = [_Row(b.src, b.tgt, b.confidence) for b in report.beads]
    per_pair = _per_pair_quality(report, len(rows))
    if per_pair is not None:
        return [_Row(r.src, r.tgt, s) for r, s in zip(rows, per_pair)], "Score"
    return rows, ("Confidence" if report.source is not None else None)


def _pair_section(
    report: Report, prefix: str, number: int, threshold: Severity, controls: str
) -> str:
    placement = _place(report)
    rows, score_name = _rows(report)
    fids = [f"{prefix}f-{i + 1}" for i in range(len(report.findings))]
    has_source = report.source is not None
    head = ['<th scope="col" class="n">#</th>']
    if has_source:
        head.append(f'<th scope="col">Original {_lang_label(report.source_lang)}</th>')
    head.append(f'<th scope="col">Translation {_lang_label(report.target_lang)}</th>')
    if score_name:
        head.append(f'<th scope="col" class="score">{score_name}</th>')
    body = []
    previous_block: int | None = None
    for n, row in enumerate(rows, 1):
        block = _first_block(report, row)
        new_paragraph = n > 1 and block is not None and block != previous_block
        previous_block = block if block is not None else previous_block
        cells = [f'<th scope="row" class="n"><a href="#{prefix}row-{n}">#{n}</a></th>']
        if has_source:
            cells.append(_cell(report, "source", row.src, placement, fids))
        cells.append(_cell(report, "target", row.tgt, placement, fids))
        if score_name:
            cells.append(_score_cell(row.score, score_name))
        cls = ' class="pb"' if new_paragraph else ""
        body.append(f'<tr id="{prefix}row-{n}"{cls}>{"".join(cells)}</tr>\n')
    title = _name(report.target)
    if has_source:
        title = f"{_name(report.source)} → {title}"
    what = "aligned group of sentences" if has_source else "sentence"
    return "".join([
        f'<section class="pair" id="pair-{number}" aria-labelledby="pair-{number}-h">\n',
        f'<h2 id="pair-{number}-h">{f"<span>#{number}</span> " * bool(prefix)}{_esc(title)}</h2>\n',
        _summary(report, threshold, rows, score_name),
        _unplaced(report, placement.unplaced, fids),
        controls,
        '<table class="beads">\n',
        f'<caption class="sr-only">{_esc(title)}: one row per {what}</caption>\n',
        f'<thead><tr>{"".join(head)}</tr></thead>\n<tbody>\n',
        *body,
        "</tbody>\n</table>\n",
        _finding_list(report, placement, rows, prefix, fids),
        "</section>\n",
    ])


def _first_block(report: Report, row: _Row) -> int | None:
    if row.tgt:
        return report.target_segments[row.tgt[0]].block
    if row.src:
        return report.source_segments[row.src[0]].block
    return None


def _cell(
    report: Report, side: str, indices: Sequence[int], placement: _Placement, fids: list[str]
) -> str:
    """The sentences of one side of a row; an empty side is a gap (hatched)."""
    if not indices:
        other = "translation" if side == "target" else "original"
        return f'<td class="gap"><span class="sr-only">nothing in the {other}</span></td>'
    lang = report.source_lang if side == "source" else report.target_lang
    lang_attr = f' lang="{_esc(lang)}"' if lang and lang != "und" else ""
    doc = report.document(side)
    segments = report.source_segments if side == "source" else report.target_segments
    parts = []
    for i in indices:
        seg = segments[i]
        kind = doc.blocks[seg.block].kind if seg.block < len(doc.blocks) else "paragraph"
        cls = "s h" if kind in ("title", "heading") else "s"
        html = _segment_html(seg, placement.pieces.get((side, i), []), report.findings, fids)
        parts.append(f'<div class="{cls}">{html}</div>')
    return f"<td{lang_attr}>{''.join(parts)}</td>"


def _segment_html(
    seg: Segment, pieces: list[_Piece], findings: Sequence[Finding], fids: list[str]
) -> str:
    """The sentence with one <mark> per stretch covered by the same set of findings.

    The mark's class is the gravest severity among them; `data-f` lists their ids (a `~` marks
    a context span) so the script can recompute the class when filters change.
    """
    if not pieces:
        return _text(seg.text)
    cuts = sorted({seg.start, seg.end, *(p.start for p in pieces), *(p.end for p in pieces)})
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        text = _text(seg.text[lo - seg.start : hi - seg.start])
        cover = [p for p in pieces if p.start <= lo and hi <= p.end]
        if not cover:
            out.append(text)
            continue
        worst = max((findings[p.finding].severity for p in cover), key=lambda s: s.rank)
        main = any(not p.related for p in cover)
        ids = " ".join(dict.fromkeys(fids[p.finding] for p in cover))
        tokens = " ".join(dict.fromkeys(fids[p.finding] + "~" * p.related for p in cover))
        cls = f"s-{worst.value}" + ("" if main else " rel")
        focus = ' tabindex="0"' if main else ""
        out.append(
            f'<mark class="{cls}" data-f="{tokens}"{focus} aria-describedby="{ids}">{text}</mark>'
        )
    return "".join(out)


def _score_cell(score: float | None, name: str) -> str:
    if score is None:
        return "<td></td>"
    if name == "Confidence":
        shown, fraction, low = f"{score:.2f}", score, score < _LOW_CONFIDENCE
    else:
        shown, fraction, low = f"{score:.0f}", score / 100, score < _LOW_SCORE
    tenths = round(max(0.0, min(1.0, fraction)) * 10)
    return f'<td class="score q{tenths}{" low" if low else ""}">{shown}</td>'


# --------------------------------------------------------------------------- header


def _summary(
    report: Report, threshold: Severity, rows: list[_Row], score_name: str | None
) -> str:
    """Tiles for the figures read at a glance, then files, rules and notes."""
    counts = report.severity_counts()
    by_severity = " · ".join(f"{counts[s]} {s.value}" for s in _SEVERITIES if counts[s])
    tiles = [
        _tile("Verdict", _verdict(report.fails(threshold), threshold), ""),
        _tile("Findings", str(sum(counts.values())), by_severity or "none"),
    ]
    quality = _quality(report)
    if quality is not None:
        tiles.append(_tile("Quality", f"{quality:.1f}", "out of 100"))
    if report.source is not None:
        mean = sum(b.confidence for b in report.beads) / max(len(report.beads), 1)
        gaps = sum(1 for b in report.beads if not b.src or not b.tgt)
        detail = f"mean confidence {mean:.2f}"
        if gaps:
            detail += f" · {gaps} gap{'s' * (gaps != 1)}"
        tiles.append(_tile("Aligned rows", str(len(rows)), detail))
    ref = report.scores.get("reference")
    if ref:
        tiles.append(_tile("BLEU", f"{ref['bleu']:.1f}", "against the reference"))
        tiles.append(_tile("chrF++", f"{ref['chrf']:.1f}", ""))
        tiles.append(_tile("TER", f"{ref['ter']:.1f}", "lower is better"))

    meta = [
        _file_row("Original", report.source, report.source_lang, report.source_segments),
        _file_row("Translation", report.target, report.target_lang, report.target_segments),
    ]
    if ref:
        meta.append(_meta("Reference", f"<code>{_esc(ref.get('path') or '<text>')}</code>"))
    if report.skipped_rules:
        skipped = _esc(", ".join(report.skipped_rules))
        meta.append(_meta("Skipped", f"without an original: {skipped}"))
    rules = _rule_counts(report.findings)
    if rules:
        chips = "".join(
            f'<li><b>{_esc(code)}</b> {_esc(name)} <span class="count">{n}</span></li>'
            for (code, name), n in rules
        )
        meta.append(_meta("By rule", f'<ul class="chips">{chips}</ul>'))
    notes = ""
    if ref and ref.get("signatures"):
        sigs = "; ".join(f"{_esc(k)} <code>{_esc(v)}</code>" for k, v in ref["signatures"].items())
        notes += f'<p class="note">sacrebleu signatures: {sigs}</p>\n'
    if score_name == "Confidence":
        notes += '<p class="note">Confidence: how sure the aligner is that a row matches.</p>\n'
    return (
        f'<div class="tiles">{"".join(tiles)}</div>\n'
        f'<dl class="meta">{"".join(meta)}</dl>\n{notes}'
    )


def _tile(label: str, value_html: str, detail: str) -> str:
    small = f'<span class="detail">{_esc(detail)}</span>' if detail else ""
    return (
        f'<div class="tile"><span class="label">{label}</span>'
        f'<span class="value">{value_html}</span>{small}</div>'
    )


def _meta(label: str, value_html: str) -> str:
    return f"<div><dt>{label}</dt><dd>{value_html}</dd></div>"


def _verdict(failed: bool, threshold: Severity, scope: str = "") -> str:
    word, cls, why = (
        ("FAIL", "fail", f"a finding is {threshold.value} or worse") if failed
        else ("PASS", "pass", f"no finding is {threshold.value} or worse")
    )
    return (
        f'<span class="verdict {cls}" title="{why}">{scope}{word} '
        f"<small>fail-on {threshold.value}</small></span>"
    )


def _file_row(label: str, doc: Document | None, lang: str | None, segs: Sequence[Segment]) -> str:
    if doc is None:
        return _meta(label, '<span class="muted">none: checks that need it were skipped</span>')
    detected = f" (detected {_esc(doc.lang)})" if doc.lang and doc.lang != lang else ""
    return _meta(
        label,
        f"<code>{_esc(doc.path or '<text>')}</code> · {_esc(lang or '?')}{detected} · "
        f"{_esc(doc.fmt)} · {len(segs)} sentences",
    )


def _unplaced(report: Report, unplaced: Sequence[int], fids: list[str]) -> str:
    if not unplaced:
        return ""
    items = "".join(
        f'<li>{_badge(report.findings[i].severity)} <a href="#{fids[i]}">'
        f"{_esc(report.findings[i].code)}</a> {_text(report.findings[i].message)}</li>"
        for i in unplaced
    )
    return f'<div class="unplaced"><h3>Findings outside any sentence</h3><ul>{items}</ul></div>\n'


def _finding_list(
    report: Report, placement: _Placement, rows: list[_Row], prefix: str, fids: list[str]
) -> str:
    """Every finding in full: the popovers' content, and what prints and reads without JS."""
    if not report.findings:
        return '<p class="muted">No findings.</p>\n'
    row_of: dict[tuple[str, int], int] = {}
    for n, row in enumerate(rows, 1):
        row_of.update({("source", i): n for i in row.src})
        row_of.update({("target", i): n for i in row.tgt})
    rows_of_finding: dict[int, set[int]] = defaultdict(set)
    for key, pieces in placement.pieces.items():
        for piece in pieces:
            rows_of_finding[piece.finding].add(row_of[key])
    items = []
    for i, finding in enumerate(report.findings):
        where = [
            f"{_SIDE_NAMES[span.side]} {loc['line']}:{loc['column']}"
            for span in finding.spans
            if span.side == "target" or (span.side == "source" and report.source is not None)
            for loc in [report.span_location(span)]
        ]
        where.extend(
            f'<a href="#{prefix}row-{n}">row {n}</a>' for n in sorted(rows_of_finding[i])
        )
        suggestion = (
            f'<p class="sug">Suggestion: <q>{_text(finding.suggestion)}</q></p>'
            if finding.suggestion is not None else ""
        )
        items.append(
            f'<li id="{fids[i]}" class="finding" data-sev="{finding.severity.value}" '
            f'data-code="{_esc(finding.code)}"><div class="fd">'
            f'<p class="fh">{_badge(finding.severity)} <b>{_esc(finding.code)}</b> '
            f'{_esc(finding.name)} <span class="cat">{_esc(finding.category)}</span></p>'
            f'<p class="msg">{_text(finding.message)}</p>{suggestion}</div>'
            f'<p class="where">{" · ".join(where)}</p></li>\n'
        )
    return f'<section class="findings"><h3>Findings</h3>\n<ol>\n{"".join(items)}</ol>\n</section>\n'


# --------------------------------------------------------------------------- page parts


def _controls(reports: list[Report]) -> str:
    """Filters over every pair on the page (hidden in print)."""
    severities: Counter[Severity] = Counter()
    for report in reports:
        severities.update(report.severity_counts())
    rules = _rule_counts(f for r in reports for f in r.findings)
    groups = ""
    if rules:
        by_severity = "".join(
            f'<label><input type="checkbox" data-k="s:{s.value}" checked> {_badge(s)} '
            f'<span class="count">{severities[s]}</span></label>'
            for s in _SEVERITIES if severities[s]
        )
        by_rule = "".join(
            f'<label><input type="checkbox" data-k="r:{_esc(code)}" checked> <b>{_esc(code)}</b> '
            f'<span class="rn">{_esc(name)}</span> <span class="count">{n}</span></label>'
            for (code, name), n in rules
        )
        groups = (
            f"<fieldset><legend>Severity</legend>{by_severity}</fieldset>"
            f"<fieldset><legend>Rule</legend>{by_rule}</fieldset>"
        )
    return (
        f'<nav id="controls" class="controls" aria-label="Filters">{groups}'
        '<fieldset><legend>Rows</legend><label><input type="checkbox" id="only"> '
        "with findings only</label></fieldset>"
        '<p class="keys"><kbd>n</kbd> / <kbd>p</kbd> next / previous finding</p></nav>\n'
    )


def _index(reports: list[Report], threshold: Severity) -> str:
    """One row per pair, linking to its section."""
    with_quality = any(_quality(r) is not None for r in reports)
    head = (
        '<th scope="col">#</th><th scope="col">Original</th><th scope="col">Translation</th>'
        + "".join(f'<th scope="col" class="num">{s.value}</th>' for s in _SEVERITIES)
        + ('<th scope="col" class="num">Quality</th>' if with_quality else "")
        + '<th scope="col">Verdict</th>'
    )
    rows = []
    for k, report in enumerate(reports, 1):
        counts = report.severity_counts()
        cells = "".join(
            f'<td class="num{"" if counts[s] else " muted"}">{counts[s]}</td>' for s in _SEVERITIES
        )
        if with_quality:
            quality = _quality(report)
            cells += f'<td class="num">{"" if quality is None else f"{quality:.1f}"}</td>'
        source = f"<code>{_esc(report.source.path or '<text>')}</code>" if report.source else "—"
        target = f"<code>{_esc(report.target.path or '<text>')}</code>"
        rows.append(
            f'<tr><th scope="row"><a href="#pair-{k}">#{k}</a></th><td>{source}</td>'
            f'<td><a href="#pair-{k}">{target}</a></td>{cells}'
            f"<td>{_verdict(report.fails(threshold), threshold)}</td></tr>\n"
        )
    return (
        '<section class="index" aria-labelledby="index-h">'
        f'<h2 id="index-h">{len(reports)} pairs</h2>\n<table>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n</section>\n"
    )


# --------------------------------------------------------------------------- small helpers


def _esc(text: str) -> str:
    return escape(text, quote=True)


def _text(text: str) -> str:
    """Escaped prose; masked inline code shows as a marker instead of U+FFFC."""
    return _esc(text).replace(CODE_PLACEHOLDER, _CODE_MARKER)


def _lang_label(lang: str | None) -> str:
    return f'<span class="lang">{_esc(lang)}</span>' if lang else ""


def _badge(severity: Severity) -> str:
    return f'<span class="badge s-{severity.value}">{severity.value}</span>'


def _name(doc: Document | None) -> str:
    if doc is None or not doc.path:
        return "<text>"
    return PurePath(doc.path).name


def _rule_counts(findings: Iterable[Finding]) -> list[tuple[tuple[str, str], int]]:
    return sorted(Counter((f.code, f.name) for f in findings).items())


def _number(value: Any) -> float | None:
    """A score given as a number or as a dict with a "score" key."""
    if isinstance(value, dict):
        value = value.get("score")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def _quality(report: Report) -> float | None:
    return _number(report.scores.get("quality"))


def _per_pair_quality(report: Report, n_rows: int) -> list[float | None] | None:
    """`scores["quality"]["per_pair"]`, when it has one entry per row."""
    quality = report.scores.get("quality")
    per_pair = quality.get("per_pair") if isinstance(quality, dict) else None
    if isinstance(per_pair, list) and len(per_pair) == n_rows:
        return [_number(p) for p in per_pair]
    return None


# --------------------------------------------------------------------------- assets

CSS = """
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0969da;
--hatch:rgba(89,99,110,.22);--pass:#1a7f37;--fail:#cf222e;
--critical:#8250df;--critical-bg:rgba(130,80,223,.16);--major:#cf222e;
--major-bg:rgba(207,34,46,.12);
--minor:#9a6700;--minor-bg:rgba(212,167,44,.24);--neutral:#0969da;--neutral-bg:rgba(9,105,218,.12);
color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;
--soft:#151b23;--accent:#4493f8;--hatch:rgba(145,152,161,.25);--pass:#3fb950;--fail:#f85149;
--critical:#ab7df8;--critical-bg:rgba(171,125,248,.22);--major:#ff7b72;
--major-bg:rgba(248,81,73,.2);
--minor:#d29922;--minor-bg:rgba(210,153,34,.24);--neutral:#4493f8;--neutral-bg:rgba(68,147,248,.2)}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1440px;padding:0 24px 48px;background:var(--bg);color:var(--fg);
font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,system-ui,
sans-serif}
a{color:var(--accent)}
code,kbd{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
kbd{border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 5px;
background:var(--soft)}
h1{font-size:20px;margin:0}h1 span{font-weight:400;color:var(--muted)}
h2{font-size:18px;margin:28px 0 12px;word-break:break-word}h2 span{color:var(--muted);
font-weight:400}h3{font-size:15px;margin:24px 0 8px}
.top{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:14px 0 0}
.top+main>.pair:first-child>h2{margin-top:6px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
.muted{color:var(--muted)}
.verdict{display:inline-block;font-weight:700;border-radius:6px;padding:2px 10px;color:#fff;
letter-spacing:.02em}
.verdict small{font-weight:400;opacity:.9;margin-left:4px}
.verdict.pass{background:var(--pass)}.verdict.fail{background:var(--fail)}
@media (prefers-color-scheme:dark){.verdict{color:#0d1117}}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 12px}
.tile{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:120px;display:flex;
flex-direction:column;background:var(--soft)}
.tile .label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.tile .value{font-size:22px;font-weight:650;line-height:1.3}
.tile .value .verdict{font-size:16px;margin:3px 0}
.tile .detail{font-size:12.5px;color:var(--muted)}
.meta{margin:0 0 8px;display:grid;grid-template-columns:max-content 1fr;gap:3px 14px}
.meta div{display:contents}.meta dt{color:var(--muted)}.meta dd{margin:0}
.chips{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px}
.count{display:inline-block;min-width:1.6em;text-align:center;border-radius:9px;
background:var(--line);font-size:12px;padding:0 5px}
.note{font-size:12.5px;color:var(--muted);margin:4px 0}.note code{font-size:11.5px;
word-break:break-all}
.badge{display:inline-block;font:700 10.5px/1.5 system-ui,sans-serif;text-transform:uppercase;
letter-spacing:.03em;border-radius:4px;padding:0 5px;color:#fff;vertical-align:1px}
@media (prefers-color-scheme:dark){.badge{color:#0d1117}}
.badge.s-critical{background:var(--critical)}.badge.s-major{background:var(--major)}
.badge.s-minor{background:var(--minor)}.badge.s-neutral{background:var(--neutral)}
.controls{position:sticky;top:0;z-index:3;display:flex;flex-wrap:wrap;align-items:center;
gap:6px 18px;
margin:16px 0 0;padding:8px 12px;background:var(--bg);border:1px solid var(--line);
border-radius:8px;box-shadow:0 2px 6px rgba(0,0,0,.06)}
.controls fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;align-items:center;
gap:2px 10px}
.controls legend{float:left;font-size:12px;color:var(--muted);text-transform:uppercase;
letter-spacing:.04em;margin-right:2px}
.controls label{white-space:nowrap;cursor:pointer;font-size:13.5px}
.controls .rn{color:var(--muted)}
.keys{margin:0 0 0 auto;font-size:12.5px;color:var(--muted)}
table{border-collapse:collapse;width:100%}
.beads{table-layout:fixed;margin-top:4px}
.beads th,.beads td{border-bottom:1px solid var(--line);padding:7px 10px;vertical-align:top;
text-align:left;overflow-wrap:anywhere}
.beads thead th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;
border-bottom:2px solid var(--line);background:var(--bg)}
.beads .lang{text-transform:none;font-weight:400}
.beads .n{width:4.2em;font-weight:400;font-size:12.5px;white-space:nowrap}
.beads .n a{color:var(--muted);text-decoration:none}
.beads .n a:hover,.beads .n a:focus{color:var(--accent);text-decoration:underline}
.beads .score{width:9em;font-size:13px;font-variant-numeric:tabular-nums;white-space:nowrap}
.beads tr.pb>*{border-top:2px solid var(--line)}
.beads tbody tr:hover{background:var(--soft)}
.beads tr:target{background:var(--soft);box-shadow:inset 3px 0 var(--accent)}
.beads .s+.s{border-top:1px dashed var(--line);margin-top:4px;padding-top:4px}
.beads .h{font-weight:650}
.gap{background:repeating-linear-gradient(135deg,transparent 0 6px,var(--hatch) 6px 8px)}
.beads td.score{--bar:var(--muted);padding-left:50px;
background-image:linear-gradient(var(--bar),var(--bar)),linear-gradient(var(--line),var(--line));
background-repeat:no-repeat;background-position:10px 14px;background-size:0 6px,34px 6px}
.beads td.low{--bar:var(--fail);color:var(--fail);font-weight:600}
.beads td.q1{background-size:3.4px 6px,34px 6px}.beads td.q2{background-size:6.8px 6px,34px 6px}
.beads td.q3{background-size:10.2px 6px,34px 6px}
.beads td.q4{background-size:13.6px 6px,34px 6px}.beads td.q5{background-size:17px 6px,34px 6px}
.beads td.q6{background-size:20.4px 6px,34px 6px}
.beads td.q7{background-size:23.8px 6px,34px 6px}.beads td.q8{background-size:27.2px 6px,34px 6px}
.beads td.q9{background-size:30.6px 6px,34px 6px}
.beads td.q10{background-size:34px 6px,34px 6px}
.code{font:12px ui-monospace,monospace;color:var(--muted)}
mark{color:inherit;border-radius:2px;padding:0 1px;text-decoration-line:underline;
text-decoration-thickness:2px;text-underline-offset:3px;cursor:help}
mark.off{background:none;text-decoration:none;cursor:auto;padding:0}
mark::after{display:inline-block;font:700 9px/1.3 system-ui,sans-serif;margin-left:2px;
padding:0 3px;border-radius:3px;vertical-align:4px;color:#fff}
@media (prefers-color-scheme:dark){mark::after{color:#0d1117}}
mark.s-critical{background:var(--critical-bg);text-decoration-color:var(--critical);
text-decoration-style:double}
mark.s-critical::after{content:"CRIT";background:var(--critical)}
mark.s-major{background:var(--major-bg);text-decoration-color:var(--major);
text-decoration-style:solid}
mark.s-major::after{content:"MAJ";background:var(--major)}
mark.s-minor{background:var(--minor-bg);text-decoration-color:var(--minor);
text-decoration-style:dashed}
mark.s-minor::after{content:"MIN";background:var(--minor)}
mark.s-neutral{background:var(--neutral-bg);text-decoration-color:var(--neutral);
text-decoration-style:dotted}
mark.s-neutral::after{content:"NEU";background:var(--neutral)}
mark.rel{background:none;text-decoration-thickness:1px;text-decoration-style:dotted}
mark.rel::after{content:none}
mark:focus{outline:2px solid var(--accent);outline-offset:1px}
mark:focus:not(:focus-visible){outline-color:transparent}
#pop{position:absolute;z-index:5;max-width:min(440px,92vw);background:var(--bg);color:var(--fg);
border:1px solid var(--line);
border-radius:8px;padding:4px 12px;box-shadow:0 6px 20px rgba(0,0,0,.18);font-size:13.5px}
#pop .fd+.fd{border-top:1px solid var(--line)}
.fd p{margin:6px 0}.fh .cat{color:var(--muted);font-size:12.5px}.sug{color:var(--pass)}
.findings ol{padding-left:1.6em;margin:0}.findings li{margin:0 0 8px}.findings .fd p{margin:2px 0}
.findings .where{margin:0;font-size:12.5px;color:var(--muted)}
.unplaced{border-left:3px solid var(--major);padding:2px 12px;margin:8px 0}
.unplaced h3{margin:4px 0}
.index td,.index th{border-bottom:1px solid var(--line);padding:5px 10px;text-align:left}
.index thead th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.index .num{text-align:right;font-variant-numeric:tabular-nums}
.pair+.pair{border-top:3px double var(--line);margin-top:32px}
@media print{
body{max-width:none;padding:0;font-size:11pt}
.controls,#pop,.keys{display:none!important}
.beads tr[hidden]{display:table-row!important}
.beads tr{break-inside:avoid}
mark,.badge,.verdict,.gap,td.score,mark::after{-webkit-print-color-adjust:exact;
print-color-adjust:exact}
a{color:inherit;text-decoration:none}
}
"""

JS = """
(function () {
  "use strict";
  var d = document, pop = d.getElementById("pop"), bar = d.getElementById("controls");
  var RANK = {neutral: 0, minor: 1, major: 2, critical: 3}, timer = 0, cur = null;

  function apply() {
    var on = {}, only = d.getElementById("only").checked;
    bar.querySelectorAll("input[data-k]").forEach(function (i) { on[i.dataset.k] = i.checked; });
    d.querySelectorAll("li.finding").forEach(function (li) {
      li.hidden = !(on["s:" + li.dataset.sev] && on["r:" + li.dataset.code]);
    });
    d.querySelectorAll("mark[data-f]").forEach(function (m) {
      var sev = null, main = false, ids = [];
      m.dataset.f.split(" ").forEach(function (t) {
        var rel = t.slice(-1) === "~", id = rel ? t.slice(0, -1) : t, li = d.getElementById(id);
        if (li.hidden) return;
        ids.push(id);
        main = main || !rel;
        if (!sev || RANK[li.dataset.sev] > RANK[sev]) sev = li.dataset.sev;
      });
      m.className = sev ? "s-" + sev + (main ? "" : " rel") : "off";
      if (main) m.tabIndex = 0; else m.removeAttribute("tabindex");
      if (ids.length) m.setAttribute("aria-describedby", ids.join(" "));
      else m.removeAttribute("aria-describedby");
    });
    d.querySelectorAll("table.beads tbody tr").forEach(function (tr) {
      tr.hidden = only && !tr.querySelector("mark:not(.off)");
    });
  }

  function show(m) {
    clearTimeout(timer);
    pop.textContent = "";
    m.getAttribute("aria-describedby").split(" ").forEach(function (id) {
      pop.appendChild(d.getElementById(id).querySelector(".fd").cloneNode(true));
    });
    pop.hidden = false;
    var r = m.getBoundingClientRect(), h = pop.offsetHeight, w = pop.offsetWidth;
    var top = r.bottom + 6 + h > innerHeight && r.top > h + 6 ? r.top - h - 6 : r.bottom + 6;
    var left = Math.max(8, Math.min(r.left, d.documentElement.clientWidth - w - 8));
    pop.style.top = top + scrollY + "px";
    pop.style.left = left + scrollX + "px";
  }
  function hide() { pop.hidden = true; }
  function later() { clearTimeout(timer); timer = setTimeout(hide, 250); }
  function markOf(e) {
    return e.target.closest ? e.target.closest("mark[aria-describedby]") : null;
  }

  bar.addEventListener("change", apply);
  d.addEventListener("mouseover", function (e) {
    var m = markOf(e);
    if (m) show(m); else if (pop.contains(e.target)) clearTimeout(timer);
  });
  d.addEventListener("mouseout", function (e) {
    if (markOf(e) || pop.contains(e.target)) later();
  });
  d.addEventListener("focusin", function (e) { var m = markOf(e); if (m) show(m); else hide(); });
  d.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); return; }
    var t = e.target, typing = t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
      (t.tagName === "INPUT" && t.type !== "checkbox");
    if ((e.key !== "n" && e.key !== "p") || e.ctrlKey || e.metaKey || e.altKey || typing) return;
    var list = [].filter.call(d.querySelectorAll("mark[tabindex]"), function (m) {
      return m.offsetParent !== null;
    });
    if (!list.length) return;
    var i = list.indexOf(d.activeElement);
    if (i < 0) i = list.indexOf(cur);
    if (e.key === "n") i = i < 0 ? 0 : (i + 1) % list.length;
    else i = i < 0 ? list.length - 1 : (i - 1 + list.length) % list.length;
    cur = list[i];
    cur.scrollIntoView({block: "center"});
    cur.focus({preventScroll: true});
    e.preventDefault();
  });
})();
"""
