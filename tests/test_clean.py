"""clean: page heads and navigation tails of many sites' layouts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import ngotext
from ngotext import clean

P1 = "Фонд «Шапагат» провёл благотворительную акцию для многодетных семей района."
P2 = "По словам организаторов, помощь получили более 300 семей, а волонтёры собрали 2,5 млн тенге."

# (name, raw page, title, author, views, published, what must not be in the body)
LAYOUTS = [
    ("bare_counter_and_author",
     f"Акцию провели в Семее\n\n1 532\nАйгерим Нуртаева\n\n{P1}\n\n{P2}\n\nПопулярное\n\nВсе\nНовость один\nНовость два\nНовость три\n",
     "Акцию провели в Семее", "Айгерим Нуртаева", 1532, None, ["Новость один", "Популярное"]),
    ("labelled_fields_and_share",
     f"Акцию провели в Семее\nАвтор: Ерлан Сапаров\n12 марта 2024, 10:15\nПросмотров: 2 017\n\n{P1}\n\n{P2}\n\nПоделиться:\nFacebook\nTelegram\n",
     "Акцию провели в Семее", "Ерлан Сапаров", 2017, "2024-03-12", ["Facebook", "Поделиться"]),
    ("pipe_separated_byline",
     f"Акцию провели в Семее\n\nАвтор: Бауыржан Есенов | 3 ноября 2023 | Просмотров: 3 410\n\n{P1}\n\n{P2}\n\nКомментарии (0)\nОставьте первый комментарий\n",
     "Акцию провели в Семее", "Бауыржан Есенов", 3410, "2023-11-03", ["Комментарии", "первый комментарий"]),
    ("eye_counter_dotted_date",
     f"Акцию провели в Семее\n27.02.2024\n👁 532\nДина Сулейменова\n\n{P1}\n{P2}\n\nПодписывайтесь на наш канал в Telegram\nМы используем cookies для улучшения работы сайта.\n",
     "Акцию провели в Семее", "Дина Сулейменова", 532, "2024-02-27", ["Telegram", "cookies"]),
    ("caption_in_the_middle",
     f"Акцию провели в Семее\n\n{P1}\n\nФото: пресс-служба акимата\n\n{P2}\n\nТеги: НПО, благотворительность\n",
     "Акцию провели в Семее", None, None, None, ["пресс-служба", "Теги"]),
    ("archive_caption_and_template_slots",
     f"Акцию провели в Семее\n\n4395\nАсель Муканова\n\nфото из архива «КП»\n\n{P1}\n\n{P2}\n\nАрхив\n\n  • [[year]]\n  • [[month.label]]\n",
     "Акцию провели в Семее", "Асель Муканова", 4395, None, ["архива", "[[year]]"]),
    ("text_label_and_copyright",
     f"Акцию провели в Семее\n\nПросмотров: 765\nТекст: Айдос Нурланов\n\n{P1}\n\n{P2}\n© 2024 «Вечерний Семей». Все права защищены.\n",
     "Акцию провели в Семее", "Айдос Нурланов", 765, None, ["©", "права"]),
    ("dateline_and_source",
     f"Акцию провели в Семее\n\nСЕМЕЙ, 20 сентября 2024 – Информационное агентство «Ертіс»\n\n{P1}\n\n{P2}\n\nИсточник: ИА «Ертіс»\n",
     "Акцию провели в Семее", None, None, "2024-09-20", ["Источник", "СЕМЕЙ,"]),
    ("headline_run_without_marker",
     f"Акцию провели в Семее\n\n{P1}\n\n{P2}\n\nАким встретился с жителями\nВ Семее отремонтируют 12 дорог на 3 млрд тенге\nБолее 500 школьников отдохнули в лагерях\nПогода на выходные\n",
     "Акцию провели в Семее", None, None, None, ["3 млрд", "Погода"]),
    ("read_also_with_colon_and_other_news",
     f"Акцию провели в Семее\nПросмотры: 98\n\n{P1}\n\n{P2}\n\nЧитайте также:\nДругая новость о фонде\n\nДругие новости\nЕщё одна новость\n",
     "Акцию провели в Семее", None, 98, None, ["Другая новость", "Ещё одна"]),
    ("iso_date_and_views_word",
     f"Акцию провели в Семее\n2024-05-17\nviews: 1200\nАвтор текста: Марина Ким\n\n{P1}\n\n{P2}\n\nНашли ошибку? Выделите текст и нажмите Ctrl+Enter\n",
     "Акцию провели в Семее", "Марина Ким", 1200, "2024-05-17", ["Ctrl+Enter"]),
    ("no_head_no_tail",
     f"{P1}\n\n{P2}\n", None, None, None, None, []),
]


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout[0] for layout in LAYOUTS])
def test_layout(layout):
    name, raw, title, author, views, published, absent = layout
    page = clean.clean_page(raw)
    assert (page.title, page.author, page.views, page.published) == (title, author, views, published)
    assert page.body.startswith(P1), page.body[:80]
    assert page.body.rstrip().endswith(P2), page.body[-80:]
    for noise in absent:
        assert noise not in page.body, noise
    for b, r, n in page.raw_map:
        assert page.body[b:b + n] == raw[r:r + n]


def test_raw_offsets_map_back_across_a_removed_caption():
    raw = LAYOUTS[4][1]
    page = clean.clean_page(raw)
    at = page.body.index("более 300")
    assert raw[clean.to_raw_offset(page.raw_map, at):].startswith("более 300")
    assert len(page.raw_map) == 2   # the caption split the body into two runs


def test_nothing_is_extracted_from_a_tail():
    raw = LAYOUTS[8][1]
    res = ngotext.analyze(raw)
    assert 3e9 not in set(res.stats["value"])
    assert 300.0 in set(res.stats["value"])


def test_clean_false_keeps_the_text_as_it_is():
    raw = LAYOUTS[0][1]
    res = ngotext.analyze(raw, clean=False)
    assert res.articles.loc[0, "text"] == raw
    assert res.articles["title"].isna().all()


def test_seed_page(shared):
    raw = (shared / "corpus" / "kp-ngo-day.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "corpus" / "kp-ngo-day.expected.json").read_text(encoding="utf-8"))
    res = ngotext.analyze(shared / "corpus" / "kp-ngo-day.txt")
    row = res.articles.iloc[0]
    assert row["title"] == gold["metadata"]["title"]
    assert row["author"] == gold["metadata"]["author"]
    assert row["views"] == gold["metadata"]["views"]
    assert row["text"].endswith(gold["body_ends_with"])
    assert "фото из архива" not in row["text"]
    for b, r, n in json.loads(row["raw_map"]):
        assert row["text"][b:b + n] == raw[r:r + n]
    # nothing from the navigation tail
    names = set(res.people["name"]) | set(res.entities["canonical"])
    for absent in gold["not_in_body"]:
        assert absent not in names
        assert not any(absent in q for q in res.stats["quote"])


@pytest.mark.parametrize("line, expected", [
    ("12 марта 2024, 10:15", "2024-03-12"), ("27.02.2024", "2024-02-27"), ("2024-05-17", "2024-05-17"),
    ("31 февраля 2024", None), ("в прошлом году", None),
])
def test_parse_date(line, expected):
    assert clean.parse_date(line) == expected


# ------------------------------------------------------------------ page fixtures (one site each)

PAGES = Path(__file__).parent / "fixtures" / "pages"
PAGE_NAMES = sorted(p.stem for p in PAGES.glob("*.txt"))


def test_there_are_at_least_ten_page_layouts():
    assert len(PAGE_NAMES) >= 10
    assert all((PAGES / f"{name}.json").is_file() for name in PAGE_NAMES)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_fixture(name):
    raw = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    page = clean.clean_page(raw)
    assert {k: getattr(page, k) for k in ("title", "author", "views", "published")} == \
        {k: gold[k] for k in ("title", "author", "views", "published")}
    assert page.body.startswith(gold["body_starts_with"]), page.body[:80]
    assert page.body.endswith(gold["body_ends_with"]), page.body[-80:]
    for wanted in gold["in_body"]:
        assert wanted in page.body, wanted
    for noise in gold["not_in_body"]:
        assert noise not in page.body, noise
    for b, r, n in page.raw_map:
        assert page.body[b:b + n] == raw[r:r + n]


def test_page_fixtures_yield_nothing_from_their_tails():
    res = ngotext.analyze(PAGES, include="*.txt")
    assert len(res.articles) == len(PAGE_NAMES) and res.errors.empty
    for doc_id, text in zip(res.articles["doc_id"], res.articles["text"]):
        gold = json.loads((PAGES / doc_id.replace(".txt", ".json")).read_text(encoding="utf-8"))
        for frame in (res.entities, res.stats):
            rows = frame[frame["doc_id"] == doc_id]
            quotes = rows["text"] if "text" in rows else rows["quote"]
            for noise in gold["not_in_body"]:
                assert not any(noise in q for q in quotes), (doc_id, noise)
            # every offset indexes the clean body
            assert all(text[s:e] == q for s, e, q in zip(rows["start"], rows["stop"], quotes))


@pytest.mark.parametrize("sentence", [
    "Источник в акимате сообщил, что гранты распределят до конца года.",
    "Реклама социальных проектов появится на билбордах города в марте.",
    "Фото акции участники выложили в соцсети, их посмотрели 40 тысяч человек.",
    "Комментарии экспертов к законопроекту о волонтёрстве разделились поровну.",
    "Архив фонда, собранный за тридцать лет работы, передали в областной музей.",
    "12 марта 2024 года в Астане прошёл форум неправительственных организаций.",
])
def test_a_body_sentence_that_starts_like_furniture_stays(sentence):
    raw = f"Заголовок новости\n\n{P1}\n\n{sentence}\n\n{P2}\n\nПопулярное\nДругая новость\n"
    page = clean.clean_page(raw)
    assert sentence in page.body and page.body.endswith(P2)


def test_an_ad_slot_inside_the_body_is_dropped_not_a_tail():
    raw = f"Заголовок новости\n\n{P1}\n\nРеклама\n\n{P2}\n\nЧитайте также\nДругая новость\n"
    page = clean.clean_page(raw)
    assert page.body == f"{P1}\n\n{P2}"
    assert len(page.raw_map) == 2 and clean.to_raw_offset(page.raw_map, page.body.index(P2)) == raw.index(P2)


@pytest.mark.parametrize("line, views", [
    ("Просмотров: 1 234", 1234), ("👁 532", 532), ("1 532 просмотра", 1532), ("👁 3,1 тыс.", 3100),
    ("views: 12K", 12000),
])
def test_view_counters(line, views):
    page = clean.clean_page(f"Заголовок новости\n{line}\n\n{P1}\n")
    assert page.views == views and page.body == P1


@pytest.mark.parametrize("line, author", [
    ("Автор: Асель Муканова", "Асель Муканова"), ("Асель МУКАНОВА", "Асель Муканова"),
    ("Текст — Ерлан Сапаров, фото автора", "Ерлан Сапаров"), ("А. Сарсенбаев", "А. Сарсенбаев"),
    ("Асель Муканова, Астана", "Асель Муканова"),
])
def test_author_lines(line, author):
    page = clean.clean_page(f"Заголовок новости\n{line}\n\n{P1}\n")
    assert page.author == author and page.body == P1


@pytest.mark.parametrize("value, expected", [
    ("2024-03-12T10:15:00+05:00", "2024-03-12"), ("12 мар. 2024", "2024-03-12"), ("12.03.24", "2024-03-12"),
    (None, None), ("скоро", None),
])
def test_iso_date(value, expected):
    assert clean.iso_date(value) == expected


def test_a_site_name_in_capitals_is_not_an_author():
    page = clean.clean_page(f"Заголовок новости\nНОВОСТИ КАЗАХСТАНА\nАсель МУКАНОВА\n\n{P1}\n")
    assert page.author == "Асель Муканова"
