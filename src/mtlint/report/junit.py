"""JUnit XML: one test case per pair, one failure per finding at or above `fail_on`.

CI systems that read test reports (GitLab, Jenkins, Azure) then list failing articles like
failing tests. Findings below the threshold do not fail the case; they are listed in its
`system-out` so they stay visible.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mtlint.model import Finding, Severity
from mtlint.report.ci import message_text, pair_name, path_of, primary_location
from mtlint.report.model import Report


def render(reports: list[Report], *, color: bool = False, fail_on: str = "major") -> str:
    threshold = Severity.parse(fail_on)
    suite = ET.Element("testsuite", name="mtlint")
    failed = 0
    for report in reports:
        case = ET.SubElement(
            suite, "testcase", name=pair_name(report), classname="mtlint",
            file=path_of(report, "target"),
        )
        below = []
        for finding in report.findings:
            line = _line(report, finding)
            if finding.severity.rank < threshold.rank:
                below.append(line)
                continue
            failure = ET.SubElement(
                case, "failure", type=finding.severity.value,
                message=f"{finding.code} {finding.name}: {finding.message}",
            )
            failure.text = line
        failed += case.find("failure") is not None
        if below:
            ET.SubElement(case, "system-out").text = "\n".join(below)
    counts = {"tests": str(len(reports)), "failures": str(failed), "errors": "0"}
    suite.attrib |= counts
    root = ET.Element("testsuites", {"name": "mtlint", **counts})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _line(report: Report, finding: Finding) -> str:
    where = primary_location(report, finding)
    return (
        f"{where.path}:{where.line}:{where.column}: {finding.code} [{finding.severity.value}] "
        f"{message_text(finding)}"
    )
