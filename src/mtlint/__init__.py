"""mtlint: find the artefacts of machine translation in an article and its original.

Public API: `check_pair` (strings), `check_files` (paths), `Report`, `Finding`, `Severity`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mtlint.model import Document, Finding, Severity
from mtlint.report.model import Report

if TYPE_CHECKING:
    from mtlint.glossary import Glossary

__version__ = "0.1.0"


def check_pair(
    source: str | None,
    target: str,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    reference: str | Sequence[str] | None = None,
    glossary: Glossary | None = None,
    fmt: str = "txt",
) -> Report:
    """Check a translation (and its original, when given) held in memory.

    `fmt` says how the strings are written: "txt", "md" or "html". A `reference` translation
    (or a list of them) adds sacrebleu BLEU, chrF++ and TER to `Report.scores["reference"]`;
    the reference-free quality score is always in `Report.scores["quality"]`. A `glossary`
    (`mtlint.glossary.load_glossary` / `parse_glossary`) turns on the terminology rules.
    """
    from mtlint.documents import document_from_text

    return _check(
        document_from_text(source, fmt=fmt) if source is not None else None,
        document_from_text(target, fmt=fmt),
        source_lang,
        target_lang,
        [document_from_text(ref, fmt=fmt) for ref in _references(reference)],
        glossary,
    )


def check_files(
    source: str | None,
    target: str,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    reference: str | Sequence[str] | None = None,
    glossary: Glossary | None = None,
) -> Report:
    """The file-based twin of `check_pair`: formats from extensions, encodings detected."""
    from mtlint.documents import load_document

    return _check(
        load_document(source) if source is not None else None,
        load_document(target),
        source_lang,
        target_lang,
        [load_document(ref) for ref in _references(reference)],
        glossary,
    )


def _check(
    source: Document | None,
    target: Document,
    source_lang: str | None,
    target_lang: str | None,
    reference: list[Document],
    glossary: Glossary | None,
) -> Report:
    from mtlint.engine import CheckOptions, check_documents
    from mtlint.langid import normalise_lang

    options = CheckOptions(
        source_lang=normalise_lang(source_lang) if source_lang else None,
        target_lang=normalise_lang(target_lang) if target_lang else None,
        glossary=glossary,
    )
    return check_documents(source, target, options, reference)


def _references(reference: str | Sequence[str] | None) -> list[str]:
    """One reference or several: a bare string is one reference, not a list of characters."""
    if reference is None:
        return []
    return [reference] if isinstance(reference, str) else list(reference)


__all__ = ["Finding", "Report", "Severity", "__version__", "check_files", "check_pair"]
