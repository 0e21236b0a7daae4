"""Error pages that say what went wrong, in the site's layout."""

from __future__ import annotations

import logging

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from kombu.exceptions import OperationalError as QueueUnreachable
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from factcheck.domain.said import Said

log = logging.getLogger(__name__)

# Said: the error page writes each in the reader's language (web/form_messages.say).
DATABASE_LOST = Said(
    "The database connection was lost while this request ran. What it was saving was not saved: a "
    "change is stored whole or not at all. Reload the page to see what is stored, then try again."
)
DUPLICATE = Said(
    "What you saved duplicates a record stored a moment ago (a speaker, an article's text, an "
    "event's address or an e-mail that is taken now). Nothing of this submit was written: go back, "
    "reload the page to see what is stored, and pick the stored record."
)
QUEUE_LOST = Said(
    "The job queue did not answer, so the background work was not started. Anything you saved is kept. "
    "Try again in a minute; if it keeps failing, tell an administrator."
)
EXPIRED_FORM = Said(
    "The form expired or did not come from this site. Go back, reload the page and try again."
)
# What an error says when the code that raised it said nothing of its own (Werkzeug's English).
PLAIN = {
    400: Said("The request could not be read."),
    403: Said("Your account may not do this."),
    404: Said(
        "There is nothing at this address. It may be mistyped, or what it named was deleted."
    ),
    405: Said("This address does not take that kind of request."),
    410: Said("What was here has been withdrawn."),
    429: Said("Too many requests at once. Wait a minute and try again."),
}


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(err: CSRFError):
        return render_template("error.html", code=400, message=EXPIRED_FORM), 400

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(err: RequestEntityTooLarge):
        limit = current_app.config["MAX_CONTENT_LENGTH"] / (1024 * 1024)
        message = Said(
            "What you sent is larger than this site accepts (%(limit)s MiB at most). Nothing was "
            "stored: upload a smaller file, or paste the article's text instead.",
            limit=f"{limit:g}",
        )
        return render_template("error.html", code=413, message=message), 413

    @app.errorhandler(sa_exc.IntegrityError)
    def duplicate(err: sa_exc.IntegrityError):
        """Two people saved the same new record at once (a speaker, an article's text, a slug, an
        e-mail): the database kept one, this one is refused whole. Say so; never a 500."""
        from factcheck.extensions import db

        db.session.rollback()
        log.info("refused as a duplicate: %s", str(err.orig).splitlines()[0][:200])
        return render_template("error.html", code=409, message=DUPLICATE), 409

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        message = err.description
        if message == type(err).description:  # nothing said but Werkzeug's default
            message = PLAIN.get(err.code, message)
        return render_template("error.html", code=err.code, message=message), err.code

    # The database or the queue went away mid-request (restart, fail-over, pg_terminate_backend):
    # say so plainly with 503 (try again), never a bare 500. The pool's pre-ping reconnects next time.
    @app.errorhandler(sa_exc.OperationalError)
    @app.errorhandler(sa_exc.InterfaceError)
    @app.errorhandler(sa_exc.TimeoutError)
    def database_lost(err: Exception):
        log.warning("database unavailable during a request: %s", err)
        from factcheck.extensions import db

        try:
            db.session.rollback()
        except sa_exc.SQLAlchemyError:
            db.session.remove()
        return _unavailable(DATABASE_LOST, retry_after=5)

    @app.errorhandler(QueueUnreachable)
    def queue_lost(err: Exception):
        log.warning("job queue unavailable during a request: %s", err)
        return _unavailable(QUEUE_LOST, retry_after=30)


def _unavailable(message: str, retry_after: int):
    """503 in the site's layout; as plain text when even the layout cannot be drawn (it reads the user)."""
    headers = {"Retry-After": str(retry_after)}
    try:
        return render_template("error.html", code=503, message=message), 503, headers
    except sa_exc.SQLAlchemyError:
        return message, 503, headers | {"Content-Type": "text/plain; charset=utf-8"}
