"""The HTML report in a real browser (headless Chromium through Playwright).

Rows, filters, n/p navigation, popovers, print and dark styles, no script or console error, the
same with a reference column, and the screenshot that the README shows (docs/img/report.png:
the pair without a reference). Skipped, with the reason, where
Debian's chromium or the playwright package is missing; CI has both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from mtlint.model import Finding
from mtlint.report.html import render
from mtlint.report.model import Report
from tests.test_report_html import corpus_reference

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="browser tests need Playwright for Python (pip install playwright)",
)

ROOT = Path(__file__).resolve().parents[1]
PAIR = ROOT / "corpora" / "vi-en-flood-relief"
SCREENSHOT = ROOT / "docs" / "img" / "report.png"
#: Offline and quiet: no network services, no first-run or update chatter.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def report() -> Report:
    """The flood-relief pair, its paths shown relative to the project as in the README."""
    from mtlint import check_files

    report = check_files(str(PAIR / "source.vi.txt"), str(PAIR / "target.en.txt"))
    assert report.source is not None
    return replace(
        report,
        source=replace(report.source, path="corpora/vi-en-flood-relief/source.vi.txt"),
        target=replace(report.target, path="corpora/vi-en-flood-relief/target.en.txt"),
    )


@pytest.fixture(scope="module")
def report_file(report: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render([report]), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Loaded:
    page: Any
    problems: list[str] = field(default_factory=list)

    def count(self, selector: str) -> int:
        return int(self.page.locator(selector).count())

    def visible_rows(self) -> int:
        return int(self.page.locator("table.beads tbody tr:visible").count())

    def focused_mark(self) -> int:
        """Index of the focused element among the keyboard-reachable marks (-1: none)."""
        return int(self.page.evaluate(
            "[].indexOf.call(document.querySelectorAll('mark[tabindex]'), document.activeElement)"
        ))


def open_report(browser: Any, path: Path, **context: Any) -> Loaded:
    page = browser.new_page(viewport=VIEWPORT, **context)
    loaded = Loaded(page)
    page.on("console", lambda m: m.type in ("error", "warning") and loaded.problems.append(m.text))
    page.on("pageerror", lambda e: loaded.problems.append(str(e)))
    page.on("request", lambda r: r.url.startswith("file:") or loaded.problems.append(r.url))
    page.goto(path.as_uri())
    return loaded


@pytest.fixture()
def loaded(browser: Any, report_file: Path) -> Iterator[Loaded]:
    loaded = open_report(browser, report_file)
    yield loaded
    loaded.page.close()


def rows_touched(report: Report, keep: Any = lambda f: True) -> set[int]:
    """Rows (beads) with a span of a kept finding in one of their sentences, computed here
    independently of the renderer."""
    rows = set()
    for n, bead in enumerate(report.beads):
        segments = [("source", report.source_segments[i]) for i in bead.src]
        segments += [("target", report.target_segments[j]) for j in bead.tgt]
        for finding in filter(keep, report.findings):
            if any(
                span.side == side and span.start < seg.end and seg.start < span.end
                for span in finding.spans for side, seg in segments
            ):
                rows.add(n)
    return rows


def test_one_row_per_bead_and_no_errors(loaded: Loaded, report: Report) -> None:
    assert loaded.count("table.beads tbody tr") == len(report.beads)
    assert loaded.visible_rows() == len(report.beads)
    assert loaded.count("li.finding") == len(report.findings)
    assert loaded.page.title() == "mtlint report: target.en.txt"
    assert loaded.problems == []


def test_filters_hide_what_they_should(loaded: Loaded, report: Report) -> None:
    page = loaded.page
    page.locator("#only").check()
    assert loaded.visible_rows() == len(rows_touched(report))

    def not_residue(f: Finding) -> bool:
        return f.code != "MT301"

    page.locator("input[data-k='r:MT301']").uncheck()
    residue = sum(f.code == "MT301" for f in report.findings)
    assert loaded.count("li.finding[data-code='MT301']:visible") == 0
    assert loaded.count("li.finding:visible") == len(report.findings) - residue
    assert loaded.visible_rows() == len(rows_touched(report, not_residue))
    assert "This story first appeared" not in " ".join(
        page.locator("mark:not(.off)").all_inner_texts()
    )

    page.locator("input[data-k='s:minor']").uncheck()
    kept = [f for f in report.findings if not_residue(f) and f.severity.value != "minor"]
    assert loaded.count("li.finding:visible") == len(kept)
    assert loaded.visible_rows() == len(rows_touched(report, lambda f: f in kept))
    assert loaded.count("mark.s-minor") == 0

    page.locator("#only").uncheck()
    assert loaded.visible_rows() == len(report.beads)
    page.locator("input[data-k='r:MT301']").check()
    page.locator("input[data-k='s:minor']").check()
    assert loaded.count("li.finding:visible") == len(report.findings)
    assert loaded.count("mark.off") == 0
    assert loaded.problems == []


def test_n_and_p_move_focus_between_findings(loaded: Loaded) -> None:
    page = loaded.page
    marks = loaded.count("mark[tabindex]")
    assert marks >= 5
    page.keyboard.press("n")
    assert loaded.focused_mark() == 0
    assert page.locator("#pop").is_visible()
    first_text = page.locator("#pop").inner_text()
    assert "MT105" in first_text and "Suggestion" in first_text
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert loaded.focused_mark() == 2
    page.keyboard.press("p")
    assert loaded.focused_mark() == 1
    # The focused finding is scrolled into view, even far down the page.
    for _ in range(marks - 2):
        page.keyboard.press("n")
    assert loaded.focused_mark() == marks - 1
    box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
    assert 0 <= box["top"] and box["bottom"] <= VIEWPORT["height"]
    assert page.evaluate("scrollY") > 0
    page.keyboard.press("n")
    assert loaded.focused_mark() == 0
    page.keyboard.press("Escape")
    assert page.locator("#pop").is_hidden()
    assert loaded.problems == []


def test_n_skips_filtered_findings(loaded: Loaded, report: Report) -> None:
    page = loaded.page
    page.locator("input[data-k='r:MT105']").uncheck()
    page.locator("#only").check()
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("n")
    focused = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    codes = {page.locator(f"li[id='{i}']").get_attribute("data-code") for i in focused.split()}
    assert "MT105" not in codes
    assert loaded.problems == []


def test_hover_shows_the_finding_and_leaving_hides_it(loaded: Loaded) -> None:
    page = loaded.page
    mark = page.locator("mark[tabindex]").nth(1)
    mark.hover()
    pop = page.locator("#pop")
    assert pop.is_visible()
    text = pop.inner_text()
    assert "MT102" in text and "stray-source-token" in text and "looks like Vietnamese" in text
    page.mouse.move(1, 1)
    pop.wait_for(state="hidden")
    assert loaded.problems == []


def test_print_shows_every_row_and_no_controls(loaded: Loaded, report: Report) -> None:
    page = loaded.page
    page.locator("#only").check()
    assert loaded.visible_rows() < len(report.beads)
    page.emulate_media(media="print")
    assert page.locator("#controls").is_hidden()
    assert loaded.visible_rows() == len(report.beads)
    assert loaded.problems == []


@pytest.mark.parametrize(("scheme", "background"), [
    ("dark", "rgb(13, 17, 23)"), ("light", "rgb(255, 255, 255)"),
])
def test_colour_scheme_follows_the_system(
    browser: Any, report_file: Path, scheme: str, background: str
) -> None:
    loaded = open_report(browser, report_file, color_scheme=scheme)
    assert loaded.page.evaluate("getComputedStyle(document.body).backgroundColor") == background
    loaded.page.locator("mark[tabindex]").first.hover()
    assert loaded.page.locator("#pop").is_visible()
    loaded.page.close()
    assert loaded.problems == []


def test_screenshot_for_the_readme(loaded: Loaded) -> None:
    """The rows with findings, one popover open: what a reviewer sees first."""
    page = loaded.page
    page.locator("#only").check()
    page.locator("mark.s-major[tabindex]", has_text="on safety grounds").first.hover()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert SCREENSHOT.stat().st_size < 400_000
    assert loaded.problems == []


@pytest.fixture(scope="module")
def with_reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    """The same pair checked against a corrected copy of its translation."""
    from mtlint import check_files

    folder = tmp_path_factory.mktemp("reference")
    report = check_files(
        str(PAIR / "source.vi.txt"), str(PAIR / "target.en.txt"),
        reference=str(corpus_reference(folder)),
    )
    path = folder / "report.html"
    path.write_text(render([report]), encoding="utf-8")
    return report, path


def test_reference_column_keeps_one_row_per_bead(
    browser: Any, with_reference: tuple[Report, Path]
) -> None:
    report, path = with_reference
    loaded = open_report(browser, path)
    page = loaded.page
    assert loaded.count("table.beads tbody tr") == len(report.beads)
    assert loaded.visible_rows() == len(report.beads)
    assert page.locator("table.beads thead th").all_inner_texts()[3].startswith("REFERENCE")
    assert loaded.count("table.beads ins") > 0 and loaded.count("table.beads del") > 0
    # changes are announced, not only coloured
    before = page.evaluate(
        "getComputedStyle(document.querySelector('table.beads ins'), '::before').content"
    )
    assert "only in the reference" in before
    assert loaded.count("td.score .rs") == report.scores["reference"]["lines"]
    page.locator("#only").check()
    assert loaded.visible_rows() == len(rows_touched(report))
    page.keyboard.press("n")
    assert loaded.focused_mark() == 0
    page.locator("#only").uncheck()
    page.emulate_media(media="print")
    assert loaded.visible_rows() == len(report.beads)
    page.close()
    assert loaded.problems == []
