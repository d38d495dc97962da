"""Throughput of `mtlint check` over corpora/: pairs/s, sentences/s, per-pair latency, RSS.

Run: python benchmarks/throughput.py [--repeat N]
Process start is excluded from the per-pair figures (everything is warmed up once first);
`mtlint --help` wall time is measured separately, as a fresh process each time.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_pairs() -> list[tuple[str, Path, Path, dict]]:
    pairs = []
    for gold_path in sorted(ROOT.glob("corpora/*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        folder = gold_path.parent
        pairs.append((folder.name, folder / gold["source"], folder / gold["target"], gold))
    return pairs


def help_wall_time(runs: int = 7) -> float:
    exe = Path(sys.executable).with_name("mtlint")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(exe), "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def degenerate_inputs() -> list[tuple[str, str | None, str]]:
    """Texts that defeat naive algorithms: one huge sentence, one word repeated, many short
    sentences of a tiny vocabulary (near-duplicates everywhere)."""
    import random

    rng = random.Random(1)
    vocab = "the city council approved new budget for roads schools and parks after debate".split()
    many = "\n\n".join(
        " ".join(rng.choice(vocab) for _ in range(12)).capitalize() + "." for _ in range(20000)
    )
    one_sentence = "word " * 100000
    return [
        ("one 500 kB sentence, translation alone", None, one_sentence),
        ("one 500 kB sentence, as its own original", one_sentence, one_sentence),
        ("one sentence said 30,000 times", None, "The committee met again. " * 30000),
        ("20,000 sentences of 14 words", None, many),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30, help="checks per pair (default 30)")
    args = parser.parse_args()

    from mtlint import check_files

    pairs = corpus_pairs()
    if not pairs:
        sys.exit("no corpora/*/gold.json found")
    print(f"{'pair':<32} {'src':>4} {'tgt':>4} {'median ms':>10} {'per 40 sent ms':>15}")
    all_times: list[float] = []
    sentences = 0
    per40: list[float] = []
    for name, src, tgt, gold in pairs:
        kwargs = {"source_lang": gold["source_lang"], "target_lang": gold["target_lang"]}
        report = check_files(str(src), str(tgt), **kwargs)  # warm-up: tables and models load
        n = len(report.source_segments) + len(report.target_segments)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            check_files(str(src), str(tgt), **kwargs)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        all_times.extend(times)
        sentences += n * args.repeat
        per40.append(median * 80 / n)
        print(f"{name:<32} {len(report.source_segments):>4} {len(report.target_segments):>4} "
              f"{median * 1000:>10.2f} {median * 80 / n * 1000:>15.2f}")
    total = sum(all_times)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"pairs/s            {len(all_times) / total:10.1f}")
    print(f"sentences/s        {sentences / total:10.0f}")
    print(f"median per pair    {statistics.median(all_times) * 1000:10.2f} ms")
    print(f"median, scaled to a 40-sentence pair (40 a side): "
          f"{statistics.median(per40) * 1000:.2f} ms")
    print(f"peak RSS           {rss_mb:10.1f} MB")
    print(f"mtlint --help      {help_wall_time() * 1000:10.0f} ms (median of 7 fresh processes)")
    print()
    from mtlint import check_pair

    for label, source, target in degenerate_inputs():
        start = time.perf_counter()
        check_pair(source, target, source_lang="en", target_lang="en")
        print(f"degenerate: {label:<42} {time.perf_counter() - start:6.2f} s")


if __name__ == "__main__":
    main()
