from __future__ import annotations

import io
import os
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint import documents
from mtlint.documents import decode, document_from_text, load_document
from mtlint.errors import ConfigError, InputError
from mtlint.model import CODE_PLACEHOLDER, Document

TXT = "Tiêu đề bài viết\n\nĐoạn đầu tiên có hai câu. Câu thứ hai\nnối dòng.\n\n\n  Đoạn cuối.  \n"

MD = """---
title: Front matter is not prose
---
# The *Big* Title #

Intro with **bold**, _em_, a [link text](https://example.com/a_(b) "Title") and `a|b` code.
Second line with \\*escaped\\* stars &amp; an entity<!-- hidden note --> and <https://auto.link>.

![Alt text](img.png)

- First item
- Second **item**
  continues here

1. Numbered [ref link][r]

> Quoted words
> on two lines

| Head | Other \\| pipe |
|------|------|
| cell one | cell `two` |

Setext heading
--------------

```python
print("fenced code")
```

    indented code block

<div>
HTML block
</div>

[r]: https://example.com/ref
"""

HTML = """<!DOCTYPE html>
<html><head><title>Page &amp; Title</title>
<style>p { color: red }</style><script>var s = "<p>script text</p>";</script></head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<main>
  <h1>Main   headline</h1>
  <p>First paragraph with a <a href="#">link</a>,<br>a break and <code>x = 1</code> code.</p>
  <div class="social-share">Share on Facebook</div>
  <p id="cookie-banner">We use cookies</p>
  <ul><li>Item one</li><li>Item <em>two</em></li></ul>
  <figure><img src="a.png" alt="photo"><figcaption>A caption</figcaption></figure>
  <blockquote>Quoted text</blockquote>
  <table><tr><th>Name</th><td>Value</td></tr></table>
  Loose text in main.
  <!-- a comment that is not prose -->
</main>
<aside>Related stories</aside>
<footer>Copyright footer</footer>
</body></html>
"""

ENTITY_CHARS = {"&"}  # decoded entities map onto the "&" that starts them


def blocks(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]


def assert_mapped(doc: Document) -> None:
    """Every letter and digit of the prose view comes from the same raw character."""
    assert len(doc.offsets) == len(doc.text) + 1
    for i, ch in enumerate(doc.text):
        if ch.isalnum():
            assert doc.raw[doc.raw_offset(i)] == ch, (i, ch, doc.raw[doc.raw_offset(i)])
        elif ch == CODE_PLACEHOLDER:
            assert doc.raw[doc.raw_offset(i)] in "`<", (i, doc.raw[doc.raw_offset(i)])


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path)


# --------------------------------------------------------------------------- txt


def test_txt_paragraphs_and_identity_offsets() -> None:
    doc = document_from_text(TXT)
    assert doc.text == doc.raw
    assert doc.offsets == tuple(range(len(TXT) + 1))
    assert blocks(doc) == [
        ("paragraph", "Tiêu đề bài viết"),
        ("paragraph", "Đoạn đầu tiên có hai câu. Câu thứ hai\nnối dòng."),
        ("paragraph", "Đoạn cuối."),
    ]
    assert doc.fmt == "txt" and doc.lang is None


def test_txt_crlf_blank_lines_split_paragraphs() -> None:
    doc = document_from_text("One.\r\n\r\nTwo.\r\n")
    assert blocks(doc) == [("paragraph", "One."), ("paragraph", "Two.")]


# --------------------------------------------------------------------------- markdown


def test_markdown_blocks() -> None:
    doc = document_from_text(MD, fmt="md")
    assert blocks(doc) == [
        ("heading", "The Big Title"),
        (
            "paragraph",
            f"Intro with bold, em, a link text and {CODE_PLACEHOLDER} code. Second line with "
            f"*escaped* stars & an entity and {CODE_PLACEHOLDER}.",
        ),
        ("list_item", "First item"),
        ("list_item", "Second item continues here"),
        ("list_item", "Numbered ref link"),
        ("quote", "Quoted words on two lines"),
        ("cell", "Head"),
        ("cell", "Other | pipe"),
        ("cell", "cell one"),
        ("cell", f"cell {CODE_PLACEHOLDER}"),
        ("heading", "Setext heading"),
    ]
    for dropped in ("Front matter", "fenced code", "indented code", "HTML block", "hidden",
                    "Alt text", "https", "example.com", "#", "**"):
        assert dropped not in doc.text


def test_markdown_offsets_point_at_source() -> None:
    doc = document_from_text(MD, fmt="md")
    assert_mapped(doc)
    code = doc.text.index(CODE_PLACEHOLDER)
    assert doc.raw[doc.raw_offset(code) :].startswith("`a|b`")
    amp = doc.text.index("&")
    assert doc.raw[doc.raw_offset(amp) :].startswith("&amp;")
    star = doc.text.index("*escaped")
    assert doc.raw[doc.raw_offset(star) - 1 : doc.raw_offset(star) + 1] == "\\*"
    pipe = doc.text.index("| pipe")
    assert doc.raw[doc.raw_offset(pipe) - 1 : doc.raw_offset(pipe) + 1] == "\\|"


def test_markdown_nested_containers_and_blocks_are_ordered() -> None:
    doc = document_from_text("> - quoted *item*\n>   more\n\nAfter.\n", fmt="md")
    assert blocks(doc) == [("list_item", "quoted item more"), ("paragraph", "After.")]
    assert_mapped(doc)
    starts = [b.start for b in doc.blocks]
    assert starts == sorted(starts)


def test_markdown_only_code_has_no_text() -> None:
    with pytest.raises(InputError, match="contains no text"):
        document_from_text("```\nprint('hi')\n```\n", fmt="md", path="code.md")


# --------------------------------------------------------------------------- html


def test_html_article_blocks() -> None:
    doc = document_from_text(HTML, fmt="html")
    assert blocks(doc) == [
        ("title", "Page & Title"),
        ("heading", "Main headline"),
        ("paragraph", f"First paragraph with a link, a break and {CODE_PLACEHOLDER} code."),
        ("list_item", "Item one"),
        ("list_item", "Item two"),
        ("caption", "A caption"),
        ("quote", "Quoted text"),
        ("cell", "Name"),
        ("cell", "Value"),
        ("paragraph", "Loose text in main."),
    ]
    for dropped in ("Home", "script", "color", "Share", "cookies", "Related", "footer",
                    "comment", "photo"):
        assert dropped not in doc.text
    assert_mapped(doc)


def test_html_entities_map_to_their_ampersand() -> None:
    raw = "<p>Fish &amp; chips &eacute;t&#233; &#x41;BC &nbsp;AT&T &copy2024</p>"
    doc = document_from_text(raw, fmt="html")
    assert doc.text == "Fish & chips été ABC \xa0AT&T &copy2024"
    amp = doc.text.index("&")
    assert doc.raw[doc.raw_offset(amp) : doc.raw_offset(amp) + 5] == "&amp;"
    e_acute = doc.text.index("é")
    assert doc.raw[doc.raw_offset(e_acute) :].startswith("&eacute;")
    assert doc.raw[doc.raw_offset(doc.text.index("A")) :].startswith("&#x41;")
    assert doc.raw[doc.raw_offset(doc.text.index("T&T") + 1)] == "&"


def test_html_whitespace_collapses_to_mapped_spaces() -> None:
    raw = "<p>one\n   two\t\tthree</p>"
    doc = document_from_text(raw, fmt="html")
    assert doc.text == "one two three"
    assert doc.raw[doc.raw_offset(3)] == "\n"
    assert doc.raw[doc.raw_offset(doc.text.index("three"))] == "t"


def test_html_without_article_keeps_body_text() -> None:
    raw = "<html><body><div>Intro text<p>Para</p>tail</div><footer>f</footer></body></html>"
    doc = document_from_text(raw, fmt="html")
    assert blocks(doc) == [("paragraph", "Intro text"), ("paragraph", "Para"), ("paragraph", "tail")]


def test_malformed_html_loads() -> None:
    raw = "<html><body><div><p>Unclosed paragraph<p>Second one <b>bold<li>item</div>trailing <i>text"
    doc = document_from_text(raw, fmt="html")
    assert blocks(doc) == [
        ("paragraph", "Unclosed paragraph"),
        ("paragraph", "Second one bold"),
        ("list_item", "item"),
        ("paragraph", "trailing text"),
    ]
    assert_mapped(doc)


def test_html_without_prose_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.html", "<html><body><script>x()</script><nav>Menu</nav></body>")
    with pytest.raises(InputError, match=r"empty\.html: contains no text"):
        load_document(path)


def test_html_line_col_of_a_word(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "page.html", HTML))
    i = doc.text.index("headline")
    line, col = doc.line_col(doc.raw_offset(i))
    assert HTML.split("\n")[line - 1][col - 1 :].startswith("headline")


# --------------------------------------------------------------------------- formats and files


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "txt"), ("a.text", "txt"), ("a.md", "md"), ("a.MARKDOWN", "md"),
     ("a.htm", "html"), ("a.xhtml", "html"), ("a.html", "html")],
)
def test_format_from_extension(tmp_path: Path, name: str, fmt: str) -> None:
    assert load_document(write(tmp_path, name, "Some <b>bold</b> words.\n")).fmt == fmt


def test_unknown_extension_sniffs_content(tmp_path: Path) -> None:
    assert load_document(write(tmp_path, "page.php", HTML)).fmt == "html"
    assert load_document(write(tmp_path, "notes.log", "<3 love it\n")).fmt == "txt"


def test_explicit_format_wins_and_unknown_format_is_a_config_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "# Heading\n\nBody text.\n")
    assert blocks(load_document(path, fmt="markdown"))[0] == ("heading", "Heading")
    with pytest.raises(ConfigError, match="unknown format"):
        load_document(path, fmt="docx")


def test_every_fixture_maps_letters_to_raw(tmp_path: Path) -> None:
    for name, content in [("t.txt", TXT), ("m.md", MD), ("h.html", HTML)]:
        assert_mapped(load_document(write(tmp_path, name, content)))


def test_line_col_of_known_word(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "article.md", MD))
    i = doc.text.index("continues")
    assert doc.line_col(doc.raw_offset(i)) == (13, 3)


def test_stdin() -> None:
    doc = load_document("-", stdin=io.BytesIO("Xin chào thế giới.\n".encode()))
    assert doc.text == "Xin chào thế giới.\n"
    assert doc.path == "<stdin>" and doc.fmt == "txt"


def test_stdin_html_is_sniffed() -> None:
    doc = load_document("-", stdin=io.BytesIO(HTML.encode()))
    assert doc.fmt == "html"


# --------------------------------------------------------------------------- encodings


def test_utf8_bom_is_not_part_of_raw(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "bom.txt", b"\xef\xbb\xbfH\xc3\xa9llo world\n"))
    assert doc.raw == "Héllo world\n"
    assert doc.encoding == "utf-8-sig"
    assert doc.raw_offset(doc.text.index("w")) == 6


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    text = "Tiếng Việt có dấu.\n\nДругой абзац.\n"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
           "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}[codec]
    doc = load_document(write(tmp_path, "wide.txt", bom + text.encode(codec)))
    assert doc.raw == text and doc.encoding == codec
    assert len(doc.blocks) == 2


def test_cp1252_text(tmp_path: Path) -> None:
    text = ("Le café était fermé, mais les élèves ont préféré attendre devant la porte. "
            "Über die Brücke gingen die Schüler später gemeinsam nach Hause.\n")
    doc = load_document(write(tmp_path, "legacy.txt", text.encode("cp1252")))
    assert doc.raw == text
    assert doc.encoding not in ("utf-8", "utf-8-sig")


def test_cp1251_russian_text(tmp_path: Path) -> None:
    text = ("Москва — столица России. Вчера в городе прошёл сильный дождь, "
            "и многие жители решили остаться дома.\n")
    doc = load_document(write(tmp_path, "ru.txt", text.encode("cp1251")))
    assert doc.raw == text
    assert doc.encoding == "cp1251"


def test_decode_returns_text_and_encoding() -> None:
    assert decode("ăâđêôơư".encode()) == ("ăâđêôơư", "utf-8")


def test_random_bytes_are_undecodable(tmp_path: Path) -> None:
    rnd = random.Random(7)
    data = bytes(rnd.randrange(1, 256) for _ in range(2000))  # no NUL: the encoding check decides
    with pytest.raises(InputError, match=r"noise\.bin: cannot decode"):
        load_document(write(tmp_path, "noise.bin", data))


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"img\.txt: .*binary"):
        load_document(write(tmp_path, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))


def test_control_characters_are_binary(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary"):
        load_document(write(tmp_path, "ctl.txt", b"ab\x01\x02\x03\x04\x05\x06cd\x07\x08"))


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("content", ["", "   \n\t\n", "1234 — 5678\n"])
def test_no_text(tmp_path: Path, content: str) -> None:
    with pytest.raises(InputError, match=r"blank\.txt: contains no text"):
        load_document(write(tmp_path, "blank.txt", content))


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        load_document(str(tmp_path))


def test_missing_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(InputError, match=re.escape(missing) + ": no such file"):
        load_document(missing)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", "text")
    os.chmod(path, 0)
    with pytest.raises(InputError, match="permission denied"):
        load_document(path)


def test_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_BYTES", 100)
    path = write(tmp_path, "big.txt", "word " * 30)
    with pytest.raises(InputError, match=r"big\.txt: too large"):
        load_document(path)
    with pytest.raises(InputError, match="too large"):
        load_document("-", stdin=io.BytesIO(b"word " * 30))


def test_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_document(str(tmp_path / "missing.md"))
    assert "\n" not in str(info.value)


# --------------------------------------------------------------------------- property


_MARKUP = st.sampled_from([
    "word", "Ünï", " ", "\n", "\n\n", "\r\n", "*", "**", "_", "`", "[", "]", "(", ")", "!", "<",
    ">", "#", "- ", "1. ", "> ", "|", "\\", "&", "~~", "    ", "<b>", "</b>", "<p>", "</p>",
    "<!--", "-->", "<br>", "<code>", "</code>", "<div class='share'>", "</div>", "<![", "&amp;",
    "\n|a|b|\n|-|-|\n", "[t](u \"v\")", "![i](j)", "<https://x.y>", "---",
])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_MARKUP, min_size=1, max_size=30), fmt=st.sampled_from(["md", "html"]))
def test_any_markup_maps_letters_to_raw(pieces: list[str], fmt: str) -> None:
    try:
        doc = document_from_text("".join(pieces), fmt=fmt)
    except InputError:
        return
    for i, ch in enumerate(doc.text):
        if ch.isalnum():
            assert doc.raw[doc.raw_offset(i)] in (ch, "&")  # "&": a decoded entity
    assert list(doc.offsets) == sorted(doc.offsets)
    assert all(doc.text[b.start : b.end].strip() == doc.text[b.start : b.end] for b in doc.blocks)


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("ab \t\r\n\u00a0\u2028\x0b."), max_size=20))
def test_plain_text_paragraphs_are_the_text_between_blank_lines(text: str) -> None:
    """Text with fewer than two line breaks skips the blank-line scan: the paragraphs must
    still be exactly the stripped, non-empty pieces between blank lines."""
    expected = []
    pos = 0
    for piece in re.split(r"(\n[ \t\r\f\v]*\n)", text):
        start, stop = pos + len(piece) - len(piece.lstrip()), pos + len(piece.rstrip())
        if stop > start:
            expected.append((start, stop))
        pos += len(piece)
    assert [(b.start, b.end) for b in documents._txt_blocks(text)] == expected


@pytest.mark.parametrize("length", [1, 2, 511, 512, 513, 5000])
def test_plain_text_offsets_map_every_position_to_itself(length: int) -> None:
    """Short texts share their offsets by length, longer ones build their own: both are the
    identity, end included."""
    text = "a" * length
    assert document_from_text(text).offsets == tuple(range(length + 1))
    assert document_from_text(text.upper()).offsets == tuple(range(length + 1))
