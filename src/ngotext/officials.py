"""People with the positions they hold and the organizations of those positions.

One article in, ``people`` rows out. The steps, each a small function:

1. ``title_phrases``: in every sentence, a *title phrase* is a position word from
   ``data/positions.txt`` (or a compound of one: вице-/экс-/зам-), the adjectives before
   it ("первый заместитель") and its complement after it: genitive words, abbreviations,
   quoted names, whole ORG/LOC entities, "и" between genitives, "по" + dative
   ("председатель комитета по бюджету").
2. ``link``: a phrase right before a person's name ("президент ГАК Бану Нургазиева"),
   or after the name and a comma, dash or bracket ("Иван Петров, директор фонда"),
   belongs to that person; phrases joined by a comma, "и" or a dash before/after the
   same name form a chain ("депутат Сената, вице-президент ГАК Бибигуль Жексенбай");
   a plural title before a list of names is each one's; then predicates ("Петров был
   назначен министром"). ``_antecedent``: a title left without a name refers back to
   the nearest person before it in its sentence, or in the sentence before when it opens
   its own ("Певец скончался днём") or follows "он был".
3. ``split_org``: the title keeps the position and its own complement up to the first
   ORG entity; that entity's canonical name is the org. A unit (секретариат, комитет …)
   at the start of the entity stays in the title and the organization named after it
   is the org. Without an ORG, an org is derived from the title when the position
   heads an institution (вице-министр культуры → Министерство культуры).

One row per (person, title): when a pair is found several times, the mention where
title and name are adjacent gives the offsets. People and organizations come from the
``entities`` rows.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon, nlp, normalize
from .nlp import NlpDoc, Token

_QUOTES_OPEN = {"«", '"', "„", "“", "''"}
_QUOTES_CLOSE = {"»", '"', "“", "”", "''"}
_DASHES = {"-", "–", "—"}
_JOINERS = {",", "и"} | _DASHES
_MAX_TAIL = 14  # tokens in a complement; longer ones are lists, not titles


# ---------------------------------------------------------------- lexicons

@dataclass(frozen=True, slots=True)
class Position:
    lemma: str
    kind: str            # position or profession
    institution: str | None
    needs_complement: bool


@lru_cache(maxsize=None)
def positions() -> dict[str, Position]:
    """lemma -> Position, from ``data/positions.txt``.

    >>> positions()["министр"].institution
    'Министерство'
    >>> positions()["журналист"].kind
    'profession'
    """
    table = {}
    for line in lexicon.lines("positions.txt"):
        lemma, kind, institution, needs = (line.split("\t") + ["-"] * 4)[:4]
        table[lemma] = Position(lemma, kind, None if institution == "-" else institution,
                                needs == "complement")
    return table


@lru_cache(maxsize=None)
def _units() -> frozenset[str]:
    return frozenset(lexicon.lines("position_units.txt"))


@lru_cache(maxsize=None)
def _prefixes() -> tuple[str, ...]:
    # Longest first, so that "врио-" is tried before a shorter prefix.
    return tuple(sorted(lexicon.lines("position_prefixes.txt"), key=len, reverse=True))


@lru_cache(maxsize=50_000)
def position_of(lemma: str) -> Position | None:
    """The lexicon entry a lemma is, or is a compound of (вице-, экс-, зам-).

    >>> position_of("экс-губернатор").lemma
    'губернатор'
    >>> position_of("вице-министр").institution
    'Министерство'
    >>> position_of("стол") is None
    True
    """
    lemma = lemma.lower().replace("ё", "е")
    table = _positions_folded()
    if lemma in table:
        return table[lemma]
    if "-" in lemma:
        # "писатель-фронтовик", "хип-хоп-исполнитель": a known word inside a compound.
        first, last = lemma.split("-", 1)[0], lemma.rsplit("-", 1)[1]
        for part in (first, last):
            if part in table:
                return table[part]
    for prefix in _prefixes():
        if lemma.startswith(prefix) and len(lemma) > len(prefix) + 2:
            rest = lemma[len(prefix):]
            if rest in table:
                return table[rest]
            # Abbreviated compounds name the base in the genitive: "замминистра".
            base = nlp.lemma_pos(rest)[0].replace("ё", "е")
            if base in table:
                return table[base]
    return None


@lru_cache(maxsize=None)
def _positions_folded() -> dict[str, Position]:
    return {lemma.replace("ё", "е"): pos for lemma, pos in positions().items()}


@lru_cache(maxsize=None)
def _not_titles() -> frozenset[str]:
    return frozenset(lexicon.lines("position_not_titles.txt"))


def _unlisted(token: Token, initial: bool = False) -> Position | None:
    """An animate common noun outside the lexicon ("языковед"), kind "unlisted"; it only
    counts as a title next to a name. Relations and generic people are excluded.
    ``initial``: the word opens its sentence, so a capital says nothing ("Нейрохирург …")."""
    if token.pos != "NOUN" or not (token.text[:1].islower() or initial):
        return None
    parse = nlp.parses(token.text)[0]
    if "anim" not in parse.tag or {"Name", "Surn", "Patr", "Abbr"} & parse.tag.grammemes:
        return None
    if parse.normal_form in _not_titles() or token.lemma in _not_titles():
        return None
    return Position(parse.normal_form, "unlisted", None, False)


def title_kind(title: str | None) -> str | None:
    """'position' or 'profession' for a title of the people frame (None if unknown).

    Lets a user keep official positions only: ``people[people.title.map(title_kind) == "position"]``.

    >>> title_kind("вице-министр культуры и информации"), title_kind("актриса")
    ('position', 'profession')
    """
    if not title:
        return None
    for word in title.split():
        lemma = nlp.lemma_pos(word)[0]
        found = position_of(lemma)
        if found is not None:
            return found.kind
    return None


# ---------------------------------------------------------------- morphology helpers

def _has_case(token: Token, case: str) -> bool:
    return any(case in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR", "NPRO")
               for p in nlp.parses(token.text))


def _is_abbreviation(token: Token) -> bool:
    word = token.text
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _is_name_word(token: Token) -> bool:
    """A capitalized word that morphology takes for a first name, surname or patronymic."""
    return token.text[:1].isupper() and any(
        {"Name", "Surn", "Patr"} & p.tag.grammemes for p in nlp.parses(token.text)[:2])


# ---------------------------------------------------------------- title phrases

@dataclass(slots=True)
class Phrase:
    """A title phrase: token indices [first, stop) inside one sentence's token list."""

    first: int
    head: int
    stop: int
    position: Position


class _Spans:
    """Entity rows of one sentence, indexed by the token they start/cover."""

    def __init__(self, tokens: list[Token], rows: list[dict]):
        self.start_at: dict[int, tuple[int, dict]] = {}
        self.inside: dict[int, dict] = {}
        for row in rows:
            idx = [i for i, t in enumerate(tokens) if t.start < row["stop"] and row["start"] < t.stop]
            if not idx:
                continue
            self.start_at.setdefault(idx[0], (idx[-1] + 1, row))
            for i in idx:
                self.inside.setdefault(i, row)


def _quoted_stop(tokens: list[Token], i: int) -> int | None:
    """Index after the closing quote of a quoted name opening at ``i``."""
    for j in range(i + 1, min(len(tokens), i + 12)):
        if tokens[j].text in _QUOTES_CLOSE:
            return j + 1
    return None


def _tail_stop(tokens: list[Token], i: int, spans: _Spans) -> int:
    """End of the complement that starts at token ``i``."""
    limit = min(len(tokens), i + _MAX_TAIL)
    stop = i
    while stop < limit:
        tok = tokens[stop]
        row = spans.inside.get(stop)
        if row is not None and row["type"] == "PER":
            break
        if stop in spans.start_at:
            end, row = spans.start_at[stop]
            if row["type"] == "PER":
                break
            stop = end
            continue
        if tok.text in _QUOTES_OPEN and (quoted := _quoted_stop(tokens, stop)):
            stop = quoted
            continue
        if tok.text == "и" and stop > i and stop + 1 < limit and _genitive_word(tokens[stop + 1], spans, stop + 1):
            stop += 1
            continue
        if tok.text == "от" and stop > i and stop + 1 < limit and _genitive_word(tokens[stop + 1], spans, stop + 1):
            stop += 1  # "член Совета Федерации от Республики Алтай"
            continue
        if tok.text == "по" and stop + 1 < limit and _has_case(tokens[stop + 1], "datv"):
            stop += 2
            while stop < limit and tokens[stop].pos in ("NOUN", "ADJ") and _has_case(tokens[stop], "datv"):
                stop += 1
            continue
        if _genitive_word(tok, spans, stop):
            if stop > i and stop + 1 < len(tokens) and _starts_person(spans, stop + 1) \
                    and tok.pos == "NOUN" and position_of(tok.lemma):
                break  # "главы МВД полковника Игоря Шуневича": the last title is the name's own
            stop += 1
            continue
        break
    return stop


def _starts_person(spans: _Spans, i: int) -> bool:
    return i in spans.start_at and spans.start_at[i][1]["type"] == "PER"


def _genitive_word(tok: Token, spans: _Spans, i: int) -> bool:
    if i in spans.inside and spans.inside[i]["type"] == "PER":
        return False
    if i not in spans.inside and _is_name_word(tok) and tok.pos == "PROPN":
        return False  # an unrecognized name ("Данияра") is not a complement
    if _is_abbreviation(tok):
        return True
    return tok.pos in ("NOUN", "ADJ", "PROPN", "NUM") and _has_case(tok, "gent")


def title_phrases(tokens: list[Token], entity_rows: list[dict]) -> list[Phrase]:
    """Title phrases of one sentence, left to right, not overlapping.

    >>> [doc] = nlp.process([("d", "Выступил вице-министр культуры Иван Петров.")], ner=False)
    >>> [(doc.tokens[p.first].text, doc.tokens[p.stop - 1].text) for p in title_phrases(doc.tokens, [])]
    [('вице-министр', 'культуры')]
    """
    spans = _Spans(tokens, entity_rows)
    phrases: list[Phrase] = []
    quote_depth = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.text in _QUOTES_OPEN and tok.text not in _QUOTES_CLOSE:
            quote_depth += 1
        elif tok.text in _QUOTES_CLOSE and tok.text not in _QUOTES_OPEN:
            quote_depth = max(0, quote_depth - 1)
        position = None
        if quote_depth == 0 and i not in spans.inside and tok.pos in ("NOUN", "ADJ", "PROPN"):
            position = position_of(tok.lemma) or _unlisted(tok, i == 0 or tokens[i - 1].text in _QUOTES_OPEN)
        if position is None:
            i += 1
            continue
        first = i
        floor = phrases[-1].stop if phrases else 0
        while first - 1 >= floor and tokens[first - 1].pos == "ADJ" and first - 1 not in spans.inside \
                and not tokens[first - 1].text.isupper():
            first -= 1
        stop = _tail_stop(tokens, i + 1, spans)
        if position.needs_complement and stop == i + 1:
            i += 1
            continue
        phrases.append(Phrase(first, i, stop, position))
        i = stop
    return phrases


# ---------------------------------------------------------------- title, org

def _nominative(tokens: list[Token]) -> str:
    """The title phrase in the nominative, without a sentence-initial capital."""
    text = normalize.phrase_nominative(tokens)
    first = tokens[0].text
    if first[:1].isupper() and not first.isupper():
        text = text[:1].lower() + text[1:]
    return text


def _org_name(tokens: list[Token]) -> str:
    return normalize.phrase_nominative(tokens)


@dataclass(slots=True)
class Title:
    first: int          # token indices of the title text within the sentence
    stop: int
    org: str | None
    phrase: Phrase


def split_org(tokens: list[Token], phrase: Phrase, entity_rows: list[dict],
              org_canonical: dict[str, str]) -> Title:
    """Cut a title phrase into the title proper and the organization of the position."""
    spans = _Spans(tokens, entity_rows)
    for i in range(phrase.head + 1, phrase.stop):
        if i in spans.start_at and spans.start_at[i][1]["type"] == "ORG":
            end, row = spans.start_at[i]
            unit_end = _unit_end(tokens, i, end)
            if unit_end is not None and unit_end < end:
                inner = _inner_org(tokens, unit_end, end, entity_rows)
                return Title(phrase.first, unit_end, inner, phrase)
            if unit_end == end and end in spans.start_at and spans.start_at[end][1]["type"] == "ORG":
                # The unit and its organization as two entities: "секретариата" + "Ассамблеи …".
                outer = spans.start_at[end][1]
                outer_end = spans.start_at[end][0]
                return Title(phrase.first, end, outer.get("canonical") or _org_name(tokens[end:outer_end]), phrase)
            cut = i
            while cut > phrase.head + 1 and tokens[cut - 1].text in _QUOTES_OPEN:
                cut -= 1  # «Милосердие»: the quote belongs to the name
            return Title(phrase.first, cut, row.get("canonical") or row.get("normal") or _org_name(tokens[i:end]), phrase)
        tok = tokens[i]
        if _is_abbreviation(tok) and i not in spans.inside:
            # An abbreviation the NER missed ("президент ГАК"): resolve through the
            # article's ORG entities, or keep the letters.
            return Title(phrase.first, i, org_canonical.get(tok.text, tok.text), phrase)
        if i in spans.start_at and spans.start_at[i][1]["type"] == "LOC":
            break  # "президент России": a country is not an organization
    return Title(phrase.first, phrase.stop, _derived_org(tokens, phrase), phrase)


def _unit_end(tokens: list[Token], i: int, end: int) -> int | None:
    """End of a leading unit noun phrase (Генерального секретариата) inside an ORG [i, end)."""
    k = i
    while k < end and tokens[k].pos == "ADJ":
        k += 1
    if k < end and tokens[k].lemma.lower() in _units() and (k + 1 == end or tokens[k + 1].text[:1].isupper()):
        return k + 1
    return None


def _inner_org(tokens: list[Token], start: int, end: int, entity_rows: list[dict]) -> str:
    for row in entity_rows:
        if row["type"] == "ORG" and row["start"] == tokens[start].start and row["stop"] <= tokens[end - 1].stop:
            return row.get("canonical") or _org_name(tokens[start:end])
    return _org_name(tokens[start:end])


def _derived_org(tokens: list[Token], phrase: Phrase) -> str | None:
    """Institution + complement: вице-министр культуры и информации → Министерство культуры и информации."""
    if phrase.position.institution is None or phrase.stop <= phrase.head + 1:
        return None
    tail = tokens[phrase.head + 1: phrase.stop]
    return f"{phrase.position.institution} {_span_text(tail)}"


def _span_text(tokens: list[Token]) -> str:
    out = tokens[0].text
    for prev, tok in zip(tokens, tokens[1:]):
        out += (" " if tok.start > prev.stop else "") + tok.text
    return out


# ---------------------------------------------------------------- linking

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _cases(token: Token, proper: bool) -> set[str]:
    """Cases a word can be in (for a name: only its name parses)."""
    out = set()
    for p in nlp.parses(token.text):
        # A guess for an unknown word ("Мендонса", "Бейонсе") says nothing about its case,
        # nor does a plural reading ("Сейтов" as the genitive plural of "Сейт").
        if proper and not ({"Name", "Surn", "Patr"} & p.tag.grammemes and p.is_known and "sing" in p.tag):
            continue
        if not proper and p.tag.POS != "NOUN":
            continue
        out.update(c for c in _CASES if c in p.tag)
    return out


def _name_cases(tokens: list[Token], first: int, last: int) -> set[str] | None:
    """Cases a name can be in, None when morphology cannot tell (foreign, indeclinable)."""
    for k in range(first, last + 1):
        cases = _cases(tokens[k], proper=True)
        if cases and len(cases) < len(_CASES):
            return cases
    return None


def _is_plural(token: Token) -> bool:
    nouns = [p for p in nlp.parses(token.text) if p.tag.POS == "NOUN"]
    return bool(nouns) and all("plur" in p.tag for p in nouns)


def _agrees(tokens: list[Token], phrase: Phrase, first: int, last: int) -> bool:
    """Apposition agrees in case: "министра Ивана Петрова", not "дочь капитана Анна"."""
    name = _name_cases(tokens, first, last)
    title = _cases(tokens[phrase.head], proper=False)
    return name is None or not title or bool(name & title)


def _inner_phrase(tokens: list[Token], phrase: Phrase, first: int, last: int) -> Phrase | None:
    """A position inside another title's complement that agrees with the name after it:
    "пресс-секретарю экс-президента США Билла Клинтона" → "экс-президента США"."""
    for k in range(phrase.stop - 1, phrase.head, -1):
        position = position_of(tokens[k].lemma) if tokens[k].pos == "NOUN" else None
        if position is not None:
            inner = Phrase(k, k, phrase.stop, position)
            while inner.first - 1 > phrase.head and tokens[inner.first - 1].pos == "ADJ":
                inner.first -= 1
            return inner if _agrees(tokens, inner, first, last) else None
    return None


_PREDICATES = frozenset({"быть", "стать", "являться", "работать", "служить", "назначить",
                         "назначать", "избрать", "избираться", "занимать", "занять",
                         "возглавлять", "остаться", "оставаться", "числиться", "трудиться",
                         "утвердить", "выбрать", "пост", "должность",
                         "выступить", "выступать", "проработать", "устроиться", "именоваться",
                         "считаться", "оказаться", "переизбрать", "признать", "называть", "назвать"})


def _is_predicate(token: Token) -> bool:
    """A word that links a name to an instrumental title (был, стал, назначен, работал …).
    Any verb at all was measured on NEREL train: as many wrong links as right ones."""
    return token.lemma in _PREDICATES


def _predicate_phrase(tokens: list[Token], phrases: list[Phrase], last: int,
                      used: set[int], names_at: set[int]) -> Phrase | None:
    """A title the sentence predicates of the name before it: "Иванов был министром
    финансов", "Петрова назначили директором", "Сидоров занимал пост главы района"."""
    seen_predicate = False
    for k in range(last + 1, min(len(tokens), last + 10)):
        if k in names_at or tokens[k].text in {".", ";", "?", "!"}:
            return None
        if _is_predicate(tokens[k]):
            seen_predicate = True
            continue
        phrase = next((p for p in phrases if p.first == k), None)
        if phrase is not None:
            head_cases = _cases(tokens[phrase.head], proper=False)
            after_post = tokens[k - 1].lemma in {"пост", "должность"}
            # "с министром" is company, not a post: no preposition before the instrumental.
            if seen_predicate and id(phrase) not in used and (
                    ("ablt" in head_cases and tokens[k - 1].pos != "ADP")
                    or (after_post and "gent" in head_cases)):
                return phrase
            return None
    return None

def _gap_ok(tokens: list[Token], a: int, b: int) -> bool:
    """Whether the tokens between a title ending at ``a`` and a name at ``b`` still let the
    title be the name's: closing quotes, a colon, one comma or dash right before the name
    ("Президент России, Владимир Путин"; "продюсером — Вадим Ульянкин"), an abbreviation in
    brackets ("(ФАР)"), an age ("42-летний"), or a place ("из Швеции", "в Балтиморе")."""
    k = a
    while k < b:
        tok = tokens[k]
        if tok.text in _QUOTES_CLOSE or tok.text == ":":
            k += 1
        elif (tok.text == "," or tok.text in _DASHES) and k == b - 1:
            k += 1
        elif tok.text == "(" and (close := _bracket_stop(tokens, k, b)) is not None:
            k = close
        elif _is_age(tok):
            k += 1
        elif tok.text in _PLACE_PREPOSITIONS and k + 1 < b and tokens[k + 1].text[:1].isupper():
            k += 2
            while k < b and tokens[k].text[:1].isupper() and tokens[k].pos == "PROPN":
                k += 1
        else:
            return False
    return True


_PLACE_PREPOSITIONS = frozenset({"из", "в", "с", "от"})


def _is_age(token: Token) -> bool:
    """"42-летний", "25-летняя": an age between a title and a name."""
    word = token.text.lower()
    return word[:1].isdigit() and "-летн" in word


def _bracket_stop(tokens: list[Token], k: int, limit: int) -> int | None:
    """Index after a short bracketed insert opening at ``k`` ("(МОК)", "(1980 г.р.)")."""
    for j in range(k + 1, min(limit, k + 6)):
        if tokens[j].text == ")":
            return j + 1
    return None


def link(tokens: list[Token], phrases: list[Phrase], person_rows: list[dict]) -> list[tuple[dict, list[Phrase], str]]:
    """(person row, its phrases, role) for the people of one sentence.

    role: ``before_name`` (title, then name), ``after_name`` (name, comma, title),
    ``list`` (a plural title shared along a list of names) or ``predicate``
    ("Петров был назначен министром").
    """
    first_token = {}
    last_token = {}
    for row in person_rows:
        idx = [i for i, t in enumerate(tokens) if t.start < row["stop"] and row["start"] < t.stop]
        if idx:
            first_token[id(row)] = idx[0]
            last_token[id(row)] = idx[-1]
    starts = {first_token[id(r)] for r in person_rows if id(r) in first_token}
    ends_at = {p.stop: p for p in phrases}
    starts_at = {p.first: p for p in phrases}
    used: set[int] = set()
    out = []
    pending: list[dict] = []
    for row in person_rows:
        if id(row) not in first_token:
            continue
        first, last = first_token[id(row)], last_token[id(row)]
        chain: list[Phrase] = []
        before = next((ends_at[k] for k in range(first, max(-1, first - 7), -1)
                       if k in ends_at and _gap_ok(tokens, k, first)), None)
        if before is not None and not _agrees(tokens, before, first, last) \
                and not _elliptic_predicate(tokens, before, first):
            before = _inner_phrase(tokens, before, first, last)
            if before is not None and id(before) not in used:
                out.append((row, [before], "before_name"))
                used.add(id(before))
            continue
        if before is not None and id(before) not in used:
            chain.append(before)
            while True:
                k = chain[0].first
                if k >= 2 and tokens[k - 1].text in _JOINERS and (k - 1) in ends_at \
                        and id(ends_at[k - 1]) not in used:
                    chain.insert(0, ends_at[k - 1])
                elif k in ends_at and id(ends_at[k]) not in used:
                    # Two titles side by side: "командующий округом генерал-полковник Иванов".
                    chain.insert(0, ends_at[k])
                else:
                    break
            out.append((row, chain, "before_name"))
            used.update(id(p) for p in chain)
            continue
        k = last + 1
        if k < len(tokens) and tokens[k].text == "(" and (close := _bracket_stop(tokens, k, len(tokens))):
            k = close  # "Иван Петров (Ivan Petrov), директор фонда"
        if k < len(tokens) and tokens[k].text in {",", "(", *_DASHES} and (k + 1) in starts_at \
                and not _is_plural(tokens[starts_at[k + 1].head]):
            phrase = starts_at[k + 1]
            while phrase is not None and id(phrase) not in used and phrase.stop not in starts:
                chain.append(phrase)
                nxt = phrase.stop
                if nxt + 1 < len(tokens) and tokens[nxt].text in _JOINERS and (nxt + 1) in starts_at:
                    phrase = starts_at[nxt + 1]
                else:
                    phrase = None
            if chain:
                out.append((row, chain, "after_name"))
                used.update(id(p) for p in chain)
                continue
        pending.append(row)
    _share_plural_titles(tokens, person_rows, first_token, last_token, out)
    linked = {id(r) for r, _, _ in out}
    pending = [r for r in pending if id(r) not in linked]
    n_before = len(out)
    # Predicates only after every adjacent title is taken: in "назначенной генпрокурором
    # РФ Ю.Чайкой" the title is Чайка's, not the predicate of an earlier name.
    for row in pending:
        first, last = first_token[id(row)], last_token[id(row)]
        phrase = _predicate_phrase(tokens, phrases, last, used, starts)
        if phrase is None:
            phrase = _predicate_before(tokens, phrases, first, used)
        if phrase is not None:
            out.append((row, [phrase], "predicate"))
            used.add(id(phrase))
    if len(out) > n_before:  # "Операторами выступили Иван Петров и Анна Ким"
        _share_plural_titles(tokens, person_rows, first_token, last_token, out)
    return out


def _elliptic_predicate(tokens: list[Token], phrase: Phrase, first: int) -> bool:
    """"…, а продюсером — Вадим Ульянов": an instrumental title, a dash, the name."""
    return any(tokens[k].text in _DASHES for k in range(phrase.stop, first)) \
        and "ablt" in _cases(tokens[phrase.head], proper=False)


def _share_plural_titles(tokens: list[Token], person_rows: list[dict], first_token: dict,
                         last_token: dict, out: list) -> None:
    """A plural title before a list of names is each one's title: "актёры Иван Петров,
    Анна Смирнова (Москва) и Олег Ким" gives all three "актёры" (appended to ``out``)."""
    by_first = sorted((first_token[id(r)], r) for r in person_rows if id(r) in first_token)
    titled = {id(r): chain for r, chain, role in out}
    for n, (first, row) in enumerate(by_first):
        chain = titled.get(id(row))
        if not chain or chain[-1].stop > first or not _is_plural(tokens[chain[-1].head]):
            continue
        previous = row
        for next_first, nxt in by_first[n + 1:]:
            if id(nxt) in titled or not _list_gap(tokens, last_token[id(previous)] + 1, next_first):
                break
            out.append((nxt, chain[-1:], "list"))
            titled[id(nxt)] = chain[-1:]
            previous = nxt


def _list_gap(tokens: list[Token], a: int, b: int) -> bool:
    """Only list separators between two names: a comma, "и", a bracketed note, a place
    ("из Москвы")."""
    k = a
    if k >= b:
        return False
    while k < b:
        tok = tokens[k]
        if tok.text in {",", "и"} or (tok.text == "а" and k + 1 < b and tokens[k + 1].text == "также"):
            k += 2 if tok.text == "а" else 1
        elif tok.text == "(" and (close := _bracket_stop(tokens, k, b)) is not None:
            k = close
        elif tok.text in _PLACE_PREPOSITIONS and k + 1 < b and tokens[k + 1].text[:1].isupper():
            k += 2
            while k < b and tokens[k].text[:1].isupper():
                k += 1
        else:
            return False
    return True


def _predicate_before(tokens: list[Token], phrases: list[Phrase], first: int,
                      used: set[int]) -> Phrase | None:
    """Title, predicate, name: "Главой ведомства назначен Иван Петров"."""
    ends = {p.stop: p for p in phrases}
    for k in range(first - 1, max(0, first - 4), -1):
        if not _is_predicate(tokens[k]):
            continue
        phrase = ends.get(k)
        if phrase is not None and id(phrase) not in used and "ablt" in _cases(tokens[phrase.head], proper=False):
            return phrase
    return None


# ---------------------------------------------------------------- anaphora

# How many sentences back a bare title looks for its person. Measured on NEREL train:
# two or more add as many wrong links as right ones.
_ANAPHOR_SENTENCES = 1


def _pronoun_predicate(tokens: list[Token], phrase: Phrase) -> bool:
    """"Сначала он был танцором": он/она, a predicate, then the title in the instrumental."""
    if "ablt" not in _cases(tokens[phrase.head], proper=False):
        return False
    seen_predicate = False
    for k in range(phrase.first - 1, max(-1, phrase.first - 5), -1):
        word = tokens[k].text.lower()
        if word in {"он", "она"}:
            return seen_predicate
        if _is_predicate(tokens[k]):
            seen_predicate = True
        elif tokens[k].pos not in ("ADV", "PART"):
            return False
    return False


def _antecedent(tokens: list[Token], phrase: Phrase, people: list[dict],
                recent: list[tuple[dict, str, int]], n_sent: int) -> tuple[dict, str] | None:
    """The person a title without a name refers to: the nearest person named before it
    in the same sentence ("Иванов вышел, и министр ответил"), or the last one of the
    sentence before when the title opens its sentence ("У Майкла отказало сердце. Певец
    скончался днём.") or follows "он был"."""
    head = tokens[phrase.head]
    if _is_plural(head) or phrase.position.kind == "unlisted":
        return None
    # After a preposition a title names someone else ("обратился к министру").
    if phrase.first > 0 and tokens[phrase.first - 1].pos == "ADP":
        return None
    # A name soon after the title is the title's own person ("Президент России, Владимир Путин").
    stop_char = tokens[min(len(tokens), phrase.stop + 3) - 1].stop
    if any(tokens[phrase.stop - 1].stop <= r["start"] < stop_char for r in people):
        return None
    start = tokens[phrase.first].start
    before_here = [r for r in people if r["stop"] <= start]
    if before_here:
        person = before_here[-1]
        name = _person_name(person, tokens)
    elif recent and n_sent - recent[-1][2] <= _ANAPHOR_SENTENCES and (
            (phrase.first == 0 and "nomn" in _cases(head, proper=False))
            or _pronoun_predicate(tokens, phrase)):
        # Across sentences only a subject refers back: a title opening its sentence
        # ("У Майкла отказало сердце. Певец скончался днём.") or "он был танцором".
        person, name, _ = recent[-1]
    else:
        return None
    return person, name


# ---------------------------------------------------------------- the stage

def _person_name(row: dict, tokens: list[Token]) -> str:
    """The entity's canonical name; the nominative of the mention when it has none."""
    if row.get("canonical") or row.get("normal"):
        return row.get("canonical") or row.get("normal")
    inside = [t for t in tokens if row["start"] <= t.start and t.stop <= row["stop"]]
    return normalize.person_nominative(inside) if inside else row["text"]


def _split_titled_names(rows: list[dict], tokens: list[Token]) -> list[dict]:
    """NER sometimes takes the title into the name ("принц Филипп"): cut it off."""
    out = []
    for row in rows:
        if row["type"] == "PER":
            inside = [t for t in tokens if row["start"] <= t.start and t.stop <= row["stop"]]
            k = 0
            # A listed position word opening a longer name is a title even capitalized
            # ("Император Акихито"); a surname that is a common word rarely comes first.
            while k < len(inside) - 1 and position_of(inside[k].lemma):
                k += 1
            if k:
                rest = inside[k:]
                row = {**row, "start": rest[0].start, "text": row["text"][rest[0].start - row["start"]:]}
                if not row.get("canonical") or row["canonical"] == row.get("normal"):
                    row["canonical"] = row["normal"] = normalize.person_nominative(rest)
        out.append(row)
    return out


def author_row(author: str) -> dict:
    """A people row for the article's author line (title NA, no offsets in the body).

    >>> author_row("Асель Муканова")["role"]
    'author'
    """
    return {"name": author, "title": None, "org": None, "start": None, "stop": None,
            "title_start": None, "title_stop": None, "role": "author"}


# Which mention's offsets a (person, title) row reports when the pair is found several
# times: an adjacent one ("министр Петров") over a predicate over a later bare title.
_ROLE_RANK = {"list": 0, "before_name": 0, "after_name": 0, "chain": 0, "predicate": 1, "anaphor": 2}


def _row_of(tokens: list[Token], title: Title, org: str | None, name: str, person: dict, role: str) -> dict:
    title_tokens = tokens[title.first:title.stop]
    return {"name": name, "title": _nominative(title_tokens), "org": org,
            "start": person["start"], "stop": person["stop"],
            "title_start": title_tokens[0].start, "title_stop": title_tokens[-1].stop, "role": role}


def extract(doc: NlpDoc, entities: list[dict]) -> list[dict]:
    """People rows (name, title, org, start, stop, title_start, title_stop, role) of one article.

    >>> from ngotext import entities
    >>> [doc] = nlp.process([("d", "Министр финансов Иван Петров выступил.")])
    >>> [(r["name"], r["title"], r["org"]) for r in extract(doc, entities.extract(doc))]
    [('Иван Петров', 'министр финансов', 'Министерство финансов')]
    """
    rows_in = entities
    org_canonical = {r["text"]: r.get("canonical") or r["text"] for r in rows_in if r["type"] == "ORG"}
    # The sentence of a row by its offset (a span never crosses a sentence).
    sentence_starts = [s.start for s in doc.sentences]
    by_sentence: dict[int, list[dict]] = {}
    for row in rows_in:
        k = bisect_right(sentence_starts, row["start"]) - 1
        if k >= 0:
            by_sentence.setdefault(doc.sentences[k].sent_id, []).append(row)
    tokens_of: dict[int, list[Token]] = {}
    for tok in doc.tokens:
        tokens_of.setdefault(tok.sent_id, []).append(tok)

    best: dict[tuple[str, str], tuple[tuple, dict]] = {}
    people_seen: dict[str, dict] = {}
    recent: list[tuple[dict, str, int]] = []   # (person row, name, sentence index), in text order

    def offer(row: dict, rank: tuple) -> None:
        key = (row["name"], row["title"].lower())
        if key not in best or rank < best[key][0]:
            best[key] = (rank, row)

    for n_sent, sent in enumerate(doc.sentences):
        tokens = tokens_of.get(sent.sent_id, [])
        rows = _split_titled_names(by_sentence.get(sent.sent_id, []), tokens)
        people = [r for r in rows if r["type"] == "PER"]
        names = {id(r): _person_name(r, tokens) for r in people}
        for row in people:
            people_seen.setdefault(names[id(row)], row)
        # A sentence far from any name has no title to give (anaphors look one sentence back).
        if not tokens or not (people or (recent and n_sent - recent[-1][2] <= _ANAPHOR_SENTENCES)):
            continue
        phrases = title_phrases(tokens, rows)
        used: set[int] = set()
        for person, chain, role in link(tokens, phrases, people) if people else []:
            used.update(id(p) for p in chain)
            titles = [split_org(tokens, p, rows, org_canonical) for p in chain]
            for k, title in enumerate(titles):
                org = title.org
                # "Первый заместитель генерального секретаря – руководитель секретариата
                # Ассамблеи": a dash joins two posts of one organization.
                if org is None and k + 1 < len(titles) and tokens[chain[k].stop].text in _DASHES:
                    org = titles[k + 1].org
                the_role = role if k == 0 or role == "after_name" else "chain"
                row = _row_of(tokens, title, org, names[id(person)], person, the_role)
                gap = abs(row["title_start"] - row["stop"]) if row["title_start"] >= row["stop"] \
                    else abs(row["start"] - row["title_stop"])
                offer(row, (_ROLE_RANK[the_role], gap, row["start"]))
        for phrase in phrases:
            if id(phrase) in used:
                continue
            antecedent = _antecedent(tokens, phrase, people, recent, n_sent)
            if antecedent is not None:
                person, name = antecedent
                title = split_org(tokens, phrase, rows, org_canonical)
                row = _row_of(tokens, title, title.org, name, person, "anaphor")
                offer(row, (_ROLE_RANK["anaphor"], 0, row["start"]))
        for row in people:
            recent.append((row, names[id(row)], n_sent))

    out = [row for _, row in best.values()]
    titled = {r["name"] for r in out}
    for name, row in people_seen.items():
        if name not in titled:
            out.append({"name": name, "title": None, "org": None, "start": row["start"],
                        "stop": row["stop"], "title_start": None, "title_stop": None, "role": "mention"})
    out.sort(key=lambda r: (r["start"], r["title_start"] if r["title_start"] is not None else -1))
    return out
