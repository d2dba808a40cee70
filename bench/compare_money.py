"""Money amounts found by ngotext and by PullEnti on the same texts, side by side.

Usage:
    python bench/compare_money.py [SOURCE] [--limit N] [--show N]

SOURCE is a folder of .txt files or a JSON Lines file with a "text" field (default:
../shared/eval/nerel/dev.jsonl). When the JSONL has gold money spans (a "money" list of
{"start", "stop"}), precision, recall and F1 are printed for both tools, on exact spans
and on overlapping spans. Speed is documents per second of each tool's own path:
ngotext = segmentation + pymorphy3 lemmas + stats (no NER, which stats does not use);
PullEnti = its money analyzer alone (after a one-off initialization, timed apart).

PullEnti is an optional dependency: ``pip install -e '.[bench]'``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "nerel" / "dev.jsonl"


def load(source: Path) -> list[dict]:
    """Records {"id", "text", "money" (gold spans or None)} from a folder or a JSONL file."""
    if source.is_dir():
        return [{"id": p.name, "text": p.read_text(encoding="utf-8"), "money": None}
                for p in sorted(source.glob("*.txt"))]
    records = []
    with source.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if line.strip():
                rec = json.loads(line)
                records.append({"id": rec.get("id", str(n)), "text": rec["text"], "money": rec.get("money")})
    return records


def ngotext_money(texts: list[str]) -> tuple[list[list[tuple[int, int, float, str]]], float]:
    """Per text: (start, stop, value, currency) of the money amounts; and the seconds taken."""
    from ngotext import nlp, stats

    nlp.process([("warm", "Выделено 5 млн тенге.")], ner=False)  # load pymorphy3 outside the timing
    started = time.perf_counter()
    docs = nlp.process([(str(i), t) for i, t in enumerate(texts)], ner=False)
    found = []
    for doc in docs:
        amounts: dict[object, list[int | float | str]] = {}
        for row in stats.extract(doc):
            if row["unit"] in {"count", "percent", "times"}:
                continue
            # the two ends of a range are one amount ("от 3 до 5 тысяч рублей")
            key = row["change_id"] if row["role"] in {"min", "max"} else ("row", row["start"])
            if key in amounts:
                span = amounts[key]
                span[0], span[1] = min(span[0], row["start"]), max(span[1], row["stop"])
            else:
                amounts[key] = [row["start"], row["stop"], row["value"], row["unit"]]
        found.append(sorted(tuple(a) for a in amounts.values()))
    return found, time.perf_counter() - started


def pullenti_money(texts: list[str]) -> tuple[list[list[tuple[int, int, float, str]]], float, float]:
    """Per text: PullEnti's money amounts; the seconds taken; the initialization seconds."""
    from pullenti.morph.MorphLang import MorphLang
    from pullenti.ner.ProcessorService import ProcessorService
    from pullenti.ner.SourceOfAnalysis import SourceOfAnalysis
    from pullenti.ner.money.MoneyAnalyzer import MoneyAnalyzer
    from pullenti.Sdk import Sdk

    started = time.perf_counter()
    Sdk.initialize(MorphLang.RU)
    processor = ProcessorService.create_specific_processor(MoneyAnalyzer.ANALYZER_NAME)
    init = time.perf_counter() - started
    started = time.perf_counter()
    found, failures = [], 0
    for text in texts:
        try:
            result = processor.process(SourceOfAnalysis(text))
        except Exception:  # PullEnti 4.1 raises on some dates ("year 0 is out of range")
            failures += 1
            found.append([])
            continue
        spans = []
        for ent in result.entities:
            if ent.type_name != "MONEY":
                continue
            for occ in ent.occurrence:
                # PullEnti's end_char is inclusive
                spans.append((occ.begin_char, occ.end_char + 1, float(ent.real_value), ent.currency))
        found.append(sorted(set(spans)))
    if failures:
        print(f"PullEnti failed on {failures} of {len(texts)} documents (counted as finding nothing)",
              file=sys.stderr)
    return found, time.perf_counter() - started, init


def score(found: list[list[tuple]], gold: list[list[tuple[int, int]]], overlap: bool) -> tuple[float, float, float]:
    """Precision, recall, F1 of spans; overlap=True counts any shared character as a match."""
    def match(a, b):
        return (a[0] < b[1] and b[0] < a[1]) if overlap else (a[0], a[1]) == (b[0], b[1])

    tp_p = sum(any(match(f, g) for g in gs) for fs, gs in zip(found, gold) for f in fs)
    tp_r = sum(any(match(f, g) for f in fs) for fs, gs in zip(found, gold) for g in gs)
    n_found = sum(len(fs) for fs in found)
    n_gold = sum(len(gs) for gs in gold)
    p = tp_p / n_found if n_found else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    parser.add_argument("--show", type=int, default=40, help="print up to N documents side by side")
    args = parser.parse_args(argv)
    records = load(args.source)[: args.limit or None]
    texts = [r["text"] for r in records]
    ours, our_seconds = ngotext_money(texts)
    try:
        theirs, their_seconds, init = pullenti_money(texts)
    except ImportError:
        print("PullEnti is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 1

    shown = 0
    for rec, mine, other in zip(records, ours, theirs):
        gold = [(g["start"], g["stop"]) for g in rec["money"] or []]
        if not (mine or other or gold) or shown >= args.show:
            continue
        shown += 1
        print(f"== {rec['id']}")
        text = rec["text"]
        for label, spans in (("gold", [(a, b, None, "") for a, b in gold]), ("ngotext", mine), ("pullenti", other)):
            for start, stop, value, cur in spans:
                extra = "" if value is None else f"  = {value:,.0f} {cur}"
                print(f"  {label:9} {text[start:stop]!r}{extra}")
    n = len(texts)
    print()
    print(f"{n} documents; money amounts found: ngotext {sum(map(len, ours))}, PullEnti {sum(map(len, theirs))}")
    print(f"speed: ngotext {n / our_seconds:.1f} docs/s; PullEnti {n / their_seconds:.1f} docs/s "
          f"(+{init:.1f} s to initialize)")
    if any(r["money"] is not None for r in records):
        gold = [[(g["start"], g["stop"]) for g in r["money"] or []] for r in records]
        print(f"gold money spans: {sum(map(len, gold))}")
        print(f"{'':9} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}")
        for label, found in (("ngotext", ours), ("pullenti", theirs)):
            exact = score(found, gold, overlap=False)
            loose = score(found, gold, overlap=True)
            print(f"{label:9} {exact[0]:8.2f} {exact[1]:6.2f} {exact[2]:6.2f}   "
                  f"{loose[0]:9.2f} {loose[1]:6.2f} {loose[2]:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
