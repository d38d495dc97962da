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
    ("We are relieved“, said a shopkeeper on the quay today.",
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
    ("Er sagte: „...und dann kam der Zug.“ Sie nickte: „Ja.“", "de"),
    ("Как же ты можешь?.. Не будет!.. Ну что ж.", "ru"),
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


def test_straight_quotes_where_the_language_quotes_otherwise() -> None:
    source = 'The mayor said: "We are relieved." The bridge reopens on Monday.'
    target = 'Der Bürgermeister sagte: "Wir sind erleichtert." Die Brücke öffnet am Montag.'
    report = check_pair(source, target, source_lang="en", target_lang="de")
    finding = next(f for f in report.findings if f.code == "MT203")
    assert finding.message == "2 straight quotes '\"' where the target language (de) quotes „so“"
    assert [target[s.start : s.end] for s in finding.spans] == ['"', '"']
    assert [s.start for s in finding.spans] == [target.index('"'), target.rindex('"')]
    # a document that types straight quotes throughout gets one finding, on every quote
    article = "\n\n".join([source] * 3), "\n\n".join([target] * 3)
    whole = check_pair(*article, source_lang="en", target_lang="de")
    style = [f for f in whole.findings if "straight quotes" in f.message]
    assert len(style) == 1 and len(style[0].spans) == 6
    # no quote in the original there, an English translation, or no original: no finding
    plain = "The mayor said the works are done. The bridge reopens on Monday."
    assert _messages(target, "de", plain, source_lang="en") == []
    assert _messages(target.replace("Wir sind erleichtert", "We are relieved"), "en", source,
                     source_lang="en") == []
    assert _messages(target, "de") == []


def test_unpaired_quote_faithful_to_the_original_is_left_alone() -> None:
    source = 'The report came out on Monday.\n\nThe mayor said: "We are relieved.'
    target = "Der Bericht erschien am Montag.\n\nDer Bürgermeister sagte: „Wir sind erleichtert."
    assert _messages(target, "de") == ["'„' is never closed"]
    assert _messages(target, "de", source, source_lang="en") == []
    # the original closes a quotation there, the translation opens one: still reported
    closing = 'We are relieved," the mayor said on Monday.'
    opened = "Wir sind erleichtert„, sagte der Bürgermeister am Montag."
    assert _messages(opened, "de", closing, source_lang="en") == [
        "opening quote '„' used to close a quotation"
    ]


def test_full_stop_glued_to_the_next_sentence() -> None:
    text = "Die Proteste gingen in der Stadt weiter.Nachdem die Polizei kam, wurde es ruhig."
    report = check_pair(None, text, target_lang="de")
    finding = next(f for f in report.findings if f.code == "MT203")
    assert finding.message == "no space after '.': 'weiter.Nachdem'"
    assert finding.suggestion == "weiter. Nachdem"
    quiet = "See travel.gov.gr, www.example.org/News, report.Final.pdf, e.g.The and U.S.Army."
    assert _messages(quiet) == []
    brand = "Tickets sell on Shop.Tickets since Monday, said the organisers of the fair."
    assert _messages(brand, source="Les billets sont sur Shop.Tickets depuis lundi.",
                     source_lang="fr") == []


def test_double_comma_opening_a_quotation_is_a_plain_text_quote_not_doubled() -> None:
    text = 'Sie seufzte: ,,Jetzt hab\' ich nichts mehr!" Und dann: ,,\'s ist vorbei."'
    assert not any(m.startswith("doubled") for m in _messages(text, "de"))
    assert "doubled punctuation ',,'" in _messages("Sie seufzte,,jetzt ist es vorbei.", "de")
