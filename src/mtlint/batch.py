"""Batch checking: thousands of article pairs, or millions of sentence pairs, streamed.

Inputs (`mtlint.batch_inputs`) are read as a stream and cut into chunks; each chunk is checked
by a worker (in this process, in a process pool, or on a dask.distributed cluster), which
returns its pairs' JSONL lines already serialised, plus a tally for the summary. At most a few
chunks per worker are in flight, and results are written as they come back, in input order, so
memory stays flat however long the input: nothing holds all results, and the input is never
read ahead of the workers.

One bad pair (a missing file, a side without text, a line without a tab) becomes an error line
`{"id": …, "error": "…"}` and the batch goes on. Only a bad manifest or bad usage stops it,
and then before anything is written.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain, islice
from multiprocessing.context import BaseContext
from typing import Any, Protocol, TextIO, TypeVar

from mtlint.batch_inputs import (
    ArticlePair,
    PairLine,
    count_lines,
    folder_pairs,
    pair_lines,
    pairs_kind,
    parse_pair_line,
    read_manifest,
    read_sentence_pairs,
    validate_manifest,
)
from mtlint.batch_pairs import PairResult, PairSetup, check_sentence_pairs, pair_setup
from mtlint.engine import CheckOptions
from mtlint.errors import ConfigError, InputError, MtlintError
from mtlint.model import Severity

#: Pairs per chunk: sentence pairs are cheap, so a chunk amortises the hand-over to a worker;
#: articles take tens of milliseconds each, so small chunks keep the workers evenly loaded.
SENTENCE_CHUNK = 256
ARTICLE_CHUNK = 2
#: Chunks in flight per worker: enough that no worker waits for the next one, few enough
#: that memory does not grow with the input.
CHUNKS_PER_WORKER = 3
#: Sentence pairs read to detect the languages of a corpus, when they are not given.
LANGUAGE_SAMPLE = 200

T = TypeVar("T")


@dataclass
class Tally:
    """What the summary needs, summed over chunks: never the results themselves."""

    pairs: int = 0
    errors: int = 0
    failed: int = 0
    kept: int = 0
    dropped: int = 0
    findings: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    score_sum: float = 0.0
    scored: int = 0

    def add(self, other: Tally) -> None:
        for name in ("pairs", "errors", "failed", "kept", "dropped", "findings", "scored"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.score_sum += other.score_sum
        self.severities.update(other.severities)
        self.codes.update(other.codes)


@dataclass(frozen=True)
class ChunkResult:
    """A worker's answer for one chunk: JSONL text, and for sentence pairs the keep flags."""

    text: str
    tally: Tally
    keep: tuple[bool, ...] = ()


@dataclass(frozen=True)
class ArticleSettings:
    """Per-batch settings of article mode; a row's own languages win over these."""

    options: CheckOptions
    fail_on: Severity


@dataclass(frozen=True)
class SentenceSettings:
    """Per-batch settings of sentence-pair mode: the checks, and how the corpus's lines read."""

    setup: PairSetup
    jsonl: bool


@dataclass(frozen=True)
class BatchPlan:
    """A validated batch: what to read and how to check it."""

    mode: str  # "articles" or "pairs"
    total: int
    articles: Callable[[], Iterable[ArticlePair]] | None = None
    pairs_path: str | None = None
    article_settings: ArticleSettings | None = None
    pair_settings: PairSetup | None = None


# --------------------------------------------------------------------------- workers


def check_article_chunk(chunk: Sequence[ArticlePair], settings: ArticleSettings) -> ChunkResult:
    """Check each article pair of a chunk; every failure becomes that pair's error line."""
    tally = Tally()
    lines = []
    for pair in chunk:
        tally.pairs += 1
        try:
            record = _check_article(pair, settings.options)
        except Exception as exc:  # noqa: BLE001 - one bad pair never stops the batch
            tally.errors += 1
            lines.append(_dumps({"id": pair.id, "error": _describe(exc)}))
            continue
        findings = record["findings"]
        _count(tally, [(f["code"], f["severity"]) for f in findings], settings.fail_on)
        lines.append(_dumps({"id": pair.id, **record}))
    return ChunkResult("".join(lines), tally)


def check_sentence_chunk(chunk: Sequence[PairLine], settings: SentenceSettings) -> ChunkResult:
    """Parse and check each line of a chunk (the pairs together, see `check_sentence_pairs`);
    returns keep flags for --keep/--drop."""
    setup = settings.setup
    parsed = [parse_pair_line(line, settings.jsonl) for line in chunk]
    readable = [
        (pair.source, pair.target)
        for pair in parsed
        if pair.problem is None and pair.source is not None and pair.target is not None
    ]
    checked = iter(check_sentence_pairs(readable, setup))
    tally = Tally()
    lines = []
    keep = []
    for pair in parsed:
        tally.pairs += 1
        if pair.problem is not None or pair.source is None or pair.target is None:
            result: PairResult | Exception = InputError(pair.problem or "not a sentence pair")
        else:
            result = next(checked)
        if isinstance(result, Exception):
            tally.errors += 1
            tally.dropped += 1
            keep.append(False)
            lines.append(_dumps({"id": pair.id, "error": _describe(result)}))
            continue
        kept = result.keep(setup)
        keep.append(kept)
        tally.kept += kept
        tally.dropped += not kept
        tally.scored += 1
        tally.score_sum += result.score
        if result.findings:
            _count(tally, [(f.code, f.severity.value) for f in result.findings], setup.fail_on)
        lines.append(f"{{\"id\":{_json_id(pair.id)},{result.fields}}}\n")
    return ChunkResult("".join(lines), tally, tuple(keep))


def _check_article(pair: ArticlePair, defaults: CheckOptions) -> dict[str, Any]:
    from dataclasses import replace

    from mtlint.engine import check_documents
    from mtlint.langid import normalise_lang

    if pair.problem is not None or pair.target is None:
        raise InputError(pair.problem or "no translation")
    options = replace(
        defaults,
        source_lang=normalise_lang(pair.source_lang) if pair.source_lang else defaults.source_lang,
        target_lang=normalise_lang(pair.target_lang) if pair.target_lang else defaults.target_lang,
    )
    source = pair.source.load() if pair.source is not None else None
    target = pair.target.load()
    reference = pair.reference.load() if pair.reference is not None else None
    return check_documents(source, target, options, reference).to_dict()


def _count(tally: Tally, findings: list[tuple[str, str]], fail_on: Severity) -> None:
    tally.findings += len(findings)
    tally.codes.update(code for code, _ in findings)
    tally.severities.update(severity for _, severity in findings)
    if any(Severity(severity).rank >= fail_on.rank for _, severity in findings):
        tally.failed += 1


def _describe(exc: Exception) -> str:
    if isinstance(exc, MtlintError):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {exc}"


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def _json_id(pair_id: Any) -> str:
    """A pair's id as JSON; line numbers, the usual ids, skip the encoder."""
    if type(pair_id) is int:
        return str(pair_id)
    return json.dumps(pair_id, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- planning


def plan_articles(
    manifest: str | None,
    source_dir: str | None,
    target_dir: str | None,
    options: CheckOptions,
    fail_on: Severity,
) -> BatchPlan:
    """Validate a manifest (or match two folders) before any work; InputError if it is bad."""
    settings = ArticleSettings(options, fail_on)
    if manifest is not None:
        total = validate_manifest(manifest)
        return BatchPlan("articles", total, articles=lambda: read_manifest(manifest),
                         article_settings=settings)
    assert source_dir is not None and target_dir is not None
    pairs = folder_pairs(source_dir, target_dir)
    return BatchPlan("articles", len(pairs), articles=lambda: pairs, article_settings=settings)


def plan_pairs(
    path: str, options: CheckOptions, fail_on: Severity, min_score: float | None
) -> BatchPlan:
    """Count a sentence-pair corpus and fix its languages (given, or detected once)."""
    from dataclasses import replace

    total = count_lines(path)
    if options.source_lang is None or options.target_lang is None:
        source_lang, target_lang = detect_corpus_languages(path)
        options = replace(
            options,
            source_lang=options.source_lang or source_lang,
            target_lang=options.target_lang or target_lang,
        )
    setup = pair_setup(options, fail_on, min_score)
    return BatchPlan("pairs", total, pairs_path=path, pair_settings=setup)


def detect_corpus_languages(path: str) -> tuple[str, str]:
    """Both languages of a corpus, from its first pairs: one detection per side, not per pair."""
    from mtlint.langid import detect_language

    sample = [p for p in islice(read_sentence_pairs(path), LANGUAGE_SAMPLE) if p.problem is None]
    langs = []
    for side in ("source", "target"):
        text = "\n".join(getattr(p, side) or "" for p in sample)
        lang = detect_language(text)
        if lang is None:
            raise InputError(
                f"{path}: cannot tell the language of the {side} side; pass --{side}-lang"
            )
        langs.append(lang)
    return langs[0], langs[1]


# --------------------------------------------------------------------------- running


class _Submit(Protocol):
    def __call__(self, chunk: list[Any]) -> Future[ChunkResult]: ...


@dataclass(frozen=True)
class Engine:
    """Where chunks are checked: "local" with `jobs` processes, or "dask" at `scheduler`."""

    kind: str = "local"
    jobs: int = 1
    scheduler: str | None = None


def run_batch(
    plan: BatchPlan,
    out: TextIO,
    *,
    engine: Engine = Engine(),
    done: frozenset[str] = frozenset(),
    keep_out: TextIO | None = None,
    drop_out: TextIO | None = None,
    progress: Callable[[int], None] | None = None,
    chunk_size: int | None = None,
) -> Tally:
    """Check every pair of `plan` not in `done`, writing JSONL to `out` in input order.

    `progress` is called with the number of pairs finished after each chunk.
    """
    tally = Tally()
    if plan.mode == "pairs":
        assert plan.pairs_path is not None and plan.pair_settings is not None
        jsonl = pairs_kind(plan.pairs_path) == "jsonl"
        # Lines go to the workers unparsed; only a resumed batch parses them here, for the ids.
        items: Iterable[Any] = pair_lines(plan.pairs_path)
        if done:
            items = (line for line in items if str(parse_pair_line(line, jsonl).id) not in done)
        work: Callable[[Any, Any], ChunkResult] = check_sentence_chunk
        setting: Any = SentenceSettings(plan.pair_settings, jsonl)
        size = chunk_size or SENTENCE_CHUNK
    else:
        assert plan.articles is not None
        items, work, setting = plan.articles(), check_article_chunk, plan.article_settings
        if done:
            items = (pair for pair in items if str(pair.id) not in done)
        size = chunk_size or ARTICLE_CHUNK
    chunks = _chunks(items, size)
    first = next(chunks, [])
    with ExitStack() as stack:
        submit, window = _executor(engine, work, setting, stack, first)
        for chunk, result in _ordered(submit, chain([first] if first else [], chunks), window):
            if keep_out is not None or drop_out is not None:
                for (_, body), kept in zip(chunk, result.keep):
                    sink = keep_out if kept else drop_out
                    if sink is not None:
                        sink.write(body + "\n")
                for sink in (keep_out, drop_out):
                    if sink is not None:
                        sink.flush()
            out.write(result.text)
            out.flush()
            tally.add(result.tally)
            if progress is not None:
                progress(tally.pairs)
    return tally


def _executor(
    engine: Engine,
    work: Callable[[Any, Any], ChunkResult],
    setting: Any,
    stack: ExitStack,
    first: list[Any],
) -> tuple[_Submit, int]:
    """How to hand a chunk over, and how many chunks to keep in flight. Where workers are
    forked, the `first` chunk is checked here before they are (see `_process_context`)."""
    if engine.kind == "dask":
        client = stack.enter_context(_dask_client(engine.scheduler))
        workers = max(1, sum(client.nthreads().values()))
        submit_remote = (lambda chunk: client.submit(work, chunk, setting, pure=False))
        return submit_remote, workers * CHUNKS_PER_WORKER
    if engine.jobs <= 1:
        # Checked as submitted: a chunk kept back would only hold its results up.
        return (lambda chunk: _done(work(chunk, setting))), 1
    context = _process_context()
    checked = None
    if first and context.get_start_method() == "fork":
        checked = _done(work(first, setting))  # see _process_context
    # A worker's garbage collections would write to every object it inherits, and so copy
    # the pages it shares with its parent; frozen, those objects are left alone.
    pool = stack.enter_context(
        ProcessPoolExecutor(engine.jobs, mp_context=context, initializer=gc.freeze)
    )

    def submit(chunk: list[Any]) -> Future[ChunkResult]:
        if chunk is first and checked is not None:
            return checked
        return pool.submit(work, chunk, setting)

    return submit, engine.jobs * CHUNKS_PER_WORKER


def _process_context() -> BaseContext:
    """Workers are forked from this process where that is safe: on Linux, while this process
    runs no other thread (forking a process that runs threads, a dask client's or a test
    runner's, can deadlock the copy). This process then checks the first chunk itself before
    it forks them, as one job would: that loads everything a check needs (the rules'
    modules, both languages' word-frequency tables, compiled patterns: about half a second
    that each worker would otherwise spend again before its first pair) and fills the
    per-word caches that the corpus's next sentences hit, so that no worker starts cold; the
    workers share those pages with this process until they write to them.

    Elsewhere workers start from a server process that has imported the checks once (or,
    without one, from scratch), and each loads the rest itself."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mtlint.batch", "mtlint.rules"])  # imported once, not per worker
    return context


def _dask_client(scheduler: str | None) -> Any:
    if not scheduler:
        raise InputError("--engine dask needs --scheduler ADDRESS")
    try:
        from distributed import Client
    except ImportError:
        raise InputError(
            "--engine dask needs dask.distributed: pip install 'mtlint[dask]'"
        ) from None
    try:
        return Client(scheduler, timeout=30)
    except OSError as exc:
        raise InputError(f"cannot reach the dask scheduler at {scheduler}: {exc}") from None


def _done(result: ChunkResult) -> Future[ChunkResult]:
    future: Future[ChunkResult] = Future()
    future.set_result(result)
    return future


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _ordered(
    submit: _Submit, chunks: Iterator[list[T]], window: int
) -> Iterator[tuple[list[T], ChunkResult]]:
    """Results in input order with at most `window` chunks submitted and not yet consumed:
    the input is read only as fast as the workers get through it."""
    pending: deque[tuple[list[T], Future[ChunkResult]]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            first, future = pending.popleft()
            yield first, future.result()
    while pending:
        first, future = pending.popleft()
        yield first, future.result()


# --------------------------------------------------------------------------- resume, summary


def finished_ids(path: str) -> frozenset[str]:
    """Ids already in an output file, for --resume. A last line cut short by an interrupted
    run is removed from the file, so that its pair is checked again and the JSONL stays valid."""
    if not os.path.exists(path):
        return frozenset()
    ids: set[str] = set()
    keep_bytes = 0
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except ValueError:
                break
            if isinstance(record, dict) and "id" in record:
                ids.add(str(record["id"]))
            keep_bytes += len(raw)
    if keep_bytes != os.path.getsize(path):
        with open(path, "rb+") as fh:
            fh.truncate(keep_bytes)
    return frozenset(ids)


def summary_lines(tally: Tally, plan: BatchPlan, fail_on: Severity, seconds: float) -> list[str]:
    """The table printed after the last result."""
    rate = tally.pairs / seconds if seconds > 0 else 0.0
    severities = ", ".join(
        f"{tally.severities[s.value]} {s.value}"
        for s in reversed(Severity) if tally.severities[s.value]
    )
    codes = ", ".join(f"{code} {n}" for code, n in sorted(tally.codes.items()))
    checked = tally.pairs - tally.errors
    rows = [
        ("pairs", f"{tally.pairs} ({checked} checked, {tally.errors} errors)"),
        ("time", f"{seconds:.1f} s, {rate:,.0f} pairs/s"),
        ("findings", f"{tally.findings}" + (f" ({severities})" if severities else "")),
    ]
    if codes:
        rows.append(("by rule", codes))
    if plan.mode == "pairs" and plan.pair_settings is not None:
        setup = plan.pair_settings
        mean = tally.score_sum / tally.scored if tally.scored else 0.0
        rows.append(("languages", f"{setup.source_lang} → {setup.target_lang}"))
        rows.append(("mean score", f"{mean:.1f}"))
        rows.append(("kept", f"{tally.kept}; dropped {tally.dropped}"))
        if setup.skipped:
            rows.append(("skipped", f"{', '.join(setup.skipped)} (need an article)"))
    verdict = "FAIL" if tally.failed or tally.errors else "PASS"
    rows.append((
        "verdict",
        f"{verdict}: {tally.failed} pairs with a finding at {fail_on.value} or worse, "
        f"{tally.errors} errors (fail-on {fail_on.value})",
    ))
    width = max(len(name) for name, _ in rows)
    return [f"{name:<{width}}  {value}" for name, value in rows]


class ProgressBar:
    """done/total, rate and ETA on one terminal line; redrawn at most ten times a second."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = max(total, 1), stream
        self.start = self.last = time.monotonic()

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done < self.total:
            return
        self.last = now
        rate = done / (now - self.start) if now > self.start else 0.0
        eta = (self.total - done) / rate if rate > 0 else 0.0
        filled = int(24 * min(done, self.total) / self.total)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (24 - filled)}] {done}/{self.total}  "
            f"{rate:,.0f} pairs/s  ETA {int(eta) // 60}:{int(eta) % 60:02d} "
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()



def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --------------------------------------------------------------------------- the command


@dataclass(frozen=True)
class BatchRequest:
    """The `mtlint batch` options, as parsed by the CLI."""

    manifest: str | None = None
    source_dir: str | None = None
    target_dir: str | None = None
    pairs: str | None = None
    output: str | None = None
    keep: str | None = None
    drop: str | None = None
    options: CheckOptions = CheckOptions()
    fail_on: Severity = Severity.MAJOR
    min_score: float | None = None
    engine: Engine = Engine()
    resume: bool = False
    exit_zero: bool = False


def batch_command(request: BatchRequest) -> int:
    """Validate, run, summarise; returns the exit status (0, or 1 when a pair fails or
    cannot be checked). Usage and manifest errors raise MtlintError (exit 2) before any
    output is written."""
    plan = _plan(request)
    to_stdout = request.output in (None, "-")
    if request.resume and to_stdout:
        raise ConfigError("--resume needs --output FILE (the results to resume)")
    done = finished_ids(request.output) if request.resume and request.output else frozenset()
    mode = "a" if request.resume else "w"
    report = sys.stderr if to_stdout else sys.stdout
    with ExitStack() as stack:
        out = sys.stdout if to_stdout else stack.enter_context(_open_out(request.output, mode))
        keep_out = stack.enter_context(_open_out(request.keep, mode)) if request.keep else None
        drop_out = stack.enter_context(_open_out(request.drop, mode)) if request.drop else None
        bar = None
        if sys.stderr.isatty() and not (to_stdout and sys.stdout.isatty()):
            bar = ProgressBar(max(plan.total - len(done), 1), sys.stderr)
        start = time.perf_counter()
        try:
            tally = run_batch(plan, out, engine=request.engine, done=done, keep_out=keep_out,
                              drop_out=drop_out, progress=bar)
        finally:
            if bar is not None:
                bar.close()
        seconds = time.perf_counter() - start
    if done:
        report.write(f"resumed: {len(done)} pairs already in {request.output}\n")
    report.write("\n".join(summary_lines(tally, plan, request.fail_on, seconds)) + "\n")
    report.flush()
    failed = bool(tally.failed or tally.errors)
    return 1 if failed and not request.exit_zero else 0


def _plan(request: BatchRequest) -> BatchPlan:
    given = [
        name for name, present in (
            ("MANIFEST", request.manifest is not None),
            ("--source-dir/--target-dir", bool(request.source_dir or request.target_dir)),
            ("--pairs", request.pairs is not None),
        ) if present
    ]
    if len(given) != 1:
        raise ConfigError(
            "give one input: MANIFEST, --source-dir with --target-dir, or --pairs FILE"
            + (f" (got {' and '.join(given)})" if given else "")
        )
    if request.pairs is not None:
        return plan_pairs(request.pairs, request.options, request.fail_on, request.min_score)
    if request.keep or request.drop or request.min_score is not None:
        raise ConfigError("--keep, --drop and --min-score apply to --pairs only")
    if request.manifest is None and not (request.source_dir and request.target_dir):
        raise ConfigError("--source-dir and --target-dir go together")
    return plan_articles(request.manifest, request.source_dir, request.target_dir,
                         request.options, request.fail_on)


def _open_out(path: str, mode: str) -> TextIO:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"{path}: the folder {folder} does not exist")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory")
    return open(path, mode, encoding="utf-8", newline="\n")
