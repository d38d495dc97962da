"""Recall on artefacts injected into real human translations, and false alarms on the originals.

Data: the IWSLT 2015 Vietnamese–English TED test set tst2012 in ../shared/data/parallel-envi
(1,553 line-aligned human translations, Moses-tokenised; detokenised by `_data.detokenise`).
Consecutive lines make articles of 20-40 sentences (talk boundaries are unknown), with a
paragraph break every 4-6 sentences. Every article is checked as is (Vietnamese original,
English translation): findings of major severity or above there are false alarms on good human
translations, reported per 1,000 target sentences (raw, and without the findings listed in
`ACCEPTED`, which are real faults of the human translations); findings below major are counted
apart. Then, for each artefact family, a copy of
each article receives a few artefacts of that family in distant paragraphs, at sentences where
the clean check found nothing, and an artefact counts as found when a finding of its family
(any severity; the major+ column counts only major and critical ones) overlaps its span on
the same side, in raw offsets. An omission or addition finding may also span neighbours of the
sentence it reports, where the alignment cannot tell which one has no counterpart; the
pinpointed column counts the found omitted and added sentences that a finding reports itself
(quotes, or reports with no such neighbour), so that the widened spans do not flatter recall.

    .venv/bin/python benchmarks/inject_eval.py [--data DIR] [--seed N | --seeds K]
        [--per-article N] [--raw-source] [--show-false-alarms] [--show-misses FAMILY]

`--seeds K` runs seeds 1..K (each cuts the talks into articles and places the artefacts
differently) and prints each family's recall per seed and its lowest, so that a change is seen
to hold beyond one draw.

About a fifth of the Vietnamese lines are subtitle fragments without a final full stop (and
many start in lower case); joined into prose they make run-on "sentences" that stand for up to
eight English ones. By default those lines get a final full stop and a capital
(`_data.punctuate`), as the sentences of a published article would have; the English side is
never touched. `--raw-source` keeps them as they are; the false-alarm rate of that setting is
printed as well, for comparison.

Injections (deterministic for a seed):
  stray-token     a lowercase word of the aligned Vietnamese sentence inserted into the English
                  one, in brackets half of the time (words that are also common English words,
                  Zipf ≥ 3, like "an", "to", "con", are not used: they are not detectable)
  untranslated    an English sentence replaced by its Vietnamese original (≥ 5 words)
  omitted         an English sentence deleted (≥ 5 words); the span is the Vietnamese sentence
  added           a sentence (≥ 5 words) from a talk at least 300 lines away, not already in
                  the article, inserted
  number          a number that the English and Vietnamese sentences share changed
  duplicated      the last 2-4 words of a sentence (≥ 2 content words) said again before its end
  boundary        a sentence of ≥ 10 words cut in two with ". " and a lower-case continuation
  residue         "This story first appeared on …", "Scroll to top", "By …" or "Source: https://…"
                  at the top or the foot of the article, as its own paragraph or in the last one
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from _data import (
    Article,
    Hit,
    chunk_articles,
    data_argument,
    fmt,
    hits,
    overlaps,
    punctuate,
    read_lines,
    require,
)

FAMILIES = (
    "stray-token", "untranslated", "omitted", "added", "number", "duplicated", "boundary",
    "residue",
)
#: Injected family → finding family (as in _data.FAMILY).
FINDING_FAMILY = {
    "stray-token": "untranslated",
    "untranslated": "untranslated",
    "omitted": "omission",
    "added": "addition",
    "number": "number",
    "duplicated": "duplication",
    "boundary": "boundary",
    "residue": "addition",
}
MIN_WORDS = 5
FAR_LINES = 300

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_NUMBER = re.compile(r"(?<![\w.,'])\d+(?![\w]|[.,]\d)")
_EN_STOP = frozenset(
    """a an the and or but of in on at to for from by with as is are was were be been it its
    this that these those i you he she we they me him her us them my your his our their not no
    so if then than there here what which who how when where why do does did have has had will
    would can could should may might just very all some any more most also into out up down
    about over after before again only even really one""".split()
)
#: Families whose findings may span neighbours of the sentence they report (see `pinpointed`).
WIDENED = ("omitted", "added")
#: Findings on the clean articles that are faults of the human translations themselves, not
#: false alarms: (rule, a piece of the finding's message). The adjusted rate leaves them out.
ACCEPTED = (
    ("MT202", "these crazy things."),  # a stray full stop: "…these crazy things. and assistant…"
    ("MT202", "'came into the courtroom"),  # a line without its subject: "…forth. came into the…"
    ("MT201", "'to to'"),  # the typo "enabled us to to build"
    ("MT105", "source 1 triệu"),  # "1 triệu đô la" (a million) rendered "one billion dollars"
    ("MT105", "source 40%"),  # "tăng đến 40%" rendered "by four percent"
    ("MT107", "'Bear Vaxquez'"),  # the caption "Video của Bear Vaxquez:" has no English line
)
SITES = ("TED.com", "VnExpress", "Tuoi Tre News", "The Saigon Times", "VietnamNet")
NAMES = ("Nguyen Thi Mai", "Tran Van Hung", "Le Minh Chau", "Pham Quoc Bao", "Hoang Anh Thu")


# --- a mutable article with tracked spans ---------------------------------------------------


@dataclass(eq=False)
class Sent:
    """A sentence being edited; `gold` holds artefact spans relative to `text`."""

    text: str
    gold: list[tuple[int, int]] = field(default_factory=list)
    clean: bool = True  # the clean check found nothing on it


@dataclass
class Draft:
    source: list[list[Sent]]
    target: list[list[Sent]]

    @classmethod
    def of(cls, article: Article, noisy: tuple[set[int], set[int]]) -> Draft:
        src, tgt, k = [], [], 0
        for para in article.paragraphs:
            src.append([])
            tgt.append([])
            for s, t in para:
                src[-1].append(Sent(s, clean=k not in noisy[0]))
                tgt[-1].append(Sent(t, clean=k not in noisy[1]))
                k += 1
        return cls(src, tgt)

    @staticmethod
    def render(paras: Sequence[Sequence[Sent]]) -> tuple[str, list[tuple[int, int]]]:
        out, gold, pos = [], [], 0
        for p, para in enumerate(x for x in paras if x):
            if p:
                out.append("\n\n")
                pos += 2
            for s, sent in enumerate(para):
                if s:
                    out.append(" ")
                    pos += 1
                out.append(sent.text)
                gold.extend((pos + a, pos + b) for a, b in sent.gold)
                pos += len(sent.text)
        return "".join(out), gold


def _sentence_spans(paragraphs: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for p, para in enumerate(paragraphs):
        if p:
            pos += 2
        for s, sentence in enumerate(para):
            if s:
                pos += 1
            spans.append((pos, pos + len(sentence)))
            pos += len(sentence)
    return spans


# --- injections ------------------------------------------------------------------------------

Injector = Callable[[Draft, int, int, random.Random], bool]


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def inject_stray(d: Draft, p: int, s: int, rng: random.Random) -> bool:
    from wordfreq import zipf_frequency

    src, tgt = d.source[p][s], d.target[p][s]
    english = {m.group().casefold() for m in _words(tgt.text)}
    options = [
        m.group() for m in _words(src.text)
        if m.group().islower() and len(m.group()) >= 2
        and m.group() not in english and zipf_frequency(m.group(), "en") < 3.0
    ]
    gaps = [m.start() for m in _words(tgt.text)[1:]]
    if not options or not gaps:
        return False
    word, at = rng.choice(options), rng.choice(gaps)
    shown = f"[{word}] " if rng.random() < 0.5 else f"{word} "
    tgt.text = tgt.text[:at] + shown + tgt.text[at:]
    start = at + shown.index(word)
    tgt.gold.append((start, start + len(word)))
    return True


def inject_untranslated(d: Draft, p: int, s: int, rng: random.Random) -> bool:
    src, tgt = d.source[p][s], d.target[p][s]
    if len(_words(src.text)) < MIN_WORDS:
        return False
    tgt.text = src.text
    tgt.gold.append((0, len(tgt.text)))
    return True


def inject_omitted(d: Draft, p: int, s: int, rng: random.Random) -> bool:
    src = d.source[p][s]
    if len(_words(src.text)) < MIN_WORDS or len(_words(d.target[p][s].text)) < MIN_WORDS:
        return False
    del d.target[p][s]
    src.gold.append((0, len(src.text)))
    return True


def make_inject_added(pool: Sequence[str], first_line: Callable[[], int]) -> Injector:
    def inject_added(d: Draft, p: int, s: int, rng: random.Random) -> bool:
        here = first_line()
        present = {sent.text for para in d.target for sent in para}
        candidates = [
            k for k in range(len(pool))
            if abs(k - here) >= FAR_LINES and len(_words(pool[k])) >= MIN_WORDS
            and pool[k] not in present  # twice in one article is a repetition, not an addition
        ]
        text = pool[rng.choice(candidates)]
        d.target[p].insert(s + 1, Sent(text, [(0, len(text))]))
        return True

    return inject_added


def inject_number(d: Draft, p: int, s: int, rng: random.Random) -> bool:
    src, tgt = d.source[p][s], d.target[p][s]
    source_numbers = {m.group() for m in _NUMBER.finditer(src.text)}
    shared = [m for m in _NUMBER.finditer(tgt.text) if m.group() in source_numbers]
    if not shared:
        return False
    m = rng.choice(shared)
    value = int(m.group())
    new = value
    while str(new) in source_numbers or new == value:
        new = max(0, value + rng.choice([-1, 1]) * rng.randint(1, max(3, value // 2)))
    text = str(new)
    tgt.text = tgt.text[: m.start()] + text + tgt.text[m.end() :]
    tgt.gold.append((m.start(), m.start() + len(text)))
    return True


def inject_duplicated(d: Draft, p: int, s: int, rng: random.Random) -> bool:
    tgt = d.target[p][s]
    body = tgt.text.rstrip()
    end = len(body)
    while end and not body[end - 1].isalnum():
        end -= 1
    words = _words(body[:end])
    if len(words) < 5 or body[end:].strip() not in (".", "?", "!"):
        return False
    for n in rng.sample([2, 3, 4], 3):
        phrase = words[-n:]
        content = [w for w in phrase if w.group().casefold() not in _EN_STOP]
        if len(content) < 2:
            continue
        if any(ch in body[phrase[0].start() : end] for ch in ",;:\"()"):
            continue
        copy = body[phrase[0].start() : end]
        if copy[0].isupper() and phrase[0].start() == 0:
            continue
        joiner = rng.choice([" and ", ", ", " "])
        tgt.text = body[:end] + joiner + copy + body[end:]
        start = end + len(joiner)
        tgt.gold.append((start, start + len(copy)))
        return True
    return False


def inject_boundary(d: Draft, p: int, s: int, rng: random.Random) -> bool:
    tgt = d.target[p][s]
    words = _words(tgt.text)
    if len(words) < 10:
        return False
    cuts = [
        k for k in range(3, len(words) - 3)
        if tgt.text[words[k - 1].end() : words[k].start()] == " "
        and words[k].group().islower()
        and len(words[k - 1].group()) > 1
    ]
    if not cuts:
        return False
    k = rng.choice(cuts)
    at = words[k - 1].end()
    tgt.text = tgt.text[:at] + "." + tgt.text[at:]
    start = words[k].start() + 1
    tgt.gold.append((start, len(tgt.text)))
    return True


def residue_line(rng: random.Random) -> str:
    site, name = rng.choice(SITES), rng.choice(NAMES)
    slug = "-".join(rng.sample(["talk", "story", "women", "boat", "choice", "justice"], 3))
    return rng.choice([
        f"This story first appeared on {site}.",
        f"This article first appeared on {site}.",
        "Scroll to top",
        f"By {name}",
        f"Source: https://www.{site.lower().replace(' ', '')}.com/{slug}-{rng.randint(10, 99999)}",
    ])


def inject_residue(d: Draft, rng: random.Random) -> None:
    line = residue_line(rng)
    sent = Sent(line, [(0, len(line))])
    top = rng.random() < 0.5
    if rng.random() < 0.5 or line.startswith("By "):
        # its own paragraph
        if top:
            d.target.insert(0, [sent])
        else:
            d.target.append([sent])
    elif top:
        d.target[0].insert(0, sent)
    else:
        d.target[-1].append(sent)


# --- running ---------------------------------------------------------------------------------


@dataclass
class Tally:
    injected: int = 0
    found: int = 0
    major: int = 0
    pinpointed: int = 0
    misses: list[str] = field(default_factory=list)


def pinpointed(matched: Sequence[Hit], sentence: str) -> bool:
    """Whether a finding that overlaps an injected sentence reports that sentence itself: it
    quotes it, or it spans no neighbour it is unsure of."""
    from mtlint.rules.gaps import UNSURE_PLACE
    from mtlint.rules.words import quote

    return any(UNSURE_PLACE not in h.message or quote(sentence) in h.message for h in matched)


def check(source: str, target: str) -> dict:
    from mtlint import check_pair

    return check_pair(source, target, source_lang="vi", target_lang="en").to_dict()


def inject_spread(d: Draft, inject: Injector, count: int, rng: random.Random) -> int:
    """Up to `count` injections in paragraphs at least two apart, each at a sentence that is
    clean on both sides (the first one in random order that the injector can use).

    An injection only changes its own paragraph, so the others keep their indices.
    """
    paras = list(range(len(d.target)))
    rng.shuffle(paras)
    chosen: list[int] = []
    for p in paras:
        if len(chosen) == count:
            break
        if any(abs(p - q) < 2 for q in chosen):
            continue
        options = [s for s in range(len(d.target[p])) if d.target[p][s].clean and d.source[p][s].clean]
        rng.shuffle(options)
        if any(inject(d, p, s, rng) for s in options):
            chosen.append(p)
    return len(chosen)


@dataclass
class CleanRun:
    """False alarms on the articles as they are, and the sentences each finding touches."""

    sentences: int = 0
    alarms: Counter[str] = field(default_factory=Counter)
    minor: Counter[str] = field(default_factory=Counter)  # findings below major
    accepted: int = 0  # of the alarms, faults of the data (ACCEPTED)
    lines: list[str] = field(default_factory=list)
    noisy: dict[int, tuple[set[int], set[int]]] = field(default_factory=dict)

    def rate(self) -> float:
        return 1000 * sum(self.alarms.values()) / self.sentences

    def adjusted(self) -> float:
        """`rate` without the accepted true positives."""
        return 1000 * (sum(self.alarms.values()) - self.accepted) / self.sentences

    def summary(self) -> str:
        rules = ", ".join(f"{code} {n}" for code, n in sorted(self.alarms.items())) or "none"
        total = sum(self.alarms.values())
        adjusted = self.adjusted()
        minor = ", ".join(f"{code} {n}" for code, n in sorted(self.minor.items())) or "none"
        return (f"{total} findings of major or above = {self.rate():.1f} per "
                f"1,000 target sentences ({rules}); without the {self.accepted} accepted true "
                f"positives: {total - self.accepted} = {adjusted:.1f} per 1,000; "
                f"{sum(self.minor.values())} minor ({minor})")


def clean_run(articles: Sequence[Article]) -> CleanRun:
    run = CleanRun()
    for article in articles:
        src_paras = [[s for s, _ in para] for para in article.paragraphs]
        tgt_paras = [[t for _, t in para] for para in article.paragraphs]
        run.sentences += sum(map(len, tgt_paras))
        report = check("\n\n".join(map(" ".join, src_paras)), "\n\n".join(map(" ".join, tgt_paras)))
        spans = {"source": _sentence_spans(src_paras), "target": _sentence_spans(tgt_paras)}
        flagged: tuple[set[int], set[int]] = (set(), set())
        for f in report["findings"]:
            for span in f["spans"]:
                side = 0 if span["side"] == "source" else 1
                flagged[side].update(
                    k for k, (a, b) in enumerate(spans[span["side"]])
                    if overlaps(a, b, span["start"], span["end"])
                )
            if f["severity"] not in ("major", "critical"):
                run.minor[f["code"]] += 1
                run.lines.append(f"  line {article.first + 1}+: {f['code']} {f['severity']} "
                                 f"{f['message'][:150]}")
            else:
                run.alarms[f["code"]] += 1
                accepted = any(f["code"] == code and text in f["message"] for code, text in ACCEPTED)
                run.accepted += accepted
                run.lines.append(f"  line {article.first + 1}+: {f['code']} {f['severity']} "
                                 f"{f['message'][:150]}{' (accepted true positive)' * accepted}")
        run.noisy[article.first] = flagged
    return run


def pinned(t: Tally) -> str:
    """Pinpointed count and its recall over all injected artefacts."""
    return f"{t.pinpointed} {t.pinpointed / t.injected:.3f}" if t.injected else "-"


@dataclass
class SeedRun:
    """One seed's evaluation: the tallies per family and the clean runs of both settings."""

    articles: int
    tallies: dict[str, Tally]
    clean: CleanRun
    other: CleanRun


def evaluate(vi: Sequence[str], other_vi: Sequence[str], en: Sequence[str], seed: int,
             per_article: int) -> SeedRun:
    """Check the clean articles of a seed (in both preparations of the Vietnamese), then one
    copy of each article per family with artefacts injected."""
    articles = chunk_articles(list(zip(vi, en)), random.Random(seed))
    other_articles = chunk_articles(list(zip(other_vi, en)), random.Random(seed))
    clean = clean_run(articles)
    other = clean_run(other_articles)
    noisy = clean.noisy
    tallies = {family: Tally() for family in FAMILIES}
    current = {"first": 0}
    injectors: dict[str, Injector] = {
        "stray-token": inject_stray,
        "untranslated": inject_untranslated,
        "omitted": inject_omitted,
        "added": make_inject_added(en, lambda: current["first"]),
        "number": inject_number,
        "duplicated": inject_duplicated,
        "boundary": inject_boundary,
    }
    for a, article in enumerate(articles):
        current["first"] = article.first
        for f, family in enumerate(FAMILIES):
            rng = random.Random(seed * 1_000_003 + a * 101 + f)
            draft = Draft.of(article, noisy[article.first])
            if family == "residue":
                inject_residue(draft, rng)
                count = 1
            else:
                count = inject_spread(draft, injectors[family], per_article, rng)
            if not count:
                continue
            source, src_gold = Draft.render(draft.source)
            target, tgt_gold = Draft.render(draft.target)
            found = [h for h in hits(check(source, target)) if h.family == FINDING_FAMILY[family]]
            tally = tallies[family]
            text = {"source": source, "target": target}
            for side, golds in (("source", src_gold), ("target", tgt_gold)):
                for g0, g1 in golds:
                    tally.injected += 1
                    matched = [h for h in found if h.side == side and overlaps(h.start, h.end, g0, g1)]
                    tally.found += bool(matched)
                    tally.major += any(h.severity in ("major", "critical") for h in matched)
                    tally.pinpointed += pinpointed(matched, text[side][g0:g1])
                    if not matched:
                        context = text[side][max(0, g0 - 60) : g1 + 40].replace("\n", " ")
                        tally.misses.append(f"  line {article.first + 1}+ [{text[side][g0:g1]}]  …{context}…")
    return SeedRun(len(articles), tallies, clean, other)


def recall(t: Tally) -> float | None:
    return t.found / t.injected if t.injected else None


def print_seed(run: SeedRun, seed: int, raw_source: bool) -> None:
    setting = "as published" if raw_source else "subtitle lines punctuated"
    print(f"IWSLT tst2012 vi→en: {run.articles} articles, {run.clean.sentences} target sentences, "
          f"seed {seed}, Vietnamese {setting}")
    print()
    print(f"{'family':<14} {'injected':>8} {'found':>6} {'recall':>7} {'major+':>7} {'pinpointed':>10}")
    total = Tally()
    for family in FAMILIES:
        t = run.tallies[family]
        total.injected += t.injected
        total.found += t.found
        total.major += t.major
        print(f"{family:<14} {t.injected:>8} {t.found:>6} {fmt(recall(t), 7)}"
              f" {fmt(t.major / t.injected if t.injected else None, 7)}"
              f" {pinned(t) if family in WIDENED else '':>10}")
    print(f"{'all':<14} {total.injected:>8} {total.found:>6} {fmt(total.found / total.injected, 7)}"
          f" {fmt(total.major / total.injected, 7)}")
    print()
    print(f"(pinpointed: found {' and '.join(WIDENED)} sentences that the finding reports "
          "itself, not only as a neighbour it cannot tell from the gap; recall over all injected)")
    other_setting = "subtitle lines punctuated" if raw_source else "as published"
    print(f"clean articles: {run.clean.summary()}")
    print(f"  (Vietnamese {other_setting}: {run.other.summary()})")


def print_seeds(runs: Sequence[SeedRun], raw_source: bool) -> None:
    """Recall per family and seed, with the lowest, then the clean articles per seed."""
    setting = "as published" if raw_source else "subtitle lines punctuated"
    other_setting = "subtitle lines punctuated" if raw_source else "as published"
    seeds = range(1, len(runs) + 1)
    print(f"IWSLT tst2012 vi→en, seeds 1-{len(runs)}, Vietnamese {setting}: recall per family")
    print()
    print(f"{'family':<14}" + "".join(f"{'seed ' + str(s):>9}" for s in seeds) + f"{'lowest':>9}")
    for family in FAMILIES:
        values = [recall(run.tallies[family]) for run in runs]
        lowest = min((v for v in values if v is not None), default=None)
        print(f"{family:<14}" + "".join(f"{fmt(v, 9)}" for v in values) + f"{fmt(lowest, 9)}")
    print()
    print("clean articles, major or above per 1,000 target sentences (without the accepted) and "
          "minor findings:")
    for seed, run in zip(seeds, runs):
        print(f"  seed {seed}: {run.clean.rate():.1f} ({run.clean.adjusted():.1f}), "
              f"{sum(run.clean.minor.values())} minor; {other_setting}: {run.other.rate():.1f} "
              f"({run.other.adjusted():.1f}), {sum(run.other.minor.values())} minor")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    data_argument(parser)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeds", type=int, metavar="K",
                        help="seeds 1..K, one line per family (recall per seed and the lowest)")
    parser.add_argument("--per-article", type=int, default=3, help="artefacts per article copy")
    parser.add_argument("--raw-source", action="store_true",
                        help="keep the Vietnamese subtitle lines without a final full stop as they are")
    parser.add_argument("--show-false-alarms", action="store_true")
    parser.add_argument("--show-misses", metavar="FAMILY", action="append", default=[])
    args = parser.parse_args()

    folder = require(args.data / "parallel-envi", "the IWSLT tst2012 vi-en test set")
    raw_vi = read_lines(require(folder / "tst2012.vi", "tst2012.vi"))
    en = read_lines(require(folder / "tst2012.en", "tst2012.en"))
    if len(raw_vi) != len(en):
        sys.exit(f"tst2012.vi has {len(raw_vi)} lines but tst2012.en {len(en)}")
    started = time.perf_counter()
    fixed_vi = [punctuate(line) for line in raw_vi]
    vi = raw_vi if args.raw_source else fixed_vi
    other_vi = fixed_vi if args.raw_source else raw_vi
    if args.seeds:
        runs = [evaluate(vi, other_vi, en, seed, args.per_article) for seed in range(1, args.seeds + 1)]
        print_seeds(runs, args.raw_source)
        print(f"({time.perf_counter() - started:.0f} s)")
        return
    run = evaluate(vi, other_vi, en, args.seed, args.per_article)
    print_seed(run, args.seed, args.raw_source)
    print(f"({time.perf_counter() - started:.0f} s)")
    if args.show_false_alarms:
        print("\n".join(run.clean.lines))
    for family in args.show_misses:
        print(f"\nmissed {family}:")
        print("\n".join(run.tallies[family].misses))


if __name__ == "__main__":
    main()
