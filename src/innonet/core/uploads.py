"""Image uploads (RELIABILITY.md item 19): a size limit, raster formats only, the file name's
extension must agree with the content, no decompression bombs, and stored under generated names.

SVG and GIF are not accepted: SVG is active content (scripts), and neither is needed for logos.
"""

import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 4000 * 4000


@dataclass(frozen=True)
class ImageType:
    """One accepted image format: Pillow's name, the stored extension and the content type."""

    pillow_format: str
    extension: str
    content_type: str
    extensions: frozenset[str]


IMAGE_TYPES = (
    ImageType("PNG", "png", "image/png", frozenset({"png"})),
    ImageType("JPEG", "jpg", "image/jpeg", frozenset({"jpg", "jpeg"})),
    ImageType("WEBP", "webp", "image/webp", frozenset({"webp"})),
)
ALLOWED_EXTENSIONS = sorted(ext for kind in IMAGE_TYPES for ext in kind.extensions)


def _extension(name: str) -> str:
    return PurePosixPath(name or "").suffix.lower().lstrip(".")


def image_type_for_name(name: str) -> ImageType | None:
    """The accepted image type a file name's extension stands for, or None."""
    extension = _extension(name)
    return next((kind for kind in IMAGE_TYPES if extension in kind.extensions), None)


def validate_image_upload(file: Any) -> str:
    """Check an uploaded image and return its Pillow format ("PNG", "JPEG" or "WEBP").

    Raises ValidationError with a message fit for the form: too large, a type that is not
    accepted, content that is no image of that type, or more pixels than allowed.
    """
    size = getattr(file, "size", None)
    if size is not None and size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); at most %(limit)s are allowed."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_IMAGE_BYTES)},
        )
    expected = image_type_for_name(getattr(file, "name", ""))
    if expected is None:
        raise ValidationError(
            _("Only PNG, JPEG and WebP images are accepted (allowed extensions: %(extensions)s)."),
            code="invalid_extension",
            params={"extensions": ", ".join(ALLOWED_EXTENSIONS)},
        )
    image_format = _read_format(file)
    if image_format != expected.pillow_format:
        raise ValidationError(
            _("The file's content does not match its extension “.%(extension)s”."),
            code="extension_mismatch",
            params={"extension": _extension(file.name)},
        )
    return image_format


def _read_format(file: Any) -> str:
    """Open the file with Pillow (accepted formats only) and verify it; the position is reset."""
    stream: IO[bytes] = file.file if hasattr(file, "file") and file.file is not None else file
    stream.seek(0)
    invalid = ValidationError(
        _("The file is not a valid PNG, JPEG or WebP image."), code="invalid_image"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            formats = [kind.pillow_format for kind in IMAGE_TYPES]
            with Image.open(stream, formats=formats) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels()
                image_format = image.format
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except Exception as error:  # Pillow raises many kinds on broken or foreign content.
        raise invalid from error
    finally:
        stream.seek(0)
    if image_format is None:
        raise invalid
    return str(image_format)


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The image has too many pixels; at most %(megapixels)s megapixels are allowed."),
        code="too_many_pixels",
        params={"megapixels": MAX_IMAGE_PIXELS // 1_000_000},
    )


def validate_stored_image(value: Any) -> None:
    """Model field validator: checks new uploads; files already stored were checked before."""
    if value and not getattr(value, "_committed", False):
        validate_image_upload(value)


@deconstructible
class GeneratedName:
    """`upload_to` callable: stores a file as <folder>/<uuid>.<extension of its image type>,
    never under the name the uploader chose."""

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        kind = image_type_for_name(filename)
        extension = kind.extension if kind is not None else "bin"
        return f"{self.folder}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GeneratedName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


class ImageUploadField(forms.ImageField):
    """Form field running these checks before Django's own, so the user reads which rule the
    file broke (e.g. "only PNG, JPEG and WebP") rather than a generic "not a valid image"."""

    def to_python(self, data: Any) -> Any:
        if data not in self.empty_values:
            validate_image_upload(data)
        return super().to_python(data)
