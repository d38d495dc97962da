"""Size and load time of the HTML report for a long article: 2,000+ sentences a side.

Run: python benchmarks/html_report.py [--sentences N] [--runs N] [--output FILE]

The long pair is every corpora/ pair checked once, then laid end to end (copies of the lot, with
their findings, offsets shifted) until each side has N sentences: real sentences, alignment and
findings at the corpora's density, without waiting for the aligner on a synthetic text. The
page is measured twice: as is, and with a reference column, the reference being a lightly edited
copy of the translation (a word dropped or added in two sentences of three, a few sentences
joined, a few only in the reference) with its sacrebleu per-line scores. Prints, for each, the
page size (budget 5 MB) and the time to DOMContentLoaded in headless Chromium (budget 1 s,
median of fresh page loads), with the first frame and a filter change for information, and exits
1 when a budget is exceeded. The machine's load shows in the browser figures: run it idle.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from mtlint.model import Bead, Block, Document, Finding, Segment, Span
from mtlint.report.model import ReferenceSide, Report

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MAX_BYTES = 5 * 1024 * 1024
MAX_DCL_MS = 1000.0
#: Between two laid-end-to-end documents: a paragraph break in every format's prose view.
JOINER = "\n\n"


def corpus_reports() -> list[Report]:
    from mtlint import check_files

    reports = []
    for gold_path in sorted(ROOT.glob("corpora/*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        folder = gold_path.parent
        reports.append(check_files(
            str(folder / gold["source"]), str(folder / gold["target"]),
            source_lang=gold["source_lang"], target_lang=gold["target_lang"],
        ))
    return reports


class _Side:
    """One side of the long pair, grown a document at a time."""

    def __init__(self) -> None:
        self.text = ""
        self.blocks: list[Block] = []
        self.segments: list[Segment] = []

    def append(self, doc: Document, segments: tuple[Segment, ...]) -> tuple[int, int, int]:
        """Add a document; returns its (offset, first segment index, first block index)."""
        if self.text:
            self.text += JOINER
        shift, first_seg, first_block = len(self.text), len(self.segments), len(self.blocks)
        self.text += doc.text
        self.blocks.extend(Block(b.kind, b.start + shift, b.end + shift) for b in doc.blocks)
        self.segments.extend(
            Segment(first_seg + s.index, s.text, s.start + shift, s.end + shift,
                    first_block + s.block)
            for s in segments
        )
        return shift, first_seg, first_block

    def document(self, name: str) -> Document:
        return Document(
            raw=self.text, text=self.text, offsets=tuple(range(len(self.text) + 1)),
            blocks=tuple(self.blocks), fmt="txt", path=name, lang="mul",
        )


def long_report(reports: list[Report], sentences: int) -> Report:
    source, target = _Side(), _Side()
    beads: list[Bead] = []
    findings: list[Finding] = []
    while min(len(source.segments), len(target.segments)) < sentences:
        for report in reports:
            assert report.source is not None
            src_shift, src_first, _ = source.append(report.source, report.source_segments)
            tgt_shift, tgt_first, _ = target.append(report.target, report.target_segments)
            shifts = {"source": src_shift, "target": tgt_shift}
            beads.extend(
                replace(b, src=tuple(i + src_first for i in b.src),
                        tgt=tuple(j + tgt_first for j in b.tgt))
                for b in report.beads
            )
            findings.extend(
                replace(f, spans=tuple(
                    Span(s.side, s.start + shifts[s.side], s.end + shifts[s.side])
                    for s in f.spans if s.side in shifts
                ))
                for f in report.findings
            )
    return Report(
        source=source.document("long.source.txt"),
        target=target.document("long.target.txt"),
        source_segments=tuple(source.segments),
        target_segments=tuple(target.segments),
        beads=tuple(beads),
        findings=tuple(findings),
        source_lang="mul",
        target_lang="mul",
    )


#: Every JOINED-th translation sentence shares one reference sentence with the next; after every
#: EXTRA-th, the reference has a sentence of its own.
JOINED = 50
EXTRA = 40


def edited(sentence: str, k: int) -> str:
    """Sentence k lightly edited: a word dropped, a word added, or left alone, in turn."""
    words = sentence.split()
    if k % 3 == 0 and len(words) > 3:
        del words[k % (len(words) - 1) + 1]
    elif k % 3 == 1 and len(words) > 2:
        words.insert(2, "also")
    return " ".join(words)


def with_reference(report: Report) -> Report:
    """`report` with a reference aligned to its translation and scored against it."""
    from mtlint.scoring import reference_scores

    texts: list[str] = []
    beads: list[Bead] = []
    hyp = report.target_segments
    k = 0
    while k < len(hyp):
        group = (k, k + 1) if k % JOINED == JOINED - 1 and k + 1 < len(hyp) else (k,)
        beads.append(Bead(group, (len(texts),), 0.0, 1.0))
        texts.append(" ".join(edited(hyp[i].text, i) for i in group))
        if k % EXTRA == EXTRA - 1:
            beads.append(Bead((), (len(texts),), 0.0, 1.0))
            texts.append("This sentence is only in the reference.")
        k += len(group)
    side = _Side()
    for text in texts:  # one paragraph per sentence
        doc = Document(raw=text, text=text, offsets=tuple(range(len(text) + 1)),
                       blocks=(Block("paragraph", 0, len(text)),), fmt="txt")
        side.append(doc, (Segment(0, text, 0, len(text), 0),))
    scores = reference_scores([s.text for s in hyp], [texts], [beads], "en")
    name = "long.reference.txt"
    return replace(
        report,
        scores={**report.scores, "reference": {"path": name, "paths": [name], **scores}},
        references=(ReferenceSide(side.document(name), tuple(side.segments), tuple(beads)),),
    )


#: Stamps the end of the first frame after DOMContentLoaded: the page is then on screen.
_FIRST_FRAME = (
    "document.addEventListener('DOMContentLoaded', function () {"
    " requestAnimationFrame(function () { setTimeout(function () {"
    " window.__firstFrame = performance.now(); }); }); });"
)


def page_timings(path: Path, runs: int) -> list[dict[str, float]]:
    """For `runs` fresh page loads: DOMContentLoaded and first frame (ms from navigation
    start), and the script time of one filter change (rows with findings only)."""
    from playwright.sync_api import sync_playwright

    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs + 1):  # the first load warms the browser up and is not counted
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(_FIRST_FRAME)
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_function("window.__firstFrame")
            timings.append(page.evaluate("""() => {
                const nav = performance.getEntriesByType('navigation')[0];
                const start = performance.now();
                document.getElementById('only').click();
                return {dcl: nav.domContentLoadedEventEnd, frame: window.__firstFrame,
                        filter: performance.now() - start};
            }"""))
            page.close()
        browser.close()
    return timings[1:]


def measure(report: Report, runs: int, output: Path) -> list[str]:
    """Print the figures of one page; returns the budgets it exceeds."""
    from mtlint.report.html import render

    start = time.perf_counter()
    html = render([report])
    render_s = time.perf_counter() - start
    size = len(html.encode("utf-8"))
    print(f"sentences          {len(report.source_segments)} original, "
          f"{len(report.target_segments)} translation"
          + "".join(f", {len(r.segments)} reference" for r in report.references))
    print(f"rows (beads)       {len(report.beads)}")
    print(f"findings           {len(report.findings)}")
    print(f"render             {render_s * 1000:.0f} ms (Python)")
    print(f"size               {size / 1024 / 1024:.2f} MB ({size} bytes; budget 5 MB)")
    output.write_text(html, encoding="utf-8")
    timings = page_timings(output.resolve(), runs)
    dcl, frame, filter_ms = ([t[key] for t in timings] for key in ("dcl", "frame", "filter"))
    median = statistics.median(dcl)
    print(f"DOMContentLoaded   median {median:.0f} ms, max {max(dcl):.0f} ms over "
          f"{len(dcl)} loads in headless Chromium (budget 1000 ms)")
    print(f"first frame        median {statistics.median(frame):.0f} ms "
          "(laid out and painted after DOMContentLoaded)")
    print(f"filter change      median {statistics.median(filter_ms):.0f} ms of script "
          "(rows with findings only)")
    return [name for name, bad in (("size", size > MAX_BYTES),
                                   ("DOMContentLoaded", median > MAX_DCL_MS)) if bad]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=2000, help="sentences a side (2000)")
    parser.add_argument("--runs", type=int, default=7, help="page loads to time (7)")
    parser.add_argument("--output", help="keep the pages at FILE and FILE's stem + '.reference'")
    args = parser.parse_args()

    report = long_report(corpus_reports(), args.sentences)
    over = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.output) if args.output else Path(tmp) / "report.html"
        for title, page, out in (
            ("without a reference", report, path),
            ("with a reference", with_reference(report),
             path.with_name(f"{path.stem}.reference{path.suffix}")),
        ):
            print(f"-- {title}")
            over += [f"{name} ({title})" for name in measure(page, args.runs, out)]
    if over:
        sys.exit(f"over budget: {', '.join(over)}")
    print("within budget")


if __name__ == "__main__":
    main()
