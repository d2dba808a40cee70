"""Statistics quoted by an article: value, unit, subject, qualifier, year, change.

One row per quoted figure. The numbers module finds the numeric expressions; this
module decides which of them are statistics and reads what the text says about them.
Words live in ``data/`` (``stat_*.txt|tsv``, ``currencies.tsv``); the rules are here:

- **unit**: a currency word or sign next to the number (``currencies.tsv``: KZT for
  тенге/тг/₸, RUB, USD, EUR, …), ``percent`` ("%", "процентов"; a fraction such as
  "треть" is a percentage too: 33.3), ``times`` ("в 6,5 раза", "вдвое"), else ``count``.
- **money without a currency word** takes the currency of the last money figure before
  it in the same article when it has a scale word, counts nothing and its sentence
  speaks of money (``stat_money_words.txt``: "перевело 70 миллионов" after an amount in
  tenge is tenge). Without an earlier currency it stays a count and, counting nothing,
  is dropped.
- **qualifier**: the words in front of (or, "с лишним", behind) the number
  (``stat_qualifiers.tsv``); the quote starts at them: "превысило 23 тыс.".
- **subject**: the noun phrase after the number ("около 2 тыс. социальных проектов"),
  else the complement of a counting noun earlier in the sentence ("Количество НПО …
  превысило 23 тыс.", ``stat_heads.txt``), or for money what it is spent on ("на
  реализацию социальных проектов выделено …", ``stat_purpose.txt``). It is lemmatized
  to the nominative singular with its adjectives agreed: "социальный проект",
  "активный волонтёр". An elliptical "более 18 тыс. – действующие" reuses the noun of
  the figure before it: "действующая НПО". When one bare noun follows the number
  directly, the quote takes it in: "более тысячи НПО", "свыше 400 госструктур".
- **category**: the subject looked up in ``stat_categories.tsv`` (whole phrase, then
  without its first words, then the head noun); money is ``grant`` when its subject
  is a grant and ``budget`` otherwise; ``other`` when nothing matches.
- **year**: a year phrase right after the figure ("с 224 в 2019 году", taken into
  the quote), else the one year phrase of the sentence ("В 2023 году выделено …"),
  except for the end point of a change. A second, elliptical change of a sentence
  ("…, а количество волонтёров – с 50 тысяч до 240 тысяч") inherits the years of
  the first one.
- **change_id / role**: "с X до Y" gives a change with roles ``from`` and ``to``;
  "на N" after a change word (``stat_change_verbs.tsv``) is its ``delta`` (negative
  for a decline), sharing the change_id of a "с X до Y" of the same verb; "до Y" after
  a change word alone is a ``to``. Ranges ("от 5 до 7 тыс.", "5–7 млн") share a
  change_id with roles ``min`` (qualifier more_than) and ``max`` (up_to).
- **not statistics**: dates and years standing alone, durations and ages ("10 лет",
  "105-летию"), times of day, phone and document numbers ("№ 55-р"), pages, view
  counters (a line that is only a number), list numbers, ordinals, small numbers in
  words without a scale ("два министерства"), and counts whose subject is not found.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon, nlp, numbers
from .nlp import NlpDoc, Token
from .numbers import Quantity

# ---------------------------------------------------------------- lexicons


@lru_cache(maxsize=None)
def _set(name: str) -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in lexicon.lines(name))


@lru_cache(maxsize=None)
def _table(name: str) -> dict[str, tuple[str, ...]]:
    return {(cols := ln.split("\t"))[0].strip().lower(): tuple(c.strip() for c in cols[1:])
            for ln in lexicon.lines(name)}


def currencies() -> dict[str, str]:
    """word, abbreviation or sign -> ISO code, from ``data/currencies.tsv``.

    >>> currencies()["тенге"], currencies()["$"]
    ('KZT', 'USD')
    """
    return {key: cols[0] for key, cols in _table("currencies.tsv").items()}


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е")


# ---------------------------------------------------------------- records


@dataclass(slots=True)
class _Figure:
    sent_id: int
    q: Quantity          # offsets already shifted to doc.text
    start: int
    stop: int
    value: float
    unit: str
    qualifier: str = "exact"
    subject: str | None = None
    head: Token | None = None       # the subject's noun, for elliptical reuse
    year: int | None = None
    year_own: bool = False
    change_id: int | None = None
    role: str | None = None
    scaled_money: bool = False


_CURRENCY_ABBR = {"руб", "долл", "тг", "р"}
_SIGNS = {"$", "€", "£", "₸", "₽"}
_DASH = {"-", "–", "—", "‒"}
_YEAR_AFTER = re.compile(
    r"[ \u00a0]+(?:в|за|на)[ \u00a0]+((?:18|19|20)\d\d)(?:[ \u00a0]+(?:году|год|года|г\.)|-м(?!\w))")
_YEAR_IN_SENTENCE = re.compile(
    r"(?<!\w)(?:в|за|на|по итогам)[ \u00a0]+((?:18|19|20)\d\d)(?:[ \u00a0]+(?:году|год|года|г\.)|-м(?!\w))",
    re.IGNORECASE)
_PLAIN_YEAR = re.compile(r"(?:18|19|20)\d\d")
_WINDOW = 40  # tokens searched back for a subject: a clause or two, never a whole giant line


def _sentence_initial(tok: Token) -> Token:
    """The first word of a sentence read as lower case when it is not a known name:
    a capital there is no sign of a name ("Волонтёров было 50 тысяч" is not a surname)."""
    if tok.pos != "PROPN" or tok.text.isupper() or not tok.text[:1].isupper():
        return tok
    lemma, pos, tag = nlp.lemma_pos(tok.text.lower())
    if pos in {"NOUN", "ADJ"} and nlp.morph_analyzer().word_is_known(tok.text.lower()):
        return Token(tok.sent_id, tok.token_id, tok.start, tok.stop, tok.text, lemma, pos, tag)
    return tok


class _Sentence:
    """Tokens of one sentence with lookups by offset."""

    def __init__(self, doc: NlpDoc, sent, toks: list[Token]):
        self.doc, self.sent = doc, sent
        self.toks = [_sentence_initial(toks[0])] + toks[1:] if toks else []
        self.starts = [t.start for t in self.toks]
        self.stops = [t.stop for t in self.toks]
        self.bare = sent.text.strip(" .:\u00a0")

    def after(self, pos: int) -> int:
        """Index of the first token starting at or after pos."""
        return bisect_left(self.starts, pos)

    def before(self, pos: int) -> int:
        """Index of the last token ending at or before pos (-1 if none)."""
        return bisect_right(self.stops, pos) - 1

    def gap(self, a: int, b: int) -> str:
        return self.doc.text[a:b]


# ---------------------------------------------------------------- morphology


def _is_adjective(tok: Token, following: Token | None = None) -> bool:
    """An adjective or participle; a word with an adjective reading counts as one in
    front of a noun ("некоммерческих организаций", whatever its likeliest parse)."""
    if tok.pos == "ADJ" or tok.tag.startswith("PRTF"):
        return True
    return following is not None and following.pos in {"NOUN", "PROPN"} and tok.text.isalpha() \
        and any(p.tag.POS == "ADJF" and "Apro" not in p.tag.grammemes for p in nlp.parses(tok.text.lower()))


def _is_pronoun_adjective(tok: Token) -> bool:
    """каждый, весь, этот, свой: they do not belong to what is counted."""
    return "Apro" in tok.tag or _norm(tok.lemma) in {"каждый", "весь", "свой", "этот", "такой", "который"}


def _is_noun(tok: Token) -> bool:
    if tok.pos == "NOUN":
        return True
    # abbreviations (НПО, НКО) count as nouns; names of people and places do not
    return tok.pos == "PROPN" and tok.text.isupper() and len(tok.text) >= 2 \
        and not ({"Name", "Surn", "Patr", "Geox"} & set(re.split(r"[ ,]", tok.tag)))


def _gender(noun: Token) -> str:
    table = nlp.domain_nouns()
    domain = table.get(noun.lemma) or table.get(noun.lemma.lower())
    if domain and domain[0] in {"masc", "femn", "neut"}:
        return domain[0]
    for parse in nlp.parses(noun.text):
        if parse.normal_form == noun.lemma and parse.tag.gender:
            return parse.tag.gender
    return "masc"


def _agreed(adj: Token, gender: str) -> str:
    """An adjective in the nominative singular of the noun's gender."""
    candidates = nlp.parses(adj.text.lower())
    best = next((p for p in candidates if p.tag.POS == "ADJF"), None) \
        or next((p for p in candidates if p.tag.POS == "PRTF"), None)
    if best is None:
        return adj.text.lower()
    form = best.inflect({"nomn", "sing", gender})
    return form.word if form else best.normal_form


def phrase_lemma(adjectives: list[Token], noun: Token) -> str:
    """The noun phrase lemmatized: adjectives agreed with the noun's nominative singular.

    >>> [d] = nlp.process([("d", "активных волонтеров")], ner=False)
    >>> phrase_lemma(d.tokens[:1], d.tokens[1])
    'активный волонтёр'
    """
    gender = _gender(noun)
    words = [_agreed(a, gender) for a in adjectives]
    return " ".join(words + [noun.lemma])


def _np_at(s: _Sentence, k: int, max_adjectives: int = 4) -> tuple[list[Token], Token, int] | None:
    """(adjectives, noun, index after) of a noun phrase starting at token k."""
    adjs = []
    while k < len(s.toks) and len(adjs) < max_adjectives and _is_adjective(
            s.toks[k], s.toks[k + 1] if k + 1 < len(s.toks) else None):
        if not _is_pronoun_adjective(s.toks[k]):
            adjs.append(s.toks[k])
        k += 1
    if k < len(s.toks) and _is_noun(s.toks[k]) and not _blocked_noun(s.toks[k]):
        return adjs, s.toks[k], k + 1
    return None


def _blocked_noun(tok: Token) -> bool:
    lemma = _norm(tok.lemma)
    return lemma in _set("stat_not_after.txt") or lemma in currencies() \
        or numbers.numeral(tok.text) is not None


def _complement(s: _Sentence, k: int) -> tuple[list[Token], Token, int] | None:
    """The noun phrase after a counting or purpose noun at k ("количество активных волонтеров")."""
    np = _np_at(s, k + 1)
    if np and _norm(np[1].lemma) in _set("stat_purpose.txt"):
        return _np_at(s, np[2]) or np
    return np


# ---------------------------------------------------------------- one figure


def _currency_around(s: _Sentence, q: Quantity) -> tuple[str, int, int] | None:
    """(code, start, stop) when a currency word follows or a sign precedes the number."""
    table = currencies()
    k = s.after(q.stop)
    if k < len(s.toks) and s.gap(q.stop, s.toks[k].start) in {"", " ", "\u00a0"}:
        tok = s.toks[k]
        code = table.get(tok.text.lower()) or table.get(_norm(tok.lemma))
        if code and (tok.text.lower() != "р" or (k + 1 < len(s.toks) and s.toks[k + 1].text == ".")):
            stop = tok.stop
            if tok.text.lower() in _CURRENCY_ABBR and k + 1 < len(s.toks) \
                    and s.toks[k + 1].text == "." and s.toks[k + 1].start == tok.stop:
                stop = s.toks[k + 1].stop
                k += 1
            row = _table("currencies.tsv").get(tok.text.lower()) or _table("currencies.tsv").get(_norm(tok.lemma))
            tail = row[1] if row and len(row) > 1 else ""
            if tail and k + 1 < len(s.toks) and s.toks[k + 1].text.lower() == tail \
                    and s.gap(stop, s.toks[k + 1].start) in {" ", "\u00a0"}:
                stop = s.toks[k + 1].stop  # "долларов США", "фунтов стерлингов"
            return code, q.start, stop
    b = s.before(q.start)
    if b >= 0 and s.toks[b].text in _SIGNS and s.gap(s.toks[b].stop, q.start) in {"", " ", "\u00a0"}:
        return table[s.toks[b].text], s.toks[b].start, q.stop
    return None


def _not_a_statistic(s: _Sentence, q: Quantity, money: bool) -> bool:
    text = s.doc.text
    quote = text[q.start:q.stop]
    if s.bare == quote:
        return True  # a line that is only a number: a view counter, a list number
    k = s.after(q.stop)
    b = s.before(q.start)
    nxt = s.toks[k] if k < len(s.toks) else None
    if nxt and not money and (_norm(nxt.lemma) in _set("stat_not_after.txt")
                              or _norm(nxt.text) in _set("stat_not_after.txt")):
        return True
    if b >= 0:
        prev = s.toks[b]
        key = prev.text.lower()
        if key == "." and b > 0 and s.toks[b - 1].stop == prev.start:
            key = s.toks[b - 1].text.lower() + "."
        if key in _set("stat_not_before.txt") or _norm(prev.lemma) in _set("stat_not_before.txt"):
            return True
    if q.kind == "fraction" and b >= 0 and (s.toks[b].text.lower() in {"в", "во"} or _is_adjective(s.toks[b])):
        return True  # "в половине десятого", "во второй половине дня": a time, not a share
    if q.start == s.sent.start and nxt and nxt.text in {".", ")"} and nxt.start == q.stop:
        return True  # "1." / "1)" at the head of a list item
    if q.kind == "number" and not q.scaled and not money and _PLAIN_YEAR.fullmatch(quote):
        # a year standing alone, unless a counted noun follows ("2000 грантов")
        return not (nxt and _is_noun(nxt) and nxt.start - q.stop <= 1)
    return False


def _qualifier(s: _Sentence, start: int, stop: int) -> tuple[str, int, int]:
    """(qualifier, new start, new stop) from the words around a figure."""
    table = _table("stat_qualifiers.tsv")
    b = s.before(start)
    for n in (3, 2, 1):
        if b - n + 1 < 0:
            continue
        words = s.toks[b - n + 1:b + 1]
        phrase = " ".join(t.text.lower() for t in words)
        hit = table.get(phrase)
        if hit and hit[1] == "before" and phrase != "до":
            return hit[0], words[0].start, stop
    if b >= 0:
        lemma_hit = table.get(_norm(s.toks[b].lemma))
        if lemma_hit and lemma_hit[1] == "before" and s.toks[b].text.lower() != "до":
            return lemma_hit[0], s.toks[b].start, stop
    k = s.after(stop)
    if k + 1 < len(s.toks):
        phrase = f"{s.toks[k].text.lower()} {s.toks[k + 1].text.lower()}"
        hit = table.get(phrase)
        if hit and hit[1] == "after":
            return hit[0], start, s.toks[k + 1].stop
    return "exact", start, stop


def _change_word(s: _Sentence, pos: int, window: int = 10) -> tuple[int, int] | None:
    """(token index, direction) of the nearest change word before pos, within a window."""
    table = _table("stat_change_verbs.tsv")
    b = s.before(pos)
    for k in range(b, max(-1, b - window), -1):
        tok = s.toks[k]
        if tok.text in {";", "."}:
            return None
        hit = table.get(_norm(tok.lemma))
        if hit:
            return k, int(hit[0])
    return None


def _word_before(s: _Sentence, pos: int) -> Token | None:
    b = s.before(pos)
    return s.toks[b] if b >= 0 else None


def _subject_after(s: _Sentence, stop: int, money: bool) -> tuple[list[Token], Token, int] | None:
    k = s.after(stop)
    if money:
        if k < len(s.toks) and s.toks[k].text.lower() == "на":
            np = _np_at(s, k + 1)
            if np and _norm(np[1].lemma) in _set("stat_purpose.txt"):
                return _np_at(s, np[2]) or np
            return np
        return None
    np = _np_at(s, k)
    if np and _norm(np[1].lemma) in _set("stat_heads.txt"):
        return _complement(s, np[2] - 1)
    return np


def _subject_before(s: _Sentence, start: int, money: bool) -> tuple[list[Token], Token, int] | None:
    """The complement of the nearest counting noun (or, for money, "на" + purpose) before."""
    heads = _set("stat_heads.txt")
    b = s.before(start)
    if money and b >= 1 and _norm(s.toks[b].lemma) in heads:
        # "гранты на (общую) сумму 5 млн тенге": what the sum is of stands before "на"
        k = b - 1
        while k >= 0 and _is_adjective(s.toks[k]):
            k -= 1
        if k >= 1 and s.toks[k].text.lower() == "на":
            found = _np_ending_at(s, k - 1)
            if found:
                return found
    for k in range(b, max(-1, b - _WINDOW), -1):
        tok = s.toks[k]
        if _norm(tok.lemma) in heads and tok.pos == "NOUN":
            found = _complement(s, k)
            if found:
                return found
        if money and tok.text.lower() == "на":
            np = _np_at(s, k + 1)
            if np and _norm(np[1].lemma) in _set("stat_purpose.txt"):
                np = _np_at(s, np[2]) or np
            if np and np[2] <= s.before(start) + 1:
                return np
    return None


def _genitive_before(s: _Sentence, start: int) -> tuple[list[Token], Token, int] | None:
    """A plural genitive noun earlier in the clause, not after a preposition:
    "Волонтёров было 50 тысяч", "грантов тогда было 80"."""
    b = s.before(start)
    for k in range(b, max(-1, b - _WINDOW), -1):
        tok = s.toks[k]
        if tok.pos == "PUNCT" and tok.text not in {"«", "»", '"'}:
            return None  # the clause ends here
        if tok.pos in {"NOUN", "PROPN"} and _is_noun(tok) and "gent" in tok.tag and "plur" in tok.tag:
            found = _np_ending_at(s, k)
            first = k - len(found[0]) if found else k
            if found and not (first > 0 and s.toks[first - 1].pos == "ADP"):
                return found
            return None
    return None


def _np_ending_at(s: _Sentence, k: int) -> tuple[list[Token], Token, int] | None:
    """(adjectives, noun, index after) of a noun phrase whose noun is token k."""
    if k < 0 or not _is_noun(s.toks[k]) or _blocked_noun(s.toks[k]):
        return None
    j = k
    while j - 1 >= 0 and _is_adjective(s.toks[j - 1], s.toks[j]) and k - j < 4:
        j -= 1
    adjs = [t for t in s.toks[j:k] if not _is_pronoun_adjective(t)]
    return adjs, s.toks[k], k + 1


def _ellipsis(s: _Sentence, stop: int) -> list[Token] | None:
    """Adjectives without a noun after a dash: "более 18 тыс. – действующие"."""
    k = s.after(stop)
    if k < len(s.toks) and s.toks[k].text in _DASH:
        adjs = []
        k += 1
        while k < len(s.toks) and _is_adjective(s.toks[k]):
            adjs.append(s.toks[k])
            k += 1
        if adjs and not (k < len(s.toks) and _is_noun(s.toks[k])):
            return adjs
    return None


@lru_cache(maxsize=4096)
def category(subject: str | None, unit: str = "count") -> str:
    """Category of a subject from ``data/stat_categories.tsv``.

    >>> category("активный волонтёр"), category("НПО"), category("социальный проект", "KZT")
    ('volunteer', 'ngo', 'budget')
    """
    table = _table("stat_categories.tsv")
    found = "other"
    if subject:
        words = _norm(subject).split()
        for i in range(len(words)):
            hit = table.get(" ".join(words[i:]))
            if hit:
                found = hit[0]
                break
    if unit not in {"count", "percent", "times"}:
        return "grant" if found == "grant" else "budget"
    return found


# ---------------------------------------------------------------- a sentence


def _sentence_figures(s: _Sentence, next_change: list[int]) -> list[_Figure]:
    text = s.doc.text
    base = s.sent.start
    local = numbers.find(s.sent.text)
    quantities = [Quantity(q.start + base, q.stop + base, q.value, q.kind, q.scaled, q.words, q.borrowed)
                  for q in local]
    pair_of: dict[int, tuple[int, str, str]] = {}
    for low, high, marker in numbers.pairs(s.sent.text, local):
        pair_of[low] = (high, marker, "low")
        pair_of[high] = (low, marker, "high")

    figures: dict[int, _Figure] = {}
    for i, q in enumerate(quantities):
        money = _currency_around(s, q) if q.kind == "number" else None
        if _not_a_statistic(s, q, money is not None):
            continue
        if q.kind == "factor":
            unit, value = "times", q.value
        elif q.kind == "percent":
            unit, value = "percent", q.value
        elif q.kind == "fraction":
            unit, value = "percent", round(q.value * 100, 4)
        else:
            unit, value = (money[0] if money else "count"), q.value
        start, stop = (money[1], money[2]) if money else (q.start, q.stop)
        fig = _Figure(s.sent.sent_id, q, start, stop, value, unit, scaled_money=q.scaled)
        pair = pair_of.get(i)
        if pair:
            partner, marker, side = pair
            word = _word_before(s, q.start)
            if word is not None and word.text.lower() in {"с", "со", "от", "до", "по"}:
                fig.start = word.start
            if marker == "с":
                fig.role = "from" if side == "low" else "to"
            else:
                fig.role = "min" if side == "low" else "max"
                fig.qualifier = "more_than" if side == "low" else "up_to"
        else:
            word = _word_before(s, q.start)
            if word is not None and word.text.lower() == "на" and _change_word(s, word.start):
                fig.role, fig.start = "delta", word.start
                if _change_word(s, word.start)[1] < 0:
                    fig.value = -fig.value
            elif word is not None and word.text.lower() == "до":
                fig.start = word.start
                if _change_word(s, word.start):
                    fig.role = "to"
                else:
                    fig.qualifier = "up_to"
            else:
                fig.qualifier, fig.start, fig.stop = _qualifier(s, fig.start, fig.stop)
        if q.words and not q.scaled and q.kind == "number" and q.value < 10 \
                and fig.qualifier == "exact" and fig.role is None:
            continue  # "два министерства", "три направления": prose, not statistics
        # a year phrase right after the figure belongs to it: "с 224 в 2019 году"
        m = _YEAR_AFTER.match(text, fig.stop, s.sent.stop)
        if m:
            fig.year, fig.year_own, fig.stop = int(m.group(1)), True, m.end()
        figures[i] = fig

    # the two ends of a range or change share a currency: "от 5 до 7 тыс. долларов"
    for i, fig in figures.items():
        partner = figures.get(pair_of[i][0]) if i in pair_of else None
        if partner is not None and fig.unit == "count" and partner.unit not in {"count", "percent", "times"}:
            fig.unit = partner.unit
    _subjects(s, figures, pair_of)
    _changes(s, figures, pair_of, next_change)
    _years(s, figures, pair_of)
    return [figures[i] for i in sorted(figures)]


def _subjects(s, figures, pair_of) -> None:
    previous_head: Token | None = None
    for i in sorted(figures):
        fig = figures[i]
        money = fig.unit not in {"count", "percent", "times"}
        found = None
        if fig.unit != "times":
            q_stop = fig.stop if money or not fig.year_own else fig.q.stop
            found = _subject_after(s, q_stop, money)
            if found and not money and (fig.unit == "count" or fig.q.kind == "fraction") and not found[0] \
                    and s.gap(q_stop, found[1].start) in {" ", "\u00a0"}:
                fig.stop = found[1].stop  # "более тысячи НПО": the bare noun joins the quote
        if found is None and fig.unit == "count" and previous_head is not None:
            adjs = _ellipsis(s, fig.stop)
            if adjs:
                fig.subject = phrase_lemma(adjs, previous_head)
                fig.head = previous_head
                continue
        if found is None:
            found = _subject_before(s, fig.start, money)
        if found is None and fig.unit == "count":
            found = _genitive_before(s, fig.start)
        if found:
            fig.subject = phrase_lemma(found[0], found[1])
            fig.head = found[1]
            previous_head = found[1]
    # the two ends of a change or range count the same thing
    for i, fig in figures.items():
        if fig.subject is None and i in pair_of and pair_of[i][0] in figures:
            other = figures[pair_of[i][0]]
            fig.subject, fig.head = other.subject, other.head


def _changes(s, figures, pair_of, next_change: list[int]) -> None:
    """change_id for pairs and deltas; a delta and a "с X до Y" of the same change word
    ("выросло на 40%, с 250 до 350") share one, two pairs never do."""
    waiting = {"pair": {}, "delta": {}}  # change word index -> change_id without its partner

    def assign(kind: str, word) -> int:
        other = "delta" if kind == "pair" else "pair"
        if word is not None and word[0] in waiting[other]:
            return waiting[other].pop(word[0])
        change = next_change[0]
        next_change[0] += 1
        if word is not None:
            waiting[kind][word[0]] = change
        return change

    for i in sorted(figures):
        fig = figures[i]
        if fig.change_id is not None:
            continue
        if fig.role in {"from", "min"}:
            change = assign("pair", _change_word(s, fig.start) if fig.role == "from" else None)
            fig.change_id = change
            if pair_of[i][0] in figures:
                figures[pair_of[i][0]].change_id = change
        elif fig.role in {"delta", "to"}:
            fig.change_id = assign("delta" if fig.role == "delta" else "pair", _change_word(s, fig.start))


def _years(s, figures, pair_of) -> None:
    text = s.doc.text
    claimed = [(f.start, f.stop) for f in figures.values() if f.year_own]
    free = {int(m.group(1)) for m in _YEAR_IN_SENTENCE.finditer(text, s.sent.start, s.sent.stop)
            if not any(a <= m.start() < b for a, b in claimed)}
    first_from: _Figure | None = None
    first_to: _Figure | None = None
    for i in sorted(figures):
        fig = figures[i]
        if fig.year is not None:
            pass
        elif fig.role in {"from", "to"}:
            # an elliptical second change inherits the years of the first one
            model = first_from if fig.role == "from" else first_to
            if model is not None and model.change_id != fig.change_id and model.year is not None:
                fig.year = model.year
        elif len(free) == 1:
            fig.year = next(iter(free))
        if fig.role == "from" and first_from is None:
            first_from = fig
        if fig.role == "to" and first_to is None:
            first_to = fig


# ---------------------------------------------------------------- the article


def extract(doc: NlpDoc) -> list[dict]:
    """Stats rows (sent_id, start, stop, quote, value, unit, subject, …) of one article.

    >>> [d] = nlp.process([("d", "Количество НПО превысило 23 тыс., а на гранты выделено 2 млрд тенге.")], ner=False)
    >>> [(r["quote"], r["value"], r["unit"], r["subject"], r["qualifier"]) for r in extract(d)]
    [('превысило 23 тыс.', 23000.0, 'count', 'НПО', 'more_than'), ('2 млрд тенге', 2000000000.0, 'KZT', 'грант', 'exact')]
    """
    by_sentence: dict[int, list[Token]] = {}
    for tok in doc.tokens:
        by_sentence.setdefault(tok.sent_id, []).append(tok)
    next_change = [0]
    rows: list[dict] = []
    last_currency: str | None = None
    for group in _rejoin(doc):
        sent = group[0] if len(group) == 1 else nlp.Sentence(
            group[0].sent_id, group[0].start, group[-1].stop, doc.text[group[0].start:group[-1].stop])
        if not any(ch.isdigit() for ch in sent.text) and not _may_hold_words(sent.text):
            continue
        s = _Sentence(doc, sent, [t for part in group for t in by_sentence.get(part.sent_id, [])])
        lemmas = {_norm(t.lemma) for t in s.toks}
        for fig in _sentence_figures(s, next_change):
            if fig.unit == "count" and fig.subject is None and last_currency and fig.scaled_money \
                    and lemmas & _set("stat_money_words.txt"):
                fig.unit = last_currency  # "перевело 70 миллионов" after an amount in tenge
            if fig.unit not in {"count", "percent", "times"}:
                last_currency = fig.unit
            elif fig.subject is None and fig.unit == "count":
                continue  # a count of nothing said is not a statistic
            if fig.q.kind == "fraction" and fig.subject is None:
                continue
            if not math.isfinite(float(fig.value)):
                continue  # a run of digits too long for a float is noise, not a figure
            fig.sent_id = next(part.sent_id for part in reversed(group) if part.start <= fig.start)
            rows.append(_row(doc, fig))
    rows.sort(key=lambda r: (r["start"], r["stop"]))
    return rows


_ABBREVIATION_END = re.compile(r"(?:тыс|млн|млрд|трлн|руб|долл|тг|млн\. руб|тыс\. руб)\.$")


def _rejoin(doc: NlpDoc) -> list[list]:
    """Sentences, with those the segmenter cut after a scale abbreviation glued back:
    "более 18 тыс. НКО" is one sentence, though razdel ends one at "тыс." before a capital."""
    groups: list[list] = []
    for sent in doc.sentences:
        if groups and _ABBREVIATION_END.search(groups[-1][-1].text) \
                and "\n" not in doc.text[groups[-1][-1].stop:sent.start]:
            groups[-1].append(sent)
        else:
            groups.append([sent])
    return groups


_NUMBER_WORD_STEMS = re.compile(
    r"тысяч|миллион|миллиард|триллион|полтор|полутор|половин|трет|четверт|вдвое|втрое|вчетверо|впятеро|вдесятеро"
    r"|сто|ста|двест|трист|сот|десят|дцат|сорок|девяност|два|двух|дв|три|трех|трёх|четыр|пят|шест|сем|восем|девят",
    re.IGNORECASE)


def _may_hold_words(text: str) -> bool:
    """Cheap pre-check: could the sentence hold a number written in words?"""
    return _NUMBER_WORD_STEMS.search(text) is not None


def _row(doc: NlpDoc, fig: _Figure) -> dict:
    return {
        "sent_id": fig.sent_id, "start": fig.start, "stop": fig.stop,
        "quote": doc.text[fig.start:fig.stop], "value": float(fig.value), "unit": fig.unit,
        "subject": fig.subject, "category": category(fig.subject, fig.unit),
        "qualifier": fig.qualifier, "year": fig.year, "change_id": fig.change_id, "role": fig.role,
    }
