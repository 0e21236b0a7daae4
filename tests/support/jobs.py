"""Jobs in unit and integration tests: routed by task name instead of a broker."""

from __future__ import annotations


def on_job(monkeypatch, task: str, handler) -> None:
    """Hand the jobs named `task` to `handler(*args)` instead of the broker (a unit test has none).

    Jobs leave through factcheck.services.dispatch by name; every call adds a route,
    and jobs of names without one are dropped.
    """
    from factcheck.services import dispatch

    routes = getattr(dispatch.send, "routes", None)
    if routes is None:

        def send(name: str, *args: object) -> None:
            if name in send.routes:
                send.routes[name](*args)

        send.routes = routes = {}
        monkeypatch.setattr(dispatch, "send", send)
    routes[task] = handler
