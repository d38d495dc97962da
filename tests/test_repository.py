"""Repository mode: pairs from patterns, missing and orphan translations, the documented CI
commands run on a temporary git repository, parallel jobs, the pre-commit hook."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtlint.cli import cli
from mtlint.config import PairPattern
from mtlint.repository import Pair, find_pairs

ROOT = Path(__file__).resolve().parents[1]
MTLINT = str(Path(sys.executable).with_name("mtlint"))
SARIF_SCHEMA = ROOT.parent / "shared" / "data" / "sarif" / "sarif-schema-2.1.0.json"
PATTERN = PairPattern("content/vi/{name}.md", "content/{lang}/{name}.md")

# --- finding pairs -------------------------------------------------------------------------


def test_pairs_missing_and_orphan_translations() -> None:
    files = [
        "content/vi/a.md", "content/vi/b.md", "content/vi/news/c.md",
        "content/en/a.md", "content/en/news/c.md", "content/en/old.md",
        "content/fr/a.md", "content/img/a.md", "content/en/a.png", "README.md",
    ]
    assert find_pairs(files, [PATTERN], None) == [
        Pair("content/vi/a.md", "content/en/a.md", "en"),
        Pair("content/vi/a.md", "content/fr/a.md", "fr"),
        Pair("content/vi/b.md", "content/en/b.md", "en", "missing-translation"),
        Pair("content/vi/b.md", "content/fr/b.md", "fr", "missing-translation"),
        Pair("content/vi/news/c.md", "content/en/news/c.md", "en"),
        Pair("content/vi/news/c.md", "content/fr/news/c.md", "fr", "missing-translation"),
        Pair("content/vi/old.md", "content/en/old.md", "en", "orphan-translation"),
    ]


def test_target_lang_limits_the_languages() -> None:
    files = ["content/vi/a.md", "content/fr/a.md"]
    assert find_pairs(files, [PATTERN], "en") == [
        Pair("content/vi/a.md", "content/en/a.md", "en", "missing-translation"),
    ]


def test_patterns_without_lang_and_in_file_names() -> None:
    flat = PairPattern("vi/{name}.md", "en/{name}.md")
    assert find_pairs(["vi/a.md", "en/a.md"], [flat], None) == [Pair("vi/a.md", "en/a.md", None)]
    suffix = PairPattern("{name}.vi.md", "{name}.{lang}.md")
    assert find_pairs(["a.vi.md", "a.en.md"], [suffix], None) == [
        Pair("a.vi.md", "a.en.md", "en"),  # a.vi.md itself is never taken for a translation
    ]


# --- the documented commands on a git repository of translated Markdown ----------------------

PYPROJECT = """[project]
name = "newsroom"

[tool.mtlint]
source-lang = "vi"
pairs = [{source = "content/vi/{name}.md", target = "content/{lang}/{name}.md"}]
"""
BUS_VI = """# Thành phố mở hai tuyến xe buýt mới

Thành phố đã mở hai tuyến xe buýt mới vào thứ Hai. Các quan chức cho biết các tuyến này sẽ phục \
vụ khoảng 12.000 hành khách mỗi ngày.

Giá vé là 7.000 đồng. Trẻ em dưới sáu tuổi được miễn phí, sở giao thông cho biết.
"""
BUS_EN = """# The city opens two new bus lines

The city opened two new bus lines on Monday. Officials said the lines [và] would serve about \
12,000 passengers a day.

Tickets cost 7,000 dong. Children under six travel free of charge, the transport department said.
"""
MARKET_VI = """# Chợ mới mở cửa

Chợ mới ở trung tâm thành phố mở cửa vào sáng thứ Bảy với hơn 200 gian hàng.
"""
OLD_EN = """# The old bridge closes

The old bridge over the river closed on Friday for repairs that will take three months.
"""


def mtlint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MTLINT_FORMAT", "NO_COLOR")}
    return subprocess.run([MTLINT, *args], cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    files = {
        "pyproject.toml": PYPROJECT,
        "content/vi/bus.md": BUS_VI,
        "content/en/bus.md": BUS_EN,
        "content/vi/market.md": MARKET_VI,
        "content/en/old.md": OLD_EN,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    return tmp_path


def test_documented_ci_commands(repo: Path) -> None:
    # 1. check every pair: the planted artefact, the missing and the orphan translation
    first = mtlint(repo, "check")
    assert first.returncode == 1, first.stderr
    assert "content/en/bus.md:3:" in first.stdout and "MT102" in first.stdout
    assert "MT901" in first.stdout and "no translation at content/en/market.md" in first.stdout
    assert "MT902" in first.stdout and "no original at content/vi/old.md" in first.stdout

    # 2. SARIF for code scanning: one run with every pair's results, project-relative URIs
    sarif = mtlint(repo, "check", "--format", "sarif", "-o", "mtlint.sarif")
    assert sarif.returncode == 1 and sarif.stdout == ""
    log = json.loads((repo / "mtlint.sarif").read_text(encoding="utf-8"))
    assert len(log["runs"]) == 1
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"content/en/bus.md", "content/vi/market.md", "content/en/old.md"}
    if SARIF_SCHEMA.exists():
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))

    # 3. GitHub annotations
    github = mtlint(repo, "check", "--format", "github")
    assert "::warning file=content/en/bus.md,line=3," in github.stdout

    # 4. accept what is there, then only new findings fail the build
    written = mtlint(repo, "check", "--write-baseline", ".mtlint-baseline.json")
    assert written.returncode == 0, written.stderr
    baseline = json.loads((repo / ".mtlint-baseline.json").read_text(encoding="utf-8"))
    assert {e["code"] for e in baseline["findings"]} >= {"MT102", "MT901", "MT902"}
    assert mtlint(repo, "check", "--baseline", ".mtlint-baseline.json").returncode == 0

    # lines shift: still accepted, also when run from a subfolder (the config is found above)
    bus = repo / "content/en/bus.md"
    bus.write_text(BUS_EN.replace("lines\n\n", "lines\n\n\n\n\n", 1), encoding="utf-8")
    assert mtlint(repo, "check", "--baseline", ".mtlint-baseline.json").returncode == 0
    sub = mtlint(repo / "content", "check", "--baseline", "../.mtlint-baseline.json")
    assert sub.returncode == 0, sub.stdout + sub.stderr

    # the artefact's sentence changes: the finding is new again
    bus.write_text(BUS_EN.replace("Officials said the lines [và] would",
                                  "Officials said that the lines [và] would"), encoding="utf-8")
    changed = mtlint(repo, "check", "--baseline", ".mtlint-baseline.json")
    assert changed.returncode == 1 and "MT102" in changed.stdout


def test_parallel_jobs_give_the_same_report(repo: Path) -> None:
    serial = mtlint(repo, "check", "--format", "json")
    parallel = mtlint(repo, "check", "--format", "json", "--jobs", "2")
    assert serial.returncode == parallel.returncode == 1, parallel.stderr
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    assert [r["target"]["path"] for r in json.loads(serial.stdout)] == [
        "content/en/bus.md", "content/en/market.md", "content/en/old.md"
    ]


# --- repository mode through CliRunner ---------------------------------------------------------


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_repository_rules_follow_selection(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = _run("check", "--format", "json", "--select", "MT9")
    codes = sorted(f["code"] for report in json.loads(result.output) for f in report["findings"])
    assert codes == ["MT901", "MT902"]
    result = _run("check", "--format", "json", "--select", "MT9", "--ignore", "MT901")
    codes = sorted(f["code"] for report in json.loads(result.output) for f in report["findings"])
    assert codes == ["MT902"]
    assert result.exit_code == 0  # MT902 is minor


def test_no_pairs_configured_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mtlint.toml").write_text('fail-on = "minor"\n', encoding="utf-8")
    result = _run("check")
    assert result.exit_code == 2 and "pairs" in result.stderr


def test_patterns_that_match_nothing_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mtlint.toml").write_text(
        'pairs = [{source = "vi/{name}.md", target = "{lang}/{name}.md"}]\n', encoding="utf-8"
    )
    result = _run("check")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "vi/{name}.md" in result.stderr


def test_pre_commit_hook_runs_repository_mode() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: mtlint" in text
    assert "entry: mtlint check" in text
    assert "language: python" in text
    assert "pass_filenames: false" in text
