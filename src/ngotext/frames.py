"""The column contract: every frame's columns, their dtypes and their meaning.

The schemas below are the single source of truth: frames are built from them,
empty frames get them, and the docs' column reference is generated from them.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import pandas as pd

STR = "string"      # pandas StringDtype: missing values are pd.NA
INT = "Int64"       # nullable integer
FLOAT = "Float64"   # nullable float
DATE = "datetime64[us]"

# frame -> [(column, dtype, description)]
SCHEMAS: dict[str, list[tuple[str, str, str]]] = {
    "articles": [
        ("doc_id", STR, "stable id of the input article (file path relative to the folder, a record id, or the Series index)"),
        ("path", STR, "file the article came from (NA for texts passed in memory)"),
        ("title", STR, "headline from the page head or the page's metadata"),
        ("author", STR, "author line of the page"),
        ("published", DATE, "publication date when the page gives one"),
        ("views", INT, "view counter of the page"),
        ("lang", STR, "ru, kk (Kazakh) or other"),
        ("encoding", STR, "detected encoding of the file (utf-8, cp1251, koi8-r, utf-16 …)"),
        ("duplicate_of", STR, "doc_id of an earlier article with the same normalized body"),
        ("n_sentences", INT, "sentences in the clean body"),
        ("n_tokens", INT, "tokens in the clean body"),
        ("text", STR, "the clean body; every start/stop in every frame indexes it"),
        ("note", STR, "why the article was not analyzed (for example its language), else NA"),
        ("body_hash", STR, "hash of the normalized body, used to find duplicates"),
        ("raw_map", STR, "JSON list of [body_start, raw_start, length] runs mapping the body back to the raw page"),
    ],
    "sentences": [
        ("doc_id", STR, "article"),
        ("sent_id", INT, "sentence number within the article, from 0"),
        ("start", INT, "offset of the sentence in articles.text"),
        ("stop", INT, "end offset (exclusive)"),
        ("text", STR, "the sentence"),
    ],
    "tokens": [
        ("doc_id", STR, "article"),
        ("sent_id", INT, "sentence of the token"),
        ("token_id", INT, "token number within the article, from 0"),
        ("start", INT, "offset in articles.text"),
        ("stop", INT, "end offset (exclusive)"),
        ("text", STR, "the token as written"),
        ("lemma", STR, "dictionary form (lower case; abbreviations keep their capitals)"),
        ("pos", STR, "universal part of speech (NOUN, PROPN, VERB, ADJ, NUM, PUNCT …)"),
    ],
    "entities": [
        ("doc_id", STR, "article"),
        ("sent_id", INT, "sentence of the mention"),
        ("start", INT, "offset in articles.text"),
        ("stop", INT, "end offset (exclusive)"),
        ("text", STR, "the mention as written"),
        ("type", STR, "PER, ORG or LOC"),
        ("normal", STR, "the mention in the nominative"),
        ("canonical", STR, "one name for the entity within the article (full name, long form of an abbreviation)"),
        ("nested", "bool", "the mention lies inside a longer one (\"Казахстана\" in \"Гражданского альянса Казахстана\"); filter it out to count entities"),
    ],
    "people": [
        ("doc_id", STR, "article"),
        ("name", STR, "full name in the nominative"),
        ("title", STR, "position in the nominative, NA for a person mentioned without one"),
        ("org", STR, "canonical organization of the position, or NA"),
        ("start", INT, "offset of the name in articles.text"),
        ("stop", INT, "end offset of the name"),
        ("title_start", INT, "offset of the title phrase, NA without a title"),
        ("title_stop", INT, "end offset of the title phrase"),
        ("role", STR, "how the title was found (before_name, after_name, repeated, …)"),
    ],
    "stats": [
        ("doc_id", STR, "article"),
        ("sent_id", INT, "sentence of the figure"),
        ("start", INT, "offset of the quote in articles.text"),
        ("stop", INT, "end offset of the quote"),
        ("quote", STR, "the figure as written, with its qualifier"),
        ("value", "float64", "the number, scale applied (23 тыс. -> 23000)"),
        ("unit", STR, "KZT, RUB, USD, EUR (other currencies by ISO code: GBP, CNY, KGS …), count, percent or times"),
        ("subject", STR, "lemmatized noun phrase the figure counts (НПО, волонтёр …)"),
        ("category", STR, "ngo, volunteer, project, grant, budget, people, organization or other"),
        ("qualifier", STR, "exact, more_than, less_than, about or up_to"),
        ("year", INT, "year the figure refers to, when the text ties it to one"),
        ("change_id", INT, "figures of one change (с X до Y, выросло на N%) or one range (от 5 до 7) share it"),
        ("role", STR, "from, to or delta inside a change; min or max inside a range"),
    ],
    "errors": [
        ("doc_id", STR, "article or input that failed"),
        ("path", STR, "its file, when it has one"),
        ("stage", STR, "ingest, clean, nlp, entities, people, stats or limits"),
        ("error", STR, "what went wrong and what to do about it"),
    ],
}

FRAME_NAMES: tuple[str, ...] = tuple(SCHEMAS)


def columns(frame: str) -> list[str]:
    """Column names of a frame, in order.

    >>> columns("errors")
    ['doc_id', 'path', 'stage', 'error']
    """
    return [name for name, _, _ in SCHEMAS[frame]]


def dtypes(frame: str) -> dict[str, str]:
    """Column -> dtype of a frame."""
    return {name: dtype for name, dtype, _ in SCHEMAS[frame]}


def empty(frame: str) -> pd.DataFrame:
    """An empty frame with the right columns and dtypes.

    >>> empty("stats").dtypes["value"]
    dtype('float64')
    """
    return build(frame, [])


def build(frame: str, records: Iterable[Mapping]) -> pd.DataFrame:
    """A frame from plain records (dicts); missing keys and None become NA.

    >>> build("errors", [{"doc_id": "a.txt", "error": "empty file"}]).loc[0, "path"] is pd.NA
    True
    """
    cols = columns(frame)
    records = list(records)
    data = {c: [r.get(c) for r in records] for c in cols}
    df = pd.DataFrame(data, columns=cols)
    return conform(frame, df)


def conform(frame: str, df: pd.DataFrame) -> pd.DataFrame:
    """Give a frame exactly the schema's columns (extra ones kept after them) and dtypes."""
    types = dtypes(frame)
    out = df.copy()
    for col, dtype in types.items():
        if col not in out.columns:
            out[col] = pd.Series([None] * len(out), index=out.index, dtype="object")
        if dtype == DATE:
            out[col] = pd.to_datetime(out[col], errors="coerce").astype(DATE)
        elif str(out[col].dtype) != dtype:
            series = out[col]
            if dtype == STR:
                series = series.astype("object").where(series.notna(), None)
            out[col] = series.astype(dtype)
    ordered = list(types) + [c for c in out.columns if c not in types]
    return out[ordered].reset_index(drop=True)


def concat(frame: str, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames of one kind (chunk outputs) as one frame with the schema's dtypes.

    >>> len(concat("errors", [build("errors", [{"doc_id": "a"}]), empty("errors")]))
    1
    """
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty(frame)
    return conform(frame, pd.concat(parts, ignore_index=True))

