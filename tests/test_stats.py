"""stats: one row per quoted figure, with unit, subject, qualifier, year and change."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import ngotext
from ngotext import frames, nlp, stats

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "corpus" / "kp-ngo-day.txt"
SEED_GOLD = SHARED / "corpus" / "kp-ngo-day.expected.json"

# (sentence, [(quote, value, unit, qualifier, subject, year), ...])
# subject None: the test does not check it; year None: no year.
FIGURES = [
    # ---- counts with qualifiers
    ("Число НПО в области превысило 3 тыс.", [("превысило 3 тыс.", 3000, "count", "more_than", "НПО", None)]),
    ("В стране работают более 18 тыс. НКО.", [("более 18 тыс. НКО", 18000, "count", "more_than", "НКО", None)]),
    ("Свыше 300 организаций подали заявки.", [("Свыше 300 организаций", 300, "count", "more_than", "организация", None)]),
    ("Заказчиками выступили свыше 400 госструктур.", [("свыше 400 госструктур", 400, "count", "more_than", "госструктура", None)]),
    ("Поставщиками стали более тысячи НПО.", [("более тысячи НПО", 1000, "count", "more_than", "НПО", None)]),
    ("В акции участвовали больше 500 волонтёров.", [("больше 500 волонтёров", 500, "count", "more_than", "волонтёр", None)]),
    ("Не менее 50 человек получили помощь.", [("Не менее 50 человек", 50, "count", "more_than", "человек", None)]),
    ("Проект охватил 200 с лишним семей.", [("200 с лишним семей", 200, "count", "more_than", "семья", None)]),
    ("Портфель составляет около 2 тыс. социальных проектов.", [("около 2 тыс.", 2000, "count", "about", "социальный проект", None)]),
    ("В форуме приняли участие порядка 700 делегатов.", [("порядка 700 делегатов", 700, "count", "about", "делегат", None)]),
    ("Почти 90 волонтерских организаций работают в регионе.", [("Почти 90", 90, "count", "about", "волонтёрская организация", None)]),
    ("Примерно 150 активистов вышли на субботник.", [("Примерно 150 активистов", 150, "count", "about", "активист", None)]),
    ("Приблизительно 40 фондов подали отчёты.", [("Приблизительно 40 фондов", 40, "count", "about", "фонд", None)]),
    ("Менее 20 НПО получили субсидии.", [("Менее 20 НПО", 20, "count", "less_than", "НПО", None)]),
    ("Меньше 30 участников дошли до финала.", [("Меньше 30 участников", 30, "count", "less_than", "участник", None)]),
    ("Не более 15 проектов пройдут отбор.", [("Не более 15 проектов", 15, "count", "up_to", "проект", None)]),
    ("Фонд поддержит 25 социальных проектов.", [("25", 25, "count", "exact", "социальный проект", None)]),
    ("В реестр включены 1 200 общественных объединений.", [("1 200", 1200, "count", "exact", "общественное объединение", None)]),
    ("Всего в Казахстане зарегистрировано 19 680 НКО.", [("19 680 НКО", 19680, "count", "exact", "НКО", None)]),
    ("Мероприятие собрало полторы тысячи гостей.", [("полторы тысячи гостей", 1500, "count", "exact", "гость", None)]),
    ("Помощь получили около двадцати тысяч жителей.", [("около двадцати тысяч жителей", 20000, "count", "about", "житель", None)]),
    ("Организаторы ожидают двух с половиной тысяч участников.", [("двух с половиной тысяч участников", 2500, "count", "exact", "участник", None)]),
    ("В марафоне добрых дел участвовали сто двадцать волонтёров.", [("сто двадцать волонтёров", 120, "count", "exact", "волонтёр", None)]),
    ("Заявки прислали тринадцать молодёжных организаций.", [("тринадцать", 13, "count", "exact", "молодёжная организация", None)]),
    # ---- subject earlier in the sentence
    ("Количество НКО в России превысило 200 тысяч.", [("превысило 200 тысяч", 200000, "count", "more_than", "НКО", None)]),
    ("Численность активных волонтеров достигла 240 тысяч.", [("240 тысяч", 240000, "count", "exact", "активный волонтёр", None)]),
    ("Число грантополучателей составило 312.", [("312", 312, "count", "exact", "грантополучатель", None)]),
    ("Количество действующих НПО — более 18 тыс.", [("более 18 тыс.", 18000, "count", "more_than", "действующая НПО", None)]),
    # ---- elliptical subject after a dash
    ("Зарегистрировано 23 тыс. НПО, из них более 18 тыс. – действующие.",
     [("23 тыс. НПО", 23000, "count", "exact", "НПО", None),
      ("более 18 тыс.", 18000, "count", "more_than", "действующая НПО", None)]),
    # ---- money
    ("На реализацию социальных проектов выделено 59 млрд тенге.", [("59 млрд тенге", 59e9, "KZT", "exact", "социальный проект", None)]),
    ("Акимат направил 120 млн тг на поддержку НПО.", [("120 млн тг", 120e6, "KZT", "exact", "НПО", None)]),
    ("Фонд получил 5 млн ₸ от спонсоров.", [("5 млн ₸", 5e6, "KZT", "exact", None, None)]),
    ("Бюджет программы составил 491 миллион 614 тысяч тенге.", [("491 миллион 614 тысяч тенге", 491_614_000, "KZT", "exact", "программа", None)]),
    ("НПО получили гранты на сумму 1 млрд 86 млн тенге.", [("1 млрд 86 млн тенге", 1_086_000_000, "KZT", "exact", "грант", None)]),
    ("Фонд перечислил 1.844.036 тенге приютам.", [("1.844.036 тенге", 1_844_036, "KZT", "exact", None, None)]),
    ("Государство выделило более 3 трлн рублей на нацпроекты.", [("более 3 трлн рублей", 3e12, "RUB", "more_than", "нацпроект", None)]),
    ("Проект обошёлся в 2,5 млн руб.", [("2,5 млн руб.", 2.5e6, "RUB", "exact", None, None)]),
    ("Пожертвования составили 750 тысяч рублей.", [("750 тысяч рублей", 750000, "RUB", "exact", None, None)]),
    ("Инвестор вложил $240 млн в проект.", [("$240 млн", 240e6, "USD", "exact", None, None)]),
    ("Кредит составил 12,8 млн долларов США.", [("12,8 млн долларов США", 12.8e6, "USD", "exact", None, None)]),
    ("Евросоюз выделил 3 млн евро на программы НКО.", [("3 млн евро", 3e6, "EUR", "exact", "программа", None)]),
    ("Грант составляет €50 тыс.", [("€50 тыс.", 50000, "EUR", "exact", None, None)]),
    ("Штраф составит до 100 тысяч тенге.", [("до 100 тысяч тенге", 100000, "KZT", "up_to", None, None)]),
    ("Фонд собрал почти 30 миллионов долларов.", [("почти 30 миллионов долларов", 30e6, "USD", "about", None, None)]),
    ("На гранты ушло полтора миллиарда тенге.", [("полтора миллиарда тенге", 1.5e9, "KZT", "exact", "грант", None)]),
    # ---- years tied to figures
    ("В 2023 году фонд выдал 1200 грантов.", [("1200 грантов", 1200, "count", "exact", "грант", 2023)]),
    ("За 2022 год собрано 15 млн долларов.", [("15 млн долларов", 15e6, "USD", "exact", None, 2022)]),
    ("По итогам 2021 года НКО получили 4 млрд рублей.", [("4 млрд рублей", 4e9, "RUB", "exact", None, 2021)]),
    ("Волонтёров было 50 тысяч в 2019 году.", [("50 тысяч в 2019 году", 50000, "count", "exact", "волонтёр", 2019)]),
    ("Роль НПО обсудили в 2014 году, грантов тогда было 80.", [("80", 80, "count", "exact", "грант", 2014)]),
    # ---- percentages
    ("Доля НПО в госзаказе составляет почти 30%.", [("почти 30%", 30, "percent", "about", "НПО", None)]),
    ("Менее 10% НПО получают господдержку.", [("Менее 10%", 10, "percent", "less_than", "НПО", None)]),
    ("45 процентов волонтёров — студенты.", [("45 процентов", 45, "percent", "exact", "волонтёр", None)]),
    ("Около 12,5 % опрошенных слышали о проекте.", [("Около 12,5 %", 12.5, "percent", "about", None, None)]),
    # ---- fractions as percentages
    ("Треть НПО работает в сельской местности.", [("Треть НПО", 100 / 3, "percent", "exact", "НПО", None)]),
    ("Половина волонтёров — студенты.", [("Половина волонтёров", 50, "percent", "exact", "волонтёр", None)]),
    ("Четверть грантов получили молодёжные организации.", [("Четверть грантов", 25, "percent", "exact", "грант", None)]),
    ("Две трети фондов отчитались вовремя.", [("Две трети фондов", 200 / 3, "percent", "exact", "фонд", None)]),
    # ---- factors
    ("Количество НПО за 15 лет увеличилось в 6,5 раза.", [("в 6,5 раза", 6.5, "times", "exact", "НПО", None)]),
    ("Размер социальных инвестиций вырос в тысячу раз.", [("в тысячу раз", 1000, "times", "exact", "социальная инвестиция", None)]),
    ("Объём госсоцзаказа увеличился вдвое.", [("вдвое", 2, "times", "exact", "госсоцзаказ", None)]),
    ("Число обращений в фонд выросло втрое.", [("втрое", 3, "times", "exact", "обращение", None)]),
    ("Количество участников увеличилось более чем в 2 раза.", [("более чем в 2 раза", 2, "times", "more_than", "участник", None)]),
    ("Число волонтёров выросло почти в полтора раза.", [("почти в полтора раза", 1.5, "times", "about", "волонтёр", None)]),
    # ---- Kazakh news style
    ("Акимат Алматы выделил 350 млн тенге на гранты для НПО.", [("350 млн тенге", 350e6, "KZT", "exact", "грант", None)]),
    ("В Туркестанской области зарегистрировано свыше 2,5 тыс. некоммерческих организаций.",
     [("свыше 2,5 тыс.", 2500, "count", "more_than", "некоммерческая организация", None)]),
    ("Маслихат утвердил бюджет в 12,4 млрд тенге.", [("12,4 млрд тенге", 12.4e9, "KZT", "exact", None, None)]),
    ("По данным министерства, госсоцзаказ в 2024 году составил 28 млрд тенге.",
     [("28 млрд тенге", 28e9, "KZT", "exact", None, 2024)]),
    ("В конкурсе участвовали 320 молодёжных ресурсных центров.",
     [("320", 320, "count", "exact", "молодёжный ресурсный центр", None)]),
    ("Волонтёры Шымкента собрали 4,7 млн тг для пострадавших от паводка.", [("4,7 млн тг", 4.7e6, "KZT", "exact", None, None)]),
    ("Число получателей адресной помощи сократилось на 12%.", [("на 12%", -12, "percent", "exact", "получатель", None)]),
    ("Гранты получили около 600 НПО на общую сумму 3,2 млрд тенге.",
     [("около 600 НПО", 600, "count", "about", "НПО", None), ("3,2 млрд тенге", 3.2e9, "KZT", "exact", "НПО", None)]),
    ("Мажилис одобрил выделение 7 млрд тенге на поддержку волонтёрских организаций.",
     [("7 млрд тенге", 7e9, "KZT", "exact", "волонтёрская организация", None)]),
]


@pytest.fixture(scope="module")
def analyzed():
    """Rows of every test sentence, analyzed in one batch (no NER: stats does not use it)."""
    texts = [c[0] for c in FIGURES + CHANGES] + NOT_STATISTICS + KAZAKH_STYLE_TEXTS
    docs = nlp.process([(str(i), t) for i, t in enumerate(texts)], ner=False)
    return {doc.text: (doc, stats.extract(doc)) for doc in docs}


def _check_offsets(doc, rows):
    for row in rows:
        assert doc.text[row["start"]:row["stop"]] == row["quote"]


@pytest.mark.parametrize("text,expected", FIGURES, ids=[t[:45] for t, _ in FIGURES])
def test_figures(analyzed, text, expected):
    doc, rows = analyzed[text]
    _check_offsets(doc, rows)
    got = [(r["quote"], r["value"], r["unit"], r["qualifier"], r["subject"], r["year"]) for r in rows]
    assert len(got) == len(expected), got
    for row, want in zip(got, expected):
        quote, value, unit, qualifier, subject, year = want
        assert row[0] == quote
        assert row[1] == pytest.approx(value, rel=1e-4)
        assert row[2:4] == (unit, qualifier)
        if subject is not None:
            assert row[4] == subject
        assert row[5] == year


# (sentence, [(quote, value, role, year), ...], number of distinct change_ids)
CHANGES = [
    ("Количество волонтерских организаций увеличилось с 224 в 2019 году до 680.",
     [("с 224 в 2019 году", 224, "from", 2019), ("до 680", 680, "to", None)], 1),
    ("Число грантополучателей выросло с 120 в 2020 году до 450 в 2023 году.",
     [("с 120 в 2020 году", 120, "from", 2020), ("до 450 в 2023 году", 450, "to", 2023)], 1),
    ("Число НПО выросло с 224 в 2019 году до 680, а количество активных волонтеров – с 50 тысяч до 240 тысяч.",
     [("с 224 в 2019 году", 224, "from", 2019), ("до 680", 680, "to", None),
      ("с 50 тысяч", 50000, "from", 2019), ("до 240 тысяч", 240000, "to", None)], 2),
    ("Объём пожертвований снизился с 5 млрд до 4,2 млрд рублей.",
     [("с 5 млрд", 5e9, "from", None), ("до 4,2 млрд рублей", 4.2e9, "to", None)], 1),
    ("Число волонтёров увеличилось на 15%.", [("на 15%", 15, "delta", None)], 1),
    ("Численность некоммерческих организаций сократилась на 6,5 процента.", [("на 6,5 процента", -6.5, "delta", None)], 1),
    ("Количество проектов выросло на 40%, с 250 до 350.",
     [("на 40%", 40, "delta", None), ("с 250", 250, "from", None), ("до 350", 350, "to", None)], 1),
    ("Число обращений в фонд выросло до 900.", [("до 900", 900, "to", None)], 1),
    ("Грант составит от 5 до 7 тыс. долларов.", [("от 5", 5000, "min", None), ("до 7 тыс. долларов", 7000, "max", None)], 1),
    ("Стоимость проектов составит 5–7 млн рублей.", [("5", 5e6, "min", None), ("7 млн рублей", 7e6, "max", None)], 1),
]


@pytest.mark.parametrize("text,expected,n_changes", CHANGES, ids=[t[:45] for t, _, _ in CHANGES])
def test_changes(analyzed, text, expected, n_changes):
    doc, rows = analyzed[text]
    _check_offsets(doc, rows)
    got = [(r["quote"], r["value"], r["role"], r["year"]) for r in rows]
    assert len(got) == len(expected), got
    for row, want in zip(got, expected):
        assert row[0] == want[0] and row[2:] == want[2:]
        assert row[1] == pytest.approx(want[1])
    assert len({r["change_id"] for r in rows}) == n_changes
    assert all(r["change_id"] is not None for r in rows)


def test_range_ends_share_currency_and_bounds(analyzed):
    _, rows = analyzed["Грант составит от 5 до 7 тыс. долларов."]
    assert [r["unit"] for r in rows] == ["USD", "USD"]
    assert [r["qualifier"] for r in rows] == ["more_than", "up_to"]


NOT_STATISTICS = [
    # dates and years standing alone
    "Встреча состоялась 27 февраля 2024 года.",
    "Праздник отмечают 1 октября.",
    "Закон принят в 2014 году.",
    "С 2019 года работает новый портал.",
    "Документ подписан 27.02.2024.",
    "Эксперты вспомнили события 1991 г.",
    # ages, anniversaries and durations
    "К 105-летию Героя издана книга.",
    "Ему исполнилось 45 лет.",
    "За последние 15 лет НПО стало больше.",
    "В течение двух дней пройдут семинары.",
    "Фонд отметил 30-летний юбилей.",
    "Организация работает уже 12 месяцев.",
    "Подросткам до 18 лет вход бесплатный.",
    "Девушке 23 года, она волонтёр.",
    # phone numbers
    "Телефон горячей линии: +7 (727) 123-45-67.",
    "Справки по телефону 8 701 555 44 33.",
    "Звоните по номеру 222-33-44.",
    # view counters
    "4395",
    "Просмотров: 1280",
    # document numbers
    "Распоряжение № 55-р подписано вчера.",
    "Приказ №123 вступил в силу.",
    "Согласно статье 19 закона, НПО отчитываются ежегодно.",
    "Нарушение подпадает под п. 3 правил.",
    "Изменения внесены в пункт 7 положения.",
    # times of day
    "Заседание начнётся в 10:30.",
    "Приём граждан — с 9 до 18 часов.",
    # ordinals
    "Команда НПО заняла 3-е место.",
    "Депутаты 8-го созыва поддержали поправки.",
    "В первый день форума выступили министры.",
    # pages
    "Подробнее читайте на стр. 12.",
    "Таблица приведена на странице 45.",
    # list numbers and small words in prose
    "1. Общие положения",
    "Два министерства подписали меморандум.",
    "Один из лидеров движения выступил первым.",
    "Во второй половине дня прошли консультации.",
    "Встреча началась в половине десятого.",
    # numbers counting nothing said
    "Когда часы 12 бьют",
    "SMS-коды 1414 больше не используются.",
    # measures (the unit set has no place for them)
    "Дорога длиной 110 км будет отремонтирована.",
    "Собрано 500 кг гуманитарной помощи.",
    "Занятия проходят 3 раза в неделю.",
]


@pytest.mark.parametrize("text", NOT_STATISTICS)
def test_not_statistics(analyzed, text):
    _, rows = analyzed[text]
    assert rows == [], [r["quote"] for r in rows]


KAZAKH_STYLE_TEXTS = [
    # an article: a currency figure, then money without a currency word
    "Фонд «Саби» выделил 200 млн тенге на помощь пострадавшим от паводков. "
    "Позже компания перевела ещё 70 миллионов на восстановление школ.",
    # no currency before: a scaled bare number counting nothing is not money
    "Позже компания перевела ещё 70 миллионов на восстановление школ.",
    # a percentage carried by a later sentence
    "По данным акимата, в 2023 году в области работали 1 450 НПО. "
    "Из них 62% получили государственные гранты.",
]


def test_money_without_currency_takes_the_articles_currency(analyzed):
    doc, rows = analyzed[KAZAKH_STYLE_TEXTS[0]]
    _check_offsets(doc, rows)
    assert [(r["quote"], r["value"], r["unit"]) for r in rows] == [
        ("200 млн тенге", 200e6, "KZT"), ("70 миллионов", 70e6, "KZT")]
    assert {r["category"] for r in rows} == {"budget"}


def test_bare_amount_without_any_currency_is_dropped(analyzed):
    _, rows = analyzed[KAZAKH_STYLE_TEXTS[1]]
    assert rows == []


def test_year_and_percent_in_kazakh_news_style(analyzed):
    doc, rows = analyzed[KAZAKH_STYLE_TEXTS[2]]
    _check_offsets(doc, rows)
    assert [(r["quote"], r["value"], r["unit"], r["year"]) for r in rows] == [
        ("1 450 НПО", 1450, "count", 2023), ("62%", 62, "percent", None)]


def test_categories_come_from_the_lexicon():
    assert stats.category("НПО") == "ngo"
    assert stats.category("активный волонтёр") == "volunteer"
    assert stats.category("волонтерская организация") == "volunteer"
    assert stats.category("социальный проект") == "project"
    assert stats.category("государственный грант") == "grant"
    assert stats.category("госструктура") == "organization"
    assert stats.category("житель") == "people"
    assert stats.category("государственная социальная инвестиция") == "budget"
    assert stats.category("социальный проект", "KZT") == "budget"
    assert stats.category("грант", "KZT") == "grant"
    assert stats.category("стул") == "other"
    assert stats.category(None) == "other"


def test_rows_fit_the_stats_frame(analyzed):
    rows = [r for _, rs in analyzed.values() for r in rs]
    frame = frames.build("stats", [{"doc_id": "x", **r} for r in rows])
    assert list(frame.columns[:len(frames.columns("stats"))]) == frames.columns("stats")
    assert set(frame["unit"].dropna()) <= {"KZT", "RUB", "USD", "EUR", "GBP", "CNY", "count", "percent", "times"}
    assert set(frame["qualifier"]) <= {"exact", "more_than", "less_than", "about", "up_to"}
    assert set(frame["role"].dropna()) <= {"from", "to", "delta", "min", "max"}


# ---------------------------------------------------------------- the seed article


def _gold():
    if not SEED.exists():
        pytest.skip("the shared corpus is not beside the project")
    return SEED.read_text(encoding="utf-8"), json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def _key(row):
    return (row["quote"], float(row["value"]), row["unit"], row["qualifier"],
            None if pd.isna(row["year"]) else int(row["year"]))


def test_seed_body_has_exactly_the_twelve_figures():
    raw, gold = _gold()
    body_end = raw.index(gold["body_ends_with"]) + len(gold["body_ends_with"])
    [doc] = nlp.process([("kp", raw[:body_end])], ner=False)
    rows = stats.extract(doc)
    got = {(r["start"], r["stop"]): r for r in rows}
    assert len(rows) == len(gold["stats"])
    for want in gold["stats"]:
        row = got[(want["start"], want["stop"])]  # offsets of the raw file, where the body starts
        assert row["quote"] == want["quote"] == raw[want["start"]:want["stop"]]
        assert (row["value"], row["unit"], row["qualifier"], row["year"]) == \
            (want["value"], want["unit"], want["qualifier"], want["year"])


def test_seed_subjects_are_lemmatized_noun_phrases():
    raw, gold = _gold()
    [doc] = nlp.process([("kp", raw)], ner=False)
    subjects = {r["quote"]: r["subject"] for r in stats.extract(doc)}
    assert subjects["превысило 23 тыс."] == "НПО"
    assert subjects["более 18 тыс."] == "действующая НПО"
    assert subjects["с 224\u00a0в 2019 году"] == subjects["до 680"] == "волонтёрская организация"
    assert subjects["с 50 тысяч"] == subjects["до 240 тысяч"] == "активный волонтёр"
    assert subjects["в тысячу раз"] == "государственная социальная инвестиция"
    assert subjects["59 млрд тенге"] == subjects["около 2 тыс."] == "социальный проект"
    assert subjects["свыше 400\u00a0госструктур"] == "госструктура"


def test_seed_via_analyze():
    raw, gold = _gold()
    res = ngotext.analyze(str(SEED))
    text = res.articles.loc[0, "text"]
    st = res.stats
    for row in st.itertuples():
        assert text[row.start:row.stop] == row.quote
    got = {_key(r) for _, r in st.iterrows()}
    for want in gold["stats"]:
        assert (want["quote"], float(want["value"]), want["unit"], want["qualifier"], want["year"]) in got
    # changes: the two "с … до" pairs are two changes of two rows each
    changes = st.dropna(subset=["change_id"]).groupby("change_id")["role"].apply(list).tolist()
    assert changes == [["from", "to"], ["from", "to"]]
    # nothing from the navigation tail once cleaning cuts it off
    body_end = text.find(gold["body_ends_with"]) + len(gold["body_ends_with"])
    assert body_end >= len(gold["body_ends_with"])
    tail = st[st["start"] >= body_end]
    if "Популярное" in text[body_end:]:
        pytest.xfail("the clean stage does not cut the navigation tail yet: "
                     f"{len(tail)} figures come from it ({', '.join(tail['quote'])})")
    assert tail.empty
