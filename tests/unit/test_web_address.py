"""Which addresses intake by URL may fetch: http(s) only, and public hosts only."""

from __future__ import annotations

import pytest

from factcheck.domain.web_address import is_public, linkable, url_problem


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", "give the address"),
        ("ftp://example.org/a", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("javascript:alert(1)", "only http:// and https://"),
        ("http:///path-only", "names no host"),
        ("https://user:pw@example.org/", "user name or password"),
        ("https://example.org:99999/", "invalid port"),
        ("https://example.org/a b", "spaces or control characters"),
        ("http://[zz]/", "host is not a valid name or IP address"),
        ("http://xn--a.example/", "host is not a valid name or IP address"),  # "a": U+0080
        ("http://www.xn--.example/", "host is not a valid name or IP address"),
        ("http://xn--ls8h.la/", "host is not a valid name or IP address"),  # an emoji: no name
        ("http://\u2603.example/", "host is not a valid name or IP address"),
        ("http://a\u200b.example/", "host is not a valid name or IP address"),
        ("http://1.2.3.999/", "host is not a valid name or IP address"),
        ("https://example.org/" + "a" * 2000, "longer than 2000"),
    ],
)
def test_a_url_that_cannot_be_fetched_says_why(url, problem):
    assert problem in url_problem(url)


def test_an_ordinary_news_url_is_accepted():
    assert url_problem("https://www.antaranews.com/berita/3383199/gempa?x=1#top") is None


@pytest.mark.parametrize(
    "url",
    [
        "http://bérita.example/a",
        "http://xn--brita-bsa.example/a",
        "http://XN--MNCHEN-3YA.de/",
        "http://r3---sn-abc.googlevideo.com/",  # hyphens where IDNA forbids them, in plain ASCII
        "http://exa_mple.com/",
        "http://192.0.2.1/",
        "http://[2001:db8::1]/",
    ],
)
def test_hosts_in_any_script_and_plain_ascii_names_are_accepted(url):
    assert url_problem(url) is None


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "192.168.0.10", "172.16.5.4", "169.254.169.254", "::1", "0.0.0.0"]
    + ["fc00::1", "fe80::1", "::ffff:127.0.0.1", "100.64.0.1", "224.0.0.1"],
)
def test_this_machine_and_private_networks_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_internet_addresses_are_public(address):
    assert is_public(address)


@pytest.mark.parametrize(
    ("url", "link"),
    [
        (" https://example.org/a ", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        ("http:relative", None),
        ("http://[zz]/", None),
        ("http://:80/", None),  # a port, and no host to go to
        ("https://user@/", None),
        ("", None),
        (None, None),
    ],
)
def test_only_web_pages_become_links(url, link):
    assert linkable(url) == link
