"""The API as a client meets it: requests that carry a token, and the problem documents of errors."""

from __future__ import annotations

PROBLEM = "application/problem+json"


class ApiClient:
    """The Flask test client with `Authorization: Bearer <token>` on every request."""

    def __init__(self, client, token: str | None):
        self.client, self.token = client, token

    def open(self, method: str, path: str, headers: dict | None = None, **kwargs):
        sent = dict(headers or {})
        if self.token is not None:
            sent.setdefault("Authorization", f"Bearer {self.token}")
        return self.client.open("/api/v1" + path, method=method, headers=sent, **kwargs)

    def get(self, path, **kw):
        return self.open("GET", path, **kw)

    def post(self, path, **kw):
        return self.open("POST", path, **kw)

    def patch(self, path, **kw):
        return self.open("PATCH", path, **kw)


def assert_problem(response, status: int, *words: str) -> dict:
    """The response is a problem document of `status` whose detail names `words`."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    assert response.mimetype == PROBLEM, response.mimetype
    body = response.get_json(force=True)
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"
    assert body["detail"], "every 4xx says what went wrong"
    for word in words:
        assert word in body["detail"], (word, body["detail"])
    return body
