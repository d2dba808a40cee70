"""Statistics quoted by an article: value, unit, subject, qualifier, year, change."""
from __future__ import annotations

from .nlp import NlpDoc


def extract(doc: NlpDoc) -> list[dict]:
    """Stats rows (sent_id, start, stop, quote, value, unit, subject, …) of one article."""
    return []
