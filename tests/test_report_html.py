"""The HTML report, read back with html.parser: structure, highlights, gaps, escaping, pairs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtlint.cli import cli
from mtlint.model import CODE_PLACEHOLDER, Bead, Document, Finding, Severity, Span
from mtlint.report import FORMATS, renderer
from mtlint.report.html import JS, _diff, render
from mtlint.report.model import ReferenceSide, Report
from mtlint.scoring import reference_scores
from tests.helpers import line_segments, one_to_one, plain_document

ROOT = Path(__file__).resolve().parents[1]
PAIR = ROOT / "corpora" / "vi-en-flood-relief"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


# --------------------------------------------------------------------------- a tiny DOM


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            n for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in (n.attrs.get("class") or "").split())
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one {tag}.{cls} {attrs}, found {len(found)}"
        return found[0]

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Builder(HTMLParser):
    """Builds the tree and insists on well-nested tags, which the renderer always writes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        assert len(names) == len(set(names)), f"duplicate attribute in <{tag} {attrs}>"
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse(html: str) -> tuple[Node, _Builder]:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root, builder


def page(reports: list[Report], fail_on: str = "major") -> Node:
    return parse(render(reports, fail_on=fail_on))[0]


def body_rows(root: Node, section: int = 1) -> list[Node]:
    table = root.one("section", id=f"pair-{section}").one("table", cls="beads")
    return table.one("tbody").all("tr")


def cells(row: Node) -> list[Node]:
    return [c for c in row.children if isinstance(c, Node)]


# --------------------------------------------------------------------------- hand-built reports

SOURCE = (
    "Tiêu đề bài báo\n"
    "Câu thứ nhất có 1.300 hộ dân.\n"
    "Câu này bị bỏ sót.\n"
    "Câu cuối cùng.\n"
)
TARGET = (
    "The article title\n"
    "The first sentence has 1.3 households households.\n"
    "An invented sentence.\n"
    "The last sentence.\n"
)


def find(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def finding(code: str, severity: Severity, *spans: Span, message: str = "", **kw: str) -> Finding:
    return Finding(
        code=code,
        name={"MT101": "untranslated-sentence", "MT102": "stray-source-token",
              "MT103": "omitted-sentence", "MT104": "added-sentence",
              "MT105": "number-mismatch", "MT201": "duplicated-phrase",
              "MT202": "broken-sentence-boundary", "MT301": "scraping-residue"}.get(code, code),
        severity=severity,
        category="Accuracy/Test",
        message=message or f"{code} here",
        spans=spans,
        suggestion=kw.get("suggestion"),
    )


def build(
    source: str | None,
    target: str,
    beads: tuple[Bead, ...] | None = None,
    findings: tuple[Finding, ...] = (),
    **kw: object,
) -> Report:
    src = plain_document(source, "vi") if source is not None else None
    tgt = plain_document(target, "en")
    src_segs = line_segments(src) if src else ()
    tgt_segs = line_segments(tgt)
    if beads is None:
        beads = one_to_one(len(tgt_segs)) if src else ()
    report = Report(
        source=replace(src, path="original.vi.txt") if src else None,
        target=replace(tgt, path="translation.en.txt"),
        source_segments=src_segs,
        target_segments=tgt_segs,
        beads=beads,
        findings=findings,
        source_lang="vi" if src else None,
        target_lang="en",
    )
    return replace(report, **kw) if kw else report  # type: ignore[arg-type]


#: Title 1-1, sentence 1-1, an omitted original sentence, an added translation sentence, 1-1.
GAP_BEADS = (
    Bead((0,), (0,), 0.0, 0.95),
    Bead((1,), (1,), 0.0, 0.42),
    Bead((2,), (), 0.0, 0.3),
    Bead((), (2,), 0.0, 0.2),
    Bead((3,), (3,), 0.0, 0.9),
)


@pytest.fixture()
def gap_report() -> Report:
    number = finding(
        "MT105", Severity.MAJOR,
        Span("target", *find(TARGET, "1.3")), Span("source", *find(SOURCE, "1.300")),
        message="number changed: source 1.300 vs target 1.3", suggestion="1,300",
    )
    omitted = finding("MT103", Severity.CRITICAL,
                      Span("source", *find(SOURCE, "Câu này bị bỏ sót.")))
    added = finding("MT104", Severity.MAJOR, Span("target", *find(TARGET, "An invented sentence.")))
    repeated = finding("MT201", Severity.MINOR, Span("target", *find(TARGET, "households", 1)))
    return build(SOURCE, TARGET, GAP_BEADS, (number, omitted, added, repeated))


# --------------------------------------------------------------------------- structure


def test_registered_as_a_format() -> None:
    assert FORMATS["html"] == "mtlint.report.html"
    assert renderer("html") is render


def test_page_skeleton_is_valid_and_self_contained(gap_report: Report) -> None:
    html = render([gap_report])
    root, _ = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert root.one("html").attrs["lang"] == "en"
    assert root.all("meta", charset="utf-8")
    assert root.one("title").text == "mtlint report: translation.en.txt"
    assert root.one("h1") and root.one("h2", id="pair-1-h").text == (
        "original.vi.txt → translation.en.txt"
    )
    assert all(th.attrs.get("scope") in ("col", "row") for th in root.all("th"))
    # Nothing comes from the network: no external resource, no URL in the CSS.
    assert not root.all("link") and not root.all("img") and not root.all("iframe")
    assert not any("src" in n.attrs for n in root.all())
    style = root.one("style").text
    assert "url(" not in style and "@import" not in style
    assert "http" not in JS and "fetch(" not in JS


def test_one_row_per_bead_with_anchors(gap_report: Report) -> None:
    rows = body_rows(page([gap_report]))
    assert len(rows) == len(gap_report.beads)
    for n, row in enumerate(rows, 1):
        assert row.attrs["id"] == f"row-{n}"
        link = cells(row)[0].one("a")
        assert link.attrs["href"] == f"#row-{n}" and link.text == f"#{n}"
    head = [th.text for th in page([gap_report]).one("thead").all("th")]
    assert head == ["#", "Original vi", "Translation en", "Confidence"]


def test_omitted_and_added_sentences_are_gaps(gap_report: Report) -> None:
    rows = body_rows(page([gap_report]))
    _, original, translation, _ = cells(rows[2])
    assert original.text == "Câu này bị bỏ sót." and "gap" not in original.classes
    assert translation.classes == {"gap"} and translation.text == "nothing in the translation"
    _, original, translation, _ = cells(rows[3])
    assert original.classes == {"gap"} and original.text == "nothing in the original"
    assert translation.text == "An invented sentence."
    assert not [c for r in (rows[0], rows[1], rows[4]) for c in cells(r) if "gap" in c.classes]


def test_sentences_keep_their_language(gap_report: Report) -> None:
    _, original, translation, _ = cells(body_rows(page([gap_report]))[0])
    assert original.attrs["lang"] == "vi" and translation.attrs["lang"] == "en"


def test_score_column_is_confidence_with_low_rows_flagged(gap_report: Report) -> None:
    rows = body_rows(page([gap_report]))
    scores = [cells(r)[-1] for r in rows]
    assert [s.text for s in scores] == ["0.95", "0.42", "0.30", "0.20", "0.90"]
    assert ["low" in s.classes for s in scores] == [False, True, True, True, False]


def test_per_pair_quality_replaces_confidence(gap_report: Report) -> None:
    report = replace(gap_report, scores={"quality": {"score": 72.25, "per_pair": [
        100, 61.5, {"score": 0}, 12, 100,
    ]}})
    root = page([report])
    assert root.one("thead").all("th")[-1].text == "Score"
    assert [cells(r)[-1].text for r in body_rows(root)] == ["100", "62", "0", "12", "100"]
    tiles = {t.one("span", cls="label").text: t for t in root.all("div", cls="tile")}
    assert tiles["Quality"].one("span", cls="value").text == "72.2"


def test_paragraph_starts_are_marked() -> None:
    report = build("A.\nB.\n\nC.\n", "A.\nB.\n\nC.\n")
    rows = body_rows(page([report]))
    assert ["pb" in r.classes for r in rows] == [False, False, True]


# --------------------------------------------------------------------------- highlights


def marks_of(node: Node) -> list[Node]:
    return node.all("mark")


def test_spans_are_highlighted_by_severity_with_details(gap_report: Report) -> None:
    root = page([gap_report])
    rows = body_rows(root)
    number = cells(rows[1])[2].one("mark", cls="s-major")
    assert number.text == "1.3"
    assert number.attrs["data-f"] == "f-1" and number.attrs["tabindex"] == "0"
    assert number.attrs["aria-describedby"] == "f-1"
    item = root.one("li", id="f-1")
    assert item.attrs["data-sev"] == "major" and item.attrs["data-code"] == "MT105"
    details = item.one("div", cls="fd").text
    for part in ("major", "MT105", "number-mismatch",
                 "number changed: source 1.300 vs target 1.3", "1,300"):
        assert part in details
    assert "translation 2:24" in item.one("p", cls="where").text
    assert item.one("p", cls="where").one("a").attrs["href"] == "#row-2"
    critical = cells(rows[2])[1].one("mark")
    assert critical.classes == {"s-critical"} and critical.text == "Câu này bị bỏ sót."
    minor = [m for m in marks_of(cells(rows[1])[2]) if "s-minor" in m.classes]
    assert [m.text for m in minor] == ["households"]


def test_context_span_on_the_other_side_is_light_and_not_a_tab_stop(gap_report: Report) -> None:
    original = cells(body_rows(page([gap_report]))[1])[1]
    context = original.one("mark")
    assert context.text == "1.300"
    assert context.classes == {"s-major", "rel"} and context.attrs["data-f"] == "f-1~"
    assert "tabindex" not in context.attrs


def test_span_crossing_sentences_is_split_across_rows() -> None:
    start = TARGET.index("households households")
    end = TARGET.index(" sentence.\nThe last")
    crossing = finding("MT202", Severity.MAJOR, Span("target", start, end))
    report = build(SOURCE, TARGET, one_to_one(4), (crossing,))
    rows = body_rows(page([report]))
    pieces = [(n, m.text) for n, row in enumerate(rows) for m in marks_of(row)]
    assert pieces == [(1, "households households."), (2, "An invented")]
    assert all(m.attrs["data-f"] == "f-1" for row in rows for m in marks_of(row))


def test_overlapping_findings_share_a_mark_with_the_gravest_severity() -> None:
    a, b = find(TARGET, "1.3 households")
    c, d = find(TARGET, "households households")
    report = build(SOURCE, TARGET, one_to_one(4), (
        finding("MT105", Severity.MINOR, Span("target", a, b)),
        finding("MT201", Severity.CRITICAL, Span("target", c, d)),
    ))
    marks = marks_of(body_rows(page([report]))[1])
    assert [(m.text, sorted(m.classes), m.attrs["data-f"]) for m in marks] == [
        ("1.3 ", ["s-minor"], "f-1"),
        ("households", ["s-critical"], "f-1 f-2"),
        (" households", ["s-critical"], "f-2"),
    ]


def test_findings_outside_every_sentence_are_listed_in_the_header() -> None:
    newline = TARGET.index("\n")
    stray = finding("MT301", Severity.MAJOR, Span("target", newline, newline + 1),
                    message="between two sentences")
    empty = finding("MT105", Severity.MINOR, Span("target", 5, 5), message="an empty span")
    placed = finding("MT102", Severity.MINOR, Span("target", *find(TARGET, "title")))
    root = page([build(SOURCE, TARGET, one_to_one(4), (stray, empty, placed))])
    listed = root.one("div", cls="unplaced")
    items = [li.text for li in listed.all("li")]
    assert items == ["major MT301 between two sentences", "minor MT105 an empty span"]
    assert [a.attrs["href"] for a in listed.all("a")] == ["#f-1", "#f-2"]
    assert [m.attrs["data-f"] for m in root.all("mark")] == ["f-3"]


def test_inline_code_is_shown_as_a_marker() -> None:
    target = f"Run {CODE_PLACEHOLDER} to install.\n"
    root = page([build(None, target)])
    assert CODE_PLACEHOLDER not in root.one("table", cls="beads").text
    assert root.one("span", cls="code").attrs["title"] == "inline code"


# --------------------------------------------------------------------------- header and filters


def test_header_counts_and_verdict(gap_report: Report) -> None:
    root = page([gap_report])
    tiles = {t.one("span", cls="label").text: t for t in root.all("div", cls="tile")}
    assert tiles["Findings"].one("span", cls="value").text == "4"
    assert tiles["Findings"].one("span", cls="detail").text == "1 critical · 2 major · 1 minor"
    assert tiles["Aligned rows"].one("span", cls="detail").text == "mean confidence 0.55 · 2 gaps"
    verdict = tiles["Verdict"].one("span", cls="verdict")
    assert verdict.classes == {"verdict", "fail"} and verdict.text == "FAIL fail-on major"
    chips = [li.text for li in root.one("ul", cls="chips").all("li")]
    assert chips == [
        "MT103 omitted-sentence 1", "MT104 added-sentence 1", "MT105 number-mismatch 1",
        "MT201 duplicated-phrase 1",
    ]
    files = root.one("dl", cls="meta").text
    assert "original.vi.txt · vi · txt · 4 sentences" in files
    assert "translation.en.txt · en · txt · 4 sentences" in files


def test_verdict_follows_fail_on() -> None:
    repeated = finding("MT201", Severity.MAJOR, Span("target", 0, 3))
    report = build(SOURCE, TARGET, findings=(repeated,))
    assert page([report], "critical").one("span", cls="verdict").classes == {"verdict", "pass"}
    assert page([report], "minor").one("span", cls="verdict").classes == {"verdict", "fail"}


def test_filters_offer_every_severity_and_rule_present(gap_report: Report) -> None:
    controls = page([gap_report]).one("nav", id="controls")
    boxes = [i.attrs["data-k"] for i in controls.all("input") if "data-k" in i.attrs]
    assert boxes == ["s:critical", "s:major", "s:minor", "r:MT103", "r:MT104", "r:MT105", "r:MT201"]
    assert all("checked" in i.attrs for i in controls.all("input") if "data-k" in i.attrs)
    only = controls.one("input", id="only")
    assert "checked" not in only.attrs and "findings only" in controls.text
    assert [k.text for k in controls.all("kbd")] == ["n", "p"]


def test_reference_scores_and_signatures(gap_report: Report) -> None:
    scores = {"reference": {
        "path": "human.en.txt", "bleu": 31.234, "chrf": 58.1, "ter": 49.0,
        "signatures": {"bleu": "nrefs:1|case:mixed|tok:13a", "chrf": "nrefs:1|nc:6|nw:2",
                       "ter": "nrefs:1|case:lc"},
        "per_pair": [],
    }}
    root = page([replace(gap_report, scores=scores)])
    tiles = {t.one("span", cls="label").text: t.one("span", cls="value").text
             for t in root.all("div", cls="tile")}
    assert (tiles["BLEU"], tiles["chrF++"], tiles["TER"]) == ("31.2", "58.1", "49.0")
    assert "Quality" not in tiles
    note = root.all("p", cls="note")[0].text
    assert "nrefs:1|case:mixed|tok:13a" in note and "nrefs:1|case:lc" in note
    assert "human.en.txt" in root.one("dl", cls="meta").text


def test_translation_alone_has_one_row_per_sentence_and_no_original_column() -> None:
    finding_ = finding("MT202", Severity.MAJOR, Span("target", *find(TARGET, "An invented")))
    report = build(None, TARGET, findings=(finding_,), skipped_rules=("MT103", "MT104", "MT105"))
    root = page([report])
    assert [th.text for th in root.one("thead").all("th")] == ["#", "Translation en"]
    rows = body_rows(root)
    assert [cells(r)[1].text for r in rows] == TARGET.splitlines()
    assert root.one("h2").text == "translation.en.txt"
    meta = root.one("dl", cls="meta").text
    assert "none: checks that need it were skipped" in meta
    assert "without an original: MT103, MT104, MT105" in meta


def test_no_findings() -> None:
    root = page([build(SOURCE, TARGET)])
    assert root.one("span", cls="verdict").classes == {"verdict", "pass"}
    assert not root.all("mark") and not root.all("li", cls="finding")
    assert "No findings." in root.one("section", id="pair-1").text
    assert [i.attrs.get("id") for i in root.one("nav").all("input")] == ["only"]


# --------------------------------------------------------------------------- references

#: TARGET's sentences as a reviewer would have written them, and one the translation lacks.
REFERENCE = (
    "The article title\n"
    "The first sentence has 1,300 households.\n"
    "A sentence that the translation omitted.\n"
    "The very last sentence.\n"
)
#: Translation ↔ reference: the third reference sentence is aligned to nothing (it follows
#: translation sentence 1, where the original has an omitted sentence), and the invented
#: translation sentence has nothing in the reference.
REFERENCE_BEADS = (
    Bead((0,), (0,), 0.0, 1.0),
    Bead((1,), (1,), 0.0, 1.0),
    Bead((), (2,), 0.0, 1.0),
    Bead((2,), (), 0.0, 1.0),
    Bead((3,), (3,), 0.0, 1.0),
)
#: A second reference that joins the first two translation sentences into one and ends with a
#: sentence of its own.
SECOND = "The article title: the first sentence has 1300 households.\nThe invented one.\n" \
    "The last sentence.\nA closing remark.\n"
SECOND_BEADS = (
    Bead((0, 1), (0,), 0.0, 1.0),
    Bead((2,), (1,), 0.0, 1.0),
    Bead((3,), (2,), 0.0, 1.0),
    Bead((), (3,), 0.0, 1.0),
)


def with_references(report: Report, *refs: tuple[str, tuple[Bead, ...]]) -> Report:
    """`report` with references aligned as given, scored as the engine scores them."""
    sides = []
    for k, (text, beads) in enumerate(refs, 1):
        doc = replace(plain_document(text, "en"), path=f"reference{k}.en.txt")
        sides.append(ReferenceSide(doc, line_segments(doc), beads))
    scores = reference_scores(
        [s.text for s in report.target_segments], [[s.text for s in r.segments] for r in sides],
        [r.beads for r in sides], "en",
    )
    paths = [f"reference{k}.en.txt" for k in range(1, len(sides) + 1)]
    return replace(
        report, references=tuple(sides),
        scores={**report.scores, "reference": {"path": ", ".join(paths), "paths": paths, **scores}},
    )


def test_reference_column_shows_the_aligned_sentences_marked_against_the_translation(
    gap_report: Report,
) -> None:
    report = with_references(gap_report, (REFERENCE, REFERENCE_BEADS))
    root = page([report])
    assert [th.text for th in root.one("thead").all("th")] == [
        "#", "Original vi", "Translation en", "Reference en", "Confidence",
    ]
    rows = body_rows(root)
    assert len(rows) == len(report.beads)
    reference = [cells(r)[3] for r in rows]
    assert reference[0].text == "The article title" and not reference[0].all("ins")
    assert reference[0].attrs["lang"] == "en"
    # 1.3 → 1,300 is one change (a number is one token), and the repeated word is gone
    assert [d.text for d in reference[1].all("del")] == ["1.3 households"]
    assert [i.text for i in reference[1].all("ins")] == ["1,300"]
    assert reference[1].text == "The first sentence has 1.3 households 1,300 households."
    # the reference sentence aligned to nothing sits in the row of the omitted original sentence
    extra = reference[2].one("div", cls="x")
    assert extra.text == "only in the reference A sentence that the translation omitted."
    assert not extra.all("ins") and not extra.all("del")
    # the invented translation sentence has nothing in the reference: a gap
    assert reference[3].classes == {"gap"} and reference[3].text == "nothing in the reference"
    assert [i.text for i in reference[4].all("ins")] == ["very"]
    note = root.all("p", cls="note")[-1]
    assert note.one("ins").text == "words only in the reference"
    assert note.one("del").text == "words only in the translation"


def test_reference_line_scores_are_in_the_score_cell(gap_report: Report) -> None:
    report = with_references(gap_report, (REFERENCE, REFERENCE_BEADS))
    per_pair = report.scores["reference"]["per_pair"]
    rows = body_rows(page([report]))
    figures = [r.all("span", cls="rs") for r in rows]
    # one scored line per translation sentence; the omitted original's row has none
    assert [len(f) for f in figures] == [1, 1, 0, 1, 1]
    for line, row in zip(per_pair, (0, 1, 3, 4)):
        shown = figures[row][0]
        assert [s.text for s in shown.children if isinstance(s, Node)] == [
            f"chrF++ {line['chrf']:.1f}", f"BLEU {line['bleu']:.1f}",
        ]
        assert f"TER {line['ter']:.1f}" in str(shown.attrs["title"])
    assert figures[0][0].text == "chrF++ 100.0BLEU 100.0"
    # the row's own score (here the alignment confidence) stays first
    assert cells(rows[1])[-1].children[0] == "0.42"


def test_several_references_share_the_cell_with_labels(gap_report: Report) -> None:
    report = with_references(gap_report, (REFERENCE, REFERENCE_BEADS), (SECOND, SECOND_BEADS))
    root = page([report])
    assert root.one("thead").all("th")[3].text == "References en"
    rows = body_rows(root)
    parts = [cells(r)[3].all("div", cls="rp") for r in rows]
    assert [len(p) for p in parts] == [2, 2, 2, 2, 2]
    labels = [(s.text, s.attrs["title"]) for s in parts[0][0].all("span", cls="rl")]
    labels += [(s.text, s.attrs["title"]) for s in parts[0][1].all("span", cls="rl")]
    assert labels == [("R1", "reference1.en.txt"), ("R2", "reference2.en.txt")]
    # R2 joins translation sentences 1 and 2: shown in row 1, row 2 points back to it
    assert "the first sentence has" in parts[0][1].text
    assert parts[1][1].one("div", cls="see").text == "aligned with row 1"
    assert parts[1][1].one("a").attrs["href"] == "#row-1"
    # a row without a translation shows nothing from R2; R1 has its extra sentence there
    assert parts[2][1].text == "R2" and "only in the reference" in parts[2][0].text
    assert parts[3][0].text == "R1nothing"
    # R2's last sentence, aligned to nothing after the last translation sentence, joins it
    assert parts[4][1].one("div", cls="x").text == "only in the reference A closing remark."
    meta = root.one("dl", cls="meta").text
    assert "reference1.en.txt · en · txt · 4 sentences" in meta
    assert "reference2.en.txt · en · txt · 4 sentences" in meta
    tiles = {t.one("span", cls="label").text: t for t in root.all("div", cls="tile")}
    assert tiles["BLEU"].one("span", cls="detail").text == "against 2 references"


def test_reference_for_a_translation_alone() -> None:
    report = with_references(build(None, TARGET), (REFERENCE, REFERENCE_BEADS))
    root = page([report])
    assert [th.text for th in root.one("thead").all("th")] == [
        "#", "Translation en", "Reference en", "Reference",
    ]
    rows = body_rows(root)
    assert len(rows) == 4
    # no gap row to take it: the unaligned sentence joins the row of the sentence before it
    second = cells(rows[1])[2]
    assert [d.attrs.get("class") for d in second.all("div")] == ["s", "s x"]
    assert cells(rows[1])[3].one("span", cls="rs")


@pytest.mark.parametrize(("translation", "reference", "expected"), [
    ("the big cat sat down.", ["the cat sat."], ["the <del>big</del> cat sat <del>down</del>."]),
    ("He left quickly.", ["He left fast."], ["He left <del>quickly</del><ins>fast</ins>."]),
    ("has 1.3 households", ["has 1,300 households"],
     ["has <del>1.3</del> <ins>1,300</ins> households"]),
    ("A b.", ["A b.", "C d."], ["A b.", "<ins>C d.</ins>"]),
    ("So the cat sat.", ["The cat sat."], ["<del>So the</del> <ins>The</ins> cat sat."]),
    ("the cat sat down", ["the cat sat"], ["the cat sat <del>down</del>"]),
    ("我爱你", ["我恨你"], ["我<del>爱</del><ins>恨</ins>你"]),
    ("a <b> & c", ["a <i> & c"], ["a &lt;<del>b</del><ins>i</ins>&gt; &amp; c"]),
])
def test_word_diff(translation: str, reference: list[str], expected: list[str]) -> None:
    assert _diff(translation, reference) == expected


# --------------------------------------------------------------------------- min-score


def judged(report: Report, score: float, minimum: float) -> Report:
    verdict = "pass" if score >= minimum else "fail"
    quality = {"score": score, "per_pair": [score] * len(report.beads), "min_score": minimum,
               "verdict": verdict}
    return replace(report, scores={"quality": quality})


def test_verdict_follows_min_score_as_well() -> None:
    clean = build(SOURCE, TARGET)
    below = page([judged(clean, 72.0, 80.0)]).one("span", cls="verdict")
    assert below.classes == {"verdict", "fail"}
    assert below.text == "FAIL fail-on major · min-score 80"
    assert "below the minimum" in str(below.attrs["title"])
    above = page([judged(clean, 90.0, 80.0)]).one("span", cls="verdict")
    assert above.classes == {"verdict", "pass"} and above.text == "PASS fail-on major · min-score 80"
    # a finding at fail-on still fails a pair whose score is high enough
    major = finding("MT201", Severity.MAJOR, Span("target", 0, 3))
    both = page([judged(build(SOURCE, TARGET, findings=(major,)), 90.0, 80.0)])
    assert both.one("span", cls="verdict").classes == {"verdict", "fail"}
    tiles = {t.one("span", cls="label").text: t for t in both.all("div", cls="tile")}
    assert tiles["Quality"].one("span", cls="detail").text == "out of 100 · min-score 80"


def test_overall_verdict_and_index_follow_min_score() -> None:
    clean = build(SOURCE, TARGET)
    root = page([judged(clean, 90.0, 80.0), judged(clean, 60.0, 80.0)])
    overall = root.one("header").one("span", cls="verdict")
    assert overall.text == "overall FAIL fail-on major · min-score 80"
    index = [r.one("span", cls="verdict").classes for r in root.one("section", cls="index").all("tr")
             if r.all("span", cls="verdict")]
    assert index == [{"verdict", "pass"}, {"verdict", "fail"}]


# --------------------------------------------------------------------------- several pairs


def test_several_pairs_get_an_index_and_unique_ids(gap_report: Report) -> None:
    clean = replace(build(SOURCE, TARGET), scores={"quality": 100.0})
    root = page([gap_report, clean])
    index = root.one("section", cls="index")
    rows = index.one("tbody").all("tr")
    assert len(rows) == 2
    head = [th.text for th in index.one("thead").all("th")]
    assert head == ["#", "Original", "Translation", "critical", "major", "minor", "neutral",
                    "Quality", "Verdict"]
    first = [c.text for c in cells(rows[0])]
    assert first[1:8] == ["original.vi.txt", "translation.en.txt", "1", "2", "1", "0", ""]
    assert [c.text for c in cells(rows[1])][3:8] == ["0", "0", "0", "0", "100.0"]
    assert {a.attrs["href"] for a in rows[1].all("a")} == {"#pair-2"}
    assert root.one("header").one("span", cls="verdict").text.startswith("overall FAIL")
    assert len(body_rows(root, 1)) == 5 and len(body_rows(root, 2)) == 4
    assert body_rows(root, 2)[0].attrs["id"] == "p2-row-1"
    assert root.one("section", id="pair-1").all("li", cls="finding")[0].attrs["id"] == "p1-f-1"
    ids = [n.attrs["id"] for n in root.all() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    targets = {n.attrs["href"][1:] for n in root.all("a") if n.attrs["href"].startswith("#")}
    assert targets <= set(ids)
    referenced = {i for m in root.all("mark") for i in (m.attrs["aria-describedby"] or "").split()}
    assert referenced <= set(ids)
    # One set of filters for the whole page, placed before the pairs.
    assert len(root.all("nav")) == 1


# --------------------------------------------------------------------------- safety

PAYLOADS = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "</textarea><textarea autofocus onfocus=alert(3)>",
    '<a href="javascript:alert(4)">click</a>',
    '"><svg onload=alert(5)>',
    "'><body onload='alert(6)'>",
    "</style><style>*{display:none}</style>",
    "<!-- --><iframe src=\"https://example.org/\"></iframe>",
    "</title></head><body><script src=//evil.example/x.js></script>",
)
#: Every element the renderer writes; an element from the input would be a new one.
OWN_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "span", "small",
    "main", "section", "div", "dl", "dt", "dd", "code", "ul", "ol", "li", "b", "nav", "fieldset",
    "legend", "label", "input", "p", "kbd", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "a", "mark", "q", "script", "ins", "del",
}


def evil_report() -> Report:
    source = "\n".join(f"Nguồn {p}" for p in PAYLOADS) + "\n"
    target = "\n".join(f"Target {p}" for p in PAYLOADS) + "\n"
    payload = " ".join(PAYLOADS)
    findings = tuple(
        Finding(
            code=f"MT1{i:02d}{p}", name=p, severity=Severity.MAJOR, category=p, message=p,
            spans=(Span("target", *find(target, p)), Span("source", *find(source, p))),
            suggestion=p,
        )
        for i, p in enumerate(PAYLOADS)
    )
    unplaced = Finding("MT999", payload, Severity.MINOR, payload, payload, (), payload)
    report = build(source, target, findings=(*findings, unplaced), skipped_rules=PAYLOADS[:2])
    evil_doc: Document = replace(report.target, path=f"/tmp/{PAYLOADS[8]}.txt", fmt=PAYLOADS[4])
    # The reference: each sentence changed around the payload, and one aligned to nothing.
    reference_text = "".join(f"Ref {p} end\n" for p in (*PAYLOADS, payload))
    reference = replace(plain_document(reference_text, "en"), path=f"/tmp/{PAYLOADS[1]}.txt")
    ref_beads = (
        *one_to_one(len(PAYLOADS)), Bead((), (len(PAYLOADS),), 0.0, 1.0),
    )
    return replace(
        report,
        target=evil_doc,
        references=(ReferenceSide(reference, line_segments(reference), ref_beads),),
        source_lang='vi" onmouseover="alert(7)',
        target_lang=PAYLOADS[5],
        scores={"quality": {"score": 50.0}, "reference": {
            "path": payload, "bleu": 1.0, "chrf": 2.0, "ter": 3.0,
            "signatures": {PAYLOADS[0]: PAYLOADS[3]}, "per_pair": []}},
    )


@pytest.mark.parametrize("several", [False, True])
def test_text_from_the_input_never_becomes_markup(several: bool) -> None:
    reports = [evil_report(), evil_report()] if several else [evil_report()]
    html = render(reports)
    root, builder = parse(html)
    scripts = root.all("script")
    assert len(scripts) == 1 and scripts[0].attrs == {} and scripts[0].text == JS
    assert len(root.all("style")) == 1 and len(root.all("title")) == 1
    assert {n.tag for n in root.iter()} - {"#document"} <= OWN_TAGS
    assert len(root.all("body")) == 1 and not builder.comments
    for node in root.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            assert name not in ("src", "autofocus", "style"), (node.tag, name)
            assert not (value or "").strip().lower().startswith("javascript:")
    # No link goes anywhere but to an anchor of the page.
    assert all(a.attrs["href"].startswith("#") for a in root.all("a"))
    # The payloads are still there, as text the reader can see.
    table_text = root.all("table", cls="beads")[0].text
    finding_text = root.all("section", cls="findings")[0].text
    rows = body_rows(root)
    for n, p in enumerate(PAYLOADS):
        assert f"Target {p}" in table_text and f"Nguồn {p}" in table_text
        assert p in finding_text
        # the reference cell: the payload is an unchanged stretch between two changed words
        aligned = cells(rows[n])[3].all("div", cls="s")[0]
        assert aligned.text == f"Target Ref {p} end"
        assert [d.text for d in aligned.all("del")] == ["Target"]
        assert [i.text for i in aligned.all("ins")] == ["Ref", "end"]
    # the sentence aligned to nothing joins the last row
    extra = cells(rows[-1])[3].one("div", cls="x")
    assert extra.text == f"only in the reference Ref {' '.join(PAYLOADS)} end"
    assert root.all("div", cls="unplaced")[0].text.count(PAYLOADS[0]) == 1
    assert f"/tmp/{PAYLOADS[8]}.txt" in root.all("dl", cls="meta")[0].text
    assert f"/tmp/{PAYLOADS[1]}.txt" in root.all("dl", cls="meta")[0].text
    languages = {td.attrs["lang"] for td in root.all("td") if "lang" in td.attrs}
    assert languages == {'vi" onmouseover="alert(7)', PAYLOADS[5]}


# --------------------------------------------------------------------------- a real pair


def test_corpus_pair_through_the_cli(tmp_path: Path) -> None:
    from mtlint import check_files

    out = tmp_path / "report.html"
    source, target = str(PAIR / "source.vi.txt"), str(PAIR / "target.en.txt")
    result = CliRunner().invoke(cli, ["check", source, target, "--format", "html", "-o", str(out)])
    assert result.exit_code == 1, result.output
    root, _ = parse(out.read_text(encoding="utf-8"))
    report = check_files(source, target)
    assert len(body_rows(root)) == len(report.beads)
    items = root.all("li", cls="finding")
    assert [li.attrs["data-code"] for li in items] == [f.code for f in report.findings]
    # Every finding is either highlighted somewhere or listed as outside any sentence.
    described = {i for m in root.all("mark") for i in m.attrs["aria-describedby"].split()}
    unplaced = {
        a.attrs["href"][1:] for div in root.all("div", cls="unplaced") for a in div.all("a")
    }
    assert described | unplaced == {li.attrs["id"] for li in items}
    marked = "".join(m.text for m in root.all("mark"))
    assert "1.3" in marked and "huyện" in marked and "This story first appeared on" in marked


def corpus_reference(folder: Path) -> Path:
    """The corpus pair's translation as a reviewer corrected it: a reference for it."""
    text = (PAIR / "target.en.txt").read_text(encoding="utf-8")
    for wrong, right in (
        ("more than 1.3 households", "more than 1,300 households"),
        ("the province [và] the city", "the province and the city"),
        ("The huyện authorities in Son Tinh", "The authorities of Son Tinh District"),
        ("on safety grounds and on safety grounds. public safety.", "for safety reasons."),
    ):
        assert wrong in text
        text = text.replace(wrong, right)
    path = folder / "reference.en.txt"
    path.write_text(text.split("This story first appeared")[0], encoding="utf-8")
    return path


def reference_text(node: Node | str) -> str:
    """What a reference cell says of the reference: neither deletions nor labels."""
    if isinstance(node, str):
        return node
    if node.tag == "del" or "xl" in node.classes:
        return ""
    text = "".join(reference_text(c) for c in node.children)
    return " ".join(text.split()) if node.tag == "div" else text


def test_corpus_pair_with_a_reference_and_min_score_through_the_cli(tmp_path: Path) -> None:
    from mtlint import check_files

    out = tmp_path / "report.html"
    source, target = str(PAIR / "source.vi.txt"), str(PAIR / "target.en.txt")
    reference = str(corpus_reference(tmp_path))
    result = CliRunner().invoke(cli, [
        "check", source, target, "--reference", reference, "--min-score", "99",
        "--fail-on", "critical", "--format", "html", "-o", str(out),
    ])
    assert result.exit_code == 1, result.output
    root, _ = parse(out.read_text(encoding="utf-8"))
    report = check_files(source, target, reference=reference)
    assert [len(r.segments) for r in report.references] == [28]
    assert "references" not in report.to_dict()
    rows = body_rows(root)
    assert len(rows) == len(report.beads)
    # every reference sentence is shown once, in order: the cells' text without deletions
    shown = [reference_text(div) for row in rows for div in cells(row)[3].all("div", cls="s")]
    assert shown == [s.text for s in report.references[0].segments]
    assert {"1,300", "and", "for"} <= {i.text for i in root.all("ins")}
    assert {"1.3", "[và]"} <= {d.text for d in root.all("del")}
    # no finding is critical: the quality score below 99 fails the pair
    verdict = root.one("div", cls="tiles").one("span", cls="verdict")
    assert verdict.text == "FAIL fail-on critical · min-score 99"
