"""Log in and out; every other page needs a session."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from wtforms import EmailField, PasswordField, SelectField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from factcheck.domain.vocabulary import LOCALES
from factcheck.extensions import limiter, login_manager
from factcheck.i18n import COOKIE
from factcheck.models import User
from factcheck.security import login_key
from factcheck.services import accounts
from factcheck.web.claim_forms import ActionForm
from factcheck.web.form_messages import sentence
from factcheck.web.forms import LANGUAGE_CHOICES, GuardedForm

bp = Blueprint("auth", __name__, url_prefix="/auth")


class LoginForm(GuardedForm):
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)]
    )
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    submit = SubmitField(_l("Log in"))


class PasswordForm(GuardedForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=accounts.MIN_PASSWORD, max=1000)],
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new", _l("The two do not match."))],
    )
    submit = SubmitField(_l("Change the password"))


class LanguageForm(GuardedForm):
    locale = SelectField(_l("Language of the interface"), choices=LANGUAGE_CHOICES)
    submit = SubmitField(_l("Save the language"))


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The account of a session that has not ended (log-out and a new password end it)."""
    return accounts.load_session(session_id)


def _safe_next(target: str | None) -> str:
    """Only follow a `next` that stays on this site (no open redirect, no header injection).

    Browsers drop tabs and line breaks from a URL and read `\\` as `/`, so
    `/%09/evil.example` means `//evil.example`: any of them refuses the target.
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not any(ch.isspace() or ch == "\\" or ord(ch) < 32 or ord(ch) == 127 for ch in target)
    ):
        return target
    return url_for("index")


def _failed(response) -> bool:
    """A log-in that did not start a session (a success redirects): only these count against the limit."""
    return response.status_code != 302


TOO_MANY = (
    "Too many failed log-ins for this account from your address. Wait a minute, then try again."
)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMITS"],
    key_func=login_key,
    methods=["POST"],
    deduct_when=_failed,
    error_message=TOO_MANY,
)
@limiter.limit(
    "30 per minute",
    methods=["POST"],
    deduct_when=_failed,
    scope="login-per-address",
    error_message="Too many failed log-ins from your address. Wait a minute, then try again.",
)
def login():
    """Show the login form and start a session on valid credentials."""
    if current_user.is_authenticated:
        return redirect(url_for("index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        # One message for unknown email, wrong password and a disabled account: no account probing.
        form.password.errors.append(
            _("Email or password is not right, or the account is disabled.")
        )
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """End the session, on the server too (POST, so a link elsewhere cannot log you out).

    The account's session version goes up, so a copy of the old cookie no longer logs in.
    """
    accounts.end_sessions(current_user)
    logout_user()
    flash(_("You are logged out."))
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change your own password; other sessions of the account end, this one goes on."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            # The account itself, not the `current_user` proxy: login_user(proxy) would make the
            # proxy point at itself, and the next read of current_user would never end.
            account = current_user._get_current_object()
            user = accounts.change_own_password(account, form.current.data, form.new.data)
        except accounts.AccountRefused as err:
            form.current.errors = [*form.current.errors, sentence(err)]
        else:
            login_user(user)  # the cookie now carries the new session version
            flash(_("Your password is changed."))
            return redirect(url_for("index"))
    forced = current_user.must_change_password
    language = LanguageForm(locale=current_user.locale or "")
    return render_template("auth/password.html", form=form, forced=forced, language=language), (
        400 if form.errors else 200
    )


@bp.route("/language", methods=["POST"])
def language():
    """Choose the interface's language: kept on the account when signed in, else in a cookie."""
    chosen = request.form.get("locale", "")
    if chosen and chosen not in LOCALES or not ActionForm().validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        accounts.set_locale(current_user, chosen)
        target = url_for("auth.change_password")
    else:
        target = _safe_next(request.form.get("next"))
    response = redirect(target)
    if chosen:
        response.set_cookie(COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(COOKIE)
    return response


# Pages an account whose password an admin chose may see before changing it.
BEFORE_CHANGE = {"auth.change_password", "auth.language", "auth.logout", "auth.login", "static"}


@bp.before_app_request
def password_first():
    """An account whose password an admin set changes it before anything else (not the API)."""
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in BEFORE_CHANGE
        and not request.path.startswith("/api/")
    ):
        return redirect(url_for("auth.change_password"))
    return None


@bp.teardown_app_request
def forget_request_user(_exc: BaseException | None) -> None:
    """Drop the user and CSRF token that Flask-Login and Flask-WTF cache on `g`.

    A request normally gets its own app context, so this changes nothing; when
    requests run inside an outer app context (scripts, tests) it stops one
    request's user or token from leaking into the next.
    """
    g.pop("_login_user", None)
    g.pop("csrf_token", None)
