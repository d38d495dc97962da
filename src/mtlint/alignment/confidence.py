"""How sure the aligner is of each bead.

The dynamic programme's forward-backward pass gives every bead of the best path its posterior:
the share of all alignments of the band, weighted by exp(-cost / temperature), that contain
exactly this bead. A bead is sure when every way around it costs clearly more; a bead the length
model and the anchors cannot tell from a neighbouring alternative (a 2-1 merge against a 1-1
plus a 1-0, two look-alike short lines) shares its mass and scores low.

An unmatched sentence (a 1-0 or 0-1 bead) is further discounted by the anchors it shares with
any sentence of the other side: a monotone alignment cannot follow a moved paragraph, which
leaves unmatched sentences whose numbers and names are found elsewhere, and those stay unsure.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from mtlint.alignment.dp import Solution
from mtlint.alignment.features import FeatureSets
from mtlint.model import Bead

#: Anchor weight that a matched bead's sentence may share with a sentence elsewhere beyond
#: what it shares inside the bead before its confidence drops: a rare word or name recurs in a
#: novel by chance, a moved paragraph takes several numbers and names with it.
_DISPLACEMENT_MARGIN = 2.0
#: See `_best_elsewhere`.
_MAX_POSTINGS = 64
#: Anchor weight found elsewhere (beyond what the bead itself explains) at which a bead keeps
#: 1/e of its confidence.
_ANCHOR_SCALE = 3.0
#: Share of a sentence's anchor weight that its bead must match for the bead to support it
#: (`Bead.unsupported`): in the 1-1 beads of human vi→en translations (TED talks), 1 sentence
#: in 30 matches a quarter of it or less, and 1 in 40 nothing at all.
_SUPPORT_SHARE = 0.25


def bead_confidences(solution: Solution, features: FeatureSets) -> tuple[Bead, ...]:
    """The path's beads, each with its cost (its share of the path's cost) and confidence."""
    path = solution.path
    posterior = solution.posterior or [1.0] * (len(path) - 1)
    spans = [((i0, i1), (j0, j1)) for (i0, j0, _), (i1, j1, _) in zip(path, path[1:])]
    costs = [c1 - c0 for (_, _, c0), (_, _, c1) in zip(path, path[1:])]
    best_src = _best_elsewhere(features.src, features.tgt, features.located)
    best_tgt = _best_elsewhere(features.tgt, features.src, features.located)
    unmatched_src, unmatched_tgt = solution.unmatched or ((), ())
    beads = []
    for k, ((i0, i1), (j0, j1)) in enumerate(spans):
        conf = min(max(posterior[k], 0.0), 1.0)
        if i1 > i0 and j1 > j0:
            moved = _displacement((i0, i1), (j0, j1), features, best_src, best_tgt)
            conf *= math.exp(-max(moved - _DISPLACEMENT_MARGIN, 0.0) / _ANCHOR_SCALE)
        else:
            conf *= _kept(best_src[i0] if i1 > i0 else best_tgt[j0])
        unmatched: tuple[float, ...] = ()
        unsupported: tuple[bool, ...] = ()
        if solution.unmatched is not None:
            unmatched = tuple(
                round(float(share[x]) * _kept(best[x]), 4)
                for share, best, (lo, hi) in (
                    (unmatched_src, best_src, (i0, i1)), (unmatched_tgt, best_tgt, (j0, j1))
                )
                for x in range(lo, hi)
            )
            unsupported = _unsupported((i0, i1), (j0, j1), features)
        beads.append(
            Bead(
                tuple(range(i0, i1)), tuple(range(j0, j1)), round(costs[k], 4), round(conf, 4),
                unmatched, unsupported,
            )
        )
    return tuple(beads)


def _unsupported(
    src: tuple[int, int], tgt: tuple[int, int], features: FeatureSets
) -> tuple[bool, ...]:
    """`Bead.unsupported` of each sentence of a bead: its bead matches no more than
    `_SUPPORT_SHARE` of its anchor weight (none at all in a 1-0 or 0-1 bead), not counting
    the anchors its partners on its own side have too (a dropped sentence merged into its
    neighbour's bead often shares a word with the neighbour: "phép màu", magic, in both); or
    the other side has none of its word-list entries anywhere
    (`FeatureSets.src_unmatched_entries`)."""
    src_f = [features.src[i] for i in range(*src)]
    tgt_f = [features.tgt[j] for j in range(*tgt)]
    src_all, tgt_all = frozenset().union(*src_f), frozenset().union(*tgt_f)
    entries = features.src_unmatched_entries, features.tgt_unmatched_entries
    unmatched = [bool(entries[0]) and entries[0][i] for i in range(*src)] + [
        bool(entries[1]) and entries[1][j] for j in range(*tgt)
    ]
    faced = [(fs, tgt_all - _others(src_f, k)) for k, fs in enumerate(src_f)] + [
        (fs, src_all - _others(tgt_f, k)) for k, fs in enumerate(tgt_f)
    ]
    return tuple(gone or _little_matched(fs, facing, features.weight)
                 for gone, (fs, facing) in zip(unmatched, faced))


def _others(side: Sequence[frozenset[int]], k: int) -> frozenset[int]:
    """Anchors of the bead's other sentences on the same side as the k-th: what they explain
    in the facing sentences is no support for it."""
    return frozenset().union(*(fs for n, fs in enumerate(side) if n != k))


def _little_matched(own: frozenset[int], facing: frozenset[int], weight: Sequence[float]) -> bool:
    """Whether `own` has anchors and `facing` matches at most `_SUPPORT_SHARE` of their weight."""
    return bool(own) and sum(weight[f] for f in own & facing) <= _SUPPORT_SHARE * sum(
        weight[f] for f in own
    )


def _kept(elsewhere: float) -> float:
    """Share of belief in a gap that survives the anchor weight its sentence shares with some
    sentence of the other side: a sentence whose numbers and names are found elsewhere has
    moved, not gone."""
    return math.exp(-elsewhere / _ANCHOR_SCALE)


def _best_elsewhere(
    these: Sequence[frozenset[int]], others: Sequence[frozenset[int]], weight: Sequence[float]
) -> list[float]:
    """For every sentence of one side, the largest anchor weight it shares with any one sentence
    of the other side. Features found in more than `_MAX_POSTINGS` sentences are common words
    and punctuation of little weight; leaving them out keeps this linear in the document."""
    postings: dict[int, list[int]] = defaultdict(list)
    for k, fs in enumerate(others):
        for f in fs:
            postings[f].append(k)
    best = []
    for fs in these:
        score: dict[int, float] = defaultdict(float)
        for f in fs:
            post = postings.get(f, ())
            if len(post) <= _MAX_POSTINGS:
                for other in post:
                    score[other] += weight[f]
        best.append(max(score.values(), default=0.0))
    return best


def _displacement(
    src: tuple[int, int],
    tgt: tuple[int, int],
    features: FeatureSets,
    best_src: Sequence[float],
    best_tgt: Sequence[float],
) -> float:
    """How much more anchor weight the bead's best-anchored sentence shares with some sentence
    of the other side than with its own partners in the bead (0 when the bead explains it).

    The posterior only compares a bead with its alternatives in a monotone alignment; when a
    paragraph has moved, every alternative is bad and wrong pairs look sure. Their sentences'
    numbers and names are found elsewhere, which is what this measures."""
    weight = features.located
    src_f = [features.src[i] for i in range(*src)]
    tgt_f = [features.tgt[j] for j in range(*tgt)]
    tgt_all = frozenset().union(*tgt_f)
    src_all = frozenset().union(*src_f)
    worst = 0.0
    for k, fs in zip(range(*src), src_f):
        worst = max(worst, best_src[k] - sum(weight[f] for f in fs & tgt_all))
    for k, fs in zip(range(*tgt), tgt_f):
        worst = max(worst, best_tgt[k] - sum(weight[f] for f in fs & src_all))
    return worst
