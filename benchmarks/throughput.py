"""Throughput of `mtlint check` over corpora/: pairs/s, sentences/s, per-pair latency, RSS.

Run: python benchmarks/throughput.py [--repeat N]
Process start is excluded from the per-pair figures (everything is warmed up once first);
`mtlint --help` wall time is measured separately, as a fresh process each time.

With --pairs, sentence-pair mode instead (`check_sentence_pairs` on chunks of
`SENTENCE_CHUNK` pairs, what `mtlint batch --pairs` runs): CPU microseconds per pair over IWSLT tst2012 vi→en (from ../shared/data,
detokenised as benchmarks/peers.py reads it), in one cold pass, as a corpus is read: every
rule, no rule (the per-pair overhead), and each rule alone on top of no rule. Each figure is
the best of --rounds fresh processes, which first check the first pairs to load what the
rules load once (`WARM_UP`, as peers.py does).
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
#: Pairs checked before the clock starts, as in peers.py.
WARM_UP = 20


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


def pair_costs(data: Path, rounds: int) -> None:
    """Sentence-pair mode's cost per pair: every rule, none, and each rule alone."""
    from mtlint.batch_pairs import ARTICLE_RULES
    from mtlint.engine import CheckOptions

    codes = [c for c in CheckOptions(source_lang="vi", target_lang="en").rules()
             if c not in ARTICLE_RULES]
    print(f"sentence pairs, tst2012 vi→en, one cold pass, best of {rounds} fresh processes:")
    print(f"{'rules':<12} {'µs/pair':>8} {'pairs/CPU-s':>12}")
    for label, selected in [("all", "all"), ("none", ""), *((c, c) for c in codes)]:
        best = min(_pair_pass(data, selected) for _ in range(rounds))
        print(f"{label:<12} {best:8.1f} {1e6 / best:12,.0f}")


def _pair_pass(data: Path, selected: str) -> float:
    out = subprocess.run([sys.executable, __file__, "--pair-worker", selected, str(data)],
                         check=True, capture_output=True, text=True)
    return float(out.stdout)


def _pair_worker(selected: str, data: Path) -> None:
    """One cold pass in this fresh process; prints CPU µs per pair."""
    from dataclasses import replace

    from _data import read_lines

    from mtlint.batch import SENTENCE_CHUNK
    from mtlint.batch_pairs import check_sentence_pairs, pair_setup
    from mtlint.engine import CheckOptions
    from mtlint.model import Severity

    setup = pair_setup(CheckOptions(source_lang="vi", target_lang="en"), Severity.MAJOR)
    if selected != "all":
        setup = replace(setup, codes=tuple(c for c in selected.split(",") if c))
    folder = data / "parallel-envi"
    pairs = [(s, t) for s, t in zip(read_lines(folder / "tst2012.vi"),
                                    read_lines(folder / "tst2012.en")) if s.strip() and t.strip()]
    check_sentence_pairs(pairs[:WARM_UP], setup)
    rest = pairs[WARM_UP:]
    cpu = time.process_time()
    for start in range(0, len(rest), SENTENCE_CHUNK):
        check_sentence_pairs(rest[start : start + SENTENCE_CHUNK], setup)
    print((time.process_time() - cpu) / len(rest) * 1e6)


def main() -> None:
    if sys.argv[1:2] == ["--pair-worker"]:
        _pair_worker(sys.argv[2], Path(sys.argv[3]))
        return
    from _data import data_argument, require

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30, help="checks per pair (default 30)")
    parser.add_argument("--pairs", action="store_true", help="sentence-pair mode instead")
    parser.add_argument("--rounds", type=int, default=3,
                        help="--pairs: fresh processes per figure, the best counts (default 3)")
    data_argument(parser)
    args = parser.parse_args()
    if args.pairs:
        require(args.data / "parallel-envi" / "tst2012.vi", "IWSLT tst2012")
        pair_costs(args.data, args.rounds)
        return

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
