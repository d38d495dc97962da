"""Sentence-pair mode: check one already aligned source/target sentence pair, fast.

A corpus of crawled sentence pairs is not a set of articles: there is nothing to align and no
article context, and there are millions of pairs, so the per-pair path is kept to the minimum.
Each side becomes a one-paragraph document that is segmented (a "sentence" may still hold two,
which is how a cut sentence shows), both sides form a single bead, and the rules run on that
`RuleContext` as on an article. Rules that need an article context (omitted and added
sentences, length-ratio outliers, the repository rules) are skipped. The languages are fixed
for the whole corpus, so nothing is detected per pair, except that a target long enough for
the wrong-language rule (MT106) to judge, and whose words mostly look foreign to the target
language, is given to the language detector, for that rule: the detector is the expensive
part, so only such suspects see it.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from mtlint.engine import CheckOptions, override_severities
from mtlint.glossary import EMPTY_GLOSSARY, Glossary
from mtlint.model import Bead, Finding, Severity

if TYPE_CHECKING:
    from mtlint.rules.registry import RuleContext

#: Rules that need a whole article (or a repository) and find nothing in one sentence pair:
#: omitted and added sentences, the repository rules, and length-ratio outliers (MT108 learns
#: the article's ratio from at least `MIN_ESTIMATE_BEADS` sentences; a pair is one bead).
ARTICLE_RULES = frozenset({"MT103", "MT104", "MT108", "MT901", "MT902", "MT903"})
#: The one rule that reads the target's detected language (`Document.lang`). The target is
#: judged only if it runs, and just before it.
WRONG_LANGUAGE_RULE = "MT106"
#: The rules whose shared analysis of the target's words (`loud_sentences`) settles most
#: targets before MT106's own screen looks their words up.
ANALYSING_RULES = frozenset({"MT101", "MT102"})
#: A target needs this many letters before its language is worth judging (MT106's threshold).
JUDGED_LETTERS = 60
#: Share of a target's lowercase words that must look foreign before the detector is asked.
SUSPECT_SHARE = 0.5
#: Lowercase words looked up: the first dozen tell a sentence's language as well as all do.
SAMPLE_WORDS = 12
#: A word with a target Zipf frequency below this looks foreign to the target language.
UNKNOWN_ZIPF = 2.5


@dataclass(frozen=True)
class PairSetup:
    """Everything the per-pair check needs, fixed for a corpus (and cheap to pickle)."""

    source_lang: str
    target_lang: str
    codes: tuple[str, ...]
    skipped: tuple[str, ...]
    fail_on: Severity
    min_score: float | None = None
    glossary: Glossary = EMPTY_GLOSSARY
    severities: tuple[tuple[str, Severity], ...] = ()
    weights: tuple[tuple[Severity, float], ...] = ()

    @cached_property
    def weight_map(self) -> dict[Severity, float]:
        """The score's severity weights: the defaults, with the configured ones over them."""
        from mtlint.scoring import SEVERITY_WEIGHTS

        return {**SEVERITY_WEIGHTS, **dict(self.weights)}


def pair_setup(
    options: CheckOptions, fail_on: Severity, min_score: float | None = None
) -> PairSetup:
    """Choose the rules once: the selected ones minus those that need an article."""
    if options.source_lang is None or options.target_lang is None:
        raise ValueError("sentence-pair mode needs both languages")
    selected = options.rules()
    return PairSetup(
        source_lang=options.source_lang,
        target_lang=options.target_lang,
        codes=tuple(c for c in selected if c not in ARTICLE_RULES),
        skipped=tuple(c for c in selected if c in ARTICLE_RULES),
        fail_on=fail_on,
        min_score=min_score,
        glossary=options.glossary,
        severities=options.severity_overrides,
        weights=options.severity_weights,
    )


@dataclass(frozen=True)
class PairResult:
    """A checked pair; `fields` are the members of its JSONL line after the id, already
    serialised (`"score":…,"words":…,"findings":[…]`): most pairs have no findings, and their
    line is written without the JSON encoder."""

    findings: tuple[Finding, ...]
    words: int
    score: float
    fields: str

    def keep(self, setup: PairSetup) -> bool:
        """The filter's verdict: the score decides when --min-score is given, else any
        finding at or above --fail-on drops the pair."""
        if setup.min_score is not None:
            return self.score >= setup.min_score
        return not any(f.severity.rank >= setup.fail_on.rank for f in self.findings)


def check_sentence_pair(source: str, target: str, setup: PairSetup) -> PairResult:
    """Findings and quality score of one aligned pair; raises InputError for a side with no
    letters."""
    result = check_sentence_pairs([(source, target)], setup)[0]
    if isinstance(result, Exception):
        raise result
    return result


def check_sentence_pairs(
    pairs: Sequence[tuple[str, str]], setup: PairSetup
) -> list[PairResult | Exception]:
    """`check_sentence_pair` of each pair of a chunk, or the exception that pair raised.

    The chunk is checked stage by stage and rule by rule, each over every pair, not pair by
    pair: a short pair touches so little data that running all the rules' code on it in turn
    spends more time fetching that code and its tables into the processor's caches than
    checking; one rule over a few hundred pairs in a row keeps them warm (a quarter less time
    per pair). The findings are the same, in the same order: each pair's rules still run in
    registry order.
    """
    stages = _stages()
    _load_tables(setup.source_lang, setup.target_lang)
    outcomes: list[PairResult | Exception] = []
    checked: list[tuple[int, RuleContext, list[Finding]]] = []
    for k, (source, target) in enumerate(pairs):
        try:
            ctx = _context(source, target, setup, stages)
        except Exception as exc:  # noqa: BLE001 - the pair's outcome, reported by the caller
            outcomes.append(exc)
            continue
        outcomes.append(_UNFINISHED)
        checked.append((k, ctx, []))
    analysed = not ANALYSING_RULES.isdisjoint(setup.codes)
    for rule in stages.rules(setup.codes):
        judged = rule.code == WRONG_LANGUAGE_RULE
        for k, ctx, findings in checked:
            if outcomes[k] is not _UNFINISHED:
                continue  # an earlier rule failed on this pair
            try:
                rule_ctx = (
                    _language_judged(ctx, setup.target_lang, stages, analysed) if judged else ctx
                )
                # `Rule.run` without its list per rule: most rules find nothing in most pairs.
                for issue in rule.func(rule_ctx):
                    findings.append(rule.finding(issue))
            except Exception as exc:  # noqa: BLE001 - as above
                outcomes[k] = exc
    for k, ctx, findings in checked:
        if outcomes[k] is _UNFINISHED:
            outcomes[k] = _result(ctx, findings, setup, stages)
    return outcomes


#: The outcome of a pair still being checked.
_UNFINISHED = Exception("unfinished")


def _context(source: str, target: str, setup: PairSetup, stages: SimpleNamespace) -> RuleContext:
    """The pair as the rules see it: one document a side, segmented, in one bead."""
    src_doc = stages.document_from_text(source)
    tgt_doc = stages.document_from_text(target)
    src_segments = stages.segment(src_doc, setup.source_lang)
    tgt_segments = stages.segment(tgt_doc, setup.target_lang)
    return stages.RuleContext(
        source=src_doc,
        target=tgt_doc,
        source_segments=src_segments,
        target_segments=tgt_segments,
        beads=(_one_bead(len(src_segments), len(tgt_segments)),),
        source_lang=setup.source_lang,
        target_lang=setup.target_lang,
        expected_source_lang=setup.source_lang,
        expected_target_lang=setup.target_lang,
        glossary=setup.glossary,
    )


def _result(
    ctx: RuleContext, findings: list[Finding], setup: PairSetup, stages: SimpleNamespace
) -> PairResult:
    if setup.severities and findings:
        findings = list(override_severities(findings, dict(setup.severities)))
    words = stages.word_count(ctx.target.text)
    score = stages.quality_score(findings, words, setup.weight_map) if findings else stages.clean
    listed = "[]"
    if findings:
        findings.sort(key=_target_first)
        report = stages.Report(
            source=ctx.source, target=ctx.target, source_segments=ctx.source_segments,
            target_segments=ctx.target_segments, beads=ctx.beads, findings=tuple(findings),
            source_lang=setup.source_lang, target_lang=setup.target_lang,
        )
        listed = json.dumps(report.to_dict()["findings"], ensure_ascii=False,
                            separators=(",", ":"))
    # A score is a finite float, which JSON writes as its repr.
    fields = f'"score":{score!r},"words":{words},"findings":{listed}'
    return PairResult(tuple(findings), words, score, fields)


@lru_cache(maxsize=1)
def _stages() -> SimpleNamespace:
    """The pipeline's functions, imported on first use (the rules pull in the heavy modules)
    and then looked up once, not on every pair."""
    from mtlint.documents import document_from_text
    from mtlint.langid import detect_language
    from mtlint.lexicon import token_pattern
    from mtlint.report.model import Report
    from mtlint.rules import RULES
    from mtlint.rules.accuracy import loud_sentences
    from mtlint.rules.registry import RuleContext
    from mtlint.rules.residue import word_count
    from mtlint.scoring import quality_score
    from mtlint.segment import segment

    @lru_cache(maxsize=64)
    def rules(codes: tuple[str, ...]) -> tuple[Any, ...]:
        return tuple(RULES[code] for code in codes)

    return SimpleNamespace(
        document_from_text=document_from_text, Report=Report, rules=rules,
        RuleContext=RuleContext, word_count=word_count, quality_score=quality_score,
        segment=segment, detect_language=detect_language, token_pattern=token_pattern,
        loud_sentences=loud_sentences,
        # The score of a pair without findings (most pairs): the same at any length.
        clean=quality_score((), 1),
    )


@lru_cache(maxsize=64)
def _load_tables(source_lang: str, target_lang: str) -> None:
    """Load, before the first pair, what the rules otherwise load on the first pair that needs
    it: each language's word-frequency table and wordfreq's tokenizer, its number-word
    pattern, the target's commonest words (MT202) and rapidfuzz (the copy tests). Besides the
    tables, which the first pair loads anyway, some 50 ms per language pair: start-up, not
    the cost of whichever later pair happens to need them first.

    Then the collector is told to leave all of it alone (`gc.freeze`): wordfreq keeps each
    table as lists of hundreds of thousands of words for the life of the process, and every
    full collection would walk them again (some 5 ms each, several per thousand pairs).
    """
    import rapidfuzz.fuzz  # noqa: F401  (imported for its side effect: loaded now)

    from mtlint.lexicon import load_frequencies
    from mtlint.numbers import extract_number_words
    from mtlint.rules.fluency import common_words

    for lang in (source_lang, target_lang):
        load_frequencies(lang)
        extract_number_words("", lang)
    common_words(target_lang)
    gc.freeze()


@lru_cache(maxsize=256)
def _one_bead(sources: int, targets: int) -> Bead:
    """The pair is aligned by construction: all its source sentences to all its target ones.
    One bead per shape, shared (beads are frozen): most pairs are one sentence a side."""
    return Bead(tuple(range(sources)), tuple(range(targets)), 0.0, 1.0)


def _target_first(finding: Finding) -> tuple[int, int, str]:
    span = finding.primary
    return (0 if span is not None and span.side == "target" else 1,
            span.start if span else 0, finding.code)


def _language_judged(
    ctx: RuleContext, lang: str, stages: SimpleNamespace, analysed: bool
) -> RuleContext:
    """`ctx` with the target's detected language, when it is a suspect (see below).

    When MT101 or MT102 ran (`analysed`), their analysis answers first: a target without a
    loud sentence has no lowercase word foreign to `lang`, so no suspect word at all.
    """
    if analysed and not stages.loud_sentences(ctx):
        return ctx
    detected = _suspect_language(ctx.target.text, lang, stages)
    if detected is None:
        return ctx
    return replace(ctx, target=ctx.target.with_lang(detected))


def _suspect_language(text: str, lang: str, stages: SimpleNamespace) -> str | None:
    """The detected language of a target that might not be in `lang`, else None.

    Cheap evidence first: a target shorter than MT106 would judge, or whose first
    `SAMPLE_WORDS` lowercase words are mostly known to the target language's frequency list
    (or written in its script), is not a suspect and costs no detection. Words are read one by
    one and the reading stops once more than half of any sample could be known: most targets
    are settled by their first few words. Letters are counted last: few targets get so far.
    """
    if len(text) < JUDGED_LETTERS:
        return None
    sampled = known = 0
    for match in stages.token_pattern(text).finditer(text):
        word = match.group()
        if not word.islower():
            continue
        sampled += 1
        known += not _unknown_to(word, lang)
        if known > SUSPECT_SHARE * SAMPLE_WORDS or sampled == SAMPLE_WORDS:
            break  # more than half of the largest sample is known, or the sample is complete
    if not sampled or known > SUSPECT_SHARE * sampled:
        return None
    if sum(map(str.isalpha, text)) < JUDGED_LETTERS:
        return None
    return stages.detect_language(text)


@lru_cache(maxsize=65536)
def _unknown_to(word: str, lang: str) -> bool:
    """Whether a lowercase word looks foreign to `lang`: another script, or rare in its
    frequency list. Cached: a corpus repeats its words."""
    from mtlint.lexicon import ascii_zipf, has_frequencies, lang_scripts, normalise, script, zipf

    norm = normalise(word)
    if script(norm) not in lang_scripts(lang):
        return True
    lookup = ascii_zipf if norm.isascii() and norm.isalpha() else zipf  # a-z: a table lookup
    return has_frequencies(lang) and (lookup(norm, lang) or 0.0) < UNKNOWN_ZIPF
