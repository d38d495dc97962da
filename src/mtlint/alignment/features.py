"""What survives translation: sentence lengths and anchors.

A translation changes the words but keeps numbers, URLs, names, much punctuation and many
cognates, and its length stays roughly proportional to the original. Each sentence is reduced to
a weighted length and a set of anchor features; a feature is shared by a source and a target
sentence when both contain the same number, the same name (up to diacritics and script), a
cognate pair, a word pair of the document's own lexicon (learnt in a second pass), or an entry
of a word list shipped for the language pair (`mtlint.alignment.dictionary`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

#: Ideographs carry about three Latin letters of meaning, kana and hangul about two, so weighted
#: lengths stay comparable across scripts and the length model's variance stays sane.
_IDEOGRAPH_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_HANGUL_RE = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_CJK_CHAR_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SPACE_RE = re.compile(r"\s+")

_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_NUM_SEP = "., \u00a0\u202f\u2009'\u2019"
_NUM_RE = re.compile(
    r"(?<!\d)(?:\d{1,3}(?:[" + _NUM_SEP + r"]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\d)"
)
_NUM_SPLIT_RE = re.compile("[" + _NUM_SEP + "]")
_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[^\W\d_]+")
_PUNCT_KEYS = {
    "?": "?", "？": "?", "¿": "?",
    "!": "!", "！": "!", "¡": "!",
    ":": ":", "：": ":",
    "(": "(", "[": "(", "（": "(", "【": "(",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', '"': '"', "「": '"', "」": '"',
    "『": '"', "』": '"', "‹": '"', "›": '"',
}
_PUNCT_RE = re.compile("[" + re.escape("".join(_PUNCT_KEYS)) + "]")
#: A sentence that opens a line of dialogue: a leading quotation mark (",,", «, », ' included)
#: or dash. Novels mark turns in every language, so turn openings pair up across a translation.
_TURN_RE = re.compile(r"\s*(?:[\"“”„«»‹›'‘’「『]|,,|--|[-–—―](?!\d))")

_FOLD_TABLE = str.maketrans(
    {
        "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe", "ß": "ss", "ı": "i", "þ": "th", "ð": "d",
        # Cyrillic, transliterated so that names match their Latin spelling.
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
    }
)

#: Letters from which a folded word may match across languages by its folded spelling alone or
#: by a near match, and the rapidfuzz ratio (0-100) a near match needs.
_NEAR_LETTERS = 5
_NEAR_RATIO = 85
#: Kinds of anchor and how much one of them is worth relative to a rare word: numbers, URLs,
#: punctuation, linked words, entries of a shipped word list (`mtlint.alignment.dictionary`).
_KIND_WEIGHT = {"n": 1.3, "u": 1.5, "p": 0.4, "w": 1.0, "d": 1.0}
#: Kinds that a faithful translation never loses: one missing on the other side of a bead is
#: evidence against the bead, so these count even when only one side of the document has them.
HARD_KINDS = frozenset("nu")
#: Kinds that say nothing of where a sentence belongs when found elsewhere (see
#: `FeatureSets.located`).
_UNLOCATED_KINDS = frozenset("d")
#: Word-list entries a sentence needs, none of them found anywhere on the other side, to count
#: as having no counterpart there (`FeatureSets.src_unmatched_entries`): one entry is often
#: rendered by a word the list does not give; in the vi→en TED talks, 19 of about 1,450
#: sentences with two or more entries have none of them in their English article.
MIN_UNMATCHED_ENTRIES = 2


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Case- and diacritic-insensitive form: 'Hà Nội' and 'Ha Noi' (and 'Москва', 'moskva') meet."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_FOLD_TABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def weighted_length(text: str) -> float:
    """Characters without spaces, CJK characters counted as the Latin letters they stand for."""
    bare = len(_SPACE_RE.sub("", text))
    if _CJK_CHAR_RE.search(text) is None:
        return float(bare)
    return float(
        bare + 2 * len(_IDEOGRAPH_RE.findall(text)) + len(_KANA_HANGUL_RE.findall(text))
    )


def canonical_number(token: str) -> str:
    """One spelling per value: '1.300', '1,300' and '1 300' → '1300'; '2,75' and '2.75' → '2.75'."""
    groups = _NUM_SPLIT_RE.split(token)
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        whole, frac = "".join(groups[:-1]), groups[-1].rstrip("0")
    else:
        whole, frac = "".join(groups), ""
    whole = whole.lstrip("0") or "0"
    return f"{whole}.{frac}" if frac else whole


@dataclass(frozen=True, slots=True)
class SentenceInfo:
    """What the aligner knows of one sentence."""

    length: float
    anchors: frozenset[str]
    words: tuple[str, ...]
    """Folded word tokens (CJK runs split into characters), in order, with repeats."""
    names: frozenset[str]
    """Folded capitalised tokens and runs of them joined ('Hà Nội' → 'hanoi')."""
    opens_turn: bool
    """Whether the sentence starts with a quotation mark or dash (a line of dialogue)."""
    marked: frozenset[str] = frozenset()
    """Folded words whose spelling had diacritics or another script (see `cognate_links`)."""

    def with_anchors(self, extra: frozenset[str]) -> SentenceInfo:
        """This sentence with more anchors (a word list's entries)."""
        return replace(self, anchors=self.anchors | extra) if extra else self


def analyse(text: str) -> SentenceInfo:
    anchors: set[str] = set()
    rest = text
    # The URL and number patterns are slow to fail; most sentences cannot match them at all.
    if "@" in text or "://" in text or "www." in text.lower():
        for url in _URL_RE.findall(rest):
            anchors.add("u" + url.lower().rstrip(".,;:!?)"))
        rest = _URL_RE.sub(" ", rest)
    if _DIGIT_RE.search(rest):
        for num in _NUM_RE.findall(rest):
            anchors.add("n" + canonical_number(num))
    for ch in _PUNCT_RE.findall(rest):
        anchors.add("p" + _PUNCT_KEYS[ch])
    words: list[str] = []
    names: set[str] = set()
    marked: set[str] = set()
    run: list[str] = []
    # Most sentences have no CJK at all: one search of the sentence spares one per word.
    has_cjk = _CJK_CHAR_RE.search(rest) is not None
    for token in _WORD_RE.findall(rest):
        if has_cjk and _CJK_CHAR_RE.search(token):
            words.extend(fold(ch) for ch in token)
            if run:
                run = _flush_name_run(run, names)
            continue
        folded = fold(token)
        words.append(folded)
        if folded != token.casefold():
            marked.add(folded)
        if token[0].isupper():
            names.add(folded)
            run.append(folded)
        elif run:
            run = _flush_name_run(run, names)
    _flush_name_run(run, names)
    return SentenceInfo(
        weighted_length(text),
        frozenset(anchors),
        tuple(words),
        frozenset(names),
        _TURN_RE.match(text) is not None,
        frozenset(marked),
    )


def _flush_name_run(run: list[str], names: set[str]) -> list[str]:
    if len(run) > 1:
        names.add("".join(run))
    return []


Links = Mapping[str, frozenset[str]]
"""Target word → the source words it may translate or spell (cognates, names, lexicon)."""


def cognate_links(src: Sequence[SentenceInfo], tgt: Sequence[SentenceInfo]) -> dict[str, set[str]]:
    """Names, identical words, and near-identical words of `_NEAR_LETTERS` letters or more.

    Near matches ('expedition' / 'expéditions', 'Aufscknaiter' / 'Aufschnaiter') come from a
    rapidfuzz ratio; comparing only words with the same first letter keeps this near-linear.
    Folding away diacritics makes short words of unrelated languages meet by chance: the
    Vietnamese syllables 'thế', 'thuyền' and 'thắng' fold to 'the', 'thuyen' and 'thang', which
    look like English 'the', 'then' and 'than'. So a short word needs the same spelling on
    both sides, diacritics included, and a near match needs a long word.
    """
    from rapidfuzz import fuzz, process

    src_vocab = _vocabulary(src)
    tgt_vocab = _vocabulary(tgt)
    marked = _marked(src) | _marked(tgt)
    links: dict[str, set[str]] = defaultdict(set)
    for word in src_vocab & tgt_vocab:
        if len(word) >= _NEAR_LETTERS or word not in marked:
            links[word].add(word)
    by_initial_src: dict[str, list[str]] = defaultdict(list)
    by_initial_tgt: dict[str, list[str]] = defaultdict(list)
    for word in src_vocab:
        if len(word) >= _NEAR_LETTERS:
            by_initial_src[word[0]].append(word)
    for word in tgt_vocab:
        if len(word) >= _NEAR_LETTERS:
            by_initial_tgt[word[0]].append(word)
    for initial, src_words in sorted(by_initial_src.items()):
        tgt_words = by_initial_tgt.get(initial)
        if not tgt_words:
            continue
        scores = process.cdist(src_words, tgt_words, scorer=fuzz.ratio, score_cutoff=_NEAR_RATIO, workers=1)
        for si, ti in zip(*scores.nonzero()):
            links[tgt_words[ti]].add(src_words[si])
    return links


def _marked(infos: Sequence[SentenceInfo]) -> set[str]:
    """Folded words that are not names and were spelt with diacritics or another script."""
    out: set[str] = set()
    for info in infos:
        out.update(info.marked - info.names)
    return out


def _vocabulary(infos: Sequence[SentenceInfo]) -> set[str]:
    vocab: set[str] = set()
    for info in infos:
        vocab.update(_linkable(info))
    return vocab


def _linkable(info: SentenceInfo) -> set[str]:
    """The sentence's words and names long enough to be linked across the sides."""
    return {w for w in info.words if len(w) >= 3} | {n for n in info.names if len(n) >= 2}


def lexicon_links(
    pairs: Sequence[tuple[SentenceInfo, SentenceInfo]],
    *,
    min_count: int = 2,
    min_dice: float = 0.5,
    max_pairs: int = 3000,
) -> dict[str, set[str]]:
    """Word pairs that keep turning up together in trusted 1-1 beads (Dice coefficient).

    This is hunalign's second pass without a dictionary: the document pair teaches itself a
    small lexicon ('Gletscher' ~ 'glacier') that the length model and cognates cannot see. An
    even sample of at most `max_pairs` beads is enough, and keeps memory flat on long documents;
    words in more than a tenth of the beads are function words and are left out.
    """
    step = max(1, len(pairs) // max_pairs)
    bags = [(set(s.words), set(t.words)) for s, t in pairs[::step]]
    src_count: Counter[str] = Counter(w for sw, _ in bags for w in sw)
    tgt_count: Counter[str] = Counter(w for _, tw in bags for w in tw)
    ceiling = max(min_count, len(bags) // 10)
    joint: Counter[tuple[str, str]] = Counter()
    for sw, tw in bags:
        sk = [w for w in sw if min_count <= src_count[w] <= ceiling]
        tk = [w for w in tw if min_count <= tgt_count[w] <= ceiling]
        joint.update((a, b) for a in sk for b in tk)
    best_for_src: dict[str, tuple[float, str]] = {}
    best_for_tgt: dict[str, tuple[float, str]] = {}
    dice_of: dict[tuple[str, str], float] = {}
    # Sorted, so that ties between equally good partners break the same way in every process
    # (set iteration order follows the per-process string hash seed).
    for (a, b), c in sorted(joint.items()):
        if c < min_count:
            continue
        dice = 2.0 * c / (src_count[a] + tgt_count[b])
        if dice < min_dice:
            continue
        dice_of[a, b] = dice
        if dice > best_for_src.get(a, (0.0, ""))[0]:
            best_for_src[a] = (dice, b)
        if dice > best_for_tgt.get(b, (0.0, ""))[0]:
            best_for_tgt[b] = (dice, a)
    links: dict[str, set[str]] = defaultdict(set)
    for (a, b) in dice_of:
        # Mutual best pairs only: a frequent function word co-occurs with everything.
        if best_for_src[a][1] == b and best_for_tgt[b][1] == a:
            links[b].add(a)
    return links


@dataclass(frozen=True)
class FeatureSets:
    """Anchor features of both sides as integer ids, with one weight per id."""

    src: tuple[frozenset[int], ...]
    tgt: tuple[frozenset[int], ...]
    weight: tuple[float, ...]
    hard: tuple[bool, ...]
    """Whether each feature is of a `HARD_KINDS` kind."""
    located: tuple[float, ...]
    """Each feature's weight as evidence of where a sentence belongs when it is found
    elsewhere (a moved sentence takes its numbers, names and cognates along): 0 for a word
    list's entries, common words that any sentence on the topic may share by chance."""
    src_orphan: tuple[float, ...]
    """Per source sentence, the share of its linkable words that no link joins to any word of
    the other side (see `orphan_share`)."""
    tgt_orphan: tuple[float, ...]
    src_unmatched_entries: tuple[bool, ...] = ()
    """Per source sentence, whether it holds `MIN_UNMATCHED_ENTRIES` or more entries of a
    shipped word list and the other side none of them anywhere: words a translation of it
    would have rendered, missing throughout (their anchors, one-sided, are dropped above)."""
    tgt_unmatched_entries: tuple[bool, ...] = ()

    def totals(self, side: Sequence[frozenset[int]], *, hard_only: bool = False) -> list[float]:
        """Anchor weight of every sentence of one side (of its hard anchors only, if asked)."""
        w, hard = self.weight, self.hard
        return [sum(w[f] for f in fs if hard[f] or not hard_only) for fs in side]


def feature_sets(
    src: Sequence[SentenceInfo], tgt: Sequence[SentenceInfo], links: Links
) -> FeatureSets:
    """Features both sides can share, weighted like an inverse document frequency.

    Linked words are grouped into concepts (connected groups of the link graph), so that
    'intéressante', linked to 'interessant' and 'interessanten', still counts once. A feature
    that exists on one side only says nothing about where a sentence goes, so it is dropped,
    unless it is a number or URL: those should have been translated, and their absence is what
    makes an omission or an addition. A rare feature is strong evidence, a common one little.
    """
    src_concept, tgt_concept = _concepts(links)
    src_keys = [_keys(info, src_concept) for info in src]
    tgt_keys = [_keys(info, tgt_concept) for info in tgt]
    df_src = Counter(k for keys in src_keys for k in keys)
    df_tgt = Counter(k for keys in tgt_keys for k in keys)
    ids: dict[str, int] = {}
    weights: list[float] = []
    k_src = min(max(len(src), 20), 100)
    k_tgt = min(max(len(tgt), 20), 100)
    hard: list[bool] = []
    located: list[float] = []
    for key in sorted(df_src.keys() | df_tgt.keys()):
        ds, dt = df_src.get(key, 0), df_tgt.get(key, 0)
        if ds and dt:
            idf = min(math.log1p(k_src / ds), math.log1p(k_tgt / dt))
        elif key[0] in HARD_KINDS:
            idf = math.log1p(k_src / ds) if ds else math.log1p(k_tgt / dt)
        else:
            continue
        ids[key] = len(weights)
        weights.append(idf * _KIND_WEIGHT[key[0]])
        hard.append(key[0] in HARD_KINDS)
        located.append(0.0 if key[0] in _UNLOCATED_KINDS else weights[-1])
    return FeatureSets(
        src=tuple(frozenset(map(ids.__getitem__, keys & ids.keys())) for keys in src_keys),
        tgt=tuple(frozenset(map(ids.__getitem__, keys & ids.keys())) for keys in tgt_keys),
        weight=tuple(weights),
        hard=tuple(hard),
        located=tuple(located),
        src_orphan=tuple(orphan_share(info, src_concept) for info in src),
        tgt_orphan=tuple(orphan_share(info, tgt_concept) for info in tgt),
        src_unmatched_entries=tuple(_unmatched_entries(keys, df_tgt) for keys in src_keys),
        tgt_unmatched_entries=tuple(_unmatched_entries(keys, df_src) for keys in tgt_keys),
    )


def _unmatched_entries(keys: set[str], other: Mapping[str, int]) -> bool:
    """See `FeatureSets.src_unmatched_entries`."""
    entries = [k for k in keys if k[0] in _UNLOCATED_KINDS]
    return len(entries) >= MIN_UNMATCHED_ENTRIES and not any(other.get(k) for k in entries)


def orphan_share(info: SentenceInfo, concept: Mapping[str, str]) -> float:
    """Share of a sentence's linkable words that have no counterpart anywhere in the other side.

    Such words leave no feature, so a line made only of them ('E-mail', 'News') looks as
    uninformative as an empty one, although its words say that the other side has nothing like
    it: the mark of a line added or dropped, not of a translated one. In a real translation most
    words have no cognate, so this says something only against what the document's matched
    sentences usually leave (see `CostModel.usual_orphan`). 0 for a sentence without such words.
    """
    words = _linkable(info)
    return sum(w not in concept for w in words) / len(words) if words else 0.0


def _concepts(links: Links) -> tuple[dict[str, str], dict[str, str]]:
    """Concept key of every linked source and target word (union-find over the links)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for tgt_word, src_words in links.items():
        for src_word in src_words:
            parent[find("s" + src_word)] = find("t" + tgt_word)
    src_concept: dict[str, str] = {}
    tgt_concept: dict[str, str] = {}
    for node in parent:
        (src_concept if node[0] == "s" else tgt_concept)[node[1:]] = "w" + find(node)
    return src_concept, tgt_concept


def _keys(info: SentenceInfo, concept: Mapping[str, str]) -> set[str]:
    keys = set(info.anchors)
    for word in set(info.words) | info.names:
        key = concept.get(word)
        if key is not None:
            keys.add(key)
    return keys


def merge_links(*parts: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    merged: dict[str, set[str]] = defaultdict(set)
    for part in parts:
        for key, values in part.items():
            merged[key].update(values)
    return {k: frozenset(v) for k, v in merged.items()}
