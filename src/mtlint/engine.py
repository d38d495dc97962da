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
from mtlint.model import Bead, Document, Finding, Segment, Severity, Side
from mtlint.report.model import Report

if TYPE_CHECKING:
    from mtlint.rules.registry import RuleContext


@dataclass(frozen=True)
class CheckOptions:
    """What the user asked for; the defaults check everything with detected languages.

    `per_file_ignore` are the prefixes that `per-file-ignores` turns off for this pair: unlike
    `ignore`, they win over any `select`, however specific (as in ruff).
    """

    source_lang: str | None = None
    target_lang: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity_overrides: tuple[tuple[str, Severity], ...] = ()
    per_file_ignore: tuple[str, ...] = ()

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

    detected = detect_language(doc.text)
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
    reference: Document | None = None,
) -> Report:
    """Run the whole pipeline on one pair (or a translation alone when `source` is None).

    A `reference` translation, when given, is aligned to the translation and scored against it.
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
    findings = list(_override(_suppress(findings, ctx, ran), dict(options.severity_overrides)))
    findings.sort(key=_finding_order)
    scores: dict[str, Any] = {}
    if reference is not None:
        scores["reference"] = _reference_scores(tgt, reference)
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
    )


def _reference_scores(tgt: Prepared, reference: Document) -> dict[str, Any]:
    """Align the reference to the translation, then score each aligned pair and the whole."""
    from mtlint.align import align
    from mtlint.scoring import paired_texts, reference_scores

    ref = prepare(reference, tgt.lang, "reference")
    beads = align(tgt.segments, ref.segments, src_lang=tgt.lang, tgt_lang=tgt.lang)
    hyps, refs = paired_texts(beads, tgt.segments, ref.segments)
    return {"path": reference.path, **reference_scores(hyps, refs, tgt.lang)}


def add_findings(report: Report, findings: Iterable[Finding], options: CheckOptions) -> Report:
    """`report` with findings made outside the pair check (the repository walk), in order."""
    merged = [*report.findings, *_override(findings, dict(options.severity_overrides))]
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


def _override(findings: Iterable[Finding], overrides: dict[str, Severity]) -> Iterable[Finding]:
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
