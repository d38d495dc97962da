"""Alignment quality: strict and lax precision, recall and F1 of `mtlint.align`.

Sets: the hand-aligned Text+Berg dev document, the seven OPUS Books novels (counts summed),
and synthetic pairs built from the target sides of the project's corpora/ with known gold beads
(split, merged, dropped and inserted sentences). Scoring follows the convention of the public
vecalign and Bertalign aligners, as described in ../shared/data/README.md.

    .venv/bin/python benchmarks/align_eval.py [--data DIR] [--corpora DIR]
        [--show-disagreements N [--seed K]] [--audit FILE] [--synthetic-seeds K]

`--synthetic-seeds K` adds a row for the synthetic pairs built with seeds 1 to K together
(the table's own synthetic row uses seed 13), to see that a change holds beyond one draw.

`--show-disagreements N` prints, instead of the table, N OPUS Books groups drawn at random
where mtlint's beads and the gold differ (a group: the sentences that gold and mtlint beads
connect), each with both bead sets, for reading which side is right. `--audit FILE` reads a
reader's verdicts on such groups (lines `KEY<tab>VERDICT`, the key as `--show-disagreements`
prints it after the group's number; verdicts mtlint, gold, both-wrong, both-ok) and estimates
strict F1 against a gold corrected where the reader found it wrong. The project's audit of 100
groups is `benchmarks/opusbooks-audit.tsv`.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import random
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mtlint.align import align_texts
from mtlint.model import Bead

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_CORPORA = ROOT / "corpora"

GoldBead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class Counts:
    """Correct / total counts, summed over the documents of a set."""

    p_strict: int = 0
    p_lax: int = 0
    p_total: int = 0
    r_strict: int = 0
    r_lax: int = 0
    r_total: int = 0
    one_one_exact: int = 0
    one_one_total: int = 0
    seconds: float = 0.0
    by_confidence: dict[int, list[int]] = field(default_factory=dict)

    def add(self, hyp: Sequence[Bead], gold: Sequence[GoldBead]) -> None:
        hyp_set = {(b.src, b.tgt) for b in hyp}
        gold_set = set(gold)
        gold_links = _links(gold_set)
        hyp_links = _links(hyp_set)
        for bead in hyp_set:
            self.p_total += 1
            self.p_strict += bead in gold_set
            self.p_lax += bead in gold_set or _shares_link(bead, gold_links)
        for bead in hyp:
            key = min(int(bead.confidence * 5), 4)
            cell = self.by_confidence.setdefault(key, [0, 0])
            cell[0] += (bead.src, bead.tgt) in gold_set
            cell[1] += 1
        full_hyp = {b for b in hyp_set if b[0] and b[1]}
        for bead in gold_set:
            if not (bead[0] and bead[1]):
                continue
            self.r_total += 1
            self.r_strict += bead in full_hyp
            self.r_lax += _shares_link(bead, hyp_links)
            if len(bead[0]) == len(bead[1]) == 1:
                self.one_one_total += 1
                self.one_one_exact += bead in full_hyp

    def scores(self) -> tuple[float, float, float, float, float, float]:
        return (*_prf(self.p_strict, self.p_total, self.r_strict, self.r_total),
                *_prf(self.p_lax, self.p_total, self.r_lax, self.r_total))


def _links(beads: Iterable[GoldBead]) -> set[tuple[int, int]]:
    return {(s, t) for src, tgt in beads for s in src for t in tgt}


def _shares_link(bead: GoldBead, links: set[tuple[int, int]]) -> bool:
    return any((s, t) in links for s in bead[0] for t in bead[1])


def _prf(p_ok: int, p_all: int, r_ok: int, r_all: int) -> tuple[float, float, float]:
    p = p_ok / p_all if p_all else 0.0
    r = r_ok / r_all if r_all else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_gold(path: Path) -> list[GoldBead]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            src, tgt = line.split(":")
            beads.append((tuple(ast.literal_eval(src)), tuple(ast.literal_eval(tgt))))
    return beads


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1] if path.stat().st_size else []


#: A document pair: source and target sentences, gold beads, and the languages (source,
#: target) that `mtlint align` and `check` give the aligner.
Pair = tuple[list[str], list[str], list[GoldBead], tuple[str | None, str | None]]


def evaluate(pairs: Iterable[Pair]) -> Counts:
    return evaluate_each(pairs)[0]


def evaluate_each(pairs: Iterable[Pair]) -> tuple[Counts, list[Counts]]:
    """Counts summed over the documents, and each document's own."""
    counts = Counts()
    each = []
    for src, tgt, gold, (src_lang, tgt_lang) in pairs:
        start = time.perf_counter()
        beads = align_texts(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)
        seconds = time.perf_counter() - start
        counts.seconds += seconds
        counts.add(beads, gold)
        one = Counts(seconds=seconds)
        one.add(beads, gold)
        each.append(one)
    return counts, each


def textberg(data: Path) -> Iterable[Pair]:
    folder = data / "align" / "textberg-dev"
    yield (read_lines(folder / "dev.de"), read_lines(folder / "dev.fr"),
           read_gold(folder / "dev.defr"), ("de", "fr"))


def opus_names(data: Path) -> list[str]:
    return [gold.stem for gold in sorted((data / "align" / "opusbooks").glob("*.gold"))]


def opusbooks(data: Path) -> Iterable[Pair]:
    """The novels; languages from the file names (`DE-EN-…`)."""
    for gold in sorted((data / "align" / "opusbooks").glob("*.gold")):
        src_lang, tgt_lang = (part.lower() for part in gold.name.split("-")[:2])
        yield (read_lines(gold.with_suffix(".src")), read_lines(gold.with_suffix(".tgt")),
               read_gold(gold), (src_lang, tgt_lang))


@dataclass(frozen=True)
class Disagreement:
    """Sentences of one book that gold and mtlint beads connect, where the two bead sets
    differ, with both bead sets."""

    book: str
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    gold: tuple[GoldBead, ...]
    hyp: tuple[GoldBead, ...]

    @property
    def key(self) -> str:
        """Names the group in an audit file (see `--audit`): the book, the sentences, and a
        digest of both bead sets, so that a verdict lapses when either changes."""
        def span(ids: tuple[int, ...]) -> str:
            return f"{ids[0]}-{ids[-1]}" if ids else "-"

        digest = hashlib.sha1(repr((self.gold, self.hyp)).encode()).hexdigest()[:8]
        return f"{self.book} S{span(self.src)} T{span(self.tgt)} {digest}"

    def errors(self) -> tuple[int, int]:
        """mtlint beads that the gold lacks, and gold pairs (both sides non-empty) that mtlint
        lacks: what the group costs strict precision and recall."""
        gold, hyp = set(self.gold), set(self.hyp)
        return len(hyp - gold), sum(1 for b in gold - hyp if b[0] and b[1])


def disagreements(data: Path) -> list[Disagreement]:
    """Every OPUS Books group where mtlint's beads and the gold differ, in book order."""
    found = []
    for book, (src, tgt, gold, (src_lang, tgt_lang)) in zip(opus_names(data), opusbooks(data)):
        hyp = [(b.src, b.tgt) for b in align_texts(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)]
        parent: dict[tuple[str, int], tuple[str, int]] = {}

        def find(x: tuple[str, int]) -> tuple[str, int]:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        for bead in [*gold, *hyp]:
            nodes = [("s", i) for i in bead[0]] + [("t", j) for j in bead[1]]
            for node in nodes[1:]:
                parent[find(node)] = find(nodes[0])
        groups: dict[tuple[str, int], tuple[list[GoldBead], list[GoldBead]]] = {}
        for k, beads in enumerate((gold, hyp)):
            for bead in beads:
                if bead[0] or bead[1]:
                    root = find(("s", bead[0][0]) if bead[0] else ("t", bead[1][0]))
                    groups.setdefault(root, ([], []))[k].append(bead)
        for g, h in groups.values():
            if set(g) != set(h):
                found.append(Disagreement(
                    book,
                    tuple(sorted({i for b in g + h for i in b[0]})),
                    tuple(sorted({j for b in g + h for j in b[1]})),
                    tuple(sorted(g)), tuple(sorted(h)),
                ))
    return found


def show_disagreements(data: Path, count: int, seed: int) -> None:
    groups = disagreements(data)
    texts = {book: (read_lines(data / "align" / "opusbooks" / f"{book}.src"),
                    read_lines(data / "align" / "opusbooks" / f"{book}.tgt"))
             for book in opus_names(data)}
    print(f"{len(groups)} groups where mtlint and the OPUS Books gold differ; {count} at random "
          f"(seed {seed}):")
    for n, group in enumerate(random.Random(seed).sample(groups, count), 1):
        src, tgt = texts[group.book]
        print(f"\n#{n} {group.key}")
        print("\n".join([*(f"  S{i}: {src[i]}" for i in group.src), *(f"  T{j}: {tgt[j]}" for j in group.tgt)]))
        print(f"  gold:   {_beads_text(group.gold)}\n  mtlint: {_beads_text(group.hyp)}")


#: Verdicts of an audit file: which side's beads a reader found right.
VERDICTS = ("mtlint", "gold", "both-wrong", "both-ok")


def audit(data: Path, path: Path) -> None:
    """Strict precision, recall and F1 on OPUS Books as they would be if the gold were right
    where an audit found mtlint right: the audited groups' errors are split by verdict, and
    each share is applied to all the errors of the unaudited groups too (an estimate)."""
    verdicts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, verdict = line.rsplit("\t", 1)
            if verdict not in VERDICTS:
                sys.exit(f"{path}: unknown verdict {verdict!r} (one of {', '.join(VERDICTS)})")
            verdicts[key] = verdict
    groups = disagreements(data)
    audited = [g for g in groups if g.key in verdicts]
    if not audited:
        sys.exit(f"{path}: none of its groups is among today's disagreements")
    tally = {v: sum(verdicts[g.key] == v for g in audited) for v in VERDICTS}
    sample = [g.errors() for g in audited]
    cleared = [g.errors() for g in audited if verdicts[g.key] in ("mtlint", "both-ok")]
    share = [sum(e[k] for e in cleared) / max(sum(e[k] for e in sample), 1) for k in (0, 1)]
    counts = evaluate(opusbooks(data))
    p = (counts.p_strict + share[0] * (counts.p_total - counts.p_strict)) / counts.p_total
    r = (counts.r_strict + share[1] * (counts.r_total - counts.r_strict)) / counts.r_total
    print(f"{len(groups)} disagreement groups, {len(audited)} audited "
          f"({len(verdicts) - len(audited)} of the file's groups no longer differ or changed)")
    print("verdicts: " + ", ".join(f"{v} {n}" for v, n in tally.items()))
    print(f"errors of the audited groups where the gold is wrong: precision {share[0]:.2f}, "
          f"recall {share[1]:.2f}")
    sp, sr, sf, *_ = counts.scores()
    print(f"OPUS Books strict P/R/F1 against the gold as is:   {sp:.3f} {sr:.3f} {sf:.3f}")
    print(f"  with the gold's errors corrected (estimate):     {p:.3f} {r:.3f} {2 * p * r / (p + r):.3f}")


def _beads_text(beads: Sequence[GoldBead]) -> str:
    return " ".join(f"{list(s)}:{list(t)}" for s, t in beads)


# --- synthetic pairs --------------------------------------------------------------------------

_TAG_RE = re.compile(r"<[^>]+>")
_MD_RE = re.compile(r"^\s*(?:#+|[-*+]|\d+[.)]|>)\s+")
_SENT_RE = re.compile(r"(?<=[.!?。！？])\s+")


def corpus_sentences(corpora: Path) -> list[list[str]]:
    """Target-side sentences of every corpora pair (segmented by mtlint when it can)."""
    docs = []
    for folder in sorted(p for p in corpora.iterdir() if p.is_dir()):
        targets = sorted(folder.glob("target.*"))
        if targets:
            sentences = _segment(targets[0])
            if len(sentences) >= 4:
                docs.append(sentences)
    return docs


def _segment(path: Path) -> list[str]:
    try:
        from mtlint.documents import load_document  # type: ignore[attr-defined]
        from mtlint.segment import segment  # type: ignore[attr-defined]

        return [s.text for s in segment(load_document(path))]
    except Exception:  # noqa: BLE001 - the pipeline stages may not exist yet: fall back.
        text = _TAG_RE.sub("\n", path.read_text(encoding="utf-8"))
        lines = (_MD_RE.sub("", line).strip() for line in text.splitlines())
        return [s for line in lines if line for s in _SENT_RE.split(line) if s.strip()]


def synthetic(corpora: Path, seed: int = 13) -> Iterable[Pair]:
    """Each corpus document against a rewritten copy of itself with known gold beads.

    The copy has some words replaced (so matching is not trivial), and sentences split (1-2),
    merged (2-1), dropped (1-0) and inserted (0-1).
    """
    docs = corpus_sentences(corpora)
    rng = random.Random(seed)
    vocabulary = sorted({w for doc in docs for s in doc for w in s.split() if w.isalpha()})
    for k, src in enumerate(docs):
        others = [s for d, doc in enumerate(docs) if d != k for s in doc]
        tgt: list[str] = []
        gold: list[GoldBead] = []
        i = 0
        while i < len(src):
            roll = rng.random()
            if roll < 0.05 and others:
                gold.append(((), (len(tgt),)))
                tgt.append(_noisy(rng.choice(others), rng, vocabulary))
                continue
            if roll < 0.10:
                gold.append(((i,), ()))
                i += 1
                continue
            if roll < 0.17 and i + 1 < len(src):
                gold.append(((i, i + 1), (len(tgt),)))
                tgt.append(_noisy(src[i] + " " + src[i + 1], rng, vocabulary))
                i += 2
                continue
            words = src[i].split()
            if roll < 0.24 and len(words) >= 6:
                cut = rng.randrange(3, len(words) - 2)
                gold.append(((i,), (len(tgt), len(tgt) + 1)))
                tgt.append(_noisy(" ".join(words[:cut]), rng, vocabulary))
                tgt.append(_noisy(" ".join(words[cut:]), rng, vocabulary))
            else:
                gold.append(((i,), (len(tgt),)))
                tgt.append(_noisy(src[i], rng, vocabulary))
            i += 1
        yield src, tgt, gold, (None, None)  # a document against a copy of itself


def _noisy(sentence: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """Replace a quarter of the words by other words, as a loose paraphrase would (numbers are
    kept: a translation keeps them too)."""
    words = sentence.split()
    return " ".join(
        rng.choice(vocabulary) if w.isalpha() and rng.random() < 0.25 else w for w in words
    )


# --- report -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="corpora folder")
    parser.add_argument("--show-disagreements", type=int, metavar="N", default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--synthetic-seeds", type=int, metavar="K", default=0)
    parser.add_argument("--audit", type=Path, metavar="FILE")
    args = parser.parse_args(argv)
    if args.show_disagreements:
        show_disagreements(args.data, args.show_disagreements, args.seed)
        return 0
    if args.audit:
        audit(args.data, args.audit)
        return 0
    rows: list[tuple[str, Counts]] = []
    books: list[tuple[str, Counts]] = []
    if (args.data / "align").is_dir():
        rows.append(("Text+Berg dev (de-fr)", evaluate(textberg(args.data))))
        total, each = evaluate_each(opusbooks(args.data))
        rows.append(("OPUS Books (7 novels)", total))
        books = list(zip(opus_names(args.data), each))
    else:
        print(f"skipped Text+Berg and OPUS Books: no data folder at {args.data}", file=sys.stderr)
    if args.corpora.is_dir() and corpus_sentences(args.corpora):
        rows.append(("synthetic (corpora)", evaluate(synthetic(args.corpora))))
        if args.synthetic_seeds:
            rows.append((f"synthetic, seeds 1-{args.synthetic_seeds}", evaluate(
                pair for seed in range(1, args.synthetic_seeds + 1)
                for pair in synthetic(args.corpora, seed))))
    else:
        print(f"skipped synthetic pairs: no corpora at {args.corpora}", file=sys.stderr)
    if not rows:
        return 0
    print(f"{'set':24} {'strict P':>8} {'R':>6} {'F1':>6}   {'lax P':>6} {'R':>6} {'F1':>6}"
          f"   {'1-1 exact':>11} {'seconds':>8}")
    for name, c in rows:
        sp, sr, sf, lp, lr, lf = c.scores()
        print(f"{name:24} {sp:8.3f} {sr:6.3f} {sf:6.3f}   {lp:6.3f} {lr:6.3f} {lf:6.3f}"
              f"   {c.one_one_exact:5}/{c.one_one_total:<5} {c.seconds:8.2f}")
    if books:
        print("\nOPUS Books, per book")
        for name, c in books:
            sp, sr, sf, lp, lr, lf = c.scores()
            print(f"  {name[:22]:22} {sp:8.3f} {sr:6.3f} {sf:6.3f}   {lp:6.3f} {lr:6.3f} {lf:6.3f}"
                  f"   {c.one_one_exact:5}/{c.one_one_total:<5} {c.seconds:8.2f}")
    print("\nstrict precision of output beads by confidence")
    print(f"{'set':24} " + " ".join(f"{f'{k / 5:.1f}-{(k + 1) / 5:.1f}':>13}" for k in range(5)))
    for name, c in rows:
        cells = []
        for k in range(5):
            ok, total = c.by_confidence.get(k, [0, 0])
            cells.append(f"{ok / total:.2f} ({total:>4})" if total else f"{'-':>13}")
        print(f"{name:24} " + " ".join(f"{cell:>13}" for cell in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
