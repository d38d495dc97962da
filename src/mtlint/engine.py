"""The pipeline: documents in, `Report` out. Pure apart from the loaders it is handed.

load → detect language → segment → align → check → score. Each stage is a pure function from
its own module; this module only wires them together, decides which rules run, and lets the
documents' suppression comments (`mtlint.suppress`) drop findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from mtlint.errors import ConfigError, InputError
from mtlint.glossary import EMPTY_GLOSSARY, Glossary
from mtlint.model import Bead, Document, Finding, Segment, Severity, Side
from mtlint.report.model import ReferenceSide, Report

if TYPE_CHECKING:
    from mtlint.rules.registry import RuleContext


@dataclass(frozen=True)
class CheckOptions:
    """What the user asked for; the defaults check everything with detected languages.

    `per_file_ignore` are the prefixes that `per-file-ignores` turns off for this pair: unlike
    `ignore`, they win over any `select`, however specific (as in ruff). `severity_weights`
    override the quality score's default weights; with `min_score`, the quality score carries
    a verdict.
    """

    source_lang: str | None = None
    target_lang: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity_overrides: tuple[tuple[str, Severity], ...] = ()
    per_file_ignore: tuple[str, ...] = ()
    severity_weights: tuple[tuple[Severity, float], ...] = ()
    min_score: float | None = None
    glossary: Glossary = EMPTY_GLOSSARY

    def rules(self) -> list[str]:
        """The codes of the rules to run on this pair."""
        dropped = self.per_file_ignore
        return [c for c in selected_rules(self.select, self.ignore) if not c.startswith(dropped)]


def selected_rules(select: Sequence[str], ignore: Sequence[str]) -> list[str]:
    """Rule codes enabled by select/ignore prefixes.

    As in ruff and flake8, the more specific prefix wins (`select MT102` beats `ignore MT1`);
    at equal specificity ignore wins. `ALL` is the least specific prefix; no select means ALL.
    """
    from mtlint.rules import RULES

    for prefix in (*select, *ignore):
        if prefix.upper() != "ALL" and not any(c.startswith(prefix.upper()) for c in RULES):
            raise ConfigError(f"no rule code starts with {prefix!r} (see 'mtlint rules')")

    def specificity(code: str, prefixes: Sequence[str]) -> int:
        lengths = [
            0 if p.upper() == "ALL" else len(p) for p in prefixes
            if p.upper() == "ALL" or code.startswith(p.upper())
        ]
        return max(lengths, default=-1)

    return [
        code for code in RULES
        if (specificity(code, select) if select else 0) > specificity(code, ignore)
    ]


@dataclass(frozen=True)
class Prepared:
    """A document with its effective language and its sentences."""

    doc: Document
    lang: str
    segments: tuple[Segment, ...]


def prepare(doc: Document, given_lang: str | None, role: str) -> Prepared:
    """Detect the language once per document, then segment with the effective language.

    The user's language wins; the detected one stays on `doc.lang` so a wrong-language rule can
    compare them.
    """
    from mtlint.langid import SUPPORTED_LANGS, detect_language
    from mtlint.segment import segment

    detected = detect_language(doc.text, expected=given_lang)
    if given_lang is None:
        if detected is None:
            raise InputError(
                f"{doc.path or role}: cannot tell the language of the {role}; "
                f"pass --{role}-lang"
            )
        if detected not in SUPPORTED_LANGS:
            raise InputError(f"{doc.path or role}: language {detected!r} is not supported")
    lang = given_lang or detected or "und"
    doc = doc.with_lang(detected) if detected else doc
    return Prepared(doc, lang, segment(doc, lang))


def check_documents(
    source: Document | None,
    target: Document,
    options: CheckOptions = CheckOptions(),
    reference: Document | Sequence[Document] | None = None,
) -> Report:
    """Run the whole pipeline on one pair (or a translation alone when `source` is None).

    Reference translations, when given, are aligned to the translation and scored against it
    (`scores["reference"]`); the findings always give the quality score (`scores["quality"]`).
    """
    from mtlint.align import align
    from mtlint.rules import RULES
    from mtlint.rules.registry import RuleContext

    tgt = prepare(target, options.target_lang, "target")
    src = prepare(source, options.source_lang, "source") if source is not None else None
    beads: tuple[Bead, ...] = ()
    if src is not None:
        beads = align(src.segments, tgt.segments, src_lang=src.lang, tgt_lang=tgt.lang)

    ctx = RuleContext(
        source=src.doc if src else None,
        target=tgt.doc,
        source_segments=src.segments if src else (),
        target_segments=tgt.segments,
        beads=beads,
        source_lang=src.lang if src else options.source_lang,
        target_lang=tgt.lang,
        expected_source_lang=options.source_lang,
        expected_target_lang=options.target_lang,
        glossary=options.glossary,
    )
    findings: list[Finding] = []
    skipped: list[str] = []
    ran: list[str] = []
    for code in options.rules():
        rule = RULES[code]
        if rule.needs_source and src is None:
            skipped.append(code)
            continue
        ran.append(code)
        findings.extend(rule.run(ctx))
    findings = list(override_severities(_suppress(findings, ctx, ran), dict(options.severity_overrides)))
    findings.sort(key=_finding_order)
    scores: dict[str, Any] = {"quality": _quality(findings, ctx, options)}
    given = [reference] if isinstance(reference, Document) else list(reference or ())
    references = _aligned_references(tgt, given)
    if references:
        scores["reference"] = _reference_scores(tgt, references)
    return Report(
        source=ctx.source,
        target=ctx.target,
        source_segments=ctx.source_segments,
        target_segments=ctx.target_segments,
        beads=beads,
        findings=tuple(findings),
        source_lang=ctx.source_lang,
        target_lang=ctx.target_lang,
        skipped_rules=tuple(skipped),
        scores=scores,
        references=references,
    )


def _quality(findings: list[Finding], ctx: RuleContext, options: CheckOptions) -> dict[str, Any]:
    """The reference-free quality score, with its verdict when a minimum score is set."""
    from mtlint.scoring import SEVERITY_WEIGHTS, quality_report

    weights = {**SEVERITY_WEIGHTS, **dict(options.severity_weights)}
    quality = quality_report(
        findings, ctx.source_segments, ctx.target_segments, ctx.beads, weights
    )
    if options.min_score is not None:
        quality["min_score"] = options.min_score
        quality["verdict"] = "pass" if quality["score"] >= options.min_score else "fail"
    return quality


def _aligned_references(
    tgt: Prepared, references: Sequence[Document]
) -> tuple[ReferenceSide, ...]:
    """Every reference segmented and aligned to the translation (the translation on the
    beads' `src` side); all are checked for their language before any is aligned."""
    from mtlint.align import align

    refs = [_prepare_reference(doc, tgt.lang) for doc in references]
    return tuple(
        ReferenceSide(
            ref.doc, ref.segments,
            align(tgt.segments, ref.segments, src_lang=tgt.lang, tgt_lang=tgt.lang),
        )
        for ref in refs
    )


def _reference_scores(tgt: Prepared, references: Sequence[ReferenceSide]) -> dict[str, Any]:
    """Each line and the whole scored against the aligned references."""
    return _scored_references(
        [s.text for s in tgt.segments], [[s.text for s in r.segments] for r in references],
        [r.beads for r in references], tgt.lang, [r.document for r in references],
    )


def _scored_references(
    hyp: Sequence[str],
    refs: Sequence[Sequence[str]],
    alignments: Sequence[Sequence[Bead]],
    lang: str,
    references: Sequence[Document],
) -> dict[str, Any]:
    from mtlint.scoring import reference_scores

    paths = [doc.path or "<text>" for doc in references]
    scores = reference_scores(hyp, refs, alignments, lang)
    return {"path": ", ".join(paths), "paths": paths, **scores}


def _prepare_reference(reference: Document, lang: str) -> Prepared:
    """A reference segmented in the translation's language; a foreign one is an error (an
    empty one already is, when it is loaded).

    A reference in another language than the translation (a swapped file, the original given
    by mistake) would score near zero and mean nothing, so it stops the run instead of giving
    a figure; texts too short for the language to be judged are taken as given.
    """
    ref = prepare(reference, lang, "reference")
    _check_reference_lang(reference, ref.doc.lang, lang)
    return ref


def _check_reference_lang(reference: Document, detected: str | None, lang: str) -> None:
    from mtlint.rules.accuracy import MIN_DOCUMENT_LETTERS

    letters = sum(ch.isalpha() for ch in reference.text)
    if detected and detected != lang and letters >= MIN_DOCUMENT_LETTERS:
        raise InputError(
            f"{reference.path or 'reference'}: the reference looks like {detected!r}, but the "
            f"translation is {lang!r}; a reference must be in the translation's language"
        )


def score_translation(
    target: Document,
    references: Sequence[Document],
    target_lang: str | None = None,
    *,
    presegmented: bool = False,
) -> dict[str, Any]:
    """Reference scores alone (`mtlint score`): no original, no rules.

    `presegmented` reads one sentence per line on every side. When every reference has as
    many lines as the translation, line i is paired with line i (exactly what sacrebleu does);
    otherwise blank lines are dropped, a reference with as many lines as the translation is
    still paired by position, and the others are aligned like sentences.
    """
    from mtlint.align import align_texts
    from mtlint.langid import detect_language

    if not references:
        raise InputError("expected at least one --reference")
    if not presegmented:
        tgt = prepare(target, target_lang, "target")
        return {
            "translation": {"path": target.path, "lang": tgt.lang, "sentences": len(tgt.segments)},
            "reference": _reference_scores(tgt, _aligned_references(tgt, references)),
        }
    lines = split_lines(target.raw)
    ref_lines = [split_lines(doc.raw) for doc in references]
    by_position = all(len(r) == len(lines) for r in ref_lines)
    hyp = lines if by_position else _non_blank(lines)
    lang = target_lang or detect_language(target.raw)
    if lang is None:
        raise InputError(
            f"{target.path or 'target'}: cannot tell the language of the translation; "
            "pass --target-lang"
        )
    ref_texts, alignments = [], []
    for doc, ref in zip(references, ref_lines):
        _check_reference_lang(doc, detect_language(doc.raw), lang)
        ref = ref if by_position else _non_blank(ref)
        beads: Sequence[Bead]
        if len(ref) == len(hyp):
            beads = [Bead((i,), (i,), 0.0, 1.0) for i in range(len(hyp))]
        else:
            beads = align_texts(hyp, ref, src_lang=lang, tgt_lang=lang)
        ref_texts.append(ref)
        alignments.append(beads)
    return {
        "translation": {"path": target.path, "lang": lang, "sentences": len(hyp)},
        "reference": _scored_references(hyp, ref_texts, alignments, lang, references),
    }


def split_lines(text: str) -> list[str]:
    """One sentence per line (presegmented input): a final newline ends the last line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def _non_blank(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip()]


def add_findings(report: Report, findings: Iterable[Finding], options: CheckOptions) -> Report:
    """`report` with findings made outside the pair check (the repository walk), in order."""
    merged = [*report.findings, *override_severities(findings, dict(options.severity_overrides))]
    merged.sort(key=_finding_order)
    return replace(report, findings=tuple(merged))


def _suppress(findings: list[Finding], ctx: RuleContext, ran: list[str]) -> list[Finding]:
    """Apply the documents' suppression comments; report the unused ones when MT903 runs."""
    from mtlint.rules import RULES
    from mtlint.suppress import apply_directives

    docs: dict[Side, Document] = {"target": ctx.target}
    if ctx.source is not None:
        docs["source"] = ctx.source
    outcome = apply_directives(findings, docs, ran)
    unused = [RULES["MT903"].finding(issue) for issue in outcome.unused] if "MT903" in ran else []
    return [*outcome.findings, *unused]


def override_severities(
    findings: Iterable[Finding], overrides: dict[str, Severity]
) -> Iterable[Finding]:
    """The findings with the severities the configuration sets per rule."""
    for finding in findings:
        severity = overrides.get(finding.code)
        yield finding if severity is None else replace(finding, severity=severity)


def _finding_order(finding: Finding) -> tuple[int, int, str]:
    """Report order: by target position, source-only findings after, then by code."""
    span = next((s for s in finding.spans if s.side == "target"), None)
    if span is not None:
        return (0, span.start, finding.code)
    first = finding.spans[0].start if finding.spans else 0
    return (1, first, finding.code)
