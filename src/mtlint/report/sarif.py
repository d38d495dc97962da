"""SARIF 2.1.0: one run for all pairs, for GitHub code scanning and other SARIF viewers.

Each rule that reports something is listed once in `tool.driver.rules`, with its summary and
documentation from the registry; each finding becomes a result at its primary span, with the
counterpart in the other document as a related location and the stable fingerprint under
`partialFingerprints` (GitHub deduplicates alerts on it). Columns count code points.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from mtlint import __version__
from mtlint.fingerprint import VERSION as FINGERPRINT_VERSION
from mtlint.fingerprint import fingerprints
from mtlint.model import Finding
from mtlint.report.ci import LEVELS, Location, locate, message_text, primary_location, related_spans
from mtlint.report.model import Report

if TYPE_CHECKING:
    from mtlint.rules.registry import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SIDE_NAMES = {"source": "original", "target": "translation"}


def render(reports: list[Report], *, color: bool = False, fail_on: str = "major") -> str:
    from mtlint.rules import RULES

    codes = sorted({f.code for report in reports for f in report.findings})
    index = {code: i for i, code in enumerate(codes)}
    results = [
        _result(report, finding, index[finding.code], print_)
        for report in reports
        for finding, print_ in zip(report.findings, fingerprints(report))
    ]
    driver = {
        "name": "mtlint",
        "version": __version__,
        "rules": [_rule(RULES[code]) for code in codes],
    }
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
                  "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "help": {"text": rule.doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity].sarif},
        "properties": {"category": rule.category, "severity": rule.severity.value},
    }


def _result(report: Report, finding: Finding, rule_index: int, print_: str) -> dict[str, Any]:
    related = [
        {
            "id": i,
            "physicalLocation": _physical(locate(report, span)),
            "message": {"text": _SIDE_NAMES.get(span.side, span.side)},
        }
        for i, span in enumerate(related_spans(finding), 1)
    ]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity].sarif,
        "message": {"text": message_text(finding)},
        "locations": [{"physicalLocation": _physical(primary_location(report, finding))}],
        "partialFingerprints": {f"mtlint/{FINGERPRINT_VERSION}": print_},
        "properties": {"severity": finding.severity.value, "category": finding.category},
    }
    if related:
        result["relatedLocations"] = related
    return result


def _physical(location: Location) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": location.line, "startColumn": location.column}
    if location.end_line is not None and location.end_column is not None:
        region |= {"endLine": location.end_line, "endColumn": location.end_column}
    return {"artifactLocation": {"uri": quote(location.path, safe="/")}, "region": region}
