"""Which web addresses the service may fetch an article from (intake by URL).

Only http and https, with a host, and only public addresses: a URL that names
(or resolves to) a loopback, private, link-local or otherwise reserved address
would let anyone who can log a claim make the server read its own network.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import idna

from factcheck.domain.said import Said

MAX_URL_CHARS = 2000
FOUR_NUMBERS = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")


def url_problem(url: str) -> str | None:
    """Why this URL cannot be fetched, or None when its form is acceptable."""
    url = (url or "").strip()
    if not url:
        return Said("give the address of the article")
    if len(url) > MAX_URL_CHARS:
        return Said("the address is longer than %(limit)s characters", limit=MAX_URL_CHARS)
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return Said("the address contains spaces or control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        # "http://[zz]/": brackets promise an IPv6 address and hold none.
        return Said("the address's host is not a valid name or IP address")
    if parts.scheme.lower() not in ("http", "https"):
        return Said("only http:// and https:// addresses can be fetched")
    if not parts.hostname:
        return Said("the address names no host")
    if parts.username or parts.password:
        return Said("the address carries a user name or password; leave them out")
    try:
        parts.port  # noqa: B018 - reading it validates it
    except ValueError:
        return Said("the address has an invalid port")
    if not _is_host(parts.hostname):
        return Said("the address's host is not a valid name or IP address")
    return None


def _is_host(host: str) -> bool:
    """The host is an IP address or a name IDNA can write, as the fetcher's HTTP client reads it.

    That client (httpx) refuses a name in another script that IDNA 2008 does not allow ("☃")
    and cannot read back an xn-- label whose punycode decodes to no name ("xn--a" is U+0080):
    refused here, such a host would otherwise fail deep inside a fetch. Plain ASCII names are
    left as DNS takes them ("r3---sn-abc", "exa_mple").
    """
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        if FOUR_NUMBERS.fullmatch(host):
            return False  # "1.2.3.999" reads as an IPv4 address and is none
    try:
        written = host if host.isascii() else idna.encode(host).decode("ascii")
        for label in written.split("."):
            if label.startswith("xn--"):
                idna.decode(label)
    except UnicodeError:  # idna's errors are UnicodeErrors
        return False
    return True


def linkable(url: str | None) -> str | None:
    """The address, trimmed, if a reader may be sent to it (http or https with a host), else None.

    A page shows any stored address as text but links only these: a javascript: address from an
    article must never become clickable, and one Python cannot even parse must not break the page.
    """
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def is_public(address: str) -> bool:
    """The IP address is one anybody on the internet could reach (not this machine or its network)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)
