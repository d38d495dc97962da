"""Alignment speed and memory: wall time and peak RSS of `mtlint.align.align_texts`.

Each size runs in its own process, so the peak resident set size of that process (read with
os.wait4) belongs to that size alone. Sentences are synthetic but realistic: words of natural
lengths with some numbers and names, a "translation" that rewrites every word, keeps numbers
and names, and splits, merges, drops and inserts a few sentences.

    .venv/bin/python benchmarks/align_speed.py [--sizes 100,1000,10000,20000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import subprocess
import sys
import time
from collections.abc import Sequence

DEFAULT_SIZES = (100, 1_000, 10_000, 20_000)


def make_pair(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choices(string.ascii_lowercase, k=rng.choice((2, 3, 4, 5, 6, 7, 8, 10))))
                  for _ in range(20_000)]
    names = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))).title() for _ in range(2_000)]

    def sentence() -> str:
        words = []
        for _ in range(max(3, int(rng.gauss(20, 8)))):
            roll = rng.random()
            if roll < 0.04:
                words.append(str(rng.randint(1, 99_999)))
            elif roll < 0.09:
                words.append(rng.choice(names))
            else:
                words.append(rng.choice(vocabulary))
        return " ".join(words).capitalize() + "."

    def translate(text: str) -> str:
        out = []
        for w in text.split():
            if w[0].isdigit() or w[0].isupper():
                out.append(w)
            else:
                out.append(w[::-1] + "en" if rng.random() < 0.9 else rng.choice(vocabulary))
        return " ".join(out)

    src = [sentence() for _ in range(n)]
    tgt: list[str] = []
    i = 0
    while i < n:
        roll = rng.random()
        if roll < 0.02:
            tgt.append(sentence())
            continue
        if roll < 0.04:
            i += 1
            continue
        if roll < 0.08 and i + 1 < n:
            tgt.append(translate(src[i] + " " + src[i + 1]))
            i += 2
            continue
        words = translate(src[i]).split()
        if roll < 0.12 and len(words) > 6:
            tgt.append(" ".join(words[: len(words) // 2]) + ".")
            tgt.append(" ".join(words[len(words) // 2 :]))
        else:
            tgt.append(" ".join(words))
        i += 1
    return src, tgt


def child(n: int) -> None:
    """Run one size and print its timing as JSON (peak RSS is read by the parent)."""
    src, tgt = make_pair(n)
    from mtlint.align import align_texts

    align_texts(src[:5], tgt[:5])  # imports and caches, outside the timing
    start = time.perf_counter()
    beads = align_texts(src, tgt)
    seconds = time.perf_counter() - start
    print(json.dumps({"n": n, "m": len(tgt), "seconds": seconds, "beads": len(beads)}))


def run(n: int) -> dict[str, float]:
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(n)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"size {n} failed with status {status}")
    result = json.loads(out)
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child)
        return 0
    print(f"{'source':>7} {'target':>7} {'seconds':>8} {'peak RSS MB':>12} {'growth':>7}")
    previous = None
    for n in (int(s) for s in args.sizes.split(",")):
        r = run(n)
        growth = f"{r['seconds'] / previous[1] / (n / previous[0]):7.2f}" if previous else f"{'':>7}"
        print(f"{n:7} {r['m']:7} {r['seconds']:8.2f} {r['peak_mb']:12.0f} {growth}", flush=True)
        previous = (n, r["seconds"])
    print("growth = time ratio divided by size ratio against the previous row (1.0 = linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
