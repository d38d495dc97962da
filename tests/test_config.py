"""Configuration: discovery, schema, precedence (defaults < file < command line), errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mtlint.cli import cli
from mtlint.config import PairPattern, Settings, find_config, load_settings
from mtlint.errors import ConfigError
from mtlint.model import Severity

FULL = """
[tool.mtlint]
source-lang = "vi"
target-lang = "EN"
select = ["MT1", "MT2"]
ignore = ["mt104"]
fail-on = "minor"
min-score = 80
glossary = "glossary.csv"
pairs = [{source = "content/vi/{name}.md", target = "content/{lang}/{name}.md"}]

[tool.mtlint.per-file-ignores]
"content/*/legal-*.md" = ["MT301"]
"index.md" = ["MT2"]

[tool.mtlint.rules.MT105]
severity = "critical"
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_is_read(tmp_path: Path) -> None:
    _write(tmp_path, "glossary.csv", "vi,en\n")
    settings = load_settings(_write(tmp_path, "pyproject.toml", FULL))
    assert settings.source_lang == "vi" and settings.target_lang == "en"
    assert settings.select == ("MT1", "MT2") and settings.ignore == ("MT104",)
    assert settings.fail_on is Severity.MINOR and settings.min_score == 80.0
    assert settings.glossary == tmp_path / "glossary.csv"
    assert settings.pairs == (PairPattern("content/vi/{name}.md", "content/{lang}/{name}.md"),)
    assert settings.severities == (("MT105", Severity.CRITICAL),)
    assert settings.root == tmp_path.resolve()
    options = settings.options_for(str(tmp_path / "content/en/legal-terms.md"))
    assert options.per_file_ignore == ("MT301",)
    assert options.severity_overrides == (("MT105", Severity.CRITICAL),)
    assert settings.options_for(str(tmp_path / "sub/index.md")).per_file_ignore == ("MT2",)
    assert settings.options_for(str(tmp_path / "content/en/a.md")).per_file_ignore == ()


def test_mtlint_toml_has_the_same_schema_at_the_top(tmp_path: Path) -> None:
    body = FULL.replace("[tool.mtlint]\n", "").replace("tool.mtlint.", "")
    _write(tmp_path, "glossary.csv", "vi,en\n")
    toml = load_settings(_write(tmp_path, "mtlint.toml", body))
    pyproject = load_settings(_write(tmp_path / "other", "pyproject.toml", FULL.replace(
        '"glossary.csv"', '"../glossary.csv"')))
    assert toml.select == pyproject.select and toml.severities == pyproject.severities
    assert toml.per_file_ignores == pyproject.per_file_ignores


def test_discovery_walks_up_and_the_nearest_wins(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    top = _write(tmp_path, "mtlint.toml", 'fail-on = "minor"\n')
    assert find_config(deep) == top
    _write(tmp_path / "a", "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.mtlint]
    assert find_config(deep) == top
    nearer = _write(tmp_path / "a", "pyproject.toml", '[tool.mtlint]\nfail-on = "critical"\n')
    assert find_config(deep) == nearer
    both = _write(tmp_path / "a" / "b", "pyproject.toml", '[tool.mtlint]\nfail-on = "minor"\n')
    toml = _write(tmp_path / "a" / "b", "mtlint.toml", 'fail-on = "neutral"\n')
    assert both.exists() and find_config(deep) == toml


def test_defaults_without_a_file() -> None:
    settings = load_settings(None)
    assert settings == Settings(root=settings.root)
    assert settings.fail_on is Severity.MAJOR and settings.pairs == () and settings.file is None


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ('selct = ["MT1"]', "tool.mtlint.selct"),
        ('fail-on = "severe"', "tool.mtlint.fail-on"),
        ("fail-on = 3", "tool.mtlint.fail-on"),
        ("min-score = 150", "tool.mtlint.min-score"),
        ('min-score = "high"', "tool.mtlint.min-score"),
        ('select = ["XX9"]', "tool.mtlint.select"),
        ('ignore = "MT1"', "tool.mtlint.ignore"),
        ('source-lang = "xx"', "tool.mtlint.source-lang"),
        ('glossary = "missing.csv"', "tool.mtlint.glossary"),
        ('pairs = [{source = "vi/a.md", target = "en/{name}.md"}]', "tool.mtlint.pairs[0].source"),
        ('pairs = [{source = "vi/{name}.md", target = "{x}/{name}.md"}]',
         "tool.mtlint.pairs[0].target"),
        ('pairs = [{source = "vi/{name}.md"}]', "tool.mtlint.pairs[0]"),
        ('per-file-ignores = {"*.md" = ["ZZ"]}', "tool.mtlint.per-file-ignores.*.md"),
        ("[tool.mtlint.rules.MT105]\nignore-years = true", "tool.mtlint.rules.MT105.ignore-years"),
        ('[tool.mtlint.rules.MT999]\nseverity = "minor"', "tool.mtlint.rules.MT999"),
        ('[tool.mtlint.rules.MT105]\nseverity = "fatal"', "tool.mtlint.rules.MT105.severity"),
    ],
)
def test_bad_key_or_value_names_key_and_file(tmp_path: Path, body: str, key: str) -> None:
    text = body if body.startswith("[tool") else "[tool.mtlint]\n" + body
    path = _write(tmp_path, "pyproject.toml", text + "\n")
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {key}: ")


def test_rule_options_are_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = _write(tmp_path, "mtlint.toml", "[rules.MT105]\nignore-years = true\n")
    with pytest.raises(ConfigError, match=r"rules\.MT105\.ignore-years: unknown option: "
                                          r"MT105 accepts only 'severity'"):
        load_settings(path)


# --- through the command line --------------------------------------------------------------


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_cli_exits_2_with_one_line_for_an_unknown_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "pyproject.toml", '[tool.mtlint]\nfail_on = "minor"\n')
    monkeypatch.chdir(tmp_path)
    result = _run("check", "--show-settings")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0] and "tool.mtlint.fail_on" in lines[0]
    assert "unknown key" in lines[0]


def test_cli_exits_2_with_one_line_for_a_bad_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "mtlint.toml", 'fail-on = "severe"\n')
    monkeypatch.chdir(tmp_path / ".")
    result = _run("check", "-")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "fail-on" in lines[0]


def test_invalid_toml_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "mtlint.toml", "fail-on = \n")
    monkeypatch.chdir(tmp_path)
    result = _run("check", "--show-settings")
    assert result.exit_code == 2 and "mtlint.toml: not valid TOML" in result.stderr


def test_precedence_defaults_file_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "pyproject.toml",
                  '[tool.mtlint]\nfail-on = "critical"\nselect = ["MT1"]\nsource-lang = "vi"\n')
    sub = tmp_path / "content"
    sub.mkdir()
    monkeypatch.chdir(sub)  # found by walking up
    shown = _run("check", "--show-settings", "--fail-on", "minor", "--select", "MT2,MT3")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert f"# configuration file: {path.resolve()}" in lines
    assert 'fail-on = "minor"  # command line' in lines
    assert 'select = ["MT2", "MT3"]  # command line' in lines
    assert f'source-lang = "vi"  # {path.resolve()}' in lines
    assert "target-lang = (not set)  # default" in lines
    isolated = _run("check", "--show-settings", "--isolated").output.splitlines()
    assert 'fail-on = "major"  # default' in isolated


def test_explicit_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = _write(tmp_path / "elsewhere", "settings.toml", 'fail-on = "neutral"\n')
    monkeypatch.chdir(tmp_path)
    shown = _run("check", "--show-settings", "--config", str(other))
    assert 'fail-on = "neutral"  # ' + str(other.resolve()) in shown.output.splitlines()
    assert _run("check", "--config", str(tmp_path / "nope.toml"), "-").exit_code == 2
    plain = _write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n")
    result = _run("check", "--show-settings", "--config", str(plain))
    assert result.exit_code == 2 and "no [tool.mtlint] table" in result.stderr
    assert _run("check", "--config", str(other), "--isolated", "-").exit_code == 2


def test_file_settings_reach_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fail-on from the file decides the exit status; the command line overrides it."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "a.vi.txt", "Thành phố đã mở hai tuyến xe buýt mới vào thứ Hai. Các quan "
           "chức cho biết các tuyến này sẽ phục vụ khoảng 12.000 hành khách mỗi ngày.\n")
    _write(tmp_path, "a.en.txt", "The city opened two new bus lines on Monday. Officials said "
           "the lines [và] would serve about 12,000 passengers a day.\n")
    assert _run("check", "a.vi.txt", "a.en.txt").exit_code == 1
    _write(tmp_path, "mtlint.toml", 'fail-on = "critical"\n')
    assert _run("check", "a.vi.txt", "a.en.txt").exit_code == 0
    assert _run("check", "--fail-on", "major", "a.vi.txt", "a.en.txt").exit_code == 1
    _write(tmp_path, "mtlint.toml", '[rules.MT102]\nseverity = "critical"\nfail-on = "critical"\n')
    # (a key after a table belongs to the table: an error, not a silent no-op)
    assert _run("check", "a.vi.txt", "a.en.txt").exit_code == 2
    _write(tmp_path, "mtlint.toml", 'fail-on = "critical"\n[rules.MT102]\nseverity = "critical"\n')
    assert _run("check", "a.vi.txt", "a.en.txt").exit_code == 1
    _write(tmp_path, "mtlint.toml", '[per-file-ignores]\n"*.en.txt" = ["MT102"]\n')
    assert _run("check", "a.vi.txt", "a.en.txt").exit_code == 0
