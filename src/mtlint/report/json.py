"""JSON output: exactly `Report.to_dict()`, one object per pair (a list for several)."""

from __future__ import annotations

import json

from mtlint.report.model import Report


def render(reports: list[Report], *, color: bool = False, fail_on: str = "major") -> str:
    data = reports[0].to_dict() if len(reports) == 1 else [r.to_dict() for r in reports]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
