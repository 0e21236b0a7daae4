"""A small per-process cache of rendered page fragments, keyed by what they show.

The results section of a big event takes tens of milliseconds to render and
changes only when a background job writes. It is cached under a key that
includes a token of the data it shows, so a change can never serve a stale
copy; the only per-visitor part, the CSRF token, is put back on the way out.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock

from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

PLACEHOLDER = "\x00csrf-token\x00"
MAX_ENTRIES = 128

_cache: OrderedDict[Hashable, str] = OrderedDict()
_lock = Lock()


def cached(key: Hashable, render: Callable[[], str]) -> Markup:
    """The fragment for `key`, rendered once per process; this visitor's CSRF token in its forms."""
    token = generate_csrf()
    with _lock:
        html = _cache.get(key)
        if html is not None:
            _cache.move_to_end(key)
    if html is None:
        html = render().replace(token, PLACEHOLDER)
        with _lock:
            _cache[key] = html
            while len(_cache) > MAX_ENTRIES:
                _cache.popitem(last=False)
    return Markup(html.replace(PLACEHOLDER, token))


def clear() -> None:
    with _lock:
        _cache.clear()
