"""ngotext's people frame side by side with PullEnti on the same texts.

Runs both on every document of a NEREL JSON Lines file (default: the dev split in
../shared/eval/nerel), prints some person–title pairs of each, scores both with
../shared/eval/score_titles.py (pairs and triples), and prints docs/s and crashes.

    .venv/bin/python bench/compare_officials.py [--gold PATH] [--limit N] [--show N] [--out DIR]
    .venv/bin/python bench/compare_officials.py --texts FOLDER   # no gold: pairs and speed only

PullEnti (``pip install pullenti``) is the strongest rule-based peer for Russian titles:
its PERSON referents carry ATTRIBUTE slots (PersonPropertyReferent) with the position
(NAME) and its organization (REF). A person–title pair is made for each person and each
of its attributes, at the person mention nearest to the attribute's mention, one pair
per (person, attribute) per document, the same granularity as ngotext's people frame.
Each document is wrapped in try/except; crashes are counted and give no pairs.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
DEFAULT_GOLD = SHARED / "eval" / "nerel" / "dev.jsonl"
SCORER = SHARED / "eval" / "score_titles.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_titles", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- ngotext

def run_ngotext(docs: list[dict], positions_only: bool = False) -> tuple[dict[str, dict], float, int]:
    """PRED documents from ngotext's people frame, seconds spent, articles that failed."""
    import ngotext
    from ngotext.officials import title_kind

    ngotext.analyze(pd.Series(["Министр финансов Иван Петров выступил."], index=["warm"]), clean=False)
    texts = pd.Series([d["text"] for d in docs], index=[d["id"] for d in docs])
    t0 = time.perf_counter()
    res = ngotext.analyze(texts, clean=False)
    seconds = time.perf_counter() - t0
    pred = {d["id"]: {"id": d["id"], "titles": []} for d in docs}
    people = res.people[res.people["title"].notna()]
    orgs = res.entities[res.entities["type"] == "ORG"]
    orgs_by_doc = {doc_id: group for doc_id, group in orgs.groupby("doc_id")}
    for row in people.itertuples(index=False):
        if positions_only and title_kind(row.title) != "position":
            continue
        org = None if pd.isna(row.org) else row.org
        pred[row.doc_id]["titles"].append({
            "person_span": [int(row.start), int(row.stop)],
            "title_span": [int(row.title_start), int(row.title_stop)],
            "person": row.name, "title": row.title, "org": org,
            "org_span": org_span(orgs_by_doc.get(row.doc_id), org, int(row.title_stop))})
    return pred, seconds, len(res.errors)


def org_span(orgs, org, title_stop: int):
    """The ORG mention of the people row's org nearest to its title (the frame names the
    org by its canonical name; the scorer matches acronyms such as МВД by span only)."""
    if orgs is None or org is None:
        return None
    named = orgs[(orgs["canonical"] == org) | (orgs["normal"] == org) | (orgs["text"] == org)]
    if named.empty:
        return None
    best = (named["start"] - title_stop).abs().idxmin()
    return [int(named.at[best, "start"]), int(named.at[best, "stop"])]


# ---------------------------------------------------------------- PullEnti

def pullenti_processor():
    from pullenti.Sdk import Sdk
    from pullenti.ner.ProcessorService import ProcessorService

    Sdk.initialize_all()
    return ProcessorService.create_processor()


def _span(occ) -> list[int]:
    return [occ.begin_char, occ.end_char + 1]  # PullEnti's end_char is inclusive


def _nearest(a_spans: list[list[int]], b_spans: list[list[int]]):
    def gap(a, b):
        return 0 if a[0] < b[1] and b[0] < a[1] else min(abs(a[0] - b[1]), abs(b[0] - a[1]))
    return min(((a, b) for a in a_spans for b in b_spans), key=lambda ab: gap(*ab), default=(None, None))


def pullenti_titles(processor, text: str) -> list[dict]:
    """Person–title pairs (PRED format) of one text from PullEnti's PERSON referents."""
    from pullenti.ner.SourceOfAnalysis import SourceOfAnalysis

    result = processor.process(SourceOfAnalysis(text))
    titles = []
    for entity in result.entities:
        if entity.type_name != "PERSON":
            continue
        person_spans = [_span(o) for o in entity.occurrence]
        for slot in entity.slots:
            if slot.type_name != "ATTRIBUTE" or not hasattr(slot.value, "occurrence"):
                continue
            prop = slot.value
            title_spans = [_span(o) for o in prop.occurrence]
            person_span, title_span = _nearest(person_spans, title_spans)
            if person_span is None:
                continue
            ref = prop.get_slot_value("REF")
            org, org_span = None, None
            if ref is not None and hasattr(ref, "occurrence"):
                org = ref.to_string(True, None, 0)
                ref_spans = [_span(o) for o in ref.occurrence]
                org_span = _nearest([title_span], ref_spans)[1]
            titles.append({"person_span": person_span, "title_span": title_span,
                           "person": str(entity), "title": prop.name or str(prop),
                           "org": org, "org_span": org_span})
    return titles


def run_pullenti(docs: list[dict]) -> tuple[dict[str, dict], float, int]:
    processor = pullenti_processor()
    pred, crashes = {}, 0
    t0 = time.perf_counter()
    for d in docs:
        try:
            titles = pullenti_titles(processor, d["text"])
        except Exception:  # PullEnti raises on some texts; count and move on
            crashes += 1
            titles = []
        pred[d["id"]] = {"id": d["id"], "titles": titles}
    return pred, time.perf_counter() - t0, crashes


# ---------------------------------------------------------------- report

def show_pairs(label: str, docs: list[dict], pred: dict[str, dict], n: int) -> None:
    print(f"\n{label}: person–title pairs of the first {n} documents")
    for d in docs[:n]:
        for t in pred[d["id"]]["titles"]:
            text = d["text"]
            person = text[t["person_span"][0]:t["person_span"][1]]
            title = text[t["title_span"][0]:t["title_span"][1]] if t.get("title_span") else t["title"]
            print(f"  {d['id']:>14}  {person:<28} | {title:<45} | {t.get('org') or '-'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=str(DEFAULT_GOLD), help="NEREL-style JSON Lines with gold titles")
    ap.add_argument("--texts", help="a folder of .txt files to compare without gold")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--show", type=int, default=3, help="print the pairs of the first N documents")
    ap.add_argument("--out", help="write both PRED files here")
    ap.add_argument("--no-pullenti", action="store_true", help="run ngotext only")
    args = ap.parse_args()

    if args.texts:
        docs = [{"id": p.name, "text": p.read_text("utf-8"), "titles": []}
                for p in sorted(Path(args.texts).glob("*.txt"))]
        gold = None
    else:
        docs = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
        gold = {d["id"]: d for d in docs}
    if args.limit:
        docs = docs[: args.limit]
        gold = {d["id"]: d for d in docs} if gold is not None else None

    systems = {}
    pred, seconds, failed = run_ngotext(docs)
    systems["ngotext"] = (pred, seconds, failed)
    pred_pos, _, _ = run_ngotext(docs, positions_only=True)
    if not args.no_pullenti:
        systems["PullEnti"] = run_pullenti(docs)

    for label, (pred, _, _) in systems.items():
        show_pairs(label, docs, pred, args.show)
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for label, (pred, _, _) in systems.items():
            with open(out / f"{label.lower()}.jsonl", "w", encoding="utf-8") as fh:
                for p in pred.values():
                    fh.write(json.dumps(p, ensure_ascii=False) + "\n")

    print(f"\n{len(docs)} documents")
    header = f"{'system':<24}{'pairs P':>8}{'R':>7}{'F1':>7}{'tripl P':>9}{'R':>7}{'F1':>7}{'docs/s':>9}{'crashes':>9}"
    print(header)
    scorer = load_scorer() if gold is not None else None
    rows = [(label, *systems[label]) for label in systems]
    rows.insert(1, ("ngotext positions only", pred_pos, systems["ngotext"][1], systems["ngotext"][2]))
    for label, pred, seconds, failed in rows:
        speed = len(docs) / seconds if seconds else float("inf")
        if scorer is not None:
            res = scorer.score(gold, pred)
            p, t = res["pairs"], res["triples"]
            print(f"{label:<24}{p['precision']:8.3f}{p['recall']:7.3f}{p['f1']:7.3f}"
                  f"{t['precision']:9.3f}{t['recall']:7.3f}{t['f1']:7.3f}{speed:9.2f}{failed:9d}")
        else:
            n = sum(len(x["titles"]) for x in pred.values())
            print(f"{label:<24}{'pairs: ' + str(n):>45}{speed:9.2f}{failed:9d}")
    if "PullEnti" in systems:
        ratio = (len(docs) / systems["ngotext"][1]) / (len(docs) / systems["PullEnti"][1])
        print(f"ngotext is {ratio:.1f}x PullEnti's speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
