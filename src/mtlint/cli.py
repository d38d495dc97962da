"""Command line: parsing, exit codes and writing output. No checking logic lives here.

Exit status: 0 no finding reaches --fail-on (and no quality score is below --min-score), 1 one
does, 2 usage, input or configuration error (one line on stderr, never a traceback).
`--exit-zero` turns 1 into 0, never 2. Settings come from defaults < configuration file <
command line (`mtlint.config`). Heavy modules are imported inside commands so `mtlint --help`
stays fast.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from mtlint import __version__
from mtlint.errors import InputError, MtlintError

if TYPE_CHECKING:
    from mtlint.config import Settings
    from mtlint.report.model import Report

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = ("neutral", "minor", "major", "critical")
FORMAT_NAMES = ("text", "json", "html", "sarif", "junit", "github", "gitlab")


class _Group(click.Group):
    """Maps every error to exit 2 and one line, for the console script and CliRunner alike."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except MtlintError as exc:
            click.echo(f"mtlint: error: {exc}", err=True)
        except Exception as exc:  # noqa: BLE001 - the user gets one line, not a traceback
            if os.environ.get("MTLINT_DEBUG"):
                raise
            click.echo(f"mtlint: internal error: {type(exc).__name__}: {exc}", err=True)
        ctx.exit(EXIT_ERROR)


def _split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for v in values for code in v.split(",") if code.strip())


def _options(*options: Callable[[F], F]) -> Callable[[F], F]:
    """Several click options as one decorator, for the options `check` and `batch` share."""

    def apply(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return apply


_config_options = _options(
    click.option(
        "--config", "config_file", metavar="FILE",
        help="Settings file (default: the nearest mtlint.toml, or pyproject.toml with "
        "[tool.mtlint]).",
    ),
    click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
)
_glossary_option = click.option(
    "--glossary", metavar="FILE",
    help="Terminology: CSV or TSV of source,target rows (empty target: do not translate).",
)
_rule_options = _options(
    click.option("--select", multiple=True, metavar="CODES", help="Only these rule code prefixes."),
    click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rule code prefixes."),
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtlint")
def cli() -> None:
    """Find the artefacts of machine translation in an article and its original."""


@cli.command()
@click.argument("files", nargs=-1, metavar="[[ORIGINAL] TRANSLATION]")
@_config_options
@click.option("--source-lang", metavar="LANG", help="Language of the original (else detected).")
@click.option("--target-lang", metavar="LANG", help="Expected language of the translation.")
@click.option(
    "--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True,
    envvar="MTLINT_FORMAT", help="Output format (env MTLINT_FORMAT).",
)
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE (atomically).")
@click.option(
    "--fail-on", type=click.Choice(SEVERITIES),
    help="Exit 1 when a finding has this severity or worse.  [default: major]",
)
@click.option(
    "--min-score", type=float, metavar="SCORE",
    help="Exit 1 when a pair's quality score (0-100) is below SCORE.",
)
@click.option(
    "--reference", metavar="FILE", multiple=True,
    help="A reference translation (repeatable): adds BLEU, chrF++ and TER.",
)
@_glossary_option
@_rule_options
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (errors still exit 2).")
@click.option(
    "--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True,
    help="Colour the text report (auto: on a terminal, unless NO_COLOR is set).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
    help="Pairs checked in parallel in repository mode (0: one process per CPU).",
)
@click.option("--baseline", metavar="FILE", help="Report only findings that FILE does not list.")
@click.option(
    "--write-baseline", metavar="FILE",
    help="Record every current finding in FILE (then exit 0): the accepted state.",
)
@click.option(
    "--show-settings", is_flag=True,
    help="Print the effective settings and where each comes from, then exit.",
)
def check(
    files: tuple[str, ...],
    config_file: str | None,
    isolated: bool,
    source_lang: str | None,
    target_lang: str | None,
    fmt: str,
    output: str | None,
    fail_on: str | None,
    min_score: float | None,
    reference: tuple[str, ...],
    glossary: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    color: str,
    jobs: int,
    baseline: str | None,
    write_baseline: str | None,
    show_settings: bool,
) -> None:
    """Check TRANSLATION against ORIGINAL, or TRANSLATION alone, or every configured pair.

    Files may be .txt, .md or .html; '-' reads standard input. Without files, the `pairs`
    patterns of the configuration name the originals and translations of the project
    (repository mode).
    """
    from mtlint.baseline import baseline_json, load_baseline, new_findings
    from mtlint.report import renderer

    settings = _settings(
        config_file, isolated,
        {"source_lang": source_lang, "target_lang": target_lang, "fail_on": fail_on,
         "min_score": min_score, "select": _split_codes(select), "ignore": _split_codes(ignore),
         # a path from the working directory, not from the project root as in the file
         "glossary": str(Path(glossary).resolve()) if glossary else None},
    )
    if show_settings:
        click.echo(settings.describe(), nl=False)
        return
    for path in (output, write_baseline):
        _check_output_path(path)
    accepted = load_baseline(baseline) if baseline else None
    if files:
        reports = [_check_files(files, reference, settings)]
    else:
        reports = _check_repository(settings, reference, jobs)
    if write_baseline:
        _emit(baseline_json(reports), write_baseline)
        count = sum(len(r.findings) for r in reports)
        click.echo(f"mtlint: wrote {count} findings to {write_baseline}", err=True)
    if accepted is not None:
        reports = new_findings(reports, accepted)
    use_color = _use_color(color, output)
    _emit(renderer(fmt)(reports, color=use_color, fail_on=settings.fail_on.value), output)
    failed = any(r.fails(settings.fail_on) for r in reports) or _below(reports, settings.min_score)
    sys.exit(EXIT_FINDINGS if failed and not exit_zero and not write_baseline else EXIT_OK)


def _settings(config_file: str | None, isolated: bool, given: dict[str, Any]) -> Settings:
    """Defaults < the configuration file < the command line."""
    from mtlint.config import find_config, load_settings, parse_option

    if config_file and isolated:
        raise click.UsageError("--config and --isolated exclude each other")
    path = Path(config_file) if config_file else None if isolated else find_config(Path.cwd())
    settings = load_settings(path)
    parsed = {
        name: parse_option(name, value, "--" + name.replace("_", "-"), settings.root)
        for name, value in given.items()
        if value is not None and value != ()
    }
    return settings.override(parsed)


def _check_files(
    files: tuple[str, ...], references: tuple[str, ...], settings: Settings
) -> Report:
    """One pair (or a translation alone) named on the command line."""
    from mtlint.documents import load_document
    from mtlint.engine import check_documents

    if len(files) not in (1, 2):
        raise click.UsageError("expected ORIGINAL TRANSLATION, or TRANSLATION alone")
    if (*files, *references).count("-") > 1:
        raise click.UsageError("only one of the inputs can be '-' (standard input)")
    # a relative path is shown from the project root, as in repository mode, so that
    # fingerprints and per-file-ignores do not depend on the working directory
    docs = [
        doc if path == "-" or os.path.isabs(path) else replace(doc, path=settings.relative(path))
        for path, doc in ((path, load_document(path)) for path in files)
    ]
    source, target = (docs[0], docs[1]) if len(docs) == 2 else (None, docs[0])
    refs = [load_document(path) for path in references]
    options = settings.options_for(*(path for path in files if path != "-"))
    return check_documents(source, target, options, refs)


def _check_repository(
    settings: Settings, reference: tuple[str, ...], jobs: int
) -> list[Report]:
    """Every pair that the configuration's `pairs` patterns find (repository mode)."""
    from mtlint.repository import check_pairs, tasks

    if not settings.pairs:
        raise click.UsageError(
            "expected ORIGINAL TRANSLATION, or TRANSLATION alone, or `pairs` in the configuration"
        )
    if reference:
        raise click.UsageError("--reference needs ORIGINAL TRANSLATION on the command line")
    todo = tasks(settings)
    if not todo:
        patterns = ", ".join(p.source for p in settings.pairs)
        raise InputError(f"{settings.file}: no file matches the pairs patterns ({patterns})")
    return check_pairs(todo, jobs)


def _below(reports: list[Report], min_score: float | None) -> bool:
    """True when a pair's quality score (`scores["quality"]`) is below `min_score`.

    Reports without a quality score pass: the setting takes effect with the quality score.
    """
    if min_score is None:
        return False
    for report in reports:
        quality = report.scores.get("quality")
        score = quality.get("score") if isinstance(quality, dict) else quality
        if isinstance(score, (int, float)) and not isinstance(score, bool) and score < min_score:
            return True
    return False


@cli.command()
@click.argument("original")
@click.argument("translation")
@click.option("--presegmented", is_flag=True, help="Each input line is one sentence.")
@click.option(
    "--format", "fmt", type=click.Choice(("beads", "json")), default="beads", show_default=True
)
@click.option("--source-lang", metavar="LANG")
@click.option("--target-lang", metavar="LANG")
@click.option("-o", "--output", metavar="FILE")
def align(
    original: str,
    translation: str,
    presegmented: bool,
    fmt: str,
    source_lang: str | None,
    target_lang: str | None,
    output: str | None,
) -> None:
    """Align the sentences of ORIGINAL and TRANSLATION; print one bead per line."""
    import json

    from mtlint.align import align_texts, format_beads
    from mtlint.documents import load_document
    from mtlint.engine import prepare, split_lines
    from mtlint.langid import normalise_lang

    _check_output_path(output)
    src_lang = normalise_lang(source_lang) if source_lang else None
    tgt_lang = normalise_lang(target_lang) if target_lang else None
    if presegmented:
        src = split_lines(load_document(original, fmt="txt").raw)
        tgt = split_lines(load_document(translation, fmt="txt").raw)
        src_blocks = tgt_blocks = None
    else:
        source = prepare(load_document(original), src_lang, "source")
        target = prepare(load_document(translation), tgt_lang, "target")
        src, tgt = [s.text for s in source.segments], [s.text for s in target.segments]
        src_blocks = [s.block for s in source.segments]
        tgt_blocks = [s.block for s in target.segments]
        src_lang, tgt_lang = source.lang, target.lang
    beads = align_texts(
        src, tgt, src_blocks=src_blocks, tgt_blocks=tgt_blocks, src_lang=src_lang, tgt_lang=tgt_lang
    )
    if fmt == "beads":
        text = format_beads(beads)
    else:
        rows = [
            {"source": list(b.src), "target": list(b.tgt), "cost": round(b.cost, 4),
             "confidence": round(b.confidence, 4)}
            for b in beads
        ]
        text = json.dumps({"version": 1, "alignment": rows}, indent=2) + "\n"
    _emit(text, output)


@cli.command()
@click.argument("translation")
@click.option(
    "--reference", "references", metavar="FILE", multiple=True, required=True,
    help="A reference translation (repeatable: sacrebleu's multi-reference mode).",
)
@click.option(
    "--presegmented", is_flag=True,
    help="One sentence per line: paired line by line when the counts agree, else aligned.",
)
@click.option("--target-lang", metavar="LANG", help="Language of the translation (else detected).")
@click.option(
    "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True
)
@click.option("-o", "--output", metavar="FILE", help="Write the scores to FILE (atomically).")
def score(
    translation: str,
    references: tuple[str, ...],
    presegmented: bool,
    target_lang: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """Score TRANSLATION against references: BLEU, chrF++ and TER, no rules.

    Each reference is aligned to the translation sentence by sentence (see `mtlint.scoring`),
    and the figures carry sacrebleu's signatures.
    """
    import json

    from mtlint.documents import load_document
    from mtlint.engine import score_translation
    from mtlint.langid import normalise_lang
    from mtlint.report.text import render_scores

    _check_output_path(output)
    if (translation, *references).count("-") > 1:
        raise click.UsageError("only one of the inputs can be '-' (standard input)")
    fmt_in = "txt" if presegmented else None
    result = score_translation(
        load_document(translation, fmt=fmt_in),
        [load_document(path, fmt=fmt_in) for path in references],
        normalise_lang(target_lang) if target_lang else None,
        presegmented=presegmented,
    )
    if fmt == "json":
        text = json.dumps({"version": 1, **result}, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_scores(result)
    _emit(text, output)


@cli.command(name="rules")
def list_rules() -> None:
    """List every rule: code, name, MQM category, default severity."""
    from mtlint.rules import RULES

    rows = [
        (r.code, r.name, r.category, r.severity.value, "yes" if r.needs_source else "", r.summary)
        for r in sorted(RULES.values(), key=lambda r: r.code)
    ]
    header = ("code", "name", "category", "severity", "original", "summary")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row[:5], widths)]
        click.echo("  ".join([*cells, row[5]]).rstrip())


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of one rule (by code or name)."""
    from mtlint.rules import RULES

    found = RULES.get(code.upper()) or next((r for r in RULES.values() if r.name == code), None)
    if found is None:
        raise InputError(f"unknown rule {code!r} (see 'mtlint rules')")
    needs = "needs the original" if found.needs_source else "works without the original"
    click.echo(f"{found.code} {found.name}")
    click.echo(f"category: {found.category}; default severity: {found.severity.value}; {needs}")
    click.echo("")
    click.echo(found.doc)


@cli.command()
@click.argument("manifest", required=False)
@click.option("--source-dir", metavar="DIR", help="Originals, matched to --target-dir by name.")
@click.option("--target-dir", metavar="DIR", help="Translations, matched by name.")
@click.option("--pairs", metavar="FILE", help="Aligned sentence pairs: TSV or JSONL.")
@click.option("-o", "--output", metavar="FILE", help="Write the JSONL results to FILE.")
@click.option("--keep", metavar="FILE", help="--pairs: write the pairs that pass to FILE.")
@click.option("--drop", metavar="FILE", help="--pairs: write the pairs that fail to FILE.")
@click.option("--min-score", type=float, help="--pairs: keep pairs scoring at least this.")
@_config_options
@click.option("--source-lang", metavar="LANG", help="Language of the originals.")
@click.option("--target-lang", metavar="LANG", help="Expected language of the translations.")
@click.option(
    "--fail-on", type=click.Choice(SEVERITIES),
    help="Exit 1 when a pair has a finding this severe (or cannot be checked).  [default: major]",
)
@_glossary_option
@_rule_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes (default: all cores).")
@click.option(
    "--engine", type=click.Choice(("local", "dask")), default="local", show_default=True,
    help="Check on this machine, or on a dask.distributed cluster.",
)
@click.option("--scheduler", metavar="ADDRESS", help="The dask scheduler (tcp://host:8786).")
@click.option("--resume", is_flag=True, help="Skip the ids already in --output; append.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (errors still exit 2).")
def batch(
    manifest: str | None,
    source_dir: str | None,
    target_dir: str | None,
    pairs: str | None,
    output: str | None,
    keep: str | None,
    drop: str | None,
    min_score: float | None,
    config_file: str | None,
    isolated: bool,
    source_lang: str | None,
    target_lang: str | None,
    fail_on: str | None,
    glossary: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    resume: bool,
    exit_zero: bool,
) -> None:
    """Check many pairs: a MANIFEST (JSONL, CSV or TSV), two folders, or --pairs FILE.

    Streams one JSONL result per pair, then a summary (on stderr when the results go to
    standard output). The configuration applies as in `check`: languages, select / ignore,
    severities, severity weights, fail-on and the glossary (not per-file-ignores, nor its
    min-score, which `check` uses as an exit threshold and --min-score here as a filter).
    """
    from mtlint.batch import BatchRequest, Engine, batch_command, default_jobs

    settings = _settings(
        config_file, isolated,
        {"source_lang": source_lang, "target_lang": target_lang, "fail_on": fail_on,
         "select": _split_codes(select), "ignore": _split_codes(ignore),
         "glossary": str(Path(glossary).resolve()) if glossary else None},
    )
    request = BatchRequest(
        manifest=manifest, source_dir=source_dir, target_dir=target_dir, pairs=pairs,
        output=output, keep=keep, drop=drop, min_score=min_score,
        options=replace(settings.options_for(), min_score=None),
        fail_on=settings.fail_on,
        engine=Engine(engine, jobs or default_jobs(), scheduler),
        resume=resume, exit_zero=exit_zero,
    )
    sys.exit(batch_command(request))


def _use_color(choice: str, output: str | None) -> bool:
    if choice != "auto":
        return choice == "always"
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _check_output_path(output: str | None) -> None:
    """Fail before any work when the report could not be written."""
    if output is None or output == "-":
        return
    parent = Path(output).resolve().parent
    if not parent.is_dir():
        raise InputError(f"{output}: the folder {parent} does not exist")
    if Path(output).is_dir():
        raise InputError(f"{output}: is a directory")


def _emit(text: str, output: str | None) -> None:
    """Print, or write atomically: a temporary file beside the target, then a rename."""
    if output is None or output == "-":
        click.echo(text, nl=False, color=True)  # styled only when colour was chosen
        return
    path = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.resolve().parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would hide a CI artefact from others
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> None:
    cli(prog_name="mtlint")
