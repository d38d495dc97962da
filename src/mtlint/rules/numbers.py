"""MT105 number-mismatch: numbers, dates and times that change between original and translation."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from mtlint.model import Bead, Segment, Severity, Side, Span
from mtlint.numbers import (
    QUANTITY_KINDS,
    Measure,
    NumberMention,
    converts,
    extract_number_words,
    extract_numbers,
    format_number,
    has_digit,
    measure_after,
    values_match,
)
from mtlint.rules.registry import Issue, RuleContext, rule

#: Below this alignment confidence a bead may pair the wrong sentences, so its findings are minor.
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class _Item:
    """A mention and the bead it sits in."""

    mention: NumberMention
    bead: int


@dataclass(frozen=True)
class _Pairing:
    """Outcome of matching one document pair: matched mentions and those left over."""

    pairs: tuple[tuple[_Item, _Item], ...]
    missing: tuple[_Item, ...]  # source mentions with no target counterpart
    extra: tuple[_Item, ...]  # target mentions with no source counterpart


@rule("MT105", "number-mismatch", "Accuracy/Mistranslation", Severity.MAJOR, needs_source=True)
def number_mismatch(ctx: RuleContext) -> Iterator[Issue]:
    """A number, date or time differs between the original and the translation.

    What it does: reads every number in both texts with the conventions of its own language
    (`1.300` is 1300 in Vietnamese, 1.3 in English; `1,5 tỷ` is 1.5 billion; `3万` is 30,000;
    `5/3/2024` is 5 March in Vietnamese), then compares the values bead by bead. A source number
    with no counterpart is reported missing, a target number with none added, and one of each in
    the same bead as a single changed number. Not reported: a number moved to the neighbouring
    sentence, a small number written as a word or Roman numeral on the other side ("2" / "two",
    "1" / "a", "phần 2" / "II"), a date written in words ("15/3" / "15 March"), a figure one
    side says twice and the other once, an identifier present on one side only
    ("新型コロナウイルス" / "COVID-19"), an emergency number ("gọi cấp cứu" / "called 911"), a
    measure converted between imperial and metric units ("80 feet" / "24 Meter": within 5 % or
    rounded to one figure), a conversion in brackets that the translation drops ("161 feet (49
    meters)" / "49 Meter").
    A translated number with the right value but written
    the original's way (`12 500,5 euros` in English) is reported separately, as minor, with the
    target-language spelling as suggestion.

    Why it matters: a changed figure is the most damaging mistranslation a news article can
    carry, and separators are where machine translation slips: `1.300 hộ` rendered as
    "1.3 households" reads as a changed fact. Findings in beads whose alignment confidence is
    below 0.5 are minor, since those beads may pair the wrong sentences; beads with an empty
    side are left to MT103/MT104 (their numbers can still match a neighbour's).

    Example: source `Lũ cuốn trôi 1.300 hộ dân.` / target `The flood swept away 1.3 households.`
    → "number changed: source 1.300 (= 1300) vs target 1.3".
    """
    if ctx.source is None or not ctx.beads:
        return
    if not has_digit(ctx.source.text) and not has_digit(ctx.target.text):
        return  # no mention on either side (most sentence pairs)
    source_lang, target_lang = ctx.source_lang, ctx.target_lang
    src = _bead_mentions(ctx.beads, ctx.source_segments, lambda b: b.src, source_lang,
                         _either_convention)
    tgt = _bead_mentions(ctx.beads, ctx.target_segments, lambda b: b.tgt, target_lang)
    if not any(src) and not any(tgt) or _paired_in_place(src, tgt):
        return
    src_units, tgt_units = _Units(ctx.source.text), _Units(ctx.target.text)
    pairing = _pair(
        src, tgt,
        _LazyWords(ctx.beads, ctx.source_segments, lambda b: b.src, source_lang),
        _LazyWords(ctx.beads, ctx.target_segments, lambda b: b.tgt, target_lang),
        _converted(src_units, tgt_units),
    )
    for s, t in pairing.pairs:
        if not t.mention.locale_ok and t.mention.kind in QUANTITY_KINDS:
            yield _format_issue(s.mention, t.mention, source_lang, target_lang)

    missing: dict[int, list[NumberMention]] = {}
    extra: dict[int, list[NumberMention]] = {}
    for item in _unstated(pairing.missing, src, ctx.source_segments, src_units):
        missing.setdefault(item.bead, []).append(item.mention)
    for item in _unstated(pairing.extra, tgt, ctx.target_segments, tgt_units):
        extra.setdefault(item.bead, []).append(item.mention)
    for k in sorted(missing.keys() | extra.keys()):
        bead = ctx.beads[k]
        if bead.src and bead.tgt:
            yield from _bead_issues(ctx, bead, missing.get(k, []), extra.get(k, []))


def _paired_in_place(src: list[list[NumberMention]], tgt: list[list[NumberMention]]) -> bool:
    """Whether the numbers of each bead pair off one to one by value within the bead, the
    translation's written its own language's way: the first round of `_pair` then leaves
    nothing over and no number is misspelt, so there is nothing to report. Most sentences
    with numbers are like this, and skip the other rounds."""
    for left, right in zip(src, tgt):
        if len(left) != len(right) or any(
            not m.locale_ok and m.kind in QUANTITY_KINDS for m in right
        ):
            return False
        matched = _max_matching([_Item(m, 0) for m in left], [_Item(m, 0) for m in right],
                                values_match)
        if len(matched) < len(left):
            return False
    return True


def _unstated(left: Sequence[_Item], mentions: list[list[NumberMention]],
              segments: Sequence[Segment], units: _Units) -> list[_Item]:
    """Leftovers that are not a figure restated: one side may say a number again in a later
    sentence ("10 children. … the youngest of her 10 kids") where the other says it once; a
    leftover whose value a matched mention of the same side gives in another sentence of its
    bead or the next is that repetition. Within one sentence the same value counts twice ("5
    xe và 5 người": five cars and five people), except as a conversion in brackets beside it
    ("161 feet (49 meters)"): publishers drop those, so a translation may keep either one; and
    except a year, which names one time however often it is said ("in 2018, according to its
    2018 results")."""
    leftover = {item.mention for item in left}
    starts = [seg.start for seg in segments]

    def sentence(m: NumberMention) -> int:
        return bisect_right(starts, m.start)

    n = len(mentions)
    return [
        item for item in left
        if not any(
            m not in leftover and values_match(m, item.mention)
            and (sentence(m) != sentence(item.mention) or item.mention.kind == "year")
            for j in _window(item.bead, n, 1) for m in mentions[j]
        )
        and not any(m not in leftover and _bracketed_conversion(item.mention, m, units)
                    for m in mentions[item.bead])
    ]


_BRACKET = re.compile(r"\s*[(\[]\s*(?:[^\W\d]+\.?\s+)?")  # " (", " (about "


def _bracketed_conversion(a: NumberMention, b: NumberMention, units: _Units) -> bool:
    """Whether `a` and `b` state one measure in two unit systems, the second in brackets."""
    ua, ub = units(a), units(b)
    if ua is None or ub is None or not converts(a, ua, b, ub):
        return False
    first, second = (ua, b) if a.start < b.start else (ub, a)
    return _BRACKET.fullmatch(units.text, first.end, second.start) is not None


def _bead_issues(ctx: RuleContext, bead: Bead, gone: list[NumberMention],
                 added: list[NumberMention]) -> Iterator[Issue]:
    """Findings for the numbers of one bead left without a counterpart."""
    severity = Severity.MINOR if bead.confidence < LOW_CONFIDENCE else None
    codes, (gone, added) = _split_codes(gone, added)
    # Emergency numbers are localised, not translated ("gọi cấp cứu" / "called 911").
    gone = [m for m in gone if m.raw not in _EMERGENCY_NUMBERS]
    added = [m for m in added if m.raw not in _EMERGENCY_NUMBERS]
    # A bare "1" is often an article ("1 chú chuột" / "a possum", or no word at all: "1 thế
    # giới" / "the world"): alone on its side it is no evidence; against a number it is.
    if not added:
        gone = [m for m in gone if not _is_one(m)]
    if not gone:
        added = [m for m in added if not _is_one(m)]
    if codes is not None:
        yield _changed_issue(*codes, ctx.source_lang, ctx.target_lang, severity)
    if len(gone) == 1 and len(added) == 1:
        yield _changed_issue(gone[0], added[0], ctx.source_lang, ctx.target_lang, severity)
        return
    target_span = _side_span("target", ctx.target_segments, bead.tgt)
    source_span = _side_span("source", ctx.source_segments, bead.src)
    for m in gone:
        yield Issue(
            f"number missing in translation: source {m.raw}{_reading(m)}",
            (Span("source", m.start, m.end), target_span),
            severity,
        )
    for m in added:
        yield Issue(
            f"number added in translation: target {m.raw}{_reading(m)} is not in the source",
            (Span("target", m.start, m.end), source_span),
            severity,
        )


_EMERGENCY_NUMBERS = frozenset({"911", "999", "112"})


def _is_one(m: NumberMention) -> bool:
    return m.raw == "1"


def _split_codes(gone: list[NumberMention], added: list[NumberMention]
                 ) -> tuple[tuple[NumberMention, NumberMention] | None,
                            tuple[list[NumberMention], list[NumberMention]]]:
    """Set identifiers apart: one on each side is a changed name (MH17 → MH370), but a lone
    one is a naming choice ("新型コロナウイルス" → "COVID-19"), not a lost or invented number."""
    codes = [m for m in gone if m.kind == "code"], [m for m in added if m.kind == "code"]
    rest = [m for m in gone if m.kind != "code"], [m for m in added if m.kind != "code"]
    if len(codes[0]) == 1 and len(codes[1]) == 1:
        return (codes[0][0], codes[1][0]), rest
    return None, rest


# --------------------------------------------------------------------------- mentions

def _bead_mentions(beads: Sequence[Bead], segments: Sequence[Segment],
                   side: Callable[[Bead], tuple[int, ...]], lang: str | None,
                   widen: Callable[[NumberMention], NumberMention] | None = None
                   ) -> list[list[NumberMention]]:
    return [
        [widen(m) if widen else m
         for i in side(bead)
         for m in extract_numbers(segments[i].text, lang, offset=segments[i].start)]
        for bead in beads
    ]


_THREE_DECIMALS = re.compile(r"\d{1,3}[.,]\d{3}")
_SLIPPED_GROUP = re.compile(r"\d{1,3}[.,]\d{4,}")


def _either_convention(m: NumberMention) -> NumberMention:
    """A source `100,000` in Vietnamese may be the author's English-style 100000, not 100.

    Three decimals with one separator is the one shape both conventions write, and originals
    mix conventions; the translation is still read strictly, as its readers will read it.
    Likewise a source number that breaks its own language's convention with more digits after
    its one separator may be a group separator slipped (`2,06737` for Indian `2,06,737`).
    """
    if m.kind == "decimal" and (_THREE_DECIMALS.fullmatch(m.raw) or (
            not m.locale_ok and _SLIPPED_GROUP.fullmatch(m.raw))):
        return replace(m, values=m.values | {float(m.raw.replace(",", "").replace(".", ""))})
    return m


class _Units:
    """The unit after each mention of one side's text, read only for mentions left over."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._cache: dict[int, Measure | None] = {}

    def __call__(self, m: NumberMention) -> Measure | None:
        if m.end not in self._cache:
            self._cache[m.end] = measure_after(self.text, m.end)
        return self._cache[m.end]


def _converted(src_units: _Units, tgt_units: _Units
               ) -> Callable[[NumberMention, NumberMention], bool]:
    """Whether a target mention is the source one converted to the other unit system."""
    def fits(s: NumberMention, t: NumberMention) -> bool:
        us, ut = src_units(s), tgt_units(t)
        return us is not None and ut is not None and converts(s, us, t, ut)
    return fits


class _LazyWords:
    """Number words and month names per bead, read only for beads that still need them."""

    def __init__(self, beads: Sequence[Bead], segments: Sequence[Segment],
                 side: Callable[[Bead], tuple[int, ...]], lang: str | None) -> None:
        self._beads, self._segments, self._side, self._lang = beads, segments, side, lang
        self._cache: dict[int, list[NumberMention]] = {}

    def __getitem__(self, k: int) -> list[NumberMention]:
        if k not in self._cache:
            self._cache[k] = [
                m for i in self._side(self._beads[k])
                for m in extract_number_words(self._segments[i].text, self._lang,
                                              offset=self._segments[i].start)
            ]
        return self._cache[k]


# --------------------------------------------------------------------------- matching

def _max_matching(left: Sequence[_Item], right: Sequence[_Item],
                  fits: Callable[[NumberMention, NumberMention], bool]) -> list[tuple[int, int]]:
    """Maximum bipartite matching (augmenting paths): ambiguous candidates never block others.

    Greedy pairing fails on `1.000` (1 or 1000) next to `1000`; sizes here are a handful.
    """
    options = [[j for j, r in enumerate(right) if fits(item.mention, r.mention)]
               for item in left]
    owner = [-1] * len(right)

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j not in seen:
                seen.add(j)
                if owner[j] < 0 or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(left)):
        if options[i]:
            augment(i, set())
    return [(i, j) for j, i in enumerate(owner) if i >= 0]


def _window(k: int, n: int, reach: int) -> list[int]:
    """Bead k first, then its neighbours within `reach`."""
    return [k] + [j for d in range(1, reach + 1) for j in (k - d, k + d) if 0 <= j < n]


def _pair(src: list[list[NumberMention]], tgt: list[list[NumberMention]],
          src_words: _LazyWords, tgt_words: _LazyWords,
          converted: Callable[[NumberMention, NumberMention], bool]) -> _Pairing:
    """Match source and target mentions, in rounds from the surest to the most lenient.

    1. same bead, by value; 2. neighbouring beads (numbers move across sentence boundaries);
    3. a measure converted to the other unit system ("80 feet" / "24 Meter"), same bead or next;
    4. a leftover against a number word or month name on the other side ("two", "March");
    5. a leftover date against the day and year written as separate numbers on the other side.
    """
    n = len(src)
    free_src = [[_Item(m, k) for m in ms] for k, ms in enumerate(src)]
    free_tgt = [[_Item(m, k) for m in ms] for k, ms in enumerate(tgt)]
    pairs: list[tuple[_Item, _Item]] = []

    # a wider round also looks at the bead itself: what is free there cannot pair by value
    for reach, fits in ((0, values_match), (1, values_match), (1, converted)):
        for k in range(n):
            if not free_src[k]:
                continue
            right = [item for j in _window(k, n, reach) for item in free_tgt[j]]
            matched = _max_matching(free_src[k], right, fits)
            pairs += [(free_src[k][i], right[j]) for i, j in matched]
            _drop(free_src, [free_src[k][i] for i, _ in matched])
            _drop(free_tgt, [right[j] for _, j in matched])

    for free, words in ((free_src, tgt_words), (free_tgt, src_words)):
        used: set[tuple[int, int]] = set()
        for k in range(n):
            if not free[k]:
                continue
            pool = [(j, w) for j in _window(k, n, 1) for w in words[j]
                    if (w.start, w.end) not in used]
            right = [_Item(w, j) for j, w in pool]
            matched = _max_matching(free[k], right, _named)
            used |= {(right[j].mention.start, right[j].mention.end) for _, j in matched}
            _drop(free, [free[k][i] for i, _ in matched])

    for dates, numbers in ((free_src, free_tgt), (free_tgt, free_src)):
        for k in range(n):
            for item in [d for d in dates[k] if d.mention.kind == "date"]:
                parts = _date_parts(item.mention, [x for j in _window(k, n, 1)
                                                   for x in numbers[j]])
                if parts is not None:
                    _drop(dates, [item])
                    _drop(numbers, parts)

    return _Pairing(
        tuple(pairs),
        tuple(item for items in free_src for item in items),
        tuple(item for items in free_tgt for item in items),
    )


def _named(m: NumberMention, word: NumberMention) -> bool:
    """Whether a number word or month name says `m`: a month name says a month ("tháng 3" /
    "March"), but not a date with a day, which it would excuse whatever the day ("August 10" /
    "11. August")."""
    if word.kind == "month" and any(isinstance(v, tuple) and len(v) == 3 and v[2]
                                    for v in m.values):
        return False
    return values_match(m, word)


def _drop(free: list[list[_Item]], items: list[_Item]) -> None:
    for item in items:
        free[item.bead].remove(item)


def _date_parts(date: NumberMention, numbers: list[_Item]) -> list[_Item] | None:
    """Numbers standing for the parts of `date` ("5 marca 2024" read as 5 and 2024).

    Every day and year the date gives must be found (the month when it gives neither); a month
    number is taken too when present, since the other side may write the month as a word.
    """
    for y, mo, d in (v for v in date.values if isinstance(v, tuple)):
        required = [float(p) for p in (d, y) if p] or [float(mo)]
        optional = [float(mo)] if d or y else []
        taken: list[_Item] = []
        for value, needed in [(v, True) for v in required] + [(v, False) for v in optional]:
            hit = next((x for x in numbers if x not in taken and x.mention.kind in QUANTITY_KINDS
                        and value in x.mention.values), None)
            if hit is not None:
                taken.append(hit)
            elif needed:
                break
        else:
            return taken
    return None


# --------------------------------------------------------------------------- messages

def _show(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.12g}" if "e" not in f"{value:.12g}" else f"{value:.0f}"
    if isinstance(value, tuple) and len(value) == 3:
        y, mo, d = value
        parts = [f"{y:04d}" if y else "", f"{mo:02d}", f"{d:02d}" if d else ""]
        return "-".join(p for p in parts if p)
    if isinstance(value, tuple):
        return f"{value[0]:02d}:{value[1]:02d}"
    return str(value)


def _reading(m: NumberMention) -> str:
    """` (= 1300)` when the value is not plain from the raw text; empty otherwise."""
    if m.kind in ("code", "version"):
        return ""
    values = [v for v in m.values if m.kind != "time" or isinstance(v, tuple)]
    shown = [_show(v) for v in sorted(values, key=lambda v: (type(v).__name__, v))]
    return "" if shown == [m.raw] else f" (= {' or '.join(shown)})"


def _changed_issue(s: NumberMention, t: NumberMention, source_lang: str | None,
                   target_lang: str, severity: Severity | None) -> Issue:
    message = f"number changed: source {s.raw}{_reading(s)} vs target {t.raw}{_reading(t)}"
    if t.kind in QUANTITY_KINDS and any(
        values_match(s, again) for again in extract_numbers(t.raw, source_lang)
    ):
        message += (f"; the translation kept the source's separators, which read differently"
                    f" in {target_lang}")
    return Issue(message, (Span("target", t.start, t.end), Span("source", s.start, s.end)),
                 severity, _suggest(s, target_lang))


def _format_issue(s: NumberMention, t: NumberMention, source_lang: str | None,
                  target_lang: str) -> Issue:
    suggestion = _suggest(t, target_lang)
    how = f"; {target_lang} writes {suggestion}" if suggestion else ""
    as_source = any(again.locale_ok for again in extract_numbers(t.raw, source_lang))
    what = "left in source-language format" if as_source else f"not in {target_lang} format"
    return Issue(
        f"number {what}: target {t.raw} (source {s.raw}){how}",
        (Span("target", t.start, t.end), Span("source", s.start, s.end)),
        Severity.MINOR,
        suggestion,
    )


def _suggest(m: NumberMention, lang: str) -> str | None:
    """The value of a plain quantity written the target language's way, when it is unique."""
    values = [v for v in m.values if isinstance(v, float)]
    if m.kind not in ("int", "decimal", "percent", "year") or len(values) != 1:
        return None
    if any(ch.isalpha() for ch in m.raw):  # scale words: rewriting them is the translator's call
        return None
    return format_number(values[0], lang) + ("%" if m.kind == "percent" else "")


def _side_span(side: Side, segments: Sequence[Segment], indices: tuple[int, ...]) -> Span:
    return Span(side, segments[indices[0]].start, segments[indices[-1]].end)
