"""MT204 encoding (more cases in tests/rules/MT204.json)."""

from __future__ import annotations

import pytest

from mtlint import check_pair
from mtlint.model import CODE_PLACEHOLDER


def _findings(target: str, lang: str = "en", source: str | None = None, fmt: str = "txt"):
    report = check_pair(source, target, source_lang="fr" if source else None, target_lang=lang,
                        fmt=fmt)
    return [f for f in report.findings if f.code == "MT204"]


def test_mojibake_span_and_suggestion() -> None:
    text = "The mayorâ€™s office said the CafÃ© on the quay will reopen."
    found = _findings(text)
    assert [(text[f.primary.start : f.primary.end], f.suggestion) for f in found] == [
        ("â€™", "’"), ("Ã©", "é")
    ]
    assert all(f.severity.value == "major" for f in found)


def test_entities_are_decoded_in_the_suggestion() -> None:
    found = _findings("Shops &amp; cafés open at 9&nbsp;am, the city&#x27;s site says.")
    assert [f.suggestion for f in found] == ["&", "\u00a0", "'"]
    assert "reads a no-break space" in found[1].message


def test_a_twice_escaped_entity_in_html_is_reported() -> None:
    found = _findings("<p>Shops &amp;amp; cafés reopen on Monday.</p>", fmt="html")
    assert [f.suggestion for f in found] == ["&"]


def test_bare_ampersands_and_unknown_names_are_not_entities() -> None:
    assert _findings("Procter & Gamble and AT&T; also &notanentity; here.") == []


@pytest.mark.parametrize(("char", "severity"), [
    ("\u200b", "minor"), ("\u200d", "minor"), ("\ufeff", "minor"), ("\x07", "minor"),
    ("\x85", "minor"), ("\ufffd", "major"),
])
def test_invisible_and_replacement_characters(char: str, severity: str) -> None:
    found = _findings(f"The bridge{char} reopens on Monday.")
    assert [f.severity.value for f in found] == [severity]
    assert found[0].suggestion == ("" if severity == "minor" else None)


def test_scripts_that_need_zero_width_characters_and_the_code_placeholder() -> None:
    assert _findings("The Thai text ภาษา\u200bไทย uses it as a word break.") == []
    assert _findings("Hindi क्\u200dष and Persian می\u200cخواهم keep their joiners.") == []
    assert _findings(f"Run {CODE_PLACEHOLDER} to rebuild the site.") == []


def test_vietnamese_text_is_not_mojibake() -> None:
    text = ("ĐÂY LÀ TIN NÓNG: Â, Ê, Ô, Ơ, Ư, Ă và Đ là chữ cái tiếng Việt. Thủ tướng đã phát "
            "biểu tại hội nghị ở Hà Nội về Châu Âu và Ấn Độ.")
    assert _findings(text, lang="vi") == []
