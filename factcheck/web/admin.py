"""Admins add accounts, change roles and disable accounts (nobody is deleted)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from factcheck.domain.vocabulary import ROLES
from factcheck.extensions import db
from factcheck.models import User
from factcheck.services import accounts as account_service
from factcheck.web.access import requires
from factcheck.web.claim_forms import ActionForm
from factcheck.web.form_messages import sentence
from factcheck.web.forms import LANGUAGE_CHOICES, GuardedForm, options
from factcheck.web.terms import term

bp = Blueprint("admin", __name__, url_prefix="/admin")


class NewUserForm(GuardedForm):
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)]
    )
    role = SelectField(_l("Role"), choices=options((r, term(r)) for r in ROLES))
    submit = SubmitField(_l("Add the account"))

    def validate_email(self, field):
        if db.session.scalar(sa.select(User.id).where(User.email == field.data.strip().lower())):
            raise ValidationError(_("An account with this email exists already."))


class UserForm(GuardedForm):
    display_name = StringField(
        _l("Name on public pages"), validators=[Optional(), Length(max=200)], default=""
    )
    role = SelectField(_l("Role"), choices=options((r, term(r)) for r in ROLES))
    active = SelectField(
        _l("Status"), choices=options([("1", _l("active")), ("0", _l("disabled"))])
    )
    # Left out of a request: the account keeps its language.
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, validators=[Optional()])
    submit = SubmitField(_l("Save"))


@bp.route("/users", methods=["GET", "POST"])
@requires("manage_users")
def users():
    """Every account; add one (its first password is shown once)."""
    form = NewUserForm()
    shown = None
    if form.validate_on_submit():
        password = account_service.generate_password()
        try:
            user = account_service.create_account(
                form.email.data, form.role.data, password, must_change=True
            )
        except account_service.AccountRefused as err:  # taken since the form's check
            form.email.errors = [*form.email.errors, sentence(err)]
        else:
            # Shown in this page only: a flash message would carry it in the (signed, not
            # encrypted) session cookie.
            shown = (
                _("Added %(email)s as %(role)s.", email=user.email, role=term(user.role)),
                user.email,
                password,
            )
            form = NewUserForm(formdata=None)
    return _users_page(form, shown)


def _users_page(
    form: NewUserForm,
    shown: tuple[str, str, str] | None = None,
    refused: tuple[int, UserForm] | None = None,
):
    """The page; `refused`: an account's form as it was sent, beside what was wrong with it."""
    accounts = db.session.scalars(sa.select(User).order_by(User.email)).all()
    forms = {
        u.id: refused[1]
        if refused is not None and refused[0] == u.id
        else UserForm(
            prefix=f"u{u.id}",
            role=u.role,
            active="1" if u.active else "0",
            display_name=u.display_name or "",
            locale=u.locale or "",
        )
        for u in accounts
    }
    failed = form.errors or (refused is not None and refused[1].errors)
    return render_template(
        "admin/users.html", form=form, accounts=accounts, forms=forms, shown=shown
    ), 400 if failed else 200


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@requires("manage_users")
def reset_password(user_id: int):
    """Give an account a new password, shown once on this page; it is changed at first log-in."""
    user = db.session.get(User, user_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    password = account_service.generate_password()
    account_service.set_password(user, password, must_change=True)
    shown = (f"New password for {user.email}; their sessions have ended.", user.email, password)
    return _users_page(NewUserForm(formdata=None), shown)


@bp.route("/users/<int:user_id>", methods=["POST"])
@requires("manage_users")
def change_user(user_id: int):
    """Change an account's role or disable it; an admin cannot lock themselves out."""
    user = db.session.get(User, user_id) or abort(404)
    form = UserForm(prefix=f"u{user.id}")
    if form.validate_on_submit():
        try:
            account_service.change_account(
                user,
                form.role.data,
                form.active.data == "1",
                current_user,
                display_name=form.display_name.data or "",
                locale=(form.locale.data or "") if form.locale.raw_data else None,
            )
        except account_service.AccountRefused as err:
            flash(sentence(err), "error")
        else:
            flash(
                _(
                    "%(email)s: %(role)s, %(value)s.",
                    email=user.email,
                    role=user.role,
                    value=_("active") if user.active else _("disabled"),
                )
            )
        return redirect(url_for("admin.users"))
    # Shown again as sent, with what is wrong beside it (it was lost in a silent redirect).
    return _users_page(NewUserForm(formdata=None), refused=(user.id, form))
