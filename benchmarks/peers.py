"""mtlint's sentence-pair mode side by side with OpusFilter and pofilter: pairs/s and ratios.

Input, the same for every tool: the IWSLT tst2012 Vietnamese-English test set from
../shared/data/parallel-envi, detokenised (it ships Moses-tokenised with HTML entities), and
the project's corpora/ articles cut into sentence pairs by mtlint's aligner (every bead with
both sides; each language pair is a group of its own, since every tool is told the languages).

Peers, each on every pair:
- OpusFilter's filter chain: LengthRatioFilter, LanguageIDFilter (langid, OpusFilter's default;
  as `LangidFilter`, its current name), RepetitionFilter, NonZeroNumeralsFilter,
  TerminalPunctuationFilter, CharacterScoreFilter. Measured twice: as a filter (`filter()`,
  where a pair rejected by one filter is not shown to the next) and scoring every filter on
  every pair (`score()`, the same work as mtlint running every rule).
- translate-toolkit's pofilter checks: `StandardChecker.run_filters` on a PO unit per pair.

The peers are not project dependencies: they live in benchmarks/.venv-peers (created on first
run with `pip install opusfilter translate-toolkit "py3langid<0.4"`; py3langid 0.4 dropped the
model loader OpusFilter's langid filter calls) and run in a subprocess with that interpreter.
mtlint runs in the project's interpreter, in a fresh subprocess per measurement, through the
same code `mtlint batch --pairs` runs (JSON lines serialised, then discarded).
Every tool warms up on the first pairs of each group before the clock starts.

Each tool is timed twice: wall clock, and the CPU time of its process (`time.process_time`).
The comparison is on one core, so every tool's process is pinned to the same CPU
(`sched_setaffinity`): a peer that starts helper threads (numerical libraries do) cannot
borrow the second core, and its wall clock is what one core gives. The machine may be shared,
so the wall-clock rate falls with the load average (printed beside every figure); CPU time is
what the tool itself costs, and the ratios are given on both. mtlint and the peers alternate (--rounds), and each tool's best round counts.

The 1-vs-2-jobs figures run `run_batch` with `--jobs 1` and `--jobs 2`, in a fresh process
each, alternating, on two corpora: tst2012 repeated (--scale, default 20: 31,060 pairs), and
pairs that do not repeat (`distinct_groups`: the OPUS Books novels' 1-1 gold beads and the WMT21
MQM English→German segments, a fresh process per language pair). A repeated corpus flatters one
job: one process answers every repeat from its per-sentence caches, while each of two workers
must fill its own. They report the start-up (until the first chunks' results are written:
worker start, imports, word-frequency tables) apart from the steady rate after it, and the load
average; then, since the machine may be shared, the same from CPU time alone: what two free
cores would give (see `_jobs_main`); then `mtlint batch --pairs --jobs N` itself, as a user
runs it (start-up included).

    .venv/bin/python benchmarks/peers.py [--data DIR] [--scale N] [--rounds N] [--jobs-only | --peers-only]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from _data import descendants, read_lines

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
VENV = ROOT / "benchmarks" / ".venv-peers"
PEER_PACKAGES = ["opusfilter", "translate-toolkit", "py3langid<0.4"]
WARM_UP = 20
#: The CPU every tool of the one-job comparison runs on.
ONE_CORE = max(os.sched_getaffinity(0))
#: Chunks whose results end the start-up of a 1-vs-2-jobs run: with two jobs, the parent's
#: first chunk and one from each worker, so that the workers' own start (forking, the pages
#: they copy, caches of their own) is not counted as steady work; the same for one job.
STARTUP_CHUNKS = 3
_SCRIPTS = {"ru": "Cyrillic", "uk": "Cyrillic", "zh": "Han", "ja": "Han", "ko": "Hangul",
            "hi": "Devanagari"}


@dataclass(frozen=True)
class Group:
    """Sentence pairs of one language pair, as a TSV file."""

    name: str
    source_lang: str
    target_lang: str
    tsv: str
    pairs: int


# --------------------------------------------------------------------------- input


def tst2012_pairs(data: Path) -> list[tuple[str, str]]:
    folder = data / "parallel-envi"
    vi = read_lines(folder / "tst2012.vi")
    en = read_lines(folder / "tst2012.en")
    return [(s, t) for s, t in zip(vi, en) if s.strip() and t.strip()]


def corpora_groups() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """corpora/ articles as sentence pairs, paired by mtlint's aligner, by language pair."""
    from mtlint.align import align
    from mtlint.documents import load_document
    from mtlint.engine import prepare

    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for gold_path in sorted(ROOT.glob("corpora/*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        src = prepare(load_document(str(gold_path.parent / gold["source"])),
                      gold["source_lang"], "source")
        tgt = prepare(load_document(str(gold_path.parent / gold["target"])),
                      gold["target_lang"], "target")
        beads = align(src.segments, tgt.segments, src_lang=src.lang, tgt_lang=tgt.lang)
        pairs = groups.setdefault((src.lang, tgt.lang), [])
        for bead in beads:
            if bead.src and bead.tgt:
                pairs.append((
                    " ".join(src.segments[i].text for i in bead.src),
                    " ".join(tgt.segments[j].text for j in bead.tgt),
                ))
    return groups


def distinct_groups(data: Path) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Sentence pairs that do not repeat, by language pair: the 1-1 gold beads of the OPUS
    Books novels (languages from the file names, `DE-EN-…`) and the WMT21 MQM English→German
    segments (source, target without the <v> markers), each pair once.

    A per-sentence cache answers a repeated pair for free, and one process sees every repeat
    while each of two workers must fill its own cache; on a corpus that does not repeat, the
    1-vs-2-jobs figures measure the jobs, not the caches. (An MQM source still recurs once per
    system, in consecutive rows, so in the same chunk whatever the jobs.)"""
    from mqm_eval import unmark

    from mtlint.langid import SUPPORTED_LANGS

    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for gold in sorted((data / "align" / "opusbooks").glob("*.gold")):
        src_lang, tgt_lang = (part.lower() for part in gold.name.split("-")[:2])
        src = gold.with_suffix(".src").read_text(encoding="utf-8").split("\n")
        tgt = gold.with_suffix(".tgt").read_text(encoding="utf-8").split("\n")
        pairs = groups.setdefault((src_lang, tgt_lang), [])
        for bead in gold.read_text(encoding="utf-8").splitlines():
            sources, _, targets = bead.partition(":")
            if sources.count(",") == targets.count(",") == 0 and "[]" not in bead:
                pairs.append((src[int(sources.strip("[]"))], tgt[int(targets.strip("[]"))]))
    mqm = data / "mqm" / "mqm-newstest2021_ende.tsv"
    if mqm.exists():
        with mqm.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            groups.setdefault(("en", "de"), []).extend(
                (unmark(r["source"]).text, unmark(r["target"]).text) for r in rows
            )
    return {langs: _unique(pairs) for langs, pairs in groups.items()
            if set(langs) <= set(SUPPORTED_LANGS)}


def _unique(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs with both sides, each once, in first-seen order."""
    return list(dict.fromkeys((s, t) for s, t in pairs if s.strip() and t.strip()))


def write_group(folder: Path, name: str, langs: tuple[str, str],
                pairs: list[tuple[str, str]]) -> Group:
    path = folder / f"{name}.tsv"
    clean = [(" ".join(s.split()), " ".join(t.split())) for s, t in pairs]
    path.write_text("".join(f"{s}\t{t}\n" for s, t in clean), encoding="utf-8")
    return Group(name, langs[0], langs[1], str(path), len(clean))


# --------------------------------------------------------------------------- mtlint


def _one_core() -> None:
    """Pin the calling process (and the threads it will start) to one CPU, the same for every
    tool: the one-job comparison is on one core."""
    os.sched_setaffinity(0, {ONE_CORE})


def measure_mtlint(groups: list[Group]) -> dict[str, float]:
    """One job, in a fresh process of the project's interpreter (see `_mtlint_main`)."""
    spec = json.dumps({"groups": [asdict(g) for g in groups]})
    out = subprocess.run([sys.executable, __file__, "--mtlint-worker", spec],
                         check=True, capture_output=True, text=True, preexec_fn=_one_core)
    return json.loads(out.stdout)


def _mtlint_main(spec_json: str) -> None:
    import io

    from mtlint.batch import plan_pairs, run_batch
    from mtlint.batch_inputs import read_sentence_pairs
    from mtlint.batch_pairs import check_sentence_pair
    from mtlint.engine import CheckOptions
    from mtlint.model import Severity

    spec = json.loads(spec_json)
    plans = []
    for g in spec["groups"]:
        options = CheckOptions(source_lang=g["source_lang"], target_lang=g["target_lang"])
        plan = plan_pairs(g["tsv"], options, Severity.MAJOR, None)
        for pair in list(read_sentence_pairs(g["tsv"]))[:WARM_UP]:
            check_sentence_pair(pair.source or "", pair.target or "", plan.pair_settings)
        plans.append(plan)
    pairs = 0
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), time.process_time()
    for plan in plans:
        pairs += run_batch(plan, io.StringIO()).pairs
    print(json.dumps({"pairs": pairs, "seconds": time.perf_counter() - start,
                      "cpu": time.process_time() - cpu, "load": (load + os.getloadavg()[0]) / 2}))


def measure_jobs(groups: list[Group], jobs: int) -> dict[str, float]:
    """`run_batch` with `jobs` processes, one fresh process per group (see `_jobs_main`), as
    one `mtlint batch` per language pair; the groups' figures summed (see `_combine`)."""
    runs = []
    for group in groups:
        spec = json.dumps({"group": asdict(group), "jobs": jobs})
        out = subprocess.run([sys.executable, __file__, "--jobs-worker", spec],
                             check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout))
    return _combine(runs)


def _combine(runs: list[dict[str, float]]) -> dict[str, float]:
    """Figures of several groups as one run: times and counts add up, the load is averaged;
    then the rates and per-pair costs of the whole."""
    total = _summed(runs)
    steady_pairs = total["steady_pairs"]
    total["steady"] = steady_pairs / total["steady_seconds"] if total["steady_seconds"] else 0.0
    total["cpu_per_pair"] = total["worker_cpu"] / steady_pairs if steady_pairs else 0.0
    total["parent_per_pair"] = total["parent_steady_cpu"] / steady_pairs if steady_pairs else 0.0
    return total


def _jobs_main(spec_json: str) -> None:
    """Cold, as `mtlint batch` starts: the clock runs from before the pool exists. The results
    of the first `STARTUP_CHUNKS` chunks mark the end of start-up; the steady rate is over the
    pairs after them.

    CPU time says what the jobs cost whatever else the machine runs, so it is taken too:
    over the steady stretch, the workers' (this process's, for one job) and the parent's
    (reading, handing out, writing); and for start-up, the CPU of the longest chain of
    processes until then (this process, then the fork server if any, then its busiest
    worker), which is what start-up takes on free cores. From these, `free_seconds` is the
    time on `jobs` free cores: start-up, then the steady CPU spread over the cores."""
    from mtlint.batch import Engine, plan_pairs, run_batch
    from mtlint.engine import CheckOptions
    from mtlint.model import Severity

    spec = json.loads(spec_json)
    g, jobs = spec["group"], spec["jobs"]
    options = CheckOptions(source_lang=g["source_lang"], target_lang=g["target_lang"])
    plan = plan_pairs(g["tsv"], options, Severity.MAJOR, None)
    marks: list[tuple[float, int, float, float, float]] = []
    tree: dict[int, int] = {}
    results = 0

    def progress(done: int) -> None:
        nonlocal results
        results += 1
        if (results != STARTUP_CHUNKS or marks) and done < plan.total:
            return  # reading /proc costs the parent CPU: only at the two marks
        parent = time.process_time()
        if jobs > 1 and not tree:
            tree.update(_parents(descendants(os.getpid())))
        cpu = _cpu_seconds(list(tree)) if jobs > 1 else parent
        chain = _longest_chain(tree, os.getpid()) if not marks and jobs > 1 else 0.0
        marks.append((time.perf_counter(), done, cpu, parent, chain))

    load = os.getloadavg()[0]
    with open(os.devnull, "w", encoding="utf-8") as sink:
        start, cpu0 = time.perf_counter(), time.process_time()
        tally = run_batch(plan, sink, engine=Engine("local", jobs), progress=progress)
        seconds, parent_cpu = time.perf_counter() - start, time.process_time() - cpu0
    first, last = marks[0], marks[-1]
    steady_pairs = last[1] - first[1]
    worker_cpu = last[2] - first[2]
    parent_steady = last[3] - first[3] if jobs > 1 else 0.0
    startup_cpu = first[3] - cpu0 + first[4]
    print(json.dumps({
        "pairs": tally.pairs, "seconds": seconds, "parent_cpu": parent_cpu,
        "startup": first[0] - start, "startup_cpu": startup_cpu,
        "steady_pairs": steady_pairs, "steady_seconds": last[0] - first[0],
        "worker_cpu": worker_cpu, "parent_steady_cpu": parent_steady,
        "free_seconds": startup_cpu + (worker_cpu + parent_steady) / jobs,
        "load": (load + os.getloadavg()[0]) / 2,
    }))


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name (empty if the process is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def _cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of `pids` so far, from /proc (processes gone count 0)."""
    ticks = 0
    for pid in pids:
        fields = _stat(pid)
        if fields:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _parents(pids: list[int]) -> dict[int, int]:
    """Each of `pids` with its parent's pid."""
    return {pid: int(fields[1]) for pid in pids if (fields := _stat(pid))}


def _longest_chain(tree: dict[int, int], root: int) -> float:
    """The most CPU time on a path from below `root` down the process tree: the fork server
    and a worker it forked run one after the other; two workers side by side."""
    def chain(pid: int) -> float:
        return _cpu_seconds([pid]) + (chain(tree[pid]) if tree.get(pid, root) != root else 0.0)

    return max((chain(pid) for pid in tree), default=0.0)


def measure_cli(group: Group, jobs: int) -> dict[str, float]:
    """`mtlint batch --pairs --jobs N` exactly as a user runs it; the batch's own timing
    (worker start-up included, interpreter start-up not)."""
    exe = Path(sys.executable).with_name("mtlint")
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [str(exe), "batch", "--pairs", group.tsv, "--source-lang", group.source_lang,
             "--target-lang", group.target_lang, "--jobs", str(jobs),
             "-o", str(Path(tmp) / "out.jsonl")],
            capture_output=True, text=True, check=False,  # exit 1 only means findings
        )
    line = next(line for line in out.stdout.splitlines() if line.startswith("time"))
    return {"pairs": group.pairs, "seconds": float(line.split()[1]),
            "load": (load + os.getloadavg()[0]) / 2}


# --------------------------------------------------------------------------- peers

PEER_RUNNER = r'''
import json, os, sys, time, warnings
warnings.filterwarnings("ignore")
spec = json.loads(sys.argv[1])
SCRIPTS = spec["scripts"]
WARM = spec["warm_up"]

def read(tsv):
    with open(tsv, encoding="utf-8") as fh:
        return [tuple(line.rstrip("\n").split("\t", 1)) for line in fh]

def opus_pipeline(src, tgt):
    from opusfilter.pipeline import FilterPipeline
    import opusfilter.filters as F
    script = lambda lang: SCRIPTS.get(lang, "Latin")
    return FilterPipeline([
        F.LengthRatioFilter(threshold=3, unit="word"),
        F.LangidFilter(languages=[src, tgt], thresholds=[0, 0]),
        F.RepetitionFilter(),
        F.NonZeroNumeralsFilter(threshold=0.5),
        F.TerminalPunctuationFilter(threshold=-2),
        F.CharacterScoreFilter(scripts=[script(src), script(tgt)], thresholds=[1, 1]),
    ])

def opus_filter(pipe, pairs):
    return sum(1 for _ in pipe.filter(pairs))

def opus_score(pipe, pairs):
    return sum(1 for _ in pipe.score(pairs))

def pofilter(checker, pairs):
    from translate.storage.po import pounit
    failing = 0
    for source, target in pairs:
        unit = pounit(source)
        unit.target = target
        failing += bool(checker.run_filters(unit))
    return failing

def run(tool):
    from translate.filters.checks import StandardChecker
    total, seconds, cpu = 0, 0.0, 0.0
    for g in spec["groups"]:
        pairs = read(g["tsv"])
        if tool == "pofilter":
            work, state = pofilter, StandardChecker()
        else:
            work = opus_filter if tool == "opus_filter" else opus_score
            state = opus_pipeline(g["source_lang"], g["target_lang"])
        work(state, pairs[:WARM])
        start, cpu0 = time.perf_counter(), time.process_time()
        work(state, pairs)
        seconds += time.perf_counter() - start
        cpu += time.process_time() - cpu0
        total += len(pairs)
    return {"pairs": total, "seconds": seconds, "cpu": cpu}

def measured(tool):
    load = os.getloadavg()[0]
    result = run(tool)
    result["load"] = (load + os.getloadavg()[0]) / 2
    return result

print(json.dumps({tool: measured(tool) for tool in ("opus_filter", "opus_score", "pofilter")}))
'''


def peer_python() -> Path:
    """The peers' interpreter, creating benchmarks/.venv-peers on first use."""
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV.relative_to(ROOT)} (pip install {' '.join(PEER_PACKAGES)}) …",
              file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return python


def measure_peers(groups: list[Group]) -> dict[str, dict[str, float]]:
    spec = json.dumps({"groups": [asdict(g) for g in groups], "scripts": _SCRIPTS,
                       "warm_up": WARM_UP})
    out = subprocess.run([str(peer_python()), "-c", PEER_RUNNER, spec],
                         check=True, capture_output=True, text=True, preexec_fn=_one_core)
    return json.loads(out.stdout)


# --------------------------------------------------------------------------- report


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--mtlint-worker":
        _mtlint_main(sys.argv[2])
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--jobs-worker":
        _jobs_main(sys.argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the shared data folder (default ../shared/data)")
    parser.add_argument("--scale", type=int, default=20,
                        help="tst2012 repeated this many times for the 1-vs-2-jobs run")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternating rounds per measurement; each tool's best counts")
    parser.add_argument("--jobs-only", action="store_true",
                        help="only the 1-vs-2-jobs figures, not the peers")
    parser.add_argument("--peers-only", action="store_true",
                        help="only mtlint beside the peers, not the 1-vs-2-jobs figures")
    args = parser.parse_args()
    if not (args.data / "parallel-envi" / "tst2012.vi").exists():
        print(f"skipped: {args.data}/parallel-envi not found (pass --data DIR)")
        return

    with tempfile.TemporaryDirectory(prefix="mtlint-peers-") as tmp:
        folder = Path(tmp)
        tst = tst2012_pairs(args.data)
        if not args.jobs_only:
            groups = [write_group(folder, "tst2012", ("vi", "en"), tst)]
            for langs, pairs in corpora_groups().items():
                groups.append(write_group(folder, f"corpora-{langs[0]}-{langs[1]}", langs, pairs))
            report_peers(groups, args.rounds)
        if not args.peers_only:
            report_all_jobs(args, folder, tst)
    print(f"cores: {os.cpu_count()}; load average now "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}")


def report_all_jobs(args: argparse.Namespace, folder: Path, tst: list[tuple[str, str]]) -> None:
    """1 job against 2 on tst2012 repeated, then on the pairs that do not repeat."""
    scaled = write_group(folder, "tst2012-scaled", ("vi", "en"), tst * args.scale)
    report_jobs(f"tst2012 ×{args.scale} ({scaled.pairs} pairs, vi→en; the same 1,553 "
                "pairs again and again)", [scaled], args.rounds)
    distinct = [write_group(folder, f"distinct-{s}-{t}", (s, t), pairs)
                for (s, t), pairs in sorted(distinct_groups(args.data).items())]
    if distinct:
        report_jobs(f"distinct pairs ({sum(g.pairs for g in distinct)} pairs: OPUS Books "
                    f"1-1 gold beads and WMT21 MQM en→de, {len(distinct)} language pairs, "
                    "a fresh process each)", distinct, args.rounds)
    else:
        print(f"distinct pairs skipped: {args.data}/align/opusbooks and mqm not found")


def report_peers(groups: list[Group], rounds: int) -> None:
    """mtlint, one job, beside the peers, alternating, best of `rounds`."""
    mtlint_runs, peer_runs = [], []
    for _ in range(rounds):
        mtlint_runs.append(measure_mtlint(groups))
        peer_runs.append(measure_peers(groups))
    rows: list[tuple[str, dict[str, float]]] = [
        ("mtlint batch --pairs, 1 job, every rule", _best(mtlint_runs)),
        ("OpusFilter chain, filter() (6 filters)", _best(r["opus_filter"] for r in peer_runs)),
        ("OpusFilter chain, score() every filter", _best(r["opus_score"] for r in peer_runs)),
        ("pofilter StandardChecker.run_filters", _best(r["pofilter"] for r in peer_runs)),
    ]
    corpora = sum(g.pairs for g in groups[1:])
    print(f"input: tst2012 vi→en, {groups[0].pairs} pairs (detokenised) + corpora/ aligned by "
          f"mtlint, {corpora} pairs in {len(groups) - 1} language pairs; "
          f"{sum(g.pairs for g in groups)} pairs in all; best of {rounds} rounds; "
          f"every tool pinned to CPU {ONE_CORE}")
    print(f"{'tool':<42} {'pairs':>6} {'wall s':>7} {'pairs/s':>8} {'CPU s':>7} "
          f"{'pairs/CPU s':>11} {'load':>5}")
    for name, result in rows:
        print(f"{name:<42} {int(result['pairs']):>6} {result['seconds']:>7.3f} "
              f"{_rate(result):>8,.0f} {result['cpu']:>7.3f} {_cpu_rate(result):>11,.0f} "
              f"{result['load']:>5.2f}")
    print()
    fastest_wall = max(_rate(r) for _, r in rows[1:])
    fastest_cpu = max(_cpu_rate(r) for _, r in rows[1:])
    print(f"mtlint, 1 job, vs the faster peer, on one core: {_rate(rows[0][1]) / fastest_wall:.2f}× "
          f"by wall clock, {_cpu_rate(rows[0][1]) / fastest_cpu:.2f}× by CPU time (target ≥ 2)")


def report_jobs(name: str, corpus: list[Group], rounds: int) -> None:
    """1 job against 2 on `corpus`, alternating, best of `rounds`: by wall clock (steady and
    with start-up), by CPU time on two free cores, and through the CLI."""
    jobs: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    for _ in range(rounds):
        for n in (1, 2):
            jobs[n].append(measure_jobs(corpus, n))
    print(f"mtlint on {name}, run_batch in a fresh process:")
    for n in (1, 2):
        for r in jobs[n]:
            where = f" in the workers, {r['parent_per_pair'] * 1e6:.1f} in the parent"
            print(f"  {n} job{'s' if n > 1 else ' '}: start-up {r['startup']:.2f} s "
                  f"({r['startup_cpu']:.2f} s CPU on its longest chain of processes), then "
                  f"{r['steady']:,.0f} pairs/s ({r['cpu_per_pair'] * 1e6:.0f} µs CPU per pair"
                  f"{where if n > 1 else ''}); "
                  f"overall {_rate(r):,.0f} pairs/s; load {r['load']:.2f}")
    one = max(r["steady"] for r in jobs[1])
    two = max(r["steady"] for r in jobs[2])
    overall = max(_rate(r) for r in jobs[2]) / max(_rate(r) for r in jobs[1])
    cpu_one = min(r["cpu_per_pair"] for r in jobs[1])
    # Two jobs share the two cores with the parent, which reads and writes for them.
    cpu_two = min(r["cpu_per_pair"] + r["parent_per_pair"] for r in jobs[2])
    free = min(r["free_seconds"] for r in jobs[1]) / min(r["free_seconds"] for r in jobs[2])
    print(f"  2 jobs / 1 job (best rounds), wall clock: {two / one:.2f} steady, {overall:.2f} "
          f"with start-up (target ≥ 1.8)")
    print(f"  by CPU time, two free cores would give {2 * cpu_one / cpu_two:.2f} steady "
          f"(workers' and parent's CPU per pair), {free:.2f} with start-up")
    cli = {n: _summed([measure_cli(group, n) for group in corpus]) for n in (1, 2)}
    print(f"  mtlint batch --pairs (CLI): 1 job {_rate(cli[1]):,.0f} pairs/s "
          f"(load {cli[1]['load']:.2f}), 2 jobs {_rate(cli[2]):,.0f} pairs/s "
          f"(load {cli[2]['load']:.2f}), 2 jobs / 1 job = {_rate(cli[2]) / _rate(cli[1]):.2f}")


def _summed(runs: list[dict[str, float]]) -> dict[str, float]:
    """Runs one after the other as one: every figure summed but the load, averaged."""
    total = {key: sum(r[key] for r in runs) for key in runs[0]}
    total["load"] /= len(runs)
    return total


def _best(results: Iterable[dict[str, float]]) -> dict[str, float]:
    """The round with the most pairs per CPU second (the least disturbed by other load)."""
    return max(results, key=_cpu_rate)


def _rate(result: dict[str, float]) -> float:
    return result["pairs"] / result["seconds"] if result["seconds"] else 0.0


def _cpu_rate(result: dict[str, float]) -> float:
    return result["pairs"] / result["cpu"] if result["cpu"] else 0.0


if __name__ == "__main__":
    main()
