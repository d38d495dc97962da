"""Sentence alignment of an article and its translation.

Two passes of banded dynamic programming (see `mtlint.alignment.dp`) over a cost that combines
a Gale-Church length model, fitted on the document pair itself and bounded so that a sentence
cut down to a fragment still pairs with its original, with anchors that survive
translation (numbers, URLs, names, cognates, punctuation; `mtlint.alignment.features`). The
first pass finds trusted 1-1 beads; from them the aligner learns a small bilingual lexicon and
refits the length model, the bead-type priors, the weight of dialogue turns (a sentence
opening with a quotation mark or dash pairs with one that does too, where the document's first
pass shows both sides mark them alike) and how much anchor weight a translated sentence of this
document usually leaves unmatched (a sentence leaving much more is charged for joining a bead,
so that an untranslated one is not slipped into its neighbour's merge) and how many of its
words usually find no counterpart at all on the other side (a line such as 'E-mail' or 'News'
whose words the other side lacks entirely is charged in the same way), then aligns again.
Block (paragraph) boundaries are soft anchors. The second pass also runs forward-backward, and
every bead's confidence is its posterior probability (`mtlint.alignment.confidence`), so that
rules can report an omission only where the alignment around it is sure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from mtlint.alignment.confidence import bead_confidences
from mtlint.alignment.dictionary import dictionary
from mtlint.alignment.dp import (
    BEAD_TYPES,
    Band,
    CostModel,
    Lattice,
    Solution,
    pair_scores,
    solve,
    unmatched_share,
)
from mtlint.alignment.features import (
    FeatureSets,
    SentenceInfo,
    analyse,
    cognate_links,
    feature_sets,
    lexicon_links,
    merge_links,
)
from mtlint.model import Bead, Segment

#: Gale-Church style prior probabilities of the bead types, in the order of `BEAD_TYPES`; a
#: four-sentence merge is taken to be about a third as common as a three-sentence one.
_PRIOR = (0.85, 0.01, 0.01, 0.05, 0.05, 0.01, 0.01, 0.01, 0.003, 0.003)
#: Lattices up to this many cells are searched whole; larger ones in a band.
_FULL_LATTICE = 300_000
_FIRST_WIDTH = 24.0
_SECOND_WIDTH = 12.0
_MAX_WIDENINGS = 6
#: How many beads' worth of belief the refit of the first pass gives the prior values.
_PRIOR_WEIGHT = 20.0
_MIN_RATIO_SAMPLES = 3
#: Temperature (in nats of path cost) of the forward-backward pass that gives bead posteriors.
_TEMPERATURE = 1.0
#: Largest cost of a dialogue turn opened on one side of a bead only.
_MAX_TURN_WEIGHT = 1.5
#: A bead sentence counts as stray where it leaves more of its anchor weight unmatched than
#: nine in ten sentences of the first pass's 1-1 beads do: a high quantile, so that a loose
#: translation (verse, paraphrase), where many true pairs share little, is hardly charged.
_USUAL_UNMATCHED_QUANTILE = 0.9
#: A bead sentence counts as an orphan where more of its words find no counterpart anywhere on
#: the other side than in all but one or two in a hundred sentences of the matched pairs: in a
#: real translation a short sentence often has no cognate at all (3 to 14 in a hundred 1-1
#: beads of Text+Berg and OPUS Books), which leaves such a document nearly uncharged; a close
#: rendering (a revision, a post-edit) seldom has one.
_USUAL_ORPHAN_QUANTILE = 0.98

Path = list[tuple[int, int]]
"""Cells (i, j) of the lattice from (0, 0) to (n, m), one per bead boundary."""


def align(
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> tuple[Bead, ...]:
    """Align two segmented documents; beads cover every segment of both sides once, in order."""
    return align_texts(
        [s.text for s in src],
        [t.text for t in tgt],
        src_blocks=[s.block for s in src],
        tgt_blocks=[t.block for t in tgt],
        src_lang=src_lang,
        tgt_lang=tgt_lang,
    )


def align_texts(
    src_sentences: Sequence[str],
    tgt_sentences: Sequence[str],
    *,
    src_blocks: Sequence[int] | None = None,
    tgt_blocks: Sequence[int] | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> tuple[Bead, ...]:
    """Align two lists of sentences (block ids, when given, mark paragraphs).

    Everything the aligner needs (length ratio, variance, lexicon) is estimated from the pair
    itself; the languages only select a shipped word list, where there is one for the pair
    (`mtlint.alignment.dictionary`).
    """
    n, m = len(src_sentences), len(tgt_sentences)
    if n == 0 or m == 0:
        return tuple(Bead((i,), (), 0.0, 1.0) for i in range(n)) + tuple(
            Bead((), (j,), 0.0, 1.0) for j in range(m)
        )
    src = [analyse(t) for t in src_sentences]
    tgt = [analyse(t) for t in tgt_sentences]
    words = dictionary(src_lang, tgt_lang)
    if words is not None:
        src = [info.with_anchors(words.source.anchors(t)) for info, t in zip(src, src_sentences)]
        tgt = [info.with_anchors(words.target.anchors(t)) for info, t in zip(tgt, tgt_sentences)]
    src_len = np.array([s.length for s in src])
    tgt_len = np.array([t.length for t in tgt])
    cognates = cognate_links(src, tgt)
    features = feature_sets(src, tgt, merge_links(cognates))
    turns = (np.array([s.opens_turn for s in src], dtype=float), np.array([t.opens_turn for t in tgt], dtype=float))
    lattice = _lattice(src_len, tgt_len, features, src_blocks, tgt_blocks, turns)
    chain = _anchor_chain(features)
    model = CostModel(
        ratio=_first_ratio(chain, src_len, tgt_len),
        variance=6.8,
        prior=tuple(-math.log(p) for p in _PRIOR),
        usual_orphan=_chain_orphan(chain, lattice),
    )
    guide = [(0, 0)] + [(s + 1, t + 1) for s, t in chain if s + 1 < n or t + 1 < m] + [(n, m)]
    first = [(i, j) for i, j, _ in _search(lattice, model, features, guide, _FIRST_WIDTH).path]

    lexicon = lexicon_links(_trusted_pairs(first, src, tgt))
    features = feature_sets(src, tgt, merge_links(cognates, lexicon))
    lattice = _lattice(src_len, tgt_len, features, src_blocks, tgt_blocks, turns)
    model = _refit(model, first, lattice, features)
    final = _search(lattice, model, features, first, _SECOND_WIDTH, temperature=_TEMPERATURE)
    return bead_confidences(final, features)


def format_beads(beads: Sequence[Bead]) -> str:
    """One bead per line, `[i, j]:[k]` with `[]` for an empty side (vecalign's convention)."""
    return "".join(f"{list(b.src)}:{list(b.tgt)}\n" for b in beads)


def _lattice(
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    features: FeatureSets,
    src_blocks: Sequence[int] | None,
    tgt_blocks: Sequence[int] | None,
    turns: tuple[np.ndarray, np.ndarray],
) -> Lattice:
    return Lattice(
        src_len=src_len,
        tgt_len=tgt_len,
        src_weight=np.array(features.totals(features.src)),
        tgt_weight=np.array(features.totals(features.tgt)),
        src_hard=np.array(features.totals(features.src, hard_only=True)),
        tgt_hard=np.array(features.totals(features.tgt, hard_only=True)),
        src_break=_breaks(src_blocks, len(src_len)),
        tgt_break=_breaks(tgt_blocks, len(tgt_len)),
        src_turn=turns[0],
        tgt_turn=turns[1],
        src_orphan=np.array(features.src_orphan),
        tgt_orphan=np.array(features.tgt_orphan),
    )


def _breaks(blocks: Sequence[int] | None, count: int) -> np.ndarray:
    """1 at index k when sentence k starts a new block (never at 0 or at the end)."""
    out = np.zeros(count + 1)
    if blocks is not None:
        if len(blocks) != count:
            raise ValueError("one block id per sentence is needed")
        for k in range(1, count):
            out[k] = float(blocks[k] != blocks[k - 1])
    return out


def _ratio(src_total: float, tgt_total: float) -> float:
    return float(tgt_total / src_total) if src_total > 0 and tgt_total > 0 else 1.0


def _search(
    lattice: Lattice,
    model: CostModel,
    features: FeatureSets,
    guide: Path,
    width: float,
    *,
    temperature: float | None = None,
) -> Solution:
    """Best path in a band around `guide`, widened wherever the path presses on its edge (with
    a temperature, also the posteriors of its beads)."""
    n, m = lattice.n, lattice.m
    if (n + 1) * (m + 1) <= _FULL_LATTICE:
        band = Band.full(n, m)
        return solve(lattice, model, band, pair_scores(features, band), temperature=temperature)
    widths = np.full(n + m + 1, width)
    for attempt in range(_MAX_WIDENINGS):
        band = Band.around(n, m, guide, widths)
        found = solve(lattice, model, band, pair_scores(features, band), temperature=temperature)
        hits = band.edge_hits([(i, j) for i, j, _ in found.path])
        if not hits or attempt == _MAX_WIDENINGS - 1:
            break
        reach = int(4 * width)
        grow = np.zeros(n + m + 2)
        for d in hits:
            grow[max(0, d - reach)] += 1
            grow[min(n + m + 1, d + reach + 1)] -= 1
        widths = np.where(np.cumsum(grow)[:-1] > 0, widths * 2, widths)
    return found


def _first_ratio(chain: Sequence[tuple[int, int]], src_len: np.ndarray, tgt_len: np.ndarray) -> float:
    """Length ratio for the first pass: the median over sentence pairs that share a unique
    anchor, which a run of untranslated captions or a dropped section cannot skew; the ratio
    of the totals when there are too few such pairs."""
    samples = [tgt_len[t] / src_len[s] for s, t in chain if src_len[s] > 0 and tgt_len[t] > 0]
    if len(samples) >= _MIN_RATIO_SAMPLES:
        return float(np.median(samples))
    return _ratio(src_len.sum(), tgt_len.sum())


def _chain_orphan(chain: Sequence[tuple[int, int]], lattice: Lattice) -> float:
    """Usual orphan share for the first pass, from the sentence pairs that share a unique
    anchor. Charging orphans from the first pass on keeps its mistakes (a one-word line merged
    into its neighbour's bead) out of the bead-type priors that the second pass learns."""
    return _usual_orphan([x for s, t in chain for x in (lattice.src_orphan[s], lattice.tgt_orphan[t])])


def _usual_orphan(shares: list[float]) -> float:
    """`_USUAL_ORPHAN_QUANTILE` of matched sentences' orphan shares, counting one more sentence
    none of whose words has a counterpart, as a translation has now and then: so a short
    document (where a high quantile is little more than the largest share) charges hardly
    anything, and a loosely translated sentence of it is not taken for an addition."""
    return float(np.quantile([*shares, 1.0], _USUAL_ORPHAN_QUANTILE))


def _anchor_chain(features: FeatureSets) -> list[tuple[int, int]]:
    """Sentence pairs (s, t) that share a feature found in no other sentence, longest monotone
    chain of them: the guide of the first pass."""
    where_src: dict[int, list[int]] = {}
    where_tgt: dict[int, list[int]] = {}
    for s, fs in enumerate(features.src):
        for f in fs:
            where_src.setdefault(f, []).append(s)
    for t, fs in enumerate(features.tgt):
        for f in fs:
            where_tgt.setdefault(f, []).append(t)
    pairs = sorted(
        {
            (s[0], t[0])
            for f, s in where_src.items()
            if len(s) == 1 and len(t := where_tgt.get(f, ())) == 1
        }
    )
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain strictly increasing in both coordinates (pairs sorted by the first)."""
    from bisect import bisect_left

    tails: list[int] = []
    tail_idx: list[int] = []
    parent = [-1] * len(pairs)
    # Equal first coordinates must not chain: process them from the largest second one down.
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], -pairs[k][1]))
    for k in order:
        t = pairs[k][1]
        pos = bisect_left(tails, t)
        if pos == len(tails):
            tails.append(t)
            tail_idx.append(k)
        else:
            tails[pos] = t
            tail_idx[pos] = k
        parent[k] = tail_idx[pos - 1] if pos else -1
    chain = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    return chain[::-1]


def _trusted_pairs(
    path: Path, src: Sequence[SentenceInfo], tgt: Sequence[SentenceInfo]
) -> list[tuple[SentenceInfo, SentenceInfo]]:
    """1-1 beads of the first pass whose neighbours are 1-1 beads too (hunalign's heuristic)."""
    steps = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(path, path[1:])]
    out = []
    for k, (a, b) in enumerate(steps):
        if (a, b) != (1, 1):
            continue
        if 0 < k < len(steps) - 1 and (steps[k - 1] != (1, 1) and steps[k + 1] != (1, 1)):
            continue
        i, j = path[k]
        out.append((src[i], tgt[j]))
    return out


def _refit(model: CostModel, path: Path, lattice: Lattice, features: FeatureSets) -> CostModel:
    """Length ratio and variance from the first pass's beads; bead-type priors from their counts;
    the weight of dialogue turns from how often the matched beads open as many on both sides;
    how much anchor weight a sentence of a 1-1 bead usually leaves unmatched, and how large an
    orphan share it may have (too few beads to tell keep the values of the first pass)."""
    src_len, tgt_len = lattice.src_len, lattice.tgt_len
    counts = dict.fromkeys(BEAD_TYPES, 0)
    ls, lt, resid = [], [], []
    unmatched: list[float] = []
    orphans: list[float] = []
    turn_beads = turn_misses = 0
    for (i0, j0), (i1, j1) in zip(path, path[1:]):
        counts[i1 - i0, j1 - j0] += 1
        if i1 > i0 and j1 > j0:
            turn_beads += 1
            turn_misses += lattice.src_turn[i0:i1].sum() != lattice.tgt_turn[j0:j1].sum()
        if i1 - i0 == j1 - j0 == 1:
            # 1-1 beads only: merges that swallowed unmatched sentences would skew the ratio.
            ls.append(src_len[i0])
            lt.append(tgt_len[j0])
            shared = np.array(sum(features.weight[f] for f in features.src[i0] & features.tgt[j0]))
            for own in (lattice.src_weight[i0], lattice.tgt_weight[j0]):
                unmatched.append(float(unmatched_share(own, shared, model.evidence_floor)))
            orphans.extend((float(lattice.src_orphan[i0]), float(lattice.tgt_orphan[j0])))
    ratio = _ratio(sum(ls), sum(lt)) if ls else model.ratio
    for a, b in zip(ls, lt):
        mean = max((ratio * a + b) / 2.0, 1.0)
        resid.append((b - ratio * a) ** 2 / mean)
    # The median of a squared standard normal is 0.455: a robust variance estimate, shrunk
    # towards the prior one when there are few beads to estimate it from.
    variance = model.variance
    if resid:
        estimate = float(np.clip(np.median(resid) / 0.455, 1.0, 50.0))
        variance = (_PRIOR_WEIGHT * model.variance + len(resid) * estimate) / (_PRIOR_WEIGHT + len(resid))
    total = sum(counts.values())
    prior = tuple(
        -math.log((counts[t] + _PRIOR_WEIGHT * p) / (total + _PRIOR_WEIGHT))
        for t, p in zip(BEAD_TYPES, _PRIOR)
    )
    miss_rate = (turn_misses + 1.0) / (turn_beads + 2.0)
    turn_mismatch = float(np.clip(math.log((1.0 - miss_rate) / miss_rate), 0.0, _MAX_TURN_WEIGHT))
    usual, usual_orphan = model.usual_unmatched, model.usual_orphan
    if len(ls) >= _MIN_RATIO_SAMPLES:
        usual = float(np.quantile(unmatched, _USUAL_UNMATCHED_QUANTILE))
        usual_orphan = _usual_orphan(orphans)
    return replace(
        model, ratio=ratio, variance=variance, prior=prior, turn_mismatch=turn_mismatch,
        usual_unmatched=usual, usual_orphan=usual_orphan,
    )
