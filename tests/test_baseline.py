"""Baselines: accepted findings stay accepted across line shifts and unrelated edits, and come
back when the text they point at changes.

The test rule MT199 (`tests.testrule`) keeps these tests independent of the real rules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtlint.cli import cli
from tests import testrule

ARTICLE = """# Two new bus lines

The city opened two new bus lines on Monday, officials said at a press conference.

Tickets cost FLAG seven thousand dong, and children under six travel free of charge.

The lines will run every ten minutes during the morning and evening rush hours.
"""


@pytest.fixture(autouse=True)
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    testrule.install(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mtlint.toml").write_text('select = ["MT199"]\ntarget-lang = "en"\n', "utf-8")
    (tmp_path / "a.en.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def check(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["check", "--format", "json", *args, "a.en.md"])


def _edit(project: Path, old: str, new: str) -> None:
    path = project / "a.en.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _accept(project: Path) -> None:
    written = check("--write-baseline", "baseline.json")
    assert written.exit_code == 0, written.output  # everything is accepted now
    assert json.loads(written.stdout)["findings"]  # the report still lists them
    assert check("--baseline", "baseline.json").exit_code == 0


def test_baseline_file_is_reviewable(project: Path) -> None:
    assert check().exit_code == 1
    _accept(project)
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    [entry] = data["findings"]
    assert entry["code"] == "MT199" and entry["path"] == "a.en.md" and entry["excerpt"] == "FLAG"
    assert len(entry["fingerprint"]) == 32
    quiet = check("--baseline", "baseline.json")
    assert json.loads(quiet.stdout)["findings"] == []


def test_survives_line_shifts(project: Path) -> None:
    _accept(project)
    _edit(project, "# Two new bus lines\n", "# Two new bus lines\n\nAn added lead.\n\n\n\n")
    assert check("--baseline", "baseline.json").exit_code == 0
    assert check().exit_code == 1  # the finding is still there, only accepted


def test_survives_edits_elsewhere_in_the_file(project: Path) -> None:
    _accept(project)
    _edit(project, "every ten minutes", "every twelve minutes")
    _edit(project, "on Monday, officials said", "on Tuesday, the mayor said")
    assert check("--baseline", "baseline.json").exit_code == 0


def test_comes_back_when_its_text_changes(project: Path) -> None:
    _accept(project)
    _edit(project, "Tickets cost FLAG seven", "Tickets now cost FLAG eight")
    result = check("--baseline", "baseline.json")
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["MT199"]


def test_a_second_copy_is_new(project: Path) -> None:
    _accept(project)
    _edit(project, "free of charge.", "free of charge.\n\nTickets cost FLAG seven thousand dong, "
          "and children under six travel free of charge.")
    result = check("--baseline", "baseline.json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["findings"]) == 1


@pytest.mark.parametrize("content", ["not json", "[]", '{"version": 9, "findings": []}',
                                     '{"version": 1, "findings": [{"code": "MT199"}]}'])
def test_a_bad_baseline_exits_2(project: Path, content: str) -> None:
    (project / "baseline.json").write_text(content, encoding="utf-8")
    result = check("--baseline", "baseline.json")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "baseline.json" in result.stderr


def test_missing_baseline_exits_2(project: Path) -> None:
    assert check("--baseline", "nope.json").exit_code == 2
