"""The form of news items and knowledge articles (the lists' FilterSets are in filters). It
checks input only; `services.publications` applies the rules and writes."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.collation import german_order
from innonet.core.forms import BoundedModelMultipleChoiceField, StyledFormMixin
from innonet.core.models import Competence, Ris3Field
from innonet.core.uploads import ImageUploadField
from innonet.core.versioning.forms import VersionedFormMixin
from innonet.core.widgets import MultiSelect

from ..models import KnowledgeArticle, News, Publication, Tag

__all__ = ["ArticleForm", "NewsForm", "PublicationForm"]

FIELDS = [
    "title", "summary", "body", "image", "image_alt", "audience", "published_at", "slug",
    "tags", "ris3_fields", "competences",
]  # fmt: skip
ACCEPTED_IMAGES = "image/png,image/jpeg,image/webp"


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date and time picker; values are local time in the site's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class _CurrentImage:
    url: str
    label: str

    def __str__(self) -> str:
        return self.label


class ImageInput(forms.ClearableFileInput):
    """Links the current picture to the checked picture view: media files have no public URL."""

    image_url = ""

    def format_value(self, value: Any) -> Any:
        if value and self.image_url and not isinstance(value, UploadedFile):
            return _CurrentImage(url=self.image_url, label=str(_("current picture")))
        return None


def _terms(model: type, chosen: list[int]) -> QuerySet:
    """Active taxonomy terms, plus those already chosen even if retired since."""
    return model.objects.filter(Q(is_active=True) | Q(pk__in=chosen)).order_by(german_order("name"))


class PublicationForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    """Write or edit an item. Tags are chosen from the existing ones or typed as new ones;
    `version` travels along for optimistic locking."""

    new_tags = forms.CharField(
        label=_("new tags"),
        required=False,
        max_length=300,
        help_text=_("Tags that do not exist yet, separated by commas."),
    )

    field_order = [*FIELDS[:-2], "new_tags", *FIELDS[-2:]]

    class Meta:
        model: type[Publication] = News
        fields = FIELDS
        field_classes = {
            "image": ImageUploadField,
            "tags": BoundedModelMultipleChoiceField,
            "ris3_fields": BoundedModelMultipleChoiceField,
            "competences": BoundedModelMultipleChoiceField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 600}),
            "body": forms.Textarea(attrs={"rows": 16, "maxlength": 100_000}),
            "image": ImageInput(attrs={"accept": ACCEPTED_IMAGES}),
            "published_at": DateTimeLocalInput(),
            "tags": MultiSelect(attrs={"size": 6}),
            "ris3_fields": MultiSelect(attrs={"size": 6}),
            "competences": MultiSelect(attrs={"size": 8}),
        }
        help_texts = {
            "summary": _("One or two sentences shown in lists, feeds and on the start page."),
            "body": _(
                "Markdown: **bold**, *italic*, [link](https://…), lists with “-”, headings "
                "with “##”. HTML is not taken over."
            ),
            "image_alt": _("Required with a picture: what it shows, for screen readers."),
            "audience": _("Members: every signed-in user. Public: everyone, also in the feeds."),
            "published_at": _(
                "Empty: a draft that only the office sees. A date ahead: it appears then."
            ),
            "slug": _("The item's web address; empty: made from the title."),
        }

    def __init__(self, *args: Any, image_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance if self.instance.pk else None
        self.fields["slug"].required = False
        self.fields["tags"].queryset = Tag.objects.order_by(german_order("name"))
        self.fields["tags"].required = False
        for name, model in (("ris3_fields", Ris3Field), ("competences", Competence)):
            chosen = list(getattr(instance, name).values_list("pk", flat=True)) if instance else []
            self.fields[name].queryset = _terms(model, chosen)
        self.fields["image"].widget.image_url = image_url

    def _post_clean(self) -> None:
        # Validate against a copy, so a rejected form leaves the loaded record untouched.
        if self.instance.pk:
            original = self.instance
            self.instance = type(original).objects.get(pk=original.pk)
            try:
                super()._post_clean()
            finally:
                self.instance = original
        else:
            super()._post_clean()

    def data_for_service(self) -> dict[str, Any]:
        """The cleaned fields the service takes; new tag names join the chosen tags, and a
        cleared picture becomes "" (no file)."""
        data = {name: self.cleaned_data.get(name) for name in FIELDS}
        typed = [part for part in self.cleaned_data.get("new_tags", "").split(",") if part.strip()]
        data["tags"] = [*(data.get("tags") or []), *typed]
        if data.get("image") in (None, False):
            data["image"] = "" if data.get("image") is False else self.instance.image
        return data


class NewsForm(PublicationForm):
    class Meta(PublicationForm.Meta):
        model = News


class ArticleForm(PublicationForm):
    class Meta(PublicationForm.Meta):
        model = KnowledgeArticle
