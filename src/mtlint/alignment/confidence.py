"""How sure the aligner is of each bead.

A matched bead is sure when its sentences share anchors and their lengths fit the length model.
An unmatched sentence (a 1-0 or 0-1 bead) is a sure omission or addition only when the beads
around it are sure and the sentence has no anchor match anywhere on the other side: a moved
paragraph leaves unmatched sentences whose anchors are found elsewhere, and those stay unsure.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from mtlint.alignment.dp import CostModel, Lattice, length_cost
from mtlint.alignment.features import FeatureSets
from mtlint.model import Bead

#: Shared anchor weight at which a bead's anchor evidence reaches 1 - 1/e.
_ANCHOR_SCALE = 3.0
#: Largest confidence that length agreement alone can give.
_LENGTH_ONLY = 0.6


def bead_confidences(
    path: Sequence[tuple[int, int, float]],
    lattice: Lattice,
    model: CostModel,
    features: FeatureSets,
) -> tuple[Bead, ...]:
    """The path's beads, each with its cost (its share of the path's cost) and confidence."""
    weight = features.weight
    spans = [((i0, i1), (j0, j1)) for (i0, j0, _), (i1, j1, _) in zip(path, path[1:])]
    costs = [c1 - c0 for (_, _, c0), (_, _, c1) in zip(path, path[1:])]
    local: list[float | None] = []
    for (i0, i1), (j0, j1) in spans:
        if i0 == i1 or j0 == j1:
            local.append(None)
            continue
        src_f = frozenset().union(*features.src[i0:i1])
        tgt_f = frozenset().union(*features.tgt[j0:j1])
        shared = sum(weight[f] for f in src_f & tgt_f)
        unmatched = sum(weight[f] for f in src_f ^ tgt_f)
        ls = float(lattice.src_len[i0:i1].sum())
        lt = float(lattice.tgt_len[j0:j1].sum())
        len_cost = float(length_cost(np.array(ls), np.array(lt), model.ratio, model.variance))
        anchor = 1.0 - math.exp(-shared / _ANCHOR_SCALE)
        if shared + unmatched > 0:
            anchor *= 1.0 - 0.5 * unmatched / (shared + unmatched)
        length = _LENGTH_ONLY * math.exp(-len_cost)
        local.append(1.0 - (1.0 - anchor) * (1.0 - length))
    lone_src = [i0 for (i0, i1), (j0, j1) in spans if j0 == j1]
    lone_tgt = [j0 for (i0, i1), (j0, j1) in spans if i0 == i1]
    orphan_src = _best_elsewhere(lone_src, features.src, features.tgt, weight)
    orphan_tgt = _best_elsewhere(lone_tgt, features.tgt, features.src, weight)
    beads = []
    for k, ((i0, i1), (j0, j1)) in enumerate(spans):
        conf = local[k]
        if conf is None:
            context = min(_neighbour(local, k, -1), _neighbour(local, k, 1))
            best = orphan_src[i0] if i1 > i0 else orphan_tgt[j0]
            conf = context * math.exp(-best / _ANCHOR_SCALE)
        beads.append(
            Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), round(costs[k], 4), round(conf, 4))
        )
    return tuple(beads)


def _neighbour(local: Sequence[float | None], k: int, step: int) -> float:
    """Confidence of the nearest matched bead in one direction (1 at a document edge)."""
    k += step
    while 0 <= k < len(local):
        if local[k] is not None:
            return local[k]  # type: ignore[return-value]
        k += step
    return 1.0


def _best_elsewhere(
    which: Sequence[int],
    these: Sequence[frozenset[int]],
    others: Sequence[frozenset[int]],
    weight: Sequence[float],
) -> dict[int, float]:
    """For the sentences `which`, the largest shared anchor weight with any sentence of the
    other side."""
    if not which:
        return {}
    wanted = frozenset().union(*(these[k] for k in which))
    postings: dict[int, list[int]] = defaultdict(list)
    for k, fs in enumerate(others):
        for f in fs & wanted:
            postings[f].append(k)
    best = {}
    for k in which:
        score: dict[int, float] = defaultdict(float)
        for f in these[k]:
            for other in postings.get(f, ()):
                score[other] += weight[f]
        best[k] = max(score.values(), default=0.0)
    return best
