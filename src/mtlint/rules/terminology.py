"""Terminology rules: the glossary's required translations (MT401) and do-not-translate terms
(MT402).

Both read the glossary given with `--glossary` (or the `glossary` setting); without one they
find nothing. Terms are found in the original with `Glossary.find` (case, diacritics and simple
inflection folded, one pass whatever the glossary's size), and looked for in the translation of
the same bead and its neighbours, since a translation may move a term across a sentence
boundary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from mtlint.glossary import Hit, find_term
from mtlint.model import Severity, Span
from mtlint.rules.registry import Issue, RuleContext, rule

#: A term may turn up this many beads before or after the one holding it in the original.
BEAD_REACH = 1


@dataclass(frozen=True, slots=True)
class _Occurrence:
    """A glossary term in the original, in bead `bead`."""

    hit: Hit
    bead: int
    start: int  # offsets into the original's prose view
    end: int


@rule("MT401", "glossary-term", "Terminology/Wrong term", Severity.MAJOR, needs_source=True)
def glossary_term(ctx: RuleContext) -> Iterable[Issue]:
    """A glossary term of the original is not translated as the glossary requires.

    What it does: finds the glossary's source terms in each original sentence that has a
    counterpart (case and diacritics folded, simple inflection accepted: "Bridges" finds
    "bridge"; multiword terms across any whitespace), then looks for a required translation
    in the translated sentences of the same bead and of the beads on either side, with the
    same tolerance and the target language's inflections (English and Romance plurals, German
    case endings, short Slavic endings; none for Vietnamese or Chinese). A term whose required
    translation appears nowhere in the translation is major; one that appears elsewhere in the
    translation but not there is minor (it may have moved further, or been rephrased once).
    The suggestion is the required term. Several rows with the same source term give
    alternative translations, any of which is accepted. One finding per term and bead.

    Why it matters: organisations, products and legal notions have fixed translations; machine
    translation picks whatever is frequent ("traffic light" for "feu tricolore" where the house
    style says "signal"), and readers and search engines then miss the established term.

    Example: glossary row "Ủy ban Nhân dân,People's Committee"; original "Ủy ban Nhân dân tỉnh
    đã họp." / translation "The provincial government met." → "'Ủy ban Nhân dân' should be
    translated as 'People's Committee'".
    """
    if not ctx.glossary:
        return
    for occurrence in _occurrences(ctx):
        term = occurrence.hit.term
        if term.dnt:
            continue
        window = _window_text(ctx, occurrence.bead)
        if any(_found(window, target, ctx.target_lang) for target in term.targets):
            continue
        elsewhere = any(_found(ctx.target.text, t, ctx.target_lang) for t in term.targets)
        required = " or ".join(f"'{t}'" for t in term.targets)
        yield Issue(
            f"'{_source_text(ctx, occurrence)}' should be translated as {required}"
            + (" (used elsewhere in the translation, not here)" if elsewhere else ""),
            _spans(ctx, occurrence),
            severity=Severity.MINOR if elsewhere else None,
            suggestion=term.targets[0],
        )


@rule("MT402", "do-not-translate", "Terminology/Wrong term", Severity.MAJOR, needs_source=True)
def do_not_translate(ctx: RuleContext) -> Iterable[Issue]:
    """A do-not-translate term of the original is translated or altered.

    What it does: finds the glossary's do-not-translate terms (rows with an empty target, a
    target equal to the source, or `dnt` in a third column) in each original sentence that
    has a counterpart, as written there (a term with capitals must match them: "Apple" the
    company, not "apple" the fruit), and requires the same term, verbatim, in the translated
    sentences of the same bead or its neighbours; target-language inflections after it are
    accepted ("iPhones"). A term written with other capitals or without its diacritics
    ("Iphone") is minor; a term absent (translated, transliterated or dropped) is major. The
    suggestion is the term as it must be written.

    Why it matters: brand, product and programme names are translated by machine translation
    as ordinary words ("Mặt Trời Mọc" for a company called "Sunrise", "Pomme" for "Apple"),
    which breaks the name and every search for it.

    Example: glossary row "Open Data Portal,,dnt"; original "Dữ liệu có trên Open Data
    Portal." / translation "The data are on the Open Data Gateway." → "do-not-translate term
    'Open Data Portal' is missing in the translation".
    """
    if not ctx.glossary:
        return
    for occurrence in _occurrences(ctx):
        term = occurrence.hit.term
        if not term.dnt:
            continue
        written = _source_text(ctx, occurrence)
        if not _found(written, term.source, ctx.source_lang, exact=_has_capitals(term.source)):
            continue  # "apple" the fruit, for a term "Apple"
        window = _window_text(ctx, occurrence.bead)
        if _found(window, term.source, ctx.target_lang, exact=True):
            continue
        if _found(window, term.source, ctx.target_lang):
            yield Issue(
                f"do-not-translate term '{term.source}' is written differently in the "
                "translation",
                _spans(ctx, occurrence),
                severity=Severity.MINOR,
                suggestion=term.source,
            )
        else:
            yield Issue(
                f"do-not-translate term '{term.source}' is missing in the translation "
                "(translated or dropped)",
                _spans(ctx, occurrence),
                suggestion=term.source,
            )


def _has_capitals(text: str) -> bool:
    return any(ch.isupper() for ch in text)


def _found(text: str, term: str, lang: str | None, exact: bool = False) -> bool:
    return next(find_term(text, term, lang, exact=exact), None) is not None


@lru_cache(maxsize=8)
def _occurrences(ctx: RuleContext) -> tuple[_Occurrence, ...]:
    """Glossary terms in the original sentences that have a counterpart, one per term and bead
    (cached: both rules read them)."""
    if ctx.source is None:
        return ()
    found: dict[tuple[int, int], _Occurrence] = {}
    for k, bead in enumerate(ctx.beads):
        if not bead.tgt:
            continue  # an omitted sentence is MT103's finding
        for i in bead.src:
            segment = ctx.source_segments[i]
            for hit in ctx.glossary.find(segment.text, ctx.source_lang):
                key = (id(hit.term), k)
                if key not in found:
                    found[key] = _Occurrence(
                        hit, k, segment.start + hit.start, segment.start + hit.end
                    )
    return tuple(found.values())


def _window_text(ctx: RuleContext, k: int) -> str:
    """The translation of bead `k` and its neighbours, as one text."""
    beads = ctx.beads[max(0, k - BEAD_REACH) : k + BEAD_REACH + 1]
    return "\n".join(ctx.target_segments[j].text for bead in beads for j in bead.tgt)


def _source_text(ctx: RuleContext, occurrence: _Occurrence) -> str:
    assert ctx.source is not None
    return ctx.source.text[occurrence.start : occurrence.end]


def _spans(ctx: RuleContext, occurrence: _Occurrence) -> tuple[Span, ...]:
    bead = ctx.beads[occurrence.bead]
    return (
        *(Span("target", ctx.target_segments[j].start, ctx.target_segments[j].end)
          for j in bead.tgt),
        Span("source", occurrence.start, occurrence.end),
    )
