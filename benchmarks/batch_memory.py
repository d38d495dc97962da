"""Peak memory of `mtlint batch --pairs` on a 100,000-pair corpus: streaming keeps it flat.

The corpus is the IWSLT tst2012 Vietnamese-English test set from ../shared/data/parallel-envi
(detokenised, as benchmarks/peers.py does) repeated to the size asked for, or, when that data
is absent, synthetic sentence pairs. `mtlint batch` runs in a subprocess. Two figures:
resource.getrusage(RUSAGE_CHILDREN) (the largest single process among the descendants that
were waited for: the batch process and the pool workers it forks; workers started by a fork
server are not always counted there), and, on Linux, the peak of the summed RSS of the whole
process tree (batch process, fork server if any, workers), sampled from /proc every 0.1 s
(the tree itself is looked up once a second), which is what the machine has to hold. Forked
workers share pages with the batch process; RSS counts a shared page in each of them, so the
sum overstates what the machine holds.

    .venv/bin/python benchmarks/batch_memory.py [--pairs N] [--jobs N] [--data DIR]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _data import descendants

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LIMIT_MB = 500
#: Samples (0.1 s apart) between two scans for the processes of the tree.
RESCAN_EVERY = 10


def base_pairs(data: Path) -> tuple[list[tuple[str, str]], str]:
    if (data / "parallel-envi" / "tst2012.vi").exists():
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from peers import tst2012_pairs

        return tst2012_pairs(data), "tst2012 vi→en (repeated)"
    print(f"{data}/parallel-envi not found: using synthetic pairs", file=sys.stderr)
    rng = random.Random(0)
    nouns = ["the city", "the ministry", "the school", "the bridge", "the river", "the market"]
    verbs = ["opened", "closed", "repaired", "visited", "funded", "inspected"]
    pairs = []
    for k in range(2000):
        n = rng.randint(2, 9000)
        en = f"{rng.choice(nouns).capitalize()} {rng.choice(verbs)} {n:,} homes in {2000 + k % 25}."
        vi = f"Thành phố đã sửa {n:,} ngôi nhà vào năm {2000 + k % 25}.".replace(",", ".")
        pairs.append((vi, en))
    return pairs, "synthetic vi→en"


def tree_rss_kb(pids: set[int]) -> int:
    """Summed VmRSS (kB) of `pids`; 0 where /proc is missing."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines()
                       if line.startswith("VmRSS:")), 0)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=None, help="default: all cores")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()

    pairs, origin = base_pairs(args.data)
    exe = Path(sys.executable).with_name("mtlint")
    with tempfile.TemporaryDirectory(prefix="mtlint-memory-") as tmp:
        corpus = Path(tmp) / "pairs.tsv"
        with corpus.open("w", encoding="utf-8") as fh:
            for k in range(args.pairs):
                source, target = pairs[k % len(pairs)]
                fh.write(f"{source}\t{target}\n")
        command = [str(exe), "batch", "--pairs", str(corpus), "--source-lang", "vi",
                   "--target-lang", "en", "-o", str(Path(tmp) / "out.jsonl"),
                   "--keep", str(Path(tmp) / "keep.tsv"), "--drop", str(Path(tmp) / "drop.tsv")]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        start = time.perf_counter()
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) as proc:
            tree_peak_kb, samples, tree = 0, 0, {proc.pid}
            while proc.poll() is None:
                if samples % RESCAN_EVERY == 0:
                    tree = {proc.pid, *descendants(proc.pid)}
                tree_peak_kb = max(tree_peak_kb, tree_rss_kb(tree))
                samples += 1
                time.sleep(0.1)
            stdout, stderr = proc.communicate()
        seconds = time.perf_counter() - start
        lines = sum(1 for _ in (Path(tmp) / "out.jsonl").open(encoding="utf-8"))
    if proc.returncode not in (0, 1):
        sys.exit(f"mtlint batch failed ({proc.returncode}): {stderr.strip()}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"input        {args.pairs:,} pairs, {origin}")
    print(f"results      {lines:,} JSONL lines in {seconds:.1f} s "
          f"({args.pairs / seconds:,.0f} pairs/s, process start included)")
    tree_mb = tree_peak_kb / 1024
    print(f"peak RSS     {peak_mb:.0f} MB, getrusage(RUSAGE_CHILDREN)")
    if tree_peak_kb:
        print(f"peak RSS     {tree_mb:.0f} MB, whole process tree, sampled")
    worst = max(peak_mb, tree_mb)
    print(f"limit        {LIMIT_MB} MB: {'OK' if worst <= LIMIT_MB else 'OVER'}")
    print("summary (as printed by mtlint batch):")
    for line in stdout.strip().splitlines():
        print(f"  {line}")


if __name__ == "__main__":
    main()
