"""Scores: the reference-free quality score (arithmetic, attribution, weights, verdict) and the
reference scores (equal to the sacrebleu command line, several references, `mtlint score`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtlint import check_pair
from mtlint.cli import cli
from mtlint.config import load_settings
from mtlint.documents import load_document
from mtlint.engine import prepare
from mtlint.errors import ConfigError, InputError
from mtlint.model import Bead, Finding, Severity, Span
from mtlint.report.html import render as render_html
from mtlint.scoring import (
    MIN_WORDS,
    SEVERITY_WEIGHTS,
    Group,
    quality_report,
    quality_score,
    segment_groups,
)
from tests.helpers import line_segments, plain_document

ROOT = Path(__file__).resolve().parents[1]
PAIR = ROOT / "corpora" / "vi-en-flood-relief"

TRANSLATION = (
    "The city opened two new bus lines on Monday. The lines serve about 12,000 passengers a "
    "day, the transport department said.\n\nTickets cost 7,000 dong. Children under six "
    "travel free of charge. The buses run from six in the morning until ten at night.\n"
)
#: Splits the second sentence in two and merges the third and fourth.
REFERENCE = (
    "On Monday the city opened two new bus routes. The routes carry some 12,000 passengers "
    "daily. That is what the transport department said.\n\nA ticket costs 7,000 dong, and "
    "children under six ride for free. Buses operate from 6 a.m. to 10 p.m.\n"
)
#: Merges the first two sentences and splits the last one.
REFERENCE_2 = (
    "The city launched two new bus lines on Monday, which will serve around 12,000 riders a "
    "day according to the transport department.\n\nTickets are 7,000 dong. Children under "
    "six travel for free. Buses start at six in the morning. The last one leaves at ten at "
    "night.\n"
)
GERMAN = (
    "Die Stadt hat am Montag zwei neue Buslinien eröffnet. Die Linien befördern nach Angaben "
    "der Verkehrsbehörde täglich etwa 12.000 Fahrgäste.\n"
)


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input)


def finding(severity: Severity, *spans: Span) -> Finding:
    return Finding("MT999", "test", severity, "Test/Category", "a test finding", spans)


def words(n: int) -> str:
    return " ".join(["word"] * n) + "."


# --------------------------------------------------------------------------- arithmetic


def test_quality_score_is_100_minus_weighted_penalty_per_100_words() -> None:
    found = [finding(Severity.MINOR), finding(Severity.MAJOR), finding(Severity.NEUTRAL)]
    assert quality_score(found, 100) == 94.0  # 1 + 5 + 0 points over 100 words
    assert quality_score(found, 600) == 99.0  # the same errors in a longer text cost less
    assert quality_score([finding(Severity.CRITICAL)], 50) == 50.0
    assert quality_score([], 0) == 100.0


def test_quality_score_is_floored_at_zero() -> None:
    assert quality_score([finding(Severity.CRITICAL)] * 3, 20) == 0.0


def test_short_texts_count_as_min_words() -> None:
    one_minor = [finding(Severity.MINOR)]
    assert quality_score(one_minor, 1, min_words=MIN_WORDS) == 90.0
    assert quality_score([finding(Severity.MAJOR)], 1, min_words=MIN_WORDS) == 50.0
    assert quality_score(one_minor, 1) == 0.0  # without the floor one word is the whole text
    assert quality_score(one_minor, 40, min_words=MIN_WORDS) == 97.5  # longer: its own length


def test_custom_weights() -> None:
    weights = {**SEVERITY_WEIGHTS, Severity.MINOR: 0.5, Severity.NEUTRAL: 2.0}
    assert quality_score([finding(Severity.MINOR), finding(Severity.NEUTRAL)], 100, weights) == 97.5


# --------------------------------------------------------------------------- per pair

SOURCE_LINES = "Source one.\nSource two.\nSource three, omitted.\nSource four."
TARGET_LINES = f"{words(20)}\nShort one.\n{words(30)}"


def test_findings_count_for_the_bead_of_their_primary_span() -> None:
    src_doc, tgt_doc = plain_document(SOURCE_LINES), plain_document(TARGET_LINES)
    src, tgt = line_segments(src_doc), line_segments(tgt_doc)
    beads = (
        Bead((0,), (0,), 0.0, 1.0),
        Bead((1,), (1,), 0.0, 0.4),
        Bead((2,), (), 0.0, 0.2),
        Bead((3,), (2,), 0.0, 0.9),
    )
    found = [
        finding(Severity.MAJOR, Span("target", tgt[0].start + 3, tgt[0].start + 8)),
        finding(Severity.MINOR, Span("target", tgt[1].start, tgt[1].end)),
        # an omission has only an original span: it counts for the 1-0 bead
        finding(Severity.MAJOR, Span("source", src[2].start, src[2].end)),
        # the translation span is primary, whatever comes first
        finding(Severity.CRITICAL, Span("source", src[0].start, src[0].end),
                Span("target", tgt[2].start, tgt[2].end)),
        finding(Severity.NEUTRAL, Span("target", tgt[2].start, tgt[2].end)),
        finding(Severity.MINOR),  # no span: the document only
    ]
    quality = quality_report(found, src, tgt, beads)
    per_pair = quality["per_pair"]
    assert len(per_pair) == len(beads)
    assert per_pair[0] == {"score": 75.0, "penalty": 25.0, "words": 20}  # 5 over 20 words
    assert per_pair[1] == {"score": 90.0, "penalty": 10.0, "words": 2}  # 1 over min 10 words
    assert per_pair[2] == {"score": 50.0, "penalty": 50.0, "words": 0}  # 5 over min 10 words
    assert per_pair[3] == {"score": 16.67, "penalty": 83.33, "words": 30}  # 25 over 30
    # the document: 5 + 1 + 5 + 25 + 0 + 1 = 37 points over 52 words
    assert quality["words"] == 52
    assert quality["penalty"] == round(3700 / 52, 2)
    assert quality["score"] == round(100 - 3700 / 52, 2)
    assert quality["weights"] == {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
    assert quality["alignment_confidence"] == {
        "mean": 0.625, "share_confident": 0.5, "threshold": 0.5,
    }


def test_without_an_original_each_translation_sentence_is_a_pair() -> None:
    tgt_doc = plain_document(TARGET_LINES)
    tgt = line_segments(tgt_doc)
    found = [finding(Severity.MAJOR, Span("target", tgt[2].start, tgt[2].start + 4))]
    quality = quality_report(found, (), tgt, ())
    assert [p["score"] for p in quality["per_pair"]] == [100.0, 100.0, round(100 - 500 / 30, 2)]
    assert quality["alignment_confidence"] is None and quality["length_ratio"] is None


def test_length_ratio_health() -> None:
    src = line_segments(plain_document("a" * 10 + "\n" + "b" * 10 + "\n" + "c" * 10 + "\nd"))
    tgt = line_segments(plain_document("A" * 13 + "\n" + "B" * 13 + "\n" + "C" * 30))
    beads = (
        Bead((0,), (0,), 0.0), Bead((1,), (1,), 0.0), Bead((2, 3), (2,), 0.0),
    )
    ratio = quality_report([], src, tgt, beads)["length_ratio"]
    assert ratio["ratio"] == round(56 / 31, 4)
    # 13/10 is within ×1.5 of 56/31, the 2-1 bead is not a 1-1 pair
    assert ratio["one_to_one"] == 2 and ratio["share_in_band"] == 1.0
    skewed = (Bead((0,), (0,), 0.0), Bead((1, 2), (1,), 0.0), Bead((3,), (2,), 0.0))
    ratio = quality_report([], src, tgt, skewed)["length_ratio"]
    assert ratio["one_to_one"] == 2 and ratio["share_in_band"] == 0.5  # 30 chars for 1: out


def test_check_pair_carries_a_quality_score_per_bead() -> None:
    report = check_pair(
        "Thành phố mở hai tuyến xe buýt mới. Giá vé là 7.000 đồng.",
        "The city opened two new bus lines. Tickets cost 9,000 dong.",
        source_lang="vi", target_lang="en",
    )
    quality = report.scores["quality"]
    assert len(quality["per_pair"]) == len(report.beads)
    number = [f for f in report.findings if f.code == "MT105"]
    assert number, "the changed price is a finding"
    assert min(p["score"] for p in quality["per_pair"]) < 100
    assert quality["score"] < 100
    assert json.loads(json.dumps(report.to_dict()))["scores"]["quality"] == quality


# --------------------------------------------------------------------------- weights and verdict


def _json_check(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _expected_penalty(data: dict, weights: dict[str, float]) -> float:  # type: ignore[type-arg]
    points = sum(weights[f["severity"]] for f in data["findings"])
    return round(points * 100 / max(data["scores"]["quality"]["words"], MIN_WORDS), 2)


def test_weights_from_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / "mtlint.toml"
    config.write_text("severity-weights = {major = 10, minor = 0.5}\n", encoding="utf-8")
    settings = load_settings(config)
    assert dict(settings.severity_weights) == {
        "neutral": 0.0, "minor": 0.5, "major": 10.0, "critical": 25.0,
    }
    assert dict(settings.options_for().severity_weights)[Severity.MAJOR] == 10.0
    pair = (str(PAIR / "source.vi.txt"), str(PAIR / "target.en.txt"))
    _, default = _json_check("--isolated", *pair)
    _, weighted = _json_check("--config", str(config), *pair)
    assert default["scores"]["quality"]["penalty"] == _expected_penalty(
        default, {"neutral": 0, "minor": 1, "major": 5, "critical": 25}
    )
    assert weighted["scores"]["quality"]["weights"]["major"] == 10.0
    assert weighted["scores"]["quality"]["penalty"] == _expected_penalty(
        weighted, {"neutral": 0, "minor": 0.5, "major": 10, "critical": 25}
    )
    shown = run("check", "--config", str(config), "--show-settings").output
    assert 'severity-weights = {"neutral" = 0.0, "minor" = 0.5, "major" = 10.0' in shown


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{major = -1}", "severity-weights.major"),
        ("{huge = 1}", "severity-weights.huge: unknown severity"),
        ('{major = "5"}', "severity-weights.major"),
        ("5", "severity-weights: expected a table"),
    ],
)
def test_bad_weights_are_configuration_errors(tmp_path: Path, value: str, message: str) -> None:
    config = tmp_path / "mtlint.toml"
    config.write_text(f"severity-weights = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(config)
    result = run("check", "--config", str(config), str(PAIR / "target.en.txt"))
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_min_score_verdict_through_the_cli() -> None:
    pair = (str(PAIR / "source.vi.txt"), str(PAIR / "target.en.txt"))
    _, data = _json_check("--isolated", *pair)
    score = data["scores"]["quality"]["score"]
    assert 0 < score < 100
    # --fail-on critical: only the score decides
    above, below = f"{score + 0.5:.2f}", f"{score - 0.5:.2f}"
    failing = run("check", "--isolated", "--fail-on", "critical", "--min-score", above, *pair)
    assert failing.exit_code == 1
    assert f"min-score {float(above):g}: FAIL" in failing.output
    assert "verdict FAIL (fail-on critical, min-score" in failing.output
    passing = run("check", "--isolated", "--fail-on", "critical", "--min-score", below, *pair)
    assert passing.exit_code == 0
    assert "verdict PASS (fail-on critical, min-score" in passing.output
    code, data = _json_check("--isolated", "--fail-on", "critical", "--min-score", above, *pair)
    assert code == 1 and data["scores"]["quality"]["verdict"] == "fail"
    assert run("check", "--isolated", "--fail-on", "critical", "--min-score", above,
               "--exit-zero", *pair).exit_code == 0


def test_min_score_from_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / "mtlint.toml"
    config.write_text('min-score = 100\nfail-on = "critical"\n', encoding="utf-8")
    result = run("check", "--config", str(config), str(PAIR / "source.vi.txt"),
                 str(PAIR / "target.en.txt"))
    assert result.exit_code == 1 and "min-score 100: FAIL" in result.output


def test_text_report_lists_the_three_worst_pairs() -> None:
    result = run("check", "--isolated", str(PAIR / "source.vi.txt"), str(PAIR / "target.en.txt"))
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("worst pairs"))
    worst = lines[start : start + 3]
    assert all("target.en.txt:" in line for line in worst)
    scores = [float(line[12:].split()[0]) for line in worst]
    assert scores == sorted(scores) and all(s < 100 for s in scores)
    assert not lines[start + 3].strip()  # three at most
    quality = next(line for line in lines if line.startswith("quality"))
    assert "/100" in quality and "per 100 words" in quality
    assert any("alignment confidence" in line and "length ratio" in line for line in lines)


def test_html_report_shows_the_score_per_row() -> None:
    report = check_pair(
        "Thành phố mở hai tuyến xe buýt mới. Giá vé là 7.000 đồng.",
        "The city opened two new bus lines. Tickets cost 9,000 dong.",
        source_lang="vi", target_lang="en",
    )
    page = render_html([report])
    assert '<th scope="col" class="score">Score</th>' in page
    assert page.count('<td class="score') == len(report.beads)
    assert ">Quality<" in page


# --------------------------------------------------------------------------- reference scores


def sacrebleu_cli(
    refs: list[Path], hyp: Path, tokenize: str = "13a", asian: bool = False
) -> dict[str, tuple[float, str]]:
    """What `sacrebleu` prints for these files: metric → (score, signature)."""
    command = [
        sys.executable, "-m", "sacrebleu", *map(str, refs), "-i", str(hyp),
        "-m", "bleu", "chrf", "ter", "--chrf-word-order", "2", "-tok", tokenize,
        "--format", "json", "-w", "2",
    ]
    if asian:
        command.append("--ter-asian-support")
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    names = {"BLEU": "bleu", "chrF2++": "chrf", "TER": "ter"}
    return {names[m["name"]]: (m["score"], m["signature"]) for m in json.loads(out)}


def ours(ref: dict) -> dict[str, tuple[float, str]]:  # type: ignore[type-arg]
    return {m: (ref[m], ref["signatures"][m]) for m in ("bleu", "chrf", "ter")}


def one_line(texts: list[str], indices: list[int]) -> str:
    return " ".join(" ".join(texts[i].split()) for i in indices)


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_aligned_reference_scores_equal_the_sacrebleu_command_line(tmp_path: Path) -> None:
    hyp_file = tmp_path / "translation.en.txt"
    hyp_file.write_text(TRANSLATION, encoding="utf-8")
    ref_file = tmp_path / "reference.en.txt"
    ref_file.write_text(REFERENCE, encoding="utf-8")
    _, data = _json_check("--isolated", "--target-lang", "en", str(hyp_file),
                          "--reference", str(ref_file))
    ref = data["scores"]["reference"]
    hyp_texts = [s["text"] for s in data["target"]["segments"]]
    ref_texts = [s.text for s in prepare(load_document(str(ref_file)), "en", "reference").segments]
    pairs = ref["per_pair"]
    assert [i for p in pairs for i in p["target"]] == list(range(len(hyp_texts)))
    assert [i for p in pairs for i in p["reference"][0]] == list(range(len(ref_texts)))
    assert any(len(p["reference"][0]) == 2 for p in pairs)  # the split sentence
    assert any(len(p["target"]) == 2 for p in pairs)  # the merged ones
    hyp = write_lines(tmp_path / "hyp", [one_line(hyp_texts, p["target"]) for p in pairs])
    refs = write_lines(tmp_path / "ref", [one_line(ref_texts, p["reference"][0]) for p in pairs])
    assert ours(ref) == sacrebleu_cli([refs], hyp)
    assert ref["lines"] == len(pairs) and ref["tokenize"] == "13a"
    assert "eff:yes" in ref["signatures"]["sentence_bleu"]
    assert all(0 <= p["bleu"] <= 100 and 0 <= p["chrf"] <= 100 for p in pairs)


def test_presegmented_scores_equal_the_sacrebleu_command_line(tmp_path: Path) -> None:
    hyp = write_lines(tmp_path / "hyp.txt", [
        "The city opened two new bus lines on Monday.",
        "Tickets cost 7,000 dong.",
        "",
        "Children travel free.",
    ])
    ref = write_lines(tmp_path / "ref.txt", [
        "On Monday the city opened two new bus routes.",
        "A ticket costs 7,000 dong.",
        "Nothing matches this line.",
        "Children ride for free.",
    ])
    result = run("score", str(hyp), "--reference", str(ref), "--presegmented", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["reference"]
    assert [p["target"] for p in data["per_pair"]] == [[0], [1], [2], [3]]
    assert [p["reference"] for p in data["per_pair"]] == [[[0]], [[1]], [[2]], [[3]]]
    assert ours(data) == sacrebleu_cli([ref], hyp)


def test_chinese_uses_the_zh_tokenizer(tmp_path: Path) -> None:
    hyp = write_lines(tmp_path / "hyp.zh", ["台风预计今晚登陆。", "学校明天停课。"])
    ref = write_lines(tmp_path / "ref.zh", ["台风预计将于今晚登陆。", "明天学校停课。"])
    result = run("score", str(hyp), "--reference", str(ref), "--presegmented",
                 "--target-lang", "zh", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["reference"]
    assert data["tokenize"] == "zh" and "tok:zh" in data["signatures"]["bleu"]
    assert "asian:yes" in data["signatures"]["ter"]
    assert ours(data) == sacrebleu_cli([ref], hyp, tokenize="zh", asian=True)


def test_segment_groups_cut_only_where_every_reference_allows() -> None:
    ref_a = [  # joins translation sentences 1 and 2; reference sentence 2 is unmatched
        Bead((0,), (0,), 0.0), Bead((1, 2), (1,), 0.0), Bead((), (2,), 0.0),
        Bead((3,), (3, 4), 0.0),
    ]
    ref_b = [  # a reference sentence before anything, and no counterpart for sentence 3
        Bead((), (0,), 0.0), Bead((0,), (1,), 0.0), Bead((1,), (2,), 0.0),
        Bead((2,), (3,), 0.0), Bead((3,), (), 0.0),
    ]
    assert segment_groups(4, [ref_a, ref_b]) == [
        Group((0,), ((0,), (0, 1))),
        Group((1, 2), ((1, 2), (2, 3))),
        Group((3,), ((3, 4), ())),
    ]
    assert segment_groups(0, [[Bead((), (0, 1), 0.0)]]) == [Group((), ((0, 1),))]


def test_several_references_equal_sacrebleu_multi_reference(tmp_path: Path) -> None:
    hyp_file = tmp_path / "translation.en.txt"
    hyp_file.write_text(TRANSLATION, encoding="utf-8")
    ref_files = [tmp_path / "ref1.en.txt", tmp_path / "ref2.en.txt"]
    ref_files[0].write_text(REFERENCE, encoding="utf-8")
    ref_files[1].write_text(REFERENCE_2, encoding="utf-8")
    result = run("score", "--format", "json", str(hyp_file),
                 "--reference", str(ref_files[0]), "--reference", str(ref_files[1]))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["reference"]
    assert data["paths"] == [str(p) for p in ref_files]
    assert all("nrefs:2" in sig for sig in data["signatures"].values())
    hyp_texts = [s.text for s in prepare(load_document(str(hyp_file)), "en", "target").segments]
    ref_texts = [
        [s.text for s in prepare(load_document(str(p)), "en", "reference").segments]
        for p in ref_files
    ]
    pairs = data["per_pair"]
    for r, texts in enumerate(ref_texts):
        assert [i for p in pairs for i in p["reference"][r]] == list(range(len(texts)))
    hyp = write_lines(tmp_path / "hyp", [one_line(hyp_texts, p["target"]) for p in pairs])
    refs = [
        write_lines(tmp_path / f"ref{r}", [one_line(texts, p["reference"][r]) for p in pairs])
        for r, texts in enumerate(ref_texts)
    ]
    assert ours(data) == sacrebleu_cli(refs, hyp)
    single = json.loads(run("score", "--format", "json", str(hyp_file),
                            "--reference", str(ref_files[0])).stdout)["reference"]
    assert data["bleu"] > single["bleu"]  # a second reference can only add matches


def test_check_with_several_references_and_the_api(tmp_path: Path) -> None:
    report = check_pair(None, TRANSLATION, target_lang="en", reference=[REFERENCE, REFERENCE_2])
    ref = report.scores["reference"]
    assert "nrefs:2" in ref["signatures"]["bleu"] and len(ref["paths"]) == 2
    one = check_pair(None, TRANSLATION, target_lang="en", reference=REFERENCE)
    assert "nrefs:1" in one.scores["reference"]["signatures"]["bleu"]
    (tmp_path / "t.en.txt").write_text(TRANSLATION, encoding="utf-8")
    (tmp_path / "r1.en.txt").write_text(REFERENCE, encoding="utf-8")
    (tmp_path / "r2.en.txt").write_text(REFERENCE_2, encoding="utf-8")
    result = run("check", "--isolated", str(tmp_path / "t.en.txt"),
                 "--reference", str(tmp_path / "r1.en.txt"),
                 "--reference", str(tmp_path / "r2.en.txt"))
    assert result.exit_code == 0, result.output
    assert "r1.en.txt, " in result.output and "BLEU" in result.output


def test_score_text_output(tmp_path: Path) -> None:
    (tmp_path / "t.en.txt").write_text(TRANSLATION, encoding="utf-8")
    (tmp_path / "r.en.txt").write_text(REFERENCE, encoding="utf-8")
    result = run("score", str(tmp_path / "t.en.txt"), "--reference", str(tmp_path / "r.en.txt"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("translation") and " en " in lines[0]
    assert lines[1].startswith("references") and "tokenizer 13a" in lines[1]
    assert [line.split()[0] for line in lines[2:]] == ["BLEU", "chrF++", "TER"]
    assert all("nrefs:1|" in line for line in lines[2:])


def test_presegmented_with_different_counts_is_aligned(tmp_path: Path) -> None:
    hyp = write_lines(tmp_path / "hyp.txt", [
        "The city opened two new bus lines on Monday and they serve 12,000 passengers a day.",
        "Tickets cost 7,000 dong.",
    ])
    ref = write_lines(tmp_path / "ref.txt", [
        "The city opened two new bus lines on Monday.",
        "They serve 12,000 passengers a day.",
        "",
        "Tickets cost 7,000 dong.",
    ])
    result = run("score", str(hyp), "--reference", str(ref), "--presegmented",
                 "--target-lang", "en", "--format", "json")
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.stdout)["reference"]["per_pair"]
    assert [(p["target"], p["reference"]) for p in pairs] == [([0], [[0, 1]]), ([1], [[2]])]


# --------------------------------------------------------------------------- edge cases


def test_empty_reference_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "t.en.txt").write_text(TRANSLATION, encoding="utf-8")
    (tmp_path / "empty.txt").write_text(" \n\n", encoding="utf-8")
    for command in (
        ["check", "--isolated", str(tmp_path / "t.en.txt")],
        ["score", str(tmp_path / "t.en.txt")],
        ["score", "--presegmented", str(tmp_path / "t.en.txt")],
    ):
        result = run(*command, "--reference", str(tmp_path / "empty.txt"))
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "empty.txt" in result.stderr
    with pytest.raises(InputError):
        check_pair(None, TRANSLATION, target_lang="en", reference="")


def test_reference_in_another_language_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "t.en.txt").write_text(TRANSLATION, encoding="utf-8")
    (tmp_path / "r.de.txt").write_text(GERMAN, encoding="utf-8")
    for command in (
        ["check", "--isolated", str(tmp_path / "t.en.txt")],
        ["score", str(tmp_path / "t.en.txt")],
        ["score", "--presegmented", str(tmp_path / "t.en.txt")],
    ):
        result = run(*command, "--reference", str(tmp_path / "r.de.txt"))
        assert result.exit_code == 2, result.output
        assert result.stderr.count("\n") == 1
        assert "'de'" in result.stderr and "'en'" in result.stderr


def test_short_reference_is_not_judged_for_language() -> None:
    # too few letters for a language verdict: taken as given, however it scores
    report = check_pair(None, TRANSLATION, target_lang="en", reference="Zwei neue Buslinien.")
    assert report.scores["reference"]["bleu"] < 10


def test_reference_needs_files_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "r.en.txt").write_text(REFERENCE, encoding="utf-8")
    result = run("check", "--isolated", "--reference", str(tmp_path / "r.en.txt"))
    assert result.exit_code == 2
    assert run("score", str(tmp_path / "r.en.txt")).exit_code == 2  # --reference is required
