"""The rule catalogue: importing the family modules registers their rules in `RULES`."""

from __future__ import annotations

from mtlint.rules import (  # noqa: F401 - registers rules
    accuracy,
    encoding,
    entities,
    fluency,
    gaps,
    numbers,
    punctuation,
    repository,
    residue,
    terminology,
)
from mtlint.rules.registry import RULES, Rule, RuleContext

__all__ = ["RULES", "Rule", "RuleContext"]
