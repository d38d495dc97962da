"""Loaders: turn a file (or a string) into a `Document` whose prose view maps back to the file.

Every character of the prose view remembers the raw character it came from, so a finding
computed on prose can point at the user's line and column. Markup never reaches the prose view:
Markdown delimiters, HTML tags, navigation and other page furniture are dropped, entities are
decoded (each decoded character maps to the `&` that started the entity), and inline code or
autolinks become one `CODE_PLACEHOLDER` mapped to where the span starts.

Block kinds: "title", "heading", "paragraph", "list_item", "quote", "caption", "cell".
Markdown images are dropped (their alt text is a label, rarely translated prose); HTML `<pre>`
is dropped like fenced code.

HTML comments (in Markdown outside code, and in HTML) never reach the prose view either; those
that are `<!-- mtlint: … -->` suppression directives are kept on `Document.directives` with their
raw offsets (`mtlint.suppress` reads and applies them).
"""

from __future__ import annotations

import codecs
import html
import os
import re
import sys
from functools import cache, lru_cache
from html.entities import html5
from html.parser import HTMLParser
from itertools import chain
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, Sequence

from mtlint.errors import ConfigError, InputError
from mtlint.model import CODE_PLACEHOLDER, Block, Document
from mtlint.suppress import parse_directive

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: Files larger than this many bytes are refused before decoding.
MAX_BYTES = 20 * 1024 * 1024

_FORMATS = {
    "txt": "txt", "text": "txt",
    "md": "md", "markdown": "md",
    "html": "html", "htm": "html", "xhtml": "html",
}
_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.05
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_SPACE = frozenset(" \t\n\r\f\v")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_HTML_SNIFF = re.compile(
    r"<(?:!doctype\s+html|html|head|body|title|meta|div|p|h[1-6]|article|main|section|span|a)\b",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|([A-Za-z][A-Za-z0-9]{1,31}));?")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


class _Comment(NamedTuple):
    """An HTML comment: its inner text and the raw span [start, end) of the whole comment."""

    text: str
    start: int
    end: int


class _Chunk(NamedTuple):
    """One block of prose before whitespace is normalised: characters and their raw offsets."""

    kind: str
    chars: list[str]
    offsets: list[int]


# --------------------------------------------------------------------------- reading, decoding


def load_document(path: str, *, fmt: str | None = None, stdin: BinaryIO | None = None) -> Document:
    """Read, decode and parse one article; `path == "-"` reads standard input."""
    name = "<stdin>" if path == "-" else path
    data = _read(path, stdin, name)
    text, encoding = decode(data, name=name)
    if fmt is None:
        ext = "" if path == "-" else os.path.splitext(path)[1].lower().lstrip(".")
        fmt = _FORMATS.get(ext) or ("html" if _looks_like_html(text) else "txt")
    return _parse(text, _format(fmt), path=name, encoding=encoding)


def document_from_text(text: str, *, fmt: str = "txt", path: str | None = None) -> Document:
    """Parse an already decoded string exactly as a file of that format would be parsed."""
    return _parse(text, _format(fmt), path=path, encoding="utf-8")


def decode(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Decode file bytes; return the text (without BOM) and the encoding's name.

    Strict UTF-8 is tried first because it is by far the most common and almost never decodes
    legacy bytes by accident; statistical detection only runs when it fails.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError:
                raise InputError(f"{name}: not valid {encoding} despite its byte-order mark") from None
            return _reject_binary(text, name), encoding
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (contains NUL bytes)")
    try:
        return _reject_binary(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot decode (not UTF-8, and no other encoding fits)")
    encoding = codecs.lookup(best.encoding).name
    return _reject_binary(data.decode(encoding), name), encoding


def _read(path: str, stdin: BinaryIO | None, name: str) -> bytes:
    if path == "-":
        data = (stdin if stdin is not None else sys.stdin.buffer).read(MAX_BYTES + 1)
    elif os.path.isdir(path):
        raise InputError(f"{name}: is a directory, not a file")
    else:
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except PermissionError:
            raise InputError(f"{name}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: too large (more than {MAX_BYTES:,} bytes)")
    return data


def _reject_binary(text: str, name: str) -> str:
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_RATIO * len(text):
        raise InputError(f"{name}: looks like a binary file (mostly control characters)")
    return text


def _format(fmt: str) -> str:
    try:
        return _FORMATS[fmt.lower().lstrip(".")]
    except KeyError:
        raise ConfigError(f"unknown format {fmt!r} (expected txt, md or html)") from None


def _looks_like_html(text: str) -> bool:
    return text.lstrip().startswith("<") and _HTML_SNIFF.search(text, 0, 4096) is not None


def _parse(text: str, fmt: str, *, path: str | None, encoding: str) -> Document:
    name = path or "<text>"
    comments: list[_Comment] = []
    if fmt == "txt":
        prose, offsets, blocks = text, _identity_offsets(len(text)), _txt_blocks(text)
    else:
        chunks = _markdown_chunks(text, comments) if fmt == "md" else _html_chunks(text, comments)
        prose, offsets, blocks = _assemble(chunks)
    if not _LETTER.search(prose):
        raise InputError(f"{name}: contains no text")
    directives = tuple(d for c in comments if (d := parse_directive(*c)) is not None)
    return Document(
        raw=text, text=prose, offsets=offsets, blocks=blocks, fmt=fmt, path=path, encoding=encoding,
        directives=directives,
    )


#: Plain texts up to this many characters (nearly every sentence pair) share their offsets,
#: one tuple per length: building a tuple per document costs as much as the rest of a
#: one-sentence document. All the shared tuples together hold at most 1 MB of references.
_SHARED_OFFSETS_LENGTH = 512
_IDENTITY = tuple(range(_SHARED_OFFSETS_LENGTH + 1))


def _identity_offsets(length: int) -> tuple[int, ...]:
    """The offsets of a plain text of `length` characters: every position is its own."""
    if length <= _SHARED_OFFSETS_LENGTH:
        return _shared_offsets(length)
    return tuple(range(length + 1))


@cache
def _shared_offsets(length: int) -> tuple[int, ...]:
    """`_identity_offsets` of a short text: a slice of `_IDENTITY`, whose ints it shares."""
    return _IDENTITY[: length + 1]


# --------------------------------------------------------------------------- prose assembly


def _txt_blocks(text: str) -> tuple[Block, ...]:
    """Plain text keeps its raw text as prose; blank lines separate paragraphs.

    A blank line takes two line breaks, so text with fewer (every sentence pair, most short
    inputs) is one paragraph, found without the blank-line scan.
    """
    breaks = _BLANK_LINE.finditer(text) if text.count("\n") > 1 else ()
    blocks = []
    pos = 0
    for match in chain(breaks, [None]):
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        start, stop = pos + len(chunk) - len(chunk.lstrip()), pos + len(chunk.rstrip())
        if stop > start:
            blocks.append(Block("paragraph", start, stop))
        pos = match.end() if match else end
    return tuple(blocks)


def _assemble(chunks: Sequence[_Chunk]) -> tuple[str, tuple[int, ...], tuple[Block, ...]]:
    """Join chunks with blank lines, collapsing each whitespace run to one mapped space."""
    chars: list[str] = []
    offsets: list[int] = []
    blocks: list[Block] = []
    for chunk in chunks:
        body: list[str] = []
        body_offsets: list[int] = []
        pending = -1  # raw offset of a whitespace run not yet emitted
        for ch, off in zip(chunk.chars, chunk.offsets):
            if ch in _ASCII_SPACE:
                if pending < 0:
                    pending = off
                continue
            if pending >= 0 and body:
                body.append(" ")
                body_offsets.append(pending)
            pending = -1
            body.append(ch)
            body_offsets.append(off)
        if not body:
            continue
        if chars:
            after = offsets[-1] + 1
            chars += "\n\n"
            offsets += (after, after)
        blocks.append(Block(chunk.kind, len(chars), len(chars) + len(body)))
        chars += body
        offsets += body_offsets
    end = offsets[-1] + 1 if offsets else 0
    return "".join(chars), (*offsets, end), tuple(blocks)


def _decode_entities(text: str, start: int, out: _Chunk) -> None:
    """Append `text` (found at raw offset `start`), decoding entities onto their `&`."""
    pos = 0
    for match in _ENTITY.finditer(text):
        name = match.group(1)
        if name and not match.group().endswith(";") and name not in html5:
            continue  # a bare "&word" is text unless it is a legacy entity like "&amp"
        decoded = html.unescape(match.group())
        if decoded == match.group():
            continue
        out.chars.extend(text[pos:match.start()])
        out.offsets.extend(range(start + pos, start + match.start()))
        out.chars.extend(decoded)
        out.offsets.extend([start + match.start()] * len(decoded))
        pos = match.end()
    out.chars.extend(text[pos:])
    out.offsets.extend(range(start + pos, start + len(text)))


# --------------------------------------------------------------------------- Markdown


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _markdown_chunks(raw: str, comments: list[_Comment]) -> list[_Chunk]:
    """Block structure from markdown-it; inline markup is stripped by `_InlineWalker`.

    HTML comments outside code are appended to `comments`.
    """
    lines = raw.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    skip = _front_matter_lines(lines)
    tokens = _markdown().parse("\n" * skip + "\n".join(lines[skip:]))
    chunks: list[_Chunk] = []
    containers: list[str] = []
    kind = ""
    next_cell: dict[int, int] = {}  # table row line -> index of its next cell
    for tok in tokens:
        if tok.type in ("list_item_open", "blockquote_open"):
            containers.append("list_item" if tok.type == "list_item_open" else "quote")
        elif tok.type in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif tok.type == "heading_open":
            kind = "heading"
        elif tok.type == "paragraph_open":
            kind = containers[-1] if containers else "paragraph"
        elif tok.type in ("th_open", "td_open"):
            kind = "cell"
        elif tok.type == "html_block" and tok.map:
            first = starts[tok.map[0]]
            end = starts[tok.map[1]] if tok.map[1] < len(starts) else len(raw)
            comments.extend(
                _Comment(m.group(1), m.start(), m.end()) for m in _COMMENT.finditer(raw, first, end)
            )
        elif tok.type == "inline" and kind and tok.map:
            if kind == "cell":
                row = tok.map[0]
                index = next_cell[row] = next_cell.get(row, -1) + 1
                source, offsets = _table_cell(lines[row], starts[row], index, "quote" in containers)
            else:
                source, offsets = tok.content, _content_offsets(tok.content, tok.map[0], lines, starts)
            chunk = _Chunk(kind, [], [])
            _InlineWalker(source, offsets, chunk, comments).walk(tok.children or [])
            chunks.append(chunk)
            kind = ""
    return chunks


def _front_matter_lines(lines: list[str]) -> int:
    """Number of leading lines that are YAML (---) or TOML (+++) front matter."""
    fence = lines[0].rstrip() if lines else ""
    if fence not in ("---", "+++"):
        return 0
    closers = ("---", "...") if fence == "---" else ("+++",)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in closers:
            return i + 1
    return 0


def _content_offsets(content: str, first: int, lines: list[str], starts: list[int]) -> list[int]:
    """Raw offset of each character of an inline token's content.

    markdown-it strips container prefixes (`>`, bullets, indentation, `#`) from each line, so a
    content line is found again as its rightmost occurrence in its raw line.
    """
    offsets: list[int] = []
    for k, line in enumerate(content.split("\n")):
        i = min(first + k, len(lines) - 1)
        raw_line = lines[i]
        col = max(raw_line.rstrip().rfind(line.strip()), 0)
        lead = len(line) - len(line.lstrip())
        limit = starts[i] + len(raw_line)
        if k:
            offsets.append(starts[i] - 1)  # the raw "\n" that ends the previous line
        offsets.extend(min(starts[i] + col + max(j - lead, 0), limit) for j in range(len(line)))
    return offsets


def _table_cell(line: str, start: int, index: int, quoted: bool) -> tuple[str, list[int]]:
    """Raw text and offsets of cell `index` of a table row (markdown-it unescapes `\\|`)."""
    bounds = [m.start() for m in re.finditer(r"(?<!\\)\|", line)]
    first = len(line) - len(line.lstrip(" \t>" if quoted else " \t"))  # after any `>` markers
    if not bounds or bounds[0] != first:
        bounds.insert(0, first - 1)
    if line[bounds[-1] + 1 :].strip():
        bounds.append(len(line))
    if index + 1 >= len(bounds):
        return "", []
    a, b = bounds[index] + 1, bounds[index + 1]
    cell = line[a:b]
    a += len(cell) - len(cell.lstrip())
    b = a + len(cell.strip())
    return line[a:b], list(range(start + a, start + b))


class _InlineWalker:
    """Replays markdown-it's inline tokens over their source text to keep exact offsets.

    Inline tokens carry no positions, but they appear in source order: text is matched
    character by character (escapes and entities included), delimiters are skipped.
    """

    def __init__(
        self, source: str, offsets: list[int], out: _Chunk, comments: list[_Comment]
    ) -> None:
        self.s = source
        self.offsets = offsets
        self.out = out
        self.comments = comments
        self.p = 0

    def emit(self, ch: str, at: int) -> None:
        self.out.chars.append(ch)
        self.out.offsets.append(self.offsets[min(at, len(self.offsets) - 1)])

    def walk(self, children: Sequence[Token]) -> None:
        in_autolink = False
        for tok in children:
            if in_autolink:
                in_autolink = tok.type != "link_close"
            elif tok.type == "text":
                self.text(tok.content)
            elif tok.type in ("softbreak", "hardbreak"):
                self.line_break()
            elif tok.type == "code_inline":
                self.code_span(tok.markup)
            elif tok.type == "html_inline":
                self.html_inline(tok.content)
            elif tok.type == "image":
                self.p = self.skip_link_tail(self.skip_brackets(self.seek("!") + 1, "[", "]"))
            elif tok.type == "link_open" and tok.markup == "autolink":
                start = self.seek("<")
                self.emit(CODE_PLACEHOLDER, start)
                end = self.s.find(">", start)
                self.p = end + 1 if end >= 0 else start + 1
                in_autolink = True
            elif tok.type == "link_open":
                self.p = self.seek("[") + 1
            elif tok.type == "link_close":
                self.p = self.skip_link_tail(self.seek("]") + 1)
            elif tok.markup:  # emphasis, strong, strikethrough delimiters
                self.p = self.seek(tok.markup) + len(tok.markup)

    def seek(self, marker: str) -> int:
        """Where `marker` starts: normally right here; otherwise its next occurrence."""
        found = self.s.find(marker, self.p)
        return found if found >= 0 else self.p

    def text(self, content: str) -> None:
        s = self.s
        if s.startswith(content, self.p):  # the common case: no escapes, no entities
            self.out.chars.extend(content)
            self.out.offsets.extend(self.offsets[self.p : self.p + len(content)])
            self.p += len(content)
            return
        j = 0
        while j < len(content):
            ch, p = content[j], self.p
            if p >= len(s):
                self.emit(ch, p)
            elif s[p] == "\\" and s[p + 1 : p + 2] == ch:
                self.emit(ch, p + 1)
                self.p += 2
            elif s[p] == "&" and (decoded := self.entity_at(p)) and content.startswith(decoded[0], j):
                for c in decoded[0]:
                    self.emit(c, p)
                self.p = decoded[1]
                j += len(decoded[0])
                continue
            elif s[p] == ch or (ch.isspace() and s[p].isspace()):
                self.emit(ch, p)
                self.p += 1
            else:  # out of step: resynchronise on the next occurrence nearby
                found = s.find(ch, p, p + 16)
                self.emit(ch, found if found >= 0 else p)
                self.p = found + 1 if found >= 0 else p
            j += 1

    def entity_at(self, p: int) -> tuple[str, int] | None:
        match = _ENTITY.match(self.s, p)
        if not match or not match.group().endswith(";"):
            return None
        decoded = html.unescape(match.group())
        return (decoded, match.end()) if decoded != match.group() else None

    def line_break(self) -> None:
        newline = self.s.find("\n", self.p)
        if newline < 0:
            return
        self.emit(" ", newline)
        self.p = newline + 1
        while self.p < len(self.s) and self.s[self.p] in " \t":
            self.p += 1

    def code_span(self, ticks: str) -> None:
        start = self.seek(ticks)
        self.emit(CODE_PLACEHOLDER, start)
        pos = start + len(ticks)
        while (pos := self.s.find(ticks, pos)) >= 0:
            end = pos + len(ticks)
            if self.s[pos - 1] != "`" and self.s[end : end + 1] != "`":
                self.p = end
                return
            pos = end
        self.p = start + len(ticks)

    def html_inline(self, content: str) -> None:
        start = self.seek(content)
        if re.match(r"<br\b", content, re.IGNORECASE):
            self.emit(" ", start)
        elif comment := _COMMENT.fullmatch(content):
            last = min(start + len(content), len(self.offsets)) - 1
            self.comments.append(
                _Comment(comment.group(1), self.offsets[start], self.offsets[last] + 1)
            )
        self.p = start + len(content)

    def skip_link_tail(self, p: int) -> int:
        """Move past a link's `(destination "title")` or `[label]`, if any."""
        nxt = self.s[p : p + 1]
        if nxt == "(":
            return self.skip_brackets(p, "(", ")")
        if nxt == "[":
            return self.skip_brackets(p, "[", "]")
        return p

    def skip_brackets(self, p: int, open_: str, close: str) -> int:
        """Index after the bracket matching the one at `p` (escapes and titles respected)."""
        s = self.s
        depth, quote, q = 0, "", p
        while q < len(s):
            ch = s[q]
            if ch == "\\":
                q += 2
                continue
            if quote:
                quote = "" if ch == quote else quote
            elif open_ == "(" and ch in "\"'" and s[q - 1] in " \t\n":
                quote = ch
            elif ch == open_:
                depth += 1
            elif ch == close:
                depth -= 1
                if depth == 0:
                    return q + 1
            q += 1
        return p


# --------------------------------------------------------------------------- HTML

_BLOCK_KINDS = {
    "title": "title",
    **{f"h{n}": "heading" for n in range(1, 7)},
    "p": "paragraph", "dt": "paragraph", "dd": "paragraph",
    "li": "list_item",
    "figcaption": "caption", "caption": "caption",
    "blockquote": "quote",
    "td": "cell", "th": "cell",
}
_DROPPED = frozenset({
    "nav", "aside", "footer", "script", "style", "noscript", "template", "svg", "form",
    "button", "iframe", "pre",
})
_BOUNDARIES = frozenset(_BLOCK_KINDS) | frozenset({
    "html", "head", "body", "div", "article", "section", "main", "header", "figure", "ul", "ol",
    "dl", "table", "thead", "tbody", "tfoot", "tr", "address", "details", "summary", "fieldset",
    "hgroup", "center", "nav", "aside", "footer", "form", "pre", "iframe", "noscript",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
_ROOTS = frozenset({"html", "body", "main", "article"})  # never dropped for their class names
_ARTICLE = frozenset({"article", "main"})
_NOISE = re.compile(r"share|social|related|comment|cookie|newsletter|breadcrumb|menu", re.I)


def _html_chunks(raw: str, comments: list[_Comment]) -> list[_Chunk]:
    parser = _ArticleParser(raw, comments)
    parser.feed(raw)
    parser.close()
    parser.flush()
    chunks, in_article = parser.chunks, parser.in_article
    if any(inside and c.kind != "title" and _LETTER.search("".join(c.chars))
           for c, inside in zip(chunks, in_article)):
        return [c for c, inside in zip(chunks, in_article) if inside or c.kind == "title"]
    return chunks


class _Open(NamedTuple):
    tag: str
    dropped: bool


class _ArticleParser(HTMLParser):
    """Collects article text per block, remembering the raw offset of every character."""

    def __init__(self, raw: str, comments: list[_Comment]) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.comments = comments
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", raw))]
        self.stack: list[_Open] = []
        self.chunks: list[_Chunk] = []
        self.in_article: list[bool] = []
        self.current: _Chunk | None = None

    def position(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def dropped(self) -> bool:
        return any(o.dropped for o in self.stack)

    def flush(self) -> None:
        if self.current is not None:
            self.chunks.append(self.current)
            self.in_article.append(any(o.tag in _ARTICLE for o in self.stack))
            self.current = None

    def chunk(self) -> _Chunk:
        if self.current is None:
            kind = next(
                (_BLOCK_KINDS[o.tag] for o in reversed(self.stack) if o.tag in _BLOCK_KINDS),
                "paragraph",
            )
            self.current = _Chunk(kind, [], [])
        return self.current

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BOUNDARIES or tag == "hr":
            self.flush()
        if tag == "br" and not self.dropped():
            self.chunk().chars.append(" ")
            self.chunk().offsets.append(self.position())
        if tag in _VOID:
            return
        names = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        dropped = tag in _DROPPED or tag == "code" or (tag not in _ROOTS and bool(_NOISE.search(names)))
        if tag == "code" and not self.dropped():
            self.chunk().chars.append(CODE_PLACEHOLDER)
            self.chunk().offsets.append(self.position())
        self.stack.append(_Open(tag, dropped))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                if any(o.tag in _BOUNDARIES for o in self.stack[i:]):
                    self.flush()
                del self.stack[i:]
                return

    def handle_comment(self, data: str) -> None:
        start = self.position()
        self.comments.append(_Comment(data, start, start + len(data) + len("<!---->")))

    def handle_data(self, data: str) -> None:
        if not self.dropped():
            _decode_entities(data, self.position(), self.chunk())

    def handle_entityref(self, name: str) -> None:
        self._reference(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self._reference(2 + len(name))

    def parse_html_declaration(self, i: int) -> int:
        """Skip a declaration the standard parser rejects (e.g. a stray `<![`) like a comment."""
        position = self.lineno, self.offset
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.lineno, self.offset = position  # the failed scan may have moved it
            end = self.rawdata.find(">", i)
            return end + 1 if end >= 0 else len(self.rawdata)

    def _reference(self, length: int) -> None:
        start = self.position()
        end = start + length + (self.raw[start + length : start + length + 1] == ";")
        self.handle_data(self.raw[start:end])
