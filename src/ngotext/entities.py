"""Clean NER spans into entity mentions with nominative and canonical names."""
from __future__ import annotations

from .nlp import NlpDoc


def extract(doc: NlpDoc) -> list[dict]:
    """Entity rows (sent_id, start, stop, text, type, normal, canonical) of one article."""
    return []
