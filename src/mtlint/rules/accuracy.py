"""Accuracy rules: text left in the source language, sentences lost or invented, wrong language.

All of them put precision first. A good human translation keeps names, acronyms, numbers, URLs,
loanwords and quoted originals, and an aligner is sometimes unsure; none of that may be reported.
So the untranslated-text rules (MT101, MT102) need converging evidence (script, alphabet, word
frequencies from `mtlint.lexicon`, the word's presence in the original, the sentence's detected
language), and the alignment rules (MT103, MT104) only trust beads the aligner is sure of.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from mtlint.lexicon import (
    SOURCE_COMMON_ZIPF,
    WordEvidence,
    foreign_letters,
    has_frequencies,
    in_fixed_phrase,
    is_foreign_word,
    lang_scripts,
    normalise,
    script,
    tokens,
    zipf,
)
from mtlint.model import Bead, Segment, Severity, Side, Span
from mtlint.rules.registry import Issue, RuleContext, rule

#: Confidence an unmatched (1-0 or 0-1) bead needs before it is reported. The aligner already
#: discounts such a bead by the confidence of the matched beads around it and by any anchor
#: its sentence shares with the other side (see `mtlint.alignment.confidence`), so true gaps
#: score lower than a sure 1-1 bead would: 0.15-0.6 on the sample corpora, often 0.1-0.3 in
#: Vietnamese-English, where few anchors survive translation.
UNMATCHED_CONFIDENCE = 0.12
#: Confidence the surer of the beads on either side of an unmatched run needs, and the floor
#: for the other: where the alignment around it is unsure, an unmatched sentence may just be
#: one the aligner failed to pair. One fairly sure neighbour is enough, since sentences with
#: few anchors (short, no numbers or names) get modest confidence even when matched right: on
#: 54 TED articles of human vi→en translation the aligner leaves only 4 sentences unmatched,
#: while stricter gates here halve the recall of real omissions and additions.
NEIGHBOUR_CONFIDENCE = 0.4
NEIGHBOUR_FLOOR = 0.1
#: Belief (the aligner's posterior, see `Bead.unmatched`) from which a sentence may be where a
#: gap is, and the belief that consecutive such sentences need together to be reported when
#: the aligner's path pairs them all.
GAP_SHARE = 0.15
GAP_MASS = 0.5
#: rapidfuzz ratio (0-100) from which a target sentence counts as a copy of its original.
IDENTICAL_RATIO = 90.0
#: Letters a copied sentence must have: short strings ("COVID-19", "Facebook") match by chance.
MIN_IDENTICAL_LETTERS = 15
#: Lowercase (or caseless) words a sentence needs before it can be called untranslated: below
#: that it is a heading, a name, a number or a byline, which translations often keep as is.
MIN_CONTENT_WORDS = 4
#: Share of a sentence's content words that must look foreign before the language detector is
#: asked about it (the detector is the expensive part, so it only sees these suspects) ...
SUSPECT_SHARE = 0.5
#: ... and at most this share clearly target words.
TARGET_SHARE = 0.25
#: Target Zipf below which a word is "unknown" to the target when screening sentences.
UNKNOWN_ZIPF = 2.5
#: Zipf difference by which a word leans to one language of the pair when screening sentences.
LEANING_MARGIN = 1.0
#: Without a source language, a word this frequent in the target counts as a target word.
COMMON_TARGET_ZIPF = 5.0
#: A document needs this many letters before its detected language is trusted.
MIN_DOCUMENT_LETTERS = 60
#: A phrase copied from the original is untranslated when it has this many words that are
#: common in the source language and more frequent there by `COPIED_MARGIN` (Zipf) ...
COPIED_MIN_WORDS = 2
#: A capitalised run may be a name the translation keeps ("Deutsche Bahn", "Associated
#: Press"); it needs this many such content words ("Long Range Acoustic Devices").
COPIED_NAME_WORDS = 3
COPIED_MARGIN = 1.0
#: ... between which only words at least this common in the source language, and not more
#: common in the target, may stand ("Centers for Disease Control and Prevention").
COPIED_INNER_ZIPF = 3.0
#: Words this frequent (Zipf) are function words ("of", "the", "on"), which neither open nor
#: close a copied phrase.
FUNCTION_WORD_ZIPF = 6.5
#: An omitted or added run of sentences this short (in words) is a minor matter.
SHORT_WORDS = 3

_LANGUAGE_NAMES = {
    "vi": "Vietnamese", "en": "English", "de": "German", "fr": "French", "es": "Spanish",
    "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "cs": "Czech",
    "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
    "hi": "Hindi",
}

#: Stretches whose words are not prose: URLs, e-mail addresses, handles and hashtags, bare
#: domains and file names.
_NOT_PROSE_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<!\w)[@#]\w+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b(?:/\S*)?",
    re.IGNORECASE,
)
#: What every match of `_NOT_PROSE_RE` contains (a scheme, "www.", "@" or "#", or a dot before
#: a letter, under the same flags): a sentence without any of it, most of them, skips that
#: pattern, whose alternatives are slow to try at every position.
_MAY_HIDE_RE = re.compile(r"://|www\.|[@#]|\.[a-z]", re.IGNORECASE)
#: Parentheses and quotations: a foreign word inside them is a deliberate citation of the
#: original (a name in its own script, a glossed term), not a leftover.
_CITED_RE = re.compile(
    r"\([^()]*\)|“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]|「[^」]*」|『[^』]*』|‘(?:[^’]|’\w)*’"
)
_NOT_LETTERS_RE = re.compile(r"[\W\d_]+")


def _language(code: str | None) -> str:
    return _LANGUAGE_NAMES.get(code or "", code or "an unknown language")


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1]}…'"


# --- words of a sentence ------------------------------------------------------------------


class _Word(NamedTuple):
    """A prose token of a segment; offsets relative to the segment text.

    `casing` is 'lower', 'capital', 'upper' (an acronym), 'mixed' ("iPhone") or 'none' (a
    caseless script). A named tuple, not a dataclass: one is built for every word of every
    sentence, and a tuple is several times cheaper to build.
    """

    start: int
    end: int
    text: str
    norm: str
    casing: str


def _casing(word: str) -> str:
    if word.islower():
        return "lower"
    rest = word[1:]
    if word.isupper():
        return "upper" if any(ch.isupper() for ch in rest) else "capital"
    if not word[0].isupper():
        return "none" if word == word.lower() == word.upper() else "mixed"
    return "capital" if rest == rest.lower() else "mixed"


@lru_cache(maxsize=4096)
def _prose_words(text: str) -> tuple[_Word, ...]:
    """The words of `text` outside URLs, addresses and handles (cached: MT101 and MT102 both
    read every sentence)."""
    found = tokens(text)
    if ("." in text or "@" in text or "#" in text) and _MAY_HIDE_RE.search(text):
        hidden = [m.span() for m in _NOT_PROSE_RE.finditer(text)]
        if hidden:
            found = [t for t in found if not any(h0 <= t[0] < h1 for h0, h1 in hidden)]
    # tuple.__new__ builds each _Word without the named tuple's Python-level constructor.
    new = tuple.__new__
    return tuple([new(_Word, (a, b, w, *form)) for a, b, w in found if (form := _word_form(w))])


@lru_cache(maxsize=65536)
def _word_form(word: str) -> tuple[str, str] | tuple[()]:
    """(normalised form, casing) of a word, or () for a numeral ("三", "Ⅻ"), which is no
    prose word; cached, since prose repeats its words."""
    if word.isnumeric():
        return ()
    return normalise(word), _casing(word)


def _content_words(words: Sequence[_Word]) -> list[_Word]:
    """Lowercase and caseless words: the ones that carry a sentence's language (capitalised
    words are mostly names, whatever the language)."""
    return [w for w in words if w.casing in ("lower", "none")]


def _word_count(words: Sequence[_Word]) -> int:
    """Words, counting a Han/kana run as one word per two characters."""
    return sum(max(1, len(w.text) // 2) if w.casing == "none" else 1 for w in words)


def _cited_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CITED_RE.finditer(text)] if _may_cite(text) else []


def _may_cite(text: str) -> bool:
    return any(ch in text for ch in "(\"“„«「『‘")


def _inside(word: _Word, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < word.start < end for start, end in spans)


def _letters(text: str) -> str:
    return _NOT_LETTERS_RE.sub(" ", normalise(text)).strip()


# --- shared analysis: which target sentences are untranslated ------------------------------


@dataclass(frozen=True)
class _Analysis:
    """Per-pair facts computed once and shared by MT101 and MT102.

    What MT102 needs of the original is computed on first use: most sentences have no word
    with foreign evidence, and then the original's words are never consulted.
    """

    #: Target segment index → why it counts as untranslated.
    untranslated: dict[int, str]
    #: The original's prose view, or None without an original.
    original: str | None

    @cached_property
    def source_text(self) -> str:
        """The normalised original, for phrases and caseless runs (Han has no word boundaries)."""
        return normalise(self.original) if self.original is not None else ""

    @cached_property
    def source_words(self) -> frozenset[str]:
        """Normalised words of the original."""
        return frozenset(w.norm for w in self._source_prose)

    @cached_property
    def source_lowercase(self) -> frozenset[str]:
        """Normalised words written lowercase in the original."""
        return frozenset(w.norm for w in self._source_prose if w.casing == "lower")

    @cached_property
    def _source_prose(self) -> tuple[_Word, ...]:
        return _prose_words(self.original) if self.original is not None else ()


@lru_cache(maxsize=8)
def _analyse(ctx: RuleContext) -> _Analysis:
    untranslated = {}
    for segment in ctx.target_segments:
        reason = _untranslated_reason(ctx, segment)
        if reason:
            untranslated[segment.index] = reason
    return _Analysis(untranslated, ctx.source.text if ctx.source is not None else None)


def _untranslated_reason(ctx: RuleContext, segment: Segment) -> str | None:
    """Why `segment` is a sentence left in the source language, or None.

    Cheapest evidence first: enough content words, then a copy of the aligned original, then
    the share of words that look foreign, and only for those suspects the language detector.
    """
    content = _content_words(_prose_words(segment.text))
    cited = _cited_spans(segment.text)
    framing = [w for w in content if not _inside(w, cited)] if cited else content
    if framing:
        # A quotation or parenthesis inside a target-language sentence may keep the
        # original's words on purpose; only a sentence quoted whole is judged whole.
        content = framing
    if _word_count(content) < MIN_CONTENT_WORDS:
        return None
    original = _aligned_original(ctx, segment.index)
    if original is not None and ctx.source_lang != ctx.target_lang:
        ours = _letters(segment.text)
        if len(ours.replace(" ", "")) >= MIN_IDENTICAL_LETTERS:
            from rapidfuzz.fuzz import ratio

            if ratio(ours, _letters(original)) >= IDENTICAL_RATIO:
                return "identical to its original sentence"
    if not _looks_foreign(content, ctx.target_lang, ctx.source_lang):
        return None
    from mtlint.langid import detect_language

    source_lang = ctx.source_lang if ctx.source_lang != ctx.target_lang else None
    candidates = (source_lang, ctx.target_lang) if source_lang else None
    detected = detect_language(segment.text, candidates=candidates)
    if detected is None or detected == ctx.target_lang:
        return None
    if source_lang is None:
        return f"written in {_language(detected)}"
    # Same script as the source and unlike the target's: the detector may still confuse
    # Russian and Ukrainian, but the sentence is not in the target language either way.
    scripts = lang_scripts(detected)
    if detected == source_lang or scripts == lang_scripts(source_lang) != lang_scripts(
        ctx.target_lang
    ):
        return f"written in {_language(source_lang)}, the original's language"
    return None


def _aligned_original(ctx: RuleContext, index: int) -> str | None:
    """Text of the source sentences aligned with target segment `index` alone."""
    bead = ctx.target_to_bead.get(index)
    if bead is None or not bead.src or len(bead.tgt) != 1:
        return None
    return " ".join(ctx.source_segments[i].text for i in bead.src)


def _looks_foreign(content: Sequence[_Word], target_lang: str, source_lang: str | None) -> bool:
    """Whether the content words lean away from the target language.

    At least `SUSPECT_SHARE` of them must be foreign (another script, unknown to the target
    corpus, or clearly more frequent in the source language) and at most `TARGET_SHARE` clearly
    target words (clearly more frequent in the target, or very common there when the source
    language is unknown): an English sentence full of Vietnamese dish names keeps its "and",
    "then", "on". The count stops as soon as the answer is settled, so a plainly translated
    sentence costs the lookups of its first few words, not of all of them.
    """
    total = len(content)
    need_foreign, max_native = SUSPECT_SHARE * total, TARGET_SHARE * total
    foreign = native = 0
    for seen, word in enumerate(content, 1):
        leaning = _leaning(word.norm, target_lang, source_lang)
        if leaning > 0:
            foreign += 1
        elif leaning < 0:
            native += 1
            if native > max_native:
                return False
        if foreign + (total - seen) < need_foreign:
            return False
    return foreign >= need_foreign and native <= max_native


@lru_cache(maxsize=65536)
def _leaning(norm: str, target_lang: str, source_lang: str | None) -> int:
    """1 if a (normalised) word looks foreign to the target language, -1 if it is clearly a
    target word, 0 if neither (see `_looks_foreign`); cached, since prose repeats its words."""
    if script(norm) not in lang_scripts(target_lang):
        return 1
    if not has_frequencies(target_lang):
        return 0
    t = zipf(norm, target_lang) or 0.0
    s = zipf(norm, source_lang) if source_lang else None
    if t < UNKNOWN_ZIPF or (s is not None and s - t >= LEANING_MARGIN):
        return 1
    if t - s >= LEANING_MARGIN if s is not None else t >= COMMON_TARGET_ZIPF:
        return -1
    return 0


# --- MT101 ---------------------------------------------------------------------------------


@rule("MT101", "untranslated-sentence", "Accuracy/Untranslated", Severity.MAJOR)
def untranslated_sentence(ctx: RuleContext) -> Iterable[Issue]:
    """A sentence of the translation is still in the source language.

    What it does: flags target sentences that are a copy of their aligned original (rapidfuzz
    ratio ≥ 90 on the letters, case-folded), or whose words mostly look foreign (other script,
    unknown to the target's word-frequency list, or clearly more frequent in the source
    language) and that the language detector then places in the source language (or, without
    a known source language, in any language but the target's). Sentences with fewer than four
    lowercase words (names, numbers, headings, bylines) are left alone. Consecutive sentences of
    one paragraph make one finding.

    Why it matters: machine translation passes through sentences it cannot handle (or a
    pipeline skips them), and the reader of the translation loses them entirely.

    Example: "... about 65 minutes. Fahrräder können in den Ersatzbussen nicht mitgenommen
    werden." in an English translation of a German article.
    """
    untranslated = _analyse(ctx).untranslated
    for run in _runs(sorted(untranslated), ctx.target_segments):
        segments = [ctx.target_segments[j] for j in run]
        spans = [Span("target", s.start, s.end) for s in segments]
        for j in run:
            original = ctx.target_to_bead.get(j)
            spans.extend(
                Span("source", ctx.source_segments[i].start, ctx.source_segments[i].end)
                for i in (original.src if original else ())
            )
        reason = untranslated[run[0]]
        if len(run) == 1:
            message = f"sentence not translated ({reason}): {_quote(segments[0].text)}"
        else:
            message = (
                f"{len(run)} sentences not translated ({reason}), from "
                f"{_quote(segments[0].text)}"
            )
        yield Issue(message, tuple(dict.fromkeys(spans)))


def _runs(indices: Sequence[int], segments: Sequence[Segment]) -> Iterator[list[int]]:
    """Consecutive segment indices, split where a paragraph (block) changes."""
    run: list[int] = []
    for i in indices:
        if run and (i != run[-1] + 1 or segments[i].block != segments[run[-1]].block):
            yield run
            run = []
        run.append(i)
    if run:
        yield run


# --- MT102 ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Stray:
    word: _Word
    evidence: WordEvidence
    context: tuple[str, ...]


@rule("MT102", "stray-source-token", "Accuracy/Untranslated", Severity.MAJOR)
def stray_source_token(ctx: RuleContext) -> Iterable[Issue]:
    """A source-language word is left inside an otherwise translated sentence.

    What it does: looks at every lowercase or caseless word of the translation (names,
    acronyms, numbers, URLs and the code placeholder are skipped; a sentence-initial capital
    counts only if the original writes the word in lowercase) and asks `mtlint.lexicon` for
    intrinsic evidence: a script the target language does not use (政府, мэрия in English);
    letters foreign to its alphabet (Vietnamese ệ); a word-frequency profile, from `wordfreq`,
    that is common in the source language and rare in the target (Zipf ≥ 3.5 vs a margin of 2;
    a word the target corpus knows at Zipf ≥ 3 is a target word or a loanword, "pho",
    "kindergarten", unless it is a curated leak word like "und" or "et"). wordfreq is the one
    dependency that gives per-word frequencies for all our languages offline; it is loaded per
    language on first use and every lookup is cached. Frequency evidence must then be confirmed
    by context: the word occurs in the original, or stands glossed in square brackets ("[và]");
    without the original, only near-unseen target words that are common source words. Words in
    parentheses or quotes (deliberate citations), in foreign phrases at home in the target ("et
    al.", "de facto"), or in a name that the original spells the same way ("the Valmont en
    commun group") are left alone. Adjacent stray words make one finding; sentences MT101
    reports as untranslated are not searched again.

    A phrase copied verbatim from the original is reported too, even when its words are known
    to the target corpus (English terms reach Zipf 3 in German): two or more adjacent words
    that are common in the source language (Zipf ≥ 3.5) and clearly more frequent there (by 1),
    with no word leaning to the target or spelled with letters foreign to it, found as such in
    the original ("Long Range Acoustic Devices", "frankly shambolic" in German). Capitalised
    runs (a capital at both ends) may be a name kept on purpose, so they need three such words
    and are minor ("Deutsche Bahn", "Associated Press" stay quiet); names whose words are no
    common
    words ("Manchester United", "Red Devils") never qualify.

    Why it matters: a leftover source word is unreadable for the target reader and a sure
    sign of unrevised machine output.

    Example: "Rescue teams from the province [và] the city" ← "... của tỉnh và thành phố".
    """
    analysis = _analyse(ctx)
    for segment in ctx.target_segments:
        if segment.index in analysis.untranslated:
            continue
        for run in _stray_runs(ctx, segment, analysis):
            first, last = run[0].word, run[-1].word
            text = segment.text[first.start : last.end]
            evidence = run[0].evidence
            what = (
                f"looks like {_language(evidence.lang)}"
                if evidence.lang
                else f"is not {_language(ctx.target_lang)}"
            )
            details = "; ".join((*run[0].context, evidence.describe()))
            yield Issue(
                f"'{text}' {what} ({details})",
                (Span("target", segment.start + first.start, segment.start + last.end),),
            )
        if analysis.original is not None:
            yield from _copied_phrases(ctx, segment, analysis)


def _copied_phrases(ctx: RuleContext, segment: Segment, analysis: _Analysis) -> Iterator[Issue]:
    """Runs of source-language words copied from the original (see MT102's docstring)."""
    source_lang, target_lang = ctx.source_lang, ctx.target_lang
    if (
        source_lang is None
        or source_lang == target_lang
        or not (has_frequencies(source_lang) and has_frequencies(target_lang))
        or lang_scripts(source_lang) != lang_scripts(target_lang)
    ):
        return
    words = _prose_words(segment.text)
    leanings = [_copy_leaning(w.norm, source_lang, target_lang) for w in words]
    if sum(1 for lean in leanings if lean == 2) < COPIED_MIN_WORDS:
        return  # the common case: no phrase to look for
    cited = _cited_spans(segment.text)
    norms = [w.norm for w in words]
    k = 0
    while k < len(words):
        run = [k]
        while (
            run[-1] + 1 < len(words)
            and leanings[run[-1] + 1]
            and _adjacent(segment.text, words[run[-1]], words[run[-1] + 1])
        ):
            run.append(run[-1] + 1)
        k = run[-1] + 1
        strong = [i for i in run if leanings[i] == 2]
        while strong and _function_word(words[strong[-1]].norm, source_lang):
            strong.pop()  # "District of" [Columbia]: a phrase ends on a content word
        while strong and _function_word(words[strong[0]].norm, source_lang):
            strong.pop(0)
        first, last = (words[strong[0]], words[strong[-1]]) if strong else (None, None)
        capitalised = first is not None and _capitalised(first) and _capitalised(last)
        content = sum(1 for i in strong if not _function_word(words[i].norm, source_lang))
        if content < (COPIED_NAME_WORDS if capitalised else COPIED_MIN_WORDS):
            continue
        inner = range(strong[0], strong[-1] + 1)
        if (
            _inside(first, cited)
            or any(in_fixed_phrase(norms, i) for i in inner)
            or normalise(segment.text[first.start : last.end]) not in analysis.source_text
        ):
            continue
        text = segment.text[first.start : last.end]
        yield Issue(
            f"'{text}' is copied from the original, untranslated ({len(strong)} words far more "
            f"frequent in {_language(source_lang)} than in {_language(target_lang)})",
            (Span("target", segment.start + first.start, segment.start + last.end),),
            severity=Severity.MINOR if capitalised else None,
        )


def _capitalised(word: _Word) -> bool:
    return word.casing in ("capital", "upper")


def _function_word(norm: str, lang: str) -> bool:
    return (zipf(norm, lang) or 0.0) >= FUNCTION_WORD_ZIPF


@lru_cache(maxsize=65536)
def _copy_leaning(norm: str, source_lang: str, target_lang: str) -> int:
    """2: a common source word clearly more frequent in the source language; 1: a word that
    may sit inside a copied phrase ("of", "Training"); 0: a word that ends one."""
    if foreign_letters(norm, target_lang):
        return 0
    s = zipf(norm, source_lang) or 0.0
    t = zipf(norm, target_lang) or 0.0
    if s >= SOURCE_COMMON_ZIPF and s - t >= COPIED_MARGIN:
        return 2
    return 1 if s >= COPIED_INNER_ZIPF and s >= t else 0


def _stray_runs(ctx: RuleContext, segment: Segment, analysis: _Analysis) -> list[list[_Stray]]:
    words = _prose_words(segment.text)
    norms: list[str] | None = None
    cited: list[tuple[int, int]] | None = None
    runs: list[list[_Stray]] = []
    for k, word in enumerate(words):
        casing = word.casing
        if casing in ("upper", "mixed") or (len(word.text) < 2 and casing != "none"):
            continue
        if casing == "capital" and k > 0:
            continue
        evidence = is_foreign_word(word.norm, ctx.target_lang, ctx.source_lang)
        if evidence is None:
            continue
        if casing == "capital" and word.norm not in analysis.source_lowercase:
            continue  # a capitalised first word counts only if the original writes it lowercase
        bracketed = segment.text[word.start - 1 : word.start] == "[" and (
            segment.text[word.end : word.end + 1] == "]"
        )
        if not bracketed:
            if cited is None:
                cited = _cited_spans(segment.text)
            if _inside(word, cited):
                continue
            if norms is None:
                norms = [w.norm for w in words]
            if in_fixed_phrase(norms, k):
                continue
            if _in_name(words, k, segment.text, analysis.source_text):
                continue
        in_original = bool(analysis.source_text) and (
            evidence.word in analysis.source_words
            or (casing == "none" and evidence.word in analysis.source_text)
        )
        if not _confirmed(evidence, in_original, bracketed, ctx.source is not None):
            continue
        context = ("in the original",) * in_original + ("in brackets",) * bracketed
        stray = _Stray(word, evidence, context)
        previous = runs[-1][-1].word if runs else None
        if previous is not None and _adjacent(segment.text, previous, word):
            runs[-1].append(stray)
        else:
            runs.append([stray])
    return runs


def _confirmed(
    evidence: WordEvidence, in_original: bool, bracketed: bool, have_original: bool
) -> bool:
    """Weigh a word's intrinsic evidence with its context (see MT102's docstring)."""
    if evidence.foreign_script and evidence.foreign_script != "Latin":
        return True
    if in_original or bracketed:
        return True
    if evidence.known_in_target or have_original:
        return False
    return evidence.decisive or (evidence.source_word and bool(evidence.foreign_letters))


def _adjacent(text: str, left: _Word, right: _Word) -> bool:
    return not text[left.end : right.start].strip(" \u00a0-‐")


def _in_name(words: Sequence[_Word], k: int, text: str, source_text: str) -> bool:
    """Whether `words[k]` is the lowercase part of a name: between two capitalised words
    ("Sturm und Drang"), or next to one in a phrase the original spells the same way
    ("Valmont en commun")."""
    def capital(i: int) -> bool:
        return 0 <= i < len(words) and words[i].casing == "capital"

    def joined(i: int, j: int) -> bool:
        return _adjacent(text, words[min(i, j)], words[max(i, j)])

    if capital(k - 1) and capital(k + 1) and joined(k - 1, k) and joined(k, k + 1):
        return True
    if not source_text:
        return False
    for step in (-1, 1):
        i = k
        while 0 <= i + step < len(words) and abs(i + step - k) <= 3 and joined(i, i + step):
            i += step
            if capital(i):
                lo, hi = sorted((words[i], words[k]), key=lambda w: w.start)
                if normalise(text[lo.start : hi.end]) in source_text:
                    return True
                break
    return False


# --- MT103 / MT104 -------------------------------------------------------------------------


def _unmatched_runs(ctx: RuleContext, side: Side) -> Iterator[list[int]]:
    """Runs of consecutive `side` segments that have no counterpart, each with the sentences the
    gap may be at.

    Two sources, merged where they touch. The aligner's path: runs of unmatched (1-0 or 0-1)
    beads, kept only if the beads on both sides are confident and neither is an unmatched
    sentence of the other side (a 1-0 bead next to a 0-1 bead is a sentence translated beyond
    recognition, not an omission plus an addition). And the aligner's posterior: consecutive
    sentences that each have at least `GAP_SHARE` belief of being unmatched, together at least
    `GAP_MASS`, with little such belief on the other side next to them. The second finds the
    gaps whose place the lengths cannot pin down (the path pairs the dropped sentence's
    neighbour with the wrong line and leaves that neighbour out instead, or hides the gap in a
    merge), and widens a path run to the sentences that may be the missing one.

    Target lines that are scraping residue (MT301's business) are taken out first, so they are
    neither reported as added nor break the context of a real gap.
    """
    residue = _residue_lines(ctx)
    beads = [b for b in ctx.beads if b.src or not set(b.tgt) <= residue]

    def own(bead: Bead) -> tuple[int, ...]:
        return bead.src if side == "source" else bead.tgt

    def other(bead: Bead) -> tuple[int, ...]:
        return bead.tgt if side == "source" else bead.src

    sure: set[int] = set()
    i = 0
    while i < len(beads):
        j = i
        while j < len(beads) and not other(beads[j]):
            j += 1
        if j == i:
            i += 1
            continue
        neighbours = [beads[n] for n in (i - 1, j) if 0 <= n < len(beads)]
        confidences = [b.confidence for b in neighbours]
        if (
            all(b.confidence >= UNMATCHED_CONFIDENCE for b in beads[i:j])
            and all(own(b) for b in neighbours)
            and max(confidences, default=0.0) >= NEIGHBOUR_CONFIDENCE
            and min(confidences, default=0.0) >= NEIGHBOUR_FLOOR
        ):
            sure.update(k for b in beads[i:j] for k in own(b))
        i = j
    belief = _gap_belief(beads, side)
    position = {k: n for n, b in enumerate(beads) for k in own(b)}
    for run in _runs_of(sorted(sure | {k for k, u in belief.items() if u >= GAP_SHARE})):
        if sure & set(run):
            yield run
            continue
        around = range(max(position[run[0]] - 1, 0), min(position[run[-1]] + 2, len(beads)))
        opposite = _gap_belief([beads[n] for n in around], "target" if side == "source" else "source")
        if sum(belief[k] for k in run) >= GAP_MASS and max(opposite.values(), default=0.0) < GAP_SHARE:
            yield run


def _gap_belief(beads: Sequence[Bead], side: Side) -> dict[int, float]:
    """The aligner's belief that each `side` sentence of the beads has no counterpart (none
    where the beads do not say)."""
    belief: dict[int, float] = {}
    for bead in beads:
        own = bead.src if side == "source" else bead.tgt
        shares = bead.unmatched[: len(bead.src)] if side == "source" else bead.unmatched[len(bead.src) :]
        belief.update(zip(own, shares if len(shares) == len(own) else (0.0,) * len(own)))
    return belief


def _runs_of(indices: Sequence[int]) -> Iterator[list[int]]:
    """Sorted indices cut into runs of consecutive ones."""
    run: list[int] = []
    for k in indices:
        if run and k != run[-1] + 1:
            yield run
            run = []
        run.append(k)
    if run:
        yield run


@lru_cache(maxsize=8)
def _residue_lines(ctx: RuleContext) -> frozenset[int]:
    """Target segments of 0-1 beads that the residue rule recognises as scraping residue."""
    from mtlint.rules.residue import is_residue

    return frozenset(
        j
        for bead in ctx.beads
        if not bead.src
        for j in bead.tgt
        if is_residue(ctx.target_segments[j].text, ctx.target_lang)
    )


def _size_severity(run: Sequence[int], segments: Sequence[Segment]) -> Severity | None:
    """Critical for a whole paragraph of several sentences, minor for a run of mere headings,
    names or numbers, else the rule's default."""
    chosen = [segments[i] for i in run]
    blocks = {s.block for s in chosen}
    for block in blocks:
        members = [s.index for s in segments if s.block == block]
        if len(members) >= 2 and set(members) <= set(run):
            return Severity.CRITICAL
    words = [_prose_words(s.text) for s in chosen]
    if all(len(w) <= SHORT_WORDS or not _content_words(w) for w in words):
        return Severity.MINOR
    return None


def _side_spans(side: Side, run: Sequence[int], segments: Sequence[Segment]) -> tuple[Span, ...]:
    return tuple(Span(side, segments[i].start, segments[i].end) for i in run)


@rule("MT103", "omitted-sentence", "Accuracy/Omission", Severity.MAJOR, needs_source=True)
def omitted_sentence(ctx: RuleContext) -> Iterable[Issue]:
    """A sentence of the original has no counterpart in the translation.

    What it does: reports source sentences that the aligner leaves unmatched (1-0 beads) with
    confidence ≥ 0.12 (the aligner already discounts such beads by their context and by anchors
    found elsewhere), when the beads around them are matched, one with confidence ≥ 0.4 and
    the other ≥ 0.1; an unmatched
    target sentence right next to it means a garbled translation or an aligner miss, not a
    gap, and target lines the residue rule recognises (MT301) do not count as neighbours. One
    finding per run of consecutive omitted sentences, with a span on each; critical when the run
    is a whole paragraph of two sentences or more, minor when it is only short headings (≤ 3
    words), names or numbers.

    Why it matters: omissions are invisible to a reader of the translation alone, yet they
    change what the article says.

    Example: the source sentence "Zudem seien viele Bauteile über 40 Jahre alt und müssten
    dringend ersetzt werden." has no English counterpart.
    """
    segments = ctx.source_segments
    for run in _unmatched_runs(ctx, "source"):
        count = f"{len(run)} source sentence{'s' if len(run) > 1 else ''}"
        verb = "have" if len(run) > 1 else "has"
        yield Issue(
            f"{count} {verb} no counterpart in the translation: {_quote(segments[run[0]].text)}",
            _side_spans("source", run, segments),
            severity=_size_severity(run, segments),
        )


@rule("MT104", "added-sentence", "Accuracy/Addition", Severity.MAJOR, needs_source=True)
def added_sentence(ctx: RuleContext) -> Iterable[Issue]:
    """A sentence of the translation has no counterpart in the original.

    What it does: reports target sentences in confident 0-1 beads (same confidence and
    neighbour conditions as MT103), leaving out those another rule explains better: scraping
    residue (`mtlint.rules.residue.is_residue`, MT301), a near-copy of another sentence of the
    translation (repetition, MT201) and a fragment starting in lowercase (a broken boundary,
    MT202). One finding per run; critical for a whole paragraph of two sentences or more, minor
    for short headings, names or numbers.

    Why it matters: machine translation and post-editing sometimes invent claims; the reader
    cannot tell them from the original's.

    Example: "Passes purchased online can also be used on the city's metro lines." with nothing
    like it in the Vietnamese original.
    """
    segments = ctx.target_segments
    for run in _unmatched_runs(ctx, "target"):
        kept = [j for j in run if not _explained_elsewhere(segments, j)]
        for part in _runs(kept, segments):
            count = f"{len(part)} sentence{'s' if len(part) > 1 else ''}"
            verb = "have" if len(part) > 1 else "has"
            yield Issue(
                f"{count} of the translation {verb} no counterpart in the original: "
                f"{_quote(segments[part[0]].text)}",
                _side_spans("target", part, segments),
                severity=_size_severity(part, segments),
            )


def _explained_elsewhere(segments: Sequence[Segment], j: int) -> bool:
    """A lowercase start (broken boundary) or a near-copy of another sentence (repetition)."""
    first = next((ch for ch in segments[j].text if ch.isalpha()), "")
    if first.islower():
        return True
    from rapidfuzz.fuzz import ratio

    text = _letters(segments[j].text)
    return any(
        ratio(text, _letters(other.text)) >= IDENTICAL_RATIO
        for other in segments
        if other.index != j
    )


# --- MT106 ---------------------------------------------------------------------------------


@rule("MT106", "wrong-language", "Accuracy/Language", Severity.CRITICAL)
def wrong_language(ctx: RuleContext) -> Iterable[Issue]:
    """The translation (or the original) is not in the language it should be.

    What it does: compares the language detected for the whole document (`Document.lang`,
    filled by the engine) with the one the user asked for (--target-lang, --source-lang), and,
    with an original, checks that the translation is not in the original's language. Documents
    with fewer than 60 letters are not judged. The span is the document's first sentence; the
    message names the detected and the expected language.

    Why it matters: a wrong file, an untranslated article or a translation into the wrong
    language makes every other finding moot.

    Example: --target-lang en, but the translation reads "Die Bauarbeiten beginnen im Juni."
    """
    detected = _judged_lang(ctx.target.text, ctx.target.lang)
    expected = ctx.expected_target_lang
    if detected and expected and detected != expected:
        yield Issue(
            f"the translation is in {_language(detected)}, expected {_language(expected)}",
            _first_span("target", ctx.target_segments, len(ctx.target.text)),
        )
    elif (
        detected
        and ctx.source is not None
        and detected == _judged_lang(ctx.source.text, ctx.source.lang)
        and not (expected and expected == ctx.expected_source_lang)
    ):
        yield Issue(
            f"the translation is in {_language(detected)}, the same language as the original",
            _first_span("target", ctx.target_segments, len(ctx.target.text)),
        )
    if ctx.source is not None and ctx.expected_source_lang:
        source_detected = _judged_lang(ctx.source.text, ctx.source.lang)
        if source_detected and source_detected != ctx.expected_source_lang:
            yield Issue(
                f"the original is in {_language(source_detected)}, "
                f"expected {_language(ctx.expected_source_lang)}",
                _first_span("source", ctx.source_segments, len(ctx.source.text)),
            )


def _judged_lang(text: str, detected: str | None) -> str | None:
    """The detected language, if the document is long enough for it to mean something."""
    if detected is None:
        return None
    letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if letters >= MIN_DOCUMENT_LETTERS:
                return detected
    return None


def _first_span(side: Side, segments: Sequence[Segment], length: int) -> tuple[Span, ...]:
    if segments:
        return (Span(side, segments[0].start, segments[0].end),)
    return (Span(side, 0, length),)
