"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding.

GitHub shows them as annotations on the pull request's diff. Data and property values are
escaped as the runner requires (a raw newline would end the command, a comma or colon in a
path would split a property). GitHub displays only the first few annotations of a step, so a
plain summary line follows them.
"""

from __future__ import annotations

from mtlint.model import Severity
from mtlint.report.ci import LEVELS, message_text, primary_location
from mtlint.report.model import Report


def render(reports: list[Report], *, color: bool = False, fail_on: str = "major") -> str:
    threshold = Severity.parse(fail_on)
    lines = []
    for report in reports:
        for finding in report.findings:
            where = primary_location(report, finding)
            props = {"file": where.path, "line": where.line, "col": where.column}
            if where.end_line is not None:
                props |= {"endLine": where.end_line, "endColumn": where.end_column}
            props["title"] = f"{finding.code} {finding.name}"
            fields = ",".join(f"{key}={escape_property(str(v))}" for key, v in props.items())
            level = LEVELS[finding.severity].github
            lines.append(f"::{level} {fields}::{escape_data(message_text(finding))}")
    total = sum(len(r.findings) for r in reports)
    failing = sum(f.severity.rank >= threshold.rank for r in reports for f in r.findings)
    lines.append(
        f"mtlint: {total} finding{'s' if total != 1 else ''} in {len(reports)} "
        f"pair{'s' if len(reports) != 1 else ''}, {failing} at or above {threshold.value}"
    )
    return "\n".join(lines) + "\n"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
