"""Inline suppression comments: parsing, collection by the loaders, scopes, unused directives."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mtlint.documents import document_from_text
from mtlint.engine import CheckOptions, check_documents
from mtlint.model import Directive, Document, Finding, Severity, Span
from mtlint.suppress import apply_directives, parse_directive
from tests import testrule

# --- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "kind", "codes"),
    [
        (" mtlint: ignore MT201 ", "ignore", ("MT201",)),
        ("mtlint:ignore MT201,MT1", "ignore", ("MT201", "MT1")),
        (" mtlint: ignore MT201, mt105 ", "ignore", ("MT201", "MT105")),
        (" mtlint: ignore[MT201] ", "ignore", ("MT201",)),
        (" MTLINT: Disable ", "disable", ()),
        (" mtlint: enable ALL ", "enable", ()),
        ("\n  mtlint: disable MT2\n", "disable", ("MT2",)),
        (" mtlint: ingore MT201 ", "ingore", ("MT201",)),  # kept, to be reported
    ],
)
def test_parse_directive(comment: str, kind: str, codes: tuple[str, ...]) -> None:
    assert parse_directive(comment, 3, 9) == Directive(kind, codes, 3, 9)


@pytest.mark.parametrize("comment", [" a note ", " mtlint ignore MT201 ", " see mtlint: x "])
def test_ordinary_comments_are_not_directives(comment: str) -> None:
    assert parse_directive(comment, 0, 1) is None


# --- collection by the loaders ----------------------------------------------------------------

MD = """# Title

<!-- mtlint: ignore MT201 -->
First paragraph.

Second <!-- mtlint: disable MT1 --> paragraph.

> <!-- mtlint: enable -->
> Quoted.

```
<!-- mtlint: ignore -->
```

    <!-- mtlint: ignore MT9 -->

Code `<!-- mtlint: ignore MT3 -->` span. <!-- just a note -->
"""


def _comments(doc: Document) -> list[str]:
    return [doc.raw[d.start : d.end] for d in doc.directives]


def test_markdown_loader_collects_directives_outside_code() -> None:
    doc = document_from_text(MD, fmt="md")
    assert _comments(doc) == [
        "<!-- mtlint: ignore MT201 -->",
        "<!-- mtlint: disable MT1 -->",
        "<!-- mtlint: enable -->",
    ]
    assert [d.kind for d in doc.directives] == ["ignore", "disable", "enable"]
    assert "mtlint" not in doc.text.replace("mtlint: ignore MT3", "")  # comments are not prose


def test_html_loader_collects_directives() -> None:
    html = (
        "<html><body><article><p>One.</p><!-- mtlint: ignore[MT1] -->\n<p>Two "
        "<!--mtlint:disable--> more.</p><script>/* <!-- mtlint: ignore --> */</script>"
        "<!-- a note --></article></body></html>"
    )
    doc = document_from_text(html, fmt="html")
    assert _comments(doc) == ["<!-- mtlint: ignore[MT1] -->", "<!--mtlint:disable-->"]
    assert doc.directives[0].codes == ("MT1",)


def test_plain_text_has_no_directives() -> None:
    assert document_from_text("Text <!-- mtlint: ignore --> here.\n").directives == ()


# --- scopes ------------------------------------------------------------------------------------

TARGET = """# Headline FLAG

<!-- mtlint: ignore MT199 -->
Second FLAG paragraph.

Third FLAG paragraph. <!-- mtlint: ignore -->

<!-- mtlint: disable MT1 -->
Fourth FLAG paragraph.

<!-- mtlint: enable MT199 -->
Fifth FLAG paragraph.
"""


def _flag_findings(doc: Document, side: str = "target", code: str = "MT199") -> list[Finding]:
    """One finding per "FLAG" in `doc`, numbered by paragraph in the message."""
    findings = []
    start = doc.text.find("FLAG")
    n = 1
    while start >= 0:
        findings.append(Finding(code, "flag", Severity.MAJOR, "Test", f"flag {n}",
                                (Span(side, start, start + 4),)))  # type: ignore[arg-type]
        start = doc.text.find("FLAG", start + 1)
        n += 1
    return findings


def test_ignore_next_block_containing_block_and_ranges() -> None:
    doc = document_from_text(TARGET, fmt="md")
    outcome = apply_directives(_flag_findings(doc), {"target": doc}, ran=["MT199"])
    # 2: ignore (next block); 3: ignore inside the paragraph; 4: disable MT1; 5: enabled again
    assert [f.message for f in outcome.findings] == ["flag 1", "flag 5"]
    assert outcome.unused == ()


def test_last_matching_range_directive_decides() -> None:
    text = (
        "<!-- mtlint: disable MT19 -->\n\nOne FLAG.\n\n<!-- mtlint: enable MT199 -->\n\n"
        "Two FLAG.\n"
    )
    doc = document_from_text(text, fmt="md")
    findings = _flag_findings(doc) + _flag_findings(doc, code="MT198")
    kept = apply_directives(findings, {"target": doc}, ran=["MT199", "MT198"]).findings
    assert [(f.code, f.message) for f in kept] == [("MT199", "flag 2")]


def test_disable_without_enable_runs_to_the_end() -> None:
    doc = document_from_text("One FLAG.\n\n<!-- mtlint: disable -->\n\nTwo FLAG.\n\nThree FLAG.\n",
                             fmt="md")
    kept = apply_directives(_flag_findings(doc), {"target": doc}, ran=["MT199"]).findings
    assert [f.message for f in kept] == ["flag 1"]


def test_sides_are_kept_apart() -> None:
    source = document_from_text("<!-- mtlint: ignore -->\nMột FLAG.\n\nHai.\n", fmt="md")
    target = document_from_text("One FLAG.\n\nTwo.\n", fmt="md")
    src_span = Span("source", source.text.index("FLAG"), source.text.index("FLAG") + 4)
    tgt_span = Span("target", 0, 3)
    target_only = Finding("MT199", "x", Severity.MAJOR, "Test", "target only", (tgt_span,))
    both = Finding("MT199", "x", Severity.MAJOR, "Test", "both", (tgt_span, src_span))
    source_only = Finding("MT199", "x", Severity.MAJOR, "Test", "source only", (src_span,))
    docs = {"source": source, "target": target}
    kept = apply_directives([target_only, both, source_only], docs, ran=["MT199"]).findings
    # the original's directive covers findings with a span in the original, not the others
    assert [f.message for f in kept] == ["target only"]
    # and the translation's directive only findings reported in the translation
    flipped = {"source": target, "target": source}
    moved = [replace(f, spans=(Span("target", src_span.start, src_span.end),
                               Span("source", 0, 3))) for f in [both]]
    assert apply_directives(moved, flipped, ran=["MT199"]).findings == ()


def test_unused_directives_are_reported(flag_rule: None) -> None:
    text = (
        "<!-- mtlint: ignore MT199 -->\nOne.\n\n<!-- mtlint: ignore MT105 -->\nTwo.\n\n"
        "<!-- mtlint: ingore MT199 -->\nThree.\n\n<!-- mtlint: disable MT99 -->\nFour.\n\n"
        "<!-- mtlint: disable -->\nFive.\n\n<!-- mtlint: enable -->\nSix.\n"
    )
    doc = document_from_text(text, fmt="md")
    outcome = apply_directives([], {"target": doc}, ran=["MT199"])
    messages = [i.message for i in outcome.unused]
    assert messages == [
        "`<!-- mtlint: ignore MT199 -->` (line 1) suppressed nothing",
        # MT105 did not run: nothing can be said about that directive
        "`<!-- mtlint: ingore MT199 -->` (line 7) is not a directive: use ignore, disable, enable",
        "`<!-- mtlint: disable MT99 -->` (line 10) names no rule: MT99",
        "`<!-- mtlint: disable -->` (line 13) suppressed nothing",
    ]
    first = outcome.unused[0].spans[0]
    assert first.start == first.end == doc.text.index("One")  # points at the block after it


# --- in the engine ---------------------------------------------------------------------------


@pytest.fixture
def flag_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    testrule.install(monkeypatch)


ARTICLE = (
    "# Two new bus lines FLAG\n\n"
    "The city opened two new bus lines on Monday, officials said at a press conference.\n\n"
    "<!-- mtlint: ignore MT199 -->\n"
    "Tickets cost FLAG seven thousand dong, and children under six travel free of charge.\n"
)


def _check(text: str, **options: object) -> list[tuple[str, str]]:
    target = document_from_text(text, fmt="md", path="a.en.md")
    report = check_documents(
        None, target, CheckOptions(target_lang="en", **options)  # type: ignore[arg-type]
    )
    return [(f.code, f.severity.value) for f in report.findings]


def test_engine_applies_directives_and_reports_unused(flag_rule: None) -> None:
    assert _check(ARTICLE, select=("MT199", "MT903")) == [("MT199", "major")]
    unused = ARTICLE.replace("Tickets cost FLAG", "Tickets cost")
    assert _check(unused, select=("MT199", "MT903")) == [("MT199", "major"), ("MT903", "minor")]
    # MT903 follows select/ignore and severity overrides like any rule
    assert _check(unused, select=("MT199",)) == [("MT199", "major")]
    overridden = _check(unused, select=("MT199", "MT903"),
                        severity_overrides=(("MT903", Severity.NEUTRAL),))
    assert overridden == [("MT199", "major"), ("MT903", "neutral")]


def test_html_ignore_applies_to_the_next_element() -> None:
    html = "<article><p>One FLAG.</p><!-- mtlint: ignore -->\n<p>Two FLAG.</p></article>"
    doc = document_from_text(html, fmt="html")
    kept = apply_directives(_flag_findings(doc), {"target": doc}, ran=["MT199"]).findings
    assert [f.message for f in kept] == ["flag 1"]
