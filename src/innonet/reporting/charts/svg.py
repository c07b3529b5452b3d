"""A small SVG writer: every attribute and text passes through one escape, numbers are written
without the active language's format (an SVG coordinate is "12.5", never "12,5")."""

import re
import secrets
from collections.abc import Iterable

from django.utils.html import escape

FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans',"
    " sans-serif"
)
CHAR_WIDTH = 0.58  # average glyph width in em; generous, so estimated text rather fits
ELLIPSIS = "…"
# Characters XML 1.0 forbids (and lone surrogates): they would make the SVG unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ID = re.compile(r"[A-Za-z][\w-]*")


def num(value: float) -> str:
    """A coordinate with at most one decimal, locale-free."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def clean(text: str) -> str:
    """User text without characters that XML cannot hold."""
    return _NOT_XML.sub("", str(text))


def attrs(**values: object) -> str:
    """Attributes from keywords (trailing _ dropped, _ becomes -); None leaves one out."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        name = name.rstrip("_").replace("_", "-")
        shown = num(value) if isinstance(value, float) else clean(str(value))
        parts.append(f' {name}="{escape(shown)}"')
    return "".join(parts)


def element(tag: str, children: Iterable[str] = (), /, **values: object) -> str:
    """An element with escaped attributes around already written children."""
    inner = "".join(children)
    return f"<{tag}{attrs(**values)}>{inner}</{tag}>" if inner else f"<{tag}{attrs(**values)}/>"


def text_node(tag: str, text: str, /, **values: object) -> str:
    """An element holding escaped text (<text>, <title>, <desc>)."""
    return f"<{tag}{attrs(**values)}>{escape(clean(text))}</{tag}>"


def text_width(text: str, size: float) -> float:
    """Estimated width of a text line; no font metrics on the server."""
    return len(text) * size * CHAR_WIDTH


def fit(text: str, width: float, size: float) -> str:
    """The text cut with an ellipsis so that it fits the width."""
    text = clean(text)
    if text_width(text, size) <= width:
        return text
    keep = max(int(width / (size * CHAR_WIDTH)) - 1, 1)
    return text[:keep].rstrip() + ELLIPSIS


def label(text: str, width: float, size: float, /, **values: object) -> str:
    """A <text> fitted to the width; a cut label keeps its full text as a <title> tooltip."""
    shown = fit(text, width, size)
    node = text_node("text", shown, font_size=size, **values)
    if shown == clean(text):
        return node
    return element("g", [text_node("title", text), node])


def new_id(given: str | None = None) -> str:
    """An id prefix for the chart's elements, unique among the charts on one page."""
    if given is not None:
        if not _ID.fullmatch(given):
            raise ValueError(f"not an id: {given!r}")
        return given
    return "chart-" + secrets.token_hex(5)


def points(corners: list[tuple[float, float]]) -> str:
    """A polygon's points attribute."""
    return " ".join(f"{num(x)},{num(y)}" for x, y in corners)
