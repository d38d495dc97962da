"""The one place where rules are declared: code, name, MQM category, severity, inputs, docs.

A rule is a pure function `RuleContext -> Iterable[Issue]`; the registry wraps each `Issue` into
a `Finding` with the rule's metadata, so no rule repeats its own code or category.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from mtlint.glossary import EMPTY_GLOSSARY, Glossary
from mtlint.model import Bead, Document, Finding, Segment, Severity, Span

T = TypeVar("T")

_CODE_RE = re.compile(r"^MT[1-9][0-9]{2}$")


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may look at; built once per document pair."""

    source: Document | None
    target: Document
    source_segments: tuple[Segment, ...]
    target_segments: tuple[Segment, ...]
    beads: tuple[Bead, ...]
    source_lang: str | None
    target_lang: str
    expected_target_lang: str | None = None
    expected_source_lang: str | None = None
    #: Required translations and do-not-translate terms (`--glossary`); empty by default.
    glossary: Glossary = EMPTY_GLOSSARY
    #: Work that several rules share, by the function that computes it (see `shared`).
    _shared: dict[Callable[[RuleContext], Any], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def shared(self, compute: Callable[[RuleContext], T]) -> T:
        """`compute(self)`, computed by the first rule that asks and kept with the context for
        the others (MT101 and MT102 read one analysis of the sentences). Kept here, not in a
        cache keyed by the context: hashing a context hashes both documents and every
        segment, which costs more than a short pair's whole analysis."""
        try:
            return self._shared[compute]  # type: ignore[no-any-return]
        except KeyError:
            value = self._shared[compute] = compute(self)
            return value

    @cached_property
    def target_to_bead(self) -> dict[int, Bead]:
        """Bead holding each target segment index."""
        return {j: bead for bead in self.beads for j in bead.tgt}

    @cached_property
    def source_to_bead(self) -> dict[int, Bead]:
        """Bead holding each source segment index."""
        return {i: bead for bead in self.beads for i in bead.src}


@dataclass(frozen=True, slots=True)
class Issue:
    """What a rule reports; severity None means the rule's default."""

    message: str
    spans: tuple[Span, ...]
    severity: Severity | None = None
    suggestion: str | None = None


RuleFunc = Callable[[RuleContext], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    needs_source: bool
    func: RuleFunc

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        """The docstring's first paragraph on one line (it may wrap in the source)."""
        return " ".join(self.doc.split("\n\n", 1)[0].split())

    def run(self, ctx: RuleContext) -> list[Finding]:
        return [self.finding(issue) for issue in self.func(ctx)]

    def finding(self, issue: Issue) -> Finding:
        """The `Finding` for one issue of this rule (also for issues found outside `run`)."""
        return Finding(
            code=self.code,
            name=self.name,
            severity=issue.severity or self.severity,
            category=self.category,
            message=issue.message,
            spans=issue.spans,
            suggestion=issue.suggestion,
        )


RULES: dict[str, Rule] = {}

#: Rule name → artefact family, for evaluation: a finding of another rule of the same family
#: still finds the artefact (an added sentence reported as scraping residue, a stray token in a
#: sentence reported as untranslated). Used by the corpora tests and the benchmarks.
FAMILIES: dict[str, str] = {
    "untranslated-sentence": "untranslated",
    "stray-source-token": "untranslated",
    "wrong-language": "untranslated",
    "omitted-sentence": "omission",
    "length-ratio-outlier": "omission",
    "missing-translation": "omission",
    "added-sentence": "addition",
    "scraping-residue": "addition",
    "orphan-translation": "addition",
    "number-mismatch": "number",
    "entity-mismatch": "entity",
    "duplicated-phrase": "duplication",
    "broken-sentence-boundary": "boundary",
    "punctuation": "punctuation",
    "encoding": "encoding",
    "glossary-term": "terminology",
    "do-not-translate": "terminology",
    "unused-suppression": "suppression",
}


def rule(
    code: str, name: str, category: str, severity: Severity, *, needs_source: bool = False
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under `code`; codes and names must be unique."""

    def register(func: RuleFunc) -> RuleFunc:
        if not _CODE_RE.match(code):
            raise ValueError(f"bad rule code {code!r}")
        if code in RULES or any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule {code} {name} registered twice")
        if not func.__doc__:
            raise ValueError(f"rule {code} needs a docstring")
        RULES[code] = Rule(code, name, category, severity, needs_source, func)
        return func

    return register
