"""Check a web address an editor typed or pasted; never raises.

Why a module of its own: ``urllib.parse`` raises on some of what editors paste (a
Markdown link ``https://a.nl](https://a.nl`` or an unclosed ``[`` is "Invalid IPv6
URL", a full-width solidus fails NFKC normalisation, ``:99999`` is "Port out of
range"), and it accepts other things no reader can open (``https://./``, a user name
and password, quotes and tags). The source URLs (``bronnen[].url``, ``contact.url``)
and the links in Markdown text go through the same check, which returns the
catalogue code of what is wrong, or None.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import SplitResult, urlsplit

from inspiratieboek.data.messages import Said, say

HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$", re.IGNORECASE)
NOT_IN_URL = re.compile(r"[\s\"'<>\\^`{|}\[\]]")
"""Characters a browser's address bar never gives you unescaped (RFC 3986 excludes them)."""


def check_url(value: object) -> Said | None:
    """What is wrong with an https address, as a catalogue message; None when it is fine."""
    shown = show(value)
    if not isinstance(value, str):
        return say("url.invalid", value=shown)
    if "](" in value or value.startswith("[") or re.search(r"\]\s*$|\[", value):
        return say("url.markdown", value=shown)
    odd = _odd_characters(value)
    if odd:
        return say("url.characters", value=shown, chars=", ".join(f"'{c}'" for c in odd))
    try:
        parts = urlsplit(value)
    except ValueError:
        return say("url.invalid", value=shown)
    if parts.scheme != "https" or not parts.netloc:
        return say("url.invalid", value=shown)
    return _check_parts(parts, shown)


def _check_parts(parts: SplitResult, shown: str) -> Said | None:
    if "@" in parts.netloc:
        return say("url.credentials", value=shown)
    try:
        parts.port  # noqa: B018 - reading it validates it
    except ValueError:
        return say("url.port", value=shown)
    if parts.netloc.endswith(":"):
        return say("url.port", value=shown)
    try:
        # A name with letters such as ü is fine; the browser sends its ASCII (IDNA) form.
        host = (parts.hostname or "").rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return say("url.host", value=shown)
    labels = host.split(".")
    if len(labels) < 2 or not all(HOST_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return say("url.host", value=shown)
    return None


def _odd_characters(value: str) -> list[str]:
    """Characters that do not belong in an address: spaces, quotes, tags, look-alike slashes."""
    found: list[str] = []
    for char in value:
        odd = NOT_IN_URL.match(char) or unicodedata.category(char)[0] in {"C", "Z"} or _looks_like_ascii(char)
        if odd and char not in found:
            found.append(char)
    return found[:5]


def _looks_like_ascii(char: str) -> bool:
    """A full-width or other compatibility form of an ASCII sign (／, ：, ．): a paste from another script."""
    if char.isascii() or char.isalnum():
        return False
    folded = unicodedata.normalize("NFKC", char)
    return folded != char and folded.isascii()


def show(value: object) -> str:
    """A value as a message shows it: quoted text, cut to 60 characters."""
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"
