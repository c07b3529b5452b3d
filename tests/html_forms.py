"""What a browser would submit from a form on a page: every named field with the value the
page shows (selected options, checked boxes, text), for round-trip tests."""

from html.parser import HTMLParser


class _FormValues(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_form = False
        self.select: str | None = None
        self.textarea: str | None = None
        self.forms: list[list[tuple[str, str]]] = []
        self.values: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "form" and attr.get("method", "get").lower() == "post":
            self.in_form = True
            self.values = []
            self.forms.append(self.values)
        if not self.in_form:
            return
        name = attr.get("name")
        kind = attr.get("type", "text")
        if tag == "input" and name and kind not in ("submit", "button", "file"):
            if kind in ("checkbox", "radio"):
                if "checked" in attr:
                    self.values.append((name, attr.get("value", "on")))
                return
            self.values.append((name, attr.get("value", "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attr:
            self.values.append((self.select, attr.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = name
            self.values.append((name, ""))

    def handle_data(self, data: str) -> None:
        if self.textarea:
            name, text = self.values[-1]
            self.values[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.in_form = False


def form_values(html: str, field: str) -> dict[str, list[str]]:
    """The fields of the POST form on the page that has a field named `field`, as a browser
    would send them (a textarea's first line break is not part of its value)."""
    parser = _FormValues()
    parser.feed(html)
    for fields in parser.forms:
        if any(name == field for name, _value in fields):
            values: dict[str, list[str]] = {}
            for name, value in fields:
                values.setdefault(name, []).append(value.removeprefix("\n"))
            return values
    raise AssertionError(f"no POST form with a field {field!r} on the page")
