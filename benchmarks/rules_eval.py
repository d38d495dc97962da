"""Precision, recall and F1 of every rule (and rule family) on the gold artefacts of corpora/.

A finding matches a gold artefact when it has the same rule (or, in the family rows, a rule of
the same family, as in tests/test_corpora.py) and one of its spans overlaps the artefact's span
on the same side, in raw file offsets (`Report.to_dict()`). Precision counts findings on the
pairs with artefacts; findings on the clean pairs are counted apart (all severities, and how
many of them are major or above), since there every finding is a false alarm.

    .venv/bin/python benchmarks/rules_eval.py [--corpora DIR]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from _data import CORPORA, FAMILY, f1, fmt, overlaps


@dataclass
class Score:
    gold: int = 0
    gold_found: int = 0
    findings: int = 0
    findings_right: int = 0
    clean: int = 0
    clean_major: int = 0

    def row(self, name: str) -> str:
        p = self.findings_right / self.findings if self.findings else None
        r = self.gold_found / self.gold if self.gold else None
        return (f"{name:<32} {self.gold:>4} {self.gold_found:>5} {self.findings:>8} "
                f"{self.findings_right:>7} {fmt(p)} {fmt(r)} {fmt(f1(p, r))} "
                f"{self.clean:>6} {self.clean_major:>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    args = parser.parse_args()

    from mtlint import check_files
    from mtlint.rules import RULES

    names = {r.name: r.code for r in sorted(RULES.values(), key=lambda r: r.code) if r.name in FAMILY}
    by_rule = {name: Score() for name in names}
    by_family = {family: Score() for family in dict.fromkeys(FAMILY.values())}
    golds = sorted(args.corpora.glob("*/gold.json"))
    clean_pairs = 0
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        folder = gold_path.parent
        report = check_files(
            str(folder / gold["source"]), str(folder / gold["target"]),
            source_lang=gold["source_lang"], target_lang=gold["target_lang"],
        ).to_dict()
        findings = [f for f in report["findings"] if f["name"] in FAMILY]
        clean_pairs += bool(gold["clean"])
        for key, table in ((lambda n: n, by_rule), (FAMILY.get, by_family)):
            for f in findings:
                score = table[key(f["name"])]
                if gold["clean"]:
                    score.clean += 1
                    score.clean_major += f["severity"] in ("major", "critical")
                    continue
                score.findings += 1
                score.findings_right += any(
                    key(a["rule"]) == key(f["name"]) and _hits(f, a) for a in gold["artefacts"]
                )
            for a in gold["artefacts"]:
                score = table[key(a["rule"])]
                score.gold += 1
                score.gold_found += any(
                    key(f["name"]) == key(a["rule"]) and _hits(f, a) for f in findings
                )

    print(f"corpora: {len(golds)} pairs ({clean_pairs} clean); "
          f"precision over the {len(golds) - clean_pairs} pairs with artefacts")
    print()
    header = (f"{'rule / family':<32} {'gold':>4} {'found':>5} {'findings':>8} {'correct':>7} "
              f"{'P':>6} {'R':>6} {'F1':>6} {'clean':>6} {'clean+':>6}")
    print(header)
    print("-" * len(header))
    total = Score()
    for name, score in by_rule.items():
        print(score.row(f"{names[name]} {name}"))
    print("-" * len(header))
    for family, score in by_family.items():
        print(score.row(f"family {family}"))
        for field in total.__dataclass_fields__:
            setattr(total, field, getattr(total, field) + getattr(score, field))
    print("-" * len(header))
    print(total.row("all (family level)"))
    print()
    print("gold: artefacts; found: artefacts matched; findings: findings on pairs with "
          "artefacts; correct: those matching an artefact;")
    print("clean: findings on clean pairs (all severities); clean+: of them major or critical")


def _hits(finding: dict, artefact: dict) -> bool:
    return any(
        span["side"] == artefact["side"]
        and overlaps(span["start"], span["end"], artefact["start"], artefact["end"])
        for span in finding["spans"]
    )


if __name__ == "__main__":
    main()
