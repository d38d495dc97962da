"""What a translation must carry over from its original: entities (MT107) and substance (MT108).

Both compare the two sides of the alignment and both put precision first. A good translation
changes the form of many entities on purpose (acronyms are localised, exonyms replace names,
"Hà Nội" becomes "Hanoi"), and human translators shorten and lengthen freely, so MT107 only
looks for an entity nowhere in the translation, and only for entities that should survive
translation; MT108 only flags a length far outside the document's own habits.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from mtlint.glossary import fold
from mtlint.lexicon import SOURCE_COMMON_ZIPF, lang_scripts, script, zipf
from mtlint.model import Bead, Segment, Severity, Span
from mtlint.rules.registry import Issue, RuleContext, rule
from mtlint.rules.residue import excerpt, word_count
from mtlint.rules.words import ROMAN_RE, URL_RE

# --- MT107 thresholds ------------------------------------------------------------------------

#: A name is checked only if one of its words is rare as a word of the original's language
#: (Zipf below this; "Bertoni" makes "Giulia Bertoni" a name): common words ("Biển Đông",
#: the East Sea) and names famous enough to have a form of their own in each language
#: ("Allemagne", "Londres") are translated...
NAME_SOURCE_ZIPF = 4.0
#: ...and if the target language knows it nearly as well as the original's does (diacritics
#: folded): a word of the original's language ("Bahnhof": de 3.9, en 1.3) is not a name.
NAME_MARGIN = 2.0
#: A name of two words or more, all of them common words of the original's language (Zipf ≥
#: 3.5) and clearly more frequent there than in the target's (by this much), is made of words
#: that a translation translates ("Almighty God" / "allmächtiger Gott", "Long Range Acoustic
#: Devices"), not a name it keeps. Given names are international ("Hans": de 5.0, en 3.8;
#: "Stefano": it 4.6, en 3.1), so a personal name stays checked; a surname alone may lean to
#: its language as much ("Lindner": de 3.9, en 2.3), so a single word stays checked too.
OWN_WORD_MARGIN = 1.5
#: In languages that capitalise every noun, only runs of capitalised words can be names, and
#: only if the target language knows their words (Zipf ≥ this): a German compound is not.
NAME_TARGET_ZIPF = 1.5
_NOUN_CAPITALISING = frozenset({"de", "lb"})
#: A name of one word that neither language's word list knows this well (Zipf) is not checked:
#: it is as likely a term the original capitalises ("những trùng Amip", amoebas) as a name.
NAME_KNOWN_ZIPF = 1.0
#: rapidfuzz ratio from which a target name counts as the source name in the target language's
#: spelling, both reduced to their stems (`_name_stem`): "Tunisia"/"Tunesien",
#: "Catalonia"/"Katalonien", "Nguyen"/"Nguyễn".
NAME_SIMILARITY = 80
#: Spellings of one sound that languages write differently, in the order they are replaced
#: ("Baluchistan"/"Belutschistan", "Aeschylus"/"Aischylos", "Tories"/"Torys").
_SPELLINGS = (("tsch", "ch"), ("sch", "sh"), ("ph", "f"), ("th", "t"), ("c", "k"), ("y", "i"),
              ("z", "s"))
#: Endings a language adds to a name it adopts or drops from one ("Bulgaria"/"Bulgarien",
#: "Canaries"/"Kanaren", "Balearic"/"Balearen"), longest first; a stem keeps 4 letters.
_NAME_ENDINGS = ("ien", "ies", "iks", "ia", "ie", "ik", "en", "es", "us", "os", "a", "e", "s",
                 "i", "o")
_MIN_STEM = 4
#: An acronym is checked only if the target language knows it (Zipf ≥ this): "NASA", "ASEAN",
#: not a local acronym that is translated in full ("UBND", "THPT").
ACRONYM_TARGET_ZIPF = 2.5
#: A segment whose letters are mostly capitals is a headline in capitals, not acronyms.
CAPITALS_SHARE = 0.5
#: A word in capitals beside another (a dateline, a label) is an ordinary word, not an acronym,
#: when it is this common (Zipf) in the original's language: "NEW", "VALLEY", not "FDA".
CAPITALS_WORD_ZIPF = 4.0

#: Acronyms that translations localise: one group per organisation or thing; any member found
#: in the translation stands for any other.
LOCALISED_ACRONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "EU UE ЕС EC",
        "UN ONU LHQ UNO OON ООН",
        "NATO OTAN НАТО",
        "USA US EEUU EE.UU UE.UU США Mỹ",
        "UK RU GB",
        "WHO OMS ВОЗ",
        "IMF FMI МВФ IWF",
        "WTO OMC ВТО",
        "AIDS SIDA СПИД",
        "HIV VIH ВИЧ",
        "DNA ADN ДНК DNS",
        "RNA ARN РНК",
        "GDP PIB BIP ВВП GNP",
        "CEO PDG",
        "USSR URSS UdSSR SSSR СССР",
        "OECD OCDE OCSE ОЭСР",
        "NGO ONG NRO НКО",
        "VAT TVA IVA MwSt GTGT НДС",
        "UFO OVNI НЛО",
        "HCMC TP HCM TPHCM",
        "ISIS IS EI",
    )
)
_ACRONYM_GROUPS = {member: group for group in LOCALISED_ACRONYMS for member in group}
#: English abbreviations that translations spell out, with the stems of the words they become
#: (folded, found anywhere in the folded translation, so inflected forms count: "britischen",
#: "Premierministers", "Abgeordneten").
SPELLED_OUT_ACRONYMS: dict[str, tuple[str, ...]] = {
    "UK": ("britisch", "britannien", "britannique", "royaume-uni", "britanic", "reino unido",
           "regno unito", "brittan", "brytyj", "brytani", "британ", "anh quoc"),
    "PM": ("premier", "prime minister", "primer ministr", "primo ministr", "primeiro-ministr",
           "премьер", "thu tuong"),
    "MP": ("abgeordnet", "depute", "diputad", "deputat", "parlamentar", "kamerlid", "posel",
           "депутат", "dai bieu"),
}

#: Vietnamese surnames: a capitalised run starting with one is a personal name, which a
#: translation keeps (with or without diacritics) however common its syllables are.
_VI_SURNAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý".split()
)
#: Languages that put spaces between syllables: every word of a name there must be rare.
_SYLLABLE_SPACED = frozenset({"vi"})
#: Lowercase words that may sit inside a name ("Ministry of Health", "Rio de Janeiro"): they
#: neither end a run of capitals nor count as its words.
_NAME_LINKS = frozenset(
    "of for and the de del della des du da do la le von van der den di y e et und".split()
)

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_HANDLE_RE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]{2,30}\b")
_HASHTAG_RE = re.compile(r"(?<![\w&#])#\w*[^\W\d_]\w*")
#: Each kind with the text that any match must contain (a URL may start "www." instead):
#: most sentences contain none, and are spared the scans (the e-mail pattern is the costly one).
_MARKED_KINDS = (("url", URL_RE, "://"), ("e-mail", _EMAIL_RE, "@"),
                 ("handle", _HANDLE_RE, "@"), ("hashtag", _HASHTAG_RE, "#"))
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_UPPER = "".join(
    chr(cp) for cp in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
    if chr(cp).isupper()
)
_UPPER_RE = re.compile(f"[{_UPPER}]")
_LETTER_RE = re.compile(r"[^\W\d_]")
#: A word starting with a Latin capital: a candidate acronym or a word of a name. An
#: apostrophe ends a word, so that elisions ("l'OTAN") and possessives ("Obama's") fall off.
#: The capital is matched first and the lookbehind (no word character before it) checked
#: after it, so the regex engine jumps from capital to capital instead of trying the
#: lookbehind at every position of the sentence.
_CAPITAL_WORD_RE = re.compile(rf"[{_UPPER}](?<!\w.)[^\W_]*")
_TRAILING = ".,;:!?)]}'\"”’»…"
#: Characters after which a word starts a sentence (or a quotation) and may be capitalised
#: for that reason alone.
_OPENERS = frozenset(".!?:;\"“”«»„(—–-…")


@dataclass(frozen=True, slots=True)
class _Entity:
    kind: str  # "url", "e-mail", "handle", "hashtag", "acronym", "name"
    text: str
    start: int  # offsets into the source document's prose view
    end: int


_KIND_SEVERITY = {"acronym": Severity.MINOR, "hashtag": Severity.MINOR}


@rule("MT107", "entity-mismatch", "Accuracy/Mistranslation", Severity.MAJOR, needs_source=True)
def entity_mismatch(ctx: RuleContext) -> Iterable[Issue]:
    """A URL, e-mail address, handle, hashtag, acronym or name of the original is missing.

    What it does: collects from each original sentence that has a counterpart the URLs,
    e-mail addresses, @handles and #hashtags, the acronyms (two or more capitals, or capitals
    with digits: "NASA", "G7") and, for originals and translations in Latin script, the names
    (capitalised words that do not start a sentence), then looks for each in the whole
    translation: URLs and addresses case-insensitively, without "https://" or "www."; names
    with case and diacritics folded ("Nguyễn Văn An" / "Nguyen Van An"), written together
    ("Hà Nội" / "Hanoi"), by any of their words ("Barack Obama" / "Obama") or in the target
    language's spelling (rapidfuzz ratio ≥ 80 of the stems, without the endings languages add:
    "Tunisia" / "Tunesien", "Catalonia" / "Katalonien"). Only entities that should survive
    translation are checked: an acronym must be known to the target language's word list
    (Zipf ≥ 2.5; "UBND" is translated in full as "People's Committee", "NASA" is not), and is
    also found as a localised form ("EU"/"UE", "NATO"/"OTAN", "UN"/"LHQ"), spelled out by the
    initials of capitalised words ("WHO" / "World Health Organization") or, for the English
    "UK", "PM" and "MP", in words ("Großbritannien", "Premierminister"); a name must be known
    to the target language nearly as well as to the original's ("Obama" is, "Allemagne" and
    "Biển Đông" are not: they are translated) and one of its words must be rare in the
    original's language (a surname: "Giulia Bertoni" is checked, "Giulia" alone is not; in
    Vietnamese, which spaces syllables, every one: "Thuỵ Sỹ" is Switzerland), unless it is
    a Vietnamese personal name; a name of several words that are all common words of the
    original's language, far more frequent there than in the target's, is translated too
    ("Almighty God" / "allmächtiger Gott").
    Roman numerals, words of headlines in capitals and common words of a phrase in capitals
    (the dateline "NEW DELHI (AP)") are not acronyms. Missing URLs,
    addresses, handles and names are major; acronyms and hashtags (sometimes localised on
    purpose) minor. Each entity is reported once, at its first occurrence.

    Why it matters: a dropped link or contact address makes the republished article useless
    for its purpose, and a name lost or translated as a common noun ("Mr. Forest" for
    "ông Lâm") changes who did what.

    Example: original "Đăng ký tại https://dichvucong.gov.vn trước ngày 5/3." /
    translation "Register on the public services portal before 5 March." → "URL
    'https://dichvucong.gov.vn' of the original is missing in the translation".
    """
    if ctx.source is None or not ctx.beads:
        return
    latin = "Latin" in lang_scripts(ctx.source_lang) and "Latin" in lang_scripts(ctx.target_lang)
    seen: set[tuple[str, str]] = set()
    for bead in ctx.beads:
        if not bead.tgt:
            continue  # an omitted sentence is MT103's finding, not a list of lost entities
        for i in bead.src:
            segment = ctx.source_segments[i]
            for entity in _entities(segment, ctx.source_lang, ctx.target_lang, latin):
                key = (entity.kind, fold(entity.text))
                if key in seen:
                    continue
                seen.add(key)
                # The translation is indexed (cached) only once an entity needs looking up:
                # most sentences hold none.
                if _present(entity, _target_index(ctx.target.text), ctx.target_lang):
                    continue
                spans = (
                    Span("source", entity.start, entity.end),
                    *_target_spans(ctx.target_segments, bead),
                )
                yield Issue(
                    f"{_LABELS[entity.kind]} '{entity.text}' of the original is missing in "
                    "the translation",
                    spans,
                    severity=_KIND_SEVERITY.get(entity.kind),
                    suggestion=entity.text if entity.kind in ("url", "e-mail", "handle") else None,
                )


_LABELS = {
    "url": "URL", "e-mail": "e-mail address", "handle": "handle", "hashtag": "hashtag",
    "acronym": "acronym", "name": "name",
}


def _target_spans(segments: Sequence[Segment], bead: Bead) -> tuple[Span, ...]:
    return tuple(Span("target", segments[j].start, segments[j].end) for j in bead.tgt)


# --- entities of an original sentence --------------------------------------------------------


def _entities(
    segment: Segment, source_lang: str | None, target_lang: str, latin: bool
) -> Iterator[_Entity]:
    text, base = segment.text, segment.start
    hidden: list[tuple[int, int]] = []
    lowered = text.lower()
    for kind, regex, hint in _MARKED_KINDS:
        if hint not in lowered and (kind != "url" or "www." not in lowered):
            continue  # the pattern cannot match without its telltale characters
        for m in regex.finditer(text):
            start, end = m.span()
            if any(a <= start < b for a, b in hidden):
                continue
            if kind == "url":
                end = start + len(m.group().rstrip(_TRAILING))
            hidden.append((start, end))
            yield _Entity(kind, text[start:end], base + start, base + end)
    if not latin:
        return
    capitals = [
        (m.start(), m.end(), m.group())
        for m in _CAPITAL_WORD_RE.finditer(text)
        if not hidden or not any(a <= m.start() < b for a, b in hidden)
    ]
    if not capitals:
        return
    acronyms = [w for w in capitals if w[2].isupper()]
    if acronyms and len(_UPPER_RE.findall(text)) <= CAPITALS_SHARE * len(
        _LETTER_RE.findall(text)
    ):  # not a headline in capitals
        for k, (start, end, word) in enumerate(acronyms):
            if (
                _is_acronym(word)
                and _acronym_checked(word, target_lang)
                and not _word_in_capitals(text, acronyms, k, source_lang)
            ):
                yield _Entity("acronym", word, base + start, base + end)
    for run in _name_runs(text, [w for w in capitals if not w[2].isupper()]):
        if _name_checked([w for _, _, w in run], source_lang, target_lang):
            start, end = run[0][0], run[-1][1]
            yield _Entity("name", text[start:end], base + start, base + end)


def _word_in_capitals(
    text: str, acronyms: Sequence[tuple[int, int, str]], k: int, source_lang: str | None
) -> bool:
    """Whether acronym candidate `k` is a common word of a phrase written in capitals, such
    as a dateline ("NEW DELHI (AP) -", "JURUPA VALLEY (CBSLA) -"): next to another word in
    capitals, and common in the original's language (Zipf ≥ `CAPITALS_WORD_ZIPF`)."""
    start, end, word = acronyms[k]
    neighbours = [*acronyms[max(0, k - 1) : k], *acronyms[k + 1 : k + 2]]
    beside = [
        other for other in neighbours
        if len(other[2]) >= 2 and not text[min(end, other[1]) : max(start, other[0])].strip(" -")
    ]
    return bool(beside) and source_lang is not None and (
        zipf(word.lower(), source_lang) or 0.0
    ) >= CAPITALS_WORD_ZIPF


def _is_acronym(word: str) -> bool:
    if len(word) < 2 or not word.isupper() or ROMAN_RE.fullmatch(word):
        return False
    if script(word) != "Latin":
        return False
    capitals = sum(ch.isupper() for ch in word)
    return capitals >= 2 or (capitals == 1 and any(ch.isdigit() for ch in word))


def _acronym_checked(word: str, target_lang: str) -> bool:
    if any(ch.isdigit() for ch in word):
        return True  # "G7", "H5N1", "F-35": codes, kept in every language
    known = zipf(word.lower(), target_lang)
    return known is None or known >= ACRONYM_TARGET_ZIPF


def _name_runs(
    text: str, words: Sequence[tuple[int, int, str]]
) -> Iterator[list[tuple[int, int, str]]]:
    """Runs of capitalised `words` joined by spaces, hyphens or a linking word ("Ministry of
    Health"), without the words that start a sentence or a quotation."""
    run: list[tuple[int, int, str]] = []
    for start, end, word in words:
        before = text[:start].rstrip(" ")
        if not before or before[-1] in _OPENERS:
            if run:
                yield run
            run = []
            continue  # capitalised because it starts a sentence
        if run:
            gap = text[run[-1][1] : start]
            if gap.strip(" -") and gap.strip() not in _NAME_LINKS:
                yield run
                run = []
        run.append((start, end, word))
    if run:
        yield run


def _name_checked(words: Sequence[str], source_lang: str | None, target_lang: str) -> bool:
    """Whether a translation should keep this name as it is (see MT107's docstring)."""
    if source_lang == "vi" and len(words) >= 2 and words[0].lower() in _VI_SURNAMES:
        return True
    if len(words) == 1 and source_lang and all(
        (zipf(form, lang) or 0.0) < NAME_KNOWN_ZIPF
        for form, lang in ((words[0].lower(), source_lang), (fold(words[0]), target_lang))
    ):
        return False  # no list knows it: a term the original capitalises ("trùng Amip") as likely
    source_zipfs: list[float] = []
    own_words = 0
    for word in words:
        if word in _NAME_LINKS:
            continue
        s = zipf(word.lower(), source_lang) if source_lang else None
        t = zipf(fold(word), target_lang)
        if s is None or t is None or t < s - NAME_MARGIN:
            return False
        if source_lang in _NOUN_CAPITALISING and t < NAME_TARGET_ZIPF:
            return False
        source_zipfs.append(s)
        own_words += s >= SOURCE_COMMON_ZIPF and s - t >= OWN_WORD_MARGIN
    if len(source_zipfs) > 1 and own_words == len(source_zipfs):
        return False  # "Almighty God": words a translation translates (OWN_WORD_MARGIN)
    # One rare word (a surname) makes the whole run a name, common first name included
    # ("Giulia Bertoni": "giulia" is it 4.4); a run of common words alone is translated.
    # Where spaces part syllables, not words, a run is one word: "Thuỵ Sỹ" is Switzerland.
    rare = [s < NAME_SOURCE_ZIPF for s in source_zipfs]
    if not any(rare) or (source_lang in _SYLLABLE_SPACED and not all(rare)):
        return False
    # where every noun is capitalised, one capitalised word is no evidence of a name
    return source_lang not in _NOUN_CAPITALISING or len(source_zipfs) > 1


# --- the translation side --------------------------------------------------------------------


class _TargetIndex:
    """The translation, prepared once for every lookup of the original's entities."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = text.casefold()  # URLs, addresses, handles
        self.folded = fold(text)  # case and diacritics folded
        words = _WORD_RE.findall(self.folded)
        self.words = frozenset(words) | {w[:-2] for w in words if w.endswith("'s")}

    @cached_property
    def squeezed(self) -> str:
        """Folded, without spaces or hyphens: "hanoi" finds "Ha Noi" and "Hà Nội"."""
        return re.sub(r"[\s\-]+", "", self.folded)

    @cached_property
    def capitalised(self) -> tuple[str, ...]:
        """Stems (`_name_stem`) of the capitalised words, for names in another spelling."""
        return tuple(dict.fromkeys(
            _name_stem(w) for w in _CAPITAL_WORD_RE.findall(self.text)
        ))

    @cached_property
    def initials(self) -> frozenset[str]:
        """Initials of runs of capitalised words: "WHO" for "World Health Organization"."""
        found: set[str] = set()
        words = [(m.start(), m.end(), m.group()) for m in _CAPITAL_WORD_RE.finditer(self.text)]
        run: list[tuple[int, int, str]] = []
        for word in [*words, None]:
            if word is not None and run:
                gap = self.text[run[-1][1] : word[0]]
                if not gap.strip(" -") or gap.strip() in _NAME_LINKS:
                    run.append(word)
                    continue
            letters = "".join(w[2][0] for w in run)
            found.update(
                letters[i:j] for i in range(len(letters))
                for j in range(i + 2, min(len(letters), i + 6) + 1)
            )
            run = [word] if word is not None else []
        return frozenset(found)


@lru_cache(maxsize=8)
def _target_index(text: str) -> _TargetIndex:
    return _TargetIndex(text)


def _present(entity: _Entity, target: _TargetIndex, target_lang: str) -> bool:
    kind, text = entity.kind, entity.text
    if kind == "url":
        bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", text.casefold()).rstrip("/")
        return bare in target.lowered
    if kind in ("e-mail", "handle"):
        return text.casefold() in target.lowered
    if kind == "hashtag":
        return fold(text[1:]) in target.folded
    if kind == "acronym":
        forms = _ACRONYM_GROUPS.get(text, frozenset({text}))
        return any(
            fold(form).replace(".", "") in target.words
            or fold(form) + "s" in target.words
            or form in target.initials
            for form in forms | {text}
        ) or any(stem in target.folded for stem in SPELLED_OUT_ACRONYMS.get(text, ()))
    return _name_present(text, target)


def _name_present(name: str, target: _TargetIndex) -> bool:
    folded = fold(name)
    parts = [w for w in _WORD_RE.findall(folded) if w not in _NAME_LINKS]
    if any(len(w) >= 2 and w in target.words for w in parts):
        return True
    squeezed = re.sub(r"[\s\-]+", "", folded)
    if len(squeezed) >= 4 and squeezed in target.squeezed:
        return True
    from rapidfuzz import process
    from rapidfuzz.fuzz import ratio

    for part in parts:
        if len(part) >= 5 and process.extractOne(
            _name_stem(part), target.capitalised, scorer=ratio, score_cutoff=NAME_SIMILARITY
        ):
            return True
    return False


@lru_cache(maxsize=16384)
def _name_stem(word: str) -> str:
    """A name as languages that adopt it may respell it: folded, one spelling per sound,
    doubled letters single, without the ending a language adds ("Tunesien" and "Tunisia" give
    "tunes" and "tunis"), so that the ratio compares what the two spellings share."""
    stem = fold(word)
    for written, sound in _SPELLINGS:
        stem = stem.replace(written, sound)
    stem = re.sub(r"(.)\1+", r"\1", stem)
    for ending in _NAME_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= _MIN_STEM:
            return stem[: -len(ending)]
    return stem


# --- MT108 -----------------------------------------------------------------------------------

#: Beads that estimate the document's length ratio: 1-1, aligned with this confidence, and
#: with an original of at least `ESTIMATE_MIN_CHARS` characters.
ESTIMATE_CONFIDENCE = 0.5
ESTIMATE_MIN_CHARS = 20
#: Fewer such beads than this, and the document's ratio is not known well enough.
MIN_ESTIMATE_BEADS = 8
#: Robust z-score (median and MAD of log length ratios) from which a bead is an outlier...
OUTLIER_Z = 4.0
#: ...with a floor on the spread, so that a document of very regular sentences does not turn
#: ordinary variation into outliers.
MIN_SPREAD = 0.2
#: A short translation: under this share of the length the document's ratio predicts, for an
#: original of at least `MIN_SOURCE_WORDS` words; under `FRAGMENT_SHARE`, major. Human
#: translators seldom go that short: 1 of 1,064 such 1-1 pairs of the vi→en TED talks (their
#: shortest 1 % stay above 0.63 of the prediction).
SHORT_SHARE = 0.5
FRAGMENT_SHARE = 0.25
MIN_SOURCE_WORDS = 12
#: A long translation: over this multiple of the prediction, with at least as many words.
LONG_FACTOR = 2.5


@rule(
    "MT108", "length-ratio-outlier", "Accuracy/Omission", Severity.MINOR, needs_source=True
)
def length_ratio_outlier(ctx: RuleContext) -> Iterable[Issue]:
    """A translated sentence far shorter (or longer) than the document's own ratio predicts.

    What it does: learns the document's length ratio (translation characters per original
    character, spaces left out) from its confident 1-1 beads (confidence ≥ 0.5, original ≥ 20
    characters, at least eight of them): the median of the log ratios and their spread (median
    absolute deviation, at least 0.2). A bead whose log ratio is four spreads or more below the
    median, whose original has at least 12 words, and whose translation is under half of the
    predicted length is reported as a probable truncation or omission inside the sentence; it
    is major when the translation is under 25% of the prediction (a fragment). The mirror case
    (four spreads above, over 2.5 times the prediction, at least 12 words) is reported as a
    probable addition. Beads next to an unmatched sentence are skipped: the aligner may have
    put the rest of the translation there (MT103 and MT104 report those).

    Why it matters: machine translation drops clauses of long sentences and sometimes
    hallucinates; neither shows in the translation alone, and human translators vary sentence
    length far less than that within one document.

    Example: a 30-word original sentence about evacuation figures rendered as "More than
    1,300 households." in an article whose translation otherwise runs 10% shorter than its
    original.
    """
    if ctx.source is None or not ctx.beads:
        return
    lengths = [
        (_chars(ctx.source_segments, b.src), _chars(ctx.target_segments, b.tgt))
        for b in ctx.beads
    ]
    logs = [
        math.log(t / s)
        for b, (s, t) in zip(ctx.beads, lengths)
        if len(b.src) == 1 and len(b.tgt) == 1 and b.confidence >= ESTIMATE_CONFIDENCE
        and s >= ESTIMATE_MIN_CHARS and t > 0
    ]
    if len(logs) < MIN_ESTIMATE_BEADS:
        return
    centre = statistics.median(logs)
    spread = max(1.4826 * statistics.median(abs(x - centre) for x in logs), MIN_SPREAD)
    ratio = math.exp(centre)
    for k, (bead, (s, t)) in enumerate(zip(ctx.beads, lengths)):
        if not bead.src or not bead.tgt or not _matched_neighbours(ctx.beads, k):
            continue
        z = (math.log(t / s) - centre) / spread
        predicted = s * ratio
        source_text = " ".join(ctx.source_segments[i].text for i in bead.src)
        target_text = " ".join(ctx.target_segments[j].text for j in bead.tgt)
        spans = (*_target_spans(ctx.target_segments, bead), *(
            Span("source", ctx.source_segments[i].start, ctx.source_segments[i].end)
            for i in bead.src
        ))
        share = t / predicted
        if z <= -OUTLIER_Z and share < SHORT_SHARE and word_count(source_text) >= MIN_SOURCE_WORDS:
            yield Issue(
                f"translation is {share:.0%} of the length its original predicts (the document "
                f"runs at {ratio:.2f}): part of '{excerpt(source_text, 60)}' may be missing",
                spans,
                severity=Severity.MAJOR if share < FRAGMENT_SHARE else None,
            )
        elif z >= OUTLIER_Z and share > LONG_FACTOR and word_count(target_text) >= (
            MIN_SOURCE_WORDS
        ):
            yield Issue(
                f"translation is {share:.1f} times the length its original predicts (the "
                f"document runs at {ratio:.2f}): '{excerpt(target_text, 60)}' may add to it",
                spans,
            )


def _chars(segments: Sequence[Segment], indices: Iterable[int]) -> int:
    return sum(len(segments[i].text) - segments[i].text.count(" ") for i in indices)


def _matched_neighbours(beads: Sequence[Bead], k: int) -> bool:
    return all(beads[n].src and beads[n].tgt for n in (k - 1, k + 1) if 0 <= n < len(beads))
