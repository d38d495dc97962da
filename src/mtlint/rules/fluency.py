"""Fluency rules: phrases said twice (MT201) and sentences cut in two (MT202).

Both read the translation alone. When the original is given it serves as a witness: repetition
the author wrote, or a sentence the author split, is never blamed on the translation.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from operator import eq

from mtlint.model import Document, Segment, Severity, Span
from mtlint.rules.registry import Issue, RuleContext, rule
from mtlint.rules.residue import (
    SENTENCE_END,
    aligned_sources,
    base_language,
    excerpt,
    is_residue,
    title_block,
    word_count,
)
from mtlint.rules.words import ROMAN_RE

#: A repeated phrase counts when its second occurrence starts within this many words of the
#: end of the first (sentence ends included).
WINDOW = 12
#: Longer copies are whole sentences, which the sentence comparison finds.
LONGEST_PHRASE = 36
#: Two sentences are copies when rapidfuzz's ratio of their word sequences reaches this...
DUPLICATE_SENTENCE_RATIO = 95
#: ...and they have at least this many words (two CJK characters count as one).
DUPLICATE_SENTENCE_WORDS = 5
#: How many sentences apart a near copy (not an exact one) may stand.
DUPLICATE_SENTENCE_WINDOW = 50
#: Two original sentences behind two copies are "the same" from this ratio.
SOURCE_DUPLICATE_RATIO = 90
#: The original vouches for a repetition only when its own copies are this close (words, or
#: Vietnamese syllables, between them): a long Vietnamese sentence says a two-syllable word
#: ("ý tưởng", "phòng cấp cứu") twice at a distance without repeating itself.
SOURCE_GAP = 2
#: ...or when it says this many different pairs of content words again within the window.
ECHOED_PAIRS = 3
#: ...and only at about the same place: the original's stretch from its first copy to its
#: second, and the translation's second copy, as shares of their sentences, lie at most this
#: far apart.
PLACE_SLACK = 0.2
#: A text with more sentences starting in lower case than this many, or this share, does not
#: write sentence case at all; its lower-case starts are no evidence of a cut.
LOWER_CASE_STARTS = 3
LOWER_CASE_SHARE = 0.3
#: A piece of a split original sentence with at most this many words can be a fragment.
FRAGMENT_MAX_WORDS = 4
#: A word rarer than this (Zipf) before a full stop, that starts one of the language's
#: `COMMON_WORDS` commonest words, is a clipped abbreviation ("emerg." for "emergency").
CLIPPED_ZIPF = 3.0
COMMON_WORDS = 10000
#: An immediately repeated run of CJK characters this long is a duplicated phrase.
CJK_REPEAT_CHARS = 4

#: Words, with numbers kept whole ("2.5", "1,300", "7:30") so quantities never share parts.
_WORD_RE = re.compile(r"\d+(?:[.,:/]\d+)*|\w+(?:['’\-]\w+)*")
#: `_WORD_RE` for ASCII text, where its Unicode classes are the ASCII ones: the same matches,
#: found a fifth faster.
_ASCII_WORD_RE = re.compile(_WORD_RE.pattern, re.ASCII)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = f"\u3040-\u30ff{_HAN}"
_CJK_REPEAT = re.compile(rf"([{_CJK_RUN}]{{{CJK_REPEAT_CHARS},30}}?)[，、,\s]?\1")
_HAN_RE = re.compile(f"[{_HAN}]")
#: The original echoes itself: a run of three CJK characters again within 30 characters.
_CJK_ECHO = re.compile(rf"([{_CJK_RUN}]{{3,}}).{{0,30}}?\1")
#: A full stop closing a word, followed by whitespace and a next word (not consumed, so
#: "a. b. c" yields both stops). The word before does not end in another stop ("so... we").
_STOP_RE = re.compile(r"(?<!\S)(\S*?[^\s.…])\.(?=\s+(\S+))")
#: What every match of `_STOP_RE` contains; far cheaper to look for (no lookbehind to try at
#: every position), and absent from most sentences, whose only full stop ends them.
_STOP_HINT = re.compile(r"\.\s+\S")
_CLAUSE_PUNCT = frozenset(".,;:!?…)]}\"”»。，；：！？、")
_OPENING_PUNCT = "\"'“‘«„([{¿¡*"
_TRAILING_PUNCT = ".,;:!?…)]}\"'”’»"

#: Languages written without spaces between words: word n-grams mean nothing there.
_UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my"})
#: Languages whose scripts have no letter case: the lower-case tests do not apply.
_CASELESS = frozenset(
    {"zh", "ja", "ko", "th", "lo", "km", "my", "hi", "mr", "ne", "bn", "pa", "gu", "ta", "te", "kn",
     "ml", "si", "ar", "fa", "ur", "he", "yi", "ka", "am"}
)
#: Languages where doubling a word is grammar (Vietnamese "từ từ", "xanh xanh", Indonesian
#: plurals, Korean adverbs): a doubled word there is an error only for the few function words
#: in `_NEVER_DOUBLED`.
_REDUPLICATING = frozenset({"vi", "id", "ms", "tl", "ko", "th", "zh", "ja", "km", "lo", "my"})

# Small per-language data tables. Stop words: function words that never make a repeated
# phrase meaningful on their own. Doubled: words that legitimately stand twice in a row.
_STOPWORDS_TEXT = {
    "en": """a an the and or but nor so yet of in on at to for from by with without into onto over
        under about above below after before between among through during since until upon within
        along across against toward towards around near off out up down as than that this these
        those there here it its it's itself he him his she her hers they them their we us our you
        your i me my who whom whose which what when where why how whether if then also too very
        just only even still again ever not no yes more most less least much many some any all
        both each every either neither other another such same own one two is are was were be
        been being am has have had having do does did done will would shall should can could may
        might must said says say according per via""",
    "fr": """le la les l un une des du de d et ou mais donc or ni car à au aux en dans par pour sur
        sous avec sans chez vers entre depuis pendant avant après contre selon comme que qu qui
        quoi dont où ce cet cette ces se sa son ses leur leurs mon ma mes notre nos votre vos il
        ils elle elles on nous vous je tu lui eux y ne pas plus moins très aussi bien tout tous
        toute toutes même est sont était étaient été être a ont avait avaient avoir fait sera
        seront peut si""",
    "de": """der die das den dem des ein eine einer einen einem eines und oder aber doch sondern
        denn in im an am auf aus bei beim mit nach seit von vom vor zu zum zur über unter um durch
        für gegen ohne zwischen während als wie dass ob wenn weil da so auch noch nur schon sehr
        mehr nicht kein keine er sie es wir ihr ich du man sich sein seine ihre ihren seinen ist
        sind war waren wird werden wurde wurden hat haben hatte hatten kann können soll sollen
        muss müssen diese dieser dieses welche welcher""",
    "es": """el la los las lo un una unos unas de del al y e o u ni pero sino que en con por para
        sin sobre entre desde hasta durante según como cuando donde quien cual su sus se le les
        me te nos mi tu este esta estos estas ese esa esos esas es son era eran fue fueron ser
        estar está están ha han había hay muy más menos también ya no sí todo todos toda todas""",
    "pt": """o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela para com
        sem sobre entre até desde e ou mas que se como quando onde seu sua seus suas ele ela eles
        elas é são foi foram ser estar está estão há tem têm muito mais menos também já não""",
    "it": """il lo la i gli le un uno una di del della dei degli delle a al alla ai agli alle da
        dal dalla in nel nella nei con su sul sulla per tra fra e ed o ma che se come quando dove
        suo sua suoi sue è sono era erano stato essere ha hanno aveva molto più meno anche già
        non""",
    "nl": """de het een en of maar in op aan van voor met bij door naar om uit over tot als dat die
        dit deze is zijn was waren wordt worden heeft hebben niet ook er""",
    "pl": """i w we na z ze do od dla o po przez przy za pod nad a ale lub czy że jak to ten ta te
        jest są był była było były się nie tak też już""",
    "cs": """a i v ve na z ze do od pro o po přes při za pod nad ale nebo že jak to ten ta je jsou
        byl byla bylo byly se si ne tak také už""",
    "vi": """và của là có được trong cho với các những một này đó đã sẽ đang thì mà để từ khi
        không cũng như về theo tại ra vào lại đến tới nhiều rất hơn nhất bị do nên nếu vì hay
        hoặc còn đều vẫn chỉ ở trên dưới sau trước giữa qua ông bà anh chị họ chúng tôi ta""",
    "ru": """и в во на с со к ко по из от до для о об у за под над при без через между а но или да
        не ни что чтобы как так же ли бы это этот эта эти тот та те он она оно они его её ее их
        мы вы я ты себя свой своя свои был была было были быть есть будет будут который которая
        которое которые также уже ещё еще очень более всё все весь только""",
    "uk": """і й в у на з зі до від для про по за під над при без через між а але або що як так же
        це цей ця ці той та ті він вона воно вони його її їх ми ви я ти був була було були бути
        є буде який яка яке які також вже ще дуже""",
}
_DOUBLED_TEXT = {
    "*": "ha haha ho he hi la na oh ah bla blah",
    "en": "had that is very so no yes bye really far long much well now go knock tick chop hip",
    "fr": "vous nous très si non oui",
    "de": "die der das den dem des sie ihr es sehr ja nein so",
    "es": "muy sí no",
    "pt": "muito sim não",
    "it": "molto sì no così",
    "nl": "die dat heel",
    "ru": "да нет так очень ну давно",
    "uk": "так ні дуже ну",
}
_NEVER_DOUBLED_TEXT = {
    "vi": "của và các những được trong với đã sẽ đang tại",
}
#: Words that open a prepositional or subordinate fragment ("At the district level.").
_FRAGMENT_OPENERS_TEXT = {
    "en": """at in on for with by from to into of which whom whose where while whereas mostly
        mainly especially particularly including except during under over between among about
        around through without within along across against toward towards""",
    "fr": """à au aux dans en pour avec par de du des sur sous chez vers dont notamment surtout
        principalement sauf lors pendant entre parmi""",
    "de": """in im am an auf mit für von vom zum zur bei beim nach aus über unter zwischen während
        durch gegen ohne um hauptsächlich insbesondere vor""",
    "es": """en con para por de del desde hasta sobre entre durante sin principalmente
        especialmente incluido incluidos excepto""",
    "pt": "em no na com para por de do da desde até sobre entre durante sem principalmente",
    "it": "in nel nella con per da dal dalla su sul tra fra durante senza soprattutto",
    "vi": "ở tại trong với cho từ đến về bởi chủ đặc nhất bao",
    "ru": """в во на с со для по из от до к у о об при за под над между через без особенно
        включая""",
}
#: Words that join a word to itself in idioms ("lots and lots", "step by step", "day after
#: day"): "and lots and lots" repeats "and lots" only on the surface.
_IDIOM_JOINERS = frozenset("and or by after upon und oder et ou par y o e и или".split())
#: Two-word openings that start full sentences despite a preposition ("At least 10 died.").
_SENTENCE_ADVERBS = frozenset(
    {"at least", "at most", "at first", "at last", "in fact", "of course", "for example",
     "for instance", "in turn", "in short", "by contrast", "after all", "above all", "for now"}
)


def _table(text: dict[str, str]) -> dict[str, frozenset[str]]:
    return {lang: frozenset(words.split()) for lang, words in text.items()}


_STOPWORDS = _table(_STOPWORDS_TEXT)
_DOUBLED = _table(_DOUBLED_TEXT)
_NEVER_DOUBLED = _table(_NEVER_DOUBLED_TEXT)
_FRAGMENT_OPENERS = _table(_FRAGMENT_OPENERS_TEXT)


class _Intervals:
    """Disjoint spans already reported, kept sorted: an overlap test costs a bisection, so a
    text that repeats one word thousands of times stays linear."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, end)
        return k > 0 and self._ends[k - 1] > start

    def add(self, start: int, end: int) -> None:
        k = bisect_left(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)


@rule("MT201", "duplicated-phrase", "Fluency/Repetition", Severity.MAJOR)
def duplicated_phrase(ctx: RuleContext) -> Iterable[Issue]:
    """A phrase, word or sentence said twice in a row, where the original says it once.

    What it does: looks for a phrase of content words repeated within a dozen words, across
    sentence ends ("on safety grounds and on safety grounds."), a doubled word ("the the"), a
    doubled run of CJK characters, and a sentence copied whole (rapidfuzz ratio ≥ 95 on five or
    more words). The second copy is reported, once per repetition. A phrase counts when it has
    two content words (or three words with one content word); when the copies are apart, only
    function words may separate them, or at most one content word with the copy closing its
    clause, so parallel structure ("the Ministry of Health and the Ministry of Education"),
    lists and names in a series stay quiet, as do idioms built on one repeated word ("step by
    step", "more and more") and the grammatical doubles of each language ("had had", "nous
    nous", "die die", Vietnamese "từ từ", Chinese 常常). Headings, captions and table cells are
    not compared with their neighbours. When the original is given and repeats itself at the
    same place in the sentence, or has the names and numbers of the phrase as often as the
    translation, the rule stays quiet. Two words said again after a comma to close a sentence
    that began before them ("their own mistakes, own mistakes.") are a stutter too.

    Why it matters: machine translation stutters when it loses track of a long sentence; the
    copy reads as careless editing and sometimes hides a dropped phrase.

    Example: "Schools kept pupils at home on safety grounds and on safety grounds."
    """
    lang = base_language(ctx.target_lang) or ""
    doc = ctx.target
    segments = ctx.target_segments
    kept = [not is_residue(seg.text, lang) for seg in segments]
    reported = _Intervals()
    originals: dict[tuple[int, ...], _Original | None] = {}
    issues: list[Issue] = []
    for _, copy in _copied_sentences(ctx, kept):
        seg = segments[copy]
        reported.add(seg.start, seg.end)
        issues.append(
            Issue(
                message=f"sentence repeated: '{excerpt(seg.text, 80)}'",
                spans=(Span("target", seg.start, seg.end),),
                suggestion="delete the second copy",
            )
        )
    if lang in _UNSPACED:
        candidates = _cjk_repeats(segments, kept, lang)
    else:
        candidates = _token_repeats(doc, segments, kept, lang)
    for cand in candidates:
        if reported.overlaps(cand.start, cand.end):
            continue
        if _original_repeats(ctx, cand, originals) or _quoted_refrain(doc.text, segments, cand):
            continue
        reported.add(cand.start, cand.end)
        both = excerpt(doc.text[cand.context_start : cand.end], 80)
        issues.append(
            Issue(
                message=f"{cand.what} repeated: '{both}'",
                spans=(Span("target", cand.start, cand.end),),
                suggestion=f"delete the second '{doc.text[cand.start : cand.end]}'",
            )
        )
    issues.sort(key=lambda issue: issue.spans[0].start)
    return issues


@dataclass(frozen=True, slots=True)
class _Repeat:
    """The second copy of a repeated phrase, [start, end), and what the original must show."""

    what: str  # "phrase" or "word"
    start: int
    end: int
    context_start: int  # start of the first copy, for the message
    positions: tuple[int, ...]  # target segment positions of both copies
    phrase: str  # the repeated text, as written in the translation


def _token_repeats(
    doc: Document, segments: Sequence[Segment], kept: Sequence[bool], lang: str
) -> Iterator[_Repeat]:
    stop = _STOPWORDS.get(lang)
    for positions in _runs(doc, segments, kept):
        norms = [w for pos in positions for w in _casefolded_words(segments[pos].text)]
        if not _may_repeat(norms, stop):
            continue
        run = _run(segments, positions)
        yield from _phrase_repeats(doc.text, run, stop)
        yield from _doubled_words(doc.text, run, lang)


def _casefolded_words(text: str) -> list[str]:
    """The casefolded words of `text`; ASCII text is folded whole, which is the same."""
    if text.isascii():
        return _ASCII_WORD_RE.findall(text.lower())
    return [w.casefold() for w in _WORD_RE.findall(text)]


def _may_repeat(norms: Sequence[str], stop: frozenset[str] | None) -> bool:
    """Whether a stream of words holds a doubled word, or a pair of words said twice with a
    word among them that can carry a phrase (`_is_stutter` wants one): every reported phrase
    or word needs one or the other, since a longer phrase repeats each of its pairs. Most
    sentences hold neither, and are settled here without the words' offsets."""
    if len(set(norms)) == len(norms):
        return False
    pairs = list(pairwise(norms))
    if len(set(pairs)) == len(pairs):
        # No pair said twice: only a doubled word is left (compared in C, word by next word).
        return any(map(eq, norms, norms[1:]))
    seen: set[tuple[str, str]] = set()
    for pair in pairs:
        if pair[0] == pair[1]:
            return True
        if pair in seen and any(_is_content(w, stop) and not w[0].isdigit() for w in pair):
            return True
        seen.add(pair)
    return False


@dataclass(frozen=True, slots=True)
class _Run:
    """A stream of words, column by column: casefolded form, offsets, sentence position."""

    norms: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    segs: list[int] = field(default_factory=list)

    def ends_sentence(self, k: int) -> bool:
        return k + 1 == len(self.norms) or self.segs[k + 1] != self.segs[k]


def _runs(doc: Document, segments: Sequence[Segment], kept: Sequence[bool]) -> list[list[int]]:
    """Segment positions of the word streams within which repetition is looked for: a
    block, or consecutive prose paragraphs (a paragraph duplicated into the next one is still
    a stutter)."""
    runs: list[list[int]] = []
    current: list[int] = []
    block: int | None = None
    title = title_block(doc)  # once: it walks every block
    for pos, seg in enumerate(segments):
        if not kept[pos]:
            continue
        if seg.block != block:
            if current and not (
                block is not None and _paragraphs_join(doc, block, seg.block, title)
            ):
                runs.append(current)
                current = []
            block = seg.block
        current.append(pos)
    if current:
        runs.append(current)
    return runs


def _run(segments: Sequence[Segment], positions: Sequence[int]) -> _Run:
    """The words of the segments at `positions`, as one stream."""
    run = _Run()
    for pos in positions:
        seg = segments[pos]
        found = list(_WORD_RE.finditer(seg.text))
        offset = seg.start
        run.norms.extend([m.group().casefold() for m in found])
        run.starts.extend([offset + m.start() for m in found])
        run.ends.extend([offset + m.end() for m in found])
        run.segs.extend([pos] * len(found))
    return run


def _paragraphs_join(doc: Document, a: int, b: int, title: int | None) -> bool:
    if b != a + 1 or a == title or b >= len(doc.blocks):
        return False
    first, second = doc.blocks[a], doc.blocks[b]
    if first.kind not in ("paragraph", "quote") or second.kind not in ("paragraph", "quote"):
        return False
    last = doc.text[first.start : first.end].rstrip().rstrip("\"'”’»)")[-1:]
    return bool(last) and last in SENTENCE_END


def _phrase_repeats(text: str, run: _Run, stop: frozenset[str] | None) -> Iterator[_Repeat]:
    """Maximal repeated n-grams (n ≥ 2) whose copies are close and not a parallel structure."""
    norms = run.norms
    seen: dict[tuple[str, str], list[int]] = {}
    taken_until = -1
    for j in range(len(norms) - 1):
        key = (norms[j], norms[j + 1])
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = [j]
            continue
        best: tuple[int, int] | None = None
        for i in reversed(earlier):
            if j - i > WINDOW + LONGEST_PHRASE:
                break
            if i > 0 and norms[i - 1] == norms[j - 1]:
                continue  # not maximal on the left: found from (i-1, j-1)
            n = 2
            while j + n < len(norms) and i + n < j and norms[i + n] == norms[j + n]:
                n += 1
            if i + n > j:
                continue
            # The longest copy first, then shorter ones: "never forget it and never forget it.
            # And then…" repeats "it and" too, across the sentence end, which is no stutter.
            for k in range(n, 1, -1):
                if best is not None and k <= best[1]:
                    break
                if _is_stutter(text, run, i, j, k, stop):
                    best = (i, k)
                    break
        earlier.append(j)
        if best is None or j <= taken_until:
            continue
        i, n = best
        last = j + n - 1
        taken_until = last
        yield _Repeat(
            "phrase",
            run.starts[j],
            run.ends[last],
            run.starts[i],
            (run.segs[i], run.segs[last]),
            text[run.starts[j] : run.ends[last]],
        )


def _is_stutter(
    text: str, run: _Run, i: int, j: int, n: int, stop: frozenset[str] | None
) -> bool:
    """Whether copies at i and j (n words each) read as a stutter rather than as style."""
    content = [w for w in run.norms[i : i + n] if _is_content(w, stop)]
    if not any(not w[0].isdigit() for w in content):
        return False
    weighty = n >= 3 if stop is None else len(content) >= 2 or n >= 3
    adjacent = j == i + n and run.segs[i] == run.segs[j]
    between = text[run.ends[j - 1] : run.starts[j]] if adjacent else ""
    glued = adjacent and between.isspace()
    # "in Hanoi in Hanoi" is a stutter, and so is "…their own mistakes, own mistakes." closing
    # a sentence that began before it; "thank you, thank you" is not.
    tail = (
        adjacent
        and between == ", "
        and run.ends_sentence(j + n - 1)
        and i > 0
        and run.segs[i - 1] == run.segs[i]
    )
    if not (weighty or glued or tail):
        return False
    if glued and n == 2 and not _IDIOM_JOINERS.isdisjoint(run.norms[i : i + n]):
        return False  # "and lots and lots", "lots and lots and": the idiom "lots and lots"
    last = j + n - 1
    if run.segs[i] != run.segs[last] and not run.ends_sentence(last):
        return False  # "…a crowdfunding campaign. The crowdfunding campaign raised…"
    gap = run.norms[i + n : j]
    if not gap:
        return True
    if len(gap) > WINDOW or stop is None or _is_content(gap[-1], stop):
        return False  # "1.5 million dong and 2.5 million dong": the copies qualify different words
    if sum(1 for w in gap if _is_content(w, stop)) > 1:
        return False
    # "…published in the coming weeks and in the coming weeks." closes its clause, while
    # "wrote to the city council and the city council replied" goes on, and so does 'the
    # other one is called "Ginger"': only punctuation attached to the word closes a clause.
    if run.ends_sentence(last):
        return True
    between = text[run.ends[last] : run.starts[last + 1]]
    attached = between.split(None, 1)[0] if between[:1].strip() else ""
    return not _CLAUSE_PUNCT.isdisjoint(attached)


def _is_content(word: str, stop: frozenset[str] | None) -> bool:
    """A word that carries meaning: not a stop word, not a lone letter ("p.m." is "p", "m")."""
    return len(word) > 1 and (stop is None or word not in stop)


def _doubled_words(text: str, run: _Run, lang: str) -> Iterator[_Repeat]:
    """"the the": a word typed twice with only a space between."""
    allowed = _DOUBLED["*"] | _DOUBLED.get(lang, frozenset())
    never = _NEVER_DOUBLED.get(lang)
    cased = lang not in _CASELESS
    norms, starts, ends, segs = run.norms, run.starts, run.ends, run.segs
    for k in range(len(norms) - 1):
        word = norms[k]
        if word != norms[k + 1] or segs[k] != segs[k + 1]:
            continue
        between = text[ends[k] : starts[k + 1]]
        if not between.isspace() or not any(ch.isalpha() for ch in word):
            continue
        if lang in _REDUPLICATING:
            if never is None or word not in never:
                continue
        elif word in allowed:
            continue
        if cased and text[starts[k]].isupper() and text[starts[k + 1]].isupper():
            continue  # a doubled name: "Bora Bora", "Baden Baden"
        yield _Repeat(
            "word", starts[k + 1], ends[k + 1], starts[k], (segs[k],), text[starts[k] : ends[k]]
        )


def _cjk_repeats(segments: Sequence[Segment], kept: Sequence[bool], lang: str) -> Iterator[_Repeat]:
    """Chinese and Japanese: a run of four or more characters written twice in a row.

    Reduplication doubles one or two characters (常常, 人々, 研究研究), and laughter or
    kana-only interjections repeat too (哈哈哈哈, ありがとうありがとう); those stay quiet.
    """
    if lang not in ("zh", "ja"):
        return
    for pos, seg in enumerate(segments):
        if not kept[pos]:
            continue
        for m in _CJK_REPEAT.finditer(seg.text):
            unit = m.group(1)
            if len(set(unit)) < 3 or len(_HAN_RE.findall(unit)) < 2:
                continue
            start = seg.start + m.end() - len(unit)
            yield _Repeat("phrase", start, seg.start + m.end(), seg.start + m.start(), (pos,), unit)


def _copied_sentences(ctx: RuleContext, kept: Sequence[bool]) -> list[tuple[int, int]]:
    """(first, copy) positions of prose sentences that occur twice, unless the original
    repeats them too. Only paragraphs take part: a headline repeated as a caption is scraping
    residue, a pull quote repeats on purpose, list items and cells repeat values ("8 a.m. to
    5 p.m.").

    Exact copies are found anywhere through a dictionary; near copies (a word changed) only
    within `DUPLICATE_SENTENCE_WINDOW` sentences of each other, where a stuttering translation
    puts them, so the cost stays linear in the length of the article.
    """
    if len(ctx.target_segments) < 2:
        return []  # a single sentence (a sentence pair's usual target) has nothing to copy
    from rapidfuzz import fuzz

    doc = ctx.target
    title = title_block(doc)
    items: list[tuple[int, str]] = []
    for pos, seg in enumerate(ctx.target_segments):
        if not kept[pos] or seg.block == title:
            continue
        if seg.block < len(doc.blocks) and doc.blocks[seg.block].kind != "paragraph":
            continue
        if word_count(seg.text) < DUPLICATE_SENTENCE_WORDS:
            continue
        items.append((pos, " ".join(_WORD_RE.findall(seg.text.casefold()))))
    copies: dict[int, int] = {}
    seen: dict[str, int] = {}
    for a, (pos_a, norm_a) in enumerate(items):
        if norm_a in seen:
            copies[pos_a] = seen[norm_a]
            continue
        seen[norm_a] = pos_a
        for pos_b, norm_b in items[a + 1 : a + 1 + DUPLICATE_SENTENCE_WINDOW]:
            if norm_b == norm_a or not 0.9 * len(norm_a) <= len(norm_b) <= len(norm_a) / 0.9:
                continue  # exact copies go through `seen`; others too unequal for a ratio of 95
            if fuzz.ratio(norm_a, norm_b, score_cutoff=DUPLICATE_SENTENCE_RATIO):
                copies[pos_b] = min(pos_a, copies.get(pos_b, pos_a))
    return [
        (first, copy) for copy, first in sorted(copies.items())
        if not _original_has_copies(ctx, first, copy)
    ]


def _original_has_copies(ctx: RuleContext, first: int, copy: int) -> bool:
    """Whether the original sentences behind two target copies are copies of each other."""
    if ctx.source is None or not ctx.beads:
        return False
    from rapidfuzz import fuzz

    src = aligned_sources(ctx, (first, copy))
    texts = [" ".join(_WORD_RE.findall(ctx.source_segments[i].text.casefold())) for i in src]
    return any(
        fuzz.ratio(a, b, score_cutoff=SOURCE_DUPLICATE_RATIO)
        for k, a in enumerate(texts)
        for b in texts[k + 1 :]
    )


def _quoted_refrain(text: str, segments: Sequence[Segment], cand: _Repeat) -> bool:
    """A short sentence said twice inside a quotation ('"… Y'all go ahead. Y'all go
    ahead."'): the speaker repeats it, the translation reports it."""
    first, second = segments[cand.positions[0]], segments[cand.positions[-1]]
    if first is second or second.index != first.index + 1:
        return False
    strip = _OPENING_PUNCT + _TRAILING_PUNCT + " "
    whole = all(
        seg.text.strip(strip).casefold() == text[a:b].strip(strip).casefold()
        for seg, a, b in ((first, cand.context_start, cand.context_start + len(cand.phrase)),
                          (second, cand.start, cand.end))
    )
    if not whole:
        return False
    # Inside a quotation: one is open before the refrain, or the refrain closes one (the
    # parity of straight quotes misleads where the text has a stray one before it).
    opened = text[: cand.context_start].rsplit("\n", 1)[-1]
    after = text[cand.end :].lstrip(".!?…,;: ")
    closes = bool(after) and after[0] in "\"”»"
    return closes or opened.count('"') % 2 == 1 or opened.count("“") > opened.count("”")


def _original_repeats(
    ctx: RuleContext, cand: _Repeat, seen: dict[tuple[int, ...], _Original | None]
) -> bool:
    """Whether the original, where it is aligned with the repetition, repeats itself too: the
    names or numbers of the phrase occur there as often as in the translation, or some phrase
    there is said twice where the translation says its phrase again. A long Vietnamese sentence
    that repeats a subject in its first half ("những con mèo … những con mèo") does not vouch
    for a phrase doubled at the end of its translation. `seen` keeps what each stretch of the
    original shows, so that a text repeating one word thousands of times is read once."""
    if ctx.source is None or not ctx.beads:
        return False
    src = tuple(aligned_sources(ctx, cand.positions))
    if src not in seen:
        seen[src] = _original(ctx, src) if src else None
    original = seen[src]
    if original is None:
        return False
    anchors = [
        _fold(w)
        for w in _WORD_RE.findall(cand.phrase)
        if w[0].isupper() or any(c.isdigit() for c in w)
    ]
    if anchors and all(original.counts[a] >= original.said[a] for a in anchors):
        return True
    return original.repeats_between(original.relative(cand.start), original.relative(cand.end))


@dataclass(frozen=True, slots=True)
class _Original:
    """A stretch of the original and the translation's sentences aligned with it: the words
    of both, and where the original repeats itself (disjoint stretches, as shares of its
    text, sorted)."""

    counts: Counter[str]
    said: Counter[str]
    starts: tuple[float, ...]
    ends: tuple[float, ...]
    #: Raw offsets where the translation's sentences here start and end, and the length of
    #: those before each (the last entry: all of them).
    seg_starts: tuple[int, ...]
    seg_ends: tuple[int, ...]
    before: tuple[int, ...]

    def relative(self, offset: int) -> float:
        """Where a raw offset of the translation falls in its sentences here, from 0 to 1."""
        k = bisect_left(self.seg_ends, offset)
        if k == len(self.seg_ends):
            return 1.0
        return (self.before[k] + max(offset - self.seg_starts[k], 0)) / (self.before[-1] or 1)

    def repeats_between(self, first: float, last: float) -> bool:
        """Whether a stretch where the original repeats itself lies within `PLACE_SLACK` of
        [first, last]: the one starting last before its end reaches furthest."""
        k = bisect_right(self.starts, last + PLACE_SLACK)
        return k > 0 and self.ends[k - 1] >= first - PLACE_SLACK


def _original(ctx: RuleContext, src: tuple[int, ...]) -> _Original:
    text = " ".join(ctx.source_segments[i].text for i in src)
    counts, starts, ends = _source_profile(text, base_language(ctx.source_lang) or "")
    beside = [
        ctx.target_segments[j] for j in sorted({j for i in src for j in ctx.source_to_bead[i].tgt})
    ]
    before = [0]
    for seg in beside:
        before.append(before[-1] + seg.end - seg.start)
    said = Counter(_fold(w) for seg in beside for w in _WORD_RE.findall(seg.text))
    return _Original(
        counts,
        said,
        starts,
        ends,
        tuple(seg.start for seg in beside),
        tuple(seg.end for seg in beside),
        tuple(before),
    )


@lru_cache(maxsize=64)
def _source_profile(
    text: str, lang: str
) -> tuple[Counter[str], tuple[float, ...], tuple[float, ...]]:
    """Folded word counts of an aligned original, and where it repeats itself (from the
    start of the first copy to the end of the second, as shares of the text, merged where
    they overlap): computed once per original text, however many repetitions its
    translation holds."""
    found = list(_WORD_RE.finditer(text))
    words = [m.group().casefold() for m in found]
    size = len(text) or 1
    places = [
        (found[a].start() / size, found[b].end() / size) for a, b in _self_repeats(words, lang)
    ]
    if not text.isascii():
        places += [(m.start() / size, m.end() / size) for m in _CJK_ECHO.finditer(text)]
    starts: list[float] = []
    ends: list[float] = []
    for a, b in sorted(places):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return Counter(_fold(w) for w in words), tuple(starts), tuple(ends)


def _self_repeats(words: list[str], lang: str) -> Iterator[tuple[int, int]]:
    """Where the original (its casefolded words) repeats itself, loosely, as word ranges
    [first, last]: a doubled word, a repeated pair of content words or triple of words a word
    or two apart, or, when several pairs of content words are said again within the window (a
    sentence that echoes itself in other words), each of them. Accents count: folded away,
    "đằng đẵng" would read as "đang đang", and "sâu" (deep) as the function word "sau"."""
    stop = _STOPWORDS.get(lang, frozenset())
    never = _NEVER_DOUBLED.get(lang, frozenset()) if lang in _REDUPLICATING else None
    last: dict[tuple[str, ...], int] = {}
    echoed: dict[tuple[str, ...], tuple[int, int]] = {}
    extended: dict[int, int] = {}  # distance between copies -> where the last one found ends
    for k in range(len(words) - 1):
        # A doubled word is grammar in reduplicating languages ("năm năm", "từ từ"), except
        # for the few function words that are never doubled.
        if words[k] == words[k + 1] and (never is None or words[k] in never):
            yield k, k + 1
        # Two content words, or three words with one, said again close by. A pair
        # with a function word proves nothing: Vietnamese writes syllables, and "những chiếc",
        # "của chúng ta" recur in any long sentence.
        for n in (2, 3):
            gram = tuple(words[k : k + n])
            content = sum(1 for w in gram if w not in stop)
            if len(gram) < n or content < (2 if n == 2 else 1):
                continue
            # A copy is extended once, from its first gram: the copy of a long sentence said
            # twice is not extended again from each of its words.
            if gram in last and extended.get(k - last[gram], -1) < k:
                first = last[gram]
                length = _copy_length(words, first, k, n)
                extended[k - first] = k + length
                if k - first - length <= SOURCE_GAP:
                    yield first, k + n - 1
            if n == 2 and k - last.get(gram, -10 * WINDOW) <= WINDOW + n:
                echoed[gram] = (last[gram], k + 1)
            last[gram] = k
    if len(echoed) >= ECHOED_PAIRS:
        yield from echoed.values()


def _copy_length(tokens: list[str], first: int, second: int, n: int) -> int:
    """Length of two copies of an n-gram once extended as far as the two agree (the words
    left between them are the gap: a sentence said twice has none, however long it is)."""
    end = len(tokens)
    while second + n < end and first + n < second and tokens[first + n] == tokens[second + n]:
        n += 1
    return n


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Case and accents folded, so "Nguyễn" in the original matches "Nguyen" in English."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@rule("MT202", "broken-sentence-boundary", "Fluency/Punctuation", Severity.MAJOR)
def broken_sentence_boundary(ctx: RuleContext) -> Iterable[Issue]:
    """A full stop that cuts a sentence in two, leaving a lower-case or verbless fragment.

    What it does: within a paragraph, reports a full stop followed by a word that starts in
    lower case ("…mostly in the north. according to figures compiled at the district level."),
    whether or not the segmenter split there. Abbreviations ("e.g.", "etc.", "approx.", the
    segmenter's abbreviation tables), initials, numbers ("am 3. oktober"), stylised names with
    an inner capital ("iPhone", "eBay", "mRNA"), URLs, list items, table cells, and words
    after a closing quote ('"We are ready." he said') are left alone, as are languages without
    letter case. When the original is given, a sentence it has as one but the translation as
    several (a 1-2 or 1-3 bead) is also reported when a later piece is a short fragment that
    opens with a preposition or subordinator ("At the district level."), or starts in lower
    case in another paragraph.

    Why it matters: a stray full stop makes a clause look like a sentence; readers stumble, and
    tools that count or align sentences miscount.

    Example: "About 2,400 hectares were under water, mostly in the north. according to figures
    compiled at the district level."
    """
    lang = base_language(ctx.target_lang) or ""
    doc = ctx.target
    segments = ctx.target_segments
    issues: list[Issue] = []
    flagged: set[int] = set()
    cased = lang not in _CASELESS and _writes_sentence_case(segments)
    if cased:
        for issue, start in _stray_stops(doc, segments, lang):
            flagged.add(start)
            issues.append(issue)
    if ctx.source is not None and ctx.beads:
        issues.extend(_split_fragments(ctx, lang, cased, flagged))
    issues.sort(key=lambda issue: issue.spans[0].start)
    return issues


def _stray_stops(
    doc: Document, segments: Sequence[Segment], lang: str
) -> Iterator[tuple[Issue, int]]:
    abbreviations = _abbreviations(lang)
    starts = [seg.start for seg in segments]
    for b, block in enumerate(doc.blocks):
        if block.kind in ("list_item", "cell") or not _STOP_HINT.search(
            doc.text, block.start, block.end
        ):
            continue
        for m in _STOP_RE.finditer(doc.text, block.start, block.end):
            before, after = m.group(1), m.group(2)
            if not _lower_start(after) or not _ends_word(before, abbreviations, lang):
                continue
            start = m.start(2)
            seg = _segment_at(segments, starts, start)
            end = seg.end if seg is not None and seg.block == b else block.end
            yield _cut_issue(doc.text, block.start, m.end(), start, end), start


def _writes_sentence_case(segments: Sequence[Segment]) -> bool:
    """Whether sentences in this text start with a capital: a text written all in lower case
    (a normalised corpus, a chat log) has no case evidence to offer."""
    lower = sum(1 for seg in segments if seg.text[:1].isalpha() and seg.text[:1].islower())
    return lower <= max(LOWER_CASE_STARTS, LOWER_CASE_SHARE * len(segments))


def _lower_start(word: str) -> bool:
    """A word that starts a sentence fragment: lower-case, not "iPhone", not a URL."""
    first = word[0]
    if not (first.isalpha() and first.islower()):
        return False
    core = word.rstrip(_TRAILING_PUNCT)
    if any(ch.isupper() for ch in core[1:]):
        return False
    return not any(ch in "./@:#" for ch in core)


def _ends_word(before: str, abbreviations: frozenset[str], lang: str) -> bool:
    """Whether the word before a full stop is an ordinary word, so the stop ends a sentence.
    Not a number, nor a Roman numeral where ordinals take a full stop ("Wilaya VI. in",
    "Ludwig XIV. war")."""
    word = before.lstrip(_OPENING_PUNCT)
    if len(word) < 2 or any(ch in "./@" for ch in word) or word[-1].isdigit():
        return False
    if ROMAN_RE.fullmatch(word) and _ordinal_period(lang):
        return False
    folded = word.casefold()
    return folded not in abbreviations and not _clipped(folded, lang)


def _clipped(word: str, lang: str) -> bool:
    """A clipped word written with a full stop ("emerg.", "approx.", "Gen."): rare as a word
    of its own, yet the start of a common one. The abbreviation tables cannot list them all."""
    from mtlint.lexicon import zipf

    if len(word) < 3 or not word.isalpha() or (zipf(word, lang) or 0.0) >= CLIPPED_ZIPF:
        return False
    common = common_words(lang)
    k = bisect_left(common, word)
    while k < len(common) and common[k].startswith(word):
        if len(common[k]) > len(word) + 1:  # "emerg" clips "emergency", not "emerge"
            return True
        k += 1
    return False


@lru_cache(maxsize=None)
def common_words(lang: str) -> tuple[str, ...]:
    """The language's commonest words (wordfreq), sorted for prefix search."""
    from mtlint.lexicon import has_frequencies

    if not has_frequencies(lang):
        return ()
    from wordfreq import top_n_list

    return tuple(sorted(top_n_list(lang, COMMON_WORDS)))


def _segment_at(segments: Sequence[Segment], starts: list[int], pos: int) -> Segment | None:
    k = bisect_right(starts, pos) - 1
    return segments[k] if k >= 0 and segments[k].start <= pos < segments[k].end else None


def _split_fragments(
    ctx: RuleContext, lang: str, cased: bool, flagged: set[int]
) -> Iterator[Issue]:
    """Pieces of one original sentence that the translation turned into fragments."""
    openers = _FRAGMENT_OPENERS.get(lang)
    abbreviations = _abbreviations(lang)
    doc = ctx.target
    for bead in ctx.beads:
        if len(bead.src) != 1 or len(bead.tgt) < 2:
            continue
        pieces = [ctx.target_segments[j] for j in sorted(bead.tgt)]
        for prev, piece in zip(pieces, pieces[1:]):
            if piece.start in flagged or not prev.text.rstrip().endswith("."):
                continue
            kind = doc.blocks[piece.block].kind if piece.block < len(doc.blocks) else "paragraph"
            if kind not in ("paragraph", "quote"):
                continue
            words = piece.text.split()
            if not words:
                continue
            lower = (
                cased
                and _lower_start(words[0])
                and _ends_word(prev.text.split()[-1][:-1], abbreviations, lang)
            )
            fragment = (
                openers is not None
                and len(_WORD_RE.findall(piece.text)) <= FRAGMENT_MAX_WORDS
                and words[0].strip(_OPENING_PUNCT).casefold() in openers
                and " ".join(words[:2]).casefold().strip(_TRAILING_PUNCT) not in _SENTENCE_ADVERBS
                and not any(ch in piece.text for ch in ",;:")
            )
            if lower or fragment:
                block = doc.blocks[prev.block] if prev.block < len(doc.blocks) else None
                lo = block.start if block is not None else prev.start
                yield _cut_issue(doc.text, lo, prev.end, piece.start, piece.end)


def _cut_issue(text: str, lo: int, stop_end: int, start: int, end: int) -> Issue:
    """"sentence cut in two: '…in the north.' | 'according to figures…'"."""
    before = text[lo:stop_end].split()
    left = " ".join(before[-3:])
    if len(before) > 3:
        left = "…" + left
    after = text[start:end].split()
    right = " ".join(after[:6]) + ("…" if len(after) > 6 else "")
    return Issue(
        message=f"sentence cut in two: '{left}' | '{right}'",
        spans=(Span("target", start, end),),
        suggestion="remove the full stop and join the fragment to its sentence",
    )


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> frozenset[str]:
    """Words that take a full stop without ending a sentence, from the segmenter's tables."""
    from mtlint.segment import abbreviation_table

    table = abbreviation_table()["languages"]
    words: set[str] = set()
    for scope in ("*", lang):
        for entries in table.get(scope, {}).values():
            for entry in entries:
                for part in entry.split():
                    words.add(part.rstrip(".").casefold())
    return frozenset(words)


@lru_cache(maxsize=None)
def _ordinal_period(lang: str) -> bool:
    """Whether the language writes ordinals with a full stop ("3.", "XIV."): the segmenter's
    table says."""
    from mtlint.segment import abbreviation_table

    return lang in abbreviation_table()["ordinal_period"]
