"""Output formats: golden snapshots, SARIF schema validity, GitHub escaping, exit codes.

The snapshots render two hand-built reports (a pair with findings, a clean translation), so
they change only when a renderer changes, not when a rule or the aligner does. Rule help text
is stubbed for the same reason. Regenerate with MTLINT_UPDATE_SNAPSHOTS=1.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtlint import __version__
from mtlint.cli import cli
from mtlint.documents import document_from_text
from mtlint.model import Severity, Span
from mtlint.report import renderer
from mtlint.report.ci import LEVELS
from mtlint.report.github import escape_data, escape_property
from mtlint.report.model import Report
from mtlint.rules import RULES
from mtlint.rules.registry import Issue
from tests.helpers import line_segments, one_to_one

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).with_name("snapshots")
SARIF_SCHEMA = ROOT.parent / "shared" / "data" / "sarif" / "sarif-schema-2.1.0.json"
SNAPSHOT_FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab")

SOURCE = """# Hai tuyến xe buýt mới

Thành phố mở hai tuyến xe buýt mới vào thứ Hai.
Các tuyến phục vụ 12.000 hành khách mỗi ngày.

Giá vé là 7.000 đồng.
Trẻ em được miễn phí.
"""
TARGET = """# Two new bus lines

The city opened two new bus lines on Monday.
The lines [và] serve 13,000 passengers a day.

Tickets cost 7,000 dong: 100% "free, free" for children.
"""
CLEAN = "# Two new bus lines\n\nThe city opened two new bus lines on Monday.\n"


def _span(doc_text: str, side: str, needle: str) -> Span:
    start = doc_text.index(needle)
    return Span(side, start, start + len(needle))  # type: ignore[arg-type]


def sample_reports() -> list[Report]:
    """A pair with one finding of each shape, and a clean translation checked alone."""
    source = document_from_text(SOURCE, fmt="md", path="content/vi/bus.md").with_lang("vi")
    target = document_from_text(TARGET, fmt="md", path="content/en/bus.md").with_lang("en")
    src, tgt = source.text, target.text
    findings = [
        RULES["MT102"].finding(Issue(
            "'và' looks like Vietnamese", (_span(tgt, "target", "và"),))),
        RULES["MT105"].finding(Issue(
            "'12.000' in the original, '13,000' in the translation",
            (_span(tgt, "target", "13,000"), _span(src, "source", "12.000")),
            severity=Severity.CRITICAL, suggestion="12,000")),
        RULES["MT201"].finding(Issue(
            'repeated: "free, free" (100%: said twice)',
            (_span(tgt, "target", "free, free"),), severity=Severity.MINOR)),
        RULES["MT903"].finding(Issue(
            "`<!-- mtlint: ignore MT201 -->` (line 3) suppressed nothing",
            (Span("target", 0, 0),), severity=Severity.NEUTRAL)),
        RULES["MT103"].finding(Issue(
            "the original's sentence has no translation",
            (_span(src, "source", "Trẻ em được miễn phí."),))),
    ]
    segs_src, segs_tgt = line_segments(source), line_segments(target)
    pair = Report(
        source=source, target=target, source_segments=segs_src, target_segments=segs_tgt,
        beads=one_to_one(len(segs_tgt)), findings=tuple(findings),
        source_lang="vi", target_lang="en",
    )
    clean_doc = document_from_text(CLEAN, fmt="md", path="content/en/clean.md").with_lang("en")
    clean = Report(
        source=None, target=clean_doc, source_segments=(),
        target_segments=line_segments(clean_doc), beads=(), findings=(),
        source_lang=None, target_lang="en", skipped_rules=("MT103",),
    )
    return [pair, clean]


@pytest.fixture
def stable_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule documentation is the rule authors' to edit; snapshots must not follow it."""

    def stub(ctx: object) -> list[Issue]:
        """Summary line of the rule.

        What it does: stands in for the rule's documentation in snapshots.
        """
        return []

    for code, rule in list(RULES.items()):
        monkeypatch.setitem(RULES, code, replace(rule, func=stub))


def _compare_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("MTLINT_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with MTLINT_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} output differs from its snapshot"


@pytest.mark.parametrize("fmt", SNAPSHOT_FORMATS)
def test_snapshot(fmt: str, stable_rules: None) -> None:
    text = renderer(fmt)(sample_reports(), color=False, fail_on="major")
    text = text.replace(f'"version": "{__version__}"', '"version": "VERSION"')
    assert str(ROOT) not in text and "/tmp" not in text
    _compare_snapshot(fmt, text)


def _sarif_schema() -> dict:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"SARIF schema not available at {SARIF_SCHEMA} (../shared/data/sarif)")
    return json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    schema = _sarif_schema()
    log = json.loads(renderer("sarif")(sample_reports(), color=False, fail_on="major"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({r["id"] for r in rules})  # one entry per code
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["mtlint/v1"]
    assert {r["id"]: r["help"]["text"] for r in rules}["MT102"] == RULES["MT102"].doc
    number = next(r for r in run["results"] if r["ruleId"] == "MT105")
    assert number["level"] == "error"  # critical after the override
    assert number["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "content/vi/bus.md"
    )


def test_sarif_of_an_empty_run_is_valid() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    clean = sample_reports()[1]
    log = json.loads(renderer("sarif")([clean], color=False, fail_on="major"))
    jsonschema.validate(log, _sarif_schema())
    assert log["runs"][0]["results"] == []


def test_severity_map() -> None:
    assert [tuple(LEVELS[s]) for s in Severity] == [
        ("note", "notice", "info"),
        ("note", "notice", "minor"),
        ("warning", "warning", "major"),
        ("error", "error", "critical"),
    ]


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("x: y, z", "x: y, z", "x%3A y%2C z"),
        ("%0A", "%250A", "%250A"),  # an escape sequence in the text is not left to decode
    ],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_github_commands_are_one_line_each() -> None:
    out = renderer("github")(sample_reports(), color=False, fail_on="major")
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == 5
    repeated = next(c for c in commands if "MT201" in c)
    assert repeated.startswith("::notice file=content/en/bus.md,line=6,col=32,endLine=6,")
    assert repeated.endswith('::repeated: "free, free" (100%25: said twice)')
    assert "title=MT201 duplicated-phrase" in repeated
    number = next(c for c in commands if "MT105" in c)
    assert number.startswith("::error ")
    assert number.endswith("the translation%0ASuggestion: 12,000")  # the newline is escaped
    assert out.splitlines()[-1].startswith("mtlint: 5 findings in 2 pairs")


def test_junit_has_one_case_per_pair_and_failures_from_fail_on() -> None:
    reports = sample_reports()
    for fail_on, failures in (("major", 3), ("critical", 1), ("neutral", 5)):
        root = ET.fromstring(renderer("junit")(reports, color=False, fail_on=fail_on))
        cases = root.findall("./testsuite/testcase")
        assert [c.get("name") for c in cases] == [
            "content/vi/bus.md → content/en/bus.md", "content/en/clean.md"
        ]
        assert len(cases[0].findall("failure")) == failures
        assert cases[1].find("failure") is None
        assert root.get("tests") == "2" and root.get("failures") == "1"


def test_gitlab_fingerprints_are_unique_and_severities_known() -> None:
    report = sample_reports()[0]
    twice = replace(report, findings=report.findings + report.findings[:1])
    issues = json.loads(renderer("gitlab")([twice], color=False, fail_on="major"))
    assert len({i["fingerprint"] for i in issues}) == len(issues) == 6
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    assert all(set(i) == {"description", "check_name", "fingerprint", "severity", "location"}
               for i in issues)
    assert issues[0]["location"] == {"path": "content/en/bus.md", "lines": {"begin": 4}}


# --- through the command line -------------------------------------------------------------

EN_ARTICLE = (
    "The city opened two new bus lines on Monday. Officials said the lines would serve "
    "about 12,000 passengers a day.\n\nTickets cost 7,000 dong. Children under six travel "
    "free of charge, the transport department said.\n"
)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["check", "--isolated", *args])


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "article.en.txt"
    path.write_text(EN_ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "gitlab", "json", "text"])
def test_every_format_through_the_cli(article: Path, fmt: str) -> None:
    result = run("--format", fmt, article.name)
    assert result.exit_code == 0, result.output
    assert result.output
    if fmt in ("sarif", "gitlab", "json"):
        json.loads(result.output)
    if fmt == "junit":
        assert ET.fromstring(result.output).find("./testsuite/testcase") is not None


def test_format_from_the_environment(article: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", "--isolated", article.name], env={"MTLINT_FORMAT": "gitlab"}
    )
    assert result.exit_code == 0 and json.loads(result.output) == []


@pytest.fixture
def with_quality(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports carry a quality score of 40 (the score is computed elsewhere)."""
    from mtlint import engine

    real = engine.check_documents

    def scored(*args, **kwargs):  # type: ignore[no-untyped-def]
        return replace(real(*args, **kwargs), scores={"quality": {"score": 40.0}})

    monkeypatch.setattr(engine, "check_documents", scored)


def test_min_score_decides_exit_1(article: Path, with_quality: None) -> None:
    assert run(article.name).exit_code == 0
    assert run("--min-score", "50", article.name).exit_code == 1
    assert run("--min-score", "30", article.name).exit_code == 0
    assert run("--min-score", "50", "--exit-zero", article.name).exit_code == 0


def test_min_score_without_a_quality_score_passes(article: Path) -> None:
    assert run("--min-score", "99", article.name).exit_code == 0


@pytest.mark.parametrize("value", ["150", "-1", "abc"])
def test_bad_min_score_exits_2(article: Path, value: str) -> None:
    result = run("--min-score", value, article.name)
    assert result.exit_code == 2


def test_exit_zero_never_hides_an_error(article: Path) -> None:
    assert run("--exit-zero", "missing.txt").exit_code == 2
    assert run("--exit-zero", "--select", "XX9", article.name).exit_code == 2
    assert run("--exit-zero", "--baseline", "missing.json", article.name).exit_code == 2


VI_ARTICLE = (
    "Thành phố đã mở hai tuyến xe buýt mới vào thứ Hai. Các quan chức cho biết các tuyến này "
    "sẽ phục vụ khoảng 12.000 hành khách mỗi ngày.\n\nGiá vé là 7.000 đồng. Trẻ em dưới sáu "
    "tuổi được miễn phí, sở giao thông cho biết.\n"
)


def test_fail_on_decides_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.vi.txt").write_text(VI_ARTICLE, encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(
        EN_ARTICLE.replace("the lines would", "the lines [và] would"), encoding="utf-8"
    )
    pair = ("a.vi.txt", "a.en.txt")
    assert run(*pair).exit_code == 1  # a stray Vietnamese word is major
    assert run("--fail-on", "critical", *pair).exit_code == 0
    assert run("--fail-on", "critical", "--format", "sarif", *pair).exit_code == 0
    assert run("--exit-zero", *pair).exit_code == 0
    assert run("--ignore", "MT102", *pair).exit_code == 0


def test_output_file_gets_the_usual_permissions(article: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    assert run("--format", "sarif", "-o", "report.sarif", article.name).exit_code == 0
    assert (article.parent / "report.sarif").stat().st_mode & 0o777 == 0o666 & ~umask
