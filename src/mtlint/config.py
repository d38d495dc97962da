"""Settings: `[tool.mtlint]` in pyproject.toml, or the same keys at the top of mtlint.toml.

The file is found by walking up from the working directory (the nearest wins; in one folder
mtlint.toml wins over pyproject.toml, and a pyproject.toml without `[tool.mtlint]` is passed
over), or named with `--config`. Its folder is the project root: pair patterns, per-file-ignores
globs and the glossary path are relative to it. Precedence: defaults < file < command line.

Every key and value is checked when the file is read, so a typo stops the run (exit 2) with one
line naming the key and the file instead of being silently ignored, as in ruff.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from mtlint.engine import CheckOptions
from mtlint.errors import ConfigError
from mtlint.glossary import Glossary
from mtlint.model import Severity
from mtlint.scoring import SEVERITY_WEIGHTS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILES = ("mtlint.toml", "pyproject.toml")
PLACEHOLDERS = ("{name}", "{lang}")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class PairPattern:
    """Where originals and translations live: `{name}` is shared, `{lang}` a language folder."""

    source: str
    target: str


@dataclass(frozen=True)
class Settings:
    """The effective settings; `origins` says where each non-default value came from."""

    source_lang: str | None = None
    target_lang: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severities: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity = Severity.MAJOR
    min_score: float | None = None
    severity_weights: tuple[tuple[str, float], ...] = tuple(
        (s.value, w) for s, w in SEVERITY_WEIGHTS.items()
    )
    glossary: Path | None = None
    pairs: tuple[PairPattern, ...] = ()
    root: Path = field(default_factory=Path.cwd)
    file: Path | None = None
    origins: tuple[tuple[str, str], ...] = ()

    def override(self, values: Mapping[str, Any], origin: str = "command line") -> Settings:
        """These settings with `values` (field name → already parsed value; None = not given)."""
        given = {k: v for k, v in values.items() if v is not None and v != ()}
        origins = dict(self.origins) | {k: origin for k in given}
        return replace(self, **given, origins=tuple(origins.items()))

    def options_for(self, *paths: str | None, target_lang: str | None = None) -> CheckOptions:
        """Check options for one pair; `paths` (original, translation) select per-file-ignores."""
        names = [self.relative(p) for p in paths if p]
        dropped = tuple(
            code
            for pattern, codes in self.per_file_ignores
            if any(_glob_match(name, pattern) for name in names)
            for code in codes
        )
        return CheckOptions(
            source_lang=self.source_lang,
            target_lang=target_lang or self.target_lang,
            select=self.select,
            ignore=self.ignore,
            severity_overrides=self.severities,
            per_file_ignore=dropped,
            severity_weights=tuple((Severity(s), w) for s, w in self.severity_weights),
            min_score=self.min_score,
            glossary=self.glossary_terms,
        )

    @cached_property
    def glossary_terms(self) -> Glossary:
        """The glossary file, read and parsed once for all the pairs these settings check."""
        from mtlint.glossary import EMPTY_GLOSSARY, load_glossary

        return load_glossary(self.glossary) if self.glossary is not None else EMPTY_GLOSSARY

    def relative(self, path: str) -> str:
        """`path` (absolute or from the working directory) from the project root, if inside."""
        absolute = Path(path).resolve()
        try:
            return absolute.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path

    def describe(self) -> str:
        """The effective settings, one per line, each with where its value came from."""
        origins = dict(self.origins)
        where = f"{self.file}" if self.file else "none found (defaults)"
        lines = [f"# configuration file: {where}", f"# project root: {self.root}"]
        for key, name in _KEYS.items():
            if name == "severities":
                continue
            value = getattr(self, name)
            shown = "{}" if name == "per_file_ignores" and not value else _show(value)
            lines.append(f"{key} = {shown}  # {origins.get(name, 'default')}")
        for code, severity in self.severities:
            origin = origins.get("severities", "default")
            lines.append(f'rules.{code}.severity = "{severity.value}"  # {origin}')
        return "\n".join(lines) + "\n"


def find_config(start: Path) -> Path | None:
    """The nearest configuration file in `start` or above it."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _table(candidate) is not None):
                return candidate
    return None


def load_settings(path: Path | None) -> Settings:
    """Settings from a configuration file (defaults when `path` is None)."""
    if path is None:
        return Settings()
    table = _table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.mtlint] table")
    prefix = "tool.mtlint." if path.name == "pyproject.toml" else ""
    root = path.resolve().parent
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = _KEYS.get(key)
        try:
            if name is None:
                raise _Invalid(key, f"unknown key (expected one of {', '.join(_KEYS)})")
            values[name] = _PARSERS[name](value, key, root)
        except _Invalid as bad:
            raise ConfigError(f"{path}: {prefix}{bad.key}: {bad.message}") from None
    return Settings(root=root, file=path.resolve()).override(values, str(path.resolve()))


def parse_option(name: str, value: Any, option: str, root: Path) -> Any:
    """Parse a command-line value with the same checks as the file; errors name the option."""
    try:
        return _PARSERS[name](value, option, root)
    except _Invalid as bad:
        raise ConfigError(f"{option}: {bad.message}") from None


# --------------------------------------------------------------------------- reading


def _table(path: Path) -> dict[str, Any] | None:
    """The mtlint table of a configuration file, or None when a pyproject.toml has none."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool")
    table = tool.get("mtlint") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def _glob_match(path: str, pattern: str) -> bool:
    """ruff-style: a pattern without a slash also matches the file name alone."""
    if fnmatch.fnmatchcase(path, pattern):
        return True
    return "/" not in pattern and fnmatch.fnmatchcase(PurePosixPath(path).name, pattern)


def _show(value: Any) -> str:
    if value is None:
        return "(not set)"
    if isinstance(value, Severity):
        return f'"{value.value}"'
    if isinstance(value, (str, Path)):
        return f'"{value}"'
    if isinstance(value, PairPattern):
        return f'{{source = "{value.source}", target = "{value.target}"}}'
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):  # a table
        return "{" + ", ".join(f'"{k}" = {_show(v)}' for k, v in value) + "}"
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


# --------------------------------------------------------------------------- checking values


class _Invalid(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def _lang(value: Any, key: str, root: Path) -> str:
    from mtlint.langid import normalise_lang

    if not isinstance(value, str):
        raise _Invalid(key, f"expected a language code, got {value!r}")
    try:
        return normalise_lang(value)
    except ConfigError as exc:
        raise _Invalid(key, str(exc)) from None


def _codes(value: Any, key: str, root: Path) -> tuple[str, ...]:
    from mtlint.rules import RULES

    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise _Invalid(key, f"expected a list of rule code prefixes, got {value!r}")
    codes = tuple(v.strip().upper() for v in value)
    for code in codes:
        if code != "ALL" and not any(rule.startswith(code) for rule in RULES):
            raise _Invalid(key, f"no rule code starts with {code!r} (see 'mtlint rules')")
    return codes


def _per_file_ignores(
    value: Any, key: str, root: Path
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise _Invalid(key, "expected a table of glob = [codes]")
    return tuple((glob, _codes(codes, f"{key}.{glob}", root)) for glob, codes in value.items())


def _severities(value: Any, key: str, root: Path) -> tuple[tuple[str, Severity], ...]:
    """`[rules.CODE]` tables. No rule declares options yet, so `severity` is the only key."""
    from mtlint.rules import RULES

    if not isinstance(value, dict):
        raise _Invalid(key, "expected a table of rule codes")
    out = []
    for code, options in value.items():
        where = f"{key}.{code}"
        if code not in RULES:
            raise _Invalid(where, "no such rule (see 'mtlint rules')")
        if not isinstance(options, dict):
            raise _Invalid(where, "expected a table such as { severity = \"critical\" }")
        for option in options:
            if option != "severity":
                raise _Invalid(
                    f"{where}.{option}", f"unknown option: {code} accepts only 'severity'"
                )
        if "severity" in options:
            out.append((code, _severity(options["severity"], f"{where}.severity", root)))
    return tuple(out)


def _severity(value: Any, key: str, root: Path) -> Severity:
    if not isinstance(value, str):
        raise _Invalid(key, f"expected a severity, got {value!r}")
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise _Invalid(key, str(exc)) from None


def _score(value: Any, key: str, root: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise _Invalid(key, f"expected a number from 0 to 100, got {value!r}")
    return float(value)


def _weights(value: Any, key: str, root: Path) -> tuple[tuple[str, float], ...]:
    """`{minor = 1, major = 5, critical = 25}`: penalty points per severity for the quality
    score; severities left out keep their default weight."""
    if not isinstance(value, dict):
        raise _Invalid(key, "expected a table such as { minor = 1, major = 5, critical = 25 }")
    weights = {s.value: w for s, w in SEVERITY_WEIGHTS.items()}
    for name, weight in value.items():
        where = f"{key}.{name}"
        if name not in weights:
            raise _Invalid(where, f"unknown severity (expected one of {', '.join(weights)})")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not (
            0 <= weight < float("inf")
        ):
            raise _Invalid(where, f"expected a number of penalty points ≥ 0, got {weight!r}")
        weights[name] = float(weight)
    return tuple(weights.items())


def _glossary(value: Any, key: str, root: Path) -> Path:
    if not isinstance(value, str):
        raise _Invalid(key, f"expected a path, got {value!r}")
    path = root / value
    if not path.is_file():
        raise _Invalid(key, f"no such file: {path}")
    return path


def _pairs(value: Any, key: str, root: Path) -> tuple[PairPattern, ...]:
    if not isinstance(value, list) or not value:
        raise _Invalid(key, "expected a list of { source = …, target = … } tables")
    out = []
    for i, entry in enumerate(value):
        where = f"{key}[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"source", "target"}:
            raise _Invalid(where, "expected exactly the keys source and target")
        for side in ("source", "target"):
            _check_pattern(entry[side], f"{where}.{side}", side)
        out.append(PairPattern(entry["source"], entry["target"]))
    return tuple(out)


def _check_pattern(pattern: Any, key: str, side: str) -> None:
    if not isinstance(pattern, str) or "{name}" not in pattern:
        raise _Invalid(key, f"expected a path pattern with {{name}}, got {pattern!r}")
    allowed = PLACEHOLDERS if side == "target" else ("{name}",)
    for placeholder in _PLACEHOLDER.findall(pattern):
        if placeholder not in allowed:
            raise _Invalid(key, f"unknown placeholder {placeholder} (use {', '.join(allowed)})")
    if os.path.isabs(pattern) or ".." in PurePosixPath(pattern).parts:
        raise _Invalid(key, "expected a path inside the project")


#: File key → `Settings` field; the order is the order of `--show-settings`.
_KEYS = {
    "source-lang": "source_lang",
    "target-lang": "target_lang",
    "select": "select",
    "ignore": "ignore",
    "per-file-ignores": "per_file_ignores",
    "rules": "severities",
    "fail-on": "fail_on",
    "min-score": "min_score",
    "severity-weights": "severity_weights",
    "glossary": "glossary",
    "pairs": "pairs",
}
_PARSERS: dict[str, Callable[[Any, str, Path], Any]] = {
    "source_lang": _lang,
    "target_lang": _lang,
    "select": _codes,
    "ignore": _codes,
    "per_file_ignores": _per_file_ignores,
    "severities": _severities,
    "fail_on": _severity,
    "min_score": _score,
    "severity_weights": _weights,
    "glossary": _glossary,
    "pairs": _pairs,
}
