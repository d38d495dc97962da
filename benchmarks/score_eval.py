"""Does mtlint's reference-free quality score agree with expert MQM judgements?

Data: Google's expert MQM annotations of WMT21 English→German news translations
(`../shared/data/mqm/mqm-newstest2021_ende.tsv`, one error per row; see its README). Gold per
segment: the annotated errors weighted as mtlint weights findings — minor 1, major 5,
critical 25, neutral and "No-error" rows 0; a Non-translation error counts 25 whatever its
severity, as in Freitag et al. (2021) (this file has none). Unlike Freitag et al., minor
Fluency/Punctuation errors keep weight 1 (not 0.1): the gold uses exactly mtlint's weights.
A segment's gold penalty is averaged over its raters; the gold score is its negation.

mtlint runs once per (system, document): the segments of the source and of the system output
become the paragraphs of an English original and a German translation (the `<v>` span
markers stripped), so the aligner and the document-level rules work as on an article. Each
segment gets the quality score of the beads holding its sentences (the mean when a segment's
sentences fall into several beads; every segment of an n-m bead gets that bead's score).

Baseline: -|log(len_tgt / len_src) - median|, non-space characters, median over the segments
scored. Correlations: Kendall tau-b and Pearson at segment level (all segments pooled), and
Pearson of the per-system means (the "systems" column; the 4 human references are systems
here too). Scores are higher-better on every side.

    .venv/bin/python benchmarks/score_eval.py [--data DIR] [--limit DOCS] [--jobs N]

`--limit` takes a deterministic sample of (system, document) pairs (seeded shuffle), so a
quick run reads the same documents every time.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
MQM_FILE = Path("mqm") / "mqm-newstest2021_ende.tsv"

SEVERITY_POINTS = {"no-error": 0.0, "neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
NON_TRANSLATION = 25.0


@dataclass(frozen=True)
class Segment:
    seg_id: int
    source: str
    target: str
    gold_penalty: float  # mean over raters


@dataclass(frozen=True)
class DocPair:
    system: str
    doc: str
    segments: tuple[Segment, ...]


def _strip(text: str) -> str:
    return text.replace("<v>", "").replace("</v>", "").strip()


def _points(category: str, severity: str) -> float:
    if category.lower().startswith("non-translation"):
        return NON_TRANSLATION
    return SEVERITY_POINTS.get(severity.strip().lower(), 0.0)


def read_mqm(path: Path) -> list[DocPair]:
    """(system, doc) documents, segments in seg_id order, gold penalties averaged over raters."""
    texts: dict[tuple[str, str, int], tuple[str, str]] = {}
    per_rater: dict[tuple[str, str, int], dict[str, float]] = defaultdict(dict)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = (row["system"], row["doc"], int(row["seg_id"]))
            texts.setdefault(key, (_strip(row["source"]), _strip(row["target"])))
            raters = per_rater[key]
            raters[row["rater"]] = raters.get(row["rater"], 0.0) + _points(
                row["category"], row["severity"]
            )
    docs: dict[tuple[str, str], list[Segment]] = defaultdict(list)
    for key in sorted(texts, key=lambda k: (k[0], k[1], k[2])):
        raters = per_rater[key]
        source, target = texts[key]
        penalty = sum(raters.values()) / len(raters)
        docs[key[:2]].append(Segment(key[2], source, target, penalty))
    return [DocPair(system, doc, tuple(segs)) for (system, doc), segs in docs.items()]


def _paragraphs(texts: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The texts as paragraphs of one article, and each one's [start, end) in it."""
    spans, pos = [], 0
    for text in texts:
        spans.append((pos, pos + len(text)))
        pos += len(text) + 2
    return "\n\n".join(texts), spans


def _owner(spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the paragraph holding (or preceding) position `pos`."""
    lo = 0
    for i, (start, _) in enumerate(spans):
        if start <= pos:
            lo = i
    return lo


def score_document(pair: DocPair) -> list[tuple[int, float]]:
    """(segment position in the document, mtlint score) for every segment a bead touches."""
    from mtlint import check_pair

    src_text, src_spans = _paragraphs([s.source for s in pair.segments])
    tgt_text, tgt_spans = _paragraphs([s.target for s in pair.segments])
    report = check_pair(src_text, tgt_text, source_lang="en", target_lang="de")
    per_pair = report.scores["quality"]["per_pair"]
    collected: dict[int, list[float]] = defaultdict(list)
    for bead, entry in zip(report.beads, per_pair):
        if bead.tgt:
            owners = {_owner(tgt_spans, report.target_segments[j].start) for j in bead.tgt}
        else:
            owners = {_owner(src_spans, report.source_segments[i].start) for i in bead.src}
        for k in owners:
            collected[k].append(entry["score"])
    return [(k, sum(v) / len(v)) for k, v in sorted(collected.items())]


# --------------------------------------------------------------------------- statistics


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall's tau-b (ties in either variable corrected), O(n²) in numpy rows."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    concordance = pairs_x = pairs_y = 0.0
    for i in range(len(a) - 1):
        sx = np.sign(a[i + 1 :] - a[i])
        sy = np.sign(b[i + 1 :] - b[i])
        concordance += float(np.dot(sx, sy))
        pairs_x += float(np.count_nonzero(sx))
        pairs_y += float(np.count_nonzero(sy))
    return concordance / math.sqrt(pairs_x * pairs_y) if pairs_x and pairs_y else float("nan")


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    a, b = a - a.mean(), b - b.mean()
    den = math.sqrt(float(np.dot(a, a)) * float(np.dot(b, b)))
    return float(np.dot(a, b)) / den if den else float("nan")


def _chars(text: str) -> int:
    return sum(not ch.isspace() for ch in text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"public data folder (default: {DEFAULT_DATA})")
    parser.add_argument("--limit", type=int, default=None, metavar="DOCS",
                        help="score a deterministic sample of this many (system, doc) pairs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    path = args.data / MQM_FILE
    if not path.exists():
        print(f"skipped: MQM annotations not found at {path} (pass --data DIR)")
        return 0
    docs = read_mqm(path)
    total_docs = len(docs)
    if args.limit is not None and args.limit < len(docs):
        docs = sorted(random.Random(0).sample(docs, args.limit), key=lambda d: (d.system, d.doc))
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        results = list(pool.map(score_document, docs, chunksize=4))
    seconds = time.perf_counter() - started

    systems, ours, gold, log_ratios = [], [], [], []
    for pair, scored in zip(docs, results):
        for k, score in scored:
            seg = pair.segments[k]
            src, tgt = _chars(seg.source), _chars(seg.target)
            if not src or not tgt:
                continue
            systems.append(pair.system)
            ours.append(score)
            gold.append(-seg.gold_penalty)
            log_ratios.append(math.log(tgt / src))
    median = float(np.median(log_ratios))
    baseline = [-abs(r - median) for r in log_ratios]

    def system_r(values: Sequence[float]) -> float:
        by_system: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for name, v, g in zip(systems, values, gold):
            by_system[name].append((v, g))
        means = [(np.mean([v for v, _ in rows]), np.mean([g for _, g in rows]))
                 for rows in by_system.values()]
        return pearson([m for m, _ in means], [g for _, g in means])

    n_segments = sum(len(d.segments) for d in docs)
    print(f"MQM newstest2021 en→de: {len(docs)} of {total_docs} (system, document) pairs"
          + (f" (--limit {args.limit}, seeded sample)" if len(docs) < total_docs else "")
          + f", {len(ours)} of {n_segments} segments scored, {len(set(systems))} systems; "
          f"mtlint took {seconds:.0f} s with {args.jobs} jobs")
    flagged = [-g for s, g in zip(ours, gold) if s < 100]
    clean = [-g for s, g in zip(ours, gold) if s >= 100]
    print(f"segments with an annotated error: {sum(g < 0 for g in gold) / len(gold):.1%}; "
          f"with an mtlint finding (score < 100): {len(flagged) / len(ours):.1%}")
    print(f"mean MQM penalty of segments mtlint flags: {np.mean(flagged or [0]):.2f} "
          f"(n={len(flagged)}); of the others: {np.mean(clean or [0]):.2f} (n={len(clean)})")
    print()
    header = f"{'scorer':<34} {'Kendall tau-b':>13} {'Pearson r':>10} {'systems r':>10}"
    print(header)
    print("-" * len(header))
    for name, values in (
        ("mtlint quality score (no ref.)", ours),
        ("length-ratio baseline", baseline),
    ):
        print(f"{name:<34} {kendall_tau_b(values, gold):>13.3f} {pearson(values, gold):>10.3f} "
              f"{system_r(values):>10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
