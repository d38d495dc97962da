"""Rule cases as data: every tests/rules/MTxxx.json holds realistic `fail` cases, where the rule
must fire, and `pass` cases, where it must stay quiet (sqlfluff's test-case style).

A case is `{name, source, target, source_lang, target_lang, fmt?, glossary?, expect: [codes]}`;
`source` may be null (a translation checked alone); `glossary` is the CSV or TSV text of a
glossary. Add a case by adding an object to a file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtlint import check_pair
from mtlint.glossary import parse_glossary
from mtlint.rules import RULES

CASES_DIR = Path(__file__).parent / "rules"
FILES = sorted(CASES_DIR.glob("MT*.json"))


def _cases() -> list:
    params = []
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for outcome in ("fail", "pass"):
            for case in data[outcome]:
                params.append(
                    pytest.param(outcome, case, id=f"{data['code']}-{outcome}-{case['name']}")
                )
    return params


def test_every_rule_has_its_cases() -> None:
    # repository rules (MT9xx) work on file trees, tested in test_repository and test_suppress
    for code in (c for c in RULES if not c.startswith("MT9")):
        data = json.loads((CASES_DIR / f"{code}.json").read_text(encoding="utf-8"))
        assert data["code"] == code and code in RULES
        assert len(data["fail"]) >= 4 and len(data["pass"]) >= 4, code
        for case in data["fail"] + data["pass"]:
            assert code in case["expect"], (code, case["name"])


@pytest.mark.parametrize(("outcome", "case"), _cases())
def test_rule_case(outcome: str, case: dict) -> None:
    report = check_pair(
        case["source"],
        case["target"],
        source_lang=case["source_lang"],
        target_lang=case["target_lang"],
        fmt=case.get("fmt", "txt"),
        glossary=parse_glossary(case["glossary"]) if "glossary" in case else None,
    )
    fired = {f.code for f in report.findings}
    details = [f"{f.code} {f.message}" for f in report.findings]
    for code in case["expect"]:
        if outcome == "fail":
            assert code in fired, details
        else:
            assert code not in fired, details
