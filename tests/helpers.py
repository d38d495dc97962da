"""Small builders for unit tests that need documents and segments without the loaders."""

from __future__ import annotations

from mtlint.model import Bead, Block, Document, Segment
from mtlint.rules.registry import RuleContext


def plain_document(text: str, lang: str | None = None) -> Document:
    """A document whose prose view is its raw text (blank line = new block)."""
    blocks = []
    pos = 0
    for part in text.split("\n\n"):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            blocks.append(Block("paragraph", pos + lead, pos + len(part.rstrip())))
        pos += len(part) + 2
    return Document(
        raw=text,
        text=text,
        offsets=tuple(range(len(text) + 1)),
        blocks=tuple(blocks),
        fmt="txt",
        lang=lang,
    )


def line_segments(doc: Document) -> tuple[Segment, ...]:
    """One segment per non-empty line: lets a test fix sentence boundaries by hand."""
    segments = []
    pos = 0
    block = 0
    for line in doc.text.split("\n"):
        if not line.strip():
            if segments:
                block += 1
        else:
            segments.append(Segment(len(segments), line, pos, pos + len(line), block))
        pos += len(line) + 1
    return tuple(segments)


def one_to_one(n: int) -> tuple[Bead, ...]:
    return tuple(Bead((i,), (i,), 0.0, 1.0) for i in range(n))


def line_context(
    target: str,
    lang: str = "en",
    source: str | None = None,
    source_lang: str | None = None,
    beads: tuple[Bead, ...] | None = None,
) -> RuleContext:
    """A rule context with one segment per line; 1-1 beads when an original is given."""
    tgt = plain_document(target, lang)
    src = plain_document(source, source_lang) if source is not None else None
    tgt_segments = line_segments(tgt)
    src_segments = line_segments(src) if src is not None else ()
    if src is not None and beads is None:
        assert len(src_segments) == len(tgt_segments)
        beads = one_to_one(len(tgt_segments))
    return RuleContext(
        source=src,
        target=tgt,
        source_segments=src_segments,
        target_segments=tgt_segments,
        beads=beads or (),
        source_lang=source_lang,
        target_lang=lang,
    )
