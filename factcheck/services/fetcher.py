"""Fetch one web page for intake by URL: bounded in time, size and redirects, public hosts only.

Each hop of a redirect is checked again (scheme, host, address), so a public
page cannot bounce the server onto its own network. The host is resolved
before connecting and every address it resolves to must be public, unless the
FETCH_ALLOW_PRIVATE setting is on (the tests serve saved pages from 127.0.0.1).
The connection then goes to the address that was checked, not to a second
lookup's answer: a name whose DNS answers a public address to the check and a
private one a moment later (rebinding) cannot reach the private one. The whole
fetch, redirects and a slowly dripping body included, ends after `total` seconds.
"""

from __future__ import annotations

import hashlib
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from factcheck.domain.said import Number, Said
from factcheck.domain.web_address import is_public, url_problem

READABLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "factcheck/1 (+intake by URL; one request per reviewer action)"


class FetchFailed(Exception):
    """The page could not be fetched; the message says why, for the reviewer."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 10.0
    max_redirects: int = 5
    allow_private: bool = False
    total: float = 30.0  # the whole fetch, however the server paces its answers


@dataclass(frozen=True)
class Page:
    final_url: str
    http_status: int
    content_type: str
    body: bytes
    sha256: str


def fetch(url: str, limits: Limits) -> Page:
    """GET the page, following at most `max_redirects` checked redirects."""
    deadline = time.monotonic() + limits.total
    with httpx.Client(
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.8"},
        trust_env=False,
    ) as client:
        for _ in range(limits.max_redirects + 1):
            addresses = _checked_addresses(url, limits)
            response = _open(client, url, addresses, limits, deadline)
            try:
                _in_time(deadline, limits)  # the headers may have come in slowly too
                if response.is_redirect and "location" in response.headers:
                    url = _next_hop(url, response.headers["location"])
                    continue
                return _read(url, response, limits, deadline)
            except httpx.HTTPError as err:
                raise _failed(err, limits.timeout) from err
            finally:
                response.close()
    raise FetchFailed(
        Said(
            "more than %(count)s redirects",
            count=Number(str(limits.max_redirects), limits.max_redirects),
        )
    )


def _open(
    client: httpx.Client, url: str, addresses: list[str], limits: Limits, deadline: float
) -> httpx.Response:
    """Send the request to the checked addresses in turn until one answers; the response, open."""
    for address in addresses:
        _in_time(deadline, limits)
        # No single wait may outlast the whole fetch's time.
        wait = max(0.1, min(limits.timeout, deadline - time.monotonic()))
        try:
            request = _to_address(client, url, address, httpx.Timeout(wait))
        except (httpx.InvalidURL, UnicodeError) as err:
            raise FetchFailed(
                Said("the address cannot be read: %(error)s", error=str(err))
            ) from err
        try:
            return client.send(request, stream=True)
        except httpx.InvalidURL as err:
            # httpx works out a redirect's next request even when it does not follow it, and a
            # Location such as javascript:… is no address at all.
            raise FetchFailed(
                Said("the page redirects to something that is not a web address")
            ) from err
        except UnicodeError as err:
            # The request goes to an IP address, so the one name httpx reads back while sending
            # is the redirect's (to compare origins): there an xn-- host that decodes to no name
            # (xn--a) raises idna's error, a UnicodeError, before the hop can be checked.
            raise FetchFailed(
                Said("the page redirects to an address whose host is not a valid name")
            ) from err
        except httpx.UnsupportedProtocol as err:
            raise FetchFailed(Said("only http:// and https:// addresses can be fetched")) from err
        except httpx.ConnectError as err:
            if address == addresses[-1]:  # else the host's next address is tried
                raise _failed(err, wait) from err
        except httpx.HTTPError as err:
            raise _failed(err, wait) from err
    raise FetchFailed(Said("the host %(host)s has no address", host=str(urlsplit(url).hostname)))


def _next_hop(url: str, location: str) -> str:
    """Where a redirect leads; checked like the first address on the next round."""
    try:
        return urljoin(url, location)
    except ValueError as err:  # "http://[zz]/": Python cannot even split it
        raise FetchFailed(
            Said("the page redirects to something that is not a web address")
        ) from err


def _failed(err: httpx.HTTPError, waited: float) -> FetchFailed:
    """What a reader is told of the client's error: a wait that ran out, or why it failed."""
    if isinstance(err, httpx.TimeoutException):
        return FetchFailed(
            Said("the server did not answer within %(seconds)s s", seconds=_seconds(waited))
        )
    return FetchFailed(Said("the page could not be reached: %(error)s", error=str(err)))


def _too_large(limits: Limits) -> Said:
    size = Number(f"{limits.max_bytes:,}", limits.max_bytes)
    return Said("the page is larger than %(size)s bytes", size=size)


def _seconds(value: float) -> Number:
    return Number(f"{value:g}", value)


def _in_time(deadline: float, limits: Limits) -> None:
    if time.monotonic() > deadline:
        raise FetchFailed(
            Said(
                "the page took longer than %(seconds)s s to arrive", seconds=_seconds(limits.total)
            )
        )


def _checked_addresses(url: str, limits: Limits) -> list[str]:
    """The host's addresses to connect to, once every one of them has passed the check."""
    problem = url_problem(url)
    if problem:
        raise FetchFailed(problem)
    host = urlsplit(url).hostname
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchFailed(Said("the host %(host)s could not be found", host=str(host))) from err
    if not limits.allow_private and not all(is_public(info[4][0]) for info in infos):
        raise FetchFailed(
            Said(
                "%(host)s is an address on this machine or a private network; it is not fetched",
                host=str(host),
            )
        )
    return list(dict.fromkeys(info[4][0] for info in infos))


def _to_address(
    client: httpx.Client, url: str, address: str, timeout: httpx.Timeout
) -> httpx.Request:
    """The request for `url`, sent to `address`: the Host header and TLS name stay the host's.

    Both come from httpx's own reading of the address, so a host in another script goes
    out in its IDNA form (xn--…), as a lookup of it would.
    """
    target = httpx.URL(url)
    # httpcore checks the certificate against sni_hostname, so https still proves the host.
    tls = {"sni_hostname": target.raw_host.decode("ascii")} if target.scheme == "https" else {}
    return client.build_request(
        "GET",
        target.copy_with(host=address),
        headers={"Host": target.netloc.decode("ascii")},
        timeout=timeout,
        extensions=tls,
    )


def _read(url: str, response: httpx.Response, limits: Limits, deadline: float) -> Page:
    if response.status_code != 200:
        raise FetchFailed(
            Said(
                "the server answered %(status)s %(reason)s",
                status=str(response.status_code),
                reason=response.reason_phrase,
            )
        )
    content_type = response.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() not in READABLE_TYPES:
        kind = content_type.split(";")[0]
        raise FetchFailed(
            Said("the page is %(type)s, not HTML or text", type=kind)
            if kind
            else Said("the page is of no stated type, not HTML or text")
        )
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchFailed(_too_large(limits))
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limits.max_bytes:
            raise FetchFailed(_too_large(limits))
        _in_time(deadline, limits)
    raw = bytes(body)
    return Page(url, response.status_code, content_type, raw, hashlib.sha256(raw).hexdigest())
