"""Repository mode: every original/translation pair that the `pairs` patterns describe.

`find_pairs` is pure (a file listing in, pairs out); `list_files` reads only the folders the
patterns can match; `check_pairs` checks the pairs, in worker processes when `jobs` > 1, and
returns the reports in pair order whatever order they finish in. An original without its
translation (MT901) gets a report of its own, whose translation is an empty placeholder at the
expected path; a translation without its original (MT902) is reported and checked on its own.
Paths are relative to the project root, so reports, fingerprints and baselines do not depend on
where mtlint runs.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mtlint.model import Document, Span
from mtlint.report.model import Report

if TYPE_CHECKING:
    from mtlint.config import PairPattern, Settings
    from mtlint.engine import CheckOptions

Status = Literal["pair", "missing-translation", "orphan-translation"]
#: A `{lang}` folder: a language code such as "en", "pt-BR" or "zh_Hans".
_LANG = r"(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)"


@dataclass(frozen=True)
class Pair:
    """An original and its translation, project-relative; `status` says which one is missing."""

    source: str
    target: str
    lang: str | None
    status: Status = "pair"


@dataclass(frozen=True)
class Task:
    """One pair to check, with everything a worker process needs."""

    root: Path
    pair: Pair
    options: CheckOptions


def tasks(settings: Settings) -> list[Task]:
    """The pairs of the project, each with its options (per-file-ignores, target language)."""
    from mtlint.langid import normalise_lang

    root = settings.root.resolve()
    pairs = find_pairs(list_files(root, settings.pairs), settings.pairs, settings.target_lang)
    return [
        Task(root, pair, settings.options_for(
            str(root / pair.source),
            str(root / pair.target),
            target_lang=normalise_lang(pair.lang) if pair.lang else None,
        ))
        for pair in pairs
    ]


def list_files(root: Path, patterns: Iterable[PairPattern]) -> list[str]:
    """Project-relative paths of the files under the folders that `patterns` can match.

    Hidden folders (.git, .venv) are skipped.
    """
    bases = {_base(p) for pattern in patterns for p in (pattern.source, pattern.target)}
    files: set[str] = set()
    for base in bases:
        for folder, dirs, names in os.walk(root / base):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            rel = Path(folder).relative_to(root)
            files.update((rel / name).as_posix() for name in names)
    return sorted(files)


def find_pairs(
    files: Iterable[str], patterns: Sequence[PairPattern], target_lang: str | None
) -> list[Pair]:
    """Match `files` against the patterns: pairs, missing translations and orphans.

    With `{lang}` in the target pattern, the translation languages are the language folders
    found (only `target_lang`'s, when it is set); a missing one is expected in each of them.
    A file that matches a source pattern is never taken for a translation.
    """
    listing = sorted(set(files))
    present = set(listing)
    found: dict[str, Pair] = {}
    for pattern in patterns:
        source_re, target_re = _regex(pattern.source), _regex(pattern.target)
        sources = {m["name"]: f for f in listing if (m := source_re.match(f))}
        originals = set(sources.values())
        targets = [
            (m["name"], m.groupdict().get("lang"), f)
            for f in listing
            if f not in originals and (m := target_re.match(f))
        ]
        by_folder = "{lang}" in pattern.target
        langs = _languages({lang for _, lang, _ in targets}, by_folder, target_lang)
        for name, source in sources.items():
            for lang in langs:
                target = _fill(pattern.target, name, lang)
                status: Status = "pair" if target in present else "missing-translation"
                found.setdefault(target, Pair(source, target, lang, status))
        for name, lang, target in targets:
            if lang in langs and name not in sources:
                source = _fill(pattern.source, name, None)
                found.setdefault(target, Pair(source, target, lang, "orphan-translation"))
    return sorted(found.values(), key=lambda p: (p.source, p.target))


def check_pairs(todo: Sequence[Task], jobs: int) -> list[Report]:
    """Check every task; `jobs` worker processes (0: one per CPU), in-process for one."""
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        return [check_task(task) for task in todo]
    # spawn, not fork: safe whatever threads the parent has, and the same on every platform
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(check_task, todo))


def check_task(task: Task) -> Report:
    """Check one pair; add the repository finding (MT901, MT902) when it has one."""
    from mtlint.engine import add_findings, check_documents
    from mtlint.rules import RULES
    from mtlint.rules.registry import Issue

    pair, options = task.pair, task.options
    if pair.status == "missing-translation":
        report = _untranslated(task)
        code, issue = "MT901", Issue(f"no translation at {pair.target}", (Span("source", 0, 0),))
    else:
        is_orphan = pair.status == "orphan-translation"
        source_doc = None if is_orphan else _load(task.root, pair.source)
        report = check_documents(source_doc, _load(task.root, pair.target), options)
        if not is_orphan:
            return report
        code, issue = "MT902", Issue(f"no original at {pair.source}", (Span("target", 0, 0),))
    if code not in options.rules():
        return report
    return add_findings(report, [RULES[code].finding(issue)], options)


def _untranslated(task: Task) -> Report:
    """An original alone; its translation is an empty stand-in named by the expected path."""
    source = _load(task.root, task.pair.source)
    return Report(
        source=source,
        target=Document(raw="", text="", offsets=(0,), blocks=(), fmt=source.fmt,
                        path=task.pair.target),
        source_segments=(),
        target_segments=(),
        beads=(),
        findings=(),
        source_lang=task.options.source_lang or "und",
        target_lang=task.options.target_lang or "und",
    )


def _load(root: Path, path: str) -> Document:
    from mtlint.documents import load_document

    return replace(load_document(str(root / path)), path=path)


def _languages(
    found: set[str | None], by_folder: bool, target_lang: str | None
) -> list[str | None]:
    """The translation languages: folders of supported languages (only `target_lang`'s)."""
    from mtlint.errors import ConfigError
    from mtlint.langid import normalise_lang

    if not by_folder:
        return [None]
    langs: list[str | None] = []
    for folder in sorted(f for f in found if f):
        try:
            code = normalise_lang(folder)
        except ConfigError:
            continue  # a folder that only looks like a language ("img")
        if target_lang is None or code == target_lang:
            langs.append(folder)
    return langs or ([target_lang] if target_lang else [])


def _regex(pattern: str) -> re.Pattern[str]:
    """`{name}` matches any relative path, `{lang}` one language folder; a repeat must agree."""
    groups = {"name": "(?P<name>.+)", "lang": _LANG}
    parts = []
    for part in re.split(r"(\{name\}|\{lang\})", pattern):
        key = part[1:-1] if part in ("{name}", "{lang}") else None
        if key is None:
            parts.append(re.escape(part))
        else:
            parts.append(groups[key])
            groups[key] = f"(?P={key})"
    return re.compile("".join(parts) + r"\Z")


def _fill(pattern: str, name: str, lang: str | None) -> str:
    return pattern.replace("{name}", name).replace("{lang}", lang or "")


def _base(pattern: str) -> str:
    """The folder before the first placeholder: the only place the pattern can match."""
    literal = pattern.split("{", 1)[0]
    return literal.rsplit("/", 1)[0] if "/" in literal else ""
