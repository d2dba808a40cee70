"""HTML pages: the main text, the title and the published date from the page's metadata.

trafilatura (the ``html`` extra) finds the main text of real news pages best; without
it a small standard-library reader keeps the paragraphs of ``<article>`` (or ``<body>``)
and leaves out scripts, styles, navigation, headers, footers, asides and forms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}charset=["']?([\w-]{2,20})""", re.IGNORECASE)


@dataclass(slots=True)
class Page:
    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None


def decode_html(data: bytes) -> tuple[str, str]:
    """(markup, encoding): the charset the page declares, else the text decoder's guess."""
    from .ingest import decode

    declared = _META_CHARSET.search(data[:4096])
    if declared:
        codec = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def extract(markup: str) -> Page:
    """The article of an HTML page.

    >>> extract("<html><head><title>НПО</title></head><body><nav>Меню</nav>"
    ...         "<article><p>Первый абзац.</p><p>Второй абзац.</p></article></body></html>").text
    'Первый абзац.\\n\\nВторой абзац.'
    """
    meta = _Meta()
    meta.feed(markup)
    page = _with_trafilatura(markup)
    if page is None or not page.text.strip():
        reader = _Reader()
        reader.feed(markup)
        page = Page(reader.text())
    page.title = page.title or meta.title
    page.published = page.published or meta.published
    page.author = page.author or meta.author
    return page


def _with_trafilatura(markup: str) -> Page | None:
    try:
        import trafilatura
    except ImportError:
        return None
    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        return None
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    # trafilatura gives one paragraph per line; a blank line between them is what the
    # clean stage and the sentence splitter expect of a page.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return Page(text, title=get("title"), published=get("date"), author=get("author"))


class _Meta(HTMLParser):
    """<title>, og:title, article:published_time, author meta tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = self.published = self.author = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            content = a.get("content", "").strip()
            if key in ("og:title", "twitter:title") and content:
                self.title = content
            elif key in ("article:published_time", "datepublished", "pubdate", "date") and content:
                self.published = self.published or content[:10]
            elif key in ("author", "article:author") and content:
                self.author = self.author or content
        elif tag == "time" and a.get("datetime") and not self.published:
            self.published = a["datetime"][:10]

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title and not self.title and data.strip():
            self.title = data.strip()


class _Reader(HTMLParser):
    """Paragraph text of a page, without its chrome."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "button",
            "figcaption", "svg", "iframe", "template"}
    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article",
             "br", "tr", "td"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_article = 0
        self.parts: list[str] = []
        self.article_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "article":
            self.in_article += 1
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag == "article" and self.in_article:
            self.in_article -= 1
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_data(self, data):
        if not self.skip:
            self._emit(data)

    def _emit(self, text):
        self.parts.append(text)
        if self.in_article:
            self.article_parts.append(text)

    def text(self) -> str:
        raw = "".join(self.article_parts) or "".join(self.parts)
        lines = [re.sub(r"[ \t\u00a0]+", lambda m: "\u00a0" if m.group() == "\u00a0" else " ", line).strip()
                 for line in raw.split("\n")]
        return "\n\n".join(line for line in lines if line)
