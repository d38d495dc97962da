"""Bilingual word lists shipped with mtlint: anchors for language pairs that share no cognates.

Numbers, names and cognates tie most translations to their originals, but Vietnamese and
English share almost no words: between two numbers, only lengths say which sentence is which,
and a dropped sentence can shift a whole run of pairings by one without any cost. A word list
gives such pairs what hunalign's dictionary gives it: a sentence and its translation share
dictionary entries ("bệnh viện" / "hospital"), a wrongly paired neighbour does not.

A list is a TSV file `data/dictionary-{a}-{b}.tsv`: a phrase of language `a` (lowercase, its
words separated by single spaces), a tab, and its translations in language `b` separated by
`|`. It serves both directions. Each entry becomes an anchor `d<line>` of every sentence that
contains the phrase or one of its translations; the aligner weighs these like its other
anchors, by how rare they are in the document.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: Words as the lists write them: letters (with their marks) and inner apostrophes or hyphens.
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: Languages whose words the lists give in their base form, and the endings their inflected
#: forms add, so that "hospitals" and "visited" find "hospital" and "visit".
_ENDINGS = {"en": ("s", "es", "ed", "d", "ing", "er", "ers")}


@dataclass(frozen=True)
class _Side:
    """One language's phrases of a list, each with the entries it belongs to."""

    phrases: dict[str, frozenset[int]]
    longest: int  # words in the longest phrase
    openers: frozenset[str]  # first words of the phrases of two words or more

    def anchors(self, text: str) -> frozenset[str]:
        """The entries whose phrases `text` contains, longest phrases first, without overlap
        ("bệnh viện", hospital, is not also "bệnh", illness)."""
        words = _words(text)
        found: set[int] = set()
        i = 0
        while i < len(words):
            longest = min(self.longest, len(words) - i) if words[i] in self.openers else 1
            for n in range(longest, 0, -1):
                entries = self.phrases.get(" ".join(words[i : i + n]))
                if entries is not None:
                    found.update(entries)
                    i += n
                    break
            else:
                i += 1
        return frozenset(f"d{k}" for k in found)


@dataclass(frozen=True)
class Dictionary:
    """A word list oriented from the original's language to the translation's."""

    source: _Side
    target: _Side


@cache
def dictionary(source_lang: str | None, target_lang: str | None) -> Dictionary | None:
    """The shipped list for this pair of languages, in either direction, or None."""
    if not source_lang or not target_lang:
        return None
    for (a, b), flipped in (((source_lang, target_lang), False), ((target_lang, source_lang), True)):
        sides = _load(a, b)
        if sides is not None:
            left, right = sides
            return Dictionary(right, left) if flipped else Dictionary(left, right)
    return None


@cache
def _load(a: str, b: str) -> tuple[_Side, _Side] | None:
    path = resources.files("mtlint").joinpath(f"data/dictionary-{a}-{b}.tsv")
    if not path.is_file():
        return None
    left: dict[str, set[int]] = defaultdict(set)
    right: dict[str, set[int]] = defaultdict(set)
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        phrase, _, translations = line.partition("\t")
        left[" ".join(_words(phrase))].add(number)
        for translation in translations.split("|"):
            for form in _forms(_words(translation), b):
                right[form].add(number)
    return _side(left), _side(right)


def _side(phrases: dict[str, set[int]]) -> _Side:
    phrases.pop("", None)
    return _Side(
        {phrase: frozenset(entries) for phrase, entries in phrases.items()},
        max((phrase.count(" ") + 1 for phrase in phrases), default=1),
        frozenset(phrase.split(" ", 1)[0] for phrase in phrases if " " in phrase),
    )


def _forms(words: list[str], lang: str) -> set[str]:
    """A phrase and its inflected forms: the last word takes the language's endings (a final
    "e" or "y" as English spells them: "live"/"lived", "city"/"cities")."""
    if not words:
        return set()
    head, last = words[:-1], words[-1]
    variants = {last}
    for ending in _ENDINGS.get(lang, ()):
        variants.add(last + ending)
        if last.endswith("e") and ending[0] in "ei":
            variants.add(last[:-1] + ending)
        if last.endswith("y") and ending in ("s", "es", "ed"):
            variants.add(last[:-1] + ("ies" if ending != "ed" else "ied"))
    return {" ".join([*head, variant]) for variant in variants}


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(unicodedata.normalize("NFC", text).casefold().replace("’", "'"))
