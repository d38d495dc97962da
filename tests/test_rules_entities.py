"""MT107 entity-mismatch and MT108 length-ratio-outlier (more cases in tests/rules/)."""

from __future__ import annotations

from mtlint import check_pair
from mtlint.model import Bead
from mtlint.rules import RULES
from mtlint.rules.registry import RuleContext
from tests.helpers import line_segments, one_to_one, plain_document


def _findings(code: str, source: str, target: str, source_lang: str, target_lang: str = "en"):
    report = check_pair(source, target, source_lang=source_lang, target_lang=target_lang)
    return [f for f in report.findings if f.code == code]


def _context(source: str, target: str, beads=None, source_lang="fr") -> RuleContext:
    src, tgt = plain_document(source), plain_document(target)
    src_segments, tgt_segments = line_segments(src), line_segments(tgt)
    return RuleContext(src, tgt, src_segments, tgt_segments,
                       beads or one_to_one(len(src_segments)), source_lang, "en")


def test_missing_url_is_major_with_the_url_as_suggestion_and_both_spans() -> None:
    source = "Đăng ký tại https://dichvucong.gov.vn/dang-ky. Hạn chót là ngày 5/3."
    found = _findings("MT107", source, "Register on the portal. The deadline is 5 March.", "vi")
    assert [(f.severity.value, f.suggestion) for f in found] == [
        ("major", "https://dichvucong.gov.vn/dang-ky")
    ]
    sides = {s.side for s in found[0].spans}
    assert sides == {"source", "target"}
    span = next(s for s in found[0].spans if s.side == "source")
    assert source[span.start : span.end] == "https://dichvucong.gov.vn/dang-ky"


def test_acronyms_and_hashtags_are_minor() -> None:
    found = _findings(
        "MT107",
        "L'ASEAN a publié un communiqué avec le mot-clé #SommetASEAN hier soir.",
        "The regional bloc issued a statement with a hashtag last night.",
        "fr",
    )
    assert sorted((f.message.split()[0], f.severity.value) for f in found) == [
        ("acronym", "minor"), ("hashtag", "minor")
    ]


def test_each_entity_is_reported_once() -> None:
    ctx = _context("Écrivez à info@lyon.fr.\nOu encore à info@lyon.fr.",
                   "Write to the city.\nOr to the city again.")
    assert len(list(RULES["MT107"].run(ctx))) == 1


def test_an_omitted_sentence_is_left_to_mt103() -> None:
    beads = (Bead((0,), (0,), 0.0), Bead((1,), (), 0.0))
    ctx = _context("Le pont rouvre.\nDétails sur https://lyon.fr/pont.", "The bridge reopens.",
                   beads)
    assert not list(RULES["MT107"].run(ctx))


def test_names_translated_as_exonyms_or_common_words_are_quiet() -> None:
    assert not _findings(
        "MT107",
        "Người dân Hà Nội và Thành phố Hồ Chí Minh đã quen với Biển Đông và nước Mỹ.",
        "People in Hanoi and Ho Chi Minh City are used to the East Sea and America.",
        "vi",
    )
    assert not _findings("MT107", "Die Deutsche Bahn fährt wieder nach Frankreich.",
                         "Deutsche Bahn trains run to France again.", "de")


def test_transliterated_name_is_found() -> None:
    assert not _findings("MT107", "Le compositeur Tchaïkovski est né à Votkinsk.",
                         "The composer Tchaikovsky was born in Votkinsk.", "fr")


def test_non_latin_originals_are_not_checked_for_names() -> None:
    assert not _findings("MT107", "Мэр Собянин открыл новую станцию метро.",
                         "The mayor opened a new metro station.", "ru")


# --- MT108 -----------------------------------------------------------------------------------

_SOURCE = [
    "La mairie a annoncé lundi la réouverture du pont après huit mois de travaux importants.",
    "Les voitures pourront de nouveau circuler sur le pont à partir du trois juin prochain.",
    "Les travaux ont porté sur le renforcement des piles et le remplacement complet du tablier.",
    "Le chantier a coûté douze millions d'euros, financés par la métropole et par l'État.",
    "Pendant la fermeture, les bus ont été déviés par le pont voisin de la Guillotière.",
    "Les commerçants du quai se plaignent depuis des mois d'une baisse de leur chiffre.",
    "La ville promet une grande campagne de promotion pour ramener les clients sur le quai.",
    "Une piste cyclable séparée a été ajoutée sur tout le côté sud du pont rénové.",
    "Les piétons disposeront désormais d'un trottoir élargi de deux mètres sur le pont.",
    "Une cérémonie d'inauguration est prévue le samedi précédent à dix heures du matin.",
]
_TARGET = [
    "City hall announced on Monday that the bridge will reopen after eight months of major work.",
    "Cars will be able to use the bridge again from the third of June this year.",
    "The work involved strengthening the piers and completely replacing the deck.",
    "The project cost twelve million euros, paid for by the metropolis and by the State.",
    "During the closure, buses were diverted over the nearby Guillotière bridge.",
    "Shopkeepers along the quay have complained for months that their takings have fallen.",
    "The city promises a big promotional campaign to bring customers back to the quay.",
    "A separate cycle lane has been added along the whole south side of the renovated bridge.",
    "Pedestrians will now have a pavement widened by two metres on the bridge.",
    "An opening ceremony is planned for the Saturday before at ten in the morning.",
]


def _ratio_findings(target: list[str], beads=None):
    ctx = _context("\n".join(_SOURCE), "\n".join(target), beads)
    return list(RULES["MT108"].run(ctx))


def test_a_fragment_of_a_long_sentence_is_major_and_a_shortened_one_minor() -> None:
    fragment = _ratio_findings([_TARGET[0], "Cars will.", *_TARGET[2:]])
    assert [f.severity.value for f in fragment] == ["major"]
    assert "% of the length" in fragment[0].message
    shortened = _ratio_findings([_TARGET[0], "Cars may use the bridge again.", *_TARGET[2:]])
    assert [f.severity.value for f in shortened] == ["minor"]


def test_a_clean_document_and_a_concise_sentence_are_quiet() -> None:
    assert not _ratio_findings(_TARGET)
    assert not _ratio_findings([_TARGET[0], "Cars may use the bridge again from 3 June.",
                                *_TARGET[2:]])


def test_unsure_documents_and_beads_next_to_gaps_are_not_judged() -> None:
    unsure = tuple(Bead((i,), (i,), 0.0, 0.3) for i in range(10))
    assert not _ratio_findings([_TARGET[0], "Cars will.", *_TARGET[2:]], unsure)
    beads = (*one_to_one(2), Bead((2,), (), 0.0), *(Bead((i,), (i - 1,), 0.0) for i in range(3, 10)))
    target = [_TARGET[0], "Cars will.", *_TARGET[3:]]
    assert not _ratio_findings(target, beads)
