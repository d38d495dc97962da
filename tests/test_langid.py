from __future__ import annotations

import pytest

from mtlint.errors import ConfigError
from mtlint.langid import SUPPORTED_LANGS, detect_language, normalise_lang, script_of

SAMPLES = {
    "vi": "Hôm qua, chính phủ đã công bố kế hoạch mới nhằm cải thiện hệ thống giao thông công "
          "cộng. Các chuyên gia cho rằng dự án này sẽ giúp giảm ùn tắc ở những thành phố lớn.",
    "en": "Yesterday the government announced a new plan to improve public transport. Experts say "
          "the project will help reduce congestion in the largest cities.",
    "de": "Gestern hat die Regierung einen neuen Plan zur Verbesserung des öffentlichen "
          "Nahverkehrs vorgestellt. Fachleute meinen, dass das Projekt die Staus in den großen "
          "Städten verringern wird.",
    "fr": "Hier, le gouvernement a présenté un nouveau plan pour améliorer les transports publics. "
          "Selon les experts, ce projet permettra de réduire les embouteillages dans les grandes "
          "villes.",
    "es": "Ayer el gobierno presentó un nuevo plan para mejorar el transporte público. Según los "
          "expertos, el proyecto ayudará a reducir los atascos en las ciudades más grandes.",
    "it": "Ieri il governo ha presentato un nuovo piano per migliorare il trasporto pubblico. "
          "Secondo gli esperti, il progetto aiuterà a ridurre il traffico nelle città più grandi.",
    "pt": "Ontem o governo apresentou um novo plano para melhorar o transporte público. Segundo os "
          "especialistas, o projeto vai ajudar a reduzir os congestionamentos nas maiores cidades.",
    "nl": "Gisteren heeft de regering een nieuw plan gepresenteerd om het openbaar vervoer te "
          "verbeteren. Volgens deskundigen zal het project de files in de grootste steden "
          "verminderen.",
    "pl": "Wczoraj rząd przedstawił nowy plan poprawy transportu publicznego. Według ekspertów "
          "projekt pomoże zmniejszyć korki w największych miastach.",
    "cs": "Vláda včera představila nový plán na zlepšení veřejné dopravy. Podle odborníků projekt "
          "pomůže snížit dopravní zácpy ve velkých městech.",
    "ru": "Вчера правительство представило новый план по улучшению общественного транспорта. "
          "По мнению экспертов, проект поможет сократить пробки в крупнейших городах.",
    "uk": "Учора уряд представив новий план покращення громадського транспорту. На думку "
          "експертів, проєкт допоможе зменшити затори у найбільших містах.",
    "zh": "昨天政府公布了一项改善公共交通的新计划。专家认为，这个项目将有助于减少大城市的交通拥堵。",
    "ja": "昨日、政府は公共交通機関を改善するための新しい計画を発表しました。専門家によると、"
          "この計画は大都市の渋滞を減らすのに役立つということです。",
    "ko": "어제 정부는 대중교통을 개선하기 위한 새로운 계획을 발표했습니다. 전문가들은 이 사업이 "
          "대도시의 교통 체증을 줄이는 데 도움이 될 것이라고 말합니다.",
    "hi": "कल सरकार ने सार्वजनिक परिवहन को बेहतर बनाने के लिए एक नई योजना की घोषणा की। "
          "विशेषज्ञों का कहना है कि इस परियोजना से बड़े शहरों में जाम कम करने में मदद मिलेगी।",
}


def test_every_supported_language_has_a_sample() -> None:
    assert set(SAMPLES) == set(SUPPORTED_LANGS)


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_each_supported_language(lang: str) -> None:
    assert detect_language(SAMPLES[lang]) == lang


def test_detection_is_deterministic() -> None:
    text = "Il progetto aiuterà la città. " + SAMPLES["es"]
    assert len({detect_language(text) for _ in range(5)}) == 1


def test_long_document_is_sampled_across_its_length() -> None:
    # A long English head before a far longer French body: a head-only sample would say "en".
    text = " ".join([SAMPLES["en"]] * 15) + " " + " ".join([SAMPLES["fr"]] * 150)
    assert detect_language(text) == "fr"


def test_candidates_restrict_same_script_choice() -> None:
    sentence = "Le projet est important."
    assert detect_language(sentence, candidates=["en", "vi"]) in ("en", "vi")
    assert detect_language(sentence, candidates=["fr", "en"]) == "fr"
    assert detect_language(SAMPLES["ko"], candidates=["en", "vi"]) == "ko"  # script decides


def test_ukrainian_and_russian_told_apart_by_letters() -> None:
    assert detect_language("Київ — столиця України, і місто дуже гарне.") == "uk"
    assert detect_language("Это был очень хороший и тёплый вечер.") == "ru"


@pytest.mark.parametrize("text", ["", "   ", "ok", "123 456 789 — 10%", "!!! ??? ...", "\ufffc\ufffc"])
def test_too_few_letters_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_unsupported_script_is_none() -> None:
    assert detect_language("Η κυβέρνηση ανακοίνωσε χθες ένα νέο σχέδιο για τις συγκοινωνίες.") is None


@pytest.mark.parametrize(
    ("ch", "script"),
    [("a", "Latin"), ("Ư", "Latin"), ("ễ", "Latin"), ("ж", "Cyrillic"), ("ї", "Cyrillic"),
     ("漢", "Han"), ("々", "Han"), ("ひ", "Hiragana"), ("カ", "Katakana"), ("ｶ", "Katakana"),
     ("한", "Hangul"), ("ह", "Devanagari"), ("1", "Other"), (" ", "Other"), ("α", "Other"),
     ("×", "Other")],
)
def test_script_of(ch: str, script: str) -> None:
    assert script_of(ch) == script


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "en"), ("EN", "en"), ("en-US", "en"), ("en_GB", "en"), ("zh-Hans", "zh"),
     ("zh-TW", "zh"), (" vi ", "vi"), ("pt-BR", "pt"), ("deu", "de"), ("ukr", "uk")],
)
def test_normalise_lang(code: str, expected: str) -> None:
    assert normalise_lang(code) == expected


@pytest.mark.parametrize("code", ["xx", "", "klingon", "el"])
def test_normalise_lang_rejects_unknown_codes(code: str) -> None:
    with pytest.raises(ConfigError, match=r"unknown language code .*supported: vi, en"):
        normalise_lang(code)


LATIN = ("vi", "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs")


@pytest.mark.parametrize("lang", LATIN)
def test_the_given_language_is_confirmed_by_its_function_words_or_detected(lang: str) -> None:
    # Confirmed or not, the answer is the one the statistical model gives.
    assert detect_language(SAMPLES[lang], expected=lang) == detect_language(SAMPLES[lang]) == lang


def test_confirmation_spares_the_statistical_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import mtlint.langid as langid

    def refuse(sample: str, langs: tuple[str, ...]) -> str:
        raise AssertionError("statistical model asked")

    monkeypatch.setattr(langid, "_statistical", refuse)
    assert detect_language(SAMPLES["en"] * 2, expected="en") == "en"
    assert detect_language(SAMPLES["de"] * 2, expected="de") == "de"
    with pytest.raises(AssertionError):
        detect_language(SAMPLES["en"] * 2, expected="de")  # the wrong language is not confirmed


@pytest.mark.parametrize("lang", LATIN)
def test_a_mislabelled_text_is_still_detected(lang: str) -> None:
    wrong = next(other for other in LATIN if other != lang)
    assert detect_language(SAMPLES[lang], expected=wrong) == lang


def test_shipped_function_words_are_wordfreqs_commonest() -> None:
    from wordfreq import top_n_list

    from mtlint.langid import FUNCTION_WORDS, _function_words

    for lang in LATIN:
        assert _function_words(lang) == frozenset(top_n_list(lang, FUNCTION_WORDS)), lang
