"""MT401 glossary-term, MT402 do-not-translate, and the glossary they read (`mtlint.glossary`).

The data-driven cases live in tests/rules/MT401.json and MT402.json, run by test_rule_cases.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtlint.cli import cli
from mtlint.documents import document_from_text
from mtlint.engine import CheckOptions, check_documents
from mtlint.errors import ConfigError
from mtlint.glossary import Glossary, find_term, fold, load_glossary, parse_glossary


def _check(source: str, target: str, glossary: Glossary, source_lang: str = "vi",
           target_lang: str = "en"):
    options = CheckOptions(source_lang=source_lang, target_lang=target_lang, glossary=glossary)
    return check_documents(document_from_text(source), document_from_text(target), options)


# --- parsing ---------------------------------------------------------------------------------


def test_header_is_optional_and_dnt_has_three_spellings() -> None:
    with_header = parse_glossary("source,target\nbridge,pont\nLyon,\nTramOC,TramOC\nVélo'v,x,dnt\n")
    without = parse_glossary("bridge,pont\n")
    assert [t.source for t in with_header.terms] == ["bridge", "Lyon", "TramOC", "Vélo'v"]
    assert [t.dnt for t in with_header.terms] == [False, True, True, True]
    assert [t.source for t in without.terms] == ["bridge"]


def test_language_code_header_tsv_and_semicolons() -> None:
    assert [t.targets for t in parse_glossary("de\ten\nBrücke\tbridge\n").terms] == [("bridge",)]
    assert [t.targets for t in parse_glossary("pont;bridge\n").terms] == [("bridge",)]


def test_rows_with_the_same_source_are_alternatives_and_notes_are_ignored() -> None:
    glossary = parse_glossary("bridge,pont,noun\nBridge,passerelle\n# comment,x\n\n")
    assert [(t.targets, t.dnt) for t in glossary.terms] == [(("pont", "passerelle"), False)]


def test_an_empty_source_is_an_error_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text("source,target\n,pont\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"terms.csv:2: empty source term"):
        load_glossary(path)


def test_load_reads_bom_and_tsv_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_bytes("\ufeffcầu\tbridge, span\n".encode("utf-8"))
    assert [(t.source, t.targets) for t in load_glossary(path).terms] == [
        ("cầu", ("bridge, span",))
    ]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00\xd8broken")
    with pytest.raises(ConfigError):
        load_glossary(bad)


# --- matching --------------------------------------------------------------------------------


def test_fold_keeps_offsets() -> None:
    text = "Hà Nội’s ĐƯỜNG – Straße"
    assert len(fold(text)) == len(text)
    assert fold(text).startswith("ha noi's duong - stra")


def test_terms_match_case_whitespace_and_inflection() -> None:
    glossary = parse_glossary("traffic light,feu\nbridge,pont\nHa Noi,Hanoi\n")
    text = "Two Bridges, one Traffic\n  Light, in Hà Nội."
    found = [(h.term.source, text[h.start : h.end]) for h in glossary.find(text, "en")]
    assert found == [("bridge", "Bridges"), ("traffic light", "Traffic\n  Light"),
                     ("Ha Noi", "Hà Nội")]


def test_a_term_with_diacritics_needs_them_one_without_does_not() -> None:
    glossary = parse_glossary("cầu,bridge\nho chi minh,Ho Chi Minh\n")
    text = "Câu hỏi về cây cầu ở Hồ Chí Minh"
    assert [text[h.start : h.end] for h in glossary.find(text, "vi")] == ["cầu", "Hồ Chí Minh"]


def test_longest_term_wins_and_hits_do_not_overlap() -> None:
    glossary = parse_glossary("People's Committee,UBND\nCommittee,Ủy ban\n")
    text = "the People's Committee and the Committee"
    assert [h.term.source for h in glossary.find(text, "en")] == ["People's Committee",
                                                                  "Committee"]


@pytest.mark.parametrize(("text", "term", "lang", "found"), [
    ("new policies", "policy", "en", True),
    ("die Brücken", "Brücke", "de", True),
    ("i ponti", "ponte", "it", True),
    ("в Москве", "Москва", "ru", True),
    ("cầu nối", "cầu", "vi", True),
    ("cầus", "cầu", "vi", False),  # no inflection in Vietnamese
    ("bridgework", "bridge", "en", False),  # not an English ending
    ("G7s", "G7", "en", False),  # codes do not inflect
])
def test_target_inflections(text: str, term: str, lang: str, found: bool) -> None:
    assert bool(list(find_term(text, term, lang))) is found


def test_exact_matching_keeps_case() -> None:
    assert list(find_term("the iPhones", "iPhone", "en", exact=True)) == [(4, 11)]
    assert not list(find_term("the Iphone", "iPhone", "en", exact=True))


def test_a_large_glossary_is_indexed_not_looped() -> None:
    rows = "\n".join(f"term{i} word{i},cible{i}" for i in range(20000))
    glossary = parse_glossary(rows + "\nbridge,pont\n")
    text = "The bridge and term123 word123 and term9999 word9998. " * 20
    hits = glossary.find(text, "en")
    assert [h.term.source for h in hits[:2]] == ["bridge", "term123 word123"]
    assert len(hits) == 40


# --- the rules -------------------------------------------------------------------------------


def test_a_term_used_elsewhere_in_the_translation_is_minor() -> None:
    glossary = parse_glossary("cầu,bridge\n")
    source = ("Cây cầu mới dài 500 mét. Công trình khởi công năm 2020. Nhà thầu là một công ty "
              "Nhật Bản. Dự án đã hoàn thành đúng hạn. Cây cầu có bốn làn xe.")
    target = ("The new bridge is 500 metres long. Work began in 2020. The contractor is a "
              "Japanese company. The project was finished on time. The crossing has four lanes.")
    findings = [f for f in _check(source, target, glossary).findings if f.code == "MT401"]
    assert [(f.severity.value, f.suggestion) for f in findings] == [("minor", "bridge")]
    assert "used elsewhere" in findings[0].message


def test_without_a_glossary_nothing_is_reported() -> None:
    report = _check("Cây cầu mới.", "The new span.", Glossary())
    assert not [f for f in report.findings if f.code in ("MT401", "MT402")]


def test_spans_point_at_the_term_in_the_original() -> None:
    source = "Hành khách dùng ứng dụng TramOC. Vé tháng có giá 200.000 đồng."
    report = _check(source, "Passengers use the app. A monthly pass costs 200,000 dong.",
                    parse_glossary("TramOC,,dnt\n"))
    finding = next(f for f in report.findings if f.code == "MT402")
    span = next(s for s in finding.spans if s.side == "source")
    assert source[span.start : span.end] == "TramOC"


def test_cli_glossary_option_and_config_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    (tmp_path / "s.txt").write_text("Hành khách dùng ứng dụng TramOC để mua vé.\n",
                                    encoding="utf-8")
    (tmp_path / "t.txt").write_text("Passengers use the operator's app to buy tickets.\n",
                                    encoding="utf-8")
    (tmp_path / "terms.csv").write_text("TramOC,,dnt\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["check", "--isolated", "--source-lang", "vi", "--target-lang", "en",
            "--format", "json", "s.txt", "t.txt"]
    runner = CliRunner()
    plain = runner.invoke(cli, args)
    with_glossary = runner.invoke(cli, [*args[:1], "--glossary", "terms.csv", *args[1:]])
    assert "MT402" not in plain.output
    assert with_glossary.exit_code == 1
    assert [f["code"] for f in json.loads(with_glossary.output)["findings"]].count("MT402") == 1
    (tmp_path / "mtlint.toml").write_text('glossary = "terms.csv"\n', encoding="utf-8")
    configured = runner.invoke(cli, [a for a in args if a != "--isolated"])
    assert "MT402" in configured.output
    missing = runner.invoke(cli, [*args[:1], "--glossary", "nope.csv", *args[1:]])
    assert missing.exit_code == 2 and "no such file" in missing.output
