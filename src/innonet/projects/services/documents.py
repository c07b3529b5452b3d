"""Project documents (RELIABILITY.md item 19): a size limit, a short list of office formats,
the content must agree with the extension (magic bytes, the inner structure of ZIP-based
office files), never HTML or SVG, stored under a generated name."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError

from ..models import InnovationProject, ProjectDocument
from ..models.work import DOCUMENT_EXTENSIONS
from .common import clean_or_raise, user_or_none

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
HEAD_BYTES = 8192
ZIP_MAGIC = b"PK\x03\x04"
BINARY_MAGIC = (b"%PDF-", ZIP_MAGIC, b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0")
MARKUP = (b"<!doctype html", b"<html", b"<svg", b"<script", b"<?xml", b"<body", b"<iframe")
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "txt": "text/plain",
    "csv": "text/csv",
}


def _extension(name: str) -> str:
    extension = PurePosixPath(name or "").suffix.lower().lstrip(".")
    return "jpg" if extension == "jpeg" else extension


def validate_document_upload(file: Any) -> DocumentType:
    """Check an uploaded project document and return its type. Raises ValidationError with
    a message fit for the form: too large, a type not accepted, or content that does not
    match the extension."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); at most %(limit)s are allowed.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_DOCUMENT_BYTES)},
            code="file_too_large",
        )
    extension = _extension(getattr(file, "name", ""))
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _("This type of file is not accepted (allowed: %(extensions)s).")
            % {"extensions": ", ".join(DOCUMENT_EXTENSIONS)},
            code="invalid_extension",
        )
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if not _content_matches(_stream(file), extension):
        raise ValidationError(
            _("The file's content does not match its extension “.%(extension)s”.")
            % {"extension": extension},
            code="extension_mismatch",
        )
    return DocumentType(extension, CONTENT_TYPES[extension])


def _stream(file: Any) -> IO[bytes]:
    return file.file if getattr(file, "file", None) is not None else file


def _content_matches(stream: IO[bytes], extension: str) -> bool:
    stream.seek(0)
    try:
        head = stream.read(HEAD_BYTES)
        if extension == "pdf":
            return head.startswith(b"%PDF-")
        if extension == "png":
            return head.startswith(b"\x89PNG\r\n\x1a\n")
        if extension == "jpg":
            return head.startswith(b"\xff\xd8\xff")
        if extension in ("txt", "csv"):
            return _is_plain_text(head)
        return head.startswith(ZIP_MAGIC) and _office_structure(stream, extension)
    finally:
        stream.seek(0)


def _is_plain_text(head: bytes) -> bool:
    """Text without NUL bytes, in UTF-8 or Windows-1252 (Excel's CSV), that is no markup
    and no binary format renamed to .txt."""
    if b"\x00" in head or head.startswith(BINARY_MAGIC):
        return False
    text = _decode(head)
    if text is None:
        return False
    folded = text.lstrip().lower().encode()
    return not any(marker in folded for marker in MARKUP)


def _decode(head: bytes) -> str | None:
    """The head as UTF-8 (a multi-byte character cut at the end of a full head is allowed),
    else as Windows-1252; None when it is neither."""
    full = len(head) == HEAD_BYTES
    body = head.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        if full and error.start >= len(body) - 3:
            return body[: error.start].decode("utf-8")
    try:
        return head.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _office_structure(stream: IO[bytes], extension: str) -> bool:
    """ZIP-based office files name their kind inside; only the directory and the small
    `mimetype` member are read, never the (possibly huge) contents."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if extension in ODF_MIMETYPES:
                if "mimetype" not in names or archive.getinfo("mimetype").file_size > 100:
                    return False
                return archive.read("mimetype").strip() == ODF_MIMETYPES[extension]
            return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def _clean_name(name: str) -> str:
    """The uploader's file name without any path, for display and the download."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    return "".join(char for char in base if char.isprintable())[:200] or "document"


@transaction.atomic
def document_add(
    project: InnovationProject, *, file: Any, kind: str, acting_user: User | None
) -> ProjectDocument:
    """Store a checked document with the project. Its stored name is generated; the original
    name is kept for the download."""
    try:
        document_type = validate_document_upload(file)
    except ValidationError as error:
        raise DomainError(error.messages[0], field="file") from error
    document = ProjectDocument(
        project=project,
        original_name=_clean_name(file.name),
        kind=kind,
        size=file.size,
        content_type=document_type.content_type,
        uploaded_by=user_or_none(acting_user),
    )
    clean_or_raise(document, exclude=["file"])
    document.file.save(file.name, file, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)  # no file without its record
        raise
    audit.record(
        project, "projects.document.added", user=acting_user, data={"document": document.pk}
    )
    return document
