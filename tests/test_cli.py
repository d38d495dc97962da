"""The command line as a user meets it: exit codes, formats, output files, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PAIR = ROOT / "corpora" / "vi-en-flood-relief"

EN_ARTICLE = (
    "The city opened two new bus lines on Monday. Officials said the lines would serve "
    "about 12,000 passengers a day.\n\nTickets cost 7,000 dong. Children under six travel "
    "free of charge, the transport department said.\n"
)


def run(*args: str, input: bytes | str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input)


def test_version_and_help() -> None:
    from mtlint import __version__

    assert run("--version").output.strip().endswith(__version__)
    result = run("--help")
    assert result.exit_code == 0
    assert "check" in result.output and "rules" in result.output


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from mtlint.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('langdetect', 'wordfreq', 'sacrebleu', 'rapidfuzz', "
        "'charset_normalizer', 'markdown_it') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_check_pair_text_report_and_exit_code() -> None:
    gold = json.loads((PAIR / "gold.json").read_text(encoding="utf-8"))
    result = run("check", str(PAIR / gold["source"]), str(PAIR / gold["target"]))
    assert result.exit_code == 1, result.output
    assert "original" in result.output and "translation" in result.output
    assert "alignment" in result.output
    assert "MT102" in result.output
    assert "verdict FAIL" in result.output
    # a finding line looks like path:line:col  CODE  severity  message
    finding_lines = [ln for ln in result.output.splitlines() if "  MT1" in ln or "  MT2" in ln]
    assert finding_lines and all(ln.split("  ")[0].count(":") >= 2 for ln in finding_lines)


def test_check_translation_only_skips_rules_that_need_the_original(tmp_path: Path) -> None:
    path = tmp_path / "article.en.txt"
    path.write_text(EN_ARTICLE, encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0, result.output
    assert "skipped without an original" in result.output
    assert "MT103" in result.output


def test_json_contract(tmp_path: Path) -> None:
    gold = json.loads((PAIR / "gold.json").read_text(encoding="utf-8"))
    result = run("check", "--format", "json", str(PAIR / gold["source"]), str(PAIR / gold["target"]))
    data = json.loads(result.output)
    assert data["version"] == 1
    assert set(data) >= {"version", "source", "target", "alignment", "findings", "scores"}
    assert data["source"]["lang"] == gold["source_lang"]
    assert data["target"]["lang"] == gold["target_lang"]
    raw = (PAIR / gold["target"]).read_text(encoding="utf-8")
    for seg in data["target"]["segments"]:
        assert set(seg) == {"index", "start", "end", "text"}
    for finding in data["findings"]:
        assert finding["severity"] in {"neutral", "minor", "major", "critical"}
        for span in finding["spans"]:
            if span["side"] != "target":
                continue
            # line and column point at the span's first character in the file as given
            line_text = raw.split("\n")[span["line"] - 1]
            assert line_text[span["column"] - 1] == raw[span["start"]]
    covered_src = sorted(i for b in data["alignment"] for i in b["source"])
    covered_tgt = sorted(j for b in data["alignment"] for j in b["target"])
    assert covered_src == list(range(len(data["source"]["segments"])))
    assert covered_tgt == list(range(len(data["target"]["segments"])))


def test_api_to_dict_is_the_cli_json() -> None:
    from mtlint import check_files

    gold = json.loads((PAIR / "gold.json").read_text(encoding="utf-8"))
    src, tgt = str(PAIR / gold["source"]), str(PAIR / gold["target"])
    result = run("check", "--format", "json", src, tgt)
    assert json.loads(result.output) == check_files(src, tgt).to_dict()


def test_exit_zero_and_fail_on(tmp_path: Path) -> None:
    gold = json.loads((PAIR / "gold.json").read_text(encoding="utf-8"))
    args = [str(PAIR / gold["source"]), str(PAIR / gold["target"])]
    assert run("check", "--exit-zero", *args).exit_code == 0
    data = json.loads(run("check", "--format", "json", *args).output)
    worst = max(("neutral", "minor", "major", "critical").index(f["severity"])
                for f in data["findings"])
    if worst < 3:
        assert run("check", "--fail-on", "critical", *args).exit_code == 0
    assert run("check", "--fail-on", "minor", *args).exit_code == 1


def test_select_and_ignore(tmp_path: Path) -> None:
    gold = json.loads((PAIR / "gold.json").read_text(encoding="utf-8"))
    args = ["--format", "json", str(PAIR / gold["source"]), str(PAIR / gold["target"])]
    only = json.loads(run("check", "--select", "MT102", *args).output)
    assert only["findings"] and {f["code"] for f in only["findings"]} == {"MT102"}
    without = json.loads(run("check", "--ignore", "MT1", *args).output)
    assert all(not f["code"].startswith("MT1") for f in without["findings"])
    bad = run("check", "--select", "XX9", *args)
    assert bad.exit_code == 2


def test_output_file_is_written_atomically(tmp_path: Path) -> None:
    path = tmp_path / "in.en.txt"
    path.write_text(EN_ARTICLE, encoding="utf-8")
    out = tmp_path / "report.json"
    result = run("check", "--format", "json", "--output", str(out), str(path))
    assert result.exit_code == 0
    assert result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_stdin_input() -> None:
    result = run("check", "--format", "json", "-", input=EN_ARTICLE.encode())
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["target"]["lang"] == "en"


def test_no_color_unless_asked(tmp_path: Path) -> None:
    gold = json.loads((PAIR / "gold.json").read_text(encoding="utf-8"))
    args = [str(PAIR / gold["source"]), str(PAIR / gold["target"])]
    assert "\x1b[" not in run("check", *args).output
    assert "\x1b[" in run("check", "--color", "always", *args).output


def test_wrong_target_language_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(
        "Die Stadt hat am Montag zwei neue Buslinien eröffnet. Nach Angaben der Behörden "
        "sollen sie täglich rund 12.000 Fahrgäste befördern.\n\nKinder unter sechs Jahren "
        "fahren kostenlos, teilte das Verkehrsamt mit.\n",
        encoding="utf-8",
    )
    result = run("check", "--format", "json", "--target-lang", "en", str(path))
    assert result.exit_code == 1
    codes = {f["code"] for f in json.loads(result.output)["findings"]}
    assert "MT106" in codes


def test_rules_and_explain() -> None:
    from mtlint.rules import RULES

    listing = run("rules")
    assert listing.exit_code == 0
    for code, rule in RULES.items():
        assert code in listing.output and rule.name in listing.output
        # the listing shows each rule's whole first paragraph, not a line cut mid-phrase
        assert rule.summary.endswith("."), rule.summary
        assert rule.summary in " ".join(listing.output.split()), rule.summary
    explained = run("explain", "MT102")
    assert explained.exit_code == 0
    assert "stray-source-token" in explained.output and "Accuracy" in explained.output
    assert run("explain", "duplicated-phrase").exit_code == 0
    assert run("explain", "MT999").exit_code == 2


# --- bad input: exit 2, one line on stderr, no traceback, no output file -------------------


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    missing = tmp_path / "missing.txt"
    directory = tmp_path / "folder"
    directory.mkdir()
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    undecodable = tmp_path / "garbage.txt"
    undecodable.write_bytes(bytes((i * 97 + 13) % 256 for i in range(3000)).replace(b"\x00", b""))
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n  ", encoding="utf-8")
    no_prose = tmp_path / "broken.html"
    no_prose.write_text("<html><script>var a = '<p>';</script><nav>Home", encoding="utf-8")
    return {
        "missing": missing,
        "directory": directory,
        "binary": binary,
        "undecodable": undecodable,
        "empty": empty,
        "malformed-html": no_prose,
    }


@pytest.mark.parametrize(
    "case", ["missing", "directory", "binary", "undecodable", "empty", "malformed-html"]
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, case: str) -> None:
    bad = _bad_inputs(tmp_path)[case]
    out = tmp_path / "report.json"
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("mtlint")), "check", "--output", str(out), str(bad)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert str(bad.name) in lines[0]
    assert not out.exists()


def test_huge_input_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtlint import documents

    monkeypatch.setattr(documents, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text(EN_ARTICLE * 20, encoding="utf-8")
    out = tmp_path / "report.json"
    result = run("check", "--output", str(out), str(path))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "big.txt" in result.stderr
    assert not out.exists()


def test_malformed_but_readable_html_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><article><h1>Two new bus lines<p>The city opened two new bus lines "
        "on Monday.<p>Officials said the lines would serve about 12,000 passengers a day. "
        "Children under six travel free.</article>",
        encoding="utf-8",
    )
    result = run("check", "--format", "json", str(path))
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["target"]["segments"]) >= 3


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("check").exit_code == 2
    assert run("check", "a", "b", "c").exit_code == 2
    assert run("check", "--format", "yaml", "a").exit_code == 2
    path = tmp_path / "a.txt"
    path.write_text(EN_ARTICLE, encoding="utf-8")
    bad_lang = run("check", "--target-lang", "xx", str(path))
    assert bad_lang.exit_code == 2 and "xx" in bad_lang.stderr


def test_output_into_missing_folder_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(EN_ARTICLE, encoding="utf-8")
    result = run("check", "--output", str(tmp_path / "nope" / "r.json"), str(path))
    assert result.exit_code == 2


def test_reports_do_not_depend_on_the_hash_seed() -> None:
    """Set iteration order changes with PYTHONHASHSEED; results must not."""
    gold = json.loads((PAIR / "gold.json").read_text(encoding="utf-8"))
    args = ["check", "--format", "json", str(PAIR / gold["source"]), str(PAIR / gold["target"])]
    exe = str(Path(sys.executable).with_name("mtlint"))
    outputs = {
        subprocess.run(
            [exe, *args], capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and json.loads(outputs.pop())["findings"]


def test_readme_lists_every_rule() -> None:
    from mtlint.rules import RULES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| {rule.code} | `{rule.name}` | {rule.category} | {rule.severity.value} |" in readme
