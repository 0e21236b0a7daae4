"""The OpenAPI document is valid OpenAPI 3.0, documents the headers the API sets, and Swagger UI is
served from the installed package with the token kept out of the browser's storage."""

from __future__ import annotations

import sqlalchemy as sa
from openapi_spec_validator import OpenAPIV30SpecValidator


def test_the_document_is_valid_openapi(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    errors = [
        f"{list(e.path)}: {e.message[:200]}" for e in OpenAPIV30SpecValidator(spec).iter_errors()
    ]
    assert errors == []
    ok = spec["paths"]["/api/v1/reports/{report_id}/files/{fmt}"]["get"]["responses"]["200"]
    assert ok["description"].startswith("The file") and "application/pdf" in ok["content"]


def test_location_and_rate_limit_headers_are_documented(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    created = spec["paths"]["/api/v1/claims"]["post"]["responses"]["201"]["headers"]
    assert {"Location", "ETag", "X-RateLimit-Limit", "X-RateLimit-Remaining"} <= set(created)
    queued = spec["paths"]["/api/v1/reports"]["post"]["responses"]["202"]["headers"]
    assert "Location" in queued
    shown = spec["paths"]["/api/v1/claims/{claim_id}"]["get"]["responses"]["200"]["headers"]
    assert "X-RateLimit-Reset" in shown and "Location" not in shown
    too_many = spec["components"]["responses"]["TOO_MANY_REQUESTS"]["headers"]
    assert "Retry-After" in too_many
    assert set(spec["components"]["headers"]) >= {"Location", "Retry-After", "X-RateLimit-Limit"}


def test_every_201_or_202_answer_carries_its_location(api, db, reference_imported):
    from factcheck.models import Article

    article = db.session.scalar(sa.select(Article))
    created = api.post(
        "/claims", json={"article_id": article.id, "kind": "statement", "exact": "Ribuan ditangkap"}
    )
    assert created.status_code == 201 and created.headers["Location"]
    assert created.headers["X-RateLimit-Limit"]


def test_swagger_ui_comes_from_the_package_not_a_cdn(client):
    page = client.get("/api/v1/docs")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "http" not in html.replace('href="/api', "")
    assert "cdn" not in page.headers["Content-Security-Policy"]
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        url = f"/api/v1/docs/ui/{name}"
        assert url in html
        served = client.get(url)
        assert served.status_code == 200 and len(served.get_data()) > 10_000
    assert client.get("/api/v1/docs/ui/index.html").status_code == 404
    script = client.get("/api/v1/docs/init.js").get_data(as_text=True)
    assert '"persistAuthorization": false' in script
