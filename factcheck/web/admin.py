"""Admins add accounts, change roles and disable accounts (nobody is deleted)."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, SubmitField
from wtforms.validators import DataRequired, Email, Length, ValidationError

from factcheck.domain.vocabulary import ROLES
from factcheck.extensions import db
from factcheck.models import User
from factcheck.web.access import requires
from factcheck.web.forms import options

bp = Blueprint("admin", __name__, url_prefix="/admin")


class NewUserForm(FlaskForm):
    email = EmailField(
        "Email", validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)]
    )
    role = SelectField("Role", choices=options((r, r) for r in ROLES))
    submit = SubmitField("Add the account")

    def validate_email(self, field):
        if db.session.scalar(sa.select(User.id).where(User.email == field.data.strip().lower())):
            raise ValidationError("An account with this email exists already.")


class UserForm(FlaskForm):
    role = SelectField("Role", choices=options((r, r) for r in ROLES))
    active = SelectField("Status", choices=options([("1", "active"), ("0", "disabled")]))
    submit = SubmitField("Save")


@bp.route("/users", methods=["GET", "POST"])
@requires("manage_users")
def users():
    """Every account; add one (its first password is shown once)."""
    form = NewUserForm()
    if form.validate_on_submit():
        password = secrets.token_urlsafe(12)
        user = User(email=form.email.data.strip().lower(), role=form.role.data)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        flash(f"Added {user.email} as {user.role}. First password (shown once): {password}")
        return redirect(url_for("admin.users"))
    accounts = db.session.scalars(sa.select(User).order_by(User.email)).all()
    forms = {
        u.id: UserForm(prefix=f"u{u.id}", role=u.role, active="1" if u.active else "0")
        for u in accounts
    }
    return render_template(
        "admin/users.html", form=form, accounts=accounts, forms=forms
    ), 400 if form.errors else 200


@bp.route("/users/<int:user_id>", methods=["POST"])
@requires("manage_users")
def change_user(user_id: int):
    """Change an account's role or disable it; an admin cannot lock themselves out."""
    user = db.session.get(User, user_id) or abort(404)
    form = UserForm(prefix=f"u{user.id}")
    if form.validate_on_submit():
        if user.id == current_user.id and (form.role.data != "admin" or form.active.data == "0"):
            flash("You cannot demote or disable your own account; ask another admin.", "error")
        else:
            user.role, user.active = form.role.data, form.active.data == "1"
            db.session.commit()
            flash(f"{user.email}: {user.role}, {'active' if user.active else 'disabled'}.")
    return redirect(url_for("admin.users"))
