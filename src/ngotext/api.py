"""The public entry points: ``analyze``, ``Result`` and ``read_result``."""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from . import frames, ingest, runner
from .pipeline import Options


@dataclass
class Result:
    """The seven frames of an analysis (see docs/columns.md for every column)."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    entities: pd.DataFrame
    people: pd.DataFrame
    stats: pd.DataFrame
    errors: pd.DataFrame

    def __repr__(self) -> str:
        sizes = ", ".join(f"{f.name}={len(getattr(self, f.name))}" for f in fields(self))
        return f"Result({sizes})"

    def frames(self) -> dict[str, pd.DataFrame]:
        """Frame name -> DataFrame, in the contract's order."""
        return {name: getattr(self, name) for name in frames.FRAME_NAMES}

    def to_parquet(self, folder: str | Path) -> Path:
        """Write one Parquet file per frame into ``folder``; returns the folder.

        >>> res = analyze("Волонтёры помогли НПО.")           # doctest: +SKIP
        >>> read_result(res.to_parquet("out")).tokens.equals(res.tokens)  # doctest: +SKIP
        True
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, df in self.frames().items():
            df.to_parquet(folder / f"{name}.parquet", index=False)
        return folder

    def to_csv(self, folder: str | Path) -> Path:
        """Write one UTF-8 CSV file per frame into ``folder``; returns the folder."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, df in self.frames().items():
            df.to_csv(folder / f"{name}.csv", index=False)
        return folder


def read_result(folder: str | Path, engine: str = "pandas") -> Result:
    """Read a Result written by ``Result.to_parquet`` or ``ngotext analyze``.

    Each frame is a ``NAME.parquet`` file or a ``NAME/`` folder of Parquet parts.
    ``engine="dask"`` gives lazy ``dask.dataframe`` frames instead (for outputs
    larger than memory).

    >>> res = read_result("out")   # doctest: +SKIP
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder; give the folder that "
                                "`ngotext analyze … -o FOLDER` or Result.to_parquet wrote")
    if engine == "dask":
        return _read_dask(folder)
    loaded = {}
    for name in frames.FRAME_NAMES:
        single, parts = folder / f"{name}.parquet", folder / name
        if single.is_file():
            df = pd.read_parquet(single)
        elif parts.is_dir():
            files = sorted(parts.glob("*.parquet"))
            df = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True) if files \
                else frames.empty(name)
        else:
            raise FileNotFoundError(f"{folder}: has no {name}.parquet; is it an ngotext output folder?")
        loaded[name] = frames.conform(name, df)
    return Result(**loaded)


def _read_dask(folder: Path) -> Result:
    try:
        import dask.dataframe as dd
    except ImportError:
        raise RuntimeError("engine='dask' needs dask: pip install 'ngotext[dask]'") from None
    loaded = {}
    for name in frames.FRAME_NAMES:
        single, parts = folder / f"{name}.parquet", folder / name
        target = single if single.is_file() else parts / "*.parquet"
        loaded[name] = dd.read_parquet(str(target))
    return Result(**loaded)


def analyze(source, jobs: int = 1, progress: bool = False, *, clean: bool = True,
            morph: str = "pymorphy", max_chars: int = 2_000_000, max_seconds: float = 120.0,
            chunk_size: int = runner.DEFAULT_CHUNK, engine: str = "local",
            scheduler: str | None = None, include: str | None = None,
            text_field: str = "text", id_field: str = "id", title_field: str = "title",
            date_field: str = "date") -> Result:
    """Analyze articles into tidy frames.

    ``source``: a folder (read recursively, filtered by the glob ``include``), a file,
    a list of paths, one string of text, an iterable of strings, or a pandas Series of
    texts whose index becomes ``doc_id``. JSONL, JSON, CSV and Parquet files hold many
    articles: ``text_field``, ``id_field``, ``title_field`` and ``date_field`` name
    their fields. ``jobs`` processes share the work; ``clean=False`` takes texts as
    bodies already (no metadata or navigation-tail removal); ``morph="tagger"`` lets
    slovnet's morph tagger choose lemmas in context. An article whose body is longer than
    ``max_chars`` or whose analysis takes longer than ``max_seconds`` becomes an error
    row that names the limit. ``engine="dask"`` runs the chunks
    on a Dask cluster (``scheduler="tcp://host:port"``, or a LocalCluster of ``jobs``
    workers). To stream a large corpus to disk instead of memory, use
    ``ngotext analyze DIR -o OUT`` (``runner.write``).

    Examples:
        >>> res = analyze("Данияр Кадиров посетил Астану.")
        >>> res.tokens["lemma"].tolist()[:3]
        ['данияр', 'кадиров', 'посетить']
    """
    options = Options(clean=clean, morph=morph, max_chars=max_chars, max_seconds=max_seconds)
    inputs = ingest.iter_inputs(source, include=include, text_field=text_field, id_field=id_field,
                                title_field=title_field, date_field=date_field)
    outs = list(runner.run(inputs, options, jobs=jobs, progress=progress, chunk_size=chunk_size,
                           engine=engine, scheduler=scheduler))
    merged = runner.merge_outputs(outs)
    merged["articles"] = runner.mark_duplicates(merged["articles"], {})
    return Result(**{name: merged[name] for name in frames.FRAME_NAMES})


