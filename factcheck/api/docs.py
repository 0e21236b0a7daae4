"""The interactive documentation: Swagger UI over /api/v1/openapi.json, public like the document itself.

flask-smorest serves the document; this page replaces its Swagger UI view,
whose inline script the site's Content-Security-Policy (factcheck/security.py)
would block. Swagger UI's files come from the pinned `swagger-ui-bundle`
package and are served from this site: the page works offline and loads
nothing from a CDN. The start-up script is a file of our own.
"""

from __future__ import annotations

import json

import swagger_ui_bundle
from flask import Blueprint, Response, render_template_string, send_from_directory, url_for

from factcheck.api.paths import API_PREFIX

bp = Blueprint("api_reference", __name__, url_prefix=API_PREFIX)

# Only the files the page loads are served from the package's folder.
UI_FILES = ("swagger-ui.css", "swagger-ui-bundle.js")

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>factcheck API</title>
  <link rel="stylesheet" href="{{ url_for('api_reference.docs_file', name='swagger-ui.css') }}">
</head>
<body>
  <div id="swagger-ui"><p>The interactive documentation needs JavaScript; the description itself is
    <a href="{{ spec }}">{{ spec }}</a>.</p></div>
  <script src="{{ url_for('api_reference.docs_file', name='swagger-ui-bundle.js') }}"></script>
  <script src="{{ url_for('api_reference.docs_script') }}"></script>
</body>
</html>
"""


@bp.route("/docs")
def docs() -> Response:
    """Swagger UI: every operation, its parameters and answers; "Authorize" takes an API token."""
    spec = url_for("api-docs.openapi_json")
    response = Response(render_template_string(PAGE, spec=spec), mimetype="text/html")
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return response


@bp.route("/docs/ui/<any(" + ", ".join(f'"{n}"' for n in UI_FILES) + "):name>")
def docs_file(name: str) -> Response:
    """Swagger UI's stylesheet and script, from the installed package."""
    return send_from_directory(swagger_ui_bundle.swagger_ui_path, name, max_age=86400)


@bp.route("/docs/init.js")
def docs_script() -> Response:
    """Start Swagger UI on the API's document (a file, so that no inline script is needed)."""
    options = {
        "url": url_for("api-docs.openapi_json"),
        "dom_id": "#swagger-ui",
        "deepLinking": True,
        # A token typed into "Authorize" lives in this page only: kept, it would sit in localStorage,
        # where any script on the site could read it.
        "persistAuthorization": False,
    }
    script = f"window.ui = SwaggerUIBundle({json.dumps(options)});\n"
    return Response(script, mimetype="text/javascript")
