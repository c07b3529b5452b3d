"""Input checks shared by models, forms, serializers and imports: plain text and e-mail addresses.

Every text field of the project refuses control characters (and one-line fields refuse line
breaks) through `one_line` and `plain_text`, which the model fields in `core.models.fields`
carry, so forms, the API and `full_clean` all apply them.

Django's EmailValidator accepts addresses that can never receive mail (`a@localhost`,
`a@[127.0.0.1]`, reserved test domains) and throwaway inboxes; a registration with such an
address would never be confirmed and only costs a mail, so they are refused with a message."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

# RFC 2606 / RFC 6761 names that never deliver mail.
RESERVED_TLDS = frozenset({"invalid", "test", "localhost", "local", "example", "internal"})
RESERVED_DOMAINS = frozenset({"example.com", "example.net", "example.org"})
# Well-known throwaway inboxes; a short list on purpose (no network lookups at runtime).
DISPOSABLE_DOMAINS = frozenset(
    {
        "10minutemail.com",
        "guerrillamail.com",
        "mailinator.com",
        "maildrop.cc",
        "sharklasers.com",
        "temp-mail.org",
        "tempmail.com",
        "throwawaymail.com",
        "trashmail.com",
        "trashmail.de",
        "wegwerfmail.de",
        "yopmail.com",
    }
)
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$")
# Bidirectional overrides and isolates let a name display differently from what it is.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_email_syntax = EmailValidator(message=_("Please enter a valid e-mail address."))


def check_email_address(value: str) -> str:
    """The address, lower-cased, or ValidationError when it cannot be a real mailbox."""
    address = (value or "").strip().lower()
    _email_syntax(address)
    domain = address.rpartition("@")[2]
    if domain.startswith("[") or "." not in domain:
        raise ValidationError(
            _("Please use an address with a full domain name (like name@company.de)."),
            code="email_domain",
        )
    tld = domain.rsplit(".", 1)[1]
    if (
        not _TLD.match(tld)
        or tld in RESERVED_TLDS
        or domain in RESERVED_DOMAINS
        or any(domain.endswith(f".{reserved}") for reserved in RESERVED_DOMAINS)
    ):
        raise ValidationError(
            _("The domain “%(domain)s” cannot receive mail. Please use your real address."),
            code="email_reserved",
            params={"domain": domain},
        )
    if domain in DISPOSABLE_DOMAINS:
        raise ValidationError(
            _("Please do not use a disposable address; we need to reach you about the event."),
            code="email_disposable",
        )
    return address


def check_plain_text(value: str, *, multiline: bool = False) -> str:
    """Refuse control characters (and line breaks in one-line fields). Markup stays text:
    templates escape it, so `<b>` is shown as typed and never interpreted."""
    for char in value or "":
        if char in "\r\n" and not multiline:
            raise ValidationError(_("Please enter this on one line."), code="line_break")
        if char in "\r\n\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in _BIDI_CONTROLS:
            raise ValidationError(
                _("Please remove the invisible control characters from this field."),
                code="control_character",
            )
    return value


def one_line(value: str) -> None:
    """Model validator: no control characters, no line breaks."""
    check_plain_text(value, multiline=False)


def plain_text(value: str) -> None:
    """Model validator: no control characters; line breaks and tabs are fine."""
    check_plain_text(value, multiline=True)
