"""Faults during a batch: dead workers, vanished files, failed writes, slow articles."""
from __future__ import annotations


import pandas as pd
import pytest

import ngotext
from ngotext import ingest, pipeline, runner

from crashy import crash_on_marker


def items(texts: dict[str, str]):
    return list(ingest.iter_inputs(pd.Series(texts)))


def test_a_worker_killed_mid_batch_costs_one_article_only():
    texts = {f"ok{i}": f"В городе {i} открыли центр поддержки НКО." for i in range(6)}
    texts["bad"] = "Эта статья роняет процесс CRASH."
    texts["ok9"] = "Волонтёры собрали помощь."
    merged = runner.merge_outputs(list(runner.run(items(texts), jobs=2, chunk_size=3, fn=crash_on_marker)))
    assert merged["articles"]["doc_id"].tolist() == [k for k in texts if k != "bad"]
    errors = merged["errors"].to_dict("records")
    assert [e["doc_id"] for e in errors] == ["bad"]
    assert errors[0]["stage"] == "worker" and "died twice" in errors[0]["error"]


def test_a_file_deleted_during_the_run_becomes_an_error_row(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("Фонд провёл акцию для волонтёров.", encoding="utf-8")
    walk = ingest.iter_inputs(tmp_path)
    first = next(walk)
    (tmp_path / "b.txt").unlink()        # gone between the folder walk and its reading
    rest = list(walk)
    res = ngotext.analyze([first.text])  # the first one still analyzes
    assert len(res.articles) == 1
    assert [type(x).__name__ for x in rest] == ["InputError", "RawDoc"]
    assert "b.txt" in rest[0].error


def test_a_failed_write_stops_the_run_and_resume_completes_it(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(f"Статья {i} о гражданском обществе.", encoding="utf-8")
    real = runner._write_atomic
    calls = {"n": 0}

    def failing(df, path, fmt):
        calls["n"] += 1
        if calls["n"] == 12:              # in the middle of the second chunk
            raise OSError(28, "No space left on device")
        real(df, path, fmt)

    monkeypatch.setattr(runner, "_write_atomic", failing)
    with pytest.raises(OSError, match="No space left"):
        runner.write(ingest.iter_inputs(folder), tmp_path / "out", chunk_size=2)
    committed = runner._committed(tmp_path / "out")
    assert committed["doc_id"].tolist() == ["0.txt", "1.txt"]     # the manifest stays consistent
    monkeypatch.setattr(runner, "_write_atomic", real)
    runner.write(ingest.iter_inputs(folder), tmp_path / "out", resume=True, chunk_size=2)
    back = ngotext.read_result(tmp_path / "out")
    assert back.articles["doc_id"].tolist() == [f"{i}.txt" for i in range(6)]
    assert back.articles.equals(ngotext.analyze(folder).articles)


def test_an_article_over_the_time_limit_becomes_an_error_naming_the_limit(monkeypatch):
    import time

    from ngotext import stats

    def slow(doc):
        if "медленно" in doc.text:
            time.sleep(5)
        return []

    monkeypatch.setattr(stats, "extract", slow)
    started = time.perf_counter()
    res = ngotext.analyze(pd.Series({"slow": "Это читается медленно.", "fast": "Это быстро."}),
                          max_seconds=0.5)
    assert time.perf_counter() - started < 4
    assert res.articles["doc_id"].tolist() == ["fast"]
    [row] = res.errors.to_dict("records")
    assert row["doc_id"] == "slow" and row["stage"] == "limits"
    assert "0.5 s" in row["error"] and "max_seconds" in row["error"]


def test_time_limit_is_cleared_after_use():
    import signal

    with pipeline.time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
