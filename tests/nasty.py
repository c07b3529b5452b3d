"""The nasty-string corpus of RELIABILITY.md item 13, shared by form and API tests."""

SCRIPT_MARKER = "<script>alert('nasty')</script>"
SVG_MARKER = '"><svg onload=alert(1)>'

NASTY_STRINGS = [
    "'",
    '"',
    "' OR '1'='1' --",
    SCRIPT_MARKER,
    SVG_MARKER,
    "javascript:alert(1)",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "a\x00b",
    "\ud800",
    "\u202eevil.exe",
    "x" * 10_000,
    "=cmd|' /C calc'!A0",
    "line\r\nBcc: victim@example.org",
    "../../etc/passwd",
    "😀👩‍🔬🇩🇪",
    "1e309",
    "-1",
    "99999999999999999999999999999999",
    "Ärger über Öl & Straße",
    "",
    "   ",
]

# Markers whose raw (unescaped) appearance in a page would mean an injection.
RAW_MARKERS = [SCRIPT_MARKER, "<svg onload=alert(1)>"]


def assert_no_raw_markers(content: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in content, f"unescaped {marker!r} in the response"
