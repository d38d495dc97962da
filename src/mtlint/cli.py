"""Command line: parsing, exit codes and writing output. No checking logic lives here.

Exit status: 0 no finding reaches --fail-on, 1 one does, 2 usage, input or configuration
error (one line on stderr, never a traceback). Heavy modules are imported inside commands so
`mtlint --help` stays fast.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from mtlint import __version__
from mtlint.errors import InputError, MtlintError
from mtlint.model import Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = ("neutral", "minor", "major", "critical")
FORMAT_NAMES = ("text", "json")


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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtlint")
def cli() -> None:
    """Find the artefacts of machine translation in an article and its original."""


@cli.command()
@click.argument("files", nargs=-1, metavar="[ORIGINAL] TRANSLATION")
@click.option("--source-lang", metavar="LANG", help="Language of the original (else detected).")
@click.option("--target-lang", metavar="LANG", help="Expected language of the translation.")
@click.option(
    "--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True,
    envvar="MTLINT_FORMAT", help="Output format (env MTLINT_FORMAT).",
)
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE (atomically).")
@click.option(
    "--fail-on", type=click.Choice(SEVERITIES), default="major", show_default=True,
    help="Exit 1 when a finding has this severity or worse.",
)
@click.option("--select", multiple=True, metavar="CODES", help="Only these rule code prefixes.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rule code prefixes.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (errors still exit 2).")
@click.option(
    "--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True,
    help="Colour the text report (auto: on a terminal, unless NO_COLOR is set).",
)
def check(
    files: tuple[str, ...],
    source_lang: str | None,
    target_lang: str | None,
    fmt: str,
    output: str | None,
    fail_on: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    color: str,
) -> None:
    """Check TRANSLATION against ORIGINAL, or TRANSLATION alone.

    Files may be .txt, .md or .html; '-' reads standard input.
    """
    from mtlint.documents import load_document
    from mtlint.engine import CheckOptions, check_documents
    from mtlint.langid import normalise_lang
    from mtlint.report import renderer

    if len(files) not in (1, 2):
        raise click.UsageError("expected ORIGINAL TRANSLATION, or TRANSLATION alone")
    if files.count("-") > 1:
        raise click.UsageError("only one of the inputs can be '-' (standard input)")
    _check_output_path(output)
    options = CheckOptions(
        source_lang=normalise_lang(source_lang) if source_lang else None,
        target_lang=normalise_lang(target_lang) if target_lang else None,
        select=_split_codes(select),
        ignore=_split_codes(ignore),
    )
    docs = [load_document(path) for path in files]
    source, target = (docs[0], docs[1]) if len(docs) == 2 else (None, docs[0])
    report = check_documents(source, target, options)
    use_color = _use_color(color, output)
    text = renderer(fmt)([report], color=use_color, fail_on=fail_on)
    _emit(text, output)
    failed = report.fails(Severity.parse(fail_on))
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


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
    from mtlint.engine import prepare
    from mtlint.langid import normalise_lang

    _check_output_path(output)
    src_lang = normalise_lang(source_lang) if source_lang else None
    tgt_lang = normalise_lang(target_lang) if target_lang else None
    if presegmented:
        src = _lines(load_document(original, fmt="txt").raw)
        tgt = _lines(load_document(translation, fmt="txt").raw)
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


@cli.command(name="rules")
def list_rules() -> None:
    """List every rule: code, name, MQM category, default severity."""
    from mtlint.rules import RULES

    rows = [
        (r.code, r.name, r.category, r.severity.value, "yes" if r.needs_source else "", r.summary)
        for r in RULES.values()
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


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


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
        click.echo(text, nl=False)
        return
    path = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.resolve().parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> None:
    cli(prog_name="mtlint")
