"""Scraping residue (MT301): text that a republishing site pasted around the article.

Residue has a vocabulary ("first appeared on", "Source:", "Share this", "Scroll to top", "Ảnh:")
and a shape: a whole short line, usually at the top or the foot of the article, or a caption.
The vocabulary is data (`data/residue_phrases.json`, one alternation per language and mode);
this module adds the shapes that need code: bylines ("By <Name>" alone on a line), captions that
repeat the headline ("<headline> – Image 2"), and where a line sits in the document.

`is_residue` is public so that the added-sentence rule (MT104) can leave residue to this rule.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from string import ascii_letters as _ASCII_LETTERS
from typing import Any

try:  # the regex parser, for `_needles`: `re._parser` from Python 3.11, `sre_parse` before
    from re import _parser as _regex_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _regex_parser  # type: ignore[no-redef]

from mtlint.model import Document, Segment, Severity, Span
from mtlint.rules.registry import Issue, RuleContext, rule
from mtlint.rules.words import URL_RE

#: A "prefix" phrase ("Read more: <headline>") opens a line of at most this many words.
PREFIX_MAX_WORDS = 20
#: An "anywhere" phrase ("… first appeared on example.com") stands in a line this short.
ANYWHERE_MAX_WORDS = 30
#: A "whole" line (navigation words, a row of share buttons) is at most this long...
WHOLE_MAX_WORDS = 12
#: ...and a byline ("By <Name> and <Name>") this long.
BYLINE_MAX_WORDS = 8
#: Without the original to compare with, ordinary residue must sit among the first or last
#: this many sentences of the article (or alone in its paragraph, or in a caption).
EDGE_SENTENCES = 3
#: Section labels ("News", "Thời sự") are residue only above the article: the first sentences.
SECTION_SENTENCES = 2
#: A word this frequent (Zipf) alone on a line is a word of the text, not an author's name.
COMMON_WORD_ZIPF = 5.0
#: A caption repeats the headline when its text matches it this closely (rapidfuzz partial_ratio).
HEADLINE_SIMILARITY = 90
#: Room for the caption marker after the repeated headline ("(Photo: Xinhua/Li Ming)").
_CAPTION_MARKER_CHARS = 60

#: Final punctuation of a sentence; a first paragraph without it reads as a headline.
SENTENCE_END = ".!?…。！？"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_RE = re.compile(f"[{_CJK}]")
#: What surrounds a navigation word or a label on its own line: bullets, pipes, punctuation.
_WHOLE_STRIP = " \t.:;,|•·›»«>*#-–—_/()[]：。"
#: A word of a name: letters, with inner hyphens or apostrophes ("Jean-Luc", "O'Brien").
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NAME_JOINERS = frozenset({"and", "&", "và", "et", "y", "e", "und", "и"})

_LABELS = {
    "attribution": "source line",
    "byline": "byline",
    "photo-credit": "photo credit",
    "caption": "image caption",
    "read-more": "read-more link",
    "share": "share or follow prompt",
    "navigation": "navigation text",
    "section": "section label",
    "copyright": "copyright notice",
    "republished": "republication notice",
    "tags": "tag list",
    "url": "bare URL",
}


@lru_cache(maxsize=64)
def base_language(lang: str | None) -> str | None:
    """"en" for "en", "en-GB" or "EN_us"; None stays None. Cached: every rule asks, for
    every sentence pair, about the same few tags."""
    return lang.lower().replace("_", "-").split("-")[0] if lang else None


@dataclass(frozen=True, slots=True)
class ResidueMatch:
    """What a line of residue is, and where in the line it stands."""

    kind: str
    start: int
    end: int
    #: Unmistakable wherever it stands ("first appeared on", "©", "(Photo: …)", "– Image 2").
    strong: bool


@dataclass(frozen=True, slots=True)
class _Screen:
    """Lower-cased strings one of which every match of a pattern contains (see `_needles`).

    The phrase library's "anywhere" alternation is searched at every position of a line, and
    costs microseconds per sentence; an ASCII line that holds none of its needles cannot
    match and is spared the search. Other lines are searched as before: case-insensitive
    matching of non-ASCII text follows rules that lower-casing does not reproduce.
    """

    needles: tuple[str, ...]

    def may_match(self, line: str) -> bool:
        if not line.isascii():
            return True
        lowered = line.lower()
        return any(needle in lowered for needle in self.needles)


@dataclass(frozen=True, slots=True)
class _Matcher:
    anywhere: re.Pattern[str] | None
    #: None when some alternative of `anywhere` has no literal text to look for.
    anywhere_screen: _Screen | None
    prefix: re.Pattern[str] | None
    whole: re.Pattern[str] | None
    byline: re.Pattern[str] | None
    credit: re.Pattern[str]
    numbered_image: re.Pattern[str]
    caption_tail: re.Pattern[str]
    #: Navigation phrases of several words glued to the sentence after them.
    run_on: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class _Unit:
    """One piece of residue in a document: a sentence, or a whole caption block."""

    positions: tuple[int, ...]
    kind: str
    start: int
    end: int
    strong: bool
    headline: bool = False


def is_residue(text: str, lang: str | None) -> bool:
    """Whether `text` (a sentence; every line of it, if it has several) reads as scraping
    residue in language `lang`.

    Position is not considered: this answers "could this be residue?", as the added-sentence
    rule needs to avoid reporting residue a second time.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and all(match_residue(line, lang) is not None for line in lines)


def match_residue(text: str, lang: str | None) -> ResidueMatch | None:
    """The residue pattern that `text` matches, if any (offsets into `text`)."""
    return _match_line(text, base_language(lang))


@lru_cache(maxsize=4096)
def _match_line(text: str, lang: str | None) -> ResidueMatch | None:
    """`match_residue`, cached: the fluency, residue and added-sentence rules ask about the same
    sentences. Cheap guards (length, a bracket, a final digit) keep prose off most patterns."""
    stripped = text.strip()
    if not stripped:
        return None
    lead = text.find(stripped)
    m = _matcher(lang)
    words = word_count(stripped)
    found = None
    if "(" in stripped or "（" in stripped:
        found = _search(m.credit, stripped, "photo-credit", strong=True, span_match=True)
    if found is None and m.anywhere is not None and words <= ANYWHERE_MAX_WORDS and (
        m.anywhere_screen is None or m.anywhere_screen.may_match(stripped)
    ):
        found = _search(m.anywhere, stripped, None, strong=True)
    if found is None and _ends_in_number(stripped) and m.numbered_image.search(stripped):
        found = ResidueMatch("caption", 0, len(stripped), True)
    if found is None and m.whole is not None and words <= WHOLE_MAX_WORDS:
        core = " ".join(stripped.strip(_WHOLE_STRIP).split())
        hit = m.whole.fullmatch(core) if core else None
        if hit is not None:
            found = ResidueMatch(_kind(hit), 0, len(stripped), False)
    if found is None and m.prefix is not None and words <= PREFIX_MAX_WORDS:
        found = _search(m.prefix, stripped, None, strong=False)
    if found is None and m.byline is not None and words <= BYLINE_MAX_WORDS:
        if _is_byline(m.byline, stripped):
            found = ResidueMatch("byline", 0, len(stripped), False)
    if found is None:
        return None
    return ResidueMatch(found.kind, found.start + lead, found.end + lead, found.strong)


def _ends_in_number(line: str) -> bool:
    """Whether a stripped line ends as the numbered-image pattern requires ("Image 2",
    "(Photo 3)", "Ảnh 2."): a digit, then perhaps a closing bracket, then perhaps a full stop,
    spaces allowed between. Prose ends in a full stop after a word, and skips the search."""
    tail = line.removesuffix(".").rstrip()
    return tail.removesuffix(")").removesuffix("）").rstrip()[-1:].isdigit()


def title_block(doc: Document) -> int | None:
    """Index of the block holding the headline, if the document shows one.

    An explicit title wins; otherwise a first heading, or a first paragraph that reads as a
    headline (short, without final punctuation), as plain-text articles write it.
    """
    for i, block in enumerate(doc.blocks):
        if block.kind == "title":
            return i
    if not doc.blocks:
        return None
    first = doc.blocks[0]
    text = doc.text[first.start : first.end].strip()
    if first.kind == "heading":
        return 0
    headline_like = bool(text) and word_count(text) <= 25 and text[-1] not in SENTENCE_END
    return 0 if first.kind == "paragraph" and headline_like else None


@rule("MT301", "scraping-residue", "Design/Residue", Severity.MAJOR)
def scraping_residue(ctx: RuleContext) -> Iterable[Issue]:
    """Text pasted in by the republishing site: credits, share prompts, navigation, captions.

    What it does: finds lines that belong to the web page rather than to the article, using a
    multilingual phrase library ("This story first appeared on", "Source:", "Share this",
    "Scroll to top", "Nguồn:", "Lire aussi", "Читайте также", "来源："), bylines alone on a line
    ("By Nguyen Van An", "Theo VnExpress"), bare URL lines, section labels at the top, captions
    that repeat the headline ("<headline> – Image 2"), and a navigation line or a source line
    ending in a URL that the page glued to the first sentence ("Scroll to top The mayor said…").
    The phrases are anchored (a whole short line, or its opening words), so prose that merely
    mentions "the source of the river" or "the print edition" is left alone. Without the
    original, a match counts where residue lives: among the first or last sentences, alone in
    its paragraph, or in a caption. With the original, a line that has no counterpart in it is
    reported wherever it stands; a source line, byline or photo credit that translates the
    original's own ("Nguồn: VnExpress" → "Source: VnExpress") is part of the article and stays
    quiet, unless it links to a page the original does not name, while page chrome (share bars,
    "first appeared on", gallery captions) is residue even when the original page carried it
    too. Lone navigation words and section labels ("Print", "Comments", "News") are minor.

    Why it matters: residue tells readers the text was scraped, links them to another site,
    and survives into search snippets and summaries; it must be deleted, not translated.

    Example: "This story first appeared on VnExpress." as the last line of an article, or
    "Share this: Facebook Twitter" under it.
    """
    lang = base_language(ctx.target_lang)
    units = _units(ctx.target, ctx.target_segments, lang)
    if not units:
        return
    with_source = ctx.source is not None and bool(ctx.beads)
    explained: set[int] = set()
    unaligned: set[int] = set()
    if with_source:
        explained, unaligned = _compare_with_source(ctx, units)
    alone = _alone_in_block(ctx.target_segments)
    minor = _library()["minor_kinds"]
    for k, unit in enumerate(units):
        if k in explained:
            continue
        added = k in unaligned
        if not added and not _well_placed(unit, ctx.target, ctx.target_segments, alone):
            continue
        text = ctx.target.text[unit.start : unit.end]
        if unit.headline:
            message = f"headline repeated as an image caption: '{excerpt(text)}'"
        else:
            message = f"scraping residue ({_LABELS.get(unit.kind, unit.kind)}): '{excerpt(text)}'"
        if added:
            message += "; nothing in the original corresponds to it"
        yield Issue(
            message=message,
            spans=(Span("target", unit.start, unit.end),),
            severity=Severity.MINOR if unit.kind in minor else None,
            suggestion="delete it",
        )


def _units(doc: Document, segments: Sequence[Segment], lang: str | None) -> list[_Unit]:
    """Residue in one document: headline-repeating captions first, then single sentences."""
    title = title_block(doc)
    headline = ""
    if title is not None:
        headline = doc.text[doc.blocks[title].start : doc.blocks[title].end].strip()
    by_block: dict[int, list[int]] = {}
    for pos, seg in enumerate(segments):
        by_block.setdefault(seg.block, []).append(pos)
    units: list[_Unit] = []
    covered: set[int] = set()
    if headline:
        tail = _matcher(lang).caption_tail
        for b, positions in by_block.items():
            block = doc.blocks[b] if b < len(doc.blocks) else None
            if block is None or b == title:
                continue
            text = doc.text[block.start : block.end]
            if _repeats_headline(tail, text, headline):
                start = block.start + len(text) - len(text.lstrip())
                end = block.start + len(text.rstrip())
                units.append(_Unit(tuple(positions), "caption", start, end, True, headline=True))
                covered.update(positions)
    for pos, seg in enumerate(segments):
        if pos in covered:
            continue
        offset = seg.start
        for line in seg.text.split("\n"):  # a scraped footer may reach the sentence unsplit
            # A line glued to the first sentence is the narrower match, not the whole sentence.
            found = _run_on(line, lang) if pos < EDGE_SENTENCES else None
            if found is None:
                found = match_residue(line, lang)
            if found is not None:
                start, end = offset + found.start, offset + found.end
                units.append(_Unit((pos,), found.kind, start, end, found.strong))
            offset += len(line) + 1
    units.sort(key=lambda u: u.start)
    return units


def _compare_with_source(ctx: RuleContext, units: Sequence[_Unit]) -> tuple[set[int], set[int]]:
    """Which target residue the original explains, and which has no counterpart at all.

    A unit of an article kind (source line, byline, photo credit) is explained by the original
    when its aligned original sentences are residue of the same family, or are a short line of
    their own that the aligner matched to it alone ("Nguyễn Văn An" → "By Nguyen Van An"), or,
    failing the alignment, when the original has an unused unit of the same family. Page chrome
    is never explained. A unit whose sentences all sit in beads without original sentences is
    "unaligned": the republisher added it.
    """
    assert ctx.source is not None
    library = _library()
    article_kinds = set(library["article_kinds"])
    families = library["families"]
    unaligned = {
        k for k, unit in enumerate(units)
        if not aligned_sources(ctx, unit.positions)
    }
    if all(unit.kind not in article_kinds for unit in units):
        return set(), unaligned
    source_units = _units(ctx.source, ctx.source_segments, base_language(ctx.source_lang))
    source_family = {
        ctx.source_segments[pos].index: families.get(u.kind, u.kind)
        for u in source_units
        for pos in u.positions
    }
    spare: dict[str, int] = {}
    for u in source_units:
        family = families.get(u.kind, u.kind)
        spare[family] = spare.get(family, 0) + 1
    bylines = families.get("byline", "byline")
    spare[bylines] = spare.get(bylines, 0) + _author_lines(
        ctx.source_segments, source_family, base_language(ctx.source_lang)
    )
    # a byline the aligner pairs with a sentence of running prose is not that sentence
    source_alone = _alone_in_block(ctx.source_segments)
    explained: set[int] = set()
    pending: list[int] = []
    for k, unit in enumerate(units):
        if _foreign_link(ctx.target.text[unit.start : unit.end], ctx.source.text):
            continue  # a link the original does not give is the republisher's own
        if unit.kind not in article_kinds or k in unaligned:
            if unit.kind in article_kinds:
                pending.append(k)
            continue
        family = families.get(unit.kind, unit.kind)
        seg = ctx.target_segments[unit.positions[0]]
        bead = ctx.target_to_bead[seg.index]
        if any(source_family.get(i) == family for i in bead.src):
            explained.add(k)
            spare[family] = spare.get(family, 0) - 1
        elif (
            bead.tgt == (seg.index,)
            and set(bead.src) <= source_alone
            and word_count(" ".join(ctx.source_segments[i].text for i in bead.src))
            <= 3 * word_count(ctx.target.text[unit.start : unit.end]) + 2
        ):
            explained.add(k)
        else:
            pending.append(k)
    for k in pending:
        family = families.get(units[k].kind, units[k].kind)
        if spare.get(family, 0) > 0:
            spare[family] -= 1
            explained.add(k)
    return explained, unaligned - explained


def _foreign_link(text: str, original: str) -> bool:
    """Whether `text` holds a URL that `original` does not."""
    return any(url.rstrip(".,;:") not in original for url in URL_RE.findall(text))


def _run_on(line: str, lang: str | None) -> ResidueMatch | None:
    """A navigation or source line without final punctuation that the segmenter joined to the
    article's first sentence: "Scroll to top The next thing we looked at…", "Source:
    https://example.com/a-story When the company…". Only navigation phrases of several words
    and source lines that end in a URL count, followed by a capital or a digit: "Home
    Secretary Priti Patel said…" is prose."""
    pattern = _matcher(base_language(lang)).run_on
    hit = pattern.match(line) if pattern is not None else None
    if hit is None:
        return None
    after = line[hit.end() :].lstrip()[:1]
    if not (after.isupper() or after.isdigit()):
        return None
    return ResidueMatch(_kind(hit), hit.start(), hit.end(), False)


def _author_lines(segments: Sequence[Segment], residue: dict[int, str], lang: str | None) -> int:
    """Lines at the top or foot of an original that are only a name ("Nguyễn Văn An"): many
    newsrooms sign articles that way, and a translation may render it "By Nguyen Van An". A
    line of one common word of the language ("Không.", "Danke.") is a reply, not a name."""
    n = len(segments)
    return sum(
        1
        for pos, seg in enumerate(segments)
        if (pos < EDGE_SENTENCES or pos >= n - EDGE_SENTENCES)
        and seg.index not in residue
        and _names(seg.text.rstrip("."), every=True)
        and not _common_word(seg.text.strip(" ."), lang)
    )


def _common_word(text: str, lang: str | None) -> bool:
    """Whether `text` is a single word at least as common as `COMMON_WORD_ZIPF` in `lang`."""
    from mtlint.lexicon import zipf

    if " " in text or lang is None:
        return False
    return (zipf(text.casefold(), lang) or 0.0) >= COMMON_WORD_ZIPF


def aligned_sources(ctx: RuleContext, positions: Iterable[int]) -> list[int]:
    """Original sentence indices aligned with the target sentences at `positions`."""
    found: set[int] = set()
    for pos in positions:
        bead = ctx.target_to_bead.get(ctx.target_segments[pos].index)
        if bead is not None:
            found.update(bead.src)
    return sorted(found)


def _well_placed(
    unit: _Unit, doc: Document, segments: Sequence[Segment], alone: set[int]
) -> bool:
    """Whether, without other evidence, a match stands where residue lives."""
    if unit.strong:
        return True
    first, last = unit.positions[0], unit.positions[-1]
    if unit.kind == "section":
        return first < SECTION_SENTENCES
    if first < EDGE_SENTENCES or last >= len(segments) - EDGE_SENTENCES or first in alone:
        return True
    block = segments[first].block
    return block < len(doc.blocks) and doc.blocks[block].kind == "caption"


def _alone_in_block(segments: Sequence[Segment]) -> set[int]:
    counts: dict[int, int] = {}
    for seg in segments:
        counts[seg.block] = counts.get(seg.block, 0) + 1
    return {pos for pos, seg in enumerate(segments) if counts[seg.block] == 1}


def _repeats_headline(tail: re.Pattern[str], text: str, headline: str) -> bool:
    """Whether a block is the headline plus a caption marker ("– Image 2", "(Photo: …)")."""
    text = text.strip()
    if len(text) > 1.3 * len(headline) + _CAPTION_MARKER_CHARS:
        return False
    m = tail.fullmatch(text)
    if m is None:
        return False
    stem = m["stem"].strip(" .-–—|:")
    if len(stem) < 0.5 * len(headline) or len(stem) > 1.3 * len(headline):
        return False
    if word_count(stem) < 3:
        return False
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(stem.casefold(), headline.casefold()) >= HEADLINE_SIMILARITY


def _is_byline(pattern: re.Pattern[str], text: str) -> bool:
    """"By Nguyen Van An", "Theo VnExpress", "Par Claire Morvan et Paul Roy" alone on a line."""
    m = pattern.fullmatch(text)
    return m is not None and _names(m["names"], every=False)


def _names(text: str, *, every: bool) -> bool:
    """One to five capitalised words, as names are written ("Nguyen Van An", "Dân trí" unless
    `every` word must be capitalised); no digits or punctuation inside."""
    words = [w for w in re.split(r"[\s/|&]+", text) if w and w.casefold() not in _NAME_JOINERS]
    if not 1 <= len(words) <= 5 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    capitalised = sum(w[0].isupper() for w in words)
    enough = capitalised == len(words) if every else 2 * capitalised >= len(words)
    return words[0][0].isupper() and enough


def _search(
    pattern: re.Pattern[str], text: str, kind: str | None, *, strong: bool, span_match: bool = False
) -> ResidueMatch | None:
    hit = pattern.search(text)
    if hit is None:
        return None
    start, end = (hit.start(), hit.end()) if span_match else (0, len(text))
    return ResidueMatch(kind or _kind(hit), start, end, strong)


def _kind(hit: re.Match[str]) -> str:
    name = next(name for name, value in hit.groupdict().items() if value is not None)
    return name.replace("_", "-")


def word_count(text: str) -> int:
    """Words, counting two CJK characters as one, so limits read the same in every script."""
    words = len(text.split())
    return words if text.isascii() else words + len(_CJK_RE.findall(text)) // 2


def excerpt(text: str, limit: int = 70) -> str:
    """`text` on one line, cut to `limit` characters for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=1)
def _library() -> dict:
    from importlib import resources

    data = resources.files("mtlint").joinpath("data").joinpath("residue_phrases.json")
    return json.loads(data.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _matcher(lang: str | None) -> _Matcher:
    """The compiled library for one language: its own group plus "common", or every group."""
    library = _library()
    groups = library["languages"]
    scopes = ["common", lang] if lang in groups else list(groups)
    modes: dict[str, dict[str, list[str]]] = {}
    for scope in scopes:
        for mode, kinds in groups[scope].items():
            for kind, patterns in kinds.items():
                modes.setdefault(mode, {}).setdefault(kind, []).extend(patterns)

    def alternation(mode: str, before: str = "", after: str = "") -> re.Pattern[str] | None:
        """One regex for a mode; each kind is a named group, so a match tells its kind."""
        kinds = modes.get(mode)
        if not kinds:
            return None
        body = "|".join(
            f"(?P<{kind.replace('-', '_')}>{'|'.join(patterns)})"
            for kind, patterns in kinds.items()
        )
        return re.compile(f"{before}(?:{body}){after}", re.IGNORECASE)

    glued = [p for p in modes.get("whole", {}).get("navigation", ()) if " " in p]
    # A source line ends where its URL does, so it can be told from the sentence glued to it.
    sources = modes.get("prefix", {}).get("attribution", ())
    run_on = (
        f"(?P<navigation>{'|'.join(glued)})" if glued else None,
        rf"(?P<attribution>(?:{'|'.join(sources)})\s*(?:https?://|www\.)\S+)" if sources else None,
    )
    byline_words = "|".join(_words(library["byline_words"], scopes))
    images = "|".join(
        re.escape(w) for w in sorted(_words(library["image_words"], scopes), key=len, reverse=True)
    )
    byline = (
        re.compile(rf"(?:{byline_words})\s+(?P<names>[^\d,;:!?()]{{1,60}}?)\.?", re.IGNORECASE)
        if byline_words
        else None
    )
    anywhere = alternation("anywhere")
    needles = _needles(anywhere) if anywhere is not None else None
    return _Matcher(
        anywhere=anywhere,
        anywhere_screen=_Screen(tuple(sorted(needles))) if needles else None,
        # a prefix ends at a word boundary: "Source:" and "Share this", not "Shares" or "Sourced"
        prefix=alternation("prefix", r"^\s*", r"(?:(?<!\w)|(?!\w))"),
        whole=alternation("whole"),
        byline=byline,
        credit=re.compile(
            rf"[(（]\s*(?:{images}|credits?|crédits?)\b[^():：]{{0,20}}[:：][^()（）]{{1,80}}[)）]",
            re.IGNORECASE,
        ),
        numbered_image=re.compile(
            rf"(?:^|[-–—|]\s*)[(（]?\s*(?:{images})\s*\d{{1,3}}\s*[)）]?\s*\.?$", re.IGNORECASE
        ),
        caption_tail=re.compile(
            rf"(?P<stem>.+?)\s*(?:[-–—|:.]\s*)?[(（]?\s*(?:{images})"
            rf"(?:\s*\d{{1,3}}|\s*[:：][^()（）]*)?\s*[)）]?\s*\.?",
            re.IGNORECASE | re.DOTALL,
        ),
        run_on=(
            re.compile(rf"\s*(?:{'|'.join(p for p in run_on if p)})(?=\s)", re.IGNORECASE)
            if any(run_on)
            else None
        ),
    )


def _words(table: dict[str, list[str]], scopes: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for scope in scopes:
        for word in table.get(scope, ()):
            seen.setdefault(word, None)
    return list(seen)


#: Parse-tree operators of repetitions, whose arguments are (min, max, items), and of atomic
#: groups; the possessive and atomic forms exist from Python 3.11.
_REPEATS = tuple(
    getattr(_regex_parser, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_regex_parser, name)
)
_ATOMIC_GROUP = getattr(_regex_parser, "ATOMIC_GROUP", None)


def _needles(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased literal strings one of which every match of `pattern` contains, read from
    its parse tree; None if some way of matching needs no literal text."""
    return _required(_regex_parser.parse(pattern.pattern, pattern.flags))


def _required(items: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
    """For a sequence of parsed regex items: strings one of which any match contains. Every
    run of consecutive literal characters must occur; so must one of the requirements of each
    alternative of a group that is not optional. Of all such requirements, the one whose
    shortest string is longest is kept (the most selective); assertions and character classes
    require nothing."""
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and all(_screenable(n) for n in found) and (
            best is None or min(map(len, found)) > min(map(len, best))
        ):
            best = found

    run: list[str] = []
    for op, av in items:
        if op is _regex_parser.LITERAL:
            run.append(chr(av))
            continue
        consider(frozenset({"".join(run).lower()}) if run else None)
        run = []
        if op is _regex_parser.SUBPATTERN:
            consider(_required(av[-1]))
        elif op is _ATOMIC_GROUP:
            consider(_required(av))
        elif op is _regex_parser.BRANCH:
            options = [_required(branch) for branch in av[1]]
            if all(options):
                consider(frozenset().union(*options))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            consider(_required(av[2]))
    consider(frozenset({"".join(run).lower()}) if run else None)
    return best


def _screenable(needle: str) -> bool:
    """Whether a lower-cased needle can be looked for in a lower-cased ASCII line: no
    character of it matches an ASCII letter case-insensitively unless it is one ("ſ" matches
    "s", the Kelvin sign "k")."""
    return all(
        ch.isascii()
        or not any(re.fullmatch(re.escape(ch), a, re.IGNORECASE) for a in _ASCII_LETTERS)
        for ch in needle
    )
