"""ngotext's entities next to raw natasha (slovnet) on factRuEval, scored in one run.

    python bench/eval_ner.py                                    # test_names.jsonl
    python bench/eval_ner.py ../shared/eval/factru/dev_names.jsonl --dump out/   # tune on dev

Raw natasha is what a user would write by hand: ``natasha.Doc`` + Segmenter +
NewsNERTagger over each text. ngotext is ``analyze(texts, clean=False)`` (these texts
are bodies already) and its ``entities`` frame. Both span sets are scored by
``../shared/eval/score_ner.py`` (exact (start, stop, type) matches) and printed side by
side. ``--dump DIR`` writes both prediction files for error analysis.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "eval"
DEFAULT_GOLD = SHARED / "factru" / "test_names.jsonl"


def load_scorer():
    """The shared scorer module (kept outside the project, so loaded by path)."""
    spec = importlib.util.spec_from_file_location("score_ner", SHARED / "score_ner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def natasha_spans(docs: list[dict]) -> dict[str, list[dict]]:
    """Raw slovnet spans per document, through natasha's own pipeline."""
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    out = {}
    for doc in docs:
        nat = Doc(doc["text"])
        nat.segment(segmenter)
        nat.tag_ner(tagger)
        out[doc["id"]] = [{"start": s.start, "stop": s.stop, "type": s.type} for s in nat.spans]
    return out


def ngotext_spans(docs: list[dict]) -> dict[str, list[dict]]:
    """ngotext's entity rows per document (bodies already: clean=False)."""
    import pandas as pd

    import ngotext

    texts = pd.Series([d["text"] for d in docs], index=[d["id"] for d in docs])
    res = ngotext.analyze(texts, clean=False)
    if len(res.errors):
        print(res.errors.to_string(), file=sys.stderr)
    out = {d["id"]: [] for d in docs}
    for row in res.entities.itertuples():
        out[row.doc_id].append({"start": int(row.start), "stop": int(row.stop), "type": row.type,
                                "text": row.text})
    return out


def write_pred(path: Path, spans: dict[str, list[dict]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for doc_id, doc_spans in spans.items():
            fh.write(json.dumps({"id": doc_id, "spans": doc_spans}, ensure_ascii=False) + "\n")


def table(results: dict[str, dict]) -> str:
    """Per-type and micro P/R/F1 of each system, side by side."""
    names = list(results)
    head = f"{'type':<6}" + "".join(f" | {n + ' P':>12} {'R':>6} {'F1':>6}" for n in names)
    rows = [head, "-" * len(head)]
    types = list(next(iter(results.values()))["per_type"]) + ["micro"]
    for t in types:
        line = f"{t:<6}"
        for n in names:
            v = results[n]["micro"] if t == "micro" else results[n]["per_type"][t]
            line += f" | {v['precision']:>12.3f} {v['recall']:>6.3f} {v['f1']:>6.3f}"
        rows.append(line)
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--dump", help="folder for the two prediction files")
    args = ap.parse_args(argv)
    gold_path = Path(args.gold)
    if not gold_path.is_file():
        print(f"eval_ner: {gold_path} not found; pass the factRuEval JSONL file", file=sys.stderr)
        return 2
    docs = read_gold(gold_path)
    scorer = load_scorer()
    folder = Path(args.dump) if args.dump else Path(tempfile.mkdtemp(prefix="eval_ner_"))
    folder.mkdir(parents=True, exist_ok=True)
    results, seconds = {}, {}
    for name, run in (("natasha", natasha_spans), ("ngotext", ngotext_spans)):
        started = time.perf_counter()
        spans = run(docs)
        seconds[name] = time.perf_counter() - started
        pred = folder / f"{name}.jsonl"
        write_pred(pred, spans)
        results[name] = scorer.score(str(gold_path), str(pred))
    print(f"{gold_path.name}: {len(docs)} documents, exact (start, stop, type) matches")
    print(table(results))
    print("seconds: " + ", ".join(f"{n} {s:.1f}" for n, s in seconds.items()))
    gain = {t: results["ngotext"]["per_type"][t]["f1"] - results["natasha"]["per_type"][t]["f1"]
            for t in results["natasha"]["per_type"]}
    gain["micro"] = results["ngotext"]["micro"]["f1"] - results["natasha"]["micro"]["f1"]
    print("F1 change: " + ", ".join(f"{t} {g:+.3f}" for t, g in gain.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
