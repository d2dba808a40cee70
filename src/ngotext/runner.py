"""Run the per-chunk function over many articles: in this process, a process pool, or Dask.

Two ways out: ``run`` yields chunk outputs (``ngotext.analyze`` collects them in memory),
``write`` streams them to a folder of Parquet parts with a manifest, so that memory
stays flat however large the corpus, and an interrupted run can be resumed.
"""
from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import sys
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from . import frames
from .ingest import InputError, RawDoc
from . import pipeline
from .pipeline import Options

DEFAULT_CHUNK = 32  # articles per chunk: enough sentences for slovnet to run on full batches
ENGINES = ("local", "dask")
MANIFEST_PARTS = ".manifest"  # committed chunks; a chunk without its manifest part never happened


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items (the last one shorter).

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _warm_up() -> None:
    """Load the models once per worker process, before its first chunk."""
    from . import nlp

    nlp.morph_analyzer()
    nlp.ner_tagger()


def run(items: Iterable[RawDoc | InputError], options: Options = Options(), jobs: int = 1,
        progress: bool = False, chunk_size: int = DEFAULT_CHUNK, total: int | None = None,
        engine: str = "local", scheduler: str | None = None,
        fn: Callable | None = None) -> Iterator[dict]:
    """Chunk outputs of ``fn`` (``pipeline.analyze_chunk``: frame name -> DataFrame,
    and ``timings``) in input order.

    ``engine="local"`` uses this process (``jobs=1``) or a pool of ``jobs`` processes;
    ``engine="dask"`` sends chunks to a Dask cluster at ``scheduler`` (or a LocalCluster
    of ``jobs`` workers when ``scheduler`` is None).
    """
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    fn = fn or pipeline.analyze_chunk
    chunks = chunked(items, chunk_size)
    with Progress(progress, total) as bar:
        if engine == "dask":
            outputs = _dask_run(chunks, options, jobs, scheduler, fn)
        elif jobs == 1:
            outputs = ((chunk, fn(chunk, options)) for chunk in chunks)
        else:
            outputs = _pool_run(chunks, options, jobs, fn)
        for chunk, out in outputs:
            bar.advance(len(chunk))
            yield out


def _new_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool whose workers fork from a server that loaded the models once (Linux, macOS);
    elsewhere workers are spawned and load the models themselves."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["ngotext._preload"])
    else:  # pragma: no cover - Windows
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm_up)


def _pool_run(chunks, options, jobs, fn) -> Iterator[tuple[list, dict]]:
    """(chunk, output) in order from a process pool, with at most 2·jobs chunks in flight
    (flat memory). When a worker dies (a crash, the OOM killer), the pool is rebuilt,
    the chunk's articles are retried once each on their own, and an article that kills
    its worker again becomes an error row; the batch goes on."""
    pool = _new_pool(jobs)
    pending: deque[tuple[list, object]] = deque()
    try:
        while True:
            while len(pending) < 2 * jobs and (chunk := next(chunks, None)) is not None:
                pending.append((chunk, pool.submit(fn, chunk, options)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                out = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = _new_pool(jobs)
                out, pool = _retry_alone(pool, jobs, chunk, options, fn)
                pending = deque((c, pool.submit(fn, c, options)) for c, _ in pending)
            yield chunk, out
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _retry_alone(pool, jobs, chunk, options, fn) -> tuple[dict, ProcessPoolExecutor]:
    outs = []
    for item in chunk:
        try:
            outs.append(pool.submit(fn, [item], options).result())
        except BrokenProcessPool:
            pool.shutdown(wait=True, cancel_futures=True)
            pool = _new_pool(jobs)
            where = getattr(item, "path", None) or item.doc_id
            error = {"doc_id": item.doc_id, "path": getattr(item, "path", None), "stage": "worker",
                     "error": f"{where}: the worker process analyzing it died twice (a crash or "
                              "out of memory); the rest of the batch went on; try this file "
                              "alone, or lower max_chars"}
            outs.append({"errors": frames.build("errors", [error]), "timings": []})
    return merge_outputs(outs), pool


def merge_outputs(outs: list[dict]) -> dict:
    """Chunk outputs (frames and timings) as one output."""
    merged: dict = {name: frames.concat(name, [o[name] for o in outs if name in o])
                    for name in frames.FRAME_NAMES}
    merged["timings"] = [t for o in outs for t in o.get("timings", [])]
    return merged


def mark_duplicates(articles: pd.DataFrame, seen: dict[str, str]) -> pd.DataFrame:
    """``articles`` with ``duplicate_of`` set to the first doc_id of the same body hash;
    ``seen`` (hash -> first doc_id) carries over from earlier chunks."""
    duplicate_of = []
    for doc_id, digest, text in zip(articles["doc_id"], articles["body_hash"], articles["text"]):
        first = seen.setdefault(digest, doc_id) if isinstance(text, str) and text else doc_id
        duplicate_of.append(first if first != doc_id else None)
    out = articles.copy()
    out["duplicate_of"] = pd.array(duplicate_of, dtype="string")
    return out


def _dask_run(chunks, options, jobs, scheduler, fn) -> Iterator[tuple[list, dict]]:
    """(chunk, output) in order from a Dask cluster, with at most 2·jobs chunks in flight."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("the Dask engine needs dask.distributed: "
                           "pip install 'ngotext[dask]' (or pip install 'dask[distributed]')") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        client.run(_warm_up)
        window = 2 * max(jobs, len(client.scheduler_info().get("workers", {})))
        pending: deque[tuple[list, object]] = deque()
        while True:
            while len(pending) < window and (chunk := next(chunks, None)) is not None:
                pending.append((chunk, client.submit(fn, chunk, options, pure=False)))
            if not pending:
                return
            chunk, future = pending.popleft()
            yield chunk, future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class Progress:
    """Articles/s and ETA: a rich bar on a terminal, log lines elsewhere, nothing when off."""

    def __init__(self, enabled: bool, total: int | None, every: float = 10.0):
        self.enabled, self.total, self.every = enabled, total, every
        self.bar = self.task = None
        self.done, self.started, self.last_line = 0, time.monotonic(), 0.0

    def __enter__(self):
        if self.enabled and sys.stderr.isatty():
            from rich.progress import (BarColumn, MofNCompleteColumn, TaskProgressColumn,
                                       TextColumn, TimeRemainingColumn)
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(TextColumn("analyzing"), BarColumn(), MofNCompleteColumn(),
                                    TaskProgressColumn(), TextColumn("{task.fields[rate]}"),
                                    TimeRemainingColumn())
            self.bar.__enter__()
            self.task = self.bar.add_task("articles", total=self.total, rate="")
        return self

    def advance(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        if self.bar is not None:
            self.bar.update(self.task, advance=n, rate=f"{rate:.1f} articles/s")
        elif elapsed - self.last_line >= self.every:
            self.last_line = elapsed
            eta = f", ETA {(self.total - self.done) / rate:.0f} s" if self.total and rate else ""
            print(f"ngotext: {self.done}{'/' + str(self.total) if self.total else ''} articles, "
                  f"{rate:.1f} articles/s{eta}", file=sys.stderr, flush=True)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        elif self.enabled and self.done:
            elapsed = max(time.monotonic() - self.started, 1e-9)
            print(f"ngotext: {self.done} articles in {elapsed:.1f} s "
                  f"({self.done / elapsed:.1f} articles/s)", file=sys.stderr, flush=True)
        return False


# ---------------------------------------------------------------- streamed output

MANIFEST_COLUMNS = {"doc_id": "string", "path": "string", "status": "string",
                    "content_hash": "string", "size": "Int64", "seconds": "float64",
                    "part": "Int64"}


def content_hash(item: RawDoc | InputError) -> str | None:
    """Hash of the decoded input text (NA for inputs that could not be read)."""
    if isinstance(item, InputError):
        return None
    return hashlib.blake2b(item.text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def check_writable(out: Path) -> None:
    """Fail before any work when the output folder cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".ngotext-write-probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise PermissionError(f"{out}: cannot write the output here ({exc.strerror or exc}); "
                              "choose another folder with -o or fix its permissions") from None


def _committed(out: Path) -> pd.DataFrame:
    """The manifest rows of every chunk that finished."""
    parts = sorted((out / MANIFEST_PARTS).glob("part-*.parquet"))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in MANIFEST_COLUMNS.items()})
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)


def _clear(out: Path) -> None:
    """Remove a previous ngotext output from ``out`` (only what ngotext writes there)."""
    import shutil

    for name in (*frames.FRAME_NAMES, MANIFEST_PARTS):
        if (out / name).is_dir():
            shutil.rmtree(out / name)
        for single in out.glob(f"{name}.*"):
            single.unlink()
    (out / "manifest.parquet").unlink(missing_ok=True)


def _drop_uncommitted(out: Path, committed_parts: set[int]) -> None:
    """Remove parts of chunks whose manifest part was never written (an interrupted chunk)."""
    for name in frames.FRAME_NAMES:
        for part in (out / name).glob("part-*"):
            number = int(part.name.split("-")[1].split(".")[0])
            if number not in committed_parts:
                part.unlink()


def _write_atomic(df: pd.DataFrame, path: Path, fmt: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    if fmt == "csv":
        df.to_csv(tmp, index=False)
    else:
        df.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def write(source_items: Iterable[RawDoc | InputError], out: str | Path,
          options: Options = Options(), *, jobs: int = 1, engine: str = "local",
          scheduler: str | None = None, resume: bool = False, progress: bool = False,
          fmt: str = "parquet", chunk_size: int = DEFAULT_CHUNK,
          total: int | None = None, overwrite: bool = False) -> pd.DataFrame:
    """Analyze inputs into ``out/<frame>/part-NNNNN.<fmt>`` and ``out/manifest.parquet``.

    Each chunk's parts are written first and its manifest part last, each atomically:
    a chunk is done exactly when its manifest part exists. ``resume=True`` skips the
    inputs already done and removes the parts of a chunk that was cut short, so the
    resumed output equals an uninterrupted run's. ``overwrite=True`` first removes a
    previous ngotext output from ``out``. Returns the manifest.
    """
    out = Path(out)
    check_writable(out)
    if overwrite and not resume:
        _clear(out)
    if not resume and any(p.name != ".ngotext-write-probe" for p in out.iterdir()):
        raise FileExistsError(f"{out}: is not empty; pass --resume to continue the run that "
                              "wrote it, --overwrite to replace it, or choose an empty folder")
    done = _committed(out)
    _drop_uncommitted(out, set(done["part"].dropna().astype(int)))
    done_ids = set(done["doc_id"])
    next_part = int(done["part"].max()) + 1 if len(done) else 0
    seen_bodies = _seen_bodies(out, fmt) if resume else {}

    for name in (*frames.FRAME_NAMES, MANIFEST_PARTS):
        (out / name).mkdir(exist_ok=True)
    todo = (item for item in source_items if item.doc_id not in done_ids)
    hashes: dict[str, tuple[str | None, int]] = {}

    def remember(items):
        for item in items:
            hashes[item.doc_id] = (content_hash(item), len(item.text.encode("utf-8", "surrogatepass"))
                                   if isinstance(item, RawDoc) else None)
            yield item

    remaining = None if total is None else max(total - len(done_ids), 0)
    for part, chunk_out in enumerate(run(remember(todo), options, jobs=jobs, progress=progress,
                                         chunk_size=chunk_size, total=remaining,
                                         engine=engine, scheduler=scheduler), start=next_part):
        chunk_out["articles"] = mark_duplicates(chunk_out["articles"], seen_bodies)
        for name in frames.FRAME_NAMES:
            _write_atomic(chunk_out[name], out / name / f"part-{part:05d}.{fmt}", fmt)
        manifest = _manifest_rows(chunk_out, hashes, part)
        _write_atomic(manifest, out / MANIFEST_PARTS / f"part-{part:05d}.parquet", "parquet")
        for doc_id in manifest["doc_id"]:
            hashes.pop(doc_id, None)
    full = _committed(out)
    _write_atomic(full, out / "manifest.parquet", "parquet")
    return full


def _seen_bodies(out: Path, fmt: str) -> dict[str, str]:
    seen: dict[str, str] = {}
    for part in sorted((out / "articles").glob(f"part-*.{fmt}")):
        df = pd.read_csv(part) if fmt == "csv" else pd.read_parquet(part)
        for doc_id, digest, text in zip(df["doc_id"], df["body_hash"], df["text"]):
            if isinstance(text, str) and text:
                seen.setdefault(digest, doc_id)
    return seen


def _manifest_rows(chunk_out: dict, hashes: dict, part: int) -> pd.DataFrame:
    seconds = {t["doc_id"]: t["nlp_seconds"] for t in chunk_out.get("timings", [])}
    order = {doc_id: n for n, doc_id in enumerate(hashes)}
    rows = []
    arts, errs = chunk_out["articles"], chunk_out["errors"]
    statuses = [("skipped" if isinstance(note, str) else "ok") for note in arts["note"].astype(object)]
    for doc_id, path, status in [*zip(arts["doc_id"], arts["path"], statuses),
                                 *zip(errs["doc_id"], errs["path"], ["error"] * len(errs))]:
        digest, size = hashes.get(doc_id, (None, None))
        rows.append({"doc_id": doc_id, "path": path if isinstance(path, str) else None,
                     "status": status, "content_hash": digest, "size": size,
                     "seconds": seconds.get(doc_id, 0.0), "part": part})
    rows.sort(key=lambda r: order.get(r["doc_id"], len(order)))
    df = pd.DataFrame(rows, columns=list(MANIFEST_COLUMNS))
    return df.astype(MANIFEST_COLUMNS)
