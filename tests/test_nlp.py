"""The nlp stage: segmentation, lemmas, POS, NER spans."""
from __future__ import annotations

import pytest

from ngotext import nlp

TRICKY_LEMMAS = [
    # plural genitives
    ("организаций", "организация"), ("волонтеров", "волонтёр"), ("госструктур", "госструктура"),
    ("людей", "человек"), ("граждан", "гражданин"), ("грантов", "грант"), ("лет", "год"),
    ("семей", "семья"), ("акиматов", "акимат"), ("проектов", "проект"),
    # surnames and names
    ("Кадировым", "кадиров"), ("Нургазиевой", "нургазиев"), ("Токаева", "токаев"),
    ("Ивановой", "иванов"), ("Кириллом", "кирилл"), ("Кадиров", "кадиров"), ("Токаев", "токаев"),
    ("Сапаровым", "сапаров"), ("Алины", "алина"), ("Берлина", "берлин"),
    # abbreviations keep their letters; indeclinable domain nouns are their own lemma
    ("НПО", "НПО"), ("ЕАЭС", "ЕАЭС"), ("МКИ", "МКИ"), ("тенге", "тенге"),
    # hyphenated words
    ("вице-министра", "вице-министр"), ("онлайн-петиций", "онлайн-петиция"),
    ("мастер-классы", "мастер-класс"),
    # Kazakh public life
    ("акиму", "аким"), ("маслихата", "маслихат"),
]


@pytest.mark.parametrize("word, lemma", TRICKY_LEMMAS)
def test_tricky_lemmas(word, lemma):
    assert nlp.lemma_pos(word)[0] == lemma


@pytest.mark.parametrize("word, pos", [
    (",", "PUNCT"), ("4395", "NUM"), ("6,5", "NUM"), ("%", "SYM"), ("организаций", "NOUN"),
    ("активных", "ADJ"), ("увеличилось", "VERB"), ("в", "ADP"), ("и", "CCONJ"), ("акиму", "NOUN"),
])
def test_pos(word, pos):
    assert nlp.lemma_pos(word)[1] == pos


def test_sentences_never_cross_lines():
    text = "Заголовок без точки\nПервое предложение. Второе предложение!\n\nХвост"
    sentences, tokens = nlp.segment(text)
    assert [s.text for s in sentences] == [
        "Заголовок без точки", "Первое предложение.", "Второе предложение!", "Хвост"]
    for s in sentences:
        assert "\n" not in text[s.start:s.stop]
        assert text[s.start:s.stop] == s.text
    for sent_id, start, stop, word in tokens:
        assert text[start:stop] == word
        assert sentences[sent_id].start <= start < stop <= sentences[sent_id].stop


def test_nbsp_inside_numbers_stays_in_text():
    text = "Их число выросло до 23\u00a0тыс. человек."
    [doc] = nlp.process([("d", text)], ner=False)
    assert [t.text for t in doc.tokens][4:6] == ["23", "тыс"]
    assert all(text[t.start:t.stop] == t.text for t in doc.tokens)


def test_token_ids_run_through_the_article():
    [doc] = nlp.process([("d", "Раз два.\nТри четыре.")], ner=False)
    assert [t.token_id for t in doc.tokens] == list(range(len(doc.tokens)))
    assert [t.sent_id for t in doc.tokens] == [0, 0, 0, 1, 1, 1]


def test_ner_spans_batched_across_articles_match_single_runs():
    texts = [("a", "Президент Касым-Жомарт Токаев прибыл в Астану."),
             ("b", "Гражданский альянс Казахстана провёл встречу.\nДанияр Кадиров выступил.")]
    together = nlp.process(texts)
    alone = [nlp.process([t])[0] for t in texts]
    for x, y in zip(together, alone):
        assert [(s.start, s.stop, s.type) for s in x.ner] == [(s.start, s.stop, s.type) for s in y.ner]
    spans = {(x.text[s.start:s.stop], s.type) for x in together for s in x.ner}
    assert ("Касым-Жомарт Токаев", "PER") in spans
    assert ("Астану", "LOC") in spans
    assert ("Данияр Кадиров", "PER") in spans


def test_morph_tagger_disambiguates_in_context():
    # "стали" is a verb (стать) here and a noun (сталь) out of context in some readings
    [fast] = nlp.process([("d", "Они стали волонтёрами.")], ner=False)
    [tagged] = nlp.process([("d", "Они стали волонтёрами.")], ner=False, morph="tagger")
    assert [t.text for t in tagged.tokens] == [t.text for t in fast.tokens]
    by_word = {t.text: t for t in tagged.tokens}
    assert by_word["стали"].lemma == "стать"
    assert by_word["стали"].pos in {"VERB", "AUX"}
    assert by_word["волонтёрами"].lemma == "волонтёр"


def test_unknown_morph_mode_is_refused():
    with pytest.raises(ValueError, match="morph must be one of"):
        nlp.process([("d", "текст")], morph="spacy")


def test_scale_abbreviation_before_capitals_does_not_end_a_sentence():
    sentences, _ = nlp.segment("Действуют более 18 тыс. НКО. Их стало больше. Итого 5 млн. Новый абзац.")
    assert [s.text for s in sentences] == [
        "Действуют более 18 тыс. НКО.", "Их стало больше.", "Итого 5 млн.", "Новый абзац."]


def test_sentence_initial_common_noun_is_not_taken_for_a_name():
    [doc] = nlp.process([("d", "Волонтёров стало больше. Кадиров сказал. Роль НПО растёт.")], ner=False)
    got = {t.text: (t.lemma, t.pos) for t in doc.tokens}
    assert got["Волонтёров"] == ("волонтёр", "NOUN")
    assert got["Кадиров"] == ("кадиров", "PROPN")
    assert got["Роль"] == ("роль", "NOUN")
