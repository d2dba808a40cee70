"""Run the per-chunk function over many articles: in this process or a process pool."""
from __future__ import annotations

import itertools
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from .ingest import InputError, RawDoc
from .pipeline import Options, process_chunk

DEFAULT_CHUNK = 32  # articles per chunk: enough sentences for slovnet to run on full batches


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items (the last one shorter)."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _warm_up() -> None:
    """Load the models once per worker process, before its first chunk."""
    from . import nlp

    nlp.morph_analyzer()
    nlp.ner_tagger()


def run(items: Iterable[RawDoc | InputError], options: Options = Options(), jobs: int = 1,
        progress: bool = False, chunk_size: int = DEFAULT_CHUNK,
        total: int | None = None) -> Iterator[dict[str, list[dict]]]:
    """Chunk outputs of ``process_chunk`` in input order, computed with ``jobs`` processes."""
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    chunks = chunked(items, chunk_size)
    with _Progress(progress, total) as bar:
        if jobs == 1:
            for chunk in chunks:
                out = process_chunk(chunk, options)
                bar.advance(len(chunk))
                yield out
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                 initializer=_warm_up) as pool:
            pending = []
            # A bounded window of chunks in flight keeps memory flat and order stable.
            for chunk in chunks:
                pending.append((len(chunk), pool.submit(process_chunk, chunk, options)))
                if len(pending) >= 2 * jobs:
                    size, future = pending.pop(0)
                    yield future.result()
                    bar.advance(size)
            for size, future in pending:
                yield future.result()
                bar.advance(size)


class _Progress:
    """A rich progress bar on a terminal, nothing otherwise (or when not asked for)."""

    def __init__(self, enabled: bool, total: int | None):
        self.enabled, self.total, self.bar, self.task = enabled, total, None, None

    def __enter__(self):
        if self.enabled:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeRemainingColumn)
            self.bar = Progress(TextColumn("analyzing"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), disable=not sys.stderr.isatty())
            self.bar.__enter__()
            self.task = self.bar.add_task("articles", total=self.total)
        return self

    def advance(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False
