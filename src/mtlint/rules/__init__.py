"""The rule catalogue: importing the family modules registers their rules in `RULES`."""

from __future__ import annotations

from mtlint.rules import accuracy, fluency, numbers, residue  # noqa: F401 - registers rules
from mtlint.rules.registry import RULES, Rule, RuleContext

__all__ = ["RULES", "Rule", "RuleContext"]
