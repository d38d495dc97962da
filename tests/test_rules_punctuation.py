"""MT203 punctuation (more cases in tests/rules/MT203.json)."""

from __future__ import annotations

import pytest

from mtlint import check_pair


def _messages(target: str, lang: str = "en", source: str | None = None, fmt: str = "txt",
              source_lang: str | None = None) -> list[str]:
    report = check_pair(source, target, source_lang=source_lang, target_lang=lang, fmt=fmt)
    return [f.message for f in report.findings if f.code == "MT203"]


def test_findings_are_minor_and_point_at_the_mark() -> None:
    text = "The bridge reopened on Monday (after eight months of work. Buses use it again."
    report = check_pair(None, text, target_lang="en")
    finding = next(f for f in report.findings if f.code == "MT203")
    assert finding.severity.value == "minor"
    assert text[finding.primary.start : finding.primary.end] == "("
    assert finding.message == "'(' is never closed"


@pytest.mark.parametrize(("text", "message"), [
    ("The bridge reopened on Monday) after the works. Buses use it again.",
     "')' closes nothing: no opening mark before it"),
    ("”We are relieved,” said a shopkeeper on the quay today.",
     "closing quote '”' used to open a quotation"),
    ("“We are relieved.“ The shopkeepers on the quay said so.",
     "opening quote '“' used to close a quotation"),
    ("He said: \"We are relieved. The quay is open again today.",
     "unbalanced '\"': an odd number of straight quotes in the paragraph"),
    ("Traffic resumed on Monday ; buses use the bridge again.", "space before ';'"),
    ("The bridge reopened,, said the mayor on Monday.", "doubled punctuation ',,'"),
    ("The bridge reopened. . Buses use it again on Monday.", "doubled punctuation '. .'"),
])
def test_each_kind_of_problem(text: str, message: str) -> None:
    assert message in _messages(text)


@pytest.mark.parametrize(("text", "lang"), [
    ("Wait... what?! Really?? Yes!!", "en"),
    ("Steps: 1) close the bridge, 2) repair it, 3) reopen it. Done :) See you soon :(", "en"),
    ("He is 5'10\" tall and the quay is 3.5 km long: 10:30 a.m., etc., and so on.", "en"),
    ("Il a dit : « C'est fini ! » Vraiment ? Oui ; enfin.", "fr"),
    ("Er sagte: „Es ist vorbei.“ Sie sagte: »Endlich.« Und dann: «Gut.»", "de"),
    ("Он сказал: «Мост открыт». Она ответила: „Наконец“.", "ru"),
    ("市长说：「桥已经重新开放。」", "ja"),
    ("Open the file with .txt or .md extensions, and version .5 of the tool.", "en"),
])
def test_conventions_stay_quiet(text: str, lang: str) -> None:
    assert _messages(text, lang) == []


def test_a_quotation_over_paragraphs_is_fine_but_one_never_closed_is_not() -> None:
    continued = "“The first paragraph of the statement.\n\n“The second paragraph,” he said."
    spanning = "\"The first paragraph of the statement.\n\nThe second one.\n\nThe end,\" he said."
    assert _messages(continued) == []
    assert _messages(spanning) == []
    assert _messages("“The statement starts.\n\nThen the narrator speaks again.") == [
        "'“' is never closed"
    ]


def test_brackets_do_not_run_over_paragraphs() -> None:
    assert _messages("The council (which met on Monday approved it.\n\n“Good news,” he said.") == [
        "'(' is never closed"
    ]
    assert _messages("The council (which met on Monday\n\napproved the plan) in the end.") == [
        "'(' is never closed", "')' closes nothing: no opening mark before it"
    ]


def test_final_stop_needs_the_original_and_a_prose_sentence() -> None:
    source = "Le pont rouvrira lundi après huit mois de travaux."
    target = "The bridge will reopen on Monday after eight months of work"
    assert any("final '.' missing" in m for m in
               _messages(target, source=source, source_lang="fr"))
    assert _messages(target) == []  # no original: no evidence
    assert _messages("It reopens Monday", source="Il rouvre lundi.", source_lang="fr") == []
    assert _messages(target + " at https://lyon.fr/pont", source=source[:-1] + " https://lyon.fr/pont.",
                     source_lang="fr") == []


def test_mojibake_bytes_are_not_quotation_marks() -> None:
    assert _messages("Thá»§ tÆ°á»›ng said the bridge will reopen.") == []
