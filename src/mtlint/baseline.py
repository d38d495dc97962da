"""Baselines: accept the findings a project already has, and report only new ones.

A baseline is a reviewable JSON file: one entry per finding with its fingerprint, rule code,
path and a short excerpt of the text it points at. Matching is by fingerprint only (see
`mtlint.fingerprint`), so a baselined finding survives line shifts and edits elsewhere, and
comes back when its own text changes. Each entry accepts one finding: a second copy of the same
slip is new.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from mtlint.errors import ConfigError
from mtlint.fingerprint import fingerprints, span_text
from mtlint.report.model import Report

VERSION = 1
#: Characters of span text kept in an entry's excerpt.
EXCERPT_CHARS = 80


def baseline_json(reports: list[Report]) -> str:
    """The baseline file that accepts every finding of `reports`."""
    entries = []
    for report in reports:
        for finding, print_ in zip(report.findings, fingerprints(report)):
            span = finding.primary
            doc = report.document(span.side) if span is not None else report.target
            # a zero-width span (a missing file, an unused comment) is best told by its message
            text = (span_text(report, span) if span is not None else "") or finding.message
            excerpt = text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"
            entries.append(
                {"fingerprint": print_, "code": finding.code, "path": doc.path, "excerpt": excerpt}
            )
    entries.sort(key=lambda e: (e["path"] or "", e["code"], e["fingerprint"]))
    data = {"version": VERSION, "findings": entries}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load_baseline(path: str) -> Counter[str]:
    """How many findings each fingerprint of the baseline file at `path` accepts."""
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such baseline file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable baseline file ({exc})") from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("version") != VERSION or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise ConfigError(f"{path}: not an mtlint baseline (version {VERSION})")
    return Counter(e["fingerprint"] for e in entries)


def new_findings(reports: list[Report], accepted: Counter[str]) -> list[Report]:
    """`reports` without the findings that the baseline accepts."""
    remaining = accepted.copy()
    out = []
    for report in reports:
        kept = []
        for finding, print_ in zip(report.findings, fingerprints(report)):
            if remaining[print_] > 0:
                remaining[print_] -= 1
            else:
                kept.append(finding)
        out.append(replace(report, findings=tuple(kept)))
    return out
