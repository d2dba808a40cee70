"""Throughput of ngotext.analyze next to natasha's own pipeline, on the same texts, in one process.

    python bench/throughput.py ../shared/eval/factru/test.jsonl [--limit N] [--repeat 3]
    python bench/throughput.py examples/articles

natasha's pipeline is Segmenter + NewsMorphTagger + NewsNERTagger on each text (what a
user would write by hand). ngotext does all of its work (cleaning off, since these are
bodies: clean=False for JSONL input). Each side runs ``--repeat`` times, alternating,
after one warm-up; medians are printed, with ngotext/natasha ratios.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path


def load_texts(source: str, limit: int | None) -> list[str]:
    path = Path(source)
    if path.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(path.rglob("*.txt"))]
    else:
        with path.open(encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
    return texts[:limit] if limit else texts


def run_natasha(texts: list[str], models) -> int:
    from natasha import Doc

    segmenter, morph_tagger, ner_tagger = models
    n_tokens = 0
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph_tagger)
        doc.tag_ner(ner_tagger)
        n_tokens += len(doc.tokens)
    return n_tokens


def run_ngotext(texts: list[str], clean: bool, jobs: int) -> int:
    import pandas as pd

    import ngotext

    res = ngotext.analyze(pd.Series(texts), clean=clean, jobs=jobs)
    return len(res.tokens)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", help="folder of .txt files or a JSONL file with a 'text' field")
    ap.add_argument("--limit", type=int, default=None, help="first N texts only")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each side (median)")
    ap.add_argument("--jobs", type=int, default=1, help="ngotext worker processes")
    args = ap.parse_args(argv)

    texts = load_texts(args.source, args.limit)
    if not texts:
        print(f"{args.source}: no texts found", file=sys.stderr)
        return 2
    clean = Path(args.source).is_dir()  # folders hold scraped pages, JSONL holds bodies

    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    emb = NewsEmbedding()
    models = (Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb))
    run_natasha(texts[:5], models)          # warm-up: both sides load their models first
    run_ngotext(texts[:5], clean, 1)

    from ngotext.nlp import single_threaded_blas

    def natasha_one_thread(texts, models):
        with single_threaded_blas():
            return run_natasha(texts, models)

    sides = {"natasha": lambda: run_natasha(texts, models),
             "natasha-1t": lambda: natasha_one_thread(texts, models),
             "ngotext": lambda: run_ngotext(texts, clean, args.jobs)}
    times = {side: [] for side in sides}
    tokens = {}
    for _ in range(args.repeat):
        for side, fn in sides.items():
            t = time.perf_counter()
            tokens[side] = fn()
            times[side].append(time.perf_counter() - t)

    n = len(texts)
    print(f"{n} texts from {args.source}, {args.repeat} runs each, medians "
          "(natasha-1t: natasha's pipeline on one BLAS thread, as ngotext runs slovnet):")
    print(f"{'':12}{'docs/s':>10}{'tokens/s':>12}{'seconds':>10}")
    rates = {}
    for side in sides:
        secs = statistics.median(times[side])
        rates[side] = (n / secs, tokens[side] / secs)
        print(f"{side:12}{rates[side][0]:10.1f}{rates[side][1]:12.0f}{secs:10.2f}")
    for peer in ("natasha", "natasha-1t"):
        print(f"ratio ngotext/{peer}: docs/s {rates['ngotext'][0] / rates[peer][0]:.2f}, "
              f"tokens/s {rates['ngotext'][1] / rates[peer][1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
