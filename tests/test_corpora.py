"""End to end over corpora/: every gold artefact is found, clean pairs stay quiet.

Matching is at rule-family level (an added sentence reported as scraping residue still counts)
with overlapping spans on the same side, in raw file offsets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtlint import Severity, check_files
from mtlint.rules import RULES
from mtlint.rules.registry import FAMILIES as FAMILY

ROOT = Path(__file__).resolve().parents[1]
GOLDS = sorted(ROOT.glob("corpora/*/gold.json"))



def test_every_rule_has_a_family() -> None:
    assert {r.name for r in RULES.values()} == set(FAMILY)


def _load(gold_path: Path) -> dict:
    return json.loads(gold_path.read_text(encoding="utf-8"))


def test_corpora_cover_what_the_project_promises() -> None:
    golds = [_load(p) for p in GOLDS]
    assert len(golds) >= 10
    assert len({g["source_lang"] for g in golds}) >= 5
    assert {"vi", "de", "zh"} <= {g["source_lang"] for g in golds}
    assert sum(g["target_lang"] != "en" for g in golds) >= 2
    assert sum(bool(g["clean"]) for g in golds) >= 3
    assert {Path(g["target"]).suffix for g in golds} >= {".txt", ".md", ".html"}


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.parent.name)
def test_gold_spans_point_at_their_text(gold_path: Path) -> None:
    gold = _load(gold_path)
    names = {r.name for r in RULES.values()}
    assert gold["clean"] == (not gold["artefacts"])
    for artefact in gold["artefacts"]:
        assert artefact["rule"] in names
        text = (gold_path.parent / gold[artefact["side"]]).read_text(encoding="utf-8")
        assert text[artefact["start"] : artefact["end"]] == artefact["text"]


@pytest.fixture(scope="module")
def reports() -> dict[str, object]:
    out = {}
    for gold_path in GOLDS:
        gold = _load(gold_path)
        folder = gold_path.parent
        out[folder.name] = check_files(
            str(folder / gold["source"]),
            str(folder / gold["target"]),
            source_lang=gold["source_lang"],
            target_lang=gold["target_lang"],
        )
    return out


@pytest.mark.parametrize(
    "gold_path", [p for p in GOLDS if not _load(p)["clean"]], ids=lambda p: p.parent.name
)
def test_every_gold_artefact_is_found(gold_path: Path, reports: dict) -> None:
    gold = _load(gold_path)
    data = reports[gold_path.parent.name].to_dict()
    found = [
        (FAMILY[f["name"]], span["side"], span["start"], span["end"])
        for f in data["findings"]
        for span in f["spans"]
    ]
    missed = [
        a for a in gold["artefacts"]
        if not any(
            fam == FAMILY[a["rule"]] and side == a["side"] and start < a["end"] and a["start"] < end
            for fam, side, start, end in found
        )
    ]
    assert not missed, [f"{a['rule']}: {a['text'][:60]}" for a in missed]


@pytest.mark.parametrize(
    "gold_path", [p for p in GOLDS if _load(p)["clean"]], ids=lambda p: p.parent.name
)
def test_clean_pairs_have_no_major_finding(gold_path: Path, reports: dict) -> None:
    report = reports[gold_path.parent.name]
    loud = [
        f"{f.code} {f.message}" for f in report.findings
        if f.severity.rank >= Severity.MAJOR.rank
    ]
    assert not loud
