"""Omitted and added sentences (MT103, MT104): what the alignment leaves without a counterpart.

They only trust beads the aligner is sure of: a sentence the aligner could not pair is not yet a
gap, and a good human translation merges, splits and reorders sentences freely.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from mtlint.model import Bead, Segment, Severity, Side, Span
from mtlint.rules.registry import Issue, RuleContext, rule
from mtlint.rules.words import content_words, letters, prose_words, quote, sentence_runs

#: Confidence an unmatched (1-0 or 0-1) bead needs before it is reported. The aligner already
#: discounts such a bead by the confidence of the matched beads around it and by any anchor
#: its sentence shares with the other side (see `mtlint.alignment.confidence`), so true gaps
#: score lower than a sure 1-1 bead would: 0.15-0.6 on the sample corpora, often 0.1-0.3 in
#: Vietnamese-English, where few anchors survive translation.
UNMATCHED_CONFIDENCE = 0.12
#: Confidence the surer of the beads on either side of an unmatched run needs, and the floor
#: for the other: where the alignment around it is unsure, an unmatched sentence may just be
#: one the aligner failed to pair. One fairly sure neighbour is enough, since sentences with
#: few anchors (short, no numbers or names) get modest confidence even when matched right: on
#: 54 TED articles of human vi→en translation the aligner leaves only 4 sentences unmatched,
#: while stricter gates here halve the recall of real omissions and additions.
NEIGHBOUR_CONFIDENCE = 0.4
NEIGHBOUR_FLOOR = 0.1
#: Belief (the aligner's posterior, see `Bead.unmatched`) from which a sentence may be where a
#: gap is, and the belief that consecutive such sentences need together to be reported when
#: the aligner's path pairs them all.
GAP_SHARE = 0.15
GAP_MASS = 0.5
#: rapidfuzz ratio (0-100) from which a target sentence counts as a near-copy of another one
#: (a repetition, MT201's business, not an addition).
NEAR_COPY_RATIO = 90.0
#: An omitted or added run of sentences this short (in words) is a minor matter.
SHORT_WORDS = 3


def _unmatched_runs(ctx: RuleContext, side: Side) -> Iterator[list[int]]:
    """Runs of consecutive `side` segments that have no counterpart, each with the sentences the
    gap may be at.

    Two sources, merged where they touch. The aligner's path: runs of unmatched (1-0 or 0-1)
    beads, kept only if the beads on both sides are confident and neither is an unmatched
    sentence of the other side (a 1-0 bead next to a 0-1 bead is a sentence translated beyond
    recognition, not an omission plus an addition). And the aligner's posterior: consecutive
    sentences that each have at least `GAP_SHARE` belief of being unmatched, together at least
    `GAP_MASS`, with little such belief on the other side next to them. The second finds the
    gaps whose place the lengths cannot pin down (the path pairs the dropped sentence's
    neighbour with the wrong line and leaves that neighbour out instead, or hides the gap in a
    merge), and widens a path run to the sentences that may be the missing one.

    Target lines that are scraping residue (MT301's business) are taken out first, so they are
    neither reported as added nor break the context of a real gap.
    """
    residue = _residue_lines(ctx)
    beads = [b for b in ctx.beads if b.src or not set(b.tgt) <= residue]

    def own(bead: Bead) -> tuple[int, ...]:
        return bead.src if side == "source" else bead.tgt

    def other(bead: Bead) -> tuple[int, ...]:
        return bead.tgt if side == "source" else bead.src

    sure: set[int] = set()
    i = 0
    while i < len(beads):
        j = i
        while j < len(beads) and not other(beads[j]):
            j += 1
        if j == i:
            i += 1
            continue
        neighbours = [beads[n] for n in (i - 1, j) if 0 <= n < len(beads)]
        confidences = [b.confidence for b in neighbours]
        if (
            all(b.confidence >= UNMATCHED_CONFIDENCE for b in beads[i:j])
            and all(own(b) for b in neighbours)
            and max(confidences, default=0.0) >= NEIGHBOUR_CONFIDENCE
            and min(confidences, default=0.0) >= NEIGHBOUR_FLOOR
        ):
            sure.update(k for b in beads[i:j] for k in own(b))
        i = j
    belief = _gap_belief(beads, side)
    position = {k: n for n, b in enumerate(beads) for k in own(b)}
    for run in _runs_of(sorted(sure | {k for k, u in belief.items() if u >= GAP_SHARE})):
        if sure & set(run):
            yield run
            continue
        around = range(max(position[run[0]] - 1, 0), min(position[run[-1]] + 2, len(beads)))
        opposite = _gap_belief([beads[n] for n in around], "target" if side == "source" else "source")
        if sum(belief[k] for k in run) >= GAP_MASS and max(opposite.values(), default=0.0) < GAP_SHARE:
            yield run


def _gap_belief(beads: Sequence[Bead], side: Side) -> dict[int, float]:
    """The aligner's belief that each `side` sentence of the beads has no counterpart (none
    where the beads do not say)."""
    belief: dict[int, float] = {}
    for bead in beads:
        own = bead.src if side == "source" else bead.tgt
        shares = bead.unmatched[: len(bead.src)] if side == "source" else bead.unmatched[len(bead.src) :]
        belief.update(zip(own, shares if len(shares) == len(own) else (0.0,) * len(own)))
    return belief


def _runs_of(indices: Sequence[int]) -> Iterator[list[int]]:
    """Sorted indices cut into runs of consecutive ones."""
    run: list[int] = []
    for k in indices:
        if run and k != run[-1] + 1:
            yield run
            run = []
        run.append(k)
    if run:
        yield run


@lru_cache(maxsize=8)
def _residue_lines(ctx: RuleContext) -> frozenset[int]:
    """Target segments of 0-1 beads that the residue rule recognises as scraping residue."""
    from mtlint.rules.residue import is_residue

    return frozenset(
        j
        for bead in ctx.beads
        if not bead.src
        for j in bead.tgt
        if is_residue(ctx.target_segments[j].text, ctx.target_lang)
    )


def _size_severity(run: Sequence[int], segments: Sequence[Segment]) -> Severity | None:
    """Critical for a whole paragraph of several sentences, minor for a run of mere headings,
    names or numbers, else the rule's default."""
    chosen = [segments[i] for i in run]
    blocks = {s.block for s in chosen}
    for block in blocks:
        members = [s.index for s in segments if s.block == block]
        if len(members) >= 2 and set(members) <= set(run):
            return Severity.CRITICAL
    words = [prose_words(s.text) for s in chosen]
    if all(len(w) <= SHORT_WORDS or not content_words(w) for w in words):
        return Severity.MINOR
    return None


def _side_spans(side: Side, run: Sequence[int], segments: Sequence[Segment]) -> tuple[Span, ...]:
    return tuple(Span(side, segments[i].start, segments[i].end) for i in run)


@rule("MT103", "omitted-sentence", "Accuracy/Omission", Severity.MAJOR, needs_source=True)
def omitted_sentence(ctx: RuleContext) -> Iterable[Issue]:
    """A sentence of the original has no counterpart in the translation.

    What it does: reports source sentences that the aligner leaves unmatched (1-0 beads) with
    confidence ≥ 0.12 (the aligner already discounts such beads by their context and by anchors
    found elsewhere), when the beads around them are matched, one with confidence ≥ 0.4 and
    the other ≥ 0.1; an unmatched
    target sentence right next to it means a garbled translation or an aligner miss, not a
    gap, and target lines the residue rule recognises (MT301) do not count as neighbours. One
    finding per run of consecutive omitted sentences, with a span on each; critical when the run
    is a whole paragraph of two sentences or more, minor when it is only short headings (≤ 3
    words), names or numbers.

    Why it matters: omissions are invisible to a reader of the translation alone, yet they
    change what the article says.

    Example: the source sentence "Zudem seien viele Bauteile über 40 Jahre alt und müssten
    dringend ersetzt werden." has no English counterpart.
    """
    segments = ctx.source_segments
    for run in _unmatched_runs(ctx, "source"):
        count = f"{len(run)} source sentence{'s' if len(run) > 1 else ''}"
        verb = "have" if len(run) > 1 else "has"
        yield Issue(
            f"{count} {verb} no counterpart in the translation: {quote(segments[run[0]].text)}",
            _side_spans("source", run, segments),
            severity=_size_severity(run, segments),
        )


@rule("MT104", "added-sentence", "Accuracy/Addition", Severity.MAJOR, needs_source=True)
def added_sentence(ctx: RuleContext) -> Iterable[Issue]:
    """A sentence of the translation has no counterpart in the original.

    What it does: reports target sentences in confident 0-1 beads (same confidence and
    neighbour conditions as MT103), leaving out those another rule explains better: scraping
    residue (`mtlint.rules.residue.is_residue`, MT301), a near-copy of another sentence of the
    translation (repetition, MT201) and a fragment starting in lowercase (a broken boundary,
    MT202). One finding per run; critical for a whole paragraph of two sentences or more, minor
    for short headings, names or numbers.

    Why it matters: machine translation and post-editing sometimes invent claims; the reader
    cannot tell them from the original's.

    Example: "Passes purchased online can also be used on the city's metro lines." with nothing
    like it in the Vietnamese original.
    """
    segments = ctx.target_segments
    for run in _unmatched_runs(ctx, "target"):
        kept = [j for j in run if not _explained_elsewhere(segments, j)]
        for part in sentence_runs(kept, segments):
            count = f"{len(part)} sentence{'s' if len(part) > 1 else ''}"
            verb = "have" if len(part) > 1 else "has"
            yield Issue(
                f"{count} of the translation {verb} no counterpart in the original: "
                f"{quote(segments[part[0]].text)}",
                _side_spans("target", part, segments),
                severity=_size_severity(part, segments),
            )


def _explained_elsewhere(segments: Sequence[Segment], j: int) -> bool:
    """A lowercase start (broken boundary) or a near-copy of another sentence (repetition)."""
    first = next((ch for ch in segments[j].text if ch.isalpha()), "")
    if first.islower():
        return True
    from rapidfuzz.fuzz import ratio

    text = letters(segments[j].text)
    return any(
        ratio(text, letters(other.text)) >= NEAR_COPY_RATIO
        for other in segments
        if other.index != j
    )
