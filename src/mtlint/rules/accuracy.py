"""Accuracy rules: text left in the source language (MT101, MT102) and the wrong language (MT106).

All of them put precision first. A good human translation keeps names, acronyms, numbers, URLs,
loanwords and quoted originals, and an aligner is sometimes unsure; none of that may be reported.
So the untranslated-text rules (MT101, MT102) need converging evidence (script, alphabet, word
frequencies from `mtlint.lexicon`, the word's presence and casing in the original, the
sentence's detected language). Both first screen each sentence's raw words against a memory of
the words already judged for the language pair: most sentences of a translation hold no word
worth a second look and cost a set test. Omitted and added sentences are in
`mtlint.rules.gaps`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import NamedTuple

from mtlint.lexicon import (
    LOANWORD_ZIPF,
    NOUN_CAPITALISING,
    SOURCE_COMMON_ZIPF,
    ZIPF_MARGIN,
    WordEvidence,
    ascii_zipf,
    foreign_letters,
    has_frequencies,
    in_fixed_phrase,
    is_foreign_word,
    lang_scripts,
    leak_zipf,
    normalise,
    script,
    token_pattern,
    zipf,
)
from mtlint.model import Segment, Severity, Side, Span
from mtlint.rules.registry import Issue, RuleContext, rule
from mtlint.rules.words import (
    Word,
    cited_spans,
    content_words,
    inside,
    letters,
    prose_words,
    quote,
    sentence_runs,
    word_count,
    word_form,
)

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
COPIED_MARGIN = 1.0
#: A word the target corpus does not know (Zipf below `LOANWORD_ZIPF`) counts as a source word
#: from this source Zipf on (once in ten million words: "shambolic" is 2.3 in English, unseen in
#: German); it is copied untranslated on its own when the original writes it in lowercase.
COPIED_RARE_ZIPF = 2.0
#: ... between which only words at least this common in the source language, and not more
#: common in the target, may stand ("Centers for Disease Control and Prevention").
COPIED_INNER_ZIPF = 3.0
#: Words this frequent (Zipf) are function words ("of", "the", "on"), which neither open nor
#: close a copied phrase.
FUNCTION_WORD_ZIPF = 6.5
#: A copy of its original shares most of its words with it: a target sentence of whose distinct
#: words fewer than this share occur in the aligned original skips the letter comparison.
COPY_SHARED_WORDS = 0.5
#: A word in capitals copied from the original is a shouted word left untranslated ("Couple
#: MACED at dog park"), not an acronym, from this many letters: most acronyms are shorter
#: ("NATO", "AIDS", "FIFA"), and the longer ones the target corpus knows ("UNICEF", "COVID").
SHOUTED_MIN_LETTERS = 5
#: A quotation whose other words are mostly this common in the target language (Zipf) is
#: speech in the target language, not a citation of foreign text (see `_citation`).
CITATION_PLAIN_ZIPF = 3.0
#: Endings of an inflected form, per source language, with what the bare word may end in
#: instead ("MACED" is "mace" + "d"): a word in capitals that inflects is no acronym, which
#: stays as it is or takes a lowercase ending ("NGOs"); the inflected form itself may be too
#: rare for its frequency alone to tell ("maced" is Zipf 1.9 in English, "mace" 3.3).
_INFLECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")),
}
#: Words of one language pair remembered as quiet or loud (see `_Vocabulary`); past this many
#: the memory starts afresh, so that a corpus of millions of pairs does not grow it unbounded
#: (judging a word again is cheap: its frequencies are cached).
VOCABULARY_LIMIT = 200_000
#: How far back from a capitalised word of the original the end of the previous sentence is
#: looked for (over spaces, quotes and brackets) ...
SENTENCE_LOOKBACK = 8
#: ... the characters skipped on the way ...
_SENTENCE_OPENERS = " \t\u00a0\"'“„«‘([–—-"
#: ... and those that end a sentence or open a quoted one ("He said: "They ...").
_SENTENCE_ENDS = ".!?:…\n"

_LANGUAGE_NAMES = {
    "vi": "Vietnamese", "en": "English", "de": "German", "fr": "French", "es": "Spanish",
    "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "cs": "Czech",
    "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
    "hi": "Hindi",
}



def _language(code: str | None) -> str:
    return _LANGUAGE_NAMES.get(code or "", code or "an unknown language")


# --- shared analysis: which target sentences are untranslated ------------------------------


@dataclass(frozen=True)
class _Analysis:
    """Per-pair facts computed once and shared by MT101 and MT102.

    What MT102 needs of the original is computed on first use: most sentences have no word
    with foreign evidence, and then the original's words are never consulted.
    """

    #: Target segment index → why it counts as untranslated.
    untranslated: dict[int, str]
    #: Target segment indices, in order, of the sentences with a loud word (see `_Vocabulary`):
    #: the only ones MT102 searches.
    suspects: tuple[int, ...]
    #: The original's prose view, or None without an original.
    original: str | None
    source_segments: tuple[Segment, ...]

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
    def source_named(self) -> frozenset[str]:
        """Normalised words the original capitalises inside a sentence: names or parts of one
        ("the Recovery trial"), whatever their frequency as common words."""
        return frozenset(
            word.norm
            for segment in self.source_segments
            for k, word in enumerate(prose_words(segment.text))
            if k and word.casing == "capital" and not _opens_sentence(segment.text, word.start)
        )

    @cached_property
    def source_shouted(self) -> frozenset[str]:
        """Normalised words the original writes in capitals inside a sentence, with no
        capitalised word beside them ("Couple MACED at"): shouted words or acronyms, but not a
        part of a name ("the CARES Act"), of a heading in capitals or of a dateline ("JURUPA
        VALLEY"), nor a sentence's first word ("READING, England (Reuters)")."""
        shouted: set[str] = set()
        named: set[str] = set()
        for segment in self.source_segments:
            words = prose_words(segment.text)
            for k, word in enumerate(words):
                if word.casing == "upper" and len(word.norm) >= SHOUTED_MIN_LETTERS:
                    (shouted if _stands_alone(segment.text, words, k) else named).add(word.norm)
        return frozenset(shouted - named - self.source_named)

    @cached_property
    def source_quoted(self) -> str:
        """The original's quotations, normalised, one a line: words quoted there are speech to
        translate, not a citation of the original that the translation may keep. Found sentence
        by sentence, where straight quotes pair reliably."""
        return "\n".join(
            normalise(segment.text[a:b])
            for segment in self.source_segments
            for a, b in cited_spans(segment.text)
            if segment.text[a] != "("
        )

    @cached_property
    def _source_prose(self) -> tuple[Word, ...]:
        return prose_words(self.original) if self.original is not None else ()


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` of `text` opens a sentence (its capital tells nothing)."""
    before = text[max(0, start - SENTENCE_LOOKBACK) : start].rstrip(_SENTENCE_OPENERS)
    return before[-1] in _SENTENCE_ENDS if before else start <= SENTENCE_LOOKBACK


def _stands_alone(text: str, words: Sequence[Word], k: int) -> bool:
    """Whether `words[k]` of sentence `text` stands inside it with no capitalised word beside
    it (see `_Analysis.source_shouted`)."""
    if k == 0 or _opens_sentence(text, words[k].start):
        return False
    for j in (k - 1, k + 1):
        if 0 <= j < len(words) and _adjacent(text, words[min(j, k)], words[max(j, k)]):
            neighbour = words[j]
            if neighbour.casing in ("upper", "mixed") or (
                neighbour.casing == "capital" and not _opens_sentence(text, neighbour.start)
            ):
                return False
    return True


def loud_sentences(ctx: RuleContext) -> tuple[int, ...]:
    """Target sentences with a loud word (see `_Vocabulary`), from the analysis MT101 and
    MT102 share. Every lowercase word foreign to the target language (another script, or a
    Zipf frequency there below `UNKNOWN_ZIPF`) is loud, so a target without loud sentences
    has no such word: sentence-pair mode then knows, for free, that it is no suspect for the
    language detector."""
    return ctx.shared(_analysis).suspects


def _analysis(ctx: RuleContext) -> _Analysis:
    """Which target sentences are untranslated, and which hold a word MT102 should look at."""
    vocabulary = _vocabulary(ctx.target_lang, ctx.source_lang)
    untranslated: dict[int, str] = {}
    suspects: list[int] = []
    for segment in ctx.target_segments:
        chunks = frozenset(segment.text.split())
        loud = vocabulary.any_loud(chunks)
        if loud:
            suspects.append(segment.index)
        reason = _untranslated_reason(ctx, segment, chunks, loud)
        if reason:
            untranslated[segment.index] = reason
    return _Analysis(
        untranslated,
        tuple(suspects),
        ctx.source.text if ctx.source is not None else None,
        ctx.source_segments,
    )


@dataclass(frozen=True)
class _Vocabulary:
    """The text of one language pair judged so far, as quiet or loud.

    A loud word is one either rule may act on: a lowercase word that looks foreign (MT101), a
    word with intrinsic foreign evidence (MT102's stray words), or a source-language word a
    phrase may be copied from (MT102's copied phrases). Most sentences of a translation have
    no loud word, and both rules skip them for the price of a set test, without tokenising
    them: what is remembered is the sentence's chunks between spaces ("word," with its comma),
    loud when one of their words is. Chunks are judged once per language pair; the sets only
    grow (up to `VOCABULARY_LIMIT`), and a chunk's verdict depends on nothing but the chunk.
    """

    target_lang: str
    source_lang: str | None
    quiet: set[str] = field(default_factory=set)
    loud: set[str] = field(default_factory=set)

    def any_loud(self, chunks: frozenset[str]) -> bool:
        """Whether any of a sentence's `chunks` (its text split at spaces) is loud."""
        unjudged = chunks.difference(self.quiet)
        if not unjudged:
            return False
        if len(self.quiet) + len(self.loud) > VOCABULARY_LIMIT:
            self.quiet.clear()
            self.loud.clear()
        for chunk in unjudged.difference(self.loud):
            words = token_pattern(chunk).findall(chunk)
            (self.loud if any(map(self._judge, words)) else self.quiet).add(chunk)
        return not unjudged.isdisjoint(self.loud)

    def _judge(self, word: str) -> bool:
        form = word_form(word)
        if not form:
            return False  # a numeral
        norm, casing = form
        target, source = self.target_lang, self.source_lang
        if _plain_target_word(norm, target, source):
            return False
        if casing in ("lower", "none") and _leaning(norm, target, source) > 0:
            return True
        if is_foreign_word(norm, target, source) is not None:
            return True
        return (
            source is not None
            and _copies_possible(source, target)
            and (
                _copy_profile(norm, source, target).bounds
                or (casing == "upper" and _shouted_word(norm, source, target))
            )
        )


#: The smallest margin by which any test here calls a word more frequent in the source language.
PLAIN_MARGIN = min(LEANING_MARGIN, COPIED_MARGIN, ZIPF_MARGIN)


def _plain_target_word(norm: str, target_lang: str, source_lang: str | None) -> bool:
    """Whether `norm` is an a-z word of a Latin-script target that the target corpus knows
    (Zipf ≥ `LOANWORD_ZIPF`) and that is not more frequent in the source language by
    `PLAIN_MARGIN`: most words of a translation, and none of them has evidence for the tests
    of `_Vocabulary` (`_leaning`, `is_foreign_word` and `_copy_profile` need a foreign script
    or letter, a word the target barely knows, or that margin). Two table lookups instead of
    three tests, uncached: most words a translation shows the rule are new to it."""
    if not (norm.isascii() and norm.isalpha() and "Latin" in lang_scripts(target_lang)):
        return False
    t = ascii_zipf(norm, target_lang)
    if t is None or t < LOANWORD_ZIPF:
        return False
    s = ascii_zipf(norm, source_lang) if source_lang else None
    return (s or 0.0) - t < PLAIN_MARGIN


@cache
def _vocabulary(target_lang: str, source_lang: str | None) -> _Vocabulary:
    return _Vocabulary(target_lang, source_lang)


def _untranslated_reason(
    ctx: RuleContext, segment: Segment, chunks: frozenset[str], loud: bool
) -> str | None:
    """Why `segment` is a sentence left in the source language, or None.

    Cheapest evidence first: a sentence without a `loud` word whose `chunks` (its text split
    at spaces) are mostly not in its original is neither a copy nor foreign-looking; then
    enough content words, then a copy of the aligned original, then the share of words that
    look foreign, and only for those suspects the language detector.
    """
    original = (
        _aligned_original(ctx, segment.index) if ctx.source_lang != ctx.target_lang else None
    )
    may_be_copy = original is not None and _shares_words(chunks, original)
    if not (loud or may_be_copy):
        return None
    content = content_words(prose_words(segment.text))
    cited = cited_spans(segment.text)
    framing = [w for w in content if not inside(w, cited)] if cited else content
    if framing:
        # A quotation or parenthesis inside a target-language sentence may keep the
        # original's words on purpose; only a sentence quoted whole is judged whole.
        content = framing
    if word_count(content) < MIN_CONTENT_WORDS:
        return None
    if may_be_copy:
        ours = letters(segment.text)
        if len(ours.replace(" ", "")) >= MIN_IDENTICAL_LETTERS:
            from rapidfuzz.fuzz import ratio

            if ratio(ours, letters(original or "")) >= IDENTICAL_RATIO:
                return "identical to its original sentence"
    if not (loud and _looks_foreign(content, ctx.target_lang, ctx.source_lang)):
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


def _shares_words(chunks: frozenset[str], original: str) -> bool:
    """Whether at least `COPY_SHARED_WORDS` of a sentence's `chunks` occur in `original`: a
    copy of it does, a translation seldom, so most sentences skip the letter comparison.
    Chunks are split at spaces, punctuation and all, which is several times cheaper than
    tokenising a non-ASCII original, and a copy keeps its punctuation too."""
    return len(chunks.intersection(original.split())) >= COPY_SHARED_WORDS * len(chunks)


def _looks_foreign(content: Sequence[Word], target_lang: str, source_lang: str | None) -> bool:
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
    untranslated = ctx.shared(_analysis).untranslated
    for run in sentence_runs(sorted(untranslated), ctx.target_segments):
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
            message = f"sentence not translated ({reason}): {quote(segments[0].text)}"
        else:
            message = (
                f"{len(run)} sentences not translated ({reason}), from "
                f"{quote(segments[0].text)}"
            )
        yield Issue(message, tuple(dict.fromkeys(spans)))


# --- MT102 ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Stray:
    word: Word
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
    parentheses or quotes that cite foreign text (a name, a title: at most half of the other
    words there are common target words), in foreign phrases at home in the target ("et
    al.", "de facto"), or in a name that the original spells the same way ("the Valmont en
    commun group") are left alone. Adjacent stray words make one finding; sentences MT101
    reports as untranslated are not searched again.

    Words copied verbatim from the original are reported too, even when the target corpus
    knows them (English words reach Zipf 3 in German through quotations and names). Source
    words here are those clearly more frequent in the source language (by 1), with no letter
    foreign to the target, and either common there (Zipf ≥ 3.5) or seen there (Zipf ≥ 2) but
    unknown to the target: seen in the target's corpus no more than the source language's
    plain words are on average (`mtlint.lexicon.leak_zipf`: Zipf 2.9 for English words in
    German, 1.4 for French words in English, so "croissant", 2.8 in English, is a loanword)
    and below 3. A copied stretch of them must be found as such in the original, and is
    reported when:
    - it has two common ones, not counting function words, with none leaning to the target
      between them ("utterly chaotic" in German); or
    - one of its words is unknown to the target and the original writes it in lowercase and
      never with a capital inside a sentence: a common word, not a name ("10.000 Acres",
      "ein Gotcha-Spiel", "offen gesagt shambolic" ← "acres", "a gotcha game", "frankly
      shambolic"). In the translation the word must be lowercase, or capitalised only where
      the target language capitalises anyway (a sentence start, a German noun).
    Capitalised stretches (a capital at both ends) are names a translation may keep, and
    human translators do ("Centers for Disease Control and Prevention", "Press Trust of India"
    in German), so they never pass the first test; names fail the second too, since the
    original capitalises them ("Man Utd", "the Recovery trial"). A quotation in the translation is left
    alone, unless the original quotes the same words and they pass the second test: then it
    is speech left untranslated ("„frankly shambolic“"), not a citation.

    A word in capitals is an acronym that a translation keeps ("NATO", "MSNBC"), unless it is
    a shouted word of the source language copied from the original ("Paar MACED im Hundepark"
    ← "Couple MACED at dog park"). Such a word has at least five letters, is unknown to the
    target and clearly more frequent in the source language (as above), and is either common
    there or an inflected form of a source-language word ("maced" ← "mace"): acronyms are
    mostly rare in the source language and hardly rarer in the target, and do not inflect. The
    original must write it in capitals inside a sentence and never beside a capitalised word
    (a name, "the CARES Act"; a heading in capitals; a dateline, "JURUPA VALLEY") nor as a
    name elsewhere; a sentence's first word is left alone ("READING, England (Reuters)").

    Why it matters: a leftover source word is unreadable for the target reader and a sure
    sign of unrevised machine output.

    Example: "Rescue teams from the province [và] the city" ← "... của tỉnh và thành phố".
    """
    analysis = ctx.shared(_analysis)
    copies = analysis.original is not None and _copies_possible(ctx.source_lang, ctx.target_lang)
    for index in analysis.suspects:
        if index in analysis.untranslated:
            continue
        segment = ctx.target_segments[index]
        reported: list[tuple[int, int]] = []
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
            reported.append((first.start, last.end))
            yield Issue(
                f"'{text}' {what} ({details})",
                (Span("target", segment.start + first.start, segment.start + last.end),),
            )
        if copies:
            for issue in _copied_phrases(ctx, segment, analysis, reported):
                span = issue.spans[0]
                reported.append((span.start - segment.start, span.end - segment.start))
                yield issue
            yield from _shouted_words(ctx, segment, analysis, reported)


def _copied_phrases(
    ctx: RuleContext, segment: Segment, analysis: _Analysis, reported: Sequence[tuple[int, int]]
) -> Iterator[Issue]:
    """Stretches of source-language words copied from the original (see MT102's docstring),
    other than those overlapping the `reported` stray words (segment offsets)."""
    source_lang, target_lang = ctx.source_lang or "", ctx.target_lang
    words = prose_words(segment.text)
    profiles = [_copy_profile(w.norm, source_lang, target_lang) for w in words]
    if not any(profile.bounds for profile in profiles):
        return  # the common case: no phrase to look for
    cited = cited_spans(segment.text)
    norms = [w.norm for w in words]
    k = 0
    while k < len(words):
        run = [k]
        while (
            run[-1] + 1 < len(words)
            and profiles[run[-1] + 1].joins
            and _adjacent(segment.text, words[run[-1]], words[run[-1] + 1])
        ):
            run.append(run[-1] + 1)
        k = run[-1] + 1
        strong = [i for i in run if profiles[i].bounds]
        while strong and _function_word(words[strong[-1]].norm, source_lang):
            strong.pop()  # "District of" [Columbia]: a phrase ends on a content word
        while strong and _function_word(words[strong[0]].norm, source_lang):
            strong.pop(0)
        if not strong:
            continue
        # A capitalised stretch (a capital at both ends) is a name the translation may keep
        # ("Centers for Disease Control and Prevention" in German): only its words written
        # in lowercase in the original are judged, by the second test.
        capitalised = _capitalised(words[strong[0]]) and _capitalised(words[strong[-1]])
        content = sum(
            1 for i in strong
            if profiles[i].common and not _function_word(words[i].norm, source_lang)
        )
        speech = False  # whether a quotation may hold the stretch (see MT102's docstring)
        if not capitalised and content >= COPIED_MIN_WORDS:
            why = (
                f"{len(strong)} words far more frequent in {_language(source_lang)} than in "
                f"{_language(target_lang)}"
            )
        else:
            strong = [
                i for i in strong
                if profiles[i].unknown
                and _written_as_common_word(words[i], i, target_lang, analysis)
                and not _in_name(words, i, segment.text, analysis.source_text)
            ]
            if not strong:
                continue
            speech = True
            norm = words[strong[0]].norm
            why = (
                f"'{norm}' is written in lowercase in the original, not as a name; zipf "
                f"{target_lang} {zipf(norm, target_lang) or 0.0:.1f} vs {source_lang} "
                f"{zipf(norm, source_lang) or 0.0:.1f}"
            )
        first, last = words[strong[0]], words[strong[-1]]
        text = segment.text[first.start : last.end]
        copied = normalise(text)
        if (
            copied not in analysis.source_text
            or any(in_fixed_phrase(norms, i) for i in range(strong[0], strong[-1] + 1))
            or (inside(first, cited) and not (speech and copied in analysis.source_quoted))
            or any(a < last.end and first.start < b for a, b in reported)
        ):
            continue
        yield Issue(
            f"'{text}' is copied from the original, untranslated ({why})",
            (Span("target", segment.start + first.start, segment.start + last.end),),
        )


def _shouted_words(
    ctx: RuleContext, segment: Segment, analysis: _Analysis, reported: Sequence[tuple[int, int]]
) -> Iterator[Issue]:
    """Words in capitals copied from the original that are source-language words, not
    acronyms (see MT102's docstring), other than those in the `reported` spans."""
    source_lang, target_lang = ctx.source_lang or "", ctx.target_lang
    cited: list[tuple[int, int]] | None = None
    for word in prose_words(segment.text):
        if (
            word.casing != "upper"
            or word.norm not in analysis.source_shouted
            or not _shouted_word(word.norm, source_lang, target_lang)
            or any(a < word.end and word.start < b for a, b in reported)
        ):
            continue
        if cited is None:
            cited = cited_spans(segment.text)
        if inside(word, cited) and word.norm not in analysis.source_quoted:
            continue
        yield Issue(
            f"'{word.text}' is copied from the original, untranslated (a word of "
            f"{_language(source_lang)} in capitals, not an acronym; zipf {target_lang} "
            f"{zipf(word.norm, target_lang) or 0.0:.1f} vs {source_lang} "
            f"{zipf(word.norm, source_lang) or 0.0:.1f})",
            (Span("target", segment.start + word.start, segment.start + word.end),),
        )


@lru_cache(maxsize=16384)
def _shouted_word(norm: str, source_lang: str, target_lang: str) -> bool:
    """Whether `norm`, written in capitals, is a source-language word the target does not know
    rather than an acronym. Acronyms are mostly rare words of the source language that the
    target corpus knows little better ("MSNBC", "OFSTED"), so a word needs what they lack: to
    be common in the source language (Zipf ≥ `SOURCE_COMMON_ZIPF`), or an inflected form of a
    source-language word (`_INFLECTIONS`); and, as a copied word must be, unknown to the
    target and clearly more frequent in the source language. Cached like `_copy_profile`."""
    if len(norm) < SHOUTED_MIN_LETTERS or not norm.isalpha():
        return False
    profile = _copy_profile(norm, source_lang, target_lang)
    if profile.common and profile.unknown:
        return True
    s = zipf(norm, source_lang) or 0.0
    t = zipf(norm, target_lang) or 0.0
    if foreign_letters(norm, target_lang) or not (
        t < _unknown_below(source_lang, target_lang) and s - t >= COPIED_MARGIN
    ):
        return False
    return any(
        norm.endswith(ending)
        and _copy_profile(norm[: -len(ending)] + bare, source_lang, target_lang).joins
        for ending, bare in _INFLECTIONS.get(source_lang, ())
    )


def _written_as_common_word(word: Word, k: int, target_lang: str, analysis: _Analysis) -> bool:
    """Whether `word` (the k-th of its sentence) is a common word of the original, not a name:
    the original writes it in lowercase and never capitalises it inside a sentence, and the
    translation has no capital the target language would not put there anyway."""
    if word.casing != "lower" and not (
        word.casing == "capital" and (k == 0 or target_lang in NOUN_CAPITALISING)
    ):
        return False
    return word.norm in analysis.source_lowercase and word.norm not in analysis.source_named


def _capitalised(word: Word) -> bool:
    return word.casing in ("capital", "upper")


def _function_word(norm: str, lang: str) -> bool:
    return (zipf(norm, lang) or 0.0) >= FUNCTION_WORD_ZIPF


@cache
def _copies_possible(source_lang: str | None, target_lang: str) -> bool:
    """Whether copied phrases can be told by frequencies: two languages of one script, both
    with word lists."""
    return (
        source_lang is not None
        and source_lang != target_lang
        and has_frequencies(source_lang)
        and has_frequencies(target_lang)
        and lang_scripts(source_lang) == lang_scripts(target_lang)
    )


@cache
def _unknown_below(source_lang: str, target_lang: str) -> float:
    """Target Zipf below which a source word is unknown to the target: seen there no more than
    plain source words are (`mtlint.lexicon.leak_zipf`), and short of a loanword."""
    return min(LOANWORD_ZIPF, leak_zipf(source_lang, target_lang) or 0.0)


class _CopyProfile(NamedTuple):
    """How a word may take part in a stretch copied from the original."""

    #: It may stand inside a copied phrase ("of", "Training").
    joins: bool
    #: A common source-language word, clearly more frequent there: counts towards a phrase.
    common: bool
    #: A source-language word unknown to the target (`_unknown_below`).
    unknown: bool

    @property
    def bounds(self) -> bool:
        """It may open or close a copied stretch."""
        return self.common or self.unknown


@lru_cache(maxsize=65536)
def _copy_profile(norm: str, source_lang: str, target_lang: str) -> _CopyProfile:
    """The `_CopyProfile` of a normalised word; cached, since prose repeats its words."""
    if foreign_letters(norm, target_lang):
        return _CopyProfile(False, False, False)
    s = zipf(norm, source_lang) or 0.0
    t = zipf(norm, target_lang) or 0.0
    source_word = s - t >= COPIED_MARGIN
    common = source_word and s >= SOURCE_COMMON_ZIPF
    unknown = (
        source_word and s >= COPIED_RARE_ZIPF and t < _unknown_below(source_lang, target_lang)
    )
    joins = common or unknown or (s >= COPIED_INNER_ZIPF and s >= t)
    return _CopyProfile(joins, common, unknown)


def _stray_runs(ctx: RuleContext, segment: Segment, analysis: _Analysis) -> list[list[_Stray]]:
    words = prose_words(segment.text)
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
                cited = cited_spans(segment.text)
            if inside(word, cited) and _citation(segment.text, word, cited, ctx.target_lang):
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


def _citation(
    text: str, word: Word, cited: Sequence[tuple[int, int]], target_lang: str
) -> bool:
    """Whether the quotation or parenthesis around `word` cites foreign text (a name in its
    own script, a song title, a glossed term) rather than reporting speech in the target
    language: at most half of its other words are common words of the target. A word of
    the original inside quoted target-language speech ('"did you write this kiến crazy
    motion?"') is a leftover like any other."""
    start, end = next((a, b) for a, b in cited if a < word.start < b)
    others = [w.norm for w in prose_words(text[start:end]) if w.start + start != word.start]
    plain = sum(1 for norm in others if (zipf(norm, target_lang) or 0.0) >= CITATION_PLAIN_ZIPF)
    return 2 * plain <= len(others)


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


def _adjacent(text: str, left: Word, right: Word) -> bool:
    return not text[left.end : right.start].strip(" \u00a0-‐")


def _in_name(words: Sequence[Word], k: int, text: str, source_text: str) -> bool:
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
