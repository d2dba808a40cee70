"""The command line: a thin typer layer over ``ngotext.analyze``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from . import __version__

app = typer.Typer(
    help="Analyze Russian-language news about NGOs and civil society into tidy tables.",
    no_args_is_help=True, add_completion=False)
console = Console(stderr=True, soft_wrap=True)


class Format(str, Enum):
    parquet = "parquet"
    csv = "csv"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ngotext {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """ngotext: people, organizations, officials and figures from news articles."""


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def analyze(
    path: Path = typer.Argument(..., help="A folder of articles (read recursively) or one file."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder to write the frames into."),
    fmt: Format = typer.Option(Format.parquet, "--format", help="parquet (default) or csv."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes (or Dask workers)."),
    engine: Engine = typer.Option(Engine.local, help="local: this machine; dask: a Dask cluster."),
    scheduler: str = typer.Option(None, help="Dask scheduler address (tcp://HOST:PORT); "
                                  "without it --engine dask starts a LocalCluster."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into OUT."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace a previous output in OUT."),
    no_clean: bool = typer.Option(False, "--no-clean",
                                  help="Texts are article bodies already: skip page cleaning."),
    morph: str = typer.Option("pymorphy", help="pymorphy (fast) or tagger (slovnet, in context)."),
    max_chars: int = typer.Option(2_000_000, help="Longer article bodies become error rows."),
    max_seconds: float = typer.Option(120.0, help="Articles taking longer become error rows."),
    chunk_size: int = typer.Option(32, help="Articles per chunk sent to a worker."),
    include: str = typer.Option(None, help="Only files matching this glob (\"*.txt\", \"2024/**/*.html\")."),
    text_field: str = typer.Option("text", help="Text field of JSONL/JSON/CSV/Parquet records."),
    id_field: str = typer.Option("id", help="Id field of records (doc_id is FILE#ID)."),
    title_field: str = typer.Option("title", help="Title field of records."),
    date_field: str = typer.Option("date", help="Publication date field of records."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Analyze PATH into OUT: one folder of parts per frame, and OUT/manifest.parquet.

    Parts are written as chunks finish, so memory stays flat; after Ctrl-C or a crash,
    run the same command with --resume to finish without redoing or losing work.
    """
    from . import ingest, runner
    from .api import read_result
    from .pipeline import Options

    if not path.exists():
        console.print(f"[red]{path}: no such file or folder[/red]; give a folder of articles or a file")
        raise typer.Exit(2)
    try:
        options = Options(clean=not no_clean, morph=morph, max_chars=max_chars,
                          max_seconds=max_seconds)
        inputs = ingest.iter_inputs(path, include=include, text_field=text_field, id_field=id_field,
                                    title_field=title_field, date_field=date_field)
        manifest = runner.write(inputs, out, options, jobs=jobs,
                                engine=engine.value, scheduler=scheduler, resume=resume,
                                progress=not quiet, fmt=fmt.value, chunk_size=chunk_size,
                                total=_count_files(path), overwrite=overwrite)
    except (PermissionError, FileExistsError, ValueError, RuntimeError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    if not quiet:
        _summary(manifest, out, read_result(out) if fmt is Format.parquet else None)


@app.command()
def show(
    path: Path = typer.Argument(..., help="An article file, or an output folder of `ngotext analyze`."),
    doc_id: str = typer.Option(None, "--doc", help="Which article of an output folder (default: the first)."),
    no_clean: bool = typer.Option(False, "--no-clean", help="The file is a body already."),
) -> None:
    """Print an article with its entities, titles and figures highlighted."""
    from .api import analyze as run_analysis
    from .api import read_result
    from .show import show as show_article

    if not path.exists():
        console.print(f"[red]{path}: no such file or folder[/red]")
        raise typer.Exit(2)
    result = read_result(path) if path.is_dir() else run_analysis(path, clean=not no_clean)
    if result.articles.empty:
        for row in result.errors.itertuples():
            console.print(f"[red]error[/red] {row.error}")
        raise typer.Exit(1)
    try:
        show_article(result, doc_id)
    except KeyError as exc:
        console.print(f"[red]{exc.args[0]}[/red]")
        raise typer.Exit(2)


@app.command()
def report(
    folder: Path = typer.Argument(..., help="An output folder of `ngotext analyze`."),
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="The HTML file to write."),
) -> None:
    """Write a self-contained HTML summary of an analyzed folder."""
    from .api import read_result
    from .report import write_report

    try:
        result = read_result(folder)
    except FileNotFoundError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2)
    console.print(f"wrote {write_report(result, out)}")


def _count_files(path: Path) -> int | None:
    """How many files a folder holds (the progress bar's total; NA for one file of many records)."""
    if path.is_dir():
        return sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return None


def _summary(manifest, out: Path, result) -> None:
    counts = manifest["status"].value_counts()
    table = Table(title=f"ngotext → {out}")
    table.add_column("what")
    table.add_column("rows", justify="right")
    for status in ("ok", "skipped", "error"):
        table.add_row(f"inputs {status}", f"{counts.get(status, 0):,}")
    if result is not None:
        for name, df in result.frames().items():
            table.add_row(name, f"{len(df):,}")
        for row in result.errors.itertuples():
            console.print(f"[yellow]error[/yellow] {row.doc_id}: {row.error}")
    Console().print(table)
