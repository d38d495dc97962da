"""Banded dynamic programming over the alignment lattice.

The lattice has a cell (i, j) for "the first i source and j target sentences are aligned"; a
bead of type (a, b) jumps from (i - a, j - b) to (i, j). Only cells inside a band around an
expected path are kept. The band is stored by anti-diagonal (d = i + j): every bead jumps from
an earlier anti-diagonal, so one anti-diagonal is filled with a few numpy operations and the
work grows linearly with the document (times the band width), not with its square.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from mtlint.alignment.features import FeatureSets

#: (source sentences, target sentences) of the bead types the aligner may use. Four sentences
#: to one occur where a translation joins a run of short dialogue lines (or splits a long one);
#: each type costs about a twentieth more time per cell.
BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1),
)
_CHUNK_CELLS = 200_000


@dataclass(frozen=True, eq=False)
class Band:
    """Per anti-diagonal d, the kept cells are i in [lo[d], hi[d]] (both non-decreasing in d)."""

    n: int
    m: int
    lo: np.ndarray
    hi: np.ndarray
    off: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        d = np.arange(n + m + 1)
        return cls._make(n, m, np.maximum(0, d - m), np.minimum(n, d))

    @classmethod
    def around(cls, n: int, m: int, points: Sequence[tuple[int, int]], width: np.ndarray) -> Band:
        """Cells within `width[d]` of the polyline through `points` (monotone, (0,0) to (n,m))."""
        d = np.arange(n + m + 1)
        pd = np.array([i + j for i, j in points], dtype=float)
        pi = np.array([i for i, _ in points], dtype=float)
        centre = np.interp(d, pd, pi)
        lo = np.ceil(centre - width).astype(np.int64)
        hi = np.floor(centre + width).astype(np.int64)
        lo = np.minimum.accumulate(lo[::-1])[::-1]
        hi = np.maximum.accumulate(hi)
        lo = np.maximum(lo, np.maximum(0, d - m))
        hi = np.minimum(hi, np.minimum(n, d))
        return cls._make(n, m, lo, np.maximum(hi, lo))

    @classmethod
    def _make(cls, n: int, m: int, lo: np.ndarray, hi: np.ndarray) -> Band:
        off = np.zeros(len(lo) + 1, dtype=np.int64)
        np.cumsum(hi - lo + 1, out=off[1:])
        return cls(n, m, lo.astype(np.int64), hi.astype(np.int64), off)

    @property
    def size(self) -> int:
        return int(self.off[-1])

    def index(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Flat index of cells (i, j); `size` (a sentinel slot) for cells outside the band."""
        d = i + j
        inside = (i >= 0) & (j >= 0) & (d <= self.n + self.m)
        dc = np.where(inside, d, 0)
        inside &= (i >= self.lo[dc]) & (i <= self.hi[dc])
        return np.where(inside, self.off[dc] + i - self.lo[dc], self.size)

    def cells(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """(i, j) of the cells of anti-diagonals [start, stop)."""
        sizes = self.hi[start:stop] - self.lo[start:stop] + 1
        d = np.repeat(np.arange(start, stop), sizes)
        i = np.arange(self.off[start], self.off[stop]) - self.off[d] + self.lo[d]
        return i, d - i

    def row_ranges(self) -> tuple[list[int], list[int]]:
        """For every row i, the first and last column j kept in the band."""
        rows = np.arange(self.n + 1)
        dmin = np.searchsorted(self.hi, rows, side="left")
        dmax = np.searchsorted(self.lo, rows, side="right") - 1
        return (dmin - rows).tolist(), (dmax - rows).tolist()

    def edge_hits(self, path: Sequence[tuple[int, int]], margin: int = 2) -> list[int]:
        """Anti-diagonals where the path runs along an edge of the band that is not the lattice's."""
        hits = []
        for i, j in path:
            d = i + j
            lo, hi = int(self.lo[d]), int(self.hi[d])
            if (i - lo < margin and lo > max(0, d - self.m)) or (
                hi - i < margin and hi < min(self.n, d)
            ):
                hits.append(d)
        return hits


def pair_scores(features: FeatureSets, band: Band) -> tuple[np.ndarray, np.ndarray]:
    """Shared anchor weight of every sentence pair in the band, by flat index of cell (i+1, j+1),
    over all anchors and over hard anchors only.

    Walks the postings of each source feature between the band's column limits, so the work is
    the number of in-band co-occurrences, not n × m.
    """
    postings: dict[int, list[int]] = defaultdict(list)
    for t, fs in enumerate(features.tgt):
        for f in fs:
            postings[f].append(t)
    lo = band.lo.tolist()
    off = band.off.tolist()
    jlo, jhi = band.row_ranges()
    weight = features.weight
    hard = features.hard
    idx: list[int] = []
    val: list[float] = []
    hard_val: list[float] = []
    for s, fs in enumerate(features.src):
        i = s + 1
        tlo, thi = jlo[i] - 1, jhi[i] - 1
        if thi < 0:
            continue
        for f in fs:
            post = postings.get(f)
            if not post:
                continue
            hits = post[bisect_left(post, tlo) : bisect_right(post, thi)]
            if not hits:
                continue
            wf = weight[f]
            for t in hits:
                d = i + t + 1
                idx.append(off[d] + i - lo[d])
            val.extend([wf] * len(hits))
            hard_val.extend([wf if hard[f] else 0.0] * len(hits))
    where = np.asarray(idx, dtype=np.int64)
    return (
        np.bincount(where, weights=np.asarray(val, dtype=float), minlength=band.size + 1),
        np.bincount(where, weights=np.asarray(hard_val, dtype=float), minlength=band.size + 1),
    )


@dataclass(frozen=True)
class CostModel:
    """Gale-Church length cost plus anchor evidence, in nats.

    `ratio` and `variance` describe target length given source length (weighted characters);
    `prior` is -log P(bead type). Anchor similarity (the share of both sides' anchor weight
    that matches, a weighted Dice) lowers the cost in proportion to the sentences it explains;
    `evidence_floor` keeps one weak shared anchor from counting as a perfect match. Being
    bounded per sentence, the reward cannot make a merge win just by pooling more anchors.
    """

    ratio: float
    variance: float
    prior: tuple[float, ...]
    match_reward: float = 6.0
    evidence_floor: float = 1.0
    merge_penalty: float = 2.0
    null_base: float = 1.0
    null_length: float = 0.75
    """A 1-0 or 0-1 bead costs `null_base` plus `null_length` per sentence of the side's mean
    length. Mostly a constant: a short sentence left out is what a missed 1-2 split or 2-1 merge
    looks like, so it must not be cheap; and a long one steeply priced makes the path pair the
    sentences after a real omission with the wrong lines, or hide it in a merge, rather than
    skip it (a merge then pays for the length mismatch instead)."""
    mismatch_penalty: float = 2.0
    block_cross: float = 2.0
    block_both: float = 1.0
    turn_mismatch: float = 0.0
    """Cost per dialogue turn opened on one side of a bead and not on the other (learnt per
    document: zero where the two sides do not mark turns alike)."""
    stray_penalty: float = 2.0
    """Cost per unit of a bead sentence's anchor share left unmatched inside the bead beyond
    `usual_unmatched`: a sentence whose words the other side has, but not in this bead. The
    same price per share as an unmatched number (`mismatch_penalty`): at twice that, loose
    translations (verse lines of the OPUS Books novels) start to lose true 1-1 beads."""
    usual_unmatched: float = 1.0
    """Share of its anchor weight that a sentence of a matched pair commonly leaves unmatched
    (learnt per document; 1.0, the most there is, until then, which charges nothing)."""
    orphan_penalty: float = 4.0
    """Cost per unit of a bead sentence's orphan share (`features.orphan_share`) beyond
    `usual_orphan`: words the other side has nowhere, where a stray share counts those it has
    elsewhere. Twice `stray_penalty`'s price per share: a word found elsewhere may recur there
    by chance, a word found nowhere says the sentence has no counterpart at all. At 2.0, a long
    dropped sentence next to an inserted one of about its length still paid less for joining
    them with their neighbours' pair in a 2-2 bead (synthetic pairs, 1-1 stretches exact over
    ten seeds: 3,720 of 3,752 at 2.0, 3,726 at 4.0; strict F1 on Text+Berg and OPUS Books
    unchanged)."""
    usual_orphan: float = 1.0
    """Orphan share that a sentence of a matched pair of this document hardly ever exceeds
    (learnt per document like `usual_unmatched`; 1.0, which charges nothing, until then)."""
    length_ceiling: float = 9.0
    """Most the length model can charge a bead (see `length_cost`): below the price of a null
    bead plus a 1-2 merge (some 11-12 nats), the detour a truncated sentence's bead would
    otherwise take; much lower, and a 1-1 bead of two unrelated sentences starts to undercut
    an omission next to an addition."""


@dataclass(frozen=True)
class Lattice:
    """Everything the costs of the beads depend on, as arrays."""

    src_len: np.ndarray
    tgt_len: np.ndarray
    src_weight: np.ndarray
    tgt_weight: np.ndarray
    src_hard: np.ndarray
    """Weight of the hard anchors (numbers, URLs) of each source sentence."""
    tgt_hard: np.ndarray
    src_break: np.ndarray
    """1 where a block boundary precedes the source sentence of that index (length n + 1)."""
    tgt_break: np.ndarray
    src_turn: np.ndarray
    """1 where the source sentence opens a line of dialogue (see `SentenceInfo.opens_turn`)."""
    tgt_turn: np.ndarray
    src_orphan: np.ndarray
    """Per source sentence, its orphan share (see `features.orphan_share`)."""
    tgt_orphan: np.ndarray

    @property
    def n(self) -> int:
        return len(self.src_len)

    @property
    def m(self) -> int:
        return len(self.tgt_len)


def length_cost(
    src_len: np.ndarray, tgt_len: np.ndarray, ratio: float, variance: float, ceiling: float
) -> np.ndarray:
    """-log of the two-sided tail probability of the length difference (Gale-Church), mixed
    with a small constant chance exp(-ceiling) that the length says nothing.

    The difference is scaled by the mean of both lengths, not the source length alone, so the
    cost is symmetric in the two languages. The mixture bounds the cost: machine translation
    sometimes cuts a long sentence down to its first clause, and an unbounded Gaussian tail
    then prices the true 1-1 bead above any detour, such as leaving the sentence before it out
    and merging its translation into the truncated one's bead.
    """
    mean = np.maximum((ratio * src_len + tgt_len) / 2.0, 1.0)
    delta = np.abs(tgt_len - ratio * src_len) / np.sqrt(variance * mean)
    return -np.logaddexp(-neg_log_erfc(delta / math.sqrt(2.0)), -ceiling)


def neg_log_erfc(x: np.ndarray) -> np.ndarray:
    """-log erfc(x) for x ≥ 0 (Abramowitz & Stegun 7.1.26), stable for large x."""
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return x * x - np.log(poly)


@dataclass(frozen=True)
class Solution:
    """The cheapest path and, when asked for, how sure the lattice is of each of its beads."""

    path: list[tuple[int, int, float]]
    """Cells (i, j) from (0, 0) to (n, m), each with the cost of the path up to it."""
    posterior: list[float] | None
    """Per bead of the path, its probability among all paths of the band weighted by
    exp(-cost / temperature): the share of the alignments' mass that agrees with it."""
    unmatched: tuple[np.ndarray, np.ndarray] | None = None
    """Per source and per target sentence, the same weighted share of the alignments that
    leave it unmatched (in a 1-0 or 0-1 bead), wherever the best path puts the gap."""


def solve(
    lattice: Lattice,
    model: CostModel,
    band: Band,
    pairs: tuple[np.ndarray, np.ndarray],
    *,
    temperature: float | None = None,
) -> Solution:
    """The cheapest monotone path through the band (Viterbi), and with a temperature the
    posterior of each of its beads (forward-backward over a soft minimum of the same costs).

    The posterior is a margin that looks at every competitor at once: a bead is sure when every
    path avoiding it costs clearly more, whichever way it avoids it.
    """
    n, m, size = band.n, band.m, band.size
    total = np.full(size + 1, np.inf)
    start_cell = int(band.index(np.array(0), np.array(0)))
    total[start_cell] = 0.0
    choice = np.zeros(size, dtype=np.int8)
    soft = table = None
    if temperature is not None:
        soft = np.full(size + 1, np.inf)
        soft[start_cell] = 0.0
        table = np.empty((len(BEAD_TYPES), size), dtype=np.float32)
    prefix = _prefix(lattice, model.usual_orphan)
    last = n + m
    lo, off = band.lo.tolist(), band.off.tolist()
    for start, stop in _chunks(band, 1, last + 1):
        i, j = band.cells(start, stop)
        pred, cost = _bead_costs(i, j, band, model, lattice, pairs, prefix)
        base = off[start]
        if table is not None:
            table[:, base : base + len(i)] = cost
        with np.errstate(invalid="ignore"):
            for d in range(start, stop):
                s, e = off[d] - base, off[d + 1] - base
                p, c = pred[:, s:e], cost[:, s:e]
                cand = total[p] + c
                choice[s + base : e + base] = cand.argmin(axis=0)
                total[s + base : e + base] = cand.min(axis=0)
                if soft is not None:
                    soft[s + base : e + base] = _softmin(soft[p] + c, temperature)  # type: ignore[arg-type]
    end = off[n + m] + n - lo[n + m]
    if not math.isfinite(float(total[end])):
        raise RuntimeError("alignment band does not connect the two ends")
    path = [(n, m, float(total[end]))]
    kinds = []
    i_, j_ = n, m
    while i_ or j_:
        k = int(choice[off[i_ + j_] + i_ - lo[i_ + j_]])
        a, b = BEAD_TYPES[k]
        kinds.append(k)
        i_, j_ = i_ - a, j_ - b
        path.append((i_, j_, float(total[off[i_ + j_] + i_ - lo[i_ + j_]])))
    path.reverse()
    kinds.reverse()
    if soft is None or table is None:
        return Solution(path, None)
    back = _backward(band, table, temperature)  # type: ignore[arg-type]
    flat = [off[i + j] + i - lo[i + j] for i, j, _ in path]
    posterior = []
    for k, (u, v) in enumerate(zip(flat, flat[1:])):
        through = soft[u] + float(table[kinds[k], v]) + back[v]
        posterior.append(float(np.exp(-max(through - soft[end], 0.0) / temperature)))  # type: ignore[operator]
    return Solution(path, posterior, _unmatched(band, table, soft, back, temperature))  # type: ignore[arg-type]


def _unmatched(
    band: Band, table: np.ndarray, soft: np.ndarray, back: np.ndarray, temperature: float
) -> tuple[np.ndarray, np.ndarray]:
    """Posterior probability of every sentence of each side being in a null bead."""
    n, m = band.n, band.m
    total = float(back[int(band.index(np.array(0), np.array(0)))])
    out = (np.zeros(n + 1), np.zeros(m + 1))
    for start, stop in _chunks(band, 1, n + m + 1):
        i, j = band.cells(start, stop)
        base = int(band.off[start])
        flat = np.arange(base, base + len(i))
        for k, (a, b) in enumerate(BEAD_TYPES):
            if a and b:
                continue
            pred = band.index(i - a, j - b)
            through = soft[pred] + table[k, flat] + back[flat] - total
            mass = np.exp(-np.maximum(through, 0.0) / temperature)
            where = out[0] if a else out[1]
            where += np.bincount(
                i if a else j, weights=np.where(np.isfinite(through), mass, 0.0), minlength=len(where)
            )
    return np.minimum(out[0][1:], 1.0), np.minimum(out[1][1:], 1.0)


def _prefix(lattice: Lattice, usual_orphan: float) -> tuple[np.ndarray, ...]:
    """Prefix sums of lengths, block starts, dialogue turns and orphan shares beyond the usual
    one, of both sides."""
    return tuple(
        np.concatenate(([0.0], np.cumsum(x)))
        for x in (
            lattice.src_len, lattice.tgt_len, lattice.src_break, lattice.tgt_break,
            lattice.src_turn, lattice.tgt_turn,
            np.maximum(lattice.src_orphan - usual_orphan, 0.0),
            np.maximum(lattice.tgt_orphan - usual_orphan, 0.0),
        )
    )


def _chunks(band: Band, first: int, stop: int) -> list[tuple[int, int]]:
    """Runs of anti-diagonals [a, b) of about `_CHUNK_CELLS` cells, to vectorise within memory."""
    out = []
    lo, hi = band.lo.tolist(), band.hi.tolist()
    start = first
    while start < stop:
        end = start
        cells = 0
        while end < stop and (cells == 0 or cells + hi[end] - lo[end] < _CHUNK_CELLS):
            cells += hi[end] - lo[end] + 1
            end += 1
        out.append((start, end))
        start = end
    return out


def _softmin(cand: np.ndarray, temperature: float) -> np.ndarray:
    """-T log sum exp(-x / T) over axis 0, inf where every candidate is inf.

    Callers silence numpy's invalid-value warnings around their loops (an errstate per call
    costs more than the arithmetic on a short anti-diagonal)."""
    low = cand.min(axis=0)
    finite = np.isfinite(low)
    if finite.all():
        return low - temperature * np.log(np.maximum(np.exp((low - cand) / temperature).sum(axis=0), 1.0))
    safe = np.where(finite, low, 0.0)
    mass = np.exp((safe - cand) / temperature).sum(axis=0)
    return np.where(finite, safe - temperature * np.log(np.maximum(mass, 1.0)), np.inf)


def _backward(band: Band, table: np.ndarray, temperature: float) -> np.ndarray:
    """Soft-minimum cost from every cell to (n, m): the backward half of forward-backward."""
    n, m, size = band.n, band.m, band.size
    back = np.full(size + 1, np.inf)
    back[int(band.index(np.array(n), np.array(m)))] = 0.0
    off = band.off.tolist()
    for start, stop in reversed(_chunks(band, 0, n + m)):
        i, j = band.cells(start, stop)
        base = off[start]
        succ = np.empty((len(BEAD_TYPES), len(i)), dtype=np.int64)
        step = np.empty((len(BEAD_TYPES), len(i)))
        for k, (a, b) in enumerate(BEAD_TYPES):
            succ[k] = band.index(i + a, j + b)
            inside = succ[k] < size
            step[k] = np.where(inside, table[k, np.where(inside, succ[k], 0)], np.inf)
        with np.errstate(invalid="ignore"):
            for d in range(stop - 1, start - 1, -1):
                s, e = off[d] - base, off[d + 1] - base
                back[s + base : e + base] = _softmin(back[succ[:, s:e]] + step[:, s:e], temperature)
    return back


def _bead_costs(
    i: np.ndarray,
    j: np.ndarray,
    band: Band,
    model: CostModel,
    lattice: Lattice,
    pairs: tuple[np.ndarray, np.ndarray],
    prefix: tuple[np.ndarray, ...],
) -> tuple[np.ndarray, np.ndarray]:
    """Predecessor index and cost of every bead type ending at each cell (i, j)."""
    cs, ct, bs, bt, qs, qt, us, ut = prefix
    src_mean = max(cs[-1] / max(band.n, 1), 1.0)
    tgt_mean = max(ct[-1] / max(band.m, 1), 1.0)
    both_break = model.block_both * (lattice.src_break[np.minimum(i, band.n)] * lattice.tgt_break[np.minimum(j, band.m)])
    preds = np.empty((len(BEAD_TYPES), len(i)), dtype=np.int64)
    costs = np.empty((len(BEAD_TYPES), len(i)), dtype=float)
    back_by: dict[tuple[int, int], np.ndarray] = {}

    def back(p: int, q: int) -> np.ndarray:
        """Flat index of cells (i - p, j - q), each offset computed once for all bead types."""
        if (p, q) not in back_by:
            back_by[p, q] = band.index(i - p, j - q)
        return back_by[p, q]

    coverage = _Coverage(i, j, back, pairs, lattice, model)
    for k, (a, b) in enumerate(BEAD_TYPES):
        valid = (i >= a) & (j >= b)
        ia, jb = np.maximum(i - a, 0), np.maximum(j - b, 0)
        preds[k] = back(a, b)
        cost = np.full(len(i), model.prior[k]) - both_break
        if a and b:
            ls, lt = cs[i] - cs[ia], ct[j] - ct[jb]
            cost += length_cost(ls, lt, model.ratio, model.variance, model.length_ceiling)
            cost += model.merge_penalty * (a + b - 2)
            found, missed, stray = coverage(a, b)
            cost += model.mismatch_penalty * missed - model.match_reward / 2.0 * found
            cost += model.stray_penalty * stray
            cost += model.orphan_penalty * ((us[i] - us[ia]) + (ut[j] - ut[jb]))
            if model.turn_mismatch:
                cost += model.turn_mismatch * np.abs((qs[i] - qs[ia]) - (qt[j] - qt[jb]))
        elif a:
            cost += model.null_base + model.null_length * (cs[i] - cs[ia]) / src_mean
        else:
            cost += model.null_base + model.null_length * (ct[j] - ct[jb]) / tgt_mean
        if a > 1:
            cost += model.block_cross * (bs[i] - bs[np.minimum(ia + 1, i)])
        if b > 1:
            cost += model.block_cross * (bt[j] - bt[np.minimum(jb + 1, j)])
        costs[k] = np.where(valid, cost, np.inf)
    return preds, costs


class _Coverage:
    """Over a bead's sentences, the summed shares of each one's anchor weight that the other
    side of the bead matches, of its hard anchor weight that it leaves unmatched, and of its
    anchor weight left unmatched beyond what the document's matched pairs usually leave.

    Per-sentence shares add up: two well-matched 1-1 beads score as much as their 2-2 merger,
    so a merge wins only when it explains anchors that the separate beads leave unmatched. A
    sentence whose numbers find no match inside its bead is better left unaligned; so is one
    whose words are found elsewhere in the other side but not in its bead, when translated
    sentences of this document seldom leave that much unexplained (a sentence slipped into a
    merge beside its neighbour's true partner).

    Bead types share most of their sentences' shares (the last source sentence of a 1-2 bead
    and of a 2-2 bead faces the same two target sentences), so each share is computed once for
    all the cells of a run of anti-diagonals.
    """

    def __init__(
        self,
        i: np.ndarray,
        j: np.ndarray,
        back: Callable[[int, int], np.ndarray],
        pairs: tuple[np.ndarray, np.ndarray],
        lattice: Lattice,
        model: CostModel,
    ) -> None:
        self.i, self.j, self.back, self.pairs = i, j, back, pairs
        self.floor, self.usual = model.evidence_floor, model.usual_unmatched
        self.weights = ((lattice.src_weight, lattice.src_hard), (lattice.tgt_weight, lattice.tgt_hard))
        self.memo: dict[tuple[int, int, int], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def __call__(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Summed (matched, hard unmatched, stray) shares of the sentences of an a-b bead."""
        totals = [np.zeros(len(self.i)) for _ in range(3)]
        shares = [self._shares(0, p, b) for p in range(a)] + [self._shares(1, q, a) for q in range(b)]
        for sentence in shares:
            for total, share in zip(totals, sentence):
                total += share
        return totals[0], totals[1], totals[2]

    def _shares(self, side: int, x: int, facing: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Shares of the sentence `x` back from the cell on `side` (0 source, 1 target), facing
        `facing` sentences of the other side."""
        key = (side, x, facing)
        if key not in self.memo:
            weight, hard = self.weights[side]
            if side == 0:
                where = np.maximum(self.i - 1 - x, 0)
                backs = [self.back(x, q) for q in range(facing)]
            else:
                where = np.maximum(self.j - 1 - x, 0)
                backs = [self.back(p, x) for p in range(facing)]
            own, own_hard = weight[where], hard[where]
            shared = sum(self.pairs[0][k] for k in backs)
            self.memo[key] = (
                np.minimum(shared, own) / (own + self.floor),
                unmatched_share(own_hard, sum(self.pairs[1][k] for k in backs), self.floor),
                np.maximum(unmatched_share(own, shared, self.floor) - self.usual, 0.0),
            )
        return self.memo[key]


def unmatched_share(own: np.ndarray, shared: np.ndarray, floor: float) -> np.ndarray:
    """Share of a sentence's anchor weight `own` that the weight it shares with its bead's other
    side does not explain; `floor` keeps a sentence with one weak anchor from counting as wholly
    unexplained."""
    return (own - np.minimum(shared, own)) / (own + floor)
