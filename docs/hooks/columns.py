"""mkdocs hook: the column reference is generated from ngotext.frames.SCHEMAS at build
time, so the documentation cannot drift from the code."""
from __future__ import annotations

MARKER = "<!-- columns -->"


def column_reference() -> str:
    from ngotext.frames import SCHEMAS

    out = []
    for frame, cols in SCHEMAS.items():
        out.append(f"## `{frame}`\n\n| column | dtype | meaning |\n|---|---|---|")
        out.extend(f"| `{name}` | `{dtype}` | {text} |" for name, dtype, text in cols)
        out.append("")
    return "\n".join(out)


def on_page_markdown(markdown, page, config, files):
    if MARKER in markdown:
        return markdown.replace(MARKER, column_reference())
    return markdown
