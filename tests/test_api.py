"""The public API: every source kind, the column contract, round trips, determinism."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import ngotext
from ngotext import frames

TEXTS = {
    "astana.txt": "В Астане прошёл форум НПО.\nБолее 200 волонтёров помогли организаторам.",
    "almaty.txt": "Аким Алматы встретился с общественниками. Обсудили гранты.",
    "sub/moscow.txt": "В Москве открылся ресурсный центр для НКО.",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in TEXTS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def assert_contract(res: ngotext.Result) -> None:
    for name, df in res.frames().items():
        assert list(df.columns[: len(frames.columns(name))]) == frames.columns(name), name
        assert df.columns[0] == "doc_id"
        for col, dtype in frames.dtypes(name).items():
            assert str(df[col].dtype) == dtype, (name, col, df[col].dtype)


def assert_offsets(res: ngotext.Result) -> None:
    texts = res.articles.set_index("doc_id")["text"]
    for name, col in (("sentences", "text"), ("tokens", "text"), ("entities", "text"), ("stats", "quote")):
        df = getattr(res, name)
        for row in df.itertuples():
            assert texts[row.doc_id][row.start:row.stop] == getattr(row, col), (name, row)


def test_folder_source_gives_all_frames(folder):
    res = ngotext.analyze(folder)
    assert_contract(res)
    assert_offsets(res)
    assert res.articles["doc_id"].tolist() == sorted(TEXTS)
    assert res.articles["path"].str.endswith(".txt").all()
    assert (res.articles["n_tokens"] > 0).all()
    counts = res.tokens.groupby("doc_id").size()
    assert counts.to_dict() == res.articles.set_index("doc_id")["n_tokens"].to_dict()


def test_missing_values_are_na_not_empty_strings(folder):
    res = ngotext.analyze(folder)
    for name, df in res.frames().items():
        for col in df.select_dtypes("string"):
            assert not (df[col] == "").any(), (name, col)
    assert res.articles["duplicate_of"].isna().all()


@pytest.mark.parametrize("kind", ["file", "paths", "string", "iterable", "series"])
def test_every_source_kind(folder, kind):
    paths = [folder / name for name in sorted(TEXTS)]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    source = {
        "file": paths[0], "paths": paths, "string": texts[0], "iterable": iter(texts),
        "series": pd.Series(texts, index=[f"id{i}" for i in range(len(texts))]),
    }[kind]
    res = ngotext.analyze(source)
    expected = 1 if kind in ("file", "string") else len(TEXTS)
    assert len(res.articles) == expected
    assert res.articles["text"].tolist() == [t.strip() for t in texts[:expected]]
    if kind == "series":
        assert res.articles["doc_id"].tolist() == ["id0", "id1", "id2"]
    assert_contract(res)


def test_folder_and_series_give_identical_frames(folder):
    from_folder = ngotext.analyze(folder)
    series = pd.Series({name: (folder / name).read_text(encoding="utf-8") for name in sorted(TEXTS)})
    from_series = ngotext.analyze(series)
    for name in frames.FRAME_NAMES:
        a, b = getattr(from_folder, name), getattr(from_series, name)
        if name == "articles":
            a, b = a.drop(columns=["path", "encoding"]), b.drop(columns=["path", "encoding"])
        pd.testing.assert_frame_equal(a, b, obj=name)


def test_runs_are_deterministic(folder):
    first, second = ngotext.analyze(folder), ngotext.analyze(folder)
    for name in frames.FRAME_NAMES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name), obj=name)


def test_parquet_round_trip_keeps_dtypes(folder, tmp_path):
    res = ngotext.analyze(folder)
    back = ngotext.read_result(res.to_parquet(tmp_path / "out"))
    for name in frames.FRAME_NAMES:
        pd.testing.assert_frame_equal(getattr(res, name), getattr(back, name), obj=name)


def test_read_result_names_a_wrong_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        ngotext.read_result(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="articles.parquet"):
        ngotext.read_result(tmp_path)


def test_empty_frames_have_columns_and_dtypes():
    res = ngotext.analyze([])
    assert_contract(res)
    assert all(len(df) == 0 for df in res.frames().values())


def test_duplicates_are_flagged():
    body = "Волонтёры Караганды собрали 500 тонн помощи."
    res = ngotext.analyze(pd.Series([body, "Другой текст о НКО.", body.upper() + "  "],
                                    index=["a", "b", "c"]))
    assert res.articles["duplicate_of"].tolist()[2] == "a"
    assert res.articles["duplicate_of"].isna().tolist()[:2] == [True, True]


def test_non_text_items_become_error_rows():
    res = ngotext.analyze(pd.Series(["Нормальный текст о НПО.", None, 42], index=["ok", "none", "num"]))
    assert res.articles["doc_id"].tolist() == ["ok"]
    assert res.errors["doc_id"].tolist() == ["none", "num"]
    assert res.errors["error"].str.contains("not text").all()
    assert len(res.articles) + len(res.errors) == 3


def test_over_long_article_becomes_an_error_naming_the_limit():
    res = ngotext.analyze(pd.Series(["Слово. " * 100, "Короткий текст."], index=["long", "short"]),
                          max_chars=200)
    assert res.articles["doc_id"].tolist() == ["short"]
    [message] = res.errors["error"].tolist()
    assert "200" in message and "max_chars" in message


def test_an_article_failing_in_an_extractor_becomes_one_error_row(monkeypatch):
    from ngotext import stats

    def explode(doc):
        if "взрыв" in doc.text:
            raise RuntimeError("boom")
        return []

    monkeypatch.setattr(stats, "extract", explode)
    res = ngotext.analyze(pd.Series(["Тихий текст.", "Текст про взрыв."], index=["a", "b"]))
    assert res.articles["doc_id"].tolist() == ["a"]
    assert res.errors[["doc_id", "stage"]].values.tolist() == [["b", "stats"]]
    assert "boom" in res.errors.loc[0, "error"]
    assert set(res.tokens["doc_id"]) == {"a"}


def test_jobs_2_equals_jobs_1(folder):
    one = ngotext.analyze(folder, jobs=1)
    two = ngotext.analyze(folder, jobs=2, chunk_size=1)
    for name in frames.FRAME_NAMES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name), obj=name)


def test_a_long_one_line_string_is_text_not_a_path():
    sentence = "Волонтёры " * 40 + "помогли."
    res = ngotext.analyze(sentence)
    assert res.articles["text"].tolist() == [sentence]
