"""mtlint against expert MQM annotations of real English→German machine translation.

Data: ../shared/data/mqm/mqm-newstest2021_ende.tsv (Google's MQM annotations of WMT21 news
systems; one error per row, span marked <v>…</v> in the target, or in the source for
omissions). Rows are grouped into segments per (system, doc, seg_id) and segments into
documents per (system, doc), in seg_id order, one segment per paragraph; mtlint checks each
document pair (English original, German translation).

An annotated error counts as found when a finding of the corresponding family overlaps its
span on the same side (an error without a span, or of a segment-level category such as
Non-translation, when such a finding lies in its segment):

    Accuracy/Untranslated, Non-translation!   untranslated  (MT101, MT102, MT106)
    Accuracy/Omission                         omission      (MT103)
    Accuracy/Addition                         addition      (MT104, MT301)
    Fluency/Punctuation                       boundary, punctuation  (MT202, MT203)

Errors that several raters marked alike count once. The precision proxy is the share of
mtlint's findings (any severity; major and above separately) that overlap an annotated error
of any category, or lie in a segment that a rater marked as a whole.

    .venv/bin/python benchmarks/mqm_eval.py [--data DIR] [--limit N] [--show-misses CATEGORY]
        [--show-findings RULE]

The rater-consistency line says how often the same text copied from the original, in other
outputs of the same segment (other systems, human references), is marked Untranslated too:
the ceiling a rule faces that reports copies alike wherever they occur.

`--show-findings RULE` lists the findings of a rule (e.g. MT105) that fall on no annotated
error, with the source and target text of their segments, for reviewing false alarms.

`--limit N` checks only N documents, a deterministic sample (every k-th (system, doc) pair in
sorted order).
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field

from _data import data_argument, fmt, hits, overlaps, require

#: The finding families that count as finding an error of each category.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "Accuracy/Untranslated": ("untranslated",),
    "Non-translation!": ("untranslated",),
    "Accuracy/Omission": ("omission",),
    "Accuracy/Addition": ("addition",),
    "Fluency/Punctuation": ("boundary", "punctuation"),
}
#: Categories that rate a segment as a whole.
SEGMENT_LEVEL = frozenset({"Non-translation!"})
_MARK = re.compile(r"</?v>")


@dataclass(frozen=True)
class Marked:
    """Text without its <v> markers (HTML entities decoded) and the marked span, if any."""

    text: str
    span: tuple[int, int] | None


def unmark(raw: str) -> Marked:
    parts = _MARK.split(raw)
    tags = _MARK.findall(raw)
    text, start, end = "", None, None
    for k, part in enumerate(parts):
        text += html.unescape(part)
        if k < len(tags):
            if tags[k] == "<v>" and start is None:
                start = len(text)
            elif tags[k] == "</v>":
                end = len(text)
    if start is not None and end is None:  # an unclosed marker runs to the end
        end = len(text)
    return Marked(text, (start, end) if start is not None and end is not None else None)


@dataclass
class Error:
    category: str
    side: str
    seg: int
    span: tuple[int, int] | None  # segment-relative


@dataclass
class Doc:
    system: str
    doc: str
    source: dict[int, str] = field(default_factory=dict)
    target: dict[int, str] = field(default_factory=dict)
    errors: dict[tuple, Error] = field(default_factory=dict)


def load(path) -> dict[tuple[str, str], Doc]:
    docs: dict[tuple[str, str], Doc] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = (row["system"], row["doc"])
            doc = docs.setdefault(key, Doc(*key))
            seg = int(row["seg_id"])
            source, target = unmark(row["source"]), unmark(row["target"])
            doc.source.setdefault(seg, source.text)
            doc.target.setdefault(seg, target.text)
            category = row["category"]
            if category in ("No-error", ""):
                continue
            side, marked = ("source", source) if source.span else ("target", target)
            if category == "Accuracy/Omission" and not source.span:
                side, marked = "source", source
            span = None if category in SEGMENT_LEVEL else marked.span
            error = Error(category, side, seg, span)
            doc.errors.setdefault((category, side, seg, span), error)
    return docs


def render(segments: dict[int, str]) -> tuple[str, dict[int, tuple[int, int]]]:
    """One paragraph per segment, in seg_id order; the offsets of each segment."""
    out, where, pos = [], {}, 0
    for seg in sorted(segments):
        if out:
            out.append("\n\n")
            pos += 2
        text = segments[seg]
        out.append(text)
        where[seg] = (pos, pos + len(text))
        pos += len(text)
    return "".join(out), where


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    data_argument(parser)
    parser.add_argument("--limit", type=int, default=0, help="check only N documents (a sample)")
    parser.add_argument("--show-misses", metavar="CATEGORY", action="append", default=[])
    parser.add_argument("--show-findings", metavar="RULE", action="append", default=[],
                        help="list this rule's findings that fall on no annotated error")
    args = parser.parse_args()
    path = require(args.data / "mqm" / "mqm-newstest2021_ende.tsv", "the WMT21 en-de MQM file")

    from mtlint import check_pair

    started = time.perf_counter()
    docs = load(path)
    keys = sorted(docs)
    if args.limit and args.limit < len(keys):
        step = len(keys) / args.limit
        keys = [keys[int(k * step)] for k in range(args.limit)]
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    unmatched: dict[str, list[str]] = defaultdict(list)
    findings = on_error = findings_major = on_error_major = 0
    by_code: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    segments = 0
    for key in keys:
        doc = docs[key]
        source, src_where = render(doc.source)
        target, tgt_where = render(doc.target)
        segments += len(doc.target)
        where = {"source": src_where, "target": tgt_where}
        report = check_pair(source, target, source_lang="en", target_lang="de").to_dict()
        spans = hits(report)
        errors = []
        for error in doc.errors.values():
            seg0, seg1 = where[error.side][error.seg]
            start, end = (seg0 + error.span[0], seg0 + error.span[1]) if error.span else (seg0, seg1)
            errors.append((error, error.side, start, end))
        for error, side, start, end in errors:
            families = CATEGORIES.get(error.category)
            if families is None:
                continue
            hit = any(
                h.family in families and h.side == side and overlaps(h.start, h.end, start, end)
                for h in spans
            )
            found[error.category][0] += 1
            found[error.category][1] += hit
            if not hit:
                text = (source if side == "source" else target)[start:end]
                misses[error.category].append(f"  {doc.system} {doc.doc} #{error.seg}: {text[:120]}")
        for f in report["findings"]:
            on = any(
                side == span["side"] and overlaps(span["start"], span["end"], start, end)
                for span in f["spans"]
                for _, side, start, end in errors
            )
            major = f["severity"] in ("major", "critical")
            findings += 1
            on_error += on
            findings_major += major
            on_error_major += on and major
            by_code[f["code"]][0] += 1
            by_code[f["code"]][1] += on
            if not on and f["code"] in args.show_findings:
                unmatched[f["code"]].append(_describe(f, doc, source, target, where))

    print(f"WMT21 en→de MQM: {len(keys)} of {len(docs)} documents (system × doc), "
          f"{segments} segments{' (sample: --limit ' + str(args.limit) + ')' if args.limit and args.limit < len(docs) else ''}")
    print()
    print(f"{'category':<24} {'family':<24} {'errors':>6} {'found':>6} {'recall':>7}")
    for category, families in CATEGORIES.items():
        total, hit = found.get(category, [0, 0])
        print(f"{category:<24} {', '.join(families):<24} {total:>6} {hit:>6} {fmt(hit / total if total else None, 7)}")
    print()
    share = on_error / findings if findings else None
    share_major = on_error_major / findings_major if findings_major else None
    print(f"findings on an annotated error (precision proxy): {on_error}/{findings} = {fmt(share, 5).strip()}; "
          f"major and above {on_error_major}/{findings_major} = {fmt(share_major, 5).strip()}")
    print("  by rule: " + ", ".join(f"{code} {on}/{n}" for code, (n, on) in sorted(by_code.items())))
    print(rater_consistency(docs))
    print(f"({time.perf_counter() - started:.0f} s)")
    for category in args.show_misses:
        print(f"\nmissed {category}:")
        print("\n".join(misses.get(category, [])))
    for code in args.show_findings:
        print(f"\n{code} findings on no annotated error ({len(unmatched.get(code, []))}):")
        print("\n".join(unmatched.get(code, [])))


def rater_consistency(docs: dict[tuple[str, str], Doc]) -> str:
    """How consistently raters mark text copied from the original as untranslated: for every
    Accuracy/Untranslated span that is a verbatim copy of source text, the other outputs of the
    same segment (other systems and the human references) that contain the same text, and how
    many of those mark it too. A rule cannot find the marked copies without the unmarked ones."""
    outputs: dict[tuple[str, int], dict[str, tuple[str, set[str]]]] = defaultdict(dict)
    for doc in docs.values():
        for seg, target in doc.target.items():
            marked = {target[e.span[0]:e.span[1]] for e in doc.errors.values()
                      if e.category == "Accuracy/Untranslated" and e.seg == seg and e.span
                      and e.side == "target"}
            outputs[doc.doc, seg][doc.system] = (target, marked)
    spans = copies = kept = also = refs = 0
    for (doc_id, seg), systems in outputs.items():
        for system, (_, texts) in systems.items():
            source = docs[system, doc_id].source.get(seg, "")
            for text in texts:
                spans += 1
                if not text or text not in source:
                    continue
                copies += 1
                for other, (target, marked) in systems.items():
                    if other == system or text not in target:
                        continue
                    kept += 1
                    hit = any(text in m or m in text for m in marked if m)
                    also += hit
                    refs += other.startswith("ref.") and not hit
    return (f"rater consistency: {copies} of {spans} Untranslated spans are verbatim copies of the "
            f"original; other outputs of the same segment keep the same text {kept} times, "
            f"marked Untranslated {also} times ({kept - also} unmarked, {refs} of them in human "
            f"references)")


def _describe(finding: dict, doc: Doc, source: str, target: str,
              where: dict[str, dict[int, tuple[int, int]]]) -> str:
    """A finding with the segment texts its spans fall in, for reading it by hand."""
    segs = sorted({seg for span in finding["spans"]
                   for seg, (start, end) in where[span["side"]].items()
                   if start <= span["start"] <= end})
    lines = [f"  {doc.system} {doc.doc} #{','.join(map(str, segs))}: {finding['message']}"]
    for seg in segs:
        for side, text in (("src", source), ("tgt", target)):
            start, end = where["source" if side == "src" else "target"][seg]
            lines.append(f"      {side}: {text[start:end]}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
