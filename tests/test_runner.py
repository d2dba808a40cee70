"""Batch runs: streamed partitioned output, the manifest, resume after kill -9, pools, Dask."""
from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import ngotext
from ngotext import frames, ingest, pipeline, runner
from ngotext.pipeline import Options

PARAGRAPHS = [
    "В {city} прошёл форум неправительственных организаций. Более {n} волонтёров помогли его провести.",
    "Аким области {name} отметил, что за год число НПО выросло на {p}%.",
    "На поддержку гражданских инициатив выделено {n} млн тенге.",
    "Фонд «Милосердие» провёл благотворительный марафон.",
]
CITIES = ["Астане", "Алматы", "Караганде", "Шымкенте", "Павлодаре"]
NAMES = ["Ерлан Сапаров", "Айгуль Касымова", "Дмитрий Соколов", "Мадина Ахметова"]


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = "\n\n".join(p.format(city=CITIES[i % 5], n=100 + i, name=NAMES[i % 4], p=i % 30 + 1)
                           for p in PARAGRAPHS[: 2 + i % 3])
        (folder / f"a{i:03d}.txt").write_text(f"Новости НПО №{i}\n\n{body}", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 24)


@pytest.fixture(scope="module")
def reference(corpus) -> ngotext.Result:
    return ngotext.analyze(corpus)


def assert_same(a: ngotext.Result, b: ngotext.Result) -> None:
    for name in frames.FRAME_NAMES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_streamed_output_equals_in_memory_result(corpus, reference, tmp_path):
    manifest = runner.write(ingest.iter_inputs(corpus), tmp_path / "out", chunk_size=5)
    assert sorted(p.name for p in (tmp_path / "out" / "tokens").iterdir()) == [
        f"part-{i:05d}.parquet" for i in range(5)]
    assert_same(ngotext.read_result(tmp_path / "out"), reference)
    assert manifest["doc_id"].tolist() == sorted(p.name for p in corpus.iterdir())
    assert manifest.set_index("doc_id").loc["empty.txt", "status"] == "error"
    assert (manifest["status"] == "ok").sum() == 24
    assert manifest.loc[manifest["status"] == "ok", "content_hash"].notna().all()
    assert pd.read_parquet(tmp_path / "out" / "manifest.parquet").equals(manifest)


def test_output_folder_must_be_empty_unless_resuming_or_overwriting(corpus, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match="--resume"):
        runner.write(ingest.iter_inputs(corpus), tmp_path / "out")
    runner.write(ingest.iter_inputs(corpus), tmp_path / "out2")
    runner.write(ingest.iter_inputs(corpus), tmp_path / "out2", overwrite=True)
    assert len(pd.read_parquet(tmp_path / "out2" / "manifest.parquet")) == 25


def test_unwritable_output_fails_before_any_work(corpus, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(pipeline, "analyze_chunk", lambda *a, **k: calls.append(a))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(PermissionError, match="cannot write the output"):
        runner.write(ingest.iter_inputs(corpus), blocker / "out")
    assert calls == []


KILLER = textwrap.dedent("""
    import os, signal, sys
    from ngotext import runner, ingest
    real = runner._write_atomic
    count = 0
    def write_then_die(df, path, fmt):
        global count
        real(df, path, fmt)
        # after the frames of chunk 3 are on disk but before its manifest part: the worst moment
        if path.parent.name == "tokens":
            count += 1
            if count == 3:
                os.kill(os.getpid(), signal.SIGKILL)
    runner._write_atomic = write_then_die
    runner.write(ingest.iter_inputs(sys.argv[1]), sys.argv[2], chunk_size=4)
""")


def test_resume_after_kill_minus_9_equals_uninterrupted_run(corpus, reference, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", KILLER, str(corpus), str(out)])
    assert proc.returncode == -signal.SIGKILL
    assert len(list((out / runner.MANIFEST_PARTS).glob("*.parquet"))) == 2
    assert len(list((out / "tokens").glob("*.parquet"))) == 3   # one orphan part
    manifest = runner.write(ingest.iter_inputs(corpus), out, resume=True, chunk_size=4)
    assert manifest["doc_id"].is_unique and len(manifest) == 25
    assert_same(ngotext.read_result(out), reference)


def test_resume_of_a_finished_run_does_nothing(corpus, reference, tmp_path, monkeypatch):
    runner.write(ingest.iter_inputs(corpus), tmp_path / "out", chunk_size=8)
    calls = []
    monkeypatch.setattr(pipeline, "analyze_chunk", lambda *a, **k: calls.append(a))
    runner.write(ingest.iter_inputs(corpus), tmp_path / "out", resume=True)
    assert calls == []
    assert_same(ngotext.read_result(tmp_path / "out"), reference)


def test_duplicates_are_found_across_chunks_and_resumes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(["Первый текст о волонтёрах.", "Второй текст.", "Первый текст о волонтёрах."]):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    runner.write(ingest.iter_inputs(folder), tmp_path / "out", chunk_size=1)
    arts = ngotext.read_result(tmp_path / "out").articles
    assert arts["duplicate_of"].tolist()[2] == "0.txt"


def test_pool_of_two_equals_one_process(corpus, reference):
    assert_same(ngotext.analyze(corpus, jobs=2, chunk_size=3), reference)


def test_dask_local_cluster_equals_one_process(corpus, reference):
    pytest.importorskip("dask.distributed")
    assert_same(ngotext.analyze(corpus, jobs=2, engine="dask", chunk_size=6), reference)


def test_dask_writes_the_same_layout(corpus, reference, tmp_path):
    pytest.importorskip("dask.distributed")
    runner.write(ingest.iter_inputs(corpus), tmp_path / "out", jobs=2, engine="dask", chunk_size=6)
    assert_same(ngotext.read_result(tmp_path / "out"), reference)
    lazy = ngotext.read_result(tmp_path / "out", engine="dask")
    assert len(lazy.tokens.compute()) == len(reference.tokens)


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="engine must be one of"):
        list(runner.run([], Options(), engine="spark"))


def test_progress_prints_log_lines_when_not_a_terminal(corpus, capsys):
    list(runner.run(ingest.iter_inputs(corpus), jobs=1, progress=True, chunk_size=5, total=25))
    err = capsys.readouterr().err
    assert "25 articles in" in err and "articles/s" in err


def test_quiet_progress_prints_nothing(corpus, capsys):
    list(runner.run(ingest.iter_inputs(corpus), jobs=1, progress=False, chunk_size=5))
    assert capsys.readouterr().err == ""
