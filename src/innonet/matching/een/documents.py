"""Reading and writing files of the EEN partnering exchange format, as JSON or as XML.

Reading protects the server before anything is parsed: the size of the file, that its name and
content agree, the encoding, and for XML no document type declaration at all (so no entity
expansion and no external references, whatever the parser would do with them). Whatever is
wrong with the file as a whole raises `EenFileError` with a message for the person who sent it;
a readable file gives plain dicts, one per profile, checked field by field in `records`.
"""

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as StdElementTree  # for writing only; reading is defused

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from django.utils.translation import gettext as _

from innonet.core.errors import DomainError

from . import vocabulary as words

__all__ = ["MAX_FILE_BYTES", "MAX_PROFILES", "Document", "EenFileError", "read", "write"]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_PROFILES = 100
MAX_DEPTH = 20
UTF8_BOM = b"\xef\xbb\xbf"
ENCODING_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=", re.IGNORECASE)
# Characters XML 1.0 cannot carry; stored text never has them, but the writer must not fail.
NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class EenFileError(DomainError):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class Document:
    """The profiles of a readable file, and what the file holds beside them."""

    file_format: str
    profiles: list[dict[str, Any]]
    version: str = ""
    unknown: list[str] = field(default_factory=list)


def read(data: bytes, filename: str) -> Document:
    """Check and read an uploaded file; raises EenFileError with a clear message."""
    if not data.strip():
        raise EenFileError(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise EenFileError(
            _("The file is too large (%(size)s MB); at most %(max)d MB are read.")
            % {"size": f"{len(data) / 1_048_576:.1f}", "max": MAX_FILE_BYTES // 1_048_576}
        )
    file_format = _sniff(data)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in ("json", "xml") and extension != file_format:
        raise EenFileError(
            _("The file is named .%(extension)s but its content is %(format)s.")
            % {"extension": extension, "format": file_format.upper()}
        )
    raw = _read_json(data) if file_format == "json" else _read_xml(data)
    return _document(file_format, raw)


def _sniff(data: bytes) -> str:
    start = data.removeprefix(UTF8_BOM).lstrip()[:1]
    if start in (b"{", b"["):
        return "json"
    if start == b"<":
        return "xml"
    raise EenFileError(
        _("The file is neither JSON nor XML. Export the profiles as a JSON or XML file.")
    )


def _document(file_format: str, raw: Any) -> Document:
    """The profiles of a parsed file: a document with `profiles`, or a single profile."""
    if not isinstance(raw, dict):
        raise EenFileError(_("The file must hold an object with a list of profiles."))
    if "profiles" not in raw and "title" in raw:
        raw = {"profiles": [raw]}
    fmt, version = raw.get("format"), raw.get("version")
    if fmt is not None and fmt != words.FORMAT_NAME:
        raise EenFileError(
            _("The file is in the format “%(format)s”, not in the EEN partnering format.")
            % {"format": str(fmt)[:80]}
        )
    if version is not None and str(version).split(".")[0] != words.SUPPORTED_MAJOR:
        raise EenFileError(
            _(
                "Version %(version)s of the format cannot be read; this installation reads "
                "version %(supported)s."
            )
            % {"version": str(version)[:20], "supported": words.FORMAT_VERSION}
        )
    profiles = raw.get("profiles")
    if not isinstance(profiles, list) or not profiles:
        raise EenFileError(_("The file holds no profiles."))
    if len(profiles) > MAX_PROFILES:
        raise EenFileError(
            _("The file holds %(count)d profiles; at most %(max)d are imported at once.")
            % {"count": len(profiles), "max": MAX_PROFILES}
        )
    for number, profile in enumerate(profiles, start=1):
        if not isinstance(profile, dict):
            raise EenFileError(_("Profile %(number)d is not a set of fields.") % {"number": number})
    unknown = sorted(str(name) for name in raw if name not in words.DOCUMENT_FIELDS)
    return Document(file_format, profiles, str(version or ""), unknown)


# -- JSON ----------------------------------------------------------------------------------------


def _read_json(data: bytes) -> Any:
    try:
        text = data.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        raise EenFileError(
            _("The file is not UTF-8 encoded (byte %(position)d). Save it as UTF-8 and try again.")
            % {"position": error.start + 1}
        ) from error
    try:
        return json.loads(
            text, object_pairs_hook=_unique_keys, parse_constant=_no_constant, parse_float=Decimal
        )
    except json.JSONDecodeError as error:
        raise EenFileError(
            _("The JSON is broken at line %(line)d, column %(column)d: %(reason)s")
            % {"line": error.lineno, "column": error.colno, "reason": error.msg}
        ) from error
    except RecursionError as error:
        raise EenFileError(_("The JSON is nested too deeply.")) from error
    except ValueError as error:  # duplicate keys, NaN, integers too long to read
        raise EenFileError(_("The JSON cannot be read: %(reason)s") % {"reason": error}) from error


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(_("the field “%(name)s” appears twice") % {"name": key[:80]})
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(_("%(name)s is not a number") % {"name": name})


# -- XML -----------------------------------------------------------------------------------------


def _read_xml(data: bytes) -> dict[str, Any]:
    if not ENCODING_DECLARATION.match(data.removeprefix(UTF8_BOM)):
        try:
            data.removeprefix(UTF8_BOM).decode("utf-8")
        except UnicodeDecodeError as error:
            raise EenFileError(
                _(
                    "The file is not UTF-8 encoded and declares no other encoding (byte "
                    "%(position)d). Save it as UTF-8 and try again."
                )
                % {"position": error.start + 1}
            ) from error
    try:
        root = SafeElementTree.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as error:
        raise EenFileError(
            _(
                "The XML contains a document type or entity declarations, which are refused "
                "for safety. Remove them and try again."
            )
        ) from error
    except SafeElementTree.ParseError as error:
        line, column = error.position
        raise EenFileError(
            _("The XML is broken at line %(line)d, column %(column)d.")
            % {"line": line, "column": column + 1}
        ) from error
    except (LookupError, ValueError) as error:  # an encoding Python does not know
        raise EenFileError(
            _("The XML declares an encoding that cannot be read. Save it as UTF-8.")
        ) from error
    name = _local(root.tag)
    if name == "profile":
        return {"profiles": [_element_dict(root, "profile", 1)]}
    if name != "profiles":
        raise EenFileError(
            _("The XML's root element is “%(name)s”; expected “profiles”.") % {"name": name[:80]}
        )
    document: dict[str, Any] = {f"@{_local(key)}": value for key, value in root.attrib.items()}
    document["format"] = document.pop("@format", None)
    document["version"] = document.pop("@version", None)
    profiles, others = [], []
    for child in root:
        if _local(child.tag) == "profile":
            profiles.append(_element_dict(child, "profile", 1))
        else:
            others.append(_local(child.tag))
    document["profiles"] = profiles
    document.update(dict.fromkeys(others, ""))
    return document


def _local(tag: Any) -> str:
    """A tag without our namespace; a foreign namespace stays (so it counts as unknown)."""
    if not isinstance(tag, str):  # a comment or processing instruction
        return ""
    prefix = "{" + words.XML_NAMESPACE + "}"
    return tag.removeprefix(prefix)


def _element_dict(element: Any, path: str, depth: int) -> dict[str, Any]:
    if depth > MAX_DEPTH:
        raise EenFileError(_("The XML is nested too deeply."))
    result: dict[str, Any] = {f"@{_local(key)}": value for key, value in element.attrib.items()}
    for child in element:
        name = _local(child.tag)
        if not name:
            continue
        if name in result:
            raise EenFileError(
                _("In %(path)s the field “%(name)s” appears twice.")
                % {"path": path, "name": name[:80]}
            )
        result[name] = _element_value(child, name, f"{path}/{name}", depth + 1)
    return result


def _element_value(element: Any, name: str, path: str, depth: int) -> Any:
    children = [child for child in element if _local(child.tag)]
    if name in words.LIST_ITEMS:
        item = words.LIST_ITEMS[name]
        return [
            _element_value(child, item, f"{path}/{item}", depth + 1)
            if _local(child.tag) == item
            else {_local(child.tag): ""}
            for child in children
        ]
    if children:
        return _element_dict(element, path, depth)
    return (element.text or "").strip()


# -- writing -------------------------------------------------------------------------------------


def write(records: list[dict[str, Any]], file_format: str, *, exported_at: str) -> bytes:
    """A complete file of the format holding `records` (from `records.profile_record`)."""
    document = {
        "format": words.FORMAT_NAME,
        "version": words.FORMAT_VERSION,
        "exported_at": exported_at,
        "profiles": records,
    }
    if file_format == "json":
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return _write_xml(document)


def _write_xml(document: dict[str, Any]) -> bytes:
    # Plain names with the namespace declared on the root: every element is in our namespace.
    root = StdElementTree.Element(
        "profiles",
        {
            "xmlns": words.XML_NAMESPACE,
            "format": document["format"],
            "version": document["version"],
        },
    )
    StdElementTree.SubElement(root, "exported_at").text = document["exported_at"]
    for record in document["profiles"]:
        _xml_fields(StdElementTree.SubElement(root, "profile"), record)
    StdElementTree.indent(root)
    body = StdElementTree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _xml_fields(parent: Any, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if value in (None, "", [], {}):
            continue
        element = StdElementTree.SubElement(parent, name)
        if isinstance(value, dict):
            _xml_fields(element, value)
        elif isinstance(value, list):
            for item in value:
                item_element = StdElementTree.SubElement(element, words.LIST_ITEMS[name])
                item_element.text = _xml_text(item)
        else:
            element.text = _xml_text(value)


def _xml_text(value: Any) -> str:
    return NOT_IN_XML.sub("\ufffd", str(value))
