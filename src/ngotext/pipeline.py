"""The per-chunk function: raw articles in, plain records of every frame out.

It is the one function every engine runs (in-process, a process pool, Dask workers),
so it takes and returns only picklable data.
"""
from __future__ import annotations

import hashlib
import json
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from . import clean, entities, frames, nlp, officials, stats
from .frames import FRAME_NAMES
from .ingest import InputError, RawDoc


@dataclass(frozen=True, slots=True)
class Options:
    """How articles are analyzed; the same for every chunk of a run."""

    clean: bool = True
    morph: str = "pymorphy"
    max_chars: int = 2_000_000  # longer bodies become error rows
    max_seconds: float = 120.0  # an article analyzed longer than this becomes an error row

    def __post_init__(self):
        if self.morph not in nlp.MORPH_MODES:
            raise ValueError(f"morph must be one of {nlp.MORPH_MODES}, not {self.morph!r}")


class ArticleTimeout(Exception):
    """An article took longer than ``Options.max_seconds``."""


@contextmanager
def time_limit(seconds: float):
    """Raise ArticleTimeout after ``seconds`` of wall time.

    Works where signals can be used (the main thread of a process: ``jobs=1`` and pool
    workers); on other threads (a threaded Dask worker) the limit is not enforced.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _timeout_message(doc: RawDoc, options: Options) -> str:
    return (f"{doc.path or doc.doc_id}: analysis took longer than the limit of "
            f"{options.max_seconds:g} s per article; raise it with max_seconds=… "
            "(CLI: --max-seconds) if the article is worth the time")


def _size_message(doc: RawDoc, size: int, options: Options) -> str:
    return (f"{doc.path or doc.doc_id}: the text has {size:,} characters, over the limit of "
            f"{options.max_chars:,}; raise it with max_chars=… (CLI: --max-chars) to analyze it")


def body_hash(body: str) -> str:
    """Hash of a body with case and white space folded: equal hashes mean duplicates."""
    folded = re.sub(r"\s+", " ", body).strip().lower()
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=12).hexdigest()


def _error(doc: RawDoc | InputError, stage: str, message: str) -> dict:
    return {"doc_id": doc.doc_id, "path": doc.path, "stage": stage, "error": message}


def _describe(doc: RawDoc, stage: str, exc: Exception) -> str:
    where = doc.path or doc.doc_id
    return (f"{where}: the {stage} stage failed ({type(exc).__name__}: {exc}); "
            "the other articles were analyzed; please report this input with the message")


def _article_row(doc: RawDoc, page: clean.CleanPage, lang: str) -> dict:
    return {
        "doc_id": doc.doc_id, "path": doc.path,
        "title": doc.title or page.title, "author": doc.author or page.author,
        "published": doc.published or page.published, "views": page.views,
        "lang": lang, "encoding": doc.encoding, "duplicate_of": None,
        "n_sentences": 0, "n_tokens": 0, "text": page.body,
        "note": None, "body_hash": body_hash(page.body),
        "raw_map": json.dumps(page.raw_map),
    }


def process_chunk(items: list[RawDoc | InputError], options: Options = Options()) -> dict[str, list[dict]]:
    """Analyze a chunk of inputs; returns frame name -> records, in input order.

    An article that fails at any stage leaves no partial rows: it becomes one error row.
    """
    out: dict[str, list[dict]] = {name: [] for name in FRAME_NAMES}
    out["timings"] = []
    pending: list[tuple[RawDoc, dict]] = []
    order: dict[str, int] = {}
    for item in items:
        order[item.doc_id] = len(order)
        if isinstance(item, InputError):
            out["errors"].append(_error(item, item.stage, item.error))
            continue
        if len(item.text) > options.max_chars:
            # checked on the raw text too, so that cleaning never runs on a giant input
            out["errors"].append(_error(item, "limits", _size_message(item, len(item.text), options)))
            continue
        try:
            page = clean.clean_page(item.text) if options.clean else clean.as_body(item.text)
        except Exception as exc:  # one bad page never stops a batch
            out["errors"].append(_error(item, "clean", _describe(item, "clean", exc)))
            continue
        if not page.body.strip():
            out["errors"].append(_error(item, "clean", (
                f"{item.path or item.doc_id}: holds no article text (empty, or only page "
                "navigation); check the file, or pass clean=False (--no-clean) if it is a body")))
            continue
        lang = clean.detect_lang(page.body)
        row = _article_row(item, page, lang)
        if lang != "ru":
            row["note"] = (f"not analyzed: the text is {'Kazakh' if lang == 'kk' else 'not Russian'}"
                           "; ngotext reads Russian only")
            out["articles"].append(row)
        else:
            pending.append((item, row))

    started = time.perf_counter()
    docs = _nlp(pending, options)
    nlp_seconds = time.perf_counter() - started
    for (item, row), doc in zip(pending, docs):
        rows = (_extract(item, doc, options, row["author"]) if isinstance(doc, nlp.NlpDoc)
                else {"error": doc})
        if "error" in rows:
            out["errors"].append(rows["error"])
            continue
        row["n_sentences"], row["n_tokens"] = len(doc.sentences), len(doc.tokens)
        out["articles"].append(row)
        for name, records in rows.items():
            for rec in records:
                rec["doc_id"] = item.doc_id
            out[name].extend(records)
    share = nlp_seconds / max(len(pending), 1)
    out["timings"] = [{"doc_id": item.doc_id, "nlp_seconds": share} for item, _ in pending]
    # Input order, whatever path each article took.
    for name in ("articles", "errors"):
        out[name].sort(key=lambda r: order[r["doc_id"]])
    return out


def analyze_chunk(items: list[RawDoc | InputError], options: Options = Options()) -> dict:
    """``process_chunk`` with its records built into frames where the work is done.

    Every engine runs this one: a worker returns compact frames, so the parent of a
    pool only collects or writes them. Keys: the frame names, and ``timings``.
    """
    out = process_chunk(items, options)
    built: dict = {name: frames.build(name, out[name]) for name in FRAME_NAMES}
    built["timings"] = out["timings"]
    return built


def _nlp(pending: list[tuple[RawDoc, dict]], options: Options) -> list:
    """NlpDocs for the chunk in one batch; if the batch fails, article by article,
    so that only the article at fault becomes an error row."""
    try:
        with time_limit(options.max_seconds * len(pending)):
            return nlp.process([(item.doc_id, row["text"]) for item, row in pending], morph=options.morph)
    except Exception:
        docs = []
        for item, row in pending:
            try:
                with time_limit(options.max_seconds):
                    docs.extend(nlp.process([(item.doc_id, row["text"])], morph=options.morph))
            except ArticleTimeout:
                docs.append(_error(item, "limits", _timeout_message(item, options)))
            except Exception as exc:
                docs.append(_error(item, "nlp", _describe(item, "nlp", exc)))
        return docs


def _extract(item: RawDoc, doc: nlp.NlpDoc, options: Options, author: str | None) -> dict:
    """Frame records of one article, or {"error": row} when a stage fails or time runs out."""
    try:
        with time_limit(options.max_seconds):
            return _extract_rows(doc, author)
    except ArticleTimeout:
        return {"error": _error(item, "limits", _timeout_message(item, options))}
    except _StageFailed as failed:
        stage, exc = failed.args
        return {"error": _error(item, stage, _describe(item, stage, exc))}


class _StageFailed(Exception):
    """(stage, exception) of an extractor that failed."""


_PERSON_NAME = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]+(?: [А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]+){1,2}$")


def _extract_rows(doc: nlp.NlpDoc, author: str | None = None) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    stage = "nlp"
    try:
        rows["sentences"] = [{"sent_id": s.sent_id, "start": s.start, "stop": s.stop, "text": s.text}
                             for s in doc.sentences]
        rows["tokens"] = [{"sent_id": t.sent_id, "token_id": t.token_id, "start": t.start,
                           "stop": t.stop, "text": t.text, "lemma": t.lemma, "pos": t.pos}
                          for t in doc.tokens]
        stage = "entities"
        rows["entities"] = entities.extract(doc)
        stage = "people"
        rows["people"] = officials.extract(doc, rows["entities"])
        # The author line lives in the page head, not the body: a row without offsets.
        if author and _PERSON_NAME.match(author) and author not in {p["name"] for p in rows["people"]}:
            rows["people"].append(officials.author_row(author))
        stage = "stats"
        rows["stats"] = stats.extract(doc)
    except ArticleTimeout:
        raise
    except Exception as exc:  # one bad article never stops a batch
        raise _StageFailed(stage, exc) from exc
    return rows
