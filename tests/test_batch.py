"""`mtlint batch`: manifests, folders, sentence pairs, resume, filtering, and engines agree."""

from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint.cli import cli

VI = (
    "Thành phố mở hai tuyến xe buýt mới vào thứ Hai. Các quan chức cho biết hai tuyến này sẽ "
    "phục vụ khoảng 12.000 hành khách mỗi ngày.\n\nGiá vé là 7.000 đồng. Trẻ em dưới sáu tuổi "
    "được miễn phí, sở giao thông cho biết.\n"
)
EN_CLEAN = (
    "The city opened two new bus lines on Monday. Officials said the lines would serve about "
    "12,000 passengers a day.\n\nTickets cost 7,000 dong. Children under six travel free of "
    "charge, the transport department said.\n"
)
#: The same translation with a changed number and a doubled phrase.
EN_FLAWED = EN_CLEAN.replace("7,000 dong", "9,000 dong").replace(
    "travel free of charge", "travel free of charge and free of charge"
)

#: Sentence pairs: clean, a changed number, a doubled word, a sentence cut in two, a bad line.
PAIRS = [
    ("Thành phố mở hai tuyến xe buýt mới vào thứ Hai.",
     "The city opened two new bus lines on Monday."),
    ("Giá vé là 7.000 đồng.", "Tickets cost 9,000 dong."),
    ("Trẻ em dưới sáu tuổi được miễn phí.", "Children under six travel free free of charge."),
    ("Các tuyến sẽ phục vụ khoảng 12.000 hành khách mỗi ngày theo sở giao thông.",
     "The lines will serve about 12,000 passengers a day. according to the transport "
     "department."),
    ("Xe buýt chạy từ sáu giờ sáng.", "Buses run from six in the morning."),
]
CLEAN_PAIRS = {1, 5}


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_id(path: Path) -> dict[str, dict]:
    return {str(r["id"]): r for r in records(path)}


def codes(record: dict) -> set[str]:
    return {f["code"] for f in record["findings"]}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    for name, text in (("clean.vi.txt", VI), ("clean.en.txt", EN_CLEAN),
                       ("flawed.vi.txt", VI), ("flawed.en.txt", EN_FLAWED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def pairs_tsv(tmp_path: Path) -> Path:
    lines = [f"{s}\t{t}" for s, t in PAIRS]
    lines.insert(3, "a line without any tab")  # line 4: a bad pair
    path = tmp_path / "pairs.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- manifests


def test_jsonl_manifest_with_inline_text(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    rows = [
        {"id": "clean", "source_text": VI, "target_text": EN_CLEAN,
         "source_lang": "vi", "target_lang": "en"},
        {"id": "flawed", "source_text": VI, "target_text": EN_FLAWED,
         "source_lang": "vi", "target_lang": "en"},
    ]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("batch", str(manifest), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1, result.output
    got = by_id(out)
    assert list(got) == ["clean", "flawed"]
    assert got["clean"]["findings"] == []
    assert {"MT105", "MT201"} <= codes(got["flawed"])
    # the core JSON contract, plus the id
    assert got["flawed"]["version"] == 1
    assert got["flawed"]["source"]["lang"] == "vi" and got["flawed"]["alignment"]
    assert "2 (2 checked, 0 errors)" in result.output  # the summary, on stdout here


def test_csv_manifest_with_paths_relative_to_it(articles: Path) -> None:
    manifest = articles / "m.csv"
    with manifest.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "source", "target", "source_lang", "target_lang", "url"])
        writer.writerow(["a", "clean.vi.txt", "clean.en.txt", "vi", "en", "https://x.test/a"])
        writer.writerow(["b", "flawed.vi.txt", "flawed.en.txt", "vi", "en", ""])
    out = articles / "out.jsonl"
    result = run("batch", str(manifest), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1, result.output
    got = by_id(out)
    assert got["a"]["findings"] == [] and got["a"]["target"]["path"].endswith("clean.en.txt")
    assert "MT105" in codes(got["b"])


def test_tsv_manifest_and_clean_batch_exits_zero(articles: Path) -> None:
    manifest = articles / "m.tsv"
    manifest.write_text(
        "source\ttarget\ttarget_lang\nclean.vi.txt\tclean.en.txt\ten\n", encoding="utf-8"
    )
    out = articles / "out.jsonl"
    result = run("batch", str(manifest), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    (record,) = records(out)
    assert record["id"] == "2"  # no id column: the row's line number
    assert record["findings"] == []


def test_source_and_target_dirs_are_matched_by_name(tmp_path: Path) -> None:
    src, tgt = tmp_path / "vi", tmp_path / "en"
    src.mkdir()
    tgt.mkdir()
    (src / "buses.vi.txt").write_text(VI, encoding="utf-8")
    (tgt / "buses.en.txt").write_text(EN_FLAWED, encoding="utf-8")
    (src / "orphan.vi.txt").write_text(VI, encoding="utf-8")
    (tgt / "notes.json").write_text("{}", encoding="utf-8")  # not an article: ignored
    out = tmp_path / "out.jsonl"
    result = run("batch", "--source-dir", str(src), "--target-dir", str(tgt), "-o", str(out),
                 "--source-lang", "vi", "--target-lang", "en", "--jobs", "1")
    assert result.exit_code == 1, result.output
    got = by_id(out)
    assert set(got) == {"buses", "orphan"}
    assert "MT201" in codes(got["buses"])
    assert "error" in got["orphan"] and "orphan" in got["orphan"]["error"]


def test_a_bad_pair_is_an_error_line_and_the_batch_goes_on(articles: Path) -> None:
    manifest = articles / "m.jsonl"
    rows = [
        {"id": "gone", "source": "missing.vi.txt", "target": "missing.en.txt"},
        {"id": "empty", "target_text": "   12 345   ", "target_lang": "en"},
        {"id": "ok", "source": "clean.vi.txt", "target": "clean.en.txt"},
    ]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = articles / "out.jsonl"
    result = run("batch", str(manifest), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1, result.output  # errors fail the batch, but do not stop it
    got = by_id(out)
    assert list(got) == ["gone", "empty", "ok"]
    assert "no such file" in got["gone"]["error"]
    assert "no text" in got["empty"]["error"]
    assert got["ok"]["findings"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": 1, "target_text": "A sentence."}\nnot json\n', "not a JSON object"),
        ('{"id": 1, "source_text": "Một câu."}\n', "no 'target'"),
        ('{"id": 1, "target_text": "A."}\n{"id": 1, "target_text": "B."}\n', "appears twice"),
    ],
)
def test_a_bad_manifest_exits_2_before_writing(tmp_path: Path, content: str, message: str) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("batch", str(manifest), "-o", str(out))
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "content", "options"),
    [
        ("pairs.tsv", "Một câu.\tA sentence.\n" * 3000, ["--source-lang", "vi", "--target-lang", "en"]),
        ("m.jsonl", "".join(f'{{"id": {n}, "target_text": "A."}}\n' for n in range(3000)), []),
        ("m.csv", "id,target_text\n" + "".join(f"{n},A sentence.\n" for n in range(2999)), []),
    ],
)
def test_input_that_is_not_utf8_exits_2_before_writing(
    tmp_path: Path, name: str, content: str, options: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode() + b"\xff\xfe\tbad\n")
    out = tmp_path / "out.jsonl"
    given = ["--pairs", str(path)] if name.endswith(".tsv") else [str(path)]
    result = run("batch", *given, *options, "-o", str(out))
    assert result.exit_code == 2
    assert "not valid UTF-8 (line 3001)" in result.output
    assert "internal error" not in result.output
    assert not out.exists()


def test_usage_errors_exit_2(tmp_path: Path, pairs_tsv: Path) -> None:
    assert run("batch").exit_code == 2
    assert run("batch", "--pairs", str(pairs_tsv), "--resume").exit_code == 2  # no --output
    result = run("batch", "--pairs", str(pairs_tsv), "--engine", "dask", "--source-lang", "vi",
                 "--target-lang", "en", "-o", str(tmp_path / "o.jsonl"))
    assert result.exit_code == 2 and "--scheduler" in result.output


def test_resume_skips_finished_ids_and_repairs_a_cut_line(articles: Path) -> None:
    manifest = articles / "m.jsonl"
    rows = [
        {"id": "a", "source": "clean.vi.txt", "target": "clean.en.txt"},
        {"id": "b", "source": "flawed.vi.txt", "target": "flawed.en.txt"},
        {"id": "c", "source": "clean.vi.txt", "target": "clean.en.txt"},
    ]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = articles / "out.jsonl"
    assert run("batch", str(manifest), "-o", str(out), "--jobs", "1").exit_code == 1
    full = out.read_text(encoding="utf-8").splitlines(keepends=True)
    # An interrupted run: "a" written, "b" cut half-way through its line.
    out.write_text(full[0] + full[1][:40], encoding="utf-8")
    result = run("batch", str(manifest), "-o", str(out), "--jobs", "1", "--resume")
    assert result.exit_code == 1, result.output
    assert "resumed: 1 pairs" in result.output
    assert out.read_text(encoding="utf-8") == "".join(full)


# --------------------------------------------------------------------------- sentence pairs


def test_pairs_tsv_keep_and_drop_split_the_corpus(tmp_path: Path, pairs_tsv: Path) -> None:
    out, keep, drop = tmp_path / "out.jsonl", tmp_path / "keep.tsv", tmp_path / "drop.tsv"
    result = run("batch", "--pairs", str(pairs_tsv), "--source-lang", "vi", "--target-lang",
                 "en", "-o", str(out), "--keep", str(keep), "--drop", str(drop), "--jobs", "1")
    assert result.exit_code == 1, result.output
    got = by_id(out)
    assert list(got) == ["1", "2", "3", "4", "5", "6"]  # ids are line numbers
    assert got["4"]["error"] == "no tab between source and target"
    assert got["1"] == {"id": 1, "score": 100.0, "words": 9, "findings": []}
    assert codes(got["2"]) == {"MT105"}
    assert codes(got["3"]) == {"MT201"}
    assert codes(got["5"]) == {"MT202"}
    assert got["5"]["score"] < 100
    lines = pairs_tsv.read_text(encoding="utf-8").splitlines()
    kept = keep.read_text(encoding="utf-8").splitlines()
    dropped = drop.read_text(encoding="utf-8").splitlines()
    assert kept == [lines[0], lines[5]]
    assert dropped == [lines[1], lines[2], lines[3], lines[4]]
    assert "kept        2; dropped 4" in result.output


def test_min_score_decides_instead_of_fail_on(tmp_path: Path, pairs_tsv: Path) -> None:
    keep = tmp_path / "keep.tsv"
    result = run("batch", "--pairs", str(pairs_tsv), "--source-lang", "vi", "--target-lang",
                 "en", "-o", str(tmp_path / "o.jsonl"), "--keep", str(keep),
                 "--min-score", "50", "--jobs", "1")
    assert result.exit_code == 1
    scores = {r["id"]: r.get("score") for r in records(tmp_path / "o.jsonl")}
    lines = pairs_tsv.read_text(encoding="utf-8").splitlines()
    expected = [lines[i - 1] for i, s in scores.items() if s is not None and s >= 50]
    assert keep.read_text(encoding="utf-8").splitlines() == expected
    assert scores[6] == 100.0 and scores[2] < 50


def test_pairs_jsonl_and_languages_detected_once(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(
        "".join(json.dumps({"id": f"p{k}", "source": s, "target": t}, ensure_ascii=False) + "\n"
                for k, (s, t) in enumerate(PAIRS)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = run("batch", "--pairs", str(path), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "vi → en" in result.output
    assert codes(by_id(out)["p1"]) == {"MT105"}


def test_an_untranslated_pair_is_found_without_alignment(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    sentence = "Trẻ em dưới sáu tuổi được miễn phí vé khi đi cùng cha mẹ của các em."
    path.write_text(f"{sentence}\t{sentence}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run("batch", "--pairs", str(path), "--source-lang", "vi", "--target-lang", "en",
        "-o", str(out), "--jobs", "1")
    assert "MT101" in codes(records(out)[0])


def test_two_jobs_give_the_same_results_as_one(tmp_path: Path, pairs_tsv: Path) -> None:
    big = tmp_path / "big.tsv"
    big.write_text(pairs_tsv.read_text(encoding="utf-8") * 120, encoding="utf-8")  # 720 lines
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        result = run("batch", "--pairs", str(big), "--source-lang", "vi", "--target-lang",
                     "en", "-o", str(out), "--jobs", jobs)
        assert result.exit_code == 1, result.output
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 720


def test_forked_and_served_workers_give_the_same_results_as_one_job(pairs_tsv: Path) -> None:
    """Workers are forked from the batch process when it runs no other thread, and started
    from a server process when it does; chunks of two pairs send most pairs to a worker."""
    from mtlint.batch import Engine, _process_context, plan_pairs, run_batch
    from mtlint.engine import CheckOptions
    from mtlint.model import Severity

    plan = plan_pairs(str(pairs_tsv), CheckOptions(source_lang="vi", target_lang="en"),
                      Severity.MAJOR, None)

    def output(jobs: int) -> str:
        out, keep, drop = io.StringIO(), io.StringIO(), io.StringIO()
        run_batch(plan, out, engine=Engine("local", jobs), keep_out=keep, drop_out=drop,
                  chunk_size=2)
        return out.getvalue() + keep.getvalue() + drop.getvalue()

    assert _process_context().get_start_method() == "fork"
    one, forked = output(1), output(2)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert _process_context().get_start_method() == "forkserver"
        served = output(2)
    finally:
        release.set()
        other.join()
    assert forked == one and served == one and len(one.splitlines()) == 12


def test_two_jobs_with_nothing_left_to_check(tmp_path: Path, pairs_tsv: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ["batch", "--pairs", str(pairs_tsv), "--source-lang", "vi", "--target-lang", "en",
            "-o", str(out), "--jobs", "2"]
    assert run(*args).exit_code == 1
    before = out.read_text(encoding="utf-8")
    result = run(*args, "--resume")
    assert "resumed: 6 pairs" in result.output
    assert out.read_text(encoding="utf-8") == before


def test_two_jobs_equal_one_on_articles(articles: Path) -> None:
    manifest = articles / "m.jsonl"
    rows = [{"id": str(k), "source": f"{n}.vi.txt", "target": f"{n}.en.txt"}
            for k, n in enumerate(["clean", "flawed"] * 3)]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    texts = []
    for jobs in ("1", "2"):
        out = articles / f"out{jobs}.jsonl"
        run("batch", str(manifest), "-o", str(out), "--jobs", jobs)
        texts.append(out.read_text(encoding="utf-8"))
    assert texts[0] == texts[1] and len(texts[0].splitlines()) == 6


def test_dask_local_cluster_gives_the_same_results(tmp_path: Path, pairs_tsv: Path) -> None:
    distributed = pytest.importorskip(
        "distributed", reason="dask.distributed is not installed (pip install 'mtlint[dask]')"
    )
    local = tmp_path / "local.jsonl"
    args = ["batch", "--pairs", str(pairs_tsv), "--source-lang", "vi", "--target-lang", "en"]
    assert run(*args, "-o", str(local), "--jobs", "1").exit_code == 1
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        remote = tmp_path / "dask.jsonl"
        result = run(*args, "-o", str(remote), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address)
        assert result.exit_code == 1, result.output
    assert remote.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- fast paths
# Sentence-pair mode is kept fast by shortcuts that must give exactly what the slow path does.


@pytest.mark.parametrize("lang", ["en", "vi", "de", "fr", "ru"])
def test_word_frequencies_of_plain_words_equal_wordfreq(lang: str) -> None:
    import wordfreq

    from mtlint.lexicon import zipf

    listed = [w for w in wordfreq.top_n_list(lang, 3000) if w.isascii() and w.isalpha()]
    unseen = ["qzxv", "mtlintword", "zzzzzzzz"]
    for word in [*listed[::7], *listed[-50:], *unseen]:
        assert zipf(word, lang) == wordfreq.zipf_frequency(word, lang), (word, lang)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcXYZ'’ .,-_09\t", max_size=40))
def test_ascii_tokens_equal_the_unicode_pattern(text: str) -> None:
    from mtlint.lexicon import TOKEN_RE, tokens

    expected = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
    assert tokens(text) == expected


@pytest.mark.parametrize(
    "target, flagged",
    [
        ("Rescue teams from the province [và] the city were mobilised overnight.", {"MT102"}),
        ("Tôi đi học vào buổi sáng với các bạn của tôi ở thành phố lớn.", {"MT101"}),
        ("Schools kept pupils at home, see www.example.com (và) or e-mail a@b.vn today.", set()),
        ("The city opened two new bus lines on Monday, officials said.", set()),
    ],
)
def test_untranslated_text_in_a_sentence_pair(target: str, flagged: set[str]) -> None:
    from mtlint.batch_pairs import check_sentence_pair, pair_setup
    from mtlint.engine import CheckOptions
    from mtlint.model import Severity

    setup = pair_setup(CheckOptions(source_lang="vi", target_lang="en"), Severity.MAJOR)
    source = "Các đội cứu hộ của tỉnh và thành phố đã được huy động trong đêm."
    result = check_sentence_pair(source, target, setup)
    assert {f.code for f in result.findings} & {"MT101", "MT102"} == flagged


# --------------------------------------------------------------------------- configuration


def test_pairs_mode_reads_the_glossary_and_the_configuration(
    tmp_path: Path, pairs_tsv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("giá vé,fare\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["batch", "--pairs", str(pairs_tsv), "--source-lang", "vi", "--target-lang", "en",
            "-o", str(out), "--jobs", "1"]
    assert run(*args, "--glossary", str(glossary)).exit_code == 1
    # "Giá vé là 7.000 đồng." → "Tickets cost 9,000 dong.": the glossary wants "fare"
    assert "MT401" in codes(by_id(out)["2"])
    # the configuration file is found as `check` finds it: a severity override and an ignore
    (tmp_path / "mtlint.toml").write_text(
        'ignore = ["MT202"]\n[rules.MT105]\nseverity = "minor"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert run(*args).exit_code == 1
    got = by_id(out)
    assert "MT202" not in codes(got["5"]) and "MT401" not in codes(got["2"])
    assert {f["severity"] for f in got["2"]["findings"] if f["code"] == "MT105"} == {"minor"}
    assert got["2"]["score"] > 50  # a minor finding costs a short pair less than a major one
    assert run(*args, "--isolated").exit_code == 1
    assert "MT202" in codes(by_id(out)["5"])
