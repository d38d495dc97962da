"""Scores: sacrebleu BLEU, chrF++ and TER against one or more references, and a reference-free
MQM-style quality score from the findings.

With references: every reference is aligned to the translation with the same aligner as the
original, so a reference that splits or merges sentences differently still scores fairly.
sacrebleu's multi-reference mode needs one reference line per hypothesis line, and each
reference splits the text differently, so the lines are *translation segment groups*: the
translation's sentences cut wherever no reference's alignment joins two of them (a 2-1 bead
with one reference keeps those two translation sentences on one line for all). Each
reference's sentences go to the line of the translation sentences they are aligned to; a
reference sentence aligned to nothing joins the line before it (the first line at the start).
Every figure carries sacrebleu's signature string, and the corpus figures are exactly what
`sacrebleu REF… -i HYP -m bleu chrf ter --chrf-word-order 2 -tok TOK` prints for those lines.

Without a reference: `quality_score`, 100 minus the MQM penalty (severity weights) per 100
target words, per aligned pair and per document (`quality_report`).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mtlint.model import Bead, Finding, Segment, Severity

#: sacrebleu tokenizer per target language; everything else uses the default 13a. Japanese and
#: Korean fall back to characters because sacrebleu's MeCab tokenizers need extra packages.
_TOKENIZERS = {"zh": "zh", "ja": "char", "ko": "char"}
_ASIAN = {"zh", "ja", "ko"}


def tokenizer(lang: str) -> str:
    """The sacrebleu BLEU tokenizer used for a target language (its `-tok` value)."""
    return _TOKENIZERS.get(lang, "13a")


@lru_cache(maxsize=None)
def _metrics(lang: str) -> tuple[Any, Any, Any, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    return (
        BLEU(tokenize=tokenizer(lang)),
        BLEU(tokenize=tokenizer(lang), effective_order=True),
        CHRF(word_order=2),
        TER(asian_support=lang in _ASIAN),
    )


# --------------------------------------------------------------------------- with references


@dataclass(frozen=True, slots=True)
class Group:
    """One scored line: translation sentences, and per reference the sentences aligned to them."""

    hyp: tuple[int, ...]
    refs: tuple[tuple[int, ...], ...]


def segment_groups(n_hyp: int, alignments: Sequence[Sequence[Bead]]) -> list[Group]:
    """The common lines of the translation and every reference (see the module docstring).

    Each alignment has the translation on its `src` side and one reference on its `tgt` side,
    and covers both in order. A translation without sentences makes one empty line, so the
    references still count against it.
    """
    joined = [False] * n_hyp  # joined[i]: sentence i stays on the line of sentence i - 1
    for beads in alignments:
        for bead in beads:
            for i in bead.src[1:]:
                joined[i] = True
    line_of: list[int] = []
    for i in range(n_hyp):
        line_of.append(line_of[-1] + (not joined[i]) if line_of else 0)
    n_lines = line_of[-1] + 1 if line_of else 1
    hyp: list[list[int]] = [[] for _ in range(n_lines)]
    for i, line in enumerate(line_of):
        hyp[line].append(i)
    refs: list[list[list[int]]] = []
    for beads in alignments:
        rows: list[list[int]] = [[] for _ in range(n_lines)]
        current = 0
        for bead in beads:
            if bead.src:
                current = line_of[bead.src[0]]
            rows[current].extend(bead.tgt)
        refs.append(rows)
    return [
        Group(tuple(hyp[k]), tuple(tuple(rows[k]) for rows in refs)) for k in range(n_lines)
    ]


def _line(texts: Sequence[str], indices: Iterable[int]) -> str:
    """Sentences as one line: whitespace (line breaks inside a paragraph) becomes one space,
    so the lines can be written to a file and read back by the sacrebleu command line."""
    return " ".join(" ".join(texts[i].split()) for i in indices)


def reference_scores(
    hyp: Sequence[str],
    refs: Sequence[Sequence[str]],
    alignments: Sequence[Sequence[Bead]],
    lang: str,
) -> dict[str, Any]:
    """Corpus BLEU, chrF++ and TER with signatures, and the same per line (`per_pair`).

    `hyp` are the translation's sentences, `refs` each reference's sentences, `alignments`
    each reference's beads against the translation. Per line, BLEU uses effective order (as
    sacrebleu's sentence BLEU should), so a short line is not zero for lack of 4-grams.
    """
    groups = segment_groups(len(hyp), alignments)
    hyps = [_line(hyp, g.hyp) for g in groups]
    streams = [[_line(ref, g.refs[r]) for g in groups] for r, ref in enumerate(refs)]
    bleu, sentence_bleu, chrf, ter = _metrics(lang)
    per_pair = []
    for k, (group, line) in enumerate(zip(groups, hyps)):
        references = [stream[k] for stream in streams]
        per_pair.append({
            "target": list(group.hyp),
            "reference": [list(r) for r in group.refs],
            "bleu": round(sentence_bleu.sentence_score(line, references).score, 2),
            "chrf": round(chrf.sentence_score(line, references).score, 2),
            "ter": round(ter.sentence_score(line, references).score, 2),
        })
    figures = {
        name: round(metric.corpus_score(hyps, streams).score, 2)
        for name, metric in (("bleu", bleu), ("chrf", chrf), ("ter", ter))
    }
    # signatures after the corpus scores: they record the number of references
    return {
        **figures,
        "signatures": {
            "bleu": str(bleu.get_signature()),
            "chrf": str(chrf.get_signature()),
            "ter": str(ter.get_signature()),
            "sentence_bleu": str(sentence_bleu.get_signature()),
        },
        "tokenize": tokenizer(lang),
        "lines": len(groups),
        "per_pair": per_pair,
    }


# --------------------------------------------------------------------------- without a reference

#: MQM-style penalty points per finding, by severity (neutral findings cost nothing). The
#: `severity-weights` setting overrides them.
SEVERITY_WEIGHTS: dict[Severity, float] = {
    Severity.NEUTRAL: 0.0,
    Severity.MINOR: 1.0,
    Severity.MAJOR: 5.0,
    Severity.CRITICAL: 25.0,
}
#: A pair or document shorter than this many words is judged as if it had this many: one
#: minor finding costs a one-word pair 10 points (not all 100), a major one 50, a critical one
#: everything. Ten words is a short sentence; most sentences are longer and keep their own
#: length.
MIN_WORDS = 10
#: A bead at or above this alignment confidence counts as confidently aligned.
CONFIDENT = 0.5
#: A 1-1 pair's length ratio is healthy within this factor of the document's ratio (either
#: way): sentence length ratios scatter about ±25 % around the document's, a cut or padded
#: sentence falls outside.
LENGTH_BAND = 1.5


def mqm_penalty(
    findings: Iterable[Finding],
    n_words: int,
    weights: Mapping[Severity, float] = SEVERITY_WEIGHTS,
    *,
    min_words: int = 1,
) -> float:
    """The findings' severity weights summed and scaled to 100 words of text.

    The text counts as at least `min_words` words (and at least one), so an empty text with a
    finding is penalised rather than divided by zero.
    """
    points = sum(weights.get(f.severity, 0.0) for f in findings)
    return points * 100.0 / max(n_words, min_words, 1)


def quality_score(
    findings: Iterable[Finding],
    n_words: int,
    weights: Mapping[Severity, float] = SEVERITY_WEIGHTS,
    *,
    min_words: int = 1,
) -> float:
    """A 0-100 quality score without a reference: 100 minus the MQM penalty per 100 words.

    The penalty is the sum of the findings' severity weights scaled to 100 target words, so
    one major error costs a 10-word sentence 50 points but a 500-word article only 1: the
    same error rate scores the same at any length. Scores are floored at 0 (a text can be
    worse than useless, but a filter threshold needs a bounded scale). The article check
    passes `min_words=MIN_WORDS`, so a short pair is judged as a short sentence.
    """
    return _score(mqm_penalty(findings, n_words, weights, min_words=min_words))


def _score(penalty: float) -> float:
    return round(max(0.0, 100.0 - penalty), 2)


def quality_report(
    findings: Sequence[Finding],
    source_segments: Sequence[Segment],
    target_segments: Sequence[Segment],
    beads: Sequence[Bead],
    weights: Mapping[Severity, float] = SEVERITY_WEIGHTS,
) -> dict[str, Any]:
    """`Report.scores["quality"]`: the document score, one score per bead, and beside them
    how far the alignment (and so the per-pair attribution) can be trusted.

    A finding counts for the bead that holds its primary span (the translation span, else
    the original span, e.g. an omitted sentence). Without an original there are no beads: each
    translation sentence is a pair of its own. Findings without a span count only for the
    document. Every pair is normalised by its own translation words (at least `MIN_WORDS`),
    the document by all of them.
    """
    from mtlint.rules.residue import word_count

    pairs = list(beads) if source_segments else [
        Bead((), (s.index,), 0.0, 1.0) for s in target_segments
    ]
    locate = {
        "source": _locator(source_segments, pairs, lambda b: b.src),
        "target": _locator(target_segments, pairs, lambda b: b.tgt),
    }
    per_pair_findings: list[list[Finding]] = [[] for _ in pairs]
    for finding in findings:
        span = finding.primary
        where = locate[span.side](span.start) if span is not None and span.side in locate else None
        if where is not None:
            per_pair_findings[where].append(finding)
    seg_words = [word_count(s.text) for s in target_segments]
    per_pair = []
    for bead, found in zip(pairs, per_pair_findings):
        words = sum(seg_words[j] for j in bead.tgt)
        per_pair.append(_scored(found, words, weights))
    return {
        **_scored(findings, sum(seg_words), weights),
        "weights": {s.value: weights.get(s, 0.0) for s in Severity},
        "min_words": MIN_WORDS,
        "per_pair": per_pair,
        "alignment_confidence": _confidence(beads) if source_segments else None,
        "length_ratio": _length_ratio(beads, source_segments, target_segments)
        if source_segments else None,
    }


def _scored(
    findings: Sequence[Finding], words: int, weights: Mapping[Severity, float]
) -> dict[str, Any]:
    penalty = mqm_penalty(findings, words, weights, min_words=MIN_WORDS)
    return {
        "score": _score(penalty),
        "penalty": round(penalty, 2),
        "words": words,
    }


def _locator(
    segments: Sequence[Segment], pairs: Sequence[Bead], side: Callable[[Bead], tuple[int, ...]]
) -> Callable[[int], int | None]:
    """Position on one side → index of the pair holding the segment there (the segment
    before it when the position falls between segments)."""
    starts = [s.start for s in segments]
    pair_of: dict[int, int] = {}
    for k, bead in enumerate(pairs):
        for i in side(bead):
            pair_of[i] = k

    def locate(pos: int) -> int | None:
        if not segments:
            return None
        i = max(bisect.bisect_right(starts, pos) - 1, 0)
        return pair_of.get(segments[i].index)

    return locate


def _confidence(beads: Sequence[Bead]) -> dict[str, Any]:
    n = len(beads)
    return {
        "mean": round(sum(b.confidence for b in beads) / n, 4) if n else None,
        "share_confident": round(sum(b.confidence >= CONFIDENT for b in beads) / n, 4)
        if n else None,
        "threshold": CONFIDENT,
    }


def _chars(text: str) -> int:
    """Length without whitespace, so spacing conventions do not change ratios."""
    return len("".join(text.split()))


def _length_ratio(
    beads: Sequence[Bead], source: Sequence[Segment], target: Sequence[Segment]
) -> dict[str, Any]:
    """The document's translation/original character ratio, and the share of 1-1 pairs whose
    own ratio lies within `LENGTH_BAND` of it: a low share means cut, padded or misaligned
    sentences."""
    src_chars = sum(_chars(s.text) for s in source)
    tgt_chars = sum(_chars(s.text) for s in target)
    ratio = tgt_chars / src_chars if src_chars and tgt_chars else None
    one_to_one = [b for b in beads if len(b.src) == 1 and len(b.tgt) == 1]
    within = None
    if ratio is not None and one_to_one:
        inside = 0
        for bead in one_to_one:
            s, t = _chars(source[bead.src[0]].text), _chars(target[bead.tgt[0]].text)
            inside += bool(s and t) and abs(math.log(t / s / ratio)) <= math.log(LENGTH_BAND)
        within = round(inside / len(one_to_one), 4)
    return {
        "ratio": round(ratio, 4) if ratio is not None else None,
        "band": LENGTH_BAND,
        "one_to_one": len(one_to_one),
        "share_in_band": within,
    }
