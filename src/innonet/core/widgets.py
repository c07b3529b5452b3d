"""The multi-select of every form with many terms to choose from (competences, RIS3 fields,
co-organising networks): a plain `<select multiple>` that `core/js/innonet.js` turns into a
searchable list with removable chips (Tom Select, as bundled by the django-tomselect package).

The page loads Tom Select only when such a select is on it, from our own static files, with
no inline script (the CSP allows none). Without JavaScript the plain select stays, so the
form still works; with it, a click adds a term instead of replacing the selection.
"""

from typing import Any

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

__all__ = ["TOMSELECT_CSS", "TOMSELECT_JS", "MultiSelect"]

TOMSELECT_JS = "django_tomselect/js/django-tomselect.min.js"
TOMSELECT_CSS = "django_tomselect/vendor/tom-select/css/tom-select.bootstrap5.min.css"


class MultiSelect(forms.SelectMultiple):
    """A `SelectMultiple` marked for the enhancement, with the texts it shows in German."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__(attrs={"size": 6, **(attrs or {})}, choices=choices)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-multiselect": "",
                "data-multiselect-js": static(TOMSELECT_JS),
                "data-multiselect-css": static(TOMSELECT_CSS),
                "data-placeholder": str(_("Type to search, Enter to add")),
                "data-no-results": str(_("No matching entry")),
                # %s is the entry's name: the label of the button that removes it
                "data-remove-label": str(_("Remove %s")),
            }
        )
        return context
