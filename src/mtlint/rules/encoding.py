"""MT204 encoding: text damaged between the translation engine and the page.

Mojibake ("CafÃ©" for "Café", "Thá»§ tÆ°á»›ng" for "Thủ tướng"), HTML entities left as text
("&amp;", "&#39;"), invisible characters (zero-width spaces, stray joiners, controls, a BOM in
mid-text) and the replacement character U+FFFD all come from pipelines, not from translators.

Mojibake is judged by ftfy, which knows the code pages that produce it and whose heuristics
leave legitimate text alone (it knows that Vietnamese writes "Â" and Portuguese "Ã"); mtlint
only asks it about sentences that contain a lead character followed by a continuation
character of a mis-decoded UTF-8 sequence, so clean text costs one regex scan.
"""

from __future__ import annotations

import html
import re
from html.entities import html5
import unicodedata
from collections.abc import Iterable, Iterator

from mtlint.model import CODE_PLACEHOLDER, Segment, Severity, Span
from mtlint.rules.registry import Issue, RuleContext, rule
from mtlint.rules.residue import base_language, excerpt

#: A lead byte of a two- or three-byte UTF-8 sequence read as Latin-1/cp1252, followed by a
#: continuation byte read the same way: the shape of every UTF-8 mojibake (public: the
#: punctuation rule must not read the "»" of "á»§" as a quotation mark).
MOJIBAKE_HINT_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178]"
)
#: An entity reference: named, decimal or hexadecimal.
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Characters that never belong in prose: C0 and C1 controls (tab and line breaks excepted),
#: zero-width spaces and joiners, word joiner, BOM, the replacement character.
_SUSPECT_RE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\ufffd]+"
)
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
#: Scripts that need joiners (ZWJ/ZWNJ shape Arabic, Persian and Indic letters), and those that
#: use the zero-width space as a word separator (Thai, Lao, Khmer, Myanmar, Tibetan).
_JOINING_SCRIPTS = ("ARABIC", "SYRIAC", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI",
                    "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "HEBREW")
_SPACE_SEPARATED_SCRIPTS = ("THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN")


@rule("MT204", "encoding", "Fluency/Character encoding", Severity.MAJOR)
def encoding(ctx: RuleContext) -> Iterable[Issue]:
    """Mojibake, HTML entities left as text, invisible control characters or U+FFFD.

    What it does: reports, in the translation, (1) mojibake, text encoded in UTF-8 and decoded
    in another code page ("CafÃ©", "â€œ", "Thá»§ tÆ°á»›ng"), as ftfy's `fix_encoding` repairs it,
    with the repaired text as suggestion; (2) HTML entities written out as text ("&amp;",
    "&nbsp;", "&#39;"; in .html and .md inputs the loader has already decoded one level, so
    what remains was escaped twice), unless the original has the same entity; (3) the
    replacement character U+FFFD, left where a decoder met bytes it could not read; (4) C0 and
    C1 control characters other than tab and line breaks, and a byte-order mark inside the
    text; (5) zero-width spaces and joiners, except where scripts need them: joiners in Arabic,
    Persian, Hebrew and Indic words and in emoji sequences, zero-width spaces in Thai, Lao,
    Khmer, Myanmar and Tibetan. Invisible characters (4, 5) are minor, the rest major. mtlint's
    own code placeholder (U+FFFC) is never reported.

    Why it matters: mojibake and entities are unreadable to the reader of the translation;
    invisible characters break search, copy and paste, and word counts, and reveal an
    unrevised pipeline.

    Example: "The mayorâ€™s office said the bridge will reopen &amp; traffic resume." →
    "mojibake: 'â€™' should read '’'" and "HTML entity '&amp;' left as text (reads '&')".
    """
    lang = base_language(ctx.target_lang) or ""
    source_text = ctx.source.text if ctx.source is not None else ""
    for segment in ctx.target_segments:
        text = segment.text
        if not text.isascii() and MOJIBAKE_HINT_RE.search(text):
            yield from _mojibake(segment, lang)
        if "&" in text:
            yield from _entities(segment, source_text)
        if not _plainly_visible(text):
            yield from _invisible(segment)


def _mojibake(segment: Segment, lang: str) -> Iterator[Issue]:
    import ftfy

    text = segment.text
    fixed = ftfy.fix_encoding(text)
    if fixed == text:
        return
    from difflib import SequenceMatcher

    for op, a0, a1, b0, b1 in SequenceMatcher(None, text, fixed, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        bad, good = text[a0:a1], fixed[b0:b1]
        if lang == "vi" and bad.strip() == "Â":
            continue  # ftfy reads "Â " as a broken no-break space; in Vietnamese it is a letter
        yield Issue(
            f"mojibake: '{bad}' should read '{good}'"
            if good.strip() else f"mojibake: '{bad}' is a broken character",
            (Span("target", segment.start + a0, segment.start + a1),),
            suggestion=good,
        )


def _entities(segment: Segment, source_text: str) -> Iterator[Issue]:
    for m in _ENTITY_RE.finditer(segment.text):
        entity = m.group()
        if entity[1] != "#" and entity[1:] not in html5:
            continue  # "&notanentity;" is not "&not" followed by text
        decoded = html.unescape(entity)
        if decoded == entity or entity in source_text:
            continue  # not an entity, or the original writes it too (a text about HTML)
        shown = {"\u00a0": "a no-break space", " ": "a space"}.get(decoded, f"'{decoded}'")
        yield Issue(
            f"HTML entity '{entity}' left as text (reads {shown})",
            (Span("target", segment.start + m.start(), segment.start + m.end()),),
            suggestion=decoded,
        )


def _plainly_visible(text: str) -> bool:
    """Whether `text` cannot hold a `_SUSPECT_RE` character: all of those but U+FFFD are
    unprintable, and `str.isprintable` answers in C for the whole sentence at once (a
    sentence with a tab or a line break is not printable either, and takes the pattern)."""
    return text.isprintable() and "\ufffd" not in text


def _invisible(segment: Segment) -> Iterator[Issue]:
    text = segment.text
    for m in _SUSPECT_RE.finditer(text):
        run = m.group()
        if CODE_PLACEHOLDER in run:
            continue
        if set(run) <= _ZERO_WIDTH and _needed(text, m.start(), m.end()):
            continue
        names = ", ".join(dict.fromkeys(_name(ch) for ch in run))
        span = (Span("target", segment.start + m.start(), segment.start + m.end()),)
        where = excerpt(text[max(0, m.start() - 20) : m.end() + 20], 50)
        if "\ufffd" in run:
            yield Issue(f"replacement character U+FFFD: undecodable text near '{where}'", span)
        elif set(run) <= _ZERO_WIDTH:
            yield Issue(f"invisible character ({names}) near '{where}'", span,
                        severity=Severity.MINOR, suggestion="")
        else:
            yield Issue(f"control character ({names}) near '{where}'", span,
                        severity=Severity.MINOR, suggestion="")


def _needed(text: str, start: int, end: int) -> bool:
    """Whether zero-width characters at [start, end) do a job for the letters around them."""
    around = text[start - 1 : start] + text[end : end + 1]
    run = text[start:end]
    for ch in around:
        name = unicodedata.name(ch, "")
        if any(s in name for s in _SPACE_SEPARATED_SCRIPTS):
            return True
        if set(run) <= {"\u200c", "\u200d"} and any(s in name for s in _JOINING_SCRIPTS):
            return True
        if "\u200d" in run and _emoji(ch):
            return True
    return False


def _emoji(ch: str) -> bool:
    cp = ord(ch)
    return cp >= 0x1F000 or 0x2600 <= cp <= 0x27BF or ch == "\ufe0f"


def _name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control').lower()}"
