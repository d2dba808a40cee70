"""People with the positions they hold and the organizations of those positions."""
from __future__ import annotations

from .nlp import NlpDoc


def extract(doc: NlpDoc, entities: list[dict]) -> list[dict]:
    """People rows (name, title, org, start, stop, title_start, title_stop, role) of one article."""
    return []
