"""Find inputs and decode them: every input yields a RawDoc or an InputError, never silence."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd


@dataclass(slots=True)
class RawDoc:
    """One article as read, before cleaning."""

    doc_id: str
    path: str | None
    text: str
    encoding: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None


@dataclass(slots=True)
class InputError:
    """An input that could not become an article; ``error`` says what to do."""

    doc_id: str
    path: str | None
    stage: str
    error: str


TEXT_SUFFIXES = {".txt"}


def normalize_text(text: str) -> str:
    """NFC, without soft hyphens and zero-width characters; no-break spaces stay."""
    text = unicodedata.normalize("NFC", text)
    return text.translate(_INVISIBLE)


_INVISIBLE = {ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"}


def _read_text_file(path: Path, doc_id: str) -> RawDoc | InputError:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputError(doc_id, str(path), "ingest",
                          f"{path}: cannot be read ({exc.strerror or exc}); check that the file "
                          "exists and that you have permission to read it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return InputError(doc_id, str(path), "ingest",
                          f"{path}: is not UTF-8 text; convert it to UTF-8 and run again")
    return RawDoc(doc_id, str(path), normalize_text(text), "utf-8")


def _walk(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)


def iter_inputs(source, **options) -> Iterator[RawDoc | InputError]:
    """Every article of a source, in a stable order.

    ``source`` is a folder, a file, a list of paths, one string of text, an iterable
    of strings, or a pandas Series of texts (its index becomes ``doc_id``).

    >>> [d.doc_id for d in iter_inputs(["Первый текст.", "Второй текст."])]
    ['text-00000', 'text-00001']
    """
    if isinstance(source, pd.Series):
        for key, value in source.items():
            yield _memory_doc(str(key), value)
        return
    if isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source)):
        path = Path(source)
        if path.is_dir():
            for file in _walk(path):
                yield _read_text_file(file, file.relative_to(path).as_posix())
        else:
            yield _read_text_file(path, path.name)
        return
    if isinstance(source, str):
        yield _memory_doc("text-00000", source)
        return
    if isinstance(source, Iterable):
        for n, item in enumerate(source):
            if isinstance(item, Path):
                yield _read_text_file(item, item.name)
            else:
                yield _memory_doc(f"text-{n:05d}", item)
        return
    raise TypeError(f"cannot analyze a {type(source).__name__}: pass a folder, a file, "
                    "a list of paths, a string, an iterable of strings or a pandas Series")


def _looks_like_path(value: str) -> bool:
    """A one-line string naming an existing file or folder (else it is text to analyze)."""
    if "\n" in value or len(value) >= 4096:
        return False
    try:
        return Path(value).exists()
    except (OSError, ValueError):  # a sentence is not a valid file name (too long, NUL …)
        return False


def _memory_doc(doc_id: str, value) -> RawDoc | InputError:
    if not isinstance(value, str):
        return InputError(doc_id, None, "ingest",
                          f"{doc_id}: is a {type(value).__name__}, not text; pass strings")
    return RawDoc(doc_id, None, normalize_text(value))
