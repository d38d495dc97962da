"""GitLab Code Quality: a JSON array of issues, shown in the merge request widget and diff.

GitLab needs a fingerprint unique to each issue to tell new issues from fixed ones; repeats of
the same finding get distinct fingerprints (`mtlint.fingerprint.distinct`).
"""

from __future__ import annotations

import json
from typing import Any

from mtlint.fingerprint import distinct, fingerprints
from mtlint.report.ci import LEVELS, message_text, primary_location
from mtlint.report.model import Report


def render(reports: list[Report], *, color: bool = False, fail_on: str = "major") -> str:
    prints = distinct([p for report in reports for p in fingerprints(report)])
    findings = [(report, finding) for report in reports for finding in report.findings]
    issues: list[dict[str, Any]] = []
    for (report, finding), print_ in zip(findings, prints):
        where = primary_location(report, finding)
        issues.append({
            "description": f"{finding.code} {finding.name}: {message_text(finding)}",
            "check_name": finding.code,
            "fingerprint": print_,
            "severity": LEVELS[finding.severity].gitlab,
            "location": {"path": where.path, "lines": {"begin": where.line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
