"""Ingest: every kind of input file becomes an article row or an error row naming the file."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

import ngotext
from ngotext import ingest

BODY = ("Гражданский альянс провёл форум в Астане.\n\n"
        "Более 200 волонтёров помогли организаторам. На гранты выделено 5 млн тенге.")
PAGE = "Форум НПО прошёл в Астане\n\nПросмотров: 321\nАвтор: Ерлан Сапаров\n\n" + BODY + "\n\nЧитайте также\nДругая новость\nЕщё новость\n"
HTML = """<!DOCTYPE html><html><head><meta charset="windows-1251">
<title>Форум НПО прошёл в Астане | Новости</title>
<meta property="og:title" content="Форум НПО прошёл в Астане">
<meta property="article:published_time" content="2024-03-12T10:15:00+05:00">
</head><body><nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
<header><h2>Сайт новостей</h2></header>
<article><h1>Форум НПО прошёл в Астане</h1>
<p>Гражданский альянс провёл форум в Астане. Участники обсудили поддержку гражданских инициатив и развитие волонтёрства в регионах страны.</p>
<p>Более 200 волонтёров помогли организаторам. На гранты для неправительственных организаций выделено 5 млн тенге, сообщили в пресс-службе.</p>
</article><aside><h3>Популярное</h3><ul><li>Аким встретился с жителями</li></ul></aside>
<footer>© 2024 Новости. Все права защищены.</footer><script>var x = 1;</script></body></html>"""
KAZAKH = ("Қазақстанда үкіметтік емес ұйымдардың саны артты\n\n"
          "Азаматтық альянс өкілдерінің айтуынша, биыл елімізде мыңдаған еріктілер қоғамдық жұмыстарға қатысты. "
          "Үкіметтік емес ұйымдарға мемлекеттік гранттар бөлінді.")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """One fixture per kind of input a scraper leaves behind."""
    root = tmp_path / "in"
    (root / "enc").mkdir(parents=True)
    for codec, name in (("utf-8", "utf8"), ("utf-8-sig", "utf8-bom"), ("cp1251", "cp1251"),
                        ("koi8-r", "koi8r"), ("utf-16", "utf16")):
        (root / "enc" / f"{name}.txt").write_bytes(PAGE.encode(codec))
    (root / "page.html").write_bytes(HTML.encode("cp1251"))
    (root / "three.jsonl").write_text("\n".join(json.dumps(
        {"id": f"a{i}", "body": BODY.replace("200", str(200 + i)), "headline": f"Новость {i}", "when": "2024-01-0%d" % (i + 1)},
        ensure_ascii=False) for i in range(3)), encoding="utf-8")
    pd.DataFrame({"id": ["c1", "c2"], "body": [BODY, BODY.replace("Астане", "Алматы")]}).to_csv(root / "export.csv", index=False)
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "kazakh.txt").write_text(KAZAKH, encoding="utf-8")
    (root / "locked.txt").write_text(PAGE, encoding="utf-8")
    (root / ".hidden.txt").write_text(PAGE, encoding="utf-8")
    return root


def test_every_input_is_an_article_or_an_error(inputs, monkeypatch):
    real = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":   # tests run as root, where chmod 000 does not stop reads
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    res = ngotext.analyze(inputs, text_field="body")
    # 5 encodings + html + 3 jsonl records + 2 csv rows + empty + binary + kazakh + locked
    assert len(res.articles) + len(res.errors) == 15
    errors = res.errors.set_index("doc_id")["error"]
    assert set(errors.index) == {"empty.txt", "binary.txt", "locked.txt"}
    assert "empty.txt" in errors["empty.txt"] and "is empty" in errors["empty.txt"]
    assert "binary.txt" in errors["binary.txt"] and "not text" in errors["binary.txt"]
    assert "locked.txt" in errors["locked.txt"] and "permission" in errors["locked.txt"].lower()
    assert ".hidden.txt" not in set(res.articles.doc_id)


def test_encodings_are_detected_and_recorded(inputs):
    arts = ngotext.analyze(inputs, include="enc/*").articles.set_index("doc_id")
    expected = {"enc/utf8.txt": "utf-8", "enc/utf8-bom.txt": "utf-8-sig", "enc/cp1251.txt": "cp1251",
                "enc/koi8r.txt": "koi8-r", "enc/utf16.txt": "utf-16"}
    for doc_id, encoding in expected.items():
        assert arts.loc[doc_id, "encoding"] == encoding
        assert arts.loc[doc_id, "text"] == BODY
        assert arts.loc[doc_id, "title"] == "Форум НПО прошёл в Астане"
        assert arts.loc[doc_id, "views"] == 321
        assert arts.loc[doc_id, "author"] == "Ерлан Сапаров"


def test_html_main_text_title_and_date(inputs):
    res = ngotext.analyze(inputs / "page.html")
    row = res.articles.iloc[0]
    assert row["title"] == "Форум НПО прошёл в Астане"
    assert str(row["published"].date()) == "2024-03-12"
    assert "Более 200 волонтёров" in row["text"] and "5 млн тенге" in row["text"]
    for noise in ("Главная", "Аким встретился", "Все права", "var x"):
        assert noise not in row["text"]
    assert set(res.stats["value"]) >= {200.0, 5e6}


def test_html_without_trafilatura_uses_the_fallback(inputs, monkeypatch):
    from ngotext import webpage

    monkeypatch.setattr(webpage, "_with_trafilatura", lambda markup: None)
    [doc] = list(ingest.iter_inputs(inputs / "page.html"))
    assert "Более 200 волонтёров" in doc.text and "Главная" not in doc.text and "var x" not in doc.text
    assert doc.title == "Форум НПО прошёл в Астане"


def test_jsonl_with_configurable_fields(inputs):
    docs = list(ingest.iter_inputs(inputs / "three.jsonl", text_field="body", title_field="headline",
                                   date_field="when"))
    assert [d.doc_id for d in docs] == ["three.jsonl#a0", "three.jsonl#a1", "three.jsonl#a2"]
    assert [d.title for d in docs] == ["Новость 0", "Новость 1", "Новость 2"]
    assert "201 волонтёров" in docs[1].text
    # with the default field name, each record says which field is missing
    missing = list(ingest.iter_inputs(inputs / "three.jsonl"))
    assert all(isinstance(m, ingest.InputError) and "'text'" in m.error and "text_field" in m.error
               for m in missing)


def test_csv_and_parquet(inputs, tmp_path):
    csv_docs = list(ingest.iter_inputs(inputs / "export.csv", text_field="body"))
    assert [d.doc_id for d in csv_docs] == ["export.csv#c1", "export.csv#c2"]
    pd.DataFrame({"id": [7], "text": [BODY]}).to_parquet(tmp_path / "x.parquet")
    [doc] = list(ingest.iter_inputs(tmp_path / "x.parquet"))
    assert doc.doc_id == "x.parquet#7" and doc.text == BODY


def test_a_broken_jsonl_line_is_one_error_row(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": 1, "text": "Первый текст."}\n{"id": 2, "text": \n{"id": 3, "text": "Третий."}\n',
                    encoding="utf-8")
    items = list(ingest.iter_inputs(path))
    assert [type(i).__name__ for i in items] == ["RawDoc", "InputError", "RawDoc"]
    assert "line 2" in items[1].error and "broken.jsonl" in items[1].error


def test_kazakh_article_is_reported_not_analyzed(inputs):
    res = ngotext.analyze(inputs / "kazakh.txt")
    row = res.articles.iloc[0]
    assert row["lang"] == "kk"
    assert "Kazakh" in row["note"] and row["n_tokens"] == 0
    assert res.tokens.empty


def test_include_pattern(inputs):
    ids = [d.doc_id for d in ingest.iter_inputs(inputs, include="enc/*.txt")]
    assert ids == ["enc/cp1251.txt", "enc/koi8r.txt", "enc/utf16.txt", "enc/utf8-bom.txt", "enc/utf8.txt"]
    assert [d.doc_id for d in ingest.iter_inputs(inputs, include="*.html")] == ["page.html"]


def test_normalization_keeps_offsets_meaningful():
    raw = "Н\u0410\u0301ПО получили 23\u00a0тыс. тенге.\u00ad \u200bHПО и\x00 НКО.\u202e"
    text = ingest.normalize_text(raw)
    assert "\u00a0" in text and "\u00ad" not in text and "\u200b" not in text and "\x00" not in text
    assert "НПО и" in text           # the Latin H became Cyrillic
    assert "\u202e" not in text
    res = ngotext.analyze(text, clean=False)
    assert 23000.0 in set(res.stats["value"])   # the no-break space did not break the number


def test_list_of_path_strings_reads_the_files(inputs):
    paths = [str(inputs / "enc" / "utf8.txt"), str(inputs / "enc" / "cp1251.txt")]
    res = ngotext.analyze(paths)
    assert res.articles["text"].tolist() == [BODY, BODY]


def test_exact_duplicates_are_flagged(tmp_path):
    folder = tmp_path / "dup"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    # the same body under another head (other view count) and in another encoding
    (folder / "b.txt").write_bytes(PAGE.replace("321", "999").encode("cp1251"))
    (folder / "c.txt").write_text(PAGE.replace("200", "250"), encoding="utf-8")
    arts = ngotext.analyze(folder).articles.set_index("doc_id")
    assert arts.loc["b.txt", "duplicate_of"] == "a.txt"
    assert pd.isna(arts.loc["a.txt", "duplicate_of"]) and pd.isna(arts.loc["c.txt", "duplicate_of"])


def test_a_folder_without_matching_files_and_a_missing_path_are_error_rows(tmp_path):
    (tmp_path / "only.txt").write_text(PAGE, encoding="utf-8")
    [err] = list(ingest.iter_inputs(tmp_path, include="*.html"))
    assert isinstance(err, ingest.InputError) and "'*.html'" in err.error and str(tmp_path) in err.error
    res = ngotext.analyze(str(tmp_path / "typo" / "corpus.jsonl"))
    assert res.articles.empty and "no such file" in res.errors.loc[0, "error"]
    assert "corpus.jsonl" in res.errors.loc[0, "error"]


def test_records_get_unique_ids_line_numbers_and_iso_dates(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [{"id": 5, "text": "Первый текст.", "date": "12 марта 2024"}, None,
             {"text": "Второй текст.", "date": "2024-03-13T09:00:00+05:00"},
             {"id": 5, "text": "Третий текст."}, {"id": 6, "text": "   "}]
    path.write_text("\n".join("" if r is None else json.dumps(r, ensure_ascii=False) for r in lines),
                    encoding="utf-8")
    items = list(ingest.iter_inputs(path))
    assert [i.doc_id for i in items] == ["feed.jsonl#5", "feed.jsonl#3", "feed.jsonl#5~4", "feed.jsonl#6"]
    assert [i.published for i in items[:2]] == ["2024-03-12", "2024-03-13"]
    assert isinstance(items[3], ingest.InputError) and "empty 'text'" in items[3].error


def test_spreadsheet_csv_in_cp1251_with_semicolons_and_json_object(tmp_path):
    csv = "id;title;text\n1;Форум НПО;" + BODY.replace("\n\n", " ") + "\n"
    (tmp_path / "excel.csv").write_bytes(csv.encode("cp1251"))
    [doc] = list(ingest.iter_inputs(tmp_path / "excel.csv"))
    assert doc.doc_id == "excel.csv#1" and doc.title == "Форум НПО" and "200 волонтёров" in doc.text
    (tmp_path / "api.json").write_text(json.dumps({"total": 2, "items": [{"id": "x", "text": "Текст один."},
                                                                        {"id": "y", "text": "Текст два."}]},
                                                  ensure_ascii=False), encoding="utf-8")
    assert [d.doc_id for d in ingest.iter_inputs(tmp_path / "api.json")] == ["api.json#x", "api.json#y"]


def test_utf16_without_bom_is_detected(tmp_path):
    (tmp_path / "le.txt").write_bytes(PAGE.encode("utf-16-le"))
    [doc] = list(ingest.iter_inputs(tmp_path / "le.txt"))
    assert doc.encoding == "utf-16-le" and doc.text == PAGE


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode; the monkeypatched test covers it")
def test_a_file_without_read_permission_for_real(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(PAGE, encoding="utf-8")
    locked.chmod(0)
    try:
        [err] = list(ingest.iter_inputs(locked))
    finally:
        locked.chmod(0o644)
    assert "locked.txt" in err.error and "permission" in err.error


def test_an_unlistable_subfolder_is_an_error_row(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(PAGE, encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "private")))
        yield from real_walk(top, onerror=onerror, **kw)

    monkeypatch.setattr(ingest.os, "walk", walk)
    items = list(ingest.iter_inputs(tmp_path))
    assert [i.doc_id for i in items] == ["private", "ok.txt"]
    assert "cannot be listed" in items[0].error and "private" in items[0].error


def test_stress_marks_and_thin_spaces_do_not_break_words_or_numbers():
    text = ingest.normalize_text("Волонтёры помогли 1\u202f200 семья\u0301м, выделено 3\u2009500 тенге.")
    assert text == "Волонтёры помогли 1\u00a0200 семьям, выделено 3\u00a0500 тенге."
    res = ngotext.analyze(text, clean=False)
    assert {1200.0, 3500.0} <= set(res.stats["value"])


FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
HTML_GOLD = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(HTML_GOLD))
def test_html_fixture_pages(name):
    gold = HTML_GOLD[name]
    res = ngotext.analyze(FIXTURES / name)
    row = res.articles.iloc[0]
    assert row["title"] == gold["title"] and str(row["published"].date()) == gold["published"]
    assert all(p in row["text"] for p in gold["paragraphs"])
    assert not [n for n in gold["noise"] if n in row["text"]]
    assert row["encoding"] in ("utf-8", "cp1251")


@pytest.mark.parametrize("name", sorted(HTML_GOLD))
def test_html_fallback_keeps_every_paragraph(name, monkeypatch):
    """Without trafilatura the standard-library reader still finds the article (it keeps
    more of the page's menus: trafilatura is the better extractor on these pages)."""
    from ngotext import webpage

    monkeypatch.setattr(webpage, "_with_trafilatura", lambda markup: None)
    [doc] = list(ingest.iter_inputs(FIXTURES / name))
    assert doc.title == HTML_GOLD[name]["title"]
    assert all(p in doc.text for p in HTML_GOLD[name]["paragraphs"])
    assert "cookie" not in doc.text or name != "semantic.html"


def test_a_short_first_paragraph_of_an_html_page_stays_in_the_body(tmp_path):
    page = ("<html><head><title>Фонд открыл приют | Сайт</title></head><body><article>"
            "<h1>Фонд открыл приют</h1><p>Коротко о главном</p>"
            f"<p>{BODY.replace(chr(10), ' ')}</p></article></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    row = ngotext.analyze(tmp_path / "p.html").articles.iloc[0]
    assert row["title"] == "Фонд открыл приют"
    assert row["text"].startswith("Коротко о главном")
