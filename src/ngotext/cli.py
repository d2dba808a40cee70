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


@app.command()
def analyze(
    path: Path = typer.Argument(..., help="A folder of articles (read recursively) or one file."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder to write the frames into."),
    fmt: Format = typer.Option(Format.parquet, "--format", help="parquet (default) or csv."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    no_clean: bool = typer.Option(False, "--no-clean",
                                  help="Texts are article bodies already: skip page cleaning."),
    morph: str = typer.Option("pymorphy", help="pymorphy (fast) or tagger (slovnet, in context)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Analyze PATH and write articles, sentences, tokens, entities, people, stats, errors."""
    from .api import analyze as run_analysis

    if not path.exists():
        console.print(f"[red]{path}: no such file or folder[/red]; give a folder of articles or a file")
        raise typer.Exit(2)
    result = run_analysis(path, jobs=jobs, progress=not quiet, clean=not no_clean, morph=morph)
    written = result.to_csv(out) if fmt is Format.csv else result.to_parquet(out)
    if not quiet:
        _summary(result, written)


def _summary(result, written: Path) -> None:
    table = Table(title=f"ngotext → {written}")
    table.add_column("frame")
    table.add_column("rows", justify="right")
    for name, df in result.frames().items():
        table.add_row(name, f"{len(df):,}")
    Console().print(table)
    for row in result.errors.itertuples():
        console.print(f"[yellow]error[/yellow] {row.doc_id}: {row.error}")
