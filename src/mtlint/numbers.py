"""Locale-aware extraction of numbers, dates and times from prose.

Why a parser and not a digit diff: `1.000,5` (vi, de) and `1,000.5` (en) are the same number,
while `1.300` is 1300 in a Vietnamese text and 1.3 in an English one. Tools that compare digit
strings either flag every correct localisation or miss the changes that matter, so every mention
is parsed with the conventions of the language it is written in, and compared by value.

A `NumberMention` carries every plausible value (`values`), because some forms stay ambiguous
even with a language known: `3/5/2024` in English is 3 May or 5 March, `35m` is 35 metres or
35 million, and a number written in a foreign format (`1.000` in French) may follow either of
the two foreign conventions. Two mentions match when their value sets meet (`values_match`).

Values are floats for quantities (scale words applied: `1,5 tỷ` is 1.5e9, `3万` is 30000),
`(year, month, day)` tuples for dates (0 where a part is not given), `(hour, minute)` tuples for
times, and strings for identifiers (`COVID-19`, `A4`, compared case-insensitively; their last
number is also a candidate, so `mid-2024` still matches `2024`) and versions (`v2.1.3`,
`192.168.1.1`). A time without a.m./p.m. has both halves of the day as candidates (`午後7時半`
and `7 giờ tối` say the half in words that are not read), and a time on the hour also has the
hour as a float, so `10 giờ` matches both `10 a.m.` and "10 hours". Letters joined to digits
make an identifier (`iPhone15`); after a space the digits are a number (`iPhone 15`).

Ranges (`3-5`, `3–5`, `3 to 5`, `từ 3 đến 5`) yield two mentions of kind "range", one per end,
so a range matches however the other language writes it; a scale word on the second end also
applies to the first (`2-3 million`, and `101-Millionen-Pfund` in German compounds). A bare day
listed with a date takes its month ("am 9. und 10. August", "August 9 and 10"). Signs are
ignored: a minus is too easily a dash.

Out of scope: numbers written in words ("twenty", "hai mươi", 三十) and ordinal words, except
that `extract_number_words` finds the small ones (0–10, up to 99 in English and German,
optionally with a scale word), scale words alone ("a billion"), bare month names and Roman
numerals ("Avatar II"), which callers use only to excuse a number the other side writes in
digits. `measure_after` reads the unit after a number, so that callers can accept a measure
converted between imperial and metric units (`converts`). Vietnamese `thứ 2`–`thứ 7` are
weekdays and not read. Swiss apostrophe grouping (1'000) and numbers split across a line break
are not read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

#: One candidate value: a float quantity, a date (y, m, d) or time (h, m) tuple, or an identifier.
Value = float | tuple[int, ...] | str

#: Kinds whose values are plain quantities.
QUANTITY_KINDS = frozenset({"int", "decimal", "percent", "year", "range", "ordinal"})


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number, date, time or identifier found in a text.

    `kind` is one of int, decimal, percent, year, range, ordinal, date, time, code, version (and
    word or month for `extract_number_words`). `locale_ok` is False when the number follows a
    convention foreign to the text's language, e.g. `12 500,5` or `1.000,5` in English.
    """

    start: int
    end: int
    raw: str
    values: frozenset[Value]
    kind: str
    locale_ok: bool = True


# --------------------------------------------------------------------------- locale profiles

_SP = "[ \u00a0\u202f\u2009]"
_GROUP_SPACES = " \u00a0\u202f\u2009"
_DOT_GROUPS = "." + _GROUP_SPACES


@dataclass(frozen=True)
class _Locale:
    """How one language writes numbers; the word tables are lower-case NFC."""

    code: str
    decimal: str  # "." or ","; "" when unknown (accept both conventions)
    groups: str  # characters accepted as thousands separators
    lakh: bool = False
    date_order: str = "dmy"  # numeric d/m/y order: "dmy", "mdy" or "both"
    scales: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    attached_scales: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    percent: tuple[str, ...] = ()
    ordinal: tuple[str, ...] = ()
    months: Mapping[str, int] = field(default_factory=dict)
    months_cased: bool = False  # month names only when capitalised ("May", not "may")
    year_words: tuple[str, ...] = ()
    range_words: tuple[str, ...] = ()
    #: What joins the days of one month ("am 9. und 10. August", "August 9 and 10").
    list_words: tuple[str, ...] = ()
    hour_words: tuple[str, ...] = ()
    minute_words: tuple[str, ...] = ()
    words: Mapping[str, int] = field(default_factory=dict)
    #: What adds a half to a number word before its scale ("two and a half billion").
    half_words: tuple[str, ...] = ()
    bounded_words: bool = True  # False for scripts without spaces between words


def _months(*names: str) -> dict[str, int]:
    """Month table from twelve '|'-separated name lists, January first."""
    return {name: i for i, group in enumerate(names, 1) for name in group.split("|")}


def _numerals(*names: str) -> dict[str, int]:
    """Number-word table from eleven '|'-separated lists, zero first."""
    return {name: i for i, group in enumerate(names) for name in group.split("|") if name}


_K, _M, _G, _T = 10**3, 10**6, 10**9, 10**12
#: Indian scale words, kept as loanwords when Indian news is translated ("14 Lakh Fälle").
_INDIAN_SCALES = {"lakh": (10**5,), "lakhs": (10**5,), "crore": (10**7,), "crores": (10**7,)}


def _tens(units: Mapping[str, int], teens: str, tens: str,
          compound: Callable[[str, str], str], decade: Callable[[str], str]) -> dict[str, int]:
    """Number words 11–99: '|'-separated teens (11 first) and tens (20 first), each tens word
    joined with a unit word 1–9 by `compound` ("thirty-one", "einunddreißig"), and the decade
    each tens word names ("the sixties", "die sechziger Jahre": '60s, 1960s)."""
    table = {w: 11 + i for i, group in enumerate(teens.split(",")) for w in group.split("|")}
    for i, group in enumerate(tens.split(",")):
        for ten in group.split("|"):
            table[ten] = table[decade(ten)] = 20 + 10 * i
            table.update({compound(ten, unit): 20 + 10 * i + n
                          for unit, n in units.items() if 1 <= n <= 9})
    return table


_EN = _Locale(
    code="en",
    decimal=".",
    groups=",",
    lakh=True,  # Indian English writes 12,34,567
    date_order="both",
    scales={"hundred": (100,), "thousand": (_K,), "million": (_M,), "billion": (_G,),
            "trillion": (_T,), "mn": (_M,), "bn": (_G,), "tn": (_T,),
            **_INDIAN_SCALES},
    attached_scales={"k": (1, _K), "m": (1, _M)},
    percent=("%", "percent", "per cent"),
    ordinal=("st", "nd", "rd", "th"),
    months=_months("january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun",
                   "july|jul", "august|aug", "september|sep|sept", "october|oct",
                   "november|nov", "december|dec"),
    months_cased=True,
    range_words=("to",),
    list_words=("and", "or", "until", "till", "through"),
    hour_words=("a.m.", "p.m.", "am", "pm", "o'clock"),
    words=_numerals("zero", "one|a|an|first|once", "two|second|twice", "three|third", "four|fourth",
                    "five|fifth", "six|sixth", "seven|seventh", "eight|eighth", "nine|ninth",
                    "ten|tenth")
    | _tens(_numerals("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                      ""),
            "eleven|eleventh,twelve|twelfth,thirteen|thirteenth,fourteen|fourteenth,"
            "fifteen|fifteenth,sixteen|sixteenth,seventeen|seventeenth,eighteen|eighteenth,"
            "nineteen|nineteenth",
            "twenty,thirty,forty,fifty,sixty,seventy,eighty,ninety",
            lambda ten, unit: f"{ten}-{unit}", lambda ten: f"{ten[:-1]}ies")
    # anniversaries are said in words, their figure in digits ("centenary" / "zum 100. Mal")
    | {"centenary": 100, "centennial": 100, "bicentenary": 200, "bicentennial": 200},
    half_words=("and a half",),
)

_LOCALES: dict[str, _Locale] = {
    "en": _EN,
    "vi": _Locale(
        code="vi",
        decimal=",",
        groups=_DOT_GROUPS,
        scales={"nghìn": (_K,), "ngàn": (_K,), "triệu": (_M,), "tỷ": (_G,), "tỉ": (_G,)},
        attached_scales={"k": (1, _K), "tr": (_M,)},
        percent=("%", "phần trăm"),
        range_words=("đến", "tới"),
        hour_words=("giờ",),
        minute_words=("phút",),
        words=_numerals("không", "một", "hai", "ba", "bốn|tư", "năm|lăm", "sáu", "bảy",
                        "tám", "chín", "mười"),
    ),
    "de": _Locale(
        code="de",
        decimal=",",
        groups=_DOT_GROUPS,
        scales={"tausend": (_K,), "tsd.": (_K,), "mio.": (_M,), "mio": (_M,),
                "million": (_M,), "millionen": (_M,), "mrd.": (_G,), "mrd": (_G,),
                "milliarde": (_G,), "milliarden": (_G,), "billion": (_T,), "billionen": (_T,),
                **_INDIAN_SCALES},
        percent=("%", "prozent"),
        months=_months("januar|jänner|jan", "februar|feb", "märz", "april|apr", "mai",
                       "juni", "juli", "august|aug", "september|sept|sep", "oktober|okt",
                       "november|nov", "dezember|dez"),
        range_words=("bis",),
        list_words=("und", "oder"),
        hour_words=("uhr",),
        words=_numerals("null", "eins|ein|eine|einen|einem|einer", "zwei", "drei", "vier",
                        "fünf", "sechs", "sieben", "acht", "neun", "zehn")
        | _tens(_numerals("", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht",
                          "neun", ""),
                "elf|elfte|elften|elfter|elftes,zwölf|zwölfte|zwölften|zwölfter|zwölftes,"
                "dreizehn,vierzehn,fünfzehn,sechzehn,siebzehn,achtzehn,neunzehn",
                "zwanzig,dreißig|dreissig,vierzig,fünfzig,sechzig,siebzig,achtzig,neunzig",
                lambda ten, unit: f"{unit}und{ten}", lambda ten: f"{ten}er"),
    ),
    "fr": _Locale(
        code="fr",
        decimal=",",
        groups=_GROUP_SPACES,
        scales={"mille": (_K,), "million": (_M,), "millions": (_M,), "milliard": (_G,),
                "milliards": (_G,), "md": (_G,), "mds": (_G,), "billion": (_T,),
                "billions": (_T,)},
        percent=("%", "pour cent", "pourcent"),
        ordinal=("er", "re", "ère", "e", "ème", "eme", "è"),
        months=_months("janvier|janv", "février|févr", "mars", "avril", "mai", "juin",
                       "juillet", "août", "septembre|sept", "octobre|oct", "novembre|nov",
                       "décembre|déc"),
        range_words=("à",),
        list_words=("et", "ou", "au"),
        hour_words=("heures", "heure"),
        words=_numerals("zéro", "un|une|premier|première", "deux", "trois", "quatre", "cinq",
                        "six", "sept", "huit", "neuf", "dix"),
    ),
    "es": _Locale(
        code="es",
        decimal=",",
        groups=_DOT_GROUPS,
        scales={"mil": (_K,), "millón": (_M,), "millon": (_M,), "millones": (_M,),
                "billón": (_T,), "billones": (_T,)},
        percent=("%", "por ciento"),
        ordinal=("º", "ª", "o", "a"),
        months=_months("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                       "agosto", "septiembre|setiembre", "octubre", "noviembre", "diciembre"),
        range_words=("a", "al"),
        list_words=("y", "e", "o", "u"),
        words=_numerals("cero", "uno|una|un|primero|primera", "dos", "tres", "cuatro",
                        "cinco", "seis", "siete", "ocho", "nueve", "diez"),
    ),
    "it": _Locale(
        code="it",
        decimal=",",
        groups=_DOT_GROUPS,
        scales={"mila": (_K,), "mille": (_K,), "milione": (_M,), "milioni": (_M,),
                "mln": (_M,), "miliardo": (_G,), "miliardi": (_G,), "mld": (_G,)},
        percent=("%", "per cento", "percento"),
        ordinal=("º", "ª"),
        months=_months("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                       "agosto", "settembre", "ottobre", "novembre", "dicembre"),
        range_words=("a", "al"),
        list_words=("e", "o", "ed"),
        words=_numerals("zero", "uno|una|un|primo|prima", "due", "tre", "quattro", "cinque",
                        "sei", "sette", "otto", "nove", "dieci"),
    ),
    "pt": _Locale(
        code="pt",
        decimal=",",
        groups=_DOT_GROUPS,
        scales={"mil": (_K,), "milhão": (_M,), "milhões": (_M,), "bilhão": (_G,),
                "bilhões": (_G,), "bilião": (_T,), "biliões": (_T,)},
        percent=("%", "por cento"),
        ordinal=("º", "ª"),
        months=_months("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
                       "agosto", "setembro", "outubro", "novembro", "dezembro"),
        range_words=("a",),
        list_words=("e", "ou"),
        words=_numerals("zero", "um|uma|primeiro|primeira", "dois|duas", "três", "quatro",
                        "cinco", "seis", "sete", "oito", "nove", "dez"),
    ),
    "nl": _Locale(
        code="nl",
        decimal=",",
        groups=_DOT_GROUPS,
        scales={"duizend": (_K,), "miljoen": (_M,), "mln": (_M,), "miljard": (_G,),
                "mld": (_G,), "biljoen": (_T,)},
        percent=("%", "procent"),
        ordinal=("e", "ste", "de"),
        months=_months("januari", "februari", "maart", "april", "mei", "juni", "juli",
                       "augustus", "september", "oktober", "november", "december"),
        range_words=("tot",),
        list_words=("en", "of"),
        hour_words=("uur",),
        words=_numerals("nul", "een|één", "twee", "drie", "vier", "vijf", "zes", "zeven",
                        "acht", "negen", "tien"),
    ),
    "ru": _Locale(
        code="ru",
        decimal=",",
        groups=_GROUP_SPACES,
        scales={"тыс.": (_K,), "тыс": (_K,), "тысяча": (_K,), "тысячи": (_K,),
                "тысяч": (_K,), "млн": (_M,), "млн.": (_M,), "миллион": (_M,),
                "миллиона": (_M,), "миллионов": (_M,), "млрд": (_G,), "млрд.": (_G,),
                "миллиард": (_G,), "миллиарда": (_G,), "миллиардов": (_G,), "трлн": (_T,)},
        percent=("%", "процент", "процента", "процентов"),
        ordinal=("-й", "-я", "-е", "-го", "-м", "-ю"),
        months=_months("января|январь", "февраля|февраль", "марта|март", "апреля|апрель",
                       "мая|май", "июня|июнь", "июля|июль", "августа|август",
                       "сентября|сентябрь", "октября|октябрь", "ноября|ноябрь",
                       "декабря|декабрь"),
        year_words=("года", "году", "г."),
        range_words=("до",),
        hour_words=("ч.",),
        words=_numerals("ноль", "один|одна|одно", "два|две", "три", "четыре", "пять", "шесть",
                        "семь", "восемь", "девять", "десять"),
    ),
    "uk": _Locale(
        code="uk",
        decimal=",",
        groups=_GROUP_SPACES,
        scales={"тис.": (_K,), "тис": (_K,), "тисяч": (_K,), "тисячі": (_K,), "млн": (_M,),
                "мільйон": (_M,), "мільйона": (_M,), "мільйонів": (_M,), "млрд": (_G,),
                "мільярд": (_G,), "мільярда": (_G,), "мільярдів": (_G,)},
        percent=("%", "відсоток", "відсотки", "відсотків"),
        months=_months("січня", "лютого", "березня", "квітня", "травня", "червня", "липня",
                       "серпня", "вересня", "жовтня", "листопада", "грудня"),
        year_words=("року", "р."),
        range_words=("до",),
        words=_numerals("нуль", "один|одна|одне", "два|дві", "три", "чотири", "п'ять",
                        "шість", "сім", "вісім", "дев'ять", "десять"),
    ),
    "cs": _Locale(
        code="cs",
        decimal=",",
        groups=_GROUP_SPACES,
        scales={"tis.": (_K,), "tisíc": (_K,), "mil.": (_M,), "milion": (_M,),
                "miliony": (_M,), "milionů": (_M,), "mld.": (_G,), "miliarda": (_G,),
                "miliardy": (_G,), "miliard": (_G,)},
        percent=("%", "procent", "procenta", "procento"),
        months=_months("ledna", "února", "března", "dubna", "května", "června", "července",
                       "srpna", "září", "října", "listopadu", "prosince"),
        range_words=("až", "do"),
        words=_numerals("nula", "jeden|jedna|jedno", "dva|dvě", "tři", "čtyři", "pět",
                        "šest", "sedm", "osm", "devět", "deset"),
    ),
    "pl": _Locale(
        code="pl",
        decimal=",",
        groups=_GROUP_SPACES,
        scales={"tys.": (_K,), "tysiąc": (_K,), "tysiące": (_K,), "tysięcy": (_K,),
                "mln": (_M,), "milion": (_M,), "miliony": (_M,), "milionów": (_M,),
                "mld": (_G,), "miliard": (_G,), "miliardy": (_G,), "miliardów": (_G,)},
        percent=("%", "procent", "procenty", "procentów"),
        months=_months("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
                       "sierpnia", "września", "października", "listopada", "grudnia"),
        year_words=("roku", "r."),
        range_words=("do",),
        words=_numerals("zero", "jeden|jedna|jedno", "dwa|dwie", "trzy", "cztery", "pięć",
                        "sześć", "siedem", "osiem", "dziewięć", "dziesięć"),
    ),
    "zh": _Locale(
        code="zh",
        decimal=".",
        groups=",",
        date_order="both",
        scales={"百": (100,), "千": (_K,), "万": (10**4,), "萬": (10**4,), "亿": (10**8,),
                "億": (10**8,), "兆": (_T,)},
        percent=("%",),
        range_words=("到", "至"),
        hour_words=("点", "點", "时", "時"),
        minute_words=("分",),
        words=_numerals("零|〇", "一", "二|两|兩", "三", "四", "五", "六", "七", "八", "九",
                        "十"),
        bounded_words=False,
    ),
    "ja": _Locale(
        code="ja",
        decimal=".",
        groups=",",
        date_order="both",
        # 割 is a tenth: 4割 is 40 (per cent), compared by value like every percentage
        scales={"百": (100,), "千": (_K,), "万": (10**4,), "億": (10**8,), "兆": (_T,),
                "割": (10,)},
        percent=("%", "パーセント"),
        range_words=("から",),
        hour_words=("時",),
        minute_words=("分",),
        words=_numerals("零|〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"),
        bounded_words=False,
    ),
    "ko": _Locale(
        code="ko",
        decimal=".",
        groups=",",
        date_order="both",
        scales={"천": (_K,), "만": (10**4,), "억": (10**8,), "조": (_T,)},
        percent=("%", "퍼센트"),
        hour_words=("시",),
        minute_words=("분",),
        words=_numerals("영", "하나|한", "둘|두", "셋|세", "넷|네", "다섯", "여섯", "일곱",
                        "여덟", "아홉", "열"),
        bounded_words=False,
    ),
    "hi": _Locale(
        code="hi",
        decimal=".",
        groups=",",
        lakh=True,
        scales={"हज़ार": (_K,), "हजार": (_K,), "लाख": (10**5,), "करोड़": (10**7,),
                "अरब": (_G,)},
        percent=("%", "प्रतिशत"),
        words=_numerals("शून्य", "एक", "दो", "तीन", "चार", "पांच|पाँच", "छह", "सात", "आठ",
                        "नौ", "दस"),
    ),
}

#: Languages not listed: both conventions accepted, English words.
_GENERIC = _Locale(
    code="",
    decimal="",
    groups=",." + _GROUP_SPACES,
    lakh=True,
    date_order="both",
    scales=_EN.scales,
    attached_scales=_EN.attached_scales,
    percent=_EN.percent,
    months=_EN.months,
    months_cased=True,
)


@lru_cache(maxsize=64)
def _locale(lang: str | None) -> _Locale:
    if not lang:
        return _GENERIC
    return _LOCALES.get(lang.lower().replace("_", "-").split("-")[0], _GENERIC)


# --------------------------------------------------------------------------- normalisation

def _digit_table() -> dict[int, str]:
    """Map other digit scripts and fullwidth punctuation to ASCII, one code point for one.

    One for one keeps every offset valid, so mentions can be sliced from the original text.
    """
    table: dict[int, str] = {}
    for zero in (0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0E50, 0x1040):
        for i in range(10):
            table[zero + i] = str(i)
    table.update({ord(k): v for k, v in {
        "．": ".", "，": ",", "％": "%", "：": ":", "／": "/", "－": "-", "～": "~", "〜": "~",
        "\u066b": ".", "\u066c": ",", "\u2212": "-", "\u2010": "-", "\u2011": "-",
        "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2019": "'",
    }.items()})
    return table


_NORMALISE = _digit_table()
#: Any character `_NORMALISE` rewrites. Most non-ASCII texts hold none (accented letters only),
#: and searching for one costs a tenth of `str.translate`, which looks up every character.
_NORMALISED_CHARS = re.compile(f"[{''.join(re.escape(chr(code)) for code in sorted(_NORMALISE))}]")
_ANY_DIGIT = re.compile(r"\d")


# --------------------------------------------------------------------------- pattern building

def _is_spaceless(ch: str) -> bool:
    """CJK, kana and hangul: words there are not delimited, so no word boundary applies."""
    return ord(ch) >= 0x2E80


def _alt(words: Iterable[str], *, bounded: bool = True, cased: bool = False,
         backwards: bool = False) -> str:
    """Regex alternation of `words`, longest first, in NFC and NFD, any space between parts.

    Words that end in a letter get a right boundary, so `mil` never matches inside `million`.
    `cased` words match only capitalised, whatever the flags of the enclosing pattern.
    `backwards` spells them reversed, for matching leftwards on reversed text (no boundary).
    The alternation is a trie (`t(?:en|hirty…)`): the regex engine tries alternatives one by
    one, and a flat list of a hundred number words made every word start slow.
    """
    trie: dict[str, dict] = {}
    for word in words:
        word = word.capitalize() if cased else word
        for form in (word, unicodedata.normalize("NFD", word)):
            node = trie
            for ch in form[::-1] if backwards else form:
                node = node.setdefault(ch, {})
            node[""] = {}  # a word ends here

    def emit(node: dict[str, dict], last: str) -> str:
        branches = [(f"{_SP}+" if ch == " " else re.escape(ch)) + emit(child, ch)
                    for ch, child in sorted(node.items()) if ch]
        if "" in node:  # after the longer words that go on from here
            ends_word = bounded and not backwards and last.isalpha() and not _is_spaceless(last)
            branches.append(r"(?!\w)" if ends_word else "")
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    body = emit(trie, "")
    return f"(?-i:{body})" if cased else f"(?:{body})"


def _key(word: str) -> str:
    """Table key of a matched word: NFC, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", word).lower().split())


_CURRENCIES = ("VND", "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "AUD", "CAD", "SGD", "HKD",
               "INR", "RUB", "KRW", "CHF", "THB", "Rs", "RM")
_VI_DAY_WORDS = ("ngày", "mùng", "mồng")
_VI_DAY = _alt(_VI_DAY_WORDS)
_VI_MONTH = _alt(["tháng"])
_VI_YEAR = _alt(["năm"])
#: A date or time must not run on into more digits ("5/3/2024" is not "5/3/20" + "24").
_END = r"(?!\d|[.,/:-]\d)"
_AMPM = re.compile(r"(?i)([ap])\.?m\.?$")
_NEVER = "(?!)"
_HALF = _alt(["半", "rưỡi"])  # "7時半", "7点半", "7 giờ rưỡi": half past


def _month_patterns(loc: _Locale) -> list[str]:
    if not loc.months:
        return []
    mon = _alt(loc.months, cased=loc.months_cased)
    of = rf"(?:(?:de|del|of){_SP}+)?"
    year_word = rf"(?:{_SP}+{_alt(loc.year_words)})?" if loc.year_words else ""
    # "März 21 Menschen" is not a German date: the day goes after the month only where dates
    # are also written month first
    mdy = [
        rf"(?P<mdy>(?P<mdy_mon>{mon})\.?{_SP}+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?{_END}"
        rf"(?:,?{_SP}+(?P<mdy_y>\d{{4}}){_END})?)",
    ] if loc.date_order != "dmy" else []
    return [
        *mdy,
        rf"(?P<dmy>(?<![\d.,])(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?{_SP}+{of}"
        rf"(?P<dmy_mon>{mon})\.?(?:,?{_SP}+{of}(?P<dmy_y>\d{{4}}){_END}{year_word})?)",
        rf"(?P<my>(?P<my_mon>{mon})\.?,?{_SP}+{of}(?P<my_y>\d{{4}}){_END}{year_word})",
    ]


def _vi_patterns() -> list[str]:
    """Vietnamese dates (`ngày 5 tháng 3 năm 2024`, `ngày 5/3`, `tháng 3/2024`) and weekdays.

    `thứ 6` is Friday far more often than "the sixth", and the translation names the day in
    words, so `thứ 2` to `thứ 7` are not read as numbers.
    """
    return [
        rf"(?P<skip>{_alt(['thứ'])}{_SP}+[2-7](?!\d))",
        rf"(?P<vd>(?:{_VI_DAY}{_SP}+)?(?P<vd_d>\d{{1,2}}){_SP}+{_VI_MONTH}{_SP}+"
        rf"(?P<vd_m>\d{{1,2}})(?:(?:{_SP}+{_VI_YEAR}{_SP}+|/)(?P<vd_y>\d{{4}}))?{_END})",
        rf"(?P<vn>{_VI_DAY}{_SP}+(?P<vn_d>\d{{1,2}})[/-](?P<vn_m>\d{{1,2}})"
        rf"(?:[/-](?P<vn_y>\d{{4}}|\d{{2}}))?{_END})",
        rf"(?P<vt>{_VI_MONTH}{_SP}+(?P<vt_m>\d{{1,2}})"
        rf"(?:(?:{_SP}+{_VI_YEAR}{_SP}+|/)(?P<vt_y>\d{{4}}))?{_END})",
    ]


def _time_patterns(loc: _Locale) -> list[str]:
    patterns = [
        rf"(?P<tc>(?<![\d.,:])(?P<tc_h>\d{{1,2}}):(?P<tc_m>\d{{2}})(?::\d{{2}})?{_END}"
        rf"(?:{_SP}?(?P<tc_ap>[ap]\.?m\.?(?!\w)))?)",
        rf"(?P<th>(?<![\d.,:])(?P<th_h>\d{{1,2}}){_SP}?h{_SP}?(?P<th_m>\d{{2}})(?!\d))",
        # news agencies' "0200GMT", "1430 UTC": a 24-hour clock without a colon
        rf"(?P<tz>(?<![\d.,:])(?P<tz_h>[01]\d|2[0-3])(?P<tz_m>[0-5]\d){_SP}?(?:GMT|UTC)(?!\w))",
    ]
    hour = _alt(loc.hour_words) if loc.hour_words else _NEVER
    minute = rf"(?:{_SP}?{_alt(loc.minute_words)})?" if loc.minute_words else ""
    patterns.append(
        rf"(?P<tw>(?<![\d.,:])(?P<tw_h>\d{{1,2}})(?:[.:](?P<tw_m>\d{{2}}))?{_SP}?"
        rf"(?P<tw_word>{hour})"
        rf"(?:{_SP}?(?P<tw_m2>\d{{1,2}})(?!\d){minute}|{_SP}?(?P<tw_half>{_HALF}))?)"
    )
    return patterns


def _scale_words(loc: _Locale) -> str:
    """One scale word: spaced ones (`triệu`, `万`) or those written onto the digits (`35m`)."""
    items = []
    if loc.scales:
        items.append(f"(?:{_SP}|-)?{_alt(loc.scales)}")  # "101-Millionen-Pfund"
    if loc.attached_scales:
        items.append(rf"(?<=\d){_alt(loc.attached_scales)}")
    return "|".join(items)


def _number_pattern(loc: _Locale) -> str:
    """Digits with `.`/`,` or thousands spaces, then a percent, scale or ordinal suffix.

    Every suffix group exists in every locale (matching nothing where unused), so handlers
    read them without asking which locale built the pattern.
    """
    words = [w for w in loc.percent if w != "%"]
    pct = rf"{_SP}?%" + (rf"|{_SP}{_alt(words)}" if words else "")
    scale = _scale_words(loc) or _NEVER
    ordinal = rf"{_alt(loc.ordinal, bounded=False)}(?!\w)" if loc.ordinal else _NEVER
    return (
        rf"(?P<n>(?P<n_pp>百分之{_SP}?)?(?P<n_num>\d+(?:(?:[.,]|{_SP}(?=\d{{3}}(?!\d)))\d+)*)"
        rf"(?:(?P<n_pct>{pct})|(?P<n_scale>(?:{scale})+)|(?P<n_ord>{ordinal}))?)"
    )


@dataclass(frozen=True)
class _Compiled:
    """The patterns of one locale (see `_compiled`)."""

    main: re.Pattern[str]
    prefix: re.Pattern[str]
    number_only: re.Pattern[str]
    range_gap: re.Pattern[str]
    day_gap: re.Pattern[str]
    scale: re.Pattern[str]


def _prefix_pattern(loc: _Locale, code: str) -> str:
    """What may precede the first digit of a mention, spelt backwards (see `_scan`)."""
    alternatives = []
    if loc.months:
        months = _alt(loc.months, cased=loc.months_cased, backwards=True)
        alternatives.append(rf"(?:{_SP}+(?:ed|led|fo))?{_SP}+,?\.?{months}(?!\w)")
    if code == "vi":
        cues = _alt([*_VI_DAY_WORDS, "tháng", "thứ"], backwards=True)
        alternatives.append(rf"{_SP}+{cues}(?!\w)")
    alternatives += [
        f"{_SP}?之分百", f"{_SP}?第", "'",
        rf"{_SP}?\.?v(?![\w.])",
        r"[A-Za-z-]*[A-Za-z](?![\w-])",
    ]
    return "|".join(alternatives)


@lru_cache(maxsize=None)
def _compiled(code: str) -> _Compiled:
    """The patterns of one locale, compiled once.

    One alternation: at a given position the first alternative that matches wins, so the
    specific shapes (versions, identifiers, dates, times) come before plain numbers.
    """
    loc = _LOCALES.get(code, _GENERIC)
    currencies = "|".join(_CURRENCIES)
    alternatives = [
        rf"(?P<ver>(?<![\w.])(?P<ver_t>v\.?{_SP}?\d+(?:\.\d+)+)(?!\w|\.\d))",
        r"(?P<sq>(?<![\w-])[kcm]?m[23](?!\w))",  # "120 km2": a unit, not an identifier or a 2
        rf"(?P<code>(?<![\w-])(?!(?:{currencies})\.?{_SP}?\d)"
        rf"(?P<code_t>[A-Za-z][A-Za-z-]*\d[A-Za-z\d]*(?:-[A-Za-z\d]+)*)(?!\w))",
        *(_vi_patterns() if code == "vi" else ()),
        *_month_patterns(loc),
        rf"(?P<cj>(?:(?P<cj_y>\d{{4}}){_SP}*[年년]{_SP}*)?(?P<cj_m>\d{{1,2}}){_SP}*[月월]"
        rf"(?:{_SP}*(?P<cj_d>\d{{1,2}}){_SP}*[日号號일])?)",
        rf"(?P<iso>(?<![\d.,/:-])(?P<iso_y>\d{{4}})(?P<iso_s>[-/.])(?P<iso_m>\d{{1,2}})"
        rf"(?P=iso_s)(?P<iso_d>\d{{1,2}}){_END})",
        rf"(?P<nd>(?<![\d.,/:-])(?P<nd_a>\d{{1,2}})(?P<nd_s>[/.-])(?P<nd_b>\d{{1,2}})"
        rf"(?P=nd_s)(?P<nd_y>\d{{4}}|\d{{2}}){_END})",
        *_time_patterns(loc),
        r"(?P<ay>(?<![\w'])'(?P<ay_y>\d{2})(?!\d|'))",
        rf"(?P<zo>第{_SP}?(?P<zo_n>\d+))",
        _number_pattern(loc),
    ]
    gap_words = ("-", "~", *loc.range_words)
    scale_words = [*loc.scales, *loc.attached_scales]
    return _Compiled(
        main=re.compile("|".join(alternatives), re.IGNORECASE),
        prefix=re.compile(_prefix_pattern(loc, code), re.IGNORECASE),
        number_only=re.compile(_number_pattern(loc), re.IGNORECASE),
        range_gap=re.compile(rf"{_SP}*{_alt(gap_words)}{_SP}*", re.IGNORECASE),
        day_gap=re.compile(
            rf"\.?(?:{_SP}*(?:[,&]|{_alt([*gap_words, *loc.list_words])}))+{_SP}*", re.IGNORECASE),
        scale=re.compile(_alt(scale_words) if scale_words else _NEVER, re.IGNORECASE),
    )


# --------------------------------------------------------------------------- parsing


class _Found(NamedTuple):
    """A mention under construction: offsets into the text, plus its scale for ranges.

    A named tuple rather than a frozen dataclass: one is built per number, and it is cheaper.
    """

    start: int
    end: int
    values: frozenset[Value]
    kind: str
    locale_ok: bool = True
    scale: tuple[int, ...] = ()


def _clean(x: float) -> float:
    """Drop binary noise (1.2 × 10⁴ = 12000.000000000002) so that values compare exactly."""
    return float(f"{x:.12g}")


_SEP_SPLIT = re.compile(f"([.,]|{_SP})")
_PIECE = re.compile(r"[^ \u00a0\u202f\u2009]+")


def _grouped(groups: list[str], lakh: bool) -> bool:
    head, rest = groups[0], groups[1:]
    if 1 <= len(head) <= 3 and all(len(g) == 3 for g in rest):
        return True
    return lakh and len(head) <= 2 and all(len(g) == 2 for g in rest[:-1]) and len(rest[-1]) == 3


class _Reading(NamedTuple):
    """The readings of one digit token (named tuples here: they are built per number)."""

    values: tuple[float, ...]
    locale_ok: bool
    fraction: bool  # a decimal part was written


def _read(groups: list[str], seps: list[str], decimal: str, group_chars: str,
          lakh: bool) -> tuple[float, bool] | None:
    """Value of a digit token under one convention (and whether it has a decimal part), or
    None when the token breaks the convention."""
    frac = None
    if seps and seps[-1] == decimal:
        frac, groups, seps = groups[-1], groups[:-1], seps[:-1]
    if seps and (len(set(seps)) > 1 or seps[0] not in group_chars
                 or not _grouped(groups, lakh and seps[0] == ",")):
        return None
    digits = "".join(groups)
    return (float(f"{digits}.{frac}"), True) if frac is not None else (float(digits), False)


def _parse_token(token: str, loc: _Locale) -> _Reading | None:
    """Candidate values of a digit token and whether it follows `loc`; None if unreadable.

    A token valid in the text's own convention has that one reading. Otherwise it is written
    the foreign way, and every foreign reading stays a candidate (`1.000` in French: 1 or 1000).
    """
    if token.isdigit():
        return _Reading((float(token),), True, False)
    parts = _SEP_SPLIT.split(token)
    groups, seps = parts[0::2], parts[1::2]
    if loc.decimal:
        native = _read(groups, seps, loc.decimal, loc.groups, loc.lakh)
        if native is not None:
            return _Reading((native[0],), True, native[1])
    readings = [r for r in (_read(groups, seps, ".", "," + _GROUP_SPACES, True),
                            _read(groups, seps, ",", _DOT_GROUPS, False)) if r is not None]
    if not readings:
        return None
    values = tuple(dict.fromkeys(value for value, _ in readings))
    return _Reading(values, not loc.decimal, any(fraction for _, fraction in readings))


def _quantity_kind(token: str, reading: _Reading) -> str:
    if reading.fraction:
        return "decimal"
    if len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100:
        return "year"
    return "int"


def _scale_factors(text: str, loc: _Locale) -> tuple[int, ...]:
    """Factors of a run of scale words: `mil millones` is 10⁹, `万亿` 10¹², `35m` 35 or 35e6."""
    factors = [1]
    for word in _compiled(loc.code).scale.findall(text):
        key = _key(word)
        options = loc.scales.get(key) or loc.attached_scales.get(key) or (1,)
        factors = [f * g for f in factors for g in options]
    return tuple(dict.fromkeys(factors))


def _quantity(m: re.Match[str], loc: _Locale, start: int, token: str, suffixed: bool,
              reading: _Reading | None) -> _Found:
    """One number token (parsed already), with the suffix of `m` applied when `suffixed`."""
    if reading is None:  # 2.1.3, 192.168.1.1, 1,2,3
        end = m.end("n_num") if suffixed else start + len(token)
        return _Found(end - len(token), end, frozenset({token}), "version")
    kind = _quantity_kind(token, reading)
    values: Iterable[float] = reading.values
    scale: tuple[int, ...] = ()
    if suffixed:
        if m.group("n_pct") or m.group("n_pp"):
            kind = "percent"
        elif m.group("n_scale"):
            scale = _scale_factors(m.group("n_scale"), loc)
            kind = "decimal" if kind == "decimal" else "int"
            values = [_clean(v * f) for v in reading.values for f in scale]
        elif m.group("n_ord"):
            kind = "ordinal"
    end = m.end() if suffixed else start + len(token)
    if kind == "year" and _DECADE.match(m.string, end):
        # "the 1980s" is also "the 80s" (Vietnamese "thập kỷ 80", German "die 80er")
        values = [*values, float(int(token) % 100)]
    return _Found(start, end, frozenset(values), kind, reading.locale_ok, scale)


_SPACED = re.compile(_SP)
_DECADE = re.compile(r"'?s(?!\w)")  # "1980s", "1980's"


def _on_number(m: re.Match[str], loc: _Locale) -> list[_Found]:
    token, start = m.group("n_num"), m.start("n_num")
    parsed = _parse_token(token, loc)
    if parsed is not None or not _SPACED.search(token):
        return [_quantity(m, loc, m.start("n"), token, True, parsed)]
    # "in 2019 100 people": spaces that do not group thousands separate numbers.
    pieces = list(_PIECE.finditer(token))
    return [_quantity(m, loc, start + p.start(), p.group(), i == len(pieces) - 1,
                      _parse_token(p.group(), loc))
            for i, p in enumerate(pieces)]


def _date(y: int, mo: int, d: int | None) -> tuple[int, int, int] | None:
    """A valid (y, m, d), 0 standing for a part not given; None when impossible."""
    if 1 <= mo <= 12 and (d is None or 1 <= d <= 31):
        return (y, mo, d or 0)
    return None


def _year(text: str | None) -> int:
    if not text:
        return 0
    y = int(text)
    return y + (2000 if y < 50 else 1900) if len(text) == 2 else y


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _date_readings(m: re.Match[str], loc: _Locale, kind: str) -> set[tuple[int, int, int] | None]:
    g = m.group
    if kind in ("mdy", "dmy", "my"):
        month = loc.months.get(_key(g(f"{kind}_mon")), 0)
        day = None if kind == "my" else int(g(f"{kind}_d"))
        return {_date(_year(g(f"{kind}_y")), month, day)}
    if kind in ("vd", "vn"):
        return {_date(_year(g(f"{kind}_y")), int(g(f"{kind}_m")), int(g(f"{kind}_d")))}
    if kind == "vt":
        return {_date(_year(g("vt_y")), int(g("vt_m")), None)}
    if kind == "cj":
        return {_date(_year(g("cj_y")), int(g("cj_m")), _int(g("cj_d")))}
    if kind == "iso":
        return {_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))}
    a, b, y = int(g("nd_a")), int(g("nd_b")), _year(g("nd_y"))
    readings = set()
    if loc.date_order in ("dmy", "both"):
        readings.add(_date(y, b, a))
    if loc.date_order in ("mdy", "both"):
        readings.add(_date(y, a, b))
    return readings


def _on_date(m: re.Match[str], loc: _Locale) -> list[_Found]:
    values = frozenset(v for v in _date_readings(m, loc, m.lastgroup or "") if v is not None)
    if not values:
        return _numbers_in(m, loc)
    return [_Found(m.start(), m.end(), values, "date")]


def _on_time(m: re.Match[str], loc: _Locale) -> list[_Found]:
    kind = m.lastgroup or ""
    hour = int(m.group(f"{kind}_h"))
    minute = int(m.group(f"{kind}_m") or (m.group("tw_m2") if kind == "tw" else None) or 0)
    if kind == "tw" and m.group("tw_half"):
        minute = 30
    marker = {"tc": "tc_ap", "tw": "tw_word"}.get(kind)
    ampm = _AMPM.search(m.group(marker) or "") if marker else None
    if hour > (12 if ampm else 24) or minute > 59:
        return _numbers_in(m, loc)
    if ampm:
        hours = {hour % 12 + (12 if ampm.group(1).lower() == "p" else 0)}
    elif kind == "tz":
        hours = {hour}
    else:  # "午後7時", "7 giờ tối": the half of the day is often said in words
        hours = {hour, (hour + 12) % 24} if hour <= 12 else {hour}
    values: set[Value] = {(h, minute) for h in hours}
    if minute == 0:  # "10 giờ" may be 10 o'clock or 10 hours; 2 p.m. may be written 14
        values |= {float(hour), *(float(h) for h in hours)}
    return [_Found(m.start(), m.end(), frozenset(values), "time")]


def _on_code(m: re.Match[str], loc: _Locale) -> list[_Found]:
    text = m.group("code_t")
    values: set[Value] = {text.casefold()}
    # "mid-2024", "U23", "mid-70s": the number may be written alone on the other side.
    values.add(float(re.findall(r"\d+", text)[-1]))
    return [_Found(m.start("code_t"), m.end("code_t"), frozenset(values), "code")]


def _on_version(m: re.Match[str], loc: _Locale) -> list[_Found]:
    text = m.group("ver_t")
    value = re.sub(f"^[vV]\\.?{_SP}?", "", text)
    return [_Found(m.start("ver_t"), m.end("ver_t"), frozenset({value}), "version")]


def _on_short_year(m: re.Match[str], loc: _Locale) -> list[_Found]:
    """`'71`, `the '90s`: the century is the reader's guess from context, so each century of
    modern history is a candidate (Darwin was in Galápagos "in '35", i.e. 1835)."""
    y = int(m.group("ay_y"))
    values = frozenset({float(y), float(1800 + y), float(1900 + y), float(2000 + y)})
    return [_Found(m.start(), m.end(), values, "year")]


def _on_ordinal(m: re.Match[str], loc: _Locale) -> list[_Found]:
    return [_Found(m.start(), m.end(), frozenset({float(m.group("zo_n"))}), "ordinal")]


def _numbers_in(m: re.Match[str], loc: _Locale) -> list[_Found]:
    """Fallback when a date or time shape holds impossible values: read its plain numbers."""
    matches = _compiled(loc.code).number_only.finditer(m.string, m.start(), m.end())
    return [found for n in matches for found in _on_number(n, loc)]


_Handler = Callable[[re.Match[str], _Locale], list[_Found]]
_HANDLERS: dict[str, _Handler] = {
    "n": _on_number,
    "code": _on_code,
    "ver": _on_version,
    "zo": _on_ordinal,
    "ay": _on_short_year,
    **dict.fromkeys(("skip", "sq"), lambda m, loc: []),
    **dict.fromkeys(("mdy", "dmy", "my", "vd", "vn", "vt", "cj", "iso", "nd"), _on_date),
    **dict.fromkeys(("tc", "th", "tw", "tz"), _on_time),
}


_RANGE_GAP = 8  # longest " đến " / " bis " between the ends of a range


def _join_ranges(found: list[_Found], text: str, gap: re.Pattern[str]) -> list[_Found]:
    """Mark the two ends of `3-5` / `3 to 5` as a range; `2-3 million` scales both ends."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (b.start - a.end > _RANGE_GAP or a.kind not in QUANTITY_KINDS
                or b.kind not in QUANTITY_KINDS or not gap.fullmatch(text, a.end, b.start)):
            continue
        values = a.values
        if b.scale and not a.scale:
            values |= {_clean(v * f) for v in a.values if isinstance(v, float) for f in b.scale}
        out[i] = _Found(a.start, a.end, values, "range", a.locale_ok, a.scale or b.scale)
        out[i + 1] = _Found(b.start, b.end, b.values, "range", b.locale_ok, b.scale)
    return out


_DAY_GAP = 12  # longest ". und " / " until " between two days of a month
_DAY = re.compile(r"(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th|er|º)?", re.IGNORECASE)


def _join_days(found: list[_Found], text: str, gap: re.Pattern[str]) -> list[_Found]:
    """Date the bare days of a list or range of days in one month.

    "am 9. und 10. August" names the month once, after the last day, and "August 9 and 10"
    once, before the first, so the other day reads as a plain number on one side and a date
    on the other. A bare day next to a date takes its month and year (and keeps its number).
    """
    if not any(f.kind == "date" for f in found):
        return found
    out = list(found)

    def dated(day: _Found, date: _Found) -> _Found | None:
        bare = _DAY.fullmatch(text, day.start, day.end)
        if day.kind not in ("int", "range", "ordinal") or date.kind != "date" or bare is None:
            return None
        d = int(bare.group("d"))
        dates = [v for v in date.values if isinstance(v, tuple) and v[2]]
        if not dates:
            return None
        return _Found(day.start, day.end, frozenset({float(d), *((y, m, d) for y, m, _ in dates)}),
                      "date", day.locale_ok)

    def joined(a: _Found, b: _Found) -> bool:
        return b.start - a.end <= _DAY_GAP and gap.fullmatch(text, a.end, b.start) is not None

    for i in range(len(out) - 2, -1, -1):  # "9. und 10. August", "9, 10 and 11 August"
        if joined(out[i], out[i + 1]) and (day := dated(out[i], out[i + 1])) is not None:
            out[i] = day
    for i in range(len(out) - 1):  # "August 9 and 10"
        if joined(out[i], out[i + 1]) and (day := dated(out[i + 1], out[i])) is not None:
            out[i + 1] = day
    return out


_DIGIT = re.compile("[0-9]")
#: Longest stretch before a digit that can belong to its mention ("septiembre de ", "mồng ").
_PREFIX_REACH = 24


def _scan(norm: str, loc: _Locale) -> list[_Found]:
    """Read the mentions of a normalised text, jumping from digit to digit.

    Every mention holds a digit, so the pattern is tried only where one could start: at the
    first digit not yet read, or a few characters before it when a prefix ("March ", "ngày ",
    "COVID-", "第") precedes. The prefix is found by matching leftwards on the reversed text,
    which is far cheaper than trying every alternative at every position of the sentence.
    """
    patterns = _compiled(loc.code)
    found: list[_Found] = []
    pos = 0
    while (digit := _DIGIT.search(norm, pos)) is not None:
        at = digit.start()
        m = None
        before = patterns.prefix.match(norm[max(pos, at - _PREFIX_REACH):at][::-1])
        if before is not None and before.end():
            m = patterns.main.match(norm, at - before.end())
            if m is not None and m.end() <= at:
                m = None
        if m is None:
            m = patterns.main.match(norm, at)
        if m is None:  # unreachable: a digit is always a number
            pos = at + 1
            continue
        found += _HANDLERS[m.lastgroup or "n"](m, loc)
        pos = m.end()
    return _join_days(_join_ranges(found, norm, patterns.range_gap), norm, patterns.day_gap)


def has_digit(text: str) -> bool:
    """Whether `text` may hold a mention: every one has a digit, in any script. A text
    without one is settled before any reading."""
    return _ANY_DIGIT.search(text) is not None


def _normalised(text: str) -> str:
    """`text` with other digit scripts and fullwidth punctuation in ASCII (`_NORMALISE`),
    translated only when it holds a character to rewrite."""
    if text.isascii() or _NORMALISED_CHARS.search(text) is None:
        return text
    return text.translate(_NORMALISE)


def extract_numbers(text: str, lang: str | None, *, offset: int = 0) -> list[NumberMention]:
    """Every number, date, time and identifier with digits in `text`, read as `lang` writes them.

    `offset` is added to every span, for callers that extract from a slice of a larger text.
    """
    if not has_digit(text):
        return []
    norm = _normalised(text)
    return [
        NumberMention(f.start + offset, f.end + offset, text[f.start:f.end], f.values, f.kind,
                      f.locale_ok)
        for f in _scan(norm, _locale(lang))
    ]


# --------------------------------------------------------------------------- words, matching


@lru_cache(maxsize=None)
def _word_pattern(code: str) -> re.Pattern[str] | None:
    loc = _LOCALES.get(code, _GENERIC)
    alternatives = []
    bounded = loc.bounded_words
    scales = f"(?:{_SP}*{_alt(loc.scales, bounded=bounded)})*" if loc.scales else ""
    if loc.words:
        half = f"(?P<half>{_SP}+{_alt(loc.half_words, bounded=bounded)})?" if loc.half_words else ""
        alternatives.append(f"(?P<w>{_alt(loc.words, bounded=bounded)}){half}{scales}")
    if loc.scales:  # "a billion years" / "billion years": a scale word alone is its factor
        alternatives.append(f"(?P<sc>{_alt(loc.scales, bounded=bounded)}{scales})")
    if loc.months:
        alternatives.append(f"(?P<mon>{_alt(loc.months, cased=loc.months_cased)})")
    if not alternatives:
        return None
    left = r"(?<!\w)" if bounded else ""
    return re.compile(f"{left}(?:{'|'.join(alternatives)})", re.IGNORECASE)


def extract_number_words(text: str, lang: str | None, *, offset: int = 0) -> list[NumberMention]:
    """Small number words (`two`, `hai`, `两万`), scale words and bare month names in `text`.

    Too ambiguous to report on their own ("one of", "May I"), they only excuse a number that the
    other side writes in digits. Kinds: "word" (float values) and "month" ((0, m, 0)).
    """
    loc = _locale(lang)
    pattern = _word_pattern(loc.code)
    out = [
        NumberMention(m.start() + offset, m.end() + offset, m.group(),
                      frozenset({float(_roman_value(m.group()))}), "word")
        for m in _ROMAN_RE.finditer(text)
    ] if "I" in text or "V" in text or "X" in text else []
    if pattern is None:
        return out
    for m in pattern.finditer(text):
        groups = m.groupdict()
        values: frozenset[Value]
        if groups.get("mon"):
            values, kind = frozenset({(0, loc.months[_key(groups["mon"])], 0)}), "month"
        else:
            word = groups.get("w")
            base = loc.words[_key(word)] + (0.5 if groups.get("half") else 0) if word else 1
            factors = _scale_factors(text[m.end("w"):m.end()] if word else m.group(), loc)
            values, kind = frozenset(float(base * f) for f in factors), "word"
        out.append(NumberMention(m.start() + offset, m.end() + offset, m.group(), values, kind))
    return out


#: Roman numerals of two or more letters up to 39 ("Avatar II", "Henry VIII", "XX. Jahrhundert"),
#: as a whole word; "I", "V" and "X" alone are too often something else.
_ROMAN_RE = re.compile(r"(?<![\w'’-])(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})(?![\w'’-])")
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman_value(numeral: str) -> int:
    values = [_ROMAN[ch] for ch in numeral]
    return sum(-v if v < w else v for v, w in zip(values, values[1:] + [0]))


def values_match(a: NumberMention, b: NumberMention) -> bool:
    """Whether two mentions can stand for the same thing; a date part given as 0 matches any."""
    if not a.values.isdisjoint(b.values):
        return True
    if a.kind in ("date", "month") and b.kind in ("date", "month"):
        return any(
            all(p == q or p == 0 or q == 0 for p, q in zip(x, y))
            for x in a.values if isinstance(x, tuple)
            for y in b.values if isinstance(y, tuple)
        )
    return False


def format_number(value: float, lang: str | None) -> str:
    """`value` written the way `lang` writes numbers (English when the language is unknown)."""
    loc = _locale(lang)
    decimal = loc.decimal or "."
    group = "," if decimal == "." else "."
    if group not in loc.groups:
        group = "\u00a0"
    text = f"{value:.12g}"
    if "e" in text:
        text = f"{value:.0f}"
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}".replace(",", group) + (decimal + frac if frac else "")


# --------------------------------------------------------------------------- units


class Measure(NamedTuple):
    """The unit written after a number: what it measures, whether it is metric, its size in
    the metric base unit of its dimension (m, m², kg, l, km/h; 0 for temperatures, which are
    converted by formula), and where the unit ends in the text."""

    dimension: str
    metric: bool
    factor: float
    end: int


def _unit_table() -> dict[str, tuple[str, bool, float]]:
    """Unit words of the languages mtlint reads, lower-case NFC, by dimension and system.

    `degrees` alone is taken for Fahrenheit and `Grad` or `°` alone for Celsius: a bare degree
    only ever meets a conversion when the other side names the other scale's value.
    """
    groups = [
        ("length", False, 0.3048, "feet|foot|ft|ft.|fuß|fuss|pieds|pied|pies|pie"),
        ("length", False, 0.0254, "inches|inch|zoll|pouces|pulgadas"),
        ("length", False, 0.9144, "yards|yard|yd|yds"),
        ("length", False, 1609.344, "miles|mile|mi|meilen|meile|milles|millas"),
        ("length", True, 1000.0, ("km|kilometres|kilometers|kilometre|kilometer|kilometern|"
                                  "kilomètres|kilomètre|kilómetros|chilometri|quilômetros")),
        ("length", True, 1.0, "m|metres|meters|metre|meter|metern|mètres|mètre|metros|metro|metri"),
        ("length", True, 0.01, ("cm|centimetres|centimeters|zentimeter|zentimetern|centimètres|"
                                "centímetros")),
        ("length", True, 0.001, "mm|millimetres|millimeters|millimeter|millimetern"),
        ("area", False, 4046.8564224, "acres|acre"),
        ("area", False, 0.09290304, "square feet|sq ft|quadratfuß"),
        ("area", False, 2589988.110336, "square miles|sq mi|quadratmeilen"),
        ("area", True, 1e6, ("km2|km²|square kilometres|square kilometers|quadratkilometer|"
                             "quadratkilometern|kilomètres carrés")),
        ("area", True, 1e4, "ha|hectares|hectare|hektar|hectáreas|ettari"),
        ("area", True, 1.0, ("m2|m²|square metres|square meters|quadratmeter|quadratmetern|"
                             "mètres carrés")),
        ("mass", False, 0.45359237, "pounds|pound|lbs|lb|pfund|livres"),
        ("mass", False, 0.028349523125, "ounces|ounce|oz|unzen|onces"),
        ("mass", True, 1.0, "kg|kilograms|kilogrammes|kilogram|kilogramme|kilogramm|kilo|kilos"),
        ("mass", True, 0.001, "g|grams|grammes|gramm"),
        ("mass", True, 1000.0, "tonnes|tonne|tonnen"),
        ("volume", False, 3.785411784, "gallons|gallon|gallonen|gal"),
        ("volume", True, 1.0, "l|litres|liters|litre|liter|litern|litros"),
        ("volume", True, 0.001, "ml|millilitres|milliliters|milliliter"),
        ("speed", False, 1.609344, "mph|miles per hour|miles an hour|meilen pro stunde"),
        ("speed", True, 1.0, ("km/h|kmh|kph|kilometres per hour|kilometers per hour|"
                              "stundenkilometer|stundenkilometern|kilometer pro stunde")),
        ("temperature", False, 0.0, ("°f|° f|degrees fahrenheit|degree fahrenheit|fahrenheit|"
                                     "grad fahrenheit|degrees|degree")),
        ("temperature", True, 0.0, ("°c|° c|degrees celsius|degree celsius|celsius|grad celsius|"
                                    "grad|degrés celsius|degrés|grados|°")),
    ]
    return {word: (dimension, metric, factor)
            for dimension, metric, factor, words in groups for word in words.split("|")}


_UNITS = _unit_table()
#: A unit after a number, or after the second end of a range ("5-10 acres", "2 bis 4 Hektar").
_UNIT_AFTER = re.compile(
    rf"(?:{_SP}*(?:-|–|to|bis|and|und|à|a){_SP}*\d[\d.,]*)?(?:{_SP}*|-)(?P<unit>{_alt(_UNITS)})"
    r"(?![\w²])", re.IGNORECASE)


def measure_after(text: str, end: int) -> Measure | None:
    """The unit of the number that ends at `end` in `text` ("161 feet", "8-foot", "49 Metern")."""
    m = _UNIT_AFTER.match(text, end)
    if m is None:
        return None
    return Measure(*_UNITS[_key(m.group("unit"))], m.end())


def _close(value: float, exact: float, temperature: bool) -> bool:
    """A converted value, rounded the way translators round: within 5 %, to one significant
    figure (32.2 °C written 30 °C), or within a degree."""
    slack = max(0.05 * abs(exact), 1.0 if temperature else 0.0)
    return abs(value - exact) <= slack or (exact != 0 and value == float(f"{exact:.1g}"))


def converts(a: NumberMention, ua: Measure, b: NumberMention, ub: Measure) -> bool:
    """Whether `b` is `a` converted between imperial and metric units ("80 feet" / "24 Meter")."""
    if ua.dimension != ub.dimension or ua.metric == ub.metric:
        return False
    imp, ui, met, um = (b, ub, a, ua) if ua.metric else (a, ua, b, ub)
    temperature = ua.dimension == "temperature"
    for x in (v for v in imp.values if isinstance(v, float)):
        for y in (v for v in met.values if isinstance(v, float)):
            if temperature:
                as_metric, as_imperial = (x - 32) * 5 / 9, y * 9 / 5 + 32
            else:
                as_metric, as_imperial = x * ui.factor / um.factor, y * um.factor / ui.factor
            if _close(y, as_metric, temperature) or _close(x, as_imperial, temperature):
                return True
    return False
