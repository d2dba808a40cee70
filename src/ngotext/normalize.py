"""Nominative forms of names and noun phrases, decided by morphology.

Two jobs, shared by the entities and officials stages:

- ``phrase_nominative``: an organization, place or position phrase with only its head
  (leading adjectives + head noun) put in the nominative; the genitive tail stays as
  written ("Центра поддержки гражданских инициатив" -> "Центр поддержки гражданских
  инициатив").
- ``person_nominative``: a person's name in the nominative, with one gender decided for
  the whole name (the first name drives the surname: "Асель Мукановой" -> "Асель
  Муканова", "Данияра Кадирова" -> "Данияр Кадиров").

Both take ``nlp.Token`` sequences (only ``text``, ``start`` and ``stop`` are read) and keep
each word's capitalization and the spacing between tokens.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from . import lexicon, nlp

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS = ("masc", "femn")
ANY = "*"  # matches every case (indeclinable) or every gender

_QUOTES = set("«»\"„“”'‘’")
_WORD = re.compile(r"[А-ЯЁа-яё]")
_ABBREVIATION = re.compile(r"^[А-ЯЁA-Z0-9]{2,}(?:-[А-ЯЁA-Z0-9]+)*$")


# ---------------------------------------------------------------- shared helpers

def match_case(new: str, old: str) -> str:
    """``new`` written with the capitalization of ``old``, letter by letter.

    >>> match_case("центр", "Центра"), match_case("вице-министр", "Вице-Министра")
    ('Центр', 'Вице-Министр')
    """
    if "ё" not in old.lower():
        new = new.replace("ё", "е").replace("Ё", "Е")  # pymorphy adds ё the text did not write
    if len(old) > 1 and old.isupper():
        return new.upper()
    out = []
    for i, ch in enumerate(new):
        ref = old[i] if i < len(old) else ""
        out.append(ch.upper() if ref.isupper() else ch)
    return "".join(out)


def join_tokens(words: Sequence[str], tokens: Sequence) -> str:
    """Words joined with the gaps the tokens had in the text (no gap stays no gap).

    >>> from ngotext.nlp import Token
    >>> toks = [Token(0, 0, 0, 1, "А", "", ""), Token(0, 1, 1, 2, ".", "", ""), Token(0, 2, 3, 9, "Иванов", "", "")]
    >>> join_tokens(["А", ".", "Иванов"], toks)
    'А. Иванов'
    """
    out = []
    for i, (word, tok) in enumerate(zip(words, tokens)):
        if i:
            out.append(" " * max(tok.start - tokens[i - 1].stop, 0))
        out.append(word)
    return "".join(out)


def as_tokens(text: str) -> list[nlp.Token]:
    """Tokens of a short text (offsets into it), for calling the functions below on a string.

    >>> [t.text for t in as_tokens("Данияра Кадирова")]
    ['Данияра', 'Кадирова']
    """
    _, raw = nlp.segment(text)
    return [nlp.Token(sent_id, i, start, stop, word, "", "") for i, (sent_id, start, stop, word) in enumerate(raw)]


_FUNCTION_WORDS = {"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "INTJ", "PRED"}


def _noun_parses(word: str):
    ps = nlp.parses(word)
    if ps and ps[0].tag.POS in _FUNCTION_WORDS:
        return []  # "по" has a rare noun reading; it is a preposition
    return [p for p in ps if p.tag.POS == "NOUN"]


def _adj_parses(word: str):
    return [p for p in nlp.parses(word) if p.tag.POS in ("ADJF", "PRTF")]


def _is_modifier(word: str) -> bool:
    """An adjective or participle that can precede the head noun ("Генерального")."""
    ps = nlp.parses(word)
    adj = [p for p in ps if p.tag.POS in ("ADJF", "PRTF")]
    noun = [p for p in ps if p.tag.POS == "NOUN"]
    # An adjective reading that pymorphy rates above its noun readings.
    return bool(adj) and (not noun or adj[0].score >= noun[0].score)


def _agrees(adj, noun) -> bool:
    t, n = adj.tag, noun.tag
    if t.case != n.case or t.number != n.number:
        return False
    return n.number == "plur" or t.gender is None or n.gender in (None, t.gender) \
        or "Ms-f" in n.grammemes


# ---------------------------------------------------------------- phrases

def phrase_nominative(tokens: Sequence, text: str | None = None) -> str:
    """The phrase with its head (adjectives + first noun) in the nominative.

    The tail after the head noun is kept as written; number is kept; a phrase that
    starts with a quote or holds no noun is returned as written. ``text`` (the
    document the tokens index) makes the spacing exact; without it gaps become spaces.

    >>> phrase_nominative(as_tokens("Генерального секретариата Ассамблеи народов Евразии"))
    'Генеральный секретариат Ассамблеи народов Евразии'
    """
    words = [t.text for t in tokens]
    head = _head_index(words)
    if head is not None:
        words[:head + 1] = _inflect_head(words[:head + 1])
    if text is not None:
        return "".join(w + (text[tokens[i].stop:tokens[i + 1].start] if i + 1 < len(tokens) else "")
                       for i, w in enumerate(words))
    return join_tokens(words, tokens)


def _head_index(words: Sequence[str]) -> int | None:
    """Index of the head noun: the first noun after leading adjectives."""
    for i, word in enumerate(words):
        if word in _QUOTES or not _WORD.search(word) or _ABBREVIATION.match(word):
            return None
        if _is_modifier(word) and i + 1 < len(words) and (
                _is_modifier(words[i + 1]) or _noun_parses(words[i + 1])):
            continue
        return i if _noun_parses(word) or _adj_parses(word) else None
    return None


def _inflect_head(words: list[str]) -> list[str]:
    """Adjectives + noun, all put in the nominative with the noun's number and gender."""
    *adjectives, noun_word = words
    adj_parses = [_adj_parses(w) for w in adjectives]
    if not _noun_parses(noun_word):
        # An adjective used as a noun ("Уполномоченного по правам человека"): a person
        # or body, so masculine when the form allows it.
        ps = sorted(_adj_parses(noun_word), key=lambda a: (a.tag.gender != "masc", -a.score))
        number = ps[0].tag.number or "sing"
        return adjectives + [_inflect(noun_word, ps[0], number, ps[0].tag.gender)]

    def rank(noun):
        agreeing = all(any(_agrees(a, noun) for a in ps) for ps in adj_parses)
        # Entity names are singular far more often than plural ("Ассамблеи" is the
        # genitive of "Ассамблея", not its plural), so a singular reading goes first.
        name_for_common_word = noun_word[:1].islower() and "Name" in noun.tag.grammemes
        return (not agreeing, noun.normal_form not in domain, name_for_common_word,
                noun.tag.number != "sing", noun.tag.case != "nomn", -noun.score)

    domain = nlp.domain_nouns()

    nouns = sorted(_noun_parses(noun_word), key=rank)
    if not nouns:
        return words
    noun = nouns[0]
    number = noun.tag.number or "sing"
    out = []
    for word, ps in zip(adjectives, adj_parses):
        forms = [_inflect(word, a, number, noun.tag.gender) for a in ps if _agrees(a, noun)]
        # "Высшей" -> "Высшая", not the other superlative "Высочайшая" of the same lexeme.
        out.append(max(forms, key=lambda f: _common_prefix(f.lower(), word.lower())) if forms else word)
    out.append(_inflect(noun_word, noun, number, None))
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _inflect(word: str, parse, number: str, gender: str | None) -> str:
    if parse.tag.case == "nomn" and parse.tag.number == number:
        return word
    wanted = {"nomn", number}
    if gender and number == "sing" and parse.tag.POS in ("ADJF", "PRTF"):
        wanted.add(gender)
        # The lexeme's nominative closest to the written word: "Высшей" -> "высшая",
        # not its sibling superlative "высочайшая".
        forms = [f for f in parse.lexeme if wanted <= f.tag.grammemes]
        if forms:
            best = max(forms, key=lambda f: _common_prefix(f.word, word.lower()))
            return match_case(best.word, word)
    form = parse.inflect(wanted) or parse.inflect({"nomn"})
    return match_case(form.word, word) if form else word


# ---------------------------------------------------------------- person names

@lru_cache(maxsize=None)
def first_names() -> dict[str, str]:
    """Lower-case first name -> gender (masc/femn) from ``data/entity_first_names.tsv``.

    >>> first_names()["бану"]
    'femn'
    """
    return {name.lower(): gender for name, gender, *_ in lexicon.rows("entity_first_names.tsv")}


# Surname paradigms: ending of the form -> [(gender, cases, ending of the nominative)].
_OV_SURNAME = re.compile(r"^(.+?(?:ов|ев|ёв|ин|ын))(|а|у|ым|е|ой)$", re.IGNORECASE)
_OV_FORMS = {
    "": [("masc", ("nomn",), "")],
    "а": [("masc", ("gent", "accs"), ""), ("femn", ("nomn",), "а")],
    "у": [("masc", ("datv",), ""), ("femn", ("accs",), "а")],
    "ым": [("masc", ("ablt",), "")],
    "е": [("masc", ("loct",), "")],
    "ой": [("femn", ("gent", "datv", "ablt", "loct"), "а")],
}
_SKY_SURNAME = re.compile(r"^(.+?(?:ск|цк))(ий|ого|ому|им|ом|ая|ой|ую)$", re.IGNORECASE)
_SKY_FORMS = {
    "ий": [("masc", ("nomn",), "ий")], "ого": [("masc", ("gent", "accs"), "ий")],
    "ому": [("masc", ("datv",), "ий")], "им": [("masc", ("ablt",), "ий")],
    "ом": [("masc", ("loct",), "ий")], "ая": [("femn", ("nomn",), "ая")],
    "ой": [("femn", ("gent", "datv", "ablt", "loct"), "ая")], "ую": [("femn", ("accs",), "ая")],
}
# Kazakh patronymic-surnames that never change: -улы/-уулу (son of), -кызы/-гызы (daughter of).
_KAZAKH_FIXED = re.compile(r"(?:ұлы|улы|уулу)$|(?:қызы|кызы|гызы)$", re.IGNORECASE)
# A consonant-final masculine name or surname (Данияр, Жумабек, Жексенбай) declines
# like "стол"/"край"; the same word for a woman never changes.
_MASC_CONSONANT = re.compile(r"^(.+?[бвгджзклмнпрстфхцчшщ])(|а|у|ом|е)$|^(.+?й)$|^(.+?)(я|ю|ем|е)$",
                             re.IGNORECASE)
_CONSONANT_FORMS = {"": ("nomn",), "а": ("gent", "accs"), "у": ("datv",), "ом": ("ablt",), "е": ("loct",)}
_YOT_FORMS = {"я": ("gent", "accs"), "ю": ("datv",), "ем": ("ablt",), "е": ("loct",)}
# A name in -а/-я (Светлана, Айжан-а …) declines like "мама".
_FEMN_A = re.compile(r"^(.+?)(а|ы|е|у|ой|я|и|ю|ей)$", re.IGNORECASE)
_FEMN_A_FORMS = {"а": [("а", "nomn")], "ы": [("а", "gent")], "е": [("а", "datv"), ("а", "loct"), ("я", "datv"), ("я", "loct")],
                 "у": [("а", "accs")], "ой": [("а", "ablt")], "я": [("я", "nomn")],
                 "и": [("я", "gent"), ("я", "datv"), ("я", "loct")], "ю": [("я", "accs")], "ей": [("я", "ablt")]}


def name_candidates(word: str) -> list[tuple[str, str, str, float]]:
    """Readings of one name word: (gender, case, nominative, weight), heavier = surer.

    ``ANY`` as gender or case matches every value (indeclinable words).

    >>> sorted(c[:3] for c in name_candidates("Кадирова") if c[3] >= 2)
    [('femn', 'nomn', 'Кадирова'), ('masc', 'accs', 'Кадиров'), ('masc', 'gent', 'Кадиров')]
    """
    return list(_name_candidates(word))


@lru_cache(maxsize=50_000)
def _name_candidates(word: str) -> tuple[tuple[str, str, str, float], ...]:
    out: list[tuple[str, str, str, float]] = [(ANY, ANY, word, 0.05)]  # keep as written
    if not _WORD.search(word) or _ABBREVIATION.match(word) or len(word) == 1:
        return tuple(out)
    lower = word.lower()
    lexicon = first_names()
    if lower in lexicon:
        gender = lexicon[lower]
        out.append((gender, "nomn", word, 4.0))
        if gender == "femn" and not lower.endswith(("а", "я")):
            out.append((gender, ANY, word, 4.0))
    surname_shaped = False
    for pattern, forms in ((_OV_SURNAME, _OV_FORMS), (_SKY_SURNAME, _SKY_FORMS)):
        m = pattern.match(word)
        if m and len(m.group(1)) >= 4:
            surname_shaped = True
            for gender, cases, nom_ending in forms[m.group(2).lower()]:
                for case in cases:
                    out.append((gender, case, _with_ending(m.group(1), nom_ending, word), 2.0))
    if _KAZAKH_FIXED.search(word):
        gender = "femn" if re.search(r"(?:қызы|кызы|гызы)$", lower) else "masc"
        out.append((gender, ANY, word, 3.0))
        return tuple(out)
    known = nlp.morph_analyzer().word_is_known(lower)
    name_parses = [p for p in nlp.parses(word) if p.tag.POS == "NOUN" and p.tag.number == "sing"
                   and {"Name", "Patr", "Surn"} & p.tag.grammemes]
    declinable = any("Fixd" not in p.tag.grammemes for p in name_parses)
    for p in name_parses:
        g = p.tag.grammemes
        if surname_shaped and "Name" in g and p.normal_form.endswith(("ова", "ева", "ёва")):
            continue  # "Токаева" is Токаев's, not a woman's first name
        gender = "femn" if "femn" in g else "masc" if "masc" in g else None
        if gender is None:
            continue
        form = p.inflect({"nomn", "sing"}) if "Fixd" not in g else None
        nominative = match_case(form.word, word) if form else word
        # pymorphy's own frequency separates "Дмитрия" (Дмитрий's) from a rare namesake;
        # an indeclinable foreign namesake ("Анне") yields to a declinable name.
        weight = 2.0 + p.score if known and ("Name" in g or "Patr" in g) else 1.5
        if "Fixd" in g and declinable:
            weight = 1.0
        case = str(p.tag.case) if p.tag.case else None
        if case in CASES or "Fixd" in g:
            out.append((gender, ANY if "Fixd" in g else case, nominative, weight))
    generic: list = []
    _add_generic(word, generic)
    # The lexicon confirms an ending-based reading: "Данияра" -> Данияр (masc).
    out.extend((g, c, nom, 4.0 if lexicon.get(nom.lower()) == g else w) for g, c, nom, w in generic)
    return tuple(out)


def _add_generic(word: str, out: list) -> None:
    """Weak readings by the word's ending alone, for names no dictionary knows."""
    m = _MASC_CONSONANT.match(word)
    if m:
        if m.group(1):
            for case in _CONSONANT_FORMS[m.group(2).lower()]:
                out.append(("masc", case, m.group(1), 0.5))
        elif m.group(3):
            out.append(("masc", "nomn", word, 0.5))
        elif m.group(4) and len(m.group(4)) >= 2:
            for case in _YOT_FORMS[m.group(5).lower()]:
                out.append(("masc", case, m.group(4) + match_case("й", m.group(5)), 0.5))
    if word[-1:].lower() not in "аяыиеуюй" and not word.lower().endswith("ой"):
        out.append(("femn", ANY, word, 0.4))  # "Асель", "Бибигуль Жексенбай" never change
    m = _FEMN_A.match(word)
    if m and len(m.group(1)) >= 2:
        for stem_end, case in _FEMN_A_FORMS[m.group(2).lower()]:
            out.append(("femn", case, m.group(1) + match_case(stem_end, m.group(2)), 0.4))


def _with_ending(stem: str, ending: str, original: str) -> str:
    return stem + (ending.upper() if original.isupper() else ending)


def person_reading(tokens: Sequence) -> tuple[str, str, list[str]]:
    """(gender, case, nominative words) of the best reading of a whole name.

    >>> person_reading(as_tokens("Данияра Кадирова"))
    ('masc', 'gent', ['Данияр', 'Кадиров'])
    """
    return person_readings(tokens)[0]


def person_readings(tokens: Sequence) -> list[tuple[str, str, list[str]]]:
    """Every consistent (gender, case, words) reading of a name, best first."""
    per_token = [_name_candidates(t.text) for t in tokens]
    scored = []
    for gender in GENDERS:
        for rank, case in enumerate(CASES):
            total, words = 0.0, []
            for cands in per_token:
                fits = [c for c in cands if c[0] in (gender, ANY) and c[1] in (case, ANY)]
                best = max(fits, key=lambda c: c[3])
                total += best[3]
                words.append(best[2])
            scored.append((-total, rank, gender, case, words))
    scored.sort(key=lambda s: s[:2])
    seen, out = set(), []
    for _, _, gender, case, words in scored:
        key = tuple(words)
        if key not in seen:
            seen.add(key)
            out.append((gender, case, words))
    return out


def person_nominative(tokens: Sequence) -> str:
    """A person's name in the nominative, one gender for the whole name.

    >>> person_nominative(as_tokens("Асель Мукановой"))
    'Асель Муканова'
    """
    return join_tokens(person_reading(tokens)[2], tokens)
