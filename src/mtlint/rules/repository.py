"""Project rules (MT9xx): findings about a repository of articles, not one article's prose.

These rules cannot be computed from one document pair: a missing or orphan translation is found
by the repository walk (`mtlint.repository`), an unused suppression comment by the suppression
pass (`mtlint.suppress`) after every other rule has run. They are registered like any rule, so
that `select`, `ignore`, `per-file-ignores`, severity overrides, `mtlint rules` and
`mtlint explain` treat them alike; their functions find nothing in a single pair.
"""

from __future__ import annotations

from collections.abc import Iterable

from mtlint.model import Severity
from mtlint.rules.registry import Issue, RuleContext, rule


@rule("MT901", "missing-translation", "Accuracy/Omission", Severity.MAJOR)
def missing_translation(ctx: RuleContext) -> Iterable[Issue]:
    """An original in the repository has no translation where the `pairs` pattern expects one.

    What it does: in repository mode (`mtlint check` with no file arguments), every file that
    matches a pair's `source` pattern must have a file at its `target` pattern, for each
    translation language (the configured `target-lang`, or every language directory found). The
    finding points at the original.

    Why it matters: a story that was never translated, or whose translation was renamed, is the
    largest omission there is, and nothing else in the check would notice it.

    Example: `content/vi/flood-relief.md` exists, `content/en/flood-relief.md` does not.
    """
    return ()


@rule("MT902", "orphan-translation", "Design/Residue", Severity.MINOR)
def orphan_translation(ctx: RuleContext) -> Iterable[Issue]:
    """A translation in the repository has no original where the `pairs` pattern expects one.

    What it does: in repository mode, a file that matches a pair's `target` pattern but has no
    file at the matching `source` path is reported, and then checked on its own (the rules that
    need the original are skipped).

    Why it matters: an orphan is usually left over from a renamed or deleted original and goes
    stale unnoticed; it cannot be compared with anything.

    Example: `content/en/old-title.md` exists, `content/vi/old-title.md` does not.
    """
    return ()


@rule("MT903", "unused-suppression", "Design/Residue", Severity.MINOR)
def unused_suppression(ctx: RuleContext) -> Iterable[Issue]:
    """A suppression comment that suppressed nothing, or that mtlint cannot read.

    What it does: after every other rule has run, reports each `<!-- mtlint: ignore … -->` and
    `<!-- mtlint: disable … -->` comment that hid no finding, and each `<!-- mtlint: … -->`
    comment whose directive is not `ignore`, `disable` or `enable`. A directive naming only
    rules that did not run (not selected, or needing an original that was not given) is left
    alone. This finding cannot itself be suppressed by a comment; use `ignore` or
    `per-file-ignores` in the configuration.

    Why it matters: a stale suppression hides the next real problem at the same place, and a
    misspelt one ("mtlint: ingore") silently suppresses nothing.

    Example: `<!-- mtlint: ignore MT201 -->` above a paragraph that has no duplicated phrase.
    """
    return ()
