"""MT203 punctuation: quotes and brackets that do not pair up, stray spaces and doubled marks,
and a final stop lost on the way from the original.

Punctuation conventions differ by language (French puts a no-break space before ; : ! ? and
inside « », German quotes „so“, Japanese 「so」), so every check reads the translation with the
conventions of its own language, and each stays quiet where a convention is in doubt: single
quotes (apostrophes look the same), "a)" list labels, quotations that run over several
paragraphs, ellipses, "?!".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from mtlint.model import Block, Document, Segment, Severity, Span
from mtlint.rules.encoding import MOJIBAKE_HINT_RE
from mtlint.rules.registry import Issue, RuleContext, rule
from mtlint.rules.residue import base_language, excerpt, word_count

#: Quotation marks per language: (opening, closing characters). Languages not listed use
#: `_DEFAULT_QUOTES`. Straight double quotes are handled apart (they open and close).
_DEFAULT_QUOTES: tuple[tuple[str, str], ...] = (("“", "”"), ("«", "»"))
_QUOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("«", "»"), ("“", "”")),
    "de": (("„", "“”"), ("»", "«"), ("«", "»")),
    "cs": (("„", "“"), ("»", "«")),
    "pl": (("„", "”"), ("«", "»")),
    "ru": (("«", "»"), ("„", "“")),
    "uk": (("«", "»"), ("„", "“")),
    "ja": (("「", "」"), ("『", "』"), ("“", "”")),
    "zh": (("“", "”"), ("「", "」"), ("『", "』")),
}
_BRACKETS: tuple[tuple[str, str], ...] = (("(", ")"), ("[", "]"), ("{", "}"), ("（", "）"))
_OPEN_BRACKETS = "([{（"
_ALL_MARKS = frozenset("“”«»„「」『』()[]{}（）\"")
#: Languages written without spaces: spacing checks do not apply.
_UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my"})
#: French puts a (narrow) no-break space before these, and inside « ».
_FRENCH_SPACED = ";:!?»"
#: Terminal punctuation of a sentence.
_TERMINAL = ".!?…。！？"
_CLOSING = "\"'”’»)]」』）"
_WESTERN_STOPS = {"。": ".", "！": "!", "？": "?"}
#: A final stop is expected only in these kinds of block (not headings, list items, captions).
_PROSE_BLOCKS = frozenset({"paragraph", "quote"})
MIN_FINAL_WORDS = 4
#: A quotation may run over this many paragraphs (opened in one, closed in a later one).
QUOTE_SPAN = 3

_SPACE_BEFORE_RE = re.compile(r"(?<=\w)[ \t\u00a0\u202f]+([,.;:!?])(?![\w.,;:!?()\-])")
_DOUBLED_RE = re.compile(
    r"(?<![\d.?!])\.\.(?![.\w/\\])"  # two full stops (not an ellipsis, a range, a path, "?..")
    r"|,,|;;|,[.;:](?!\.)|;[,.:]"  # ",," ";;" ",." ",;" ";,"
    r"|(?<![.\s])\. \.(?! ?\.)"  # ". ." (not a spaced ellipsis)
)
#: What every match of the two patterns above contains. The patterns open with a lookbehind,
#: which the regex engine tries at every position of a sentence; these open with a character
#: class, which it skips through, so sentences without a candidate (nearly all) cost little.
_SPACE_BEFORE_HINT = re.compile(r"[ \t\u00a0\u202f][,.;:!?]")
_DOUBLED_HINT = re.compile(r"[.,;][.,;:]|\. \.")
_MARK_RE = re.compile(f"[{re.escape(''.join(sorted(_ALL_MARKS)))}]")
#: A full stop glued to the next sentence: a word ending in lower case, ".", then a capitalised
#: word ("Stadt.Nachdem"). Not inside a URL, an address or a path (nothing of those before or
#: after it), not after an initial ("e.g.The"): two letters at least on each side. The case of
#: the two words is checked apart, as Python's re has no Unicode case classes.
_GLUED_STOP_RE = re.compile(r"(?<![\w.@/])([^\W\d_]{2,})\.([^\W\d_]{2,})(?![\w@/]|\.\w)")
#: What every match of `_GLUED_STOP_RE` contains, the cheap screen before it: a full stop and
#: a letter. Led by the stop, which the engine scans for as a literal (a letter class first
#: would be tried at every position, twenty times slower).
_GLUED_STOP_HINT = re.compile(r"\.[^\W\d_]")
#: Languages whose own quotation marks are typographic (German „so“, French « so », Russian
#: «так»): a straight double quote is a typewriter stand-in there. English, Spanish and most
#: other languages accept straight quotes, so they are not listed.
_TYPOGRAPHIC_QUOTES = frozenset({"de", "fr", "cs", "pl", "ru", "uk"})
#: Double quotation marks of every convention, to see whether the original quotes at a place.
_DOUBLE_QUOTES = frozenset("\"“”„‟«»「」『』")
#: Punctuation that ends a clause: after a quotation mark, it shows the mark closes.
_CLAUSE_ENDS = ",.;:!?"
#: A list label closed by a parenthesis: "a)", "2)", "iv)".
_LABEL_RE = re.compile(r"(?:^|[\s(])[\w]{1,3}$")


@dataclass(frozen=True, slots=True)
class _Mark:
    char: str
    pos: int  # offset into the document's prose view


@rule("MT203", "punctuation", "Fluency/Punctuation", Severity.MINOR)
def punctuation(ctx: RuleContext) -> Iterable[Issue]:
    """Quotes or brackets that do not pair up, quotes in a style the language does not use, a
    space before or none after punctuation, doubled marks, or a final stop lost from the
    original.

    What it does: in each paragraph of the translation, pairs quotation marks with the
    conventions of the target language (“…” in English, «…» in French, „…“ in German,
    「…」 in Japanese) and brackets, and reports an opening mark never closed, a closing mark
    never opened, a closing quote used to open (”Hello,” he said), an opening quote used to
    close, or a straight quote paired with a typographic one („Links-Rechts"-Regel,
    US-"Versäumnisse“); "a)" list labels, smileys and quotations continued over several paragraphs (the
    next paragraph opens with a quote, or closes the open one) are left alone, and so are
    single quotes, which look like apostrophes; brackets pair within their paragraph. With the
    original, a quote left unpaired the same way in the original paragraph (a quotation
    opened there and closed in a later one) is left alone too. It also reports a space before
    , . ; : ! ? ("word ,") in languages that do not write one (French does, before ; : ! ? »),
    a full stop with no space before the next sentence ("der Stadt.Nachdem"), doubled
    punctuation (",,", "..", ",.", ". .", but not "...", "!!", "?!", "?.." or the ",,So" that
    plain text writes for „So), and, with the original, a paragraph-final sentence of four
    words or more that lost the final stop its original has (not in headings, list items or
    captions), and straight quotes "…" in a sentence whose original quotes there, when the
    target language quotes with marks of its own (German, French, Czech, Polish, Russian,
    Ukrainian; not English, where "…" is fine): one finding for the whole document, with a
    span on each such quote.

    Why it matters: machine translation and the pipelines around it mangle punctuation in
    ways a careful translator never does; one stray quote or bracket changes what a reader
    takes as quoted or parenthetical, and such marks are the cheapest tell of unrevised output.

    Example: "The mayor said the bridge would reopen (after the inspection." → "'(' is never
    closed"; "Traffic resumed on Monday ," → "space before ','"; in German, 'Er sagte: "Wir
    sind erleichtert."' for 'He said: "We are relieved."' → "2 straight quotes '"' where the
    target language (de) quotes „so“".
    """
    lang = base_language(ctx.target_lang) or ""
    doc = ctx.target
    # The original's unpaired quotes excuse marks of the translation; most translations have
    # no quote or bracket at all, and then the original is not scanned.
    has_marks = _MARK_RE.search(doc.text) is not None
    kept = _original_imbalances(ctx) if ctx.source is not None and has_marks else {}
    blocks = _scanned_blocks(doc, lang) if has_marks else [None] * len(doc.blocks)
    yield from _pairing_issues(doc, lang, blocks, kept)
    if lang not in _UNSPACED:
        for segment in ctx.target_segments:
            yield from _spacing_issues(segment, lang, ctx.source)
    if ctx.source is not None:
        yield from _final_stop_issues(ctx)
        if lang in _TYPOGRAPHIC_QUOTES:
            # a straight quote that closes a typographic one is reported as such, not again
            mixed = {pos for b in blocks if b for pos in b.mixed_straight}
            yield from _straight_quote_style_issues(ctx, lang, mixed)


# --- quotes and brackets ---------------------------------------------------------------------


def _pairs(lang: str) -> tuple[tuple[str, str], ...]:
    return (*_QUOTES.get(lang, _DEFAULT_QUOTES), *_BRACKETS)


@dataclass
class _BlockMarks:
    unclosed: list[_Mark]
    stray: list[tuple[_Mark, str]]  # a closing mark without opening, and why
    starts_with_opener: bool
    #: The last straight double quote, when the paragraph has an odd number of them.
    odd_straight: _Mark | None
    #: Straight double quotes paired with a typographic one (reported as "mixed" strays).
    mixed_straight: tuple[int, ...] = ()


def _scanned_blocks(doc: Document, lang: str) -> list[_BlockMarks | None]:
    """The marks of each paragraph (None for one without any)."""
    pairs = _pairs(lang)
    return [
        _scan_block(doc.text, block, pairs)
        if _MARK_RE.search(doc.text, block.start, block.end) else None
        for block in doc.blocks
    ]


def _pairing_issues(
    doc: Document, lang: str, blocks: Sequence[_BlockMarks | None],
    kept: Mapping[int, frozenset[str]],
) -> Iterator[Issue]:
    """Unpaired marks of each paragraph, but not a quote the original leaves unpaired as well
    (`kept`: per paragraph, "open" and "close" as `_original_imbalances` says)."""
    pairs = _pairs(lang)
    for k, marks in enumerate(blocks):
        if marks is None:
            continue
        before = [b for b in blocks[max(0, k - QUOTE_SPAN) : k] if b is not None]
        after = [b for b in blocks[k + 1 : k + 1 + QUOTE_SPAN] if b is not None]
        # quotations run over paragraphs; a bracket opened in one paragraph closes in it
        carried = {m.char for b in before for m in b.unclosed if m.char not in _OPEN_BRACKETS}
        faithful = kept.get(k, frozenset())
        for mark, why in marks.stray:
            if why == "close" and any(mark.char in _closers(o, pairs) for o in carried):
                continue  # a quotation opened in an earlier paragraph ends here
            if why == "close" and "close" in faithful and mark.char in _DOUBLE_QUOTES:
                continue  # so does the original's
            yield Issue(_STRAY_MESSAGES[why].format(mark.char), (Span("target", mark.pos,
                                                                       mark.pos + 1),))
        for mark in marks.unclosed:
            if mark.char not in _OPEN_BRACKETS and any(b.starts_with_opener or any(
                s.char in _closers(mark.char, pairs) for s, why in b.stray if why == "close"
            ) for b in after):
                continue  # continued in the next paragraphs
            if "open" in faithful and mark.char in _DOUBLE_QUOTES:
                continue  # the original's stays open too
            yield Issue(f"'{mark.char}' is never closed", (Span("target", mark.pos,
                                                                mark.pos + 1),))
    yield from _straight_quote_issues(doc, blocks, kept)


def _straight_quote_issues(
    doc: Document, blocks: Sequence[_BlockMarks | None], kept: Mapping[int, frozenset[str]]
) -> Iterator[Issue]:
    """Paragraphs with an odd number of straight quotes, paired in order: a quotation that
    opens in one and closes a few paragraphs later is fine; one left without a partner is not,
    unless the original leaves one unpaired there too.
    """
    odd = [(k, b.odd_straight) for k, b in enumerate(blocks) if b and b.odd_straight]
    k = 0
    while k < len(odd):
        if k + 1 < len(odd) and odd[k + 1][0] - odd[k][0] <= QUOTE_SPAN:
            k += 2
            continue
        block, mark = odd[k]
        assert mark is not None
        if _unpaired_straight(doc.text, doc.blocks[block]) not in kept.get(block, ()):
            yield Issue("unbalanced '\"': an odd number of straight quotes in the paragraph",
                        (Span("target", mark.pos, mark.pos + 1),))
        k += 1


def _original_imbalances(ctx: RuleContext) -> dict[int, frozenset[str]]:
    """Per paragraph of the translation, the quotes its original leaves unpaired: "open" (a
    quotation opened and not closed), "close" (one closed without opening). A quotation of
    several paragraphs, or a text cut into segments inside one, leaves such marks in the
    original, and a translation that keeps them is faithful, not broken.
    """
    source = ctx.source
    assert source is not None
    pairs = _pairs(base_language(ctx.source_lang) or "")
    linked: dict[int, set[int]] = {}
    for bead in ctx.beads:
        for j in bead.tgt:
            linked.setdefault(ctx.target_segments[j].block, set()).update(
                ctx.source_segments[i].block for i in bead.src
            )
    used = sorted(set().union(*linked.values()))
    of_source = {b: _imbalance(source.text, source.blocks[b], pairs) for b in used}
    return {k: frozenset().union(*(of_source[b] for b in blocks)) for k, blocks in linked.items()}


def _imbalance(text: str, block: Block, pairs: Sequence[tuple[str, str]]) -> frozenset[str]:
    """The ways ("open", "close") in which a paragraph leaves a quotation mark unpaired."""
    if not _MARK_RE.search(text, block.start, block.end):
        return frozenset()
    marks = _scan_block(text, block, pairs)
    kinds: set[str] = set()
    if any(m.char in _DOUBLE_QUOTES for m in marks.unclosed):
        kinds.add("open")
    if any(why == "close" and m.char in _DOUBLE_QUOTES for m, why in marks.stray):
        kinds.add("close")
    if marks.odd_straight is not None:
        kinds.add(_unpaired_straight(text, block))
    return frozenset(kinds)


def _unpaired_straight(text: str, block: Block) -> str:
    """Which way the unpaired quote of a paragraph with an odd number of straight quotes goes:
    "close" when the first of them closes (a quotation carried in: 'support," he said'), else
    "open"."""
    quotes = _straight_quotes(text, block.start, block.end)
    i = quotes[0] if quotes else 0
    return "close" if quotes and _closing_position(text[i - 1 : i], text[i + 1 : i + 2]) else "open"


def _straight_quotes(text: str, start: int, end: int) -> list[int]:
    """Offsets of the straight double quotes in text[start:end], inch marks (5'10") left out
    as `_scan_block` leaves them out."""
    found: list[int] = []
    i = text.find('"', start, end)
    while i >= 0:
        if not text[i - 1 : i].isdigit():
            found.append(i)
        i = text.find('"', i + 1, end)
    return found


_STRAY_MESSAGES = {
    "close": "'{}' closes nothing: no opening mark before it",
    "as-opening": "closing quote '{}' used to open a quotation",
    "as-closing": "opening quote '{}' used to close a quotation",
    "mixed": "straight quote '{}' closes a quotation opened with a typographic quote",
    "mixed-close": "'{}' closes a quotation opened with a straight quote",
}


def _closers(opening: str, pairs: Sequence[tuple[str, str]]) -> str:
    if opening == '"':
        return '"'
    return "".join(close for open_, close in pairs if open_ == opening)


def _scan_block(text: str, block: Block, pairs: Sequence[tuple[str, str]]) -> _BlockMarks:
    openers = {o for o, _ in pairs}
    closers = {c for _, cs in pairs for c in cs}
    stack: list[_Mark] = []
    stray: list[tuple[_Mark, str]] = []
    straight: list[_Mark] = []
    mixed: list[int] = []
    body = text[block.start : block.end]
    garbled = {m.end() - 1 for m in MOJIBAKE_HINT_RE.finditer(body)}
    first = body.lstrip(" \t-–—*•")[:1]
    starts_with_opener = bool(first) and (first in openers or first == '"')
    for i, ch in enumerate(body):
        if ch not in _ALL_MARKS or i in garbled or body[i - 1 : i] == "€":
            continue  # not a mark, or a byte of mojibake ("á»§", "â€œ": MT204's finding)
        pos = block.start + i
        prev, nxt = body[i - 1 : i], body[i + 1 : i + 2]
        top = stack[-1] if stack else None
        if ch == '"':
            if prev.isdigit():
                continue  # inches: 5'10"
            if top is not None and top.char in _DOUBLE_QUOTES and _closing_position(prev, nxt):
                stack.pop()  # „Links-Rechts"-Regel: closed, with the wrong mark
                stray.append((_Mark(ch, pos), "mixed"))
                mixed.append(pos)
            else:
                straight.append(_Mark(ch, pos))
            continue
        if top is not None and ch in _closers(top.char, pairs):
            stack.pop()
        elif ch in openers:
            if ch not in closers and ch not in _OPEN_BRACKETS and (
                top is not None and top.char == ch and _closing_position(prev, nxt)
                or top is None and _ends_clause(body, i + 1)
            ):
                stray.append((_Mark(ch, pos), "as-closing"))
                if top is not None:
                    stack.pop()
            else:
                stack.append(_Mark(ch, pos))
        elif ch in closers:
            if ch in ")]）" and (_LABEL_RE.search(body[:i]) or prev in ":;" or (
                prev == "-" and body[i - 2 : i - 1] in ":;"
            )):
                continue  # a list label "a)" or a smiley ":)"
            if ch not in ")]}）" and _opening_position(prev, nxt):
                stray.append((_Mark(ch, pos), "as-opening"))
                stack.append(_Mark(_opening_for(ch, pairs), pos))
            elif top is None and ch in _DOUBLE_QUOTES and len(straight) % 2:
                mixed.append(straight.pop().pos)  # US-"Versäumnisse“: opened, with the wrong mark
                stray.append((_Mark(ch, pos), "mixed-close"))
            else:
                stray.append((_Mark(ch, pos), "close"))
    unclosed = [m for m in stack if not (m.char in "(" and _smiley_before(text, m.pos))]
    odd = straight[-1] if len(straight) % 2 else None
    return _BlockMarks(unclosed, stray, starts_with_opener, odd, tuple(mixed))


def _ends_clause(body: str, i: int) -> bool:
    """A comma, a stop or the like at body[i], which follows a closing quote but never an
    opening one ('braucht„, sagte er'); not an ellipsis, which may open a quotation."""
    return body[i : i + 1] in _CLAUSE_ENDS and body[i : i + 2] != ".."


def _opening_for(closing: str, pairs: Sequence[tuple[str, str]]) -> str:
    return next(o for o, cs in pairs if closing in cs)


def _opening_position(prev: str, nxt: str) -> bool:
    """After a space (or at the start) and before a word: where a quotation opens."""
    return (not prev or prev.isspace()) and bool(nxt) and not nxt.isspace()


def _closing_position(prev: str, nxt: str) -> bool:
    """After a word or punctuation and before a space, punctuation or the end."""
    return bool(prev) and not prev.isspace() and (not nxt or not nxt.isalnum())


def _smiley_before(text: str, pos: int) -> bool:
    return text[pos - 1 : pos] in (":", ";") or text[pos - 2 : pos] in (":-", ";-")


# --- spacing and doubled marks ---------------------------------------------------------------


def _spacing_issues(segment: Segment, lang: str, source: Document | None) -> Iterator[Issue]:
    text = segment.text
    if _SPACE_BEFORE_HINT.search(text):
        for m in _SPACE_BEFORE_RE.finditer(text):
            mark = m.group(1)
            if lang == "fr" and mark in _FRENCH_SPACED:
                continue
            if mark == "." and text[m.end() : m.end() + 1].isdigit():
                continue
            yield Issue(
                f"space before '{mark}'",
                (Span("target", segment.start + m.start(), segment.start + m.end()),),
                suggestion=mark,
            )
    for m in _DOUBLED_RE.finditer(text) if _DOUBLED_HINT.search(text) else ():
        marks = m.group()
        if marks == ",," and text[m.start() - 1 : m.start()].strip() == "" and (
            text[m.end() : m.end() + 1].isalpha() or text[m.end() : m.end() + 1] in "'’"
        ):
            continue  # ",,So" opens a quotation: a plain-text stand-in for „So
        yield Issue(
            f"doubled punctuation '{marks}'",
            (Span("target", segment.start + m.start(), segment.start + m.end()),),
            suggestion=marks.replace(" ", "")[-1] if marks[0] == marks[-1] else marks[-1],
        )
    for m in _GLUED_STOP_RE.finditer(text) if _GLUED_STOP_HINT.search(text) else ():
        end, start = m.group(1), m.group(2)
        if not (end[1:].islower() and start[0].isupper() and start[1:].islower()):
            continue
        if source is not None and m.group() in source.text:
            continue  # a name written so ("Booking.Com") in the original as well
        yield Issue(
            f"no space after '.': '{m.group()}'",
            (Span("target", segment.start + m.start(), segment.start + m.end()),),
            suggestion=f"{end}. {start}",
        )


# --- final stop ------------------------------------------------------------------------------


def _final_stop_issues(ctx: RuleContext) -> Iterator[Issue]:
    target, source = ctx.target, ctx.source
    assert source is not None
    for bead in ctx.beads:
        if not bead.src or not bead.tgt:
            continue
        last = ctx.target_segments[bead.tgt[-1]]
        original = ctx.source_segments[bead.src[-1]].text.rstrip().rstrip(_CLOSING)
        if not original or original[-1] not in _TERMINAL:
            continue
        block = target.blocks[last.block] if last.block < len(target.blocks) else None
        if block is None or block.kind not in _PROSE_BLOCKS:
            continue
        if target.text[last.end : block.end].strip():
            continue  # not the paragraph's last sentence
        text = last.text.rstrip()
        bare = text.rstrip(_CLOSING)
        if not bare or not bare[-1].isalnum() or word_count(text) < MIN_FINAL_WORDS:
            continue
        tail = bare.split()[-1]
        if any(ch in tail for ch in "/@\ufffc"):
            continue  # ends with a URL, an address or code: a stop there is a choice
        stop = _WESTERN_STOPS.get(original[-1], original[-1])
        yield Issue(
            f"final '{stop}' missing (the original ends with one): '{excerpt(text, 50)}'",
            (Span("target", last.start + len(bare) - 1, last.start + len(bare)),),
            suggestion=bare[-1] + stop,
        )


# --- quotation style -------------------------------------------------------------------------


def _straight_quote_style_issues(
    ctx: RuleContext, lang: str, mixed: AbstractSet[int]
) -> Iterator[Issue]:
    """Straight quotes in sentences whose original quotes there, in a language that quotes
    with marks of its own: machine translation copies the original's "…" instead of writing
    „…“ or « … ». One finding per document, with a span on each of those straight quotes: a
    plain-text edition that types straight quotes throughout is one style choice to review,
    not hundreds of findings."""
    opening, closing = _QUOTES[lang][0]
    text = ctx.target.text
    quotes: list[int] = []
    for bead in ctx.beads:
        segments = [ctx.target_segments[j] for j in bead.tgt]
        found = [i for seg in segments if '"' in seg.text
                 for i in _straight_quotes(text, seg.start, seg.end) if i not in mixed]
        if found and any(
            _DOUBLE_QUOTES.intersection(ctx.source_segments[i].text) for i in bead.src
        ):
            quotes.extend(found)
    if quotes:
        places = f"{len(quotes)} straight quotes" if len(quotes) > 1 else "a straight quote"
        yield Issue(
            f"{places} '\"' where the target language ({lang}) quotes "
            f"{opening}so{closing[0]}",
            tuple(Span("target", pos, pos + 1) for pos in sorted(quotes)),
        )
