"""The interactive documentation: Swagger UI over /api/v1/openapi.json, public like the document itself.

flask-smorest serves the document; this page replaces its Swagger UI view,
whose inline script the site's Content-Security-Policy (factcheck/security.py)
would block. Here the start-up script is a file of our own, and the page's
policy admits scripts only from this site and the Swagger UI bundle's origin.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, render_template_string, url_for

from factcheck.api.paths import API_PREFIX

bp = Blueprint("api_reference", __name__, url_prefix=API_PREFIX)

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>factcheck API</title>
  <link rel="stylesheet" href="{{ ui }}swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"><p>The interactive documentation needs JavaScript; the description itself is
    <a href="{{ spec }}">{{ spec }}</a>.</p></div>
  <script src="{{ ui }}swagger-ui-bundle.js"></script>
  <script src="{{ url_for('api_reference.docs_script') }}"></script>
</body>
</html>
"""


def _ui() -> str:
    return current_app.config["OPENAPI_SWAGGER_UI_URL"].rstrip("/") + "/"


@bp.route("/docs")
def docs() -> Response:
    """Swagger UI: every operation, its parameters and answers; "Authorize" takes an API token."""
    spec = url_for("api-docs.openapi_json")
    response = Response(render_template_string(PAGE, ui=_ui(), spec=spec), mimetype="text/html")
    parts = urlsplit(_ui())
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; script-src 'self' {origin}; style-src 'self' 'unsafe-inline' {origin}; "
        f"img-src 'self' data: {origin}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return response


@bp.route("/docs/init.js")
def docs_script() -> Response:
    """Start Swagger UI on the API's document (a file, so that no inline script is needed)."""
    options = {
        "url": url_for("api-docs.openapi_json"),
        "dom_id": "#swagger-ui",
        "deepLinking": True,
        "persistAuthorization": True,
    }
    script = f"window.ui = SwaggerUIBundle({json.dumps(options)});\n"
    return Response(script, mimetype="text/javascript")
