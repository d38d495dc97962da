"""The HTML report: one self-contained page that a reviewer opens offline or attaches to a ticket.

Original and translation side by side, one row per bead; finding spans are highlighted in the
sentences they touch, with the details in a popover. With reference translations, a reference
column shows beside each row the reference sentences aligned to its translation sentences,
marked word by word against them, and the score column adds the line's chrF++ and BLEU. CSS and
JS are inline and nothing loads from the network, so the file works from a mail attachment or a
CI artefact.

The page is built as strings rather than with a template engine: there are few shapes, and
building them here keeps one choke point, `_esc`, through which every piece of text from the
user's files passes, and keeps the package free of a template dependency and of data files. No
user data ever enters the script: the JS reads only the DOM that this module wrote.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape
from itertools import pairwise
from pathlib import PurePath
from typing import Any

from mtlint.model import CODE_PLACEHOLDER, Document, Finding, Segment, Severity
from mtlint.report.model import ReferenceSide, Report

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
    return "".join([
        (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="color-scheme" content="light dark">\n'
            '<meta name="generator" content="mtlint">\n'
            f"<title>{_esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        ),
        '<header class="top"><h1>mtlint <span>report</span></h1>',
        _verdict(reports, threshold, "overall ") if several else "",
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
    references = _reference_column(report, rows, prefix)
    if references is not None:
        plural = "s" * (len(report.references) > 1)
        head.append(
            f'<th scope="col">Reference{plural} {_lang_label(report.target_lang)}</th>'
        )
    line_scores = _line_scores(report, rows)
    score_name = score_name or ("Reference" if line_scores is not None else None)
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
        if references is not None:
            cells.append(references[n - 1])
        if score_name:
            figures = line_scores[n - 1] if line_scores is not None else ""
            cells.append(_score_cell(row.score, score_name, figures, prefix))
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
        f'<table class="beads{" with-ref" * (references is not None)}">\n',
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
    lang_attr = _lang_attr(report.source_lang if side == "source" else report.target_lang)
    doc = report.document(side)
    segments = report.source_segments if side == "source" else report.target_segments
    parts = []
    for i in indices:
        seg = segments[i]
        cls = "s h" if _is_heading(doc, seg) else "s"
        html = _segment_html(seg, placement.pieces.get((side, i), []), report.findings, fids)
        parts.append(f'<div class="{cls}">{html}</div>')
    return f"<td{lang_attr}>{''.join(parts)}</td>"


def _is_heading(doc: Document, seg: Segment) -> bool:
    kind = doc.blocks[seg.block].kind if seg.block < len(doc.blocks) else "paragraph"
    return kind in ("title", "heading")


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
    for lo, hi in pairwise(cuts):
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


def _score_cell(score: float | None, name: str, figures: str, prefix: str) -> str:
    """The row's score as a number and a bar, then its reference figures, if any."""
    if score is None:
        return f'<td class="score">{figures}</td>' if figures else "<td></td>"
    if name == "Confidence":
        shown, fraction, low = f"{score:.2f}", score, score < _LOW_CONFIDENCE
    else:
        shown, fraction, low = f"{score:.0f}", score / 100, score < _LOW_SCORE
    tenths = round(max(0.0, min(1.0, fraction)) * 10)
    return f'<td class="score bar q{tenths}{" low" if low else ""}">{shown}{figures}</td>'


# --------------------------------------------------------------------------- references

#: One number (with its separators: 1.3 against 1,300 is one change), one word, one piece of
#: punctuation, or one CJK character (those scripts write no spaces, so a character is the
#: unit a reader compares).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(f"\\d+(?:[.,:]\\d+)*|[{_CJK}]|[^\\W{_CJK}]+|[^\\w\\s]")


def _reference_column(report: Report, rows: list[_Row], prefix: str) -> list[str] | None:
    """One reference cell per row, or None when the report keeps no reference.

    Each reference bead (translation sentences ↔ reference sentences) is shown in the row of
    its first translation sentence, marked word by word against those translation sentences;
    a later row whose sentences it also covers links back to that row. A reference sentence
    aligned to nothing joins the row after the translation sentence before it when that row
    has no translation (it is likely the sentence the translation omitted), else that row
    itself, flagged as "only in the reference"; so every row stays one bead, and no reference
    sentence is left out. Several references share the cell, each part labelled R1, R2, ….
    """
    if not report.references:
        return None
    row_of = {i: n for n, row in enumerate(rows) for i in row.tgt}
    parts = [_reference_parts(ref, rows, row_of) for ref in report.references]
    several = len(report.references) > 1
    lang_attr = _lang_attr(report.target_lang)
    cells = []
    for n, row in enumerate(rows):
        html = []
        for r, (ref, items) in enumerate(zip(report.references, parts), 1):
            body = "".join(_reference_item(report, ref, item, prefix) for item in items[n])
            if not body and row.tgt:
                body = (
                    '<span class="muted">nothing</span>' if several else
                    '<span class="sr-only">nothing in the reference</span>'
                )
            if several:
                label = f'<span class="rl" title="{_esc(_ref_name(ref))}">R{r}</span>'
                body = f'<div class="rp">{label}{body}</div>'
            html.append(body)
        joined = "".join(html)
        if not joined:
            cells.append("<td></td>")
        elif not several and not parts[0][n] and row.tgt:
            cells.append(f'<td class="gap">{joined}</td>')
        else:
            cells.append(f"<td{lang_attr}>{joined}</td>")
    return cells


@dataclass(frozen=True, slots=True)
class _RefItem:
    """What one row shows of one reference: an aligned bead, a sentence aligned to nothing,
    or a pointer to the row that shows the bead covering this row's sentences."""

    hyp: tuple[int, ...] = ()
    ref: tuple[int, ...] = ()
    see_row: int | None = None


def _reference_parts(
    ref: ReferenceSide, rows: list[_Row], row_of: dict[int, int]
) -> list[list[_RefItem]]:
    items: list[list[_RefItem]] = [[] for _ in rows]
    if not rows:
        return items
    previous: int | None = None  # the last translation sentence met so far
    for bead in ref.beads:
        if bead.src:
            home = row_of.get(bead.src[0])
            if home is None:
                continue
            if bead.tgt:  # else the row's reference cell is a gap
                items[home].append(_RefItem(bead.src, bead.tgt))
            for other in sorted({row_of[i] for i in bead.src if i in row_of} - {home}):
                items[other].append(_RefItem(see_row=home))
            previous = bead.src[-1]
        elif bead.tgt:
            items[_unaligned_row(rows, row_of, previous)].append(_RefItem(ref=bead.tgt))
    return items


def _unaligned_row(rows: list[_Row], row_of: dict[int, int], previous: int | None) -> int:
    """Where a reference sentence aligned to nothing goes (see `_reference_column`)."""
    if previous is None or previous not in row_of:
        return 0
    after = row_of[previous] + 1
    return after if after < len(rows) and not rows[after].tgt else row_of[previous]


def _reference_item(report: Report, ref: ReferenceSide, item: _RefItem, prefix: str) -> str:
    if item.see_row is not None:
        n = item.see_row + 1
        return (
            f'<div class="s see">aligned with <a href="#{prefix}row-{n}">row {n}</a></div>'
        )
    texts = [ref.segments[j].text for j in item.ref]
    heads = [_is_heading(ref.document, ref.segments[j]) for j in item.ref]
    if not item.hyp:
        return "".join(
            f'<div class="s x{" h" * h}"><span class="xl">only in the reference</span> '
            f"{_text(t)}</div>"
            for t, h in zip(texts, heads)
        )
    hyp = " ".join(report.target_segments[i].text for i in item.hyp)
    return "".join(
        f'<div class="s{" h" * h}">{html}</div>' for html, h in zip(_diff(hyp, texts), heads)
    )


def _diff(hyp: str, sentences: Sequence[str]) -> list[str]:
    """The reference sentences marked against the translation `hyp`, word by word.

    Reference words missing from the translation are `<ins>`, translation words missing from
    the reference are `<del>`, placed where they would stand with the translation's spacing
    around them; all text stays escaped.
    """
    a_spans = [m.span() for m in _TOKEN.finditer(hyp)]
    b_spans = [
        (k, m.start(), m.end()) for k, text in enumerate(sentences) for m in _TOKEN.finditer(text)
    ]
    inserted = [False] * len(b_spans)
    # before reference token j (len(b_spans): at the end): space before, <del>, space after
    deleted: dict[int, tuple[str, str, str]] = {}
    matcher = SequenceMatcher(
        None, [hyp[lo:hi] for lo, hi in a_spans],
        [sentences[k][lo:hi] for k, lo, hi in b_spans], autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            lo, hi = a_spans[i1][0], a_spans[i2 - 1][1]
            deleted[j1] = (
                " " if lo and hyp[lo - 1].isspace() else "",
                f"<del>{_text(hyp[lo:hi])}</del>",
                " " if hi < len(hyp) and hyp[hi].isspace() else "",
            )
        if tag in ("replace", "insert"):
            inserted[j1:j2] = [True] * (j2 - j1)
    out: list[list[str]] = [[] for _ in sentences]
    pos = [0] * len(sentences)
    j = 0
    while j < len(b_spans):
        k, start, _ = b_spans[j]
        text, gap = sentences[k], sentences[k][pos[k]:start]
        out[k].append(_text(gap))
        if j in deleted:
            before, html, after = deleted[j]
            out[k].append(f"{'' if gap or not pos[k] else before}{html}{after}")
        end = j + 1  # a run: same sentence, same kind, no deletion inside
        while (end < len(b_spans) and b_spans[end][0] == k and end not in deleted
               and inserted[end] == inserted[j]):
            end += 1
        run = _text(text[start:b_spans[end - 1][2]])
        out[k].append(f"<ins>{run}</ins>" if inserted[j] else run)
        pos[k] = b_spans[end - 1][2]
        j = end
    for k, text in enumerate(sentences):
        out[k].append(_text(text[pos[k]:]))
    if len(b_spans) in deleted and sentences:
        before, html, _ = deleted[len(b_spans)]
        out[-1].append(f"{before}{html}")
    return ["".join(parts) for parts in out]


def _line_scores(report: Report, rows: list[_Row]) -> list[str] | None:
    """Per row, the chrF++ and BLEU of the scored lines that start in it (`per_pair`).

    A line that also covers later rows (a reference joined their sentences) says so.
    """
    ref = report.scores.get("reference")
    per_pair = ref.get("per_pair") if isinstance(ref, dict) else None
    if not per_pair:
        return None
    row_of = {i: n for n, row in enumerate(rows) for i in row.tgt}
    cells = [""] * len(rows)
    for line in per_pair:
        covered = sorted({row_of[i] for i in line.get("target", ()) if i in row_of})
        if not covered:
            continue
        chrf, bleu, ter = (_number(line.get(k)) for k in ("chrf", "bleu", "ter"))
        shown = [f"{name} {v:.1f}" for name, v in (("chrF++", chrf), ("BLEU", bleu)) if v is not None]
        if not shown:
            continue
        title = " · ".join([*shown, *([f"TER {ter:.1f}"] if ter is not None else [])])
        span = (f'<span class="span">rows {covered[0] + 1}–{covered[-1] + 1}</span>'
                if len(covered) > 1 else "")
        cells[covered[0]] += (
            f'<span class="rs" title="{title}, against the reference">'
            f'{"".join(f"<span>{s}</span>" for s in shown)}{span}</span>'
        )
    return cells


def _ref_name(ref: ReferenceSide) -> str:
    return ref.document.path or "<text>"


# --------------------------------------------------------------------------- header


def _summary(
    report: Report, threshold: Severity, rows: list[_Row], score_name: str | None
) -> str:
    """Tiles for the figures read at a glance, then files, rules and notes."""
    counts = report.severity_counts()
    by_severity = " · ".join(f"{counts[s]} {s.value}" for s in _SEVERITIES if counts[s])
    tiles = [
        _tile("Verdict", _verdict([report], threshold), ""),
        _tile("Findings", str(sum(counts.values())), by_severity or "none"),
    ]
    quality = _quality(report)
    if quality is not None:
        minimum = _min_score(report)
        detail = "out of 100" + (f" · min-score {minimum:g}" if minimum is not None else "")
        tiles.append(_tile("Quality", f"{quality:.1f}", detail))
    if report.source is not None:
        mean = sum(b.confidence for b in report.beads) / max(len(report.beads), 1)
        gaps = sum(1 for b in report.beads if not b.src or not b.tgt)
        detail = f"mean confidence {mean:.2f}"
        if gaps:
            detail += f" · {gaps} gap{'s' * (gaps != 1)}"
        tiles.append(_tile("Aligned rows", str(len(rows)), detail))
    ref = report.scores.get("reference")
    if ref:
        n_refs = len(ref.get("paths") or ()) or 1
        against = "against the reference" if n_refs == 1 else f"against {n_refs} references"
        tiles.append(_tile("BLEU", f"{ref['bleu']:.1f}", against))
        tiles.append(_tile("chrF++", f"{ref['chrf']:.1f}", ""))
        tiles.append(_tile("TER", f"{ref['ter']:.1f}", "lower is better"))

    meta = [
        _file_row("Original", report.source, report.source_lang, report.source_segments),
        _file_row("Translation", report.target, report.target_lang, report.target_segments),
    ]
    several = len(report.references) > 1
    for r, side in enumerate(report.references, 1):
        label = f"Reference R{r}" if several else "Reference"
        meta.append(_file_row(label, side.document, report.target_lang, side.segments))
    if ref and not report.references:
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
    if report.references:
        notes += (
            '<p class="note">Reference column: <ins>words only in the reference</ins>, '
            "<del>words only in the translation</del>; each line&#8217;s chrF++ and BLEU are "
            "in the last column.</p>\n"
        )
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


def _verdict(reports: Sequence[Report], threshold: Severity, scope: str = "") -> str:
    """PASS or FAIL as the exit code decides: a finding at `--fail-on` or worse, or a quality
    score below `--min-score` (its verdict in `scores["quality"]`), fails."""
    by_findings = any(r.fails(threshold) for r in reports)
    judged = [q for r in reports for q in [r.scores.get("quality")]
              if isinstance(q, dict) and q.get("verdict") in ("pass", "fail")]
    below = any(q["verdict"] == "fail" for q in judged)
    rule = f"fail-on {threshold.value}"
    why = [f"{'a' if by_findings else 'no'} finding is {threshold.value} or worse"]
    if judged:
        minimum = judged[0].get("min_score")
        rule += f" · min-score {minimum:g}" if isinstance(minimum, (int, float)) else " · min-score"
        why.append("the quality score is below the minimum" if below
                   else "the quality score reaches the minimum")
    word, cls = ("FAIL", "fail") if by_findings or below else ("PASS", "pass")
    return (
        f'<span class="verdict {cls}" title="{_esc("; ".join(why))}">{scope}{word} '
        f"<small>{rule}</small></span>"
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
            f"<td>{_verdict([report], threshold)}</td></tr>\n"
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


def _lang_attr(lang: str | None) -> str:
    return f' lang="{_esc(lang)}"' if lang and lang != "und" else ""


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


def _min_score(report: Report) -> float | None:
    quality = report.scores.get("quality")
    return _number(quality.get("min_score")) if isinstance(quality, dict) else None


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
--ins-bg:rgba(26,127,55,.13);--del-bg:rgba(207,34,46,.09);
color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;
--soft:#151b23;--accent:#4493f8;--hatch:rgba(145,152,161,.25);--pass:#3fb950;--fail:#f85149;
--critical:#ab7df8;--critical-bg:rgba(171,125,248,.22);--major:#ff7b72;
--major-bg:rgba(248,81,73,.2);
--minor:#d29922;--minor-bg:rgba(210,153,34,.24);--neutral:#4493f8;--neutral-bg:rgba(68,147,248,.2);
--ins-bg:rgba(63,185,80,.2);--del-bg:rgba(248,81,73,.16)}}
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
/* cells far off screen are laid out only when scrolled near: a long article opens fast */
.beads td{content-visibility:auto;contain-intrinsic-block-size:auto 4.5em}
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
.beads td.bar{--bar:var(--muted);padding-left:50px;
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
.beads.with-ref .score{width:10em}
.rs{display:block;margin-top:3px;font-size:11.5px;line-height:1.35;color:var(--muted);
font-weight:400}
.rs>span{display:block}.rs .span{font-style:italic}
.beads td.bar .rs{margin-left:-40px}
ins,del{border-radius:2px;padding:0 1px;text-decoration-thickness:1px;
text-underline-offset:2px}
del+ins{margin-left:2px}
ins{background:var(--ins-bg);text-decoration-line:underline;text-decoration-color:var(--pass)}
del{background:var(--del-bg);color:var(--muted);text-decoration-line:line-through}
ins::before,ins::after,del::before,del::after{position:absolute;width:1px;height:1px;
overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(100%);white-space:nowrap}
ins::before{content:" [only in the reference: "}
del::before{content:" [only in the translation: "}
ins::after,del::after{content:"] "}
.beads .x{color:var(--muted)}
.xl{display:inline-block;font:600 10px/1.5 system-ui,sans-serif;text-transform:uppercase;
letter-spacing:.03em;border:1px solid var(--line);border-radius:4px;padding:0 4px;
vertical-align:1px;margin-right:2px;color:var(--muted)}
.beads .see{font-size:12.5px;color:var(--muted);font-style:italic}
.beads .rp+.rp{border-top:1px dashed var(--line);margin-top:4px;padding-top:4px}
.rl{float:left;font:700 10.5px/1.5 system-ui,sans-serif;color:var(--muted);margin:2px 6px 0 0}
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
.beads td{content-visibility:visible}
.beads tr{break-inside:avoid}
mark,.badge,.verdict,.gap,td.bar,mark::after,ins,del{-webkit-print-color-adjust:exact;
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
      return !m.closest("tr").hidden;
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
