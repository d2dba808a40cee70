"""Clean NER spans into entity mentions with nominative and canonical names.

slovnet's raw spans go through five steps, each a small function over a list of
``Mention`` records:

1. hygiene: cut at sentence and line breaks, split "Союз … (СКС)" into its two names,
   trim punctuation and quotes, drop common nouns ("количество НПО"), reduce
   "ОАО «Газпром»" to the quoted name (factRuEval marks the name without descriptor);
2. whole names: an ORG followed by a genitive LOC/ORG that completes it becomes one ORG
   ("Гражданский альянс" + "Казахстана"); the inner span stays a mention of its own;
3. abbreviations: "полное название (АББР)" definitions, initial letters of an article's
   long names (also names built from titles: "вице-министр культуры и информации" ->
   "Министерство культуры и информации" -> МКИ), and the lexicon ``data/abbreviations.tsv``;
   occurrences slovnet missed are added;
4. recall: a surname or abbreviation already known in the article is a mention wherever
   it occurs ("Путин" at the start of a sentence);
5. names: ``normal`` in the nominative (``normalize``), ``canonical`` one name per entity
   in the article ("Токаев" -> "Касым-Жомарт Токаев", "ГАК" -> "Гражданский альянс
   Казахстана").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon, nlp, normalize
from .nlp import NlpDoc, Token

TYPES = ("PER", "ORG", "LOC")


@dataclass
class Mention:
    start: int
    stop: int
    type: str
    normal: str = ""
    canonical: str = ""


# ---------------------------------------------------------------- lexicons

@lru_cache(maxsize=None)
def abbreviations() -> dict[str, tuple[str, str]]:
    """Abbreviation -> (full name, type) from ``data/abbreviations.tsv``.

    >>> abbreviations()["МИД"]
    ('Министерство иностранных дел', 'ORG')
    """
    return {row[0]: (row[1], row[2]) for row in lexicon.rows("abbreviations.tsv")}


@lru_cache(maxsize=None)
def common_nouns() -> frozenset[str]:
    """Words that are common nouns, never a mention by themselves (НПО, СМИ …)."""
    return frozenset(row[0] for row in lexicon.rows("entity_common_nouns.txt"))


@lru_cache(maxsize=None)
def state_bodies() -> frozenset[str]:
    """Lemmas of bodies named by their place (правительство, власть …)."""
    return frozenset(row[0] for row in lexicon.rows("entity_state_bodies.txt"))


@lru_cache(maxsize=None)
def org_names() -> frozenset[str]:
    """Names typed LOC by NER that name organizations (Евросоюз …)."""
    return frozenset(row[0] for row in lexicon.rows("entity_org_names.txt"))


@lru_cache(maxsize=None)
def institutions() -> dict[str, str]:
    """Position lemma -> institution it heads (министр -> министерство)."""
    return {row[0]: row[1] for row in lexicon.rows("entity_institutions.tsv")}


# ---------------------------------------------------------------- text helpers

_ABBR = re.compile(r"^[А-ЯЁA-Z][А-ЯЁA-Zа-яё]*[А-ЯЁA-Z]$")  # ГАК, МВД, ЕврАзЭС
_LETTER = re.compile(r"[^\W\d_]")
_OPEN_QUOTES, _CLOSE_QUOTES = "«„“\"'", "»“”\"'"
_FUNCTION_WORDS = frozenset("и по при в во на для с со о об за от к из".split())


def is_abbreviation(word: str) -> bool:
    """An abbreviation of capitals (lower-case letters allowed inside: ЕврАзЭС).

    >>> is_abbreviation("ГАК"), is_abbreviation("Гак"), is_abbreviation("ЕврАзЭС")
    (True, False, True)
    """
    return bool(_ABBR.match(word)) and sum(ch.isupper() for ch in word) >= 2 and len(word) <= 8


def initials(name: str) -> set[str]:
    """Abbreviations a name can have: first letters of its words, with and without
    function words.

    >>> sorted(initials("Министерство культуры и информации"))
    ['МКИ', 'МКИИ']
    """
    words = [w for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", name)]
    full = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if w.lower() not in _FUNCTION_WORDS).upper()
    return {full, content}


class _Index:
    """Token and sentence lookup by character offset (bisect, no scans)."""

    def __init__(self, doc: NlpDoc):
        self.doc = doc
        self.token_starts = [t.start for t in doc.tokens]
        self.sent_starts = [s.start for s in doc.sentences]

    def tokens(self, start: int, stop: int) -> list[Token]:
        i = bisect.bisect_left(self.token_starts, start)
        out = []
        while i < len(self.doc.tokens) and self.doc.tokens[i].stop <= stop:
            out.append(self.doc.tokens[i])
            i += 1
        return out

    def sent_id(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sent_starts, offset) - 1, 0)


# ---------------------------------------------------------------- 1. hygiene

def _in_sentences(spans: list[Mention], doc: NlpDoc, index: _Index) -> list[Mention]:
    """Each span cut into its pieces inside single sentences (sentences never cross lines)."""
    out = []
    for m in spans:
        first = index.sent_id(m.start)
        for sent in doc.sentences[first:]:
            if sent.start >= m.stop:
                break
            start, stop = max(m.start, sent.start), min(m.stop, sent.stop)
            if start < stop:
                out.append(Mention(start, stop, m.type))
    return out


_SEPARATORS = re.compile(r"[^()•;,|]+")


def _split_parentheses(spans: list[Mention], text: str) -> list[Mention]:
    """"Союз координационных советов (СКС)" -> the long name and the abbreviation;
    lists glued into one span ("Овечкин, Фёдоров") -> their items."""
    out = []
    for m in spans:
        piece = text[m.start:m.stop]
        if not any(ch in piece for ch in "()•;,|"):
            out.append(m)
            continue
        for part in _SEPARATORS.finditer(piece):
            inside = part.start() > 0 and piece[part.start() - 1] == "("
            word = part.group().strip()
            kind = "ORG" if inside and is_abbreviation(word) and m.type != "LOC" else m.type
            out.append(Mention(m.start + part.start(), m.start + part.end(), kind))
    return out


_CLOSING = {"«": "»", "„": "“”", "“": "”", '"': '"', "'": "'"}
_OPENING = {"»": "«", "“": "„", "”": "“„", '"': '"', "'": "'"}


def _trim(m: Mention, text: str) -> Mention | None:
    """Strip spaces, punctuation and unpaired or enclosing quotes from both ends."""
    start, stop = m.start, m.stop
    while start < stop:
        while start < stop and not text[start].isalnum() and text[start] not in _CLOSING:
            start += 1
        while stop > start and not text[stop - 1].isalnum() and text[stop - 1] not in _OPENING:
            stop -= 1
        piece = text[start:stop]
        if not piece:
            break
        first, last = piece[0], piece[-1]
        if first in _CLOSING and len(piece) > 1 and last in _CLOSING[first]:
            start, stop = start + 1, stop - 1  # «Газпром»
        elif first in _CLOSING and not any(q in piece[1:] for q in _CLOSING[first]):
            start += 1  # an opening quote closed outside the span
        elif last in _OPENING and not any(q in piece[:-1] for q in _OPENING[last]):
            stop -= 1  # a closing quote opened outside the span
        else:
            break
    if stop <= start or not _LETTER.search(text[start:stop]):
        return None
    return Mention(start, stop, m.type)


_QUOTED_NAME = re.compile(r"^([^«\"„“]+?)\s*[«\"„“]([^»\"“”]+)[»\"“”]?$")


def _quoted_name(m: Mention, text: str) -> Mention:
    """"ОАО «Газпром»" -> "Газпром": the name is the quoted part after a descriptor
    ("ОАО", "Центр современной культуры")."""
    match = _QUOTED_NAME.match(text[m.start:m.stop])
    if not match or m.type != "ORG":
        return m
    return Mention(m.start + match.start(2), m.start + match.end(2), m.type)


def _hygiene(doc: NlpDoc, index: _Index) -> list[Mention]:
    text = doc.text
    spans = [Mention(s.start, s.stop, s.type) for s in doc.ner if s.type in TYPES]
    spans = _split_parentheses(_in_sentences(spans, doc, index), text)
    out = []
    for m in spans:
        m = _trim(m, text)
        if m is None:
            continue
        m = _trim(_quoted_name(m, text), text)
        if m is None or text[m.start:m.stop] in common_nouns():
            continue
        out.append(m)
    return out


def _drop_common_noun_persons(mentions: list[Mention], doc: NlpDoc) -> list[Mention]:
    """Without one-word PER mentions that are common nouns ("Мажилисмен", "Алматинцы"),
    unless the article uses the word as a surname in a full name ("Павел Адвокат")."""
    text = doc.text
    surnames = {nlp.lemma_pos(text[m.start:m.stop].split()[-1])[0]
                for m in mentions if m.type == "PER" and " " in text[m.start:m.stop].strip()}
    return [m for m in mentions
            if not (_common_noun_person(m, text)
                    and nlp.lemma_pos(text[m.start:m.stop])[0] not in surnames)]


def _common_noun_person(m: Mention, text: str) -> bool:
    """A one-word PER that is a common noun the dictionary knows and no name reading
    has: the model's capital-letter guess."""
    word = text[m.start:m.stop]
    if m.type != "PER" or not word.isalpha():
        return False
    lower = word.lower()
    readings = nlp.parses(word)
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in readings):
        return False
    return lower in nlp.domain_nouns() or (nlp.morph_analyzer().word_is_known(lower)
                                           and any(p.tag.POS == "NOUN" for p in readings))


# ---------------------------------------------------------------- 2. whole names

def _can_be_genitive(tokens: list[Token]) -> bool:
    """Whether a name's first word can be genitive ("Казахстана", "РФ", "Евразии")."""
    if not tokens:
        return False
    word = tokens[0].text
    if is_abbreviation(word) or not re.match(r"[А-ЯЁа-яё]", word):
        return True
    return any(p.tag.case in ("gent", "gen2") or "Fixd" in p.tag.grammemes
               for p in nlp.parses(word) if p.tag.POS in ("NOUN", "ADJF"))


def _with_adjective(m: Mention, index: _Index) -> Mention:
    """"японского МИДа", "государственной Комиссии": a lower-case adjective agreeing
    with the name's first word belongs to the ORG."""
    i = bisect.bisect_left(index.token_starts, m.start) - 1
    if m.type != "ORG" or i < 0:
        return m
    prev, first = index.doc.tokens[i], index.tokens(m.start, m.stop)[:1]
    if not first or not prev.text[:1].islower() or prev.sent_id != first[0].sent_id:
        return m
    word = first[0].text
    heads = [p for p in nlp.parses(word) if p.tag.POS == "NOUN"]
    adjs = [p for p in nlp.parses(prev.text) if p.tag.POS == "ADJF" and "Apro" not in p.tag.grammemes
            and "Anum" not in p.tag.grammemes]
    if not adjs or nlp.parses(prev.text)[0].tag.POS != "ADJF":
        return m
    if is_abbreviation(word) or any(
            a.tag.case == h.tag.case and a.tag.number == h.tag.number for a in adjs for h in heads):
        return Mention(prev.start, m.stop, m.type)
    return m


def _merge_genitive_tails(mentions: list[Mention], text: str, index: _Index) -> list[Mention]:
    """ORG + adjacent genitive LOC/ORG -> one ORG; the inner mention is kept as well."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.stop))
    starts = [m.start for m in mentions]
    out = []
    for m in mentions:
        if m.type != "ORG":
            out.append(m)
            continue
        stop = m.stop
        while True:
            j = bisect.bisect_left(starts, stop)
            nxt = next((n for n in mentions[j:j + 3] if n.start > stop and n.type in ("ORG", "LOC")), None)
            gap = text[stop:nxt.start] if nxt else ""
            if nxt is None or index.sent_id(nxt.start) != index.sent_id(m.start):
                break
            tail = index.tokens(nxt.start, nxt.stop)
            if gap.strip() or len(gap) > 2 or not _can_be_genitive(tail):
                break
            stop = nxt.stop
        out.append(Mention(m.start, stop, "ORG"))
    return out


def _state_bodies(mentions: list[Mention], index: _Index) -> list[Mention]:
    """"правительство Японии": the place stands for a body, so it is an ORG too;
    an ORG span "Правительства РФ" becomes that ORG on the place."""
    bodies = state_bodies()
    out, places = [], []
    for m in mentions:
        toks = index.tokens(m.start, m.stop)
        if m.type == "ORG" and len(toks) == 2 and toks[0].lemma in bodies and (
                toks[1].text[:1].isupper()):
            out.append(Mention(toks[1].start, toks[1].stop, "ORG"))
            continue
        out.append(m)
        if m.type == "LOC":
            places.append(m)
    token_starts = index.token_starts
    for m in places:
        i = bisect.bisect_left(token_starts, m.start) - 1
        if i >= 0 and index.doc.tokens[i].lemma in bodies:
            out.append(Mention(m.start, m.stop, "ORG"))
    return out


# ---------------------------------------------------------------- 3. abbreviations

def _title_institutions(doc: NlpDoc) -> list[str]:
    """Institution names built from titles: "вице-министр культуры и информации" ->
    "Министерство культуры и информации" (the title's genitive tail names it)."""
    table, out = institutions(), []
    tokens = doc.tokens
    for i, tok in enumerate(tokens):
        institution = table.get(tok.lemma)
        if not institution:
            continue
        tail = []
        for nxt in tokens[i + 1:i + 8]:
            if nxt.sent_id != tok.sent_id:
                break
            if nxt.text == "и" and tail:
                tail.append(nxt)
                continue
            if not nxt.text[:1].islower() or not any(
                    p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in nlp.parses(nxt.text)):
                break
            tail.append(nxt)
        while tail and tail[-1].text == "и":
            tail.pop()
        if tail:
            words = [institution.capitalize()] + [t.text for t in tail]
            out.append(normalize.join_tokens(words, [tok] + tail))
    return out


def _abbreviation_links(mentions: list[Mention], doc: NlpDoc) -> dict[str, str]:
    """Abbreviation -> long name (nominative) for this article.

    Definitions "Long (ABBR)" first, then initial letters of the article's ORG names
    and of institutions named by titles.
    """
    text = doc.text
    links: dict[str, str] = {}
    by_stop: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.type == "ORG" and not is_abbreviation(text[m.start:m.stop]):
            by_stop.setdefault(m.stop, []).append(m)
    for match in re.finditer(r"\(\s*([А-ЯЁA-Z][А-ЯЁA-Zа-яё]{1,7})\s*\)", text):
        word = match.group(1)
        before = text[:match.start()].rstrip()
        candidates = by_stop.get(len(before), [])
        if is_abbreviation(word) and candidates:
            # Nested mentions end at the same place ("Ассоциация … Центрального Казахстана"
            # and "Центрального Казахстана"): the one whose initials spell the
            # abbreviation, else the longest, is what it stands for.
            long = max(candidates, key=lambda m: (word in initials(m.normal), m.stop - m.start))
            links.setdefault(word, long.normal)
    long_names = [m.normal for m in mentions if m.type == "ORG" and " " in m.normal]
    long_names += _title_institutions(doc)
    wanted = {t.text for t in doc.tokens if is_abbreviation(t.text)} - set(links)
    for name in long_names:
        for abbr in initials(name) & wanted:
            links.setdefault(abbr, name)
    return links


def _add_missed(mentions: list[Mention], doc: NlpDoc, known: dict[str, str]) -> list[Mention]:
    """Occurrences of known words (abbreviations, surnames) that no mention covers.

    ``known``: word as written -> type.
    """
    covered = sorted((m.start, m.stop) for m in mentions)
    starts = [c[0] for c in covered]
    added = []
    for tok in doc.tokens:
        kind = known.get(tok.text)
        if not kind:
            continue
        i = bisect.bisect_right(starts, tok.start)
        # covered when some mention starting at or before the token reaches past it
        if any(c[1] > tok.start for c in covered[max(0, i - 4):i]):
            continue
        added.append(Mention(tok.start, tok.stop, kind))
    return mentions + added


_SURNAME_SHAPE = re.compile(
    r"^[А-ЯЁ][а-яё]+(?:(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|е|ых)?|(?:ск|цк)(?:ий|ая|ой|ого|ому|им|ую)"
    r"|улы|ұлы|кызы|қызы|енко)$")


def _is_first_name(word: str) -> bool:
    if not word[:1].isupper() or not word[1:].islower():
        return False
    if normalize.first_names().get(word.lower()):
        return True
    return any("Name" in p.tag.grammemes and p.score >= 0.2 for p in nlp.parses(word))


def _add_name_pairs(mentions: list[Mention], doc: NlpDoc) -> list[Mention]:
    """First name + surname pairs the model missed (slovnet finds nothing in "Аким
    Шымкента Канат Абдуллаев поблагодарил …"): a known first name followed, in the same
    sentence, by a word shaped like a surname, overlapping no mention."""
    taken = [(m.start, m.stop) for m in mentions]
    added = []
    tokens = doc.tokens
    for a, b in zip(tokens, tokens[1:]):
        if a.sent_id != b.sent_id or doc.text[a.stop:b.start] != " ":
            continue
        if not (_SURNAME_SHAPE.match(b.text) and _is_first_name(a.text)):
            continue
        if any(start < b.stop and a.start < stop for start, stop in taken):
            continue
        added.append(Mention(a.start, b.stop, "PER"))
        taken.append((a.start, b.stop))
    return mentions + added


# ---------------------------------------------------------------- 5. names

_OPEN_QUOTES, _CLOSE_QUOTES = "«\"„“", "»\"“”"


def _normal(m: Mention, tokens: list[Token], text: str) -> str:
    written = text[m.start:m.stop]
    if not tokens or is_abbreviation(written):
        return written
    quoted = (m.start > 0 and text[m.start - 1] in _OPEN_QUOTES
              and m.stop < len(text) and text[m.stop] in _CLOSE_QUOTES)
    if quoted and m.type != "PER":
        return written  # a name in quotes stands in the nominative whatever the case around it
    if m.type == "PER":
        return normalize.person_nominative(tokens)
    return normalize.phrase_nominative(tokens, text)


def _person_canonicals(mentions: list[Mention], index: _Index) -> None:
    """Short person mentions take the full name they abbreviate ("Токаев" after
    "Касым-Жомарт Токаев"); an ambiguous form takes the reading that matches
    ("Кадирова" -> "Кадиров" after "Данияр Кадиров")."""
    people = [m for m in mentions if m.type == "PER"]
    full = {}
    for m in people:
        words = m.normal.split()
        if len(words) >= 2:
            for word in words:
                full.setdefault(word, m.normal)
    for m in people:
        m.canonical = m.normal
        if len(m.normal.split()) >= 2:
            continue
        tokens = index.tokens(m.start, m.stop)
        for _, _, words in normalize.person_readings(tokens):
            name = " ".join(words)
            if name in full:
                m.normal, m.canonical = name, full[name]
                break


def _org_canonicals(mentions: list[Mention], links: dict[str, str], text: str) -> None:
    counts: dict[str, int] = {}
    for m in mentions:
        written = text[m.start:m.stop]
        m.canonical = links.get(written, m.normal)
        if m.type == "ORG":
            counts[m.canonical] = counts.get(m.canonical, 0) + 1
    for m in mentions:
        if m.type != "ORG" or m.canonical != m.normal:
            continue
        # "Гражданский альянс" names the article's "Гражданский альянс Казахстана";
        # with two such longer names, the one mentioned more often.
        longer = [(n, name) for name, n in counts.items()
                  if name.startswith(m.normal + " ") and len(m.normal.split()) >= 2]
        if longer:
            m.canonical = max(longer)[1]


# ---------------------------------------------------------------- the stage

def extract(doc: NlpDoc) -> list[dict]:
    """Entity rows (sent_id, start, stop, text, type, normal, canonical) of one article.

    >>> [d] = nlp.process([("d", "Данияр Кадиров посетил Астану. Кадирова встретили.")])
    >>> [(r["text"], r["normal"], r["canonical"]) for r in extract(d) if r["type"] == "PER"]
    [('Данияр Кадиров', 'Данияр Кадиров', 'Данияр Кадиров'), ('Кадирова', 'Кадиров', 'Данияр Кадиров')]
    """
    text = doc.text
    index = _Index(doc)
    mentions = _merge_genitive_tails(_drop_common_noun_persons(_hygiene(doc, index), doc), text, index)
    mentions = [_with_adjective(m, index) for m in _state_bodies(mentions, index)]
    for m in mentions:
        m.normal = _normal(m, index.tokens(m.start, m.stop), text)
        if m.type == "LOC" and m.normal in org_names():
            m.type = "ORG"

    links = _abbreviation_links(mentions, doc)
    before = len(mentions)
    mentions = _add_missed(mentions, doc, _known_abbreviations(mentions, links, doc))
    mentions = _add_missed(mentions, doc, _surname_forms(mentions, doc, index))
    mentions = _add_name_pairs(mentions, doc)
    for m in mentions[before:]:
        m.normal = _normal(m, index.tokens(m.start, m.stop), text)
    for m in mentions:
        written = text[m.start:m.stop]
        if written in abbreviations():
            m.type = abbreviations()[written][1]

    _person_canonicals(mentions, index)
    _org_canonicals([m for m in mentions if m.type != "PER"], links, text)

    rows, seen = [], set()
    ordered = sorted(mentions, key=lambda m: (m.start, -m.stop, m.type))
    outer_stop = -1  # the furthest stop of the mentions started so far
    for m in ordered:
        key = (m.start, m.stop, m.type)
        if key in seen:
            continue
        seen.add(key)
        nested = m.stop <= outer_stop and bool(rows) and (rows[-1]["start"], rows[-1]["stop"]) != (m.start, m.stop)
        outer_stop = max(outer_stop, m.stop)
        rows.append({"sent_id": index.sent_id(m.start), "start": m.start, "stop": m.stop,
                     "text": text[m.start:m.stop], "type": m.type,
                     "normal": m.normal, "canonical": m.canonical, "nested": nested})
    rows.sort(key=lambda r: (r["start"], r["stop"], r["type"]))
    return rows


def _known_abbreviations(mentions: list[Mention], links: dict[str, str], doc: NlpDoc) -> dict[str, str]:
    """Abbreviation -> type for those the article defines, NER found, or the lexicon knows."""
    known = {abbr: "ORG" for abbr in links}
    for m in mentions:
        written = doc.text[m.start:m.stop]
        if is_abbreviation(written) and written not in common_nouns():
            known.setdefault(written, m.type)
    words = {t.text for t in doc.tokens}
    for abbr, (_, kind) in abbreviations().items():
        if abbr in words:
            known.setdefault(abbr, kind)
    return known


def _surname_forms(mentions: list[Mention], doc: NlpDoc, index: _Index) -> dict[str, str]:
    """Capitalized words of the article that are a form of a known full name's surname."""
    surnames = {m.normal.split()[-1] for m in mentions if m.type == "PER" and m.normal}
    surnames = {s for s in surnames if len(s) >= 4 and s[:1].isupper() and not is_abbreviation(s)}
    if not surnames:
        return {}
    found = {}
    for tok in doc.tokens:
        word = tok.text
        if word in found or not word[:1].isupper() or is_abbreviation(word):
            continue
        if any(c[2] in surnames for c in normalize.name_candidates(word) if c[3] >= 1):
            found[word] = "PER"
    return found
