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
from collections.abc import Iterable, Iterator, Sequence
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
    r"(?<![\d.])\.\.(?![.\w/\\])"  # two full stops (not an ellipsis, a range or a path)
    r"|,,|;;|,[.;:](?!\.)|;[,.:]"  # ",," ";;" ",." ",;" ";,"
    r"|(?<![.\s])\. \.(?! ?\.)"  # ". ." (not a spaced ellipsis)
)
#: A list label closed by a parenthesis: "a)", "2)", "iv)".
_LABEL_RE = re.compile(r"(?:^|[\s(])[\w]{1,3}$")


@dataclass(frozen=True, slots=True)
class _Mark:
    char: str
    pos: int  # offset into the document's prose view


@rule("MT203", "punctuation", "Fluency/Punctuation", Severity.MINOR)
def punctuation(ctx: RuleContext) -> Iterable[Issue]:
    """Quotes or brackets that do not pair up, a space before punctuation, doubled marks, or a
    final stop lost from the original.

    What it does: in each paragraph of the translation, pairs quotation marks with the
    conventions of the target language (“…” in English, «…» in French, „…“ in German,
    「…」 in Japanese) and brackets, and reports an opening mark never closed, a closing mark
    never opened, a closing quote used to open (”Hello,” he said) or an opening quote used to
    close; "a)" list labels, smileys and quotations continued over several paragraphs (the
    next paragraph opens with a quote, or closes the open one) are left alone, and so are
    single quotes, which look like apostrophes; brackets pair within their paragraph. It also
    reports a space before , . ; : ! ? ("word ,") in languages that do not write one (French
    does, before ; : ! ? »), doubled
    punctuation (",,", "..", ",.", ". .", but not "...", "!!" or "?!"), and, with the original,
    a paragraph-final sentence of four words or more that lost the final stop its original
    has (not in headings, list items or captions).

    Why it matters: machine translation and the pipelines around it mangle punctuation in
    ways a careful translator never does; one stray quote or bracket changes what a reader
    takes as quoted or parenthetical, and such marks are the cheapest tell of unrevised output.

    Example: "The mayor said the bridge would reopen (after the inspection." → "'(' is never
    closed"; "Traffic resumed on Monday ," → "space before ','".
    """
    lang = base_language(ctx.target_lang) or ""
    doc = ctx.target
    yield from _pairing_issues(doc, lang)
    if lang not in _UNSPACED:
        for segment in ctx.target_segments:
            yield from _spacing_issues(segment, lang)
    if ctx.source is not None:
        yield from _final_stop_issues(ctx)


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


def _pairing_issues(doc: Document, lang: str) -> Iterator[Issue]:
    pairs = _pairs(lang)
    blocks = [
        _scan_block(doc.text, block, pairs) if _ALL_MARKS.intersection(
            doc.text[block.start : block.end]
        ) else None
        for block in doc.blocks
    ]
    for k, marks in enumerate(blocks):
        if marks is None:
            continue
        before = [b for b in blocks[max(0, k - QUOTE_SPAN) : k] if b is not None]
        after = [b for b in blocks[k + 1 : k + 1 + QUOTE_SPAN] if b is not None]
        # quotations run over paragraphs; a bracket opened in one paragraph closes in it
        carried = {m.char for b in before for m in b.unclosed if m.char not in _OPEN_BRACKETS}
        for mark, why in marks.stray:
            if why == "close" and any(mark.char in _closers(o, pairs) for o in carried):
                continue  # a quotation opened in an earlier paragraph ends here
            yield Issue(_STRAY_MESSAGES[why].format(mark.char), (Span("target", mark.pos,
                                                                       mark.pos + 1),))
        for mark in marks.unclosed:
            if mark.char not in _OPEN_BRACKETS and any(b.starts_with_opener or any(
                s.char in _closers(mark.char, pairs) for s, why in b.stray if why == "close"
            ) for b in after):
                continue  # continued in the next paragraphs
            yield Issue(f"'{mark.char}' is never closed", (Span("target", mark.pos,
                                                                mark.pos + 1),))
    yield from _straight_quote_issues(blocks)


def _straight_quote_issues(blocks: Sequence[_BlockMarks | None]) -> Iterator[Issue]:
    """Paragraphs with an odd number of straight quotes, paired in order: a quotation that
    opens in one and closes a few paragraphs later is fine; one left without a partner is not.
    """
    odd = [(k, b.odd_straight) for k, b in enumerate(blocks) if b and b.odd_straight]
    k = 0
    while k < len(odd):
        if k + 1 < len(odd) and odd[k + 1][0] - odd[k][0] <= QUOTE_SPAN:
            k += 2
            continue
        mark = odd[k][1]
        assert mark is not None
        yield Issue("unbalanced '\"': an odd number of straight quotes in the paragraph",
                    (Span("target", mark.pos, mark.pos + 1),))
        k += 1


_STRAY_MESSAGES = {
    "close": "'{}' closes nothing: no opening mark before it",
    "as-opening": "closing quote '{}' used to open a quotation",
    "as-closing": "opening quote '{}' used to close a quotation",
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
            if not prev.isdigit():  # not inches: 5'10"
                straight.append(_Mark(ch, pos))
            continue
        if top is not None and ch in _closers(top.char, pairs):
            stack.pop()
        elif ch in openers:
            if top is not None and top.char == ch and ch not in closers and _closing_position(
                prev, nxt
            ) and ch not in _OPEN_BRACKETS:
                stray.append((_Mark(ch, pos), "as-closing"))
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
            else:
                stray.append((_Mark(ch, pos), "close"))
    unclosed = [m for m in stack if not (m.char in "(" and _smiley_before(text, m.pos))]
    odd = straight[-1] if len(straight) % 2 else None
    return _BlockMarks(unclosed, stray, starts_with_opener, odd)


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


def _spacing_issues(segment: Segment, lang: str) -> Iterator[Issue]:
    text = segment.text
    if " " in text or "\u00a0" in text:
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
    for m in _DOUBLED_RE.finditer(text):
        marks = m.group()
        yield Issue(
            f"doubled punctuation '{marks}'",
            (Span("target", segment.start + m.start(), segment.start + m.end()),),
            suggestion=marks.replace(" ", "")[-1] if marks[0] == marks[-1] else marks[-1],
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
