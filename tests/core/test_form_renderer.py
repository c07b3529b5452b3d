"""The project's form renderer writes drop-downs in Python: the markup must mean exactly what
Django's templates write (same options, values, labels, attributes and escaping)."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from innonet.core.renderers import FormRenderer
from innonet.core.widgets import MultiSelect

CHOICES = [
    ("", "all"),
    ("a", 'Bäckerei "Süß" <b>&</b>'),
    ("Region", [("1", "Osnabrück"), ("2", "Emsland")]),
    (3, "three"),
]


class Chooser(forms.Form):
    single = forms.ChoiceField(choices=CHOICES, required=False)
    several = forms.MultipleChoiceField(
        choices=CHOICES, required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    enhanced = forms.MultipleChoiceField(choices=CHOICES, required=False, widget=MultiSelect)
    hidden_off = forms.ChoiceField(
        choices=CHOICES,
        required=False,
        widget=forms.Select(attrs={"disabled": True, "data-x": 'a"b', "data-off": False}),
    )


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize(
    "data",
    [{}, {"single": "2", "several": ["a", "3"], "enhanced": ["1"], "hidden_off": "a"}],
    ids=["empty", "chosen"],
)
@pytest.mark.parametrize("field", ["single", "several", "enhanced", "hidden_off"])
def test_drop_downs_render_like_djangos_templates(field, data):
    ours = Chooser(data or None, renderer=FormRenderer())[field].as_widget()
    djangos = Chooser(data or None, renderer=DjangoTemplates())[field].as_widget()
    assert normalised(ours) == normalised(djangos)
    assert "<b>" not in ours and "&lt;b&gt;" in ours


def test_a_widget_with_its_own_option_template_is_left_to_django():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    form_field = forms.ChoiceField(choices=CHOICES, widget=Custom)
    form = forms.Form(renderer=FormRenderer())
    form.fields["x"] = form_field
    html = form["x"].as_widget()
    assert "<select" in html and "<option" not in html  # Django's own template took over
