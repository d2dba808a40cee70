"""Sentences, tokens, lemmas and raw NER spans.

Models load lazily, once per process, and are shared by every article:
razdel for segmentation, pymorphy3 (with a lemma cache) for lemmas and POS,
slovnet's NER and (optionally) its morph tagger from natasha's bundled models.
natasha's ``MorphVocab`` is never constructed: it goes through pymorphy2,
which fails on Python >= 3.12.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from razdel import sentenize, tokenize

MORPH_MODES = ("pymorphy", "tagger")


@dataclass(slots=True)
class Sentence:
    sent_id: int
    start: int
    stop: int
    text: str


@dataclass(slots=True)
class Token:
    sent_id: int
    token_id: int
    start: int
    stop: int
    text: str
    lemma: str
    pos: str
    # OpenCorpora grammemes of the chosen pymorphy3 parse ("NOUN,inan,masc sing,gent"),
    # kept for the extractors; not part of the tokens frame.
    tag: str = ""


@dataclass(slots=True)
class NerSpan:
    start: int
    stop: int
    type: str


@dataclass(slots=True)
class NlpDoc:
    """One article after the nlp stage; every offset indexes ``text``."""

    doc_id: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    ner: list[NerSpan] = field(default_factory=list)

    def sentence_tokens(self, sent_id: int) -> list[Token]:
        """The tokens of one sentence, in order."""
        return [t for t in self.tokens if t.sent_id == sent_id]


# ---------------------------------------------------------------- models

@lru_cache(maxsize=None)
def morph_analyzer():
    """The process-wide pymorphy3 analyzer (loaded on first use)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=None)
def _embedding():
    from natasha import NewsEmbedding

    return NewsEmbedding()


@lru_cache(maxsize=None)
def ner_tagger():
    """slovnet's news NER model, shipped inside the natasha package."""
    from natasha import NewsNERTagger

    tagger = NewsNERTagger(_embedding())
    tagger.batch_size = 32
    return tagger


@lru_cache(maxsize=None)
def morph_tagger():
    """slovnet's news morph tagger, shipped inside the natasha package."""
    from natasha import NewsMorphTagger

    tagger = NewsMorphTagger(_embedding())
    tagger.batch_size = 32
    return tagger


@lru_cache(maxsize=None)
def domain_nouns() -> dict[str, tuple[str, str]]:
    """lemma -> (gender, declension) from ``data/domain_nouns.tsv``."""
    from .lexicon import rows

    return {lemma: (gender, declension) for lemma, gender, declension, *_ in rows("domain_nouns.tsv")}


def parses(word: str):
    """All pymorphy3 parses of a word, cached (the same words recur in every article).

    pymorphy3 parses the lower-cased word, so "Волонтёры" and "волонтёры" share one
    cache entry (single letters excepted: a capital one may be an initial).
    Empty for what pymorphy3 cannot read (it raises on some unassigned or rare
    characters): such a word is no Russian word anyway.
    """
    return _parses(word if len(word) == 1 else word.lower())


@lru_cache(maxsize=200_000)
def _parses(word: str):
    try:
        return tuple(morph_analyzer().parse(word))
    except (KeyError, ValueError):
        return ()


# ---------------------------------------------------------------- lemmas and POS

_OC_TO_UD = {
    "NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB",
    "INFN": "VERB", "PRTF": "VERB", "PRTS": "VERB", "GRND": "VERB", "NUMR": "NUM",
    "ADVB": "ADV", "NPRO": "PRON", "PRED": "ADV", "PREP": "ADP", "CONJ": "CCONJ",
    "PRCL": "PART", "INTJ": "INTJ",
}
_PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
_ABBREVIATION = re.compile(r"^[А-ЯЁA-Z]{2,}(?:-[А-ЯЁA-Z]+)*$")
_SURNAME_ENDING = re.compile(r"^([А-ЯЁ][а-яё-]*?(?:ов|ев|ёв|ин|ын))(?:а|у|ым|ой|е|ы|ых|ыми)?$")
_NUMBER = re.compile(r"^\d[\d.,]*$")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")


def _ud_pos(parse) -> str:
    tag = parse.tag
    if tag.POS is None:
        return "X"
    if tag.POS == "NOUN" and _PROPER & tag.grammemes:
        return "PROPN"
    return _OC_TO_UD.get(tag.POS, "X")


def _shape_pos(word: str) -> str | None:
    """POS for tokens that morphology cannot tell (punctuation, digits, Latin)."""
    if _NUMBER.match(word):
        return "NUM"
    if not any(ch.isalnum() for ch in word):
        return "SYM" if any(ch in "%$€₸₽+=<>" for ch in word) else "PUNCT"
    if not _CYRILLIC.search(word):
        return "PROPN" if word[:1].isupper() else "X"
    return None


@lru_cache(maxsize=200_000)
def lemma_pos(word: str) -> tuple[str, str, str]:
    """(lemma, UD POS, OpenCorpora tag) of a word out of context, cached.

    >>> lemma_pos("организаций")[:2]
    ('организация', 'NOUN')
    >>> lemma_pos("НПО")[:2]
    ('НПО', 'PROPN')
    """
    shape = _shape_pos(word)
    if shape is not None:
        return word.lower() if shape != "NUM" else word, shape, ""
    domain = domain_nouns()
    if word.lower() in domain and domain[word.lower()][1] == "indecl":
        return word.lower(), "NOUN", "NOUN,inan,Fixd"
    candidates = parses(word)
    if not candidates:
        return word.lower(), "X", ""
    parse = next((p for p in candidates if p.normal_form in domain and p.tag.POS == "NOUN"),
                 candidates[0])
    if word[:1].isupper() and parse.normal_form not in domain:
        # A capitalized word is more likely a name than a homonym ("Муканова" is
        # a surname, not the adjective "мукановый"); a surname ending beats a
        # first-name guess ("Токаева" is Токаев's, not a woman named Токаева).
        surname = _SURNAME_ENDING.match(word)
        if surname and not any("Surn" in p.tag.grammemes for p in candidates) and (
                not morph_analyzer().word_is_known(word)
                or all("plur" in p.tag.grammemes for p in candidates)):
            # pymorphy3 guesses surnames it lacks badly ("Кадиров" as the plural of
            # "Кадир"); a surname's shape is regular enough to lemmatize by itself.
            return surname.group(1).lower(), "PROPN", "NOUN,anim,Surn"
        proper = [p for p in candidates if _PROPER & p.tag.grammemes]
        if surname:
            proper.sort(key=lambda p: "Surn" not in p.tag.grammemes)
        parse = proper[0] if proper else parse
    if _ABBREVIATION.match(word):
        # Abbreviations keep their letters: "НПО", "ГАК", not "нпо".
        return word, "PROPN", str(parse.tag)
    pos = "NOUN" if parse.normal_form in domain else _ud_pos(parse)
    return parse.normal_form, pos, str(parse.tag)


@lru_cache(maxsize=50_000)
def sentence_initial_lemma_pos(word: str) -> tuple[str, str, str]:
    """lemma_pos of a sentence's first word, whose capital says nothing about names:
    "Волонтёров" there is the noun волонтёр, not a surname; "Кадиров" stays a name.

    >>> sentence_initial_lemma_pos("Волонтёров")[:2], sentence_initial_lemma_pos("Кадиров")[:2]
    (('волонтёр', 'NOUN'), ('кадиров', 'PROPN'))
    """
    lower = word.lower()
    if word[:1].isupper() and not _ABBREVIATION.match(word) and lower != word:
        candidates = parses(lower)
        if (morph_analyzer().word_is_known(lower) and candidates
                and not _PROPER & candidates[0].tag.grammemes and candidates[0].tag.POS is not None):
            return lemma_pos(lower)
    return lemma_pos(word)


_UD_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
            "Loc": "loct", "Voc": "voct", "Par": "gen2"}
_UD_NUMBER = {"Sing": "sing", "Plur": "plur"}
_UD_GENDER = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}


def _tagged_lemma(word: str, pos: str, feats: dict) -> tuple[str, str]:
    """Lemma and tag of the pymorphy3 parse that agrees best with the tagger's choice."""
    if _shape_pos(word) is not None or _ABBREVIATION.match(word):
        lemma, _, tag = lemma_pos(word)
        return lemma, tag
    wanted = {g for key, table in (("Case", _UD_CASE), ("Number", _UD_NUMBER),
                                   ("Gender", _UD_GENDER))
              if (g := table.get(feats.get(key, "")))}
    best, best_score = None, -1
    if not parses(word):
        lemma, _, tag = lemma_pos(word)
        return lemma, tag
    for parse in parses(word):
        ud = _ud_pos(parse)
        score = 4 * (ud == pos or (pos == "PROPN" and ud == "NOUN")) + len(wanted & parse.tag.grammemes)
        if score > best_score:
            best, best_score = parse, score
    return best.normal_form, str(best.tag)


# ---------------------------------------------------------------- segmentation

_LINE = re.compile(r"[^\n]+")


def segment(text: str) -> tuple[list[Sentence], list[tuple[int, int, int, str]]]:
    """Sentences and raw tokens (sent_id, start, stop, text) of a text.

    A sentence never crosses a line break: scraped pages put headlines,
    captions and list items on lines of their own without final punctuation.

    >>> sents, toks = segment("Первое предложение. Второе\\nТретье")
    >>> [s.text for s in sents]
    ['Первое предложение.', 'Второе', 'Третье']
    """
    sentences: list[Sentence] = []
    tokens: list[tuple[int, int, int, str]] = []
    for line in _LINE.finditer(text):
        base = line.start()
        for start, stop in _sentence_spans(line.group()):
            sent_id = len(sentences)
            sent_text = line.group()[start:stop]
            sentences.append(Sentence(sent_id, base + start, base + stop, sent_text))
            for tok in tokenize(sent_text):
                tokens.append((sent_id, base + start + tok.start, base + start + tok.stop, tok.text))
    return sentences, tokens


# razdel ends a sentence after "тыс." before a capital ("более 18 тыс. НКО получили …");
# an abbreviation in capitals after a scale word continues the sentence.
_SCALE_END = re.compile(r"(?:тыс|млн|млрд|трлн|руб|долл|тг)\.$")
_CAPS_START = re.compile(r"^[«\"(]?[А-ЯЁA-Z]{2,}\b")


def _sentence_spans(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for sent in sentenize(line):
        if not sent.text.strip():
            continue
        if spans and _SCALE_END.search(line[spans[-1][0]:spans[-1][1]]) and _CAPS_START.match(sent.text):
            spans[-1] = (spans[-1][0], sent.stop)
        else:
            spans.append((sent.start, sent.stop))
    return spans


# ---------------------------------------------------------------- the stage

def _run_ner(docs: Sequence[NlpDoc]) -> None:
    """Raw slovnet spans for every line of every doc, in length-sorted batches.

    A line (a paragraph of a scraped page) gives the model more context than a
    sentence: measured on factRuEval dev, micro F1 0.911 against 0.906, and faster.
    Spans never cross a line; the entities stage cuts them at sentence breaks.
    """
    items = [(doc, Sentence(-1, m.start(), m.end(), m.group())) for doc in docs
             for m in _LINE.finditer(doc.text) if m.group().strip()]
    # Sorting by length keeps padding inside each batch small.
    items.sort(key=lambda pair: len(pair[1].text))
    tagger = ner_tagger()
    markups = tagger.map([sent.text for _, sent in items])
    for (doc, sent), markup in zip(items, markups):
        for span in markup.spans:
            doc.ner.append(NerSpan(sent.start + span.start, sent.start + span.stop, span.type))
    for doc in docs:
        doc.ner.sort(key=lambda s: (s.start, s.stop))


def _run_morph_tagger(docs: Sequence[NlpDoc], raw: list[list[tuple[int, int, int, str]]]) -> None:
    tagger = morph_tagger()
    for doc, doc_tokens in zip(docs, raw):
        by_sentence: dict[int, list[tuple[int, int, int, str]]] = {}
        for tok in doc_tokens:
            by_sentence.setdefault(tok[0], []).append(tok)
        groups = list(by_sentence.values())
        markups = tagger.map([[t[3] for t in group] for group in groups])
        for group, markup in zip(groups, markups):
            for (sent_id, start, stop, word), tagged in zip(group, markup.tokens):
                lemma, tag = _tagged_lemma(word, tagged.pos, tagged.feats)
                doc.tokens.append(Token(sent_id, len(doc.tokens), start, stop, word,
                                        lemma, tagged.pos, tag))


def process(items: Iterable[tuple[str, str]], morph: str = "pymorphy",
            ner: bool = True) -> list[NlpDoc]:
    """Run the nlp stage over (doc_id, text) pairs, batching NER across all of them.

    ``morph="pymorphy"`` takes each word's most probable pymorphy3 parse (fast, cached);
    ``morph="tagger"`` lets slovnet's morph tagger choose the parse in context.

    Examples:
        >>> [doc] = process([("d1", "Волонтёры помогли НПО.")], ner=False)
        >>> [t.lemma for t in doc.tokens]
        ['волонтёр', 'помочь', 'НПО', '.']
    """
    if morph not in MORPH_MODES:
        raise ValueError(f"morph must be one of {MORPH_MODES}, not {morph!r}")
    docs, raw = [], []
    for doc_id, text in items:
        sentences, tokens = segment(text)
        docs.append(NlpDoc(doc_id, text, sentences))
        raw.append(tokens)
    with single_threaded_blas():
        _run_models(docs, raw, morph, ner)
    return docs


@contextmanager
def single_threaded_blas():
    """Run slovnet's matrix products on one BLAS thread.

    Its matrices are small: OpenBLAS's threads cost more than they give. Measured on
    600 generated articles on 2 cores: 15.9 s with the default threads, 5.7 s with one.
    A process pool then scales with ``jobs``. The user's own BLAS setting is restored
    afterwards.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a core dependency
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _run_models(docs: list[NlpDoc], raw: list, morph: str, ner: bool) -> None:
    if morph == "tagger":
        _run_morph_tagger(docs, raw)
    else:
        for doc, doc_tokens in zip(docs, raw):
            previous_sent = -1
            for sent_id, start, stop, word in doc_tokens:
                first = sent_id != previous_sent
                previous_sent = sent_id
                lemma, pos, tag = sentence_initial_lemma_pos(word) if first else lemma_pos(word)
                doc.tokens.append(Token(sent_id, len(doc.tokens), start, stop, word, lemma, pos, tag))
    if ner:
        _run_ner(docs)
