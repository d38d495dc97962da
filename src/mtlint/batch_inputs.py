"""What a batch reads: a manifest of article pairs, two folders, or a sentence-pair corpus.

Inputs are read twice: once up front, cheaply, to validate them and count the work (so a bad
manifest fails before a single result is written, and the progress bar knows its total), then
again as a stream while the pairs are checked. Nothing holds all rows in memory except the ids,
which duplicate detection needs.

Manifest columns (JSONL keys or the CSV/TSV header): `id`, `source`, `target`, `reference`
(paths, relative to the manifest's folder), `source_text`, `target_text`, `reference_text`
(inline text), `source_lang`, `target_lang`, `format` (how inline text is written: txt, md or
html). Each row needs `target` or `target_text`; other columns are ignored, so a manifest can
carry its own metadata (url, title).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from mtlint.errors import InputError
from mtlint.model import Document

#: Extensions of the files that --source-dir/--target-dir pair up.
ARTICLE_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".xhtml"})
_SIDES = ("source", "target", "reference")
_MANIFEST_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
                   ".tab": "tsv"}


@dataclass(frozen=True)
class Text:
    """One side of a pair: a path to load, or inline text written in `fmt`."""

    value: str
    inline: bool
    fmt: str = "txt"

    def load(self) -> Document:
        from mtlint.documents import document_from_text, load_document

        if self.inline:
            return document_from_text(self.value, fmt=self.fmt)
        return load_document(self.value)


@dataclass(frozen=True)
class ArticlePair:
    """One row of a manifest (or one matched file name of two folders)."""

    id: str
    target: Text | None
    source: Text | None = None
    reference: Text | None = None
    source_lang: str | None = None
    target_lang: str | None = None
    #: Why the row cannot be checked (a file with no counterpart); it becomes an error line.
    problem: str | None = None


@dataclass(frozen=True)
class SentencePair:
    """One line of a sentence-pair corpus, parsed (--keep/--drop copy the line itself)."""

    id: int | str
    source: str | None
    target: str | None
    problem: str | None = None


# --------------------------------------------------------------------------- manifests


def manifest_kind(path: str) -> str:
    """jsonl, csv or tsv: by extension, else by the first line (JSON object, tab, comma)."""
    kind = _MANIFEST_KINDS.get(Path(path).suffix.lower())
    if kind:
        return kind
    with _open(path) as fh:
        first = next((line for line in fh if line.strip()), "")
    if first.lstrip().startswith("{"):
        return "jsonl"
    return "tsv" if "\t" in first else "csv"


def read_manifest(path: str) -> Iterator[ArticlePair]:
    """Stream the rows of a manifest; raises InputError on the first malformed row."""
    kind = manifest_kind(path)
    base = Path(path).resolve().parent
    rows = _jsonl_rows(path) if kind == "jsonl" else _table_rows(path, kind)
    for number, row in rows:
        yield _article_pair(row, number, base, path)


def validate_manifest(path: str) -> int:
    """Read the whole manifest once: every row well formed, ids unique, all of it UTF-8.
    Returns the count."""
    seen: set[str] = set()
    count = 0
    try:
        for pair in read_manifest(path):
            if pair.id in seen:
                raise InputError(f"{path}: id {pair.id!r} appears twice")
            seen.add(pair.id)
            count += 1
    except UnicodeDecodeError:
        raise _not_utf8(path) from None
    if count == 0:
        raise InputError(f"{path}: the manifest lists no pairs")
    return count


def _open(path: str) -> TextIO:
    try:
        return open(path, encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _jsonl_rows(path: str) -> Iterator[tuple[int, dict]]:
    with _open(path) as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not a JSON object ({exc.msg})") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{number}: not a JSON object")
            yield number, row


def _table_rows(path: str, kind: str) -> Iterator[tuple[int, dict]]:
    with _open(path) as fh:
        reader = csv.DictReader(fh, delimiter="\t" if kind == "tsv" else ",")
        header = reader.fieldnames or []
        if not {"target", "target_text"} & set(header):
            raise InputError(
                f"{path}: the header needs a 'target' or 'target_text' column "
                f"(found: {', '.join(header) or 'nothing'})"
            )
        for row in reader:
            if None in row:
                raise InputError(f"{path}:{reader.line_num}: more cells than header columns")
            yield reader.line_num, {k: v for k, v in row.items() if v not in (None, "")}


def _article_pair(row: dict, number: int, base: Path, path: str) -> ArticlePair:
    fmt = str(row.get("format") or "txt")
    sides: dict[str, Text | None] = {}
    for side in _SIDES:
        file, text = row.get(side), row.get(f"{side}_text")
        if file is not None and text is not None:
            raise InputError(f"{path}:{number}: give '{side}' or '{side}_text', not both")
        if text is not None:
            sides[side] = Text(str(text), inline=True, fmt=fmt)
        elif file is not None:
            sides[side] = Text(str(base / str(file)), inline=False)
        else:
            sides[side] = None
    if sides["target"] is None:
        raise InputError(f"{path}:{number}: the row has no 'target' or 'target_text'")
    return ArticlePair(
        id=str(row.get("id", number)),
        target=sides["target"],
        source=sides["source"],
        reference=sides["reference"],
        source_lang=_optional(row.get("source_lang")),
        target_lang=_optional(row.get("target_lang")),
    )


def _optional(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


# --------------------------------------------------------------------------- two folders


def folder_pairs(source_dir: str, target_dir: str) -> list[ArticlePair]:
    """Files of two folders matched by name up to the first dot ("flood.vi.md" and
    "flood.en.md" are one pair). A file on one side only becomes an error line.

    Returns a list: a folder listing is small next to the checking, and sorting needs it.
    """
    sources, targets = _by_key(source_dir), _by_key(target_dir)
    if not sources and not targets:
        raise InputError(f"no .txt, .md or .html files in {source_dir} or {target_dir}")
    pairs = []
    for key in sorted(set(sources) | set(targets)):
        src, tgt = sources.get(key), targets.get(key)
        problem = None
        if tgt is None:
            problem = f"{src}: no file in {target_dir} has the name {key!r}"
        elif src is None:
            problem = f"{tgt}: no file in {source_dir} has the name {key!r}"
        pairs.append(
            ArticlePair(
                id=key,
                target=Text(tgt, inline=False) if tgt else None,
                source=Text(src, inline=False) if src else None,
                problem=problem,
            )
        )
    return pairs


def _by_key(folder: str) -> dict[str, str]:
    if not os.path.isdir(folder):
        raise InputError(f"{folder}: not a directory")
    found: dict[str, str] = {}
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        name = entry.name
        if name.startswith(".") or not entry.is_file():
            continue
        if Path(name).suffix.lower() not in ARTICLE_EXTENSIONS:
            continue
        key = name.split(".", 1)[0]
        if key in found:
            raise InputError(
                f"{folder}: {Path(found[key]).name} and {name} have the same name {key!r}"
            )
        found[key] = entry.path
    return found


# --------------------------------------------------------------------------- sentence pairs


def pairs_kind(path: str) -> str:
    """jsonl or tsv, by extension, else by the first non-empty line."""
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".tsv", ".tab", ".txt"):
        return "tsv"
    with _open(path) as fh:
        first = next((line for line in fh if line.strip()), "")
    return "jsonl" if first.lstrip().startswith("{") else "tsv"


def read_sentence_pairs(path: str) -> Iterator[SentencePair]:
    """Stream a sentence-pair corpus. A line that cannot be read as a pair (no tab, not a JSON
    object with 'source' and 'target') is yielded with a `problem`, never raised: in a corpus
    of millions, one bad line is a bad pair, not a bad file."""
    jsonl = pairs_kind(path) == "jsonl"
    for line in pair_lines(path):
        yield parse_pair_line(line, jsonl)


#: A non-empty line of a sentence-pair corpus, unparsed: its 1-based line number and its text
#: without the line break. A plain tuple, since batches send millions of them to workers.
PairLine = tuple[int, str]


def pair_lines(path: str) -> Iterator[PairLine]:
    """The non-empty lines of a sentence-pair corpus, unparsed: a batch hands them to its
    workers as they are (a tuple of an int and a string costs a fraction of a parsed pair to
    send), and each worker parses its own with `parse_pair_line`."""
    with _open(path) as fh:
        for number, line in enumerate(fh, 1):
            body = line.rstrip("\r\n")
            if body.strip():
                yield number, body


def parse_pair_line(line: PairLine, jsonl: bool) -> SentencePair:
    """One line of a corpus as a pair (see `read_sentence_pairs`)."""
    number, body = line
    return _json_pair(body, number) if jsonl else _tsv_pair(body, number)


def count_lines(path: str) -> int:
    """Non-empty lines: the progress bar's total. Reading them all first also fails early, before
    anything is written, on a missing file or bytes that are not UTF-8."""
    with _open(path) as fh:
        try:
            count = sum(1 for line in fh if line.strip())
        except UnicodeDecodeError:
            raise _not_utf8(path) from None
    if count == 0:
        raise InputError(f"{path}: no sentence pairs")
    return count


def _not_utf8(path: str) -> InputError:
    """The error for a file with bytes that are not UTF-8, naming the first such line (text
    reading decodes whole blocks, so its own error does not say which line)."""
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return InputError(f"{path}: not valid UTF-8 (line {number})")
    return InputError(f"{path}: not valid UTF-8")


def _tsv_pair(body: str, number: int) -> SentencePair:
    source, tab, target = body.partition("\t")
    if not tab:
        return SentencePair(number, None, None, "no tab between source and target")
    if "\t" in target:
        return SentencePair(number, None, None, "more than two tab-separated columns")
    return SentencePair(number, source, target)


def _json_pair(body: str, number: int) -> SentencePair:
    try:
        row = json.loads(body)
    except json.JSONDecodeError as exc:
        return SentencePair(number, None, None, f"not a JSON object ({exc.msg})")
    if not isinstance(row, dict):
        return SentencePair(number, None, None, "not a JSON object")
    pair_id = row.get("id", number)
    source, target = row.get("source"), row.get("target")
    if not isinstance(source, str) or not isinstance(target, str):
        return SentencePair(pair_id, None, None, "needs string 'source' and 'target'")
    return SentencePair(pair_id, source, target)
