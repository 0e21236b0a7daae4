"""API tokens: each account creates its own (shown once), sees when each was last used, revokes them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from factcheck.extensions import db
from factcheck.models import ApiToken
from factcheck.services import tokens
from factcheck.web.claim_forms import ActionForm
from factcheck.web.form_messages import sentence
from factcheck.web.forms import GuardedForm

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")


class TokenForm(GuardedForm):
    name = StringField(
        _l("Name (what will use it, e.g. “newsroom import script”)"),
        validators=[DataRequired(), Length(max=100)],
    )
    submit = SubmitField(_l("Create a token"))


def _page(form: TokenForm, secret: str | None = None, status: int = 200):
    return render_template(
        "tokens/list.html",
        form=form,
        tokens=tokens.tokens_of(current_user),
        secret=secret,
        action_form=ActionForm(),
    ), status


@bp.route("/", methods=["GET", "POST"])
@login_required
def list_tokens():
    """Your API tokens; a new one is shown once, on the page that creates it."""
    form = TokenForm()
    if form.validate_on_submit():
        try:
            token, secret = tokens.issue_token(current_user, form.name.data)
        except ValueError as err:
            form.name.errors = [*form.name.errors, sentence(err)]
            return _page(form, status=400)
        # Rendered, not redirected: the token must not travel in a URL or a flash cookie.
        response = render_template("tokens/created.html", token=token, secret=secret)
        return response, 201, {"Cache-Control": "no-store"}
    return _page(form, status=400 if form.errors else 200)


@bp.route("/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    """Revoke one of your tokens: it stops working at once."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    if ActionForm().validate_on_submit():
        tokens.revoke_token(token)
        flash(
            _(
                "Revoked the token %(token_name)s (fct_%(prefix)s_…); scripts using it now get 401.",
                token_name=repr(token.name),
                prefix=token.prefix,
            )
        )
    return redirect(url_for("tokens.list_tokens"))
