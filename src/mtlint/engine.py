"""The pipeline: documents in, `Report` out. Pure apart from the loaders it is handed.

load → detect language → segment → align → check → score. Each stage is a pure function from
its own module; this module only wires them together and decides which rules run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from mtlint.errors import ConfigError, InputError
from mtlint.model import Bead, Document, Finding, Segment, Severity
from mtlint.report.model import Report


@dataclass(frozen=True)
class CheckOptions:
    """What the user asked for; the defaults check everything with detected languages."""

    source_lang: str | None = None
    target_lang: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity_overrides: tuple[tuple[str, Severity], ...] = ()


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
    source: Document | None, target: Document, options: CheckOptions = CheckOptions()
) -> Report:
    """Run the whole pipeline on one pair (or a translation alone when `source` is None)."""
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
    overrides = dict(options.severity_overrides)
    findings: list[Finding] = []
    skipped: list[str] = []
    for code in selected_rules(options.select, options.ignore):
        rule = RULES[code]
        if rule.needs_source and src is None:
            skipped.append(code)
            continue
        findings.extend(_override(rule.run(ctx), overrides))
    findings.sort(key=_finding_order)
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
    )


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
