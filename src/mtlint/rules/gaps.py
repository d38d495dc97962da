"""Omitted and added sentences (MT103, MT104): what the alignment leaves without a counterpart.

They only trust beads the aligner is sure of: a sentence the aligner could not pair is not yet a
gap, and a good human translation merges, splits and reorders sentences freely. Where few
anchors survive translation (Vietnamese-English), the aligner knows that a sentence is missing
better than where: it often leaves out the dropped sentence's neighbour and pairs the dropped
one with the neighbour's translation. A finding then also covers the neighbours that length
alone cannot tell from the reported sentence (see `_swappable`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from mtlint.alignment.features import HARD_KINDS, analyse, weighted_length
from mtlint.model import Bead, Segment, Severity, Side, Span
from mtlint.rules.registry import Issue, RuleContext, rule
from mtlint.rules.words import content_words, letters, prose_words, quote, sentence_runs

T = TypeVar("T")

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
#: gap is, and the belief that consecutive such sentences need together to be reported as a
#: sure gap when the aligner's path pairs them all: a third of a sentence. On omissions and
#: additions injected into vi→en TED talks and into OPUS Books novels (de, fr, es, it, nl, ru
#: with en), these find 1-4 % more than 0.15 and 0.5 did, with no new finding on the clean
#: texts. A thinner run is a weak gap (see `Gap.weak`).
GAP_SHARE = 0.12
GAP_MASS = 1 / 3
#: Belief from which a sentence is a weak gap all the same when its bead gives it no support
#: (`Bead.unsupported`: it has anchors the other side shares, hardly any in its bead) or does
#: not need it (`_overlong`: the bead's lengths agree better without it). The aligner's belief
#: alone is spread thin where it hides a dropped sentence in a merge or pairs it with a
#: neighbour's line, 0.03-0.3 on omissions injected into vi→en TED talks, while 3 of about
#: 1,600 sentences of their human translations reach 0.03 without support. A sentence that
#: neither its bead supports nor its lengths need is a weak gap at any belief. A neighbour of
#: a gap with this much belief is a place where the gap may be instead (`Gap.nearby`).
WEAK_SHARE = 0.03
#: A bead that pairs one sentence with this many or more of the other side shows that the
#: other side is segmented more coarsely there (subtitle lines, dialogue without full stops,
#: where one "sentence" stands for up to eight): the sentences next to such a bead that the
#: aligner leaves unmatched are what its widest bead types could not hold, not gaps. A human
#: translation splits a sentence in two often, in three or more rarely, and a real gap makes
#: the aligner merge two sentences, not three.
OVERFLOW_FAN_OUT = 3
#: ... unless that one sentence is too short to stand for the wide bead and the run together:
#: they would take more than this multiple of the length it predicts. On the vi→en TED talks,
#: as published and punctuated, such beads with the sentences left beside them reach at most
#: 1.9 times the prediction; with a sentence inserted from elsewhere, 2.3 and more.
OVERFLOW_FILL = 2.0
#: rapidfuzz ratio (0-100) from which a target sentence counts as a near-copy of another one
#: (a repetition, MT201's business, not an addition).
NEAR_COPY_RATIO = 90.0
#: What a finding's message adds when it also spans neighbours of the sentence it reports (see
#: `Gap`); benchmarks look for it to tell such findings from pinpointed ones.
UNSURE_PLACE = "the alignment cannot tell which has no counterpart"
#: What the message of a weak gap adds, by what makes it one (see `Gap.weak`).
WEAK_NOTES = {
    "unsupported": "likely: nothing the alignment puts with {it} translates {its} words",
    "overlong": "likely: the lengths of {its} bead agree better without {it}",
    "doubted": "unsure: the alignment doubts {it} a little",
}
#: An omitted or added run of sentences this short (in words) is a minor matter, and a weak
#: gap (`Gap.weak`) is not reported at a sentence this short: lengths and anchors are too few
#: to tell a dropped interjection ("Shucks!", "-¿Cómo no?") from one the translation merged.
SHORT_WORDS = 3
#: How much worse (in absolute log length ratio, against the document's own ratio) the gap
#: sentence may fit its neighbour's partner than the neighbour does, for the gap to count as
#: possibly being at that neighbour instead. Nine in ten 1-1 pairs of human vi→en translation
#: deviate from the document ratio by less than 0.35 (a factor of 1.4), so a smaller difference
#: is within the noise of length, and without anchors length is all the aligner decided by.
LENGTH_TIE = 0.35


@dataclass(frozen=True)
class Gap:
    """Consecutive sentences of one side without a counterpart (`run`), and the sentences next
    to them where the gap may be instead (`nearby`): the others that the aligner's belief in the
    same gap is spread over, and matched neighbours that length alone cannot tell from the run
    (after an omission the aligner often pairs the dropped sentence with its neighbour's
    translation and leaves the neighbour out)."""

    run: tuple[int, ...]
    nearby: tuple[int, ...] = ()
    #: What makes it a gap when only a thin belief does (less than `GAP_MASS`), a key of
    #: `WEAK_NOTES`: its bead gives it no support, or does not need it (`WEAK_SHARE`), or
    #: neither. Such a gap is less sure than the others (None), so it is reported as minor.
    weak: str | None = None


def _gaps(ctx: RuleContext, side: Side) -> Iterator[Gap]:
    """Runs of consecutive `side` segments that have no counterpart, each with the sentences
    next to it that the gap may be at instead (see `Gap`).

    Two sources, merged where they touch. The aligner's path: runs of unmatched (1-0 or 0-1)
    beads, kept only if the beads on both sides are confident and neither is an unmatched
    sentence of the other side (a 1-0 bead next to a 0-1 bead is a sentence translated beyond
    recognition, not an omission plus an addition). And the aligner's posterior: consecutive
    sentences that each have at least `GAP_SHARE` belief of being unmatched, together at least
    `GAP_MASS` (or less, as a weak gap), with little such belief on the other side next to
    them, and the weak gaps of `WEAK_SHARE`. The second finds the
    gaps whose place the lengths cannot pin down (the path pairs the dropped sentence's
    neighbour with the wrong line and leaves that neighbour out instead, or hides the gap in a
    merge), and widens a path run to the sentences that may be the missing one (its `nearby`).
    A run of the posterior alone stands for as many missing sentences as its belief adds up to
    (at least one): the likeliest ones make the gap's `run`, the rest its `nearby`, with the
    neighbours that have a `WEAK_SHARE` of belief themselves.

    A run next to a bead that pairs one sentence with `OVERFLOW_FAN_OUT` or more of this side
    is left out (see `_overflow`). Target lines that are scraping residue (MT301's business) are
    taken out first, so they are neither reported as added nor break the context of a real gap.
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
    bare = _unsupported(beads, side)
    doubted = bare | {k for k, u in belief.items() if u >= WEAK_SHARE}
    overlong = _overlong(ctx, [b for b in beads if not doubted.isdisjoint(own(b))], side)
    weak = {k for k in bare | overlong if belief.get(k, 0.0) >= WEAK_SHARE} | (overlong & bare)
    position = {k: n for n, b in enumerate(beads) for k in own(b)}
    own_segments = ctx.source_segments if side == "source" else ctx.target_segments
    # Pieces of a bead that pairs one sentence with several of this side (see
    # `OVERFLOW_FAN_OUT`): where the other side is segmented coarsely, the aligner doubts one
    # of them a little without any being missing, so a thin belief there needs a sentence
    # without support too.
    fanned = {
        k for b in beads if len(own(b)) >= OVERFLOW_FAN_OUT and len(other(b)) == 1 for k in own(b)
    }
    for run in _runs_of(sorted(sure | weak | {k for k, u in belief.items() if u >= GAP_SHARE})):
        first, last = position[run[0]], position[run[-1]]
        around = beads[max(first - 1, 0) : last + 2]
        if _overflow(ctx, beads[first - 1 : first] + beads[last + 1 : last + 2], side, run):
            continue
        core = [k for k in run if k in sure]
        why = None
        if not core:
            opposite = _gap_belief(around, "target" if side == "source" else "source")
            if max(opposite.values(), default=0.0) >= GAP_SHARE:
                continue
            mass = sum(belief[k] for k in run)
            # A thin run stands for one sentence, the likeliest.
            core = _likeliest(run, belief, max(1, round(mass)) if mass >= GAP_MASS else 1)
            if mass < GAP_MASS:
                why = _weak_evidence(core, bare, overlong, fanned, own_segments)
                if why is None:
                    continue
        nearby = [k for k in run if k not in core] + [
            neighbour
            for gap, neighbour in ((run[0], run[0] - 1), (run[-1], run[-1] + 1))
            if belief.get(neighbour, 0.0) >= WEAK_SHARE or _swappable(ctx, side, gap, neighbour)
        ]
        yield Gap(tuple(core), tuple(sorted(nearby)), weak=why)


def _weak_evidence(
    core: Sequence[int],
    bare: set[int],
    overlong: set[int],
    fanned: set[int],
    segments: Sequence[Segment],
) -> str | None:
    """What makes the likeliest sentences of a thin run a gap (a key of `WEAK_NOTES`), or
    None where a thin belief proves nothing: in pieces of a wide bead that have support (the
    other side is segmented coarsely there), or at sentences too short to judge (`_slight`:
    an interjection, a heading)."""
    if all(k in fanned and k not in bare for k in core):
        return None
    if all(_slight(segments[k].text) for k in core):
        return None
    if bare.issuperset(core):
        return "unsupported"
    return "overlong" if overlong.issuperset(core) else "doubted"


def _overlong(ctx: RuleContext, beads: Sequence[Bead], side: Side) -> set[int]:
    """The `side` sentences of merges (two of them with a counterpart) without which their
    bead's lengths would agree better: the merge took them in for want of a better place, not
    because the other side says more. A wider merge (`OVERFLOW_FAN_OUT`) shows a coarser
    segmentation of the other side, where the lengths of single pieces prove nothing."""
    own_segments = ctx.source_segments if side == "source" else ctx.target_segments
    other_segments = ctx.target_segments if side == "source" else ctx.source_segments
    scale = _scale(ctx, side)
    found: set[int] = set()
    for bead in beads:
        own, other = (bead.src, bead.tgt) if side == "source" else (bead.tgt, bead.src)
        if not 2 <= len(own) < OVERFLOW_FAN_OUT or not other:
            continue
        lengths = {k: weighted_length(own_segments[k].text) for k in own}
        total = sum(lengths.values())
        facing = sum(weighted_length(other_segments[k].text) for k in other)
        if total <= 0 or facing <= 0:
            continue
        misfit = _misfit(facing, total, scale)
        found.update(
            k for k, length in lengths.items()
            if total > length and _misfit(facing, total - length, scale) < misfit
        )
    return found


def _likeliest(run: Sequence[int], belief: dict[int, float], count: int) -> list[int]:
    """The `count` consecutive sentences of the run with the most belief (the first such)."""
    count = min(count, len(run))
    windows = [run[s : s + count] for s in range(len(run) - count + 1)]
    return list(max(windows, key=lambda w: sum(belief[k] for k in w)))


def _beside(part: Sequence[int], nearby: Sequence[int]) -> list[int]:
    """The sentences of `nearby` that continue `part` on either side without a break."""
    out = []
    for k, step in ((part[0] - 1, -1), (part[-1] + 1, 1)):
        while k in nearby:
            out.append(k)
            k += step
    return out


def _overflow(ctx: RuleContext, neighbours: Sequence[Bead], side: Side, run: Sequence[int]) -> bool:
    """Whether a bead next to the run pairs one sentence of the other side with
    `OVERFLOW_FAN_OUT` or more of this side, and that sentence could hold the run too (with
    them, at most `OVERFLOW_FILL` times the length it predicts): the other side is segmented
    more coarsely there, and the run is what the aligner's bead types could not hold."""
    own_segments = ctx.source_segments if side == "source" else ctx.target_segments
    other_segments = ctx.target_segments if side == "source" else ctx.source_segments
    for bead in neighbours:
        own, other = (bead.src, bead.tgt) if side == "source" else (bead.tgt, bead.src)
        if len(own) >= OVERFLOW_FAN_OUT and len(other) == 1:
            held = sum(weighted_length(own_segments[k].text) for k in (*own, *run))
            predicted = weighted_length(other_segments[other[0]].text) / _scale(ctx, side)
            if held <= OVERFLOW_FILL * predicted:
                return True
    return False


def _swappable(ctx: RuleContext, side: Side, gap: int, neighbour: int) -> bool:
    """Whether the gap may just as well be at `neighbour`, a sentence next to it in the same
    paragraph that a 1-1 bead pairs, because length was all the aligner had to choose by: the
    gap sentence fits the neighbour's partner about as well as the neighbour does (within
    `LENGTH_TIE`), neither of them holds a number or URL, and no name ties the neighbour to its
    partner. Anchors decide where they exist; a paragraph break is one too."""
    segments = ctx.source_segments if side == "source" else ctx.target_segments
    bead = (ctx.source_to_bead if side == "source" else ctx.target_to_bead).get(neighbour)
    if bead is None or len(bead.src) != 1 or len(bead.tgt) != 1:
        return False
    if segments[neighbour].block != segments[gap].block:
        return False
    partner = (ctx.target_segments[bead.tgt[0]] if side == "source"
               else ctx.source_segments[bead.src[0]]).text
    texts = (segments[gap].text, segments[neighbour].text, partner)
    lengths = [weighted_length(text) for text in texts]
    if min(lengths) <= 0:
        return False
    misfit = [_misfit(lengths[2], length, _scale(ctx, side)) for length in lengths[:2]]
    if misfit[0] - misfit[1] > LENGTH_TIE:
        return False
    gap_info, neighbour_info, partner_info = (analyse(text) for text in texts)
    if any(a[0] in HARD_KINDS for a in gap_info.anchors | neighbour_info.anchors):
        return False
    return not (neighbour_info.names & partner_info.names) - gap_info.names


def _misfit(facing: float, own: float, scale: float) -> float:
    """How far a length of the other side is from the one that `own` predicts at the
    document's `scale` (see `_scale`): the absolute log of their ratio, 0 for a perfect fit."""
    return abs(math.log(facing / (scale * own)))


def _scale(ctx: RuleContext, side: Side) -> float:
    """Length of the other side per unit of `side`'s, over the document."""
    return _length_ratio(ctx) if side == "source" else 1 / _length_ratio(ctx)


def _length_ratio(ctx: RuleContext) -> float:
    """Target length per unit of source length over the document's 1-1 beads (1.0 without
    any); kept with the context, which is costly to hash."""
    return ctx.shared(_document_ratio)


def _document_ratio(ctx: RuleContext) -> float:
    pairs = [(b.src[0], b.tgt[0]) for b in ctx.beads if len(b.src) == 1 and len(b.tgt) == 1]
    src_total = sum(weighted_length(ctx.source_segments[i].text) for i, _ in pairs)
    tgt_total = sum(weighted_length(ctx.target_segments[j].text) for _, j in pairs)
    return tgt_total / src_total if src_total > 0 and tgt_total > 0 else 1.0


def _gap_belief(beads: Sequence[Bead], side: Side) -> dict[int, float]:
    """The aligner's belief that each `side` sentence of the beads has no counterpart (none
    where the beads do not say)."""
    belief: dict[int, float] = {}
    for bead in beads:
        own = bead.src if side == "source" else bead.tgt
        shares = _own_part(bead, bead.unmatched, side)
        belief.update(zip(own, shares if len(shares) == len(own) else (0.0,) * len(own)))
    return belief


def _unsupported(beads: Sequence[Bead], side: Side) -> set[int]:
    """The `side` sentences that their beads hold without support (see `Bead.unsupported`)."""
    found: set[int] = set()
    for bead in beads:
        own = bead.src if side == "source" else bead.tgt
        found.update(k for k, flag in zip(own, _own_part(bead, bead.unsupported, side)) if flag)
    return found


def _own_part(bead: Bead, values: tuple[T, ...], side: Side) -> tuple[T, ...]:
    """The part of a per-sentence tuple of a bead (source sentences first) for `side`."""
    return values[: len(bead.src)] if side == "source" else values[len(bead.src) :]


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


def _residue_lines(ctx: RuleContext) -> frozenset[int]:
    """Target segments of 0-1 beads that the residue rule recognises as scraping residue;
    kept with the context (both gap rules ask)."""
    return ctx.shared(_unpaired_residue)


def _unpaired_residue(ctx: RuleContext) -> frozenset[int]:
    from mtlint.rules.residue import is_residue

    return frozenset(
        j
        for bead in ctx.beads
        if not bead.src
        for j in bead.tgt
        if is_residue(ctx.target_segments[j].text, ctx.target_lang)
    )


def _slight(text: str) -> bool:
    """A sentence of `SHORT_WORDS` words or fewer, or of names and numbers only."""
    words = prose_words(text)
    return len(words) <= SHORT_WORDS or not content_words(words)


def _size_severity(run: Sequence[int], segments: Sequence[Segment]) -> Severity | None:
    """Critical for a whole paragraph of several sentences, minor for a run of mere headings,
    names or numbers, else the rule's default."""
    chosen = [segments[i] for i in run]
    blocks = {s.block for s in chosen}
    for block in blocks:
        members = [s.index for s in segments if s.block == block]
        if len(members) >= 2 and set(members) <= set(run):
            return Severity.CRITICAL
    if all(_slight(s.text) for s in chosen):
        return Severity.MINOR
    return None


def _severity(gap: Gap, run: Sequence[int], segments: Sequence[Segment]) -> Severity | None:
    """`_size_severity`, but minor for a weak gap (see `Gap.weak`)."""
    return Severity.MINOR if gap.weak is not None else _size_severity(run, segments)


def _weak_note(gap: Gap, run: Sequence[int]) -> str:
    if gap.weak is None:
        return ""
    return " (" + WEAK_NOTES[gap.weak].format(**(
        {"it": "them", "its": "their"} if len(run) > 1 else {"it": "it", "its": "its"}
    )) + ")"


def _nearby_note(nearby: Sequence[int]) -> str:
    """What the message adds when the finding also spans neighbours (see `Gap`)."""
    if not nearby:
        return ""
    which = "the sentence" if len(nearby) == 1 else "sentences"
    return f" (or {which} next to it: {UNSURE_PLACE})"


def _side_spans(side: Side, run: Sequence[int], segments: Sequence[Segment]) -> tuple[Span, ...]:
    return tuple(Span(side, segments[i].start, segments[i].end) for i in run)


@rule("MT103", "omitted-sentence", "Accuracy/Omission", Severity.MAJOR, needs_source=True)
def omitted_sentence(ctx: RuleContext) -> Iterable[Issue]:
    """A sentence of the original has no counterpart in the translation.

    What it does: reports source sentences that the aligner leaves unmatched (1-0 beads) with
    confidence ≥ 0.12 (the aligner already discounts such beads by their context and by anchors
    found elsewhere), when the beads around them are matched, one with confidence ≥ 0.4 and the
    other ≥ 0.1; and sentences the aligner's path pairs or merges but its posterior believes
    unmatched (≥ 0.12 each, a third of a sentence's worth over a run, which then stands for as
    many sentences as its belief adds up to; a thinner run stands for one sentence and is minor,
    unless it is one of three or more sentences paired with one translated sentence and has
    support). A sentence with a weaker belief (≥ 0.03) is reported too, as minor, when its bead
    holds it without support: it has anchors (numbers, names, cognates, word-list entries) that
    the translation shares, hardly any in its bead, so the aligner has hidden it in a merge,
    paired it with a neighbour's translation, or left it out without being sure of it; or when
    it sits in a merge whose lengths agree better without it. A sentence of a merge that has
    neither support nor a place in its lengths is reported, as minor, whatever the belief.
    None of these weak gaps is reported at a sentence of three words or fewer. An unmatched
    target sentence right next to it means a garbled translation or an aligner miss,
    not a gap; target lines the residue rule recognises (MT301) do not count as neighbours; and
    sentences next to a bead that pairs one translated sentence with three or more of the
    original are left alone when that sentence could stand for them too (the translation is
    segmented more coarsely there). One finding per run of consecutive omitted sentences, with a
    span on each; critical when the run is a whole paragraph of two sentences or more, minor
    when it is only short headings (≤ 3 words), names or numbers.

    Where the aligner had only lengths to go by, it may leave out the neighbour of the sentence
    that is really missing and pair the missing one with the neighbour's translation. So the
    finding also spans the sentences where the gap may be instead, and its message says so: the
    others the posterior's belief is spread over, a neighbour it doubts a little too (≥ 0.03),
    and a matched neighbour in the same paragraph
    when the reported sentence would fit the neighbour's translation about as well by length
    (within a factor of 1.4 of the neighbour's fit), neither has a number or URL, and no name
    ties the neighbour to its translation.

    Why it matters: omissions are invisible to a reader of the translation alone, yet they
    change what the article says.

    Example: the source sentence "Zudem seien viele Bauteile über 40 Jahre alt und müssten
    dringend ersetzt werden." has no English counterpart.
    """
    segments = ctx.source_segments
    for gap in _gaps(ctx, "source"):
        run = gap.run
        count = f"{len(run)} source sentence{'s' if len(run) > 1 else ''}"
        verb = "have" if len(run) > 1 else "has"
        yield Issue(
            f"{count} {verb} no counterpart in the translation: {quote(segments[run[0]].text)}"
            f"{_weak_note(gap, run)}{_nearby_note(gap.nearby)}",
            _side_spans("source", sorted(run + gap.nearby), segments),
            severity=_severity(gap, run, segments),
        )


@rule("MT104", "added-sentence", "Accuracy/Addition", Severity.MAJOR, needs_source=True)
def added_sentence(ctx: RuleContext) -> Iterable[Issue]:
    """A sentence of the translation has no counterpart in the original.

    What it does: reports target sentences that the alignment leaves without a counterpart,
    under the same conditions as MT103 (confident 0-1 beads with matched neighbours, or the
    aligner's posterior belief, or a weaker belief in a sentence its bead gives no support or
    its lengths do not need, reported as minor; not next to a bead that pairs one source
    sentence with three or more of the translation, where the original is segmented more
    coarsely, unless that sentence is too short to stand for them too), leaving out those
    another rule explains better: scraping residue (`mtlint.rules.residue.is_residue`, MT301), a
    near-copy of another sentence of the translation or the words of the one next to it said
    again (repetition, MT201), and a fragment starting in lowercase (a broken boundary, MT202).
    As in MT103, the finding also spans a neighbour that length alone cannot tell from the added
    sentence. One finding per run; critical for a whole paragraph of two sentences or more,
    minor for short headings, names or numbers.

    Why it matters: machine translation and post-editing sometimes invent claims; the reader
    cannot tell them from the original's.

    Example: "Passes purchased online can also be used on the city's metro lines." with nothing
    like it in the Vietnamese original.
    """
    segments = ctx.target_segments
    for gap in _gaps(ctx, "target"):
        kept = [j for j in gap.run if not _explained_elsewhere(segments, j)]
        for part in sentence_runs(kept, segments):
            count = f"{len(part)} sentence{'s' if len(part) > 1 else ''}"
            verb = "have" if len(part) > 1 else "has"
            nearby = _beside(part, gap.nearby)
            yield Issue(
                f"{count} of the translation {verb} no counterpart in the original: "
                f"{quote(segments[part[0]].text)}{_weak_note(gap, part)}{_nearby_note(nearby)}",
                _side_spans("target", sorted(part + nearby), segments),
                severity=_severity(gap, part, segments),
            )


def _explained_elsewhere(segments: Sequence[Segment], j: int) -> bool:
    """A lowercase start (broken boundary), a near-copy of another sentence or the words of a
    neighbour said again ("… during the school holidays. During the school holidays."): a
    repetition, MT201's."""
    first = next((ch for ch in segments[j].text if ch.isalnum()), "")
    if first.islower():
        return True
    from rapidfuzz.fuzz import ratio

    text = letters(segments[j].text)
    if text.count(" ") >= 2 and any(
        text.casefold() in letters(segments[k].text).casefold()
        for k in (j - 1, j + 1) if 0 <= k < len(segments)
    ):
        return True
    return any(
        ratio(text, letters(other.text)) >= NEAR_COPY_RATIO
        for other in segments
        if other.index != j
    )
