"""Find inputs and decode them: every input yields a RawDoc or an InputError, never silence.

Formats: ``.txt`` in any Cyrillic encoding (UTF-8 with or without BOM, UTF-16, cp1251,
koi8-r …, detected and recorded); ``.html``/``.htm`` (main text, title and date from the
page's own metadata); ``.jsonl``/``.json``, ``.csv`` and ``.parquet`` holding many
articles, with configurable text, id, title and date fields. Files are read lazily,
one at a time, so a folder of any size streams.

Nothing disappears: an empty, binary, unreadable or missing file, a folder that cannot
be listed or holds no matching file, a broken JSON line and a record without text each
become one ``InputError`` whose message names the input and says what to do. Hidden
files and folders (".git", ".DS_Store") are the one thing a folder walk leaves out.
doc_ids are the path relative to the folder (posix), and ``"<path>#<record id>"`` (or
the record's line number) inside multi-article files; they are unique and stable.
"""
from __future__ import annotations

import codecs
import fnmatch
import io
import json
import os
import re
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


@dataclass(frozen=True, slots=True)
class Fields:
    """Where multi-article files (JSONL, JSON, CSV, Parquet) keep each article's parts."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str = "date"


TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".parquet"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES

# Invisible characters dropped at ingest: soft hyphen, zero-width marks, BOMs in mid-text,
# direction marks and embeddings. Dropping (not replacing) keeps no-break spaces intact.
_INVISIBLE = {ord(c): None for c in
              "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2066\u2067\u2068\u2069\u061c"}
# Latin letters that look like Cyrillic ones, swapped inside words that are otherwise
# Cyrillic ("HПО" typed with a Latin H): one character for one, so offsets do not move.
_LOOKALIKES = str.maketrans("AaBCcEeHKMOoPpTXxyÀ", "АаВСсЕеНКМОоРрТХхуА")
_MIXED_WORD = re.compile(r"\b(?=\w*[а-яёА-ЯЁ])(?=\w*[A-Za-z])\w+\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Stress marks left after NFC (Russian has no precomposed stressed vowels): "органа́ми".
_STRESS = re.compile("[\u0300\u0301]")
# Thin and narrow no-break spaces that group digits ("1\u202f200") become the no-break
# space the number reader knows, one character for one.
_DIGIT_SPACE = re.compile(r"(?<=\d)[\u2009\u202f\u2007](?=\d)")
_LINE_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n"})


def normalize_text(text: str) -> str:
    """NFC; invisible marks and stress marks dropped; control characters (NUL …) become
    spaces; line separators become line breaks; Latin look-alikes inside Cyrillic words
    become Cyrillic. No-break spaces stay; thin spaces between digits become no-break
    spaces, so "1 200" stays one number.

    >>> normalize_text("H\\u041f\\u041e\\u00ad \\u200f23\\u00a0тыс.")
    'НПО 23\\xa0тыс.'
    >>> normalize_text("орга\\u0301нов 1\\u202f200")
    'органов 1\\xa0200'
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_LINE_SEPARATORS)
    text = _DIGIT_SPACE.sub("\u00a0", _STRESS.sub("", text))
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _MIXED_WORD.sub(lambda m: _fix_mixed(m.group()), text)


def _fix_mixed(word: str) -> str:
    cyrillic = sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in word)
    latin = sum("a" <= ch.lower() <= "z" for ch in word)
    # only when Cyrillic dominates: "HПО" → "НПО", but not "iPhone-ы" or "COVID-19"
    return word.translate(_LOOKALIKES) if cyrillic >= latin else word


# ---------------------------------------------------------------- decoding

def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a file's bytes; raises UnicodeDecodeError for binary data.

    >>> decode("Гражданское общество".encode("cp1251"))[1]
    'cp1251'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096] and _looks_utf16(data):
        # the high bytes (0x00 for Latin, 0x04 for Cyrillic) sit at odd offsets in LE
        sample = data[:4096]
        high_odd = sample[1::2].count(0) + sample[1::2].count(4)
        high_even = sample[0::2].count(0) + sample[0::2].count(4)
        codec = "utf-16-le" if high_odd >= high_even else "utf-16-be"
        return data.decode(codec), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise UnicodeDecodeError("binary", data[:1], 0, 1, "NUL bytes in a file that is not UTF-16")
    return _decode_cyrillic(data)


def _codec_name(encoding: str) -> str:
    """One name per codec, as Python spells it: "windows-1251" -> "cp1251"."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    # Cyrillic in UTF-16 has 0x04 high bytes, Latin and digits 0x00: either way one
    # of the two byte lanes is mostly 0x00 or 0x04.
    lanes = (sample[0::2], sample[1::2])
    return any(lane.count(0) + lane.count(4) > 0.8 * half for lane in lanes) and zeros_even + zeros_odd > 0


# Letter frequencies tell cp1251 from koi8-r (and others) on short texts more reliably
# than a generic detector: decode with each, score how Russian the letters look.
_COMMON = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё ОЕАИНТСРВЛКМДПУЯ")


def _decode_cyrillic(data: bytes) -> tuple[str, str]:
    best, best_score = None, -1.0
    for codec in ("cp1251", "koi8-r", "cp866", "iso-8859-5"):  # most common first: wins ties
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = [ch for ch in text if ch.isalpha()]
        if not letters:
            continue
        lower = sum(ch.islower() for ch in letters) / len(letters)
        common = sum(ch in _COMMON for ch in letters) / len(letters)
        score = common + 0.5 * lower
        if score > best_score + 0.02:
            best, best_score = (text, codec), score
    if best is None or best_score < 0.9:
        try:
            from charset_normalizer import from_bytes
        except ImportError:  # pragma: no cover - a core dependency
            from_bytes = None
        guess = from_bytes(data).best() if from_bytes else None
        if guess is None:
            raise UnicodeDecodeError("unknown", data[:1], 0, 1, "no text encoding fits")
        return str(guess), guess.encoding
    return best


# ---------------------------------------------------------------- files

def _fail(doc_id: str, path: Path, message: str) -> InputError:
    return InputError(doc_id, str(path), "ingest", f"{path}: {message}")


def _read_bytes(path: Path, doc_id: str) -> bytes | InputError:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return _fail(doc_id, path, "disappeared before it could be read (deleted or moved "
                                   "during the run); restore it and run again with --resume")
    except PermissionError:
        return _fail(doc_id, path, "cannot be read: permission denied; give your user read "
                                   "access (chmod +r) or leave the file out")
    except IsADirectoryError:
        return _fail(doc_id, path, "is a folder, not a file")
    except OSError as exc:
        return _fail(doc_id, path, f"cannot be read ({exc.strerror or exc}); check the disk and the file")


def _read_content(path: Path, doc_id: str, if_empty: str) -> bytes | InputError:
    """A file's bytes, or the error row of a file that cannot be read or is empty."""
    data = _read_bytes(path, doc_id)
    if not isinstance(data, InputError) and not data.strip():
        return _fail(doc_id, path, f"is empty; {if_empty}")
    return data


def read_text_file(path: Path, doc_id: str) -> RawDoc | InputError:
    """One article from a text file in any Cyrillic encoding."""
    data = _read_content(path, doc_id, "remove it or fill it with the article's text")
    if isinstance(data, InputError):
        return data
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError:
        return _fail(doc_id, path, "is not text (binary data, or an encoding ngotext cannot "
                                   "read); convert it to UTF-8 text or leave it out")
    if _binary_looking(text):
        return _fail(doc_id, path, "is not text (mostly control or unprintable characters); "
                                   "convert it to UTF-8 text or leave it out")
    return RawDoc(doc_id, str(path), normalize_text(text), encoding)


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ue000-\uf8ff\ufffd]")


def _binary_looking(text: str) -> bool:
    """Mostly control, private-use or replacement characters: decoded, but not text."""
    sample = text[:4096]
    return len(_UNPRINTABLE.findall(sample)) > 0.1 * max(len(sample), 1)


def read_html_file(path: Path, doc_id: str) -> RawDoc | InputError:
    """One article from an HTML page: its main text, title and published date."""
    from . import webpage as html_reader

    data = _read_content(path, doc_id, "remove it or save the page again")
    if isinstance(data, InputError):
        return data
    try:
        markup, encoding = html_reader.decode_html(data)
        encoding = _codec_name(encoding)
        page = html_reader.extract(markup)
    except UnicodeDecodeError:
        return _fail(doc_id, path, "is not an HTML text file; save the page again as HTML")
    except Exception as exc:  # a broken page is one error row, not a stopped batch
        return _fail(doc_id, path, f"could not be parsed as HTML ({type(exc).__name__}: {exc}); "
                                   "save the page again or extract its text first")
    if not page.text.strip():
        return _fail(doc_id, path, "holds no article text that ngotext could find; "
                                   "extract the article's text to a .txt file")
    title = _page_title(page.title, markup)
    text = normalize_text(page.text)
    if title and not text.startswith(title):
        # the headline heads the text as on the page, so that the clean stage reads it
        # as the title and never takes a short first paragraph for one
        text = f"{title}\n\n{text}"
    return RawDoc(doc_id, str(path), text, encoding,
                  title=title or None, published=_published(page.published), author=page.author)


_TITLE_SEPARATOR = re.compile(r"\s+[|—–-]\s+")


def _page_title(title: str | None, markup: str) -> str | None:
    """A page's <title> without the site name ("Заголовок — Новости Уральска") when the
    page's <h1> shows the headline alone."""
    if not title:
        return None
    title = normalize_text(title).strip()
    # the longest prefix before a separator that the <h1> shows alone
    for separator in reversed(list(_TITLE_SEPARATOR.finditer(title))):
        head = title[:separator.start()]
        if re.search(r"<h1[^>]{0,300}>\s{0,40}" + re.escape(head) + r"\s{0,40}<", markup):
            return head
    return title or None


def _value(record: dict, key: str):
    value = record.get(key)
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value


def _record_key(value) -> str:
    """A record id as text: 7.0 (an integer column with gaps, read as floats) is "7"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_records(path: Path, rel: str, fields: Fields) -> Iterator[RawDoc | InputError]:
    """Many articles from a JSONL, JSON, CSV or Parquet file, one per record.

    Each doc_id is ``"<rel>#<id>"`` (the record's id field), else ``"<rel>#<n>"`` with
    the record's line number (JSONL) or position from 1; a repeated id gets ``~<n>``
    so that every doc_id stays unique.
    """
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            records = _jsonl(path, rel)
        elif suffix == ".json":
            records = _numbered(_json_records(json.loads(_text_of(path)[0])))
        elif suffix == ".csv":
            text, _ = _text_of(path)
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=_csv_separator(text))
            records = _numbered(frame.to_dict("records"))
        else:
            records = _numbered(pd.read_parquet(path).to_dict("records"))
    except FileNotFoundError:
        yield _fail(rel, path, "does not exist (or disappeared before it could be read); check the path")
        return
    except PermissionError:
        yield _fail(rel, path, "cannot be read: permission denied; give your user read access "
                               "(chmod +r) or leave the file out")
        return
    except Exception as exc:
        yield _fail(rel, path, f"could not be read as {suffix[1:].upper()} ({type(exc).__name__}: {exc}); "
                               "check that the file is complete and in that format")
        return
    seen, used = False, set()
    for n, record in records:
        seen = True
        if isinstance(record, InputError):
            yield record
            continue
        if not isinstance(record, dict):
            yield _fail(f"{rel}#{n}", path, f"record {n} is not an object with fields; "
                                            "give one article per record")
            continue
        key = _value(record, fields.id)
        key = _record_key(key) if key is not None and _record_key(key) else str(n)
        if key in used:
            key = f"{key}~{n}"
        used.add(key)
        doc_id = f"{rel}#{key}"
        text = _value(record, fields.text)
        if not isinstance(text, str):
            yield _fail(doc_id, path, f"record {n} has no text in field {fields.text!r}; "
                                      f"name the field with text_field=… (CLI: --text-field); "
                                      f"its fields are {sorted(map(str, record))[:10]}")
            continue
        if not text.strip():
            yield _fail(doc_id, path, f"record {n} has an empty {fields.text!r} field; "
                                      "fill it or leave the record out")
            continue
        title, published = _value(record, fields.title), _value(record, fields.date)
        yield RawDoc(doc_id, str(path), normalize_text(text), "utf-8",
                     title=normalize_text(str(title)).strip() or None if title is not None else None,
                     published=_published(published))
    if not seen:
        yield _fail(rel, path, "holds no records; remove it or check the export")


def _published(value) -> str | None:
    """A record's date as ISO when it can be read, else as written (pandas may still)."""
    from .clean import iso_date

    if value is None:
        return None
    return iso_date(value) or (str(value).strip() or None)


def _numbered(records) -> Iterator[tuple[int, object]]:
    return ((n, record) for n, record in enumerate(records, 1))


def _text_of(path: Path) -> tuple[str, str]:
    """A whole file decoded (UTF-8, or the Cyrillic code page an export tool chose)."""
    return decode(path.read_bytes())


def _json_records(data) -> list:
    """The records of a JSON file: a list, or the first list of objects in an object
    ({"articles": [...]}, {"items": [...]}), or the object itself."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return value
        return [data]
    return [data]


def _csv_separator(text: str) -> str:
    """Comma, or the semicolon or tab of a spreadsheet export, read from the header."""
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ","))


def _jsonl(path: Path, rel: str) -> Iterator[tuple[int, dict | InputError]]:
    """(line number, record) of a JSON Lines file, streamed; a bad line is an error row."""
    with path.open("rb") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                text = decode(line)[0]
            try:
                yield n, json.loads(text)
            except json.JSONDecodeError as exc:
                yield n, _fail(f"{rel}#{n}", path, f"line {n} is not valid JSON ({exc.msg}); "
                                                   "fix or remove the line")


def read_file(path: Path, rel: str, fields: Fields = Fields()) -> Iterator[RawDoc | InputError]:
    """Every article of one file, by its kind."""
    suffix = path.suffix.lower()
    if not path.exists():
        yield _fail(rel, path, "does not exist; check the path (a folder, a file, or a list of files)")
    elif path.is_dir():
        yield from _read_folder(path, None, fields)
    elif suffix in RECORD_SUFFIXES:
        yield from read_records(path, rel, fields)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path, rel)
    else:
        yield read_text_file(path, rel)


def walk(folder: Path, include: str | Iterable[str] | None = None,
         errors: list[InputError] | None = None) -> list[Path]:
    """Files under a folder, recursively, sorted; hidden files and folders left out.

    ``include`` is a glob (or several) on the path relative to the folder ("*.txt",
    "2024/**/*.html"); a pattern without "/" also matches the file name alone. A
    subfolder that cannot be listed adds an error row to ``errors``.
    """
    patterns = [include] if isinstance(include, str) else list(include or [])
    out = []

    def unreadable(exc: OSError):
        if errors is not None:
            where = Path(exc.filename or folder)
            rel = where.relative_to(folder).as_posix() if where != folder else where.name
            errors.append(_fail(rel, where, f"is a folder that cannot be listed ({exc.strerror}); "
                                            "give your user access (chmod +rx) or leave it out"))

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if name.startswith(".") or not path.is_file():
                continue
            if patterns and not any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns):
                continue
            out.append(path)
    return sorted(out, key=lambda p: p.relative_to(folder).as_posix())


def _read_folder(folder: Path, include, fields: Fields) -> Iterator[RawDoc | InputError]:
    errors: list[InputError] = []
    paths = walk(folder, include, errors)
    yield from errors
    if not paths and not errors:
        what = f" matching {include!r}" if include else ""
        yield _fail(folder.name or str(folder), folder,
                    f"is a folder with no files{what}; check the folder"
                    + (" or the include pattern" if include else ""))
    for file in paths:
        yield from read_file(file, file.relative_to(folder).as_posix(), fields)


def iter_inputs(source, *, include: str | Iterable[str] | None = None, text_field: str = "text",
                id_field: str = "id", title_field: str = "title",
                date_field: str = "date") -> Iterator[RawDoc | InputError]:
    """Every article of a source, in a stable order.

    ``source`` is a folder (read recursively; ``include`` filters it with a glob), a
    file, a list of paths, one string of text, an iterable of strings, or a pandas
    Series of texts (its index becomes ``doc_id``). Multi-article files name their
    fields with ``text_field``, ``id_field``, ``title_field`` and ``date_field``.

    >>> [d.doc_id for d in iter_inputs(["Первый текст.", "Второй текст."])]
    ['text-00000', 'text-00001']
    """
    fields = Fields(text_field, id_field, title_field, date_field)
    if isinstance(source, pd.Series):
        for key, value in source.items():
            yield _memory_doc(str(key), value)
        return
    if isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source)):
        path = Path(source).expanduser()
        if path.is_dir():
            yield from _read_folder(path, include, fields)
        else:
            yield from read_file(path, path.name, fields)
        return
    if isinstance(source, str) and _names_a_missing_file(source):
        yield InputError(source, source, "ingest", f"{source}: no such file or folder; check the path "
                                                   "(to analyze this string as text, pass [text])")
        return
    if isinstance(source, str):
        yield _memory_doc("text-00000", source)
        return
    if isinstance(source, Iterable):
        for n, item in enumerate(source):
            if isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item)):
                item = Path(item).expanduser()
                yield from read_file(item, item.as_posix() if not item.is_absolute() else item.name, fields)
            elif isinstance(item, str) and _names_a_missing_file(item):
                yield InputError(item, item, "ingest", f"{item}: no such file or folder; check the path")
            else:
                yield _memory_doc(f"text-{n:05d}", item)
        return
    raise TypeError(f"cannot analyze a {type(source).__name__}: pass a folder, a file, "
                    "a list of paths, a string, an iterable of strings or a pandas Series")


def _names_a_missing_file(value: str) -> bool:
    """A one-line string that reads as a path ("corpus/", "news.jsonl") but names nothing."""
    value = value.strip()
    if "\n" in value or not value or len(value) > 1024 or " " in value.strip("/"):
        return False
    return (Path(value).suffix.lower() in KNOWN_SUFFIXES or value.endswith(("/", "\\"))
            or value.startswith(("/", "./", "../", "~")))


def _looks_like_path(value: str) -> bool:
    """A one-line string naming an existing file or folder (else it is text to analyze)."""
    if "\n" in value or len(value) >= 4096:
        return False
    try:
        return Path(value).expanduser().exists()
    except (OSError, ValueError):  # a sentence is not a valid file name (too long, NUL …)
        return False


def _memory_doc(doc_id: str, value) -> RawDoc | InputError:
    if not isinstance(value, str):
        return InputError(doc_id, None, "ingest",
                          f"{doc_id}: is a {type(value).__name__}, not text; pass strings")
    return RawDoc(doc_id, None, normalize_text(value))
