"""Language detection with the user's language given: same answers, less time.

`mtlint check` gives the detector the language the user names (`--source-lang`,
`--target-lang`, a manifest's columns); where the text's commonest words confirm it, the
statistical model is not asked (`mtlint.langid._function_words_confirm`). This compares, over
every document of the benchmark sets written in a Latin-script language, the answer with the
language given against the answer without it, and against a wrong language given (which must
not be confirmed), and times both.

Documents: the corpora/ pairs; and, from ../shared/data when present, IWSLT tst2012 vi/en in
chunks of 30 lines, the WMT21 MQM documents (German translations, English originals), the
OPUS Books novels and the Text+Berg document in chunks of 40 lines.

    .venv/bin/python benchmarks/langid_eval.py [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from _data import data_argument, read_lines

from mtlint.langid import _LATIN_LANGS, detect_language

ROOT = Path(__file__).resolve().parents[1]


def documents(data: Path) -> Iterator[tuple[str, str]]:
    """(text, language) of every document, in a fixed order."""
    for gold_path in sorted(ROOT.glob("corpora/*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        yield (gold_path.parent / gold["target"]).read_text(encoding="utf-8"), gold["target_lang"]
        if gold.get("source"):
            yield (gold_path.parent / gold["source"]).read_text(encoding="utf-8"), gold["source_lang"]
    envi = data / "parallel-envi"
    if (envi / "tst2012.vi").is_file():
        vi, en = read_lines(envi / "tst2012.vi"), read_lines(envi / "tst2012.en")
        for k in range(0, len(vi), 30):
            yield " ".join(vi[k : k + 30]), "vi"
            yield " ".join(en[k : k + 30]), "en"
    mqm = data / "mqm" / "mqm-newstest2021_ende.tsv"
    if mqm.is_file():
        from mqm_eval import load

        for (system, _), doc in sorted(load(mqm).items()):
            yield "\n\n".join(doc.target[s] for s in sorted(doc.target)), "de"
            if system == "ref.A":
                yield "\n\n".join(doc.source[s] for s in sorted(doc.source)), "en"
    if (data / "align").is_dir():
        from align_eval import opusbooks, textberg

        for src, tgt, _, (src_lang, tgt_lang) in [*opusbooks(data), *textberg(data)]:
            for lines, lang in ((src, src_lang), (tgt, tgt_lang)):
                for k in range(0, len(lines), 40):
                    yield " ".join(lines[k : k + 40]), lang or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data_argument(parser)
    args = parser.parse_args()
    docs = [(text, lang) for text, lang in documents(args.data) if lang in _LATIN_LANGS]
    rng = random.Random(1)
    counts: Counter[str] = Counter()
    seconds = {"without": 0.0, "with": 0.0}
    for text, lang in docs:
        counts[lang] += 1
        start = time.perf_counter()
        plain = detect_language(text)
        seconds["without"] += time.perf_counter() - start
        start = time.perf_counter()
        given = detect_language(text, expected=lang)
        seconds["with"] += time.perf_counter() - start
        counts["differ"] += plain != given
        wrong = rng.choice([other for other in _LATIN_LANGS if other != lang])
        counts["wrong label changes the answer"] += detect_language(text, expected=wrong) != plain
    print(f"{len(docs)} documents: " + ", ".join(f"{lang} {counts[lang]}" for lang in _LATIN_LANGS
                                                  if counts[lang]))
    print(f"answers that differ with the language given: {counts['differ']}")
    print(f"answers that differ with a wrong language given: {counts['wrong label changes the answer']}")
    print(f"time per document: {seconds['without'] / len(docs) * 1000:.2f} ms without the language, "
          f"{seconds['with'] / len(docs) * 1000:.2f} ms with it")


if __name__ == "__main__":
    main()
