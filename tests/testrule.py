"""MT199, a test rule that flags every "FLAG" in the translation.

Suppression and baseline tests use it so that they do not depend on what the real rules find.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest

from mtlint.model import Span
from mtlint.rules import RULES
from mtlint.rules.registry import Issue, RuleContext

CODE = "MT199"


def flag_rule(ctx: RuleContext) -> Iterable[Issue]:
    """Flags every FLAG in the translation (a test rule).

    What it does: makes tests independent of the real rules.
    """
    text = ctx.target.text
    start = text.find("FLAG")
    while start >= 0:
        yield Issue("flag", (Span("target", start, start + 4),))
        start = text.find("FLAG", start + 1)


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register MT199 (major, like MT201) for the duration of one test."""
    monkeypatch.setitem(RULES, CODE, replace(RULES["MT201"], code=CODE, name="flag",
                                             func=flag_rule))
