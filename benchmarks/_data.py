"""Shared helpers for the benchmarks: where the public data lives, how to read it, how to score.

The public data sits outside the project, in `../shared/data` (see its README.md); benchmarks
accept `--data DIR` and skip with a clear message when it is absent. Nothing here is imported by
the tests, and nothing is copied into the project.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtlint.rules.registry import FAMILIES as FAMILY

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CORPORA = ROOT / "corpora"



def data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA,
        help=f"public data folder (default: {DEFAULT_DATA})",
    )


def require(path: Path, what: str) -> Path:
    """`path`, or exit 0 with a message saying why the benchmark is skipped."""
    if not path.exists():
        print(f"skipped: {what} not found at {path} (pass --data DIR)")
        sys.exit(0)
    return path


# --- findings and spans ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """One span of one finding, in raw file offsets (as `Report.to_dict()` gives them)."""

    code: str
    name: str
    family: str
    severity: str
    side: str
    start: int
    end: int
    message: str


def hits(report_dict: dict[str, Any]) -> list[Hit]:
    """Every span of every finding of a report, flattened."""
    return [
        Hit(f["code"], f["name"], FAMILY.get(f["name"], f["name"]), f["severity"],
            span["side"], span["start"], span["end"], f["message"])
        for f in report_dict["findings"]
        for span in f["spans"]
    ]


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Half-open spans overlap; an empty span counts when it touches the other's inside."""
    if a0 == a1:
        return b0 <= a0 < b1 or a0 == b0
    if b0 == b1:
        return a0 <= b0 < a1 or a0 == b0
    return a0 < b1 and b0 < a1


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def fmt(value: float | None, width: int = 6) -> str:
    return f"{value:{width}.3f}" if value is not None else f"{'–':>{width}}"


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


# --- Moses-tokenised text -------------------------------------------------------------------

_ATTACH_LEFT = frozenset(",.?!:;%)]}…") | {"...", "..", "?!", "!!"}
_ATTACH_RIGHT = frozenset("([{$")
_CLITICS = frozenset({"'s", "'t", "'re", "'ve", "'ll", "'d", "'m", "'all", "'em", "n't"})


def unescape(line: str) -> str:
    """HTML entities as the Moses tokeniser writes them, including the doubly escaped
    `&amp; amp ;` of a few lines."""
    return html.unescape(line.replace("&amp; amp ;", "&amp;"))


def detokenise(line: str) -> str:
    """Undo Moses tokenisation (`word ,` → `word,`, `don 't` → `don't`, `" a "` → `"a"`).

    A small version of the Moses detokeniser, enough for the English and Vietnamese TED test
    sets: punctuation attaches left, opening brackets right, English clitics left, and straight
    quotes alternate between opening and closing.
    """
    out: list[str] = []
    glue_next = False
    quotes = {'"': 0, "'": 0}
    for tok in unescape(line).split():
        left = False
        if tok in _ATTACH_LEFT or tok.lower() in _CLITICS:
            left = True
        elif tok in quotes:
            if tok == "'" and out and out[-1][-1:].lower() == "s" and quotes["'"] % 2 == 0:
                left = True  # "the nurses ' residence"
            elif quotes[tok] % 2 == 0:
                quotes[tok] += 1
                out.append(("" if glue_next or not out else " ") + tok)
                glue_next = True
                continue
            else:
                quotes[tok] += 1
                left = True
        elif tok.startswith("'") and tok[1:].isdigit():
            left = False  # "in '35", keeps its space
        sep = "" if (left or glue_next or not out) else " "
        out.append(sep + tok)
        glue_next = tok in _ATTACH_RIGHT
    return "".join(out)


def read_lines(path: Path) -> list[str]:
    return [detokenise(line) for line in path.read_text(encoding="utf-8").splitlines()]


_FINAL = frozenset(".!?…:;\"'”’»)")
_CLOSING_QUOTES = frozenset("\"'”’»")
_SENTENCE_STOPS = frozenset(".!?…")


def punctuate(line: str) -> str:
    """A subtitle line as an article sentence: a capital first letter and a final full stop.

    About a fifth of the Vietnamese lines of tst2012 are subtitle fragments without either
    ("Tôi nhìn qua tấm kính cửa và thấy bà đứng ở bên kia" / "tôi biết bà đã đến để tạm biệt
    tôi."); joined into prose they make run-on sentences that stand for up to eight English
    ones, which no article would contain. A line that ends in a closing quote with no stop
    before it (47 lines: `Tôi nói "chắc chắn ạ"`) lacks one as well.
    """
    line = line.rstrip()
    if not line:
        return line
    if line[-1] not in _FINAL or (
        line[-1] in _CLOSING_QUOTES and len(line) > 1 and line[-2] not in _SENTENCE_STOPS
    ):
        line += "."  # also after a quotation closed without one: "… nhé"" → "… nhé"."
    return line[0].upper() + line[1:] if line[0].islower() else line


# --- articles built from line-aligned sentences --------------------------------------------


@dataclass(frozen=True)
class Article:
    """Consecutive aligned sentence pairs, in paragraphs; `first` is the index of its first
    line in the corpus."""

    first: int
    paragraphs: tuple[tuple[tuple[str, str], ...], ...]  # ((source, target), …) per paragraph


def chunk_articles(
    pairs: Sequence[tuple[str, str]], rng: Any, sizes: tuple[int, int] = (20, 40),
    paragraph: tuple[int, int] = (4, 6),
) -> list[Article]:
    """Fixed-size runs of consecutive pairs (talk boundaries are unknown), cut into paragraphs
    of a few sentences. `rng` is a seeded `random.Random`."""
    articles: list[Article] = []
    i = 0
    while i < len(pairs):
        n = rng.randint(*sizes)
        if len(pairs) - (i + n) < sizes[0]:
            n = len(pairs) - i
        chunk = list(pairs[i : i + n])
        paras = []
        k = 0
        while k < len(chunk):
            m = rng.randint(*paragraph)
            paras.append(tuple(chunk[k : k + m]))
            k += m
        articles.append(Article(i, tuple(paras)))
        i += n
    return articles


def render(paragraphs: Iterable[Sequence[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """Plain text (sentences joined by a space, paragraphs by a blank line) and the offsets of
    every sentence, per paragraph."""
    parts: list[str] = []
    spans: list[list[tuple[int, int]]] = []
    pos = 0
    for p, sentences in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            pos += 2
        row = []
        for s, sentence in enumerate(sentences):
            if s:
                parts.append(" ")
                pos += 1
            parts.append(sentence)
            row.append((pos, pos + len(sentence)))
            pos += len(sentence)
        spans.append(row)
    return "".join(parts), spans


def dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def descendants(root: int) -> list[int]:
    """Processes below `root` (pool workers and what they fork), from the parent of every
    process in /proc; empty where /proc is missing. Scanning the whole machine costs CPU, so
    callers rescan rarely and reuse the list."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        found.extend(children)
        frontier.extend(children)
    return found
