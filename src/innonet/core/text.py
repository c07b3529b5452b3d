"""User-written rich text: an allow-list of harmless HTML, never run through the template engine.

Descriptions of events, news and profiles may carry simple formatting. `sanitize_html` keeps
only the tags and attributes listed here, forces safe link targets and drops everything else,
so stored text can be shown with `|rich` without opening a script injection.
"""

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "i", "li", "ol", "p",
    "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"colspan"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(text: str) -> str:
    """Clean HTML: allowed tags only, links get rel=noopener noreferrer nofollow."""
    # Lone surrogates cannot be encoded; they become U+FFFD instead of an error.
    text = (text or "").encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


_markdown = None


def render_markdown(text: str) -> str:
    """Markdown (CommonMark with tables) to sanitised HTML. Raw HTML in the source is not
    passed through by the parser, and the result goes through the same allow-list."""
    global _markdown
    if _markdown is None:
        from markdown_it import MarkdownIt

        _markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    text = (text or "").encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return sanitize_html(_markdown.render(text))
