"""Reference-based metrics: sacrebleu BLEU, chrF++ and TER over the aligned translation.

The reference is aligned to the translation with the same aligner as the original, so a
reference that splits or merges sentences differently still scores fairly. Every figure carries
sacrebleu's signature string, so it can be reproduced with the sacrebleu command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from mtlint.model import Bead, Segment

#: sacrebleu tokenizer per target language; everything else uses the default 13a. Japanese and
#: Korean fall back to characters because sacrebleu's MeCab tokenizers need extra packages.
_TOKENIZERS = {"zh": "zh", "ja": "char", "ko": "char"}
_ASIAN = {"zh", "ja", "ko"}


@lru_cache(maxsize=None)
def _metrics(lang: str) -> tuple[Any, Any, Any, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    tokenize = _TOKENIZERS.get(lang, "13a")
    return (
        BLEU(tokenize=tokenize),
        BLEU(tokenize=tokenize, effective_order=True),
        CHRF(word_order=2),
        TER(asian_support=lang in _ASIAN),
    )


def paired_texts(
    beads: Sequence[Bead], hyp: Sequence[Segment], ref: Sequence[Segment]
) -> tuple[list[str], list[str]]:
    """One hypothesis and one reference string per bead (an empty side scores as empty)."""
    hyps = [" ".join(hyp[i].text for i in bead.src) for bead in beads]
    refs = [" ".join(ref[j].text for j in bead.tgt) for bead in beads]
    return hyps, refs


def reference_scores(hyps: Sequence[str], refs: Sequence[str], lang: str) -> dict[str, Any]:
    """Corpus BLEU, chrF++ and TER with signatures, plus the same per aligned pair."""
    bleu, sentence_bleu, chrf, ter = _metrics(lang)
    per_pair = [
        {
            "bleu": round(sentence_bleu.sentence_score(h, [r]).score, 2),
            "chrf": round(chrf.sentence_score(h, [r]).score, 2),
            "ter": round(ter.sentence_score(h, [r]).score, 2),
        }
        for h, r in zip(hyps, refs)
    ]
    return {
        "bleu": round(bleu.corpus_score(list(hyps), [list(refs)]).score, 2),
        "chrf": round(chrf.corpus_score(list(hyps), [list(refs)]).score, 2),
        "ter": round(ter.corpus_score(list(hyps), [list(refs)]).score, 2),
        "signatures": {
            "bleu": str(bleu.get_signature()),
            "chrf": str(chrf.get_signature()),
            "ter": str(ter.get_signature()),
        },
        "per_pair": per_pair,
    }
