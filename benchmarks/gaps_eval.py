"""Omitted and added sentences (MT103, MT104) on human literary translations: how many there are.

Data: the OPUS Books novels of ../shared/data/align/opusbooks (de, es, fr, it, nl, ru with
English; the Hungarian one is skipped, mtlint does not support Hungarian), with their gold
sentence alignment. Each novel is cut, at gold bead boundaries, into chunks of about
`CHUNK_SENTENCES` original sentences, and each chunk is checked as an article pair (its
sentences joined by spaces, as prose). A finding of MT103 or MT104 is counted by severity and by
whether one of its spans falls on a sentence the gold leaves unmatched (a 1-0 or 0-1 bead): the
gold is semi-automatic and wrong in places (see `align_eval.py --audit`), so findings off its
gaps are an upper bound on false alarms, not a count of them. The injection benchmark
(`inject_eval.py`) measures recall; this one shows what the gap rules cost on a freer kind of
translation than TED subtitles.

    .venv/bin/python benchmarks/gaps_eval.py [--data DIR] [--chunks N]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterator, Sequence

from _data import data_argument, require
from align_eval import GoldBead, opus_names, opusbooks

from mtlint import check_pair
from mtlint.langid import SUPPORTED_LANGS

#: Original sentences per chunk (a chunk ends at the first gold bead boundary after this many).
CHUNK_SENTENCES = 30


def chunks(gold: Sequence[GoldBead]) -> Iterator[list[GoldBead]]:
    """Consecutive gold beads holding about `CHUNK_SENTENCES` original sentences, and at least
    one sentence on each side."""
    current: list[GoldBead] = []
    for bead in gold:
        current.append(bead)
        if sum(len(b[0]) for b in current) >= CHUNK_SENTENCES:
            if any(b[0] for b in current) and any(b[1] for b in current):
                yield current
            current = []


def joined(lines: Sequence[str], indices: Sequence[int]) -> tuple[str, dict[int, tuple[int, int]]]:
    """The sentences at `indices` joined by spaces, and where each one stands in the text."""
    spans: dict[int, tuple[int, int]] = {}
    pos = 0
    for i in indices:
        spans[i] = (pos, pos + len(lines[i]))
        pos += len(lines[i]) + 1
    return " ".join(lines[i] for i in indices), spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data_argument(parser)
    parser.add_argument("--chunks", type=int, default=40, help="chunks per novel (default 40)")
    args = parser.parse_args()
    require(args.data / "align" / "opusbooks", "the OPUS Books novels")
    started = time.perf_counter()
    counts: Counter[tuple[str, str, bool]] = Counter()
    checked = sentences = gold_gaps = 0
    for book, (src, tgt, gold, (src_lang, tgt_lang)) in zip(opus_names(args.data), opusbooks(args.data)):
        if src_lang not in SUPPORTED_LANGS or tgt_lang not in SUPPORTED_LANGS:
            continue
        for n, beads in enumerate(chunks(gold)):
            if n == args.chunks:
                break
            source, src_spans = joined(src, sorted(i for b in beads for i in b[0]))
            target, tgt_spans = joined(tgt, sorted(j for b in beads for j in b[1]))
            spans = {"source": src_spans, "target": tgt_spans}
            unmatched = {
                "source": {i for b in beads if not b[1] for i in b[0]},
                "target": {j for b in beads if not b[0] for j in b[1]},
            }
            report = check_pair(source, target, source_lang=src_lang, target_lang=tgt_lang)
            for f in report.findings:
                if f.code not in ("MT103", "MT104"):
                    continue
                on_gap = any(
                    a < span.end and span.start < b
                    for span in f.spans
                    for i, (a, b) in spans[span.side].items()
                    if i in unmatched[span.side]
                )
                counts[f.code, f.severity.value, on_gap] += 1
            checked += 1
            sentences += len(tgt_spans)
            gold_gaps += sum(1 for b in beads if not b[0] or not b[1])
    print(f"OPUS Books: {checked} chunks of about {CHUNK_SENTENCES} sentences, {sentences} "
          f"translated sentences, {gold_gaps} gold beads without a counterpart")
    print()
    print(f"{'rule':<6} {'severity':<9} {'on a gold gap':>14} {'elsewhere':>10} {'per 1,000':>10}")
    for code in ("MT103", "MT104"):
        for severity in ("critical", "major", "minor"):
            on, off = counts[code, severity, True], counts[code, severity, False]
            if on or off:
                print(f"{code:<6} {severity:<9} {on:>14} {off:>10} {1000 * off / sentences:>10.1f}")
    print(f"(elsewhere per 1,000 translated sentences; {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
