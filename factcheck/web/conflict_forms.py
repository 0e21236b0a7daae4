"""The form that closes a conflict, shared by the event page's cards and the conflict's page."""

from __future__ import annotations

from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.validators import Length

from factcheck.domain.number_format import display_number
from factcheck.models import Claim, Conflict
from factcheck.services import conflicts as conflict_service
from factcheck.web.forms import GuardedForm


class CloseConflictForm(GuardedForm):
    """How the conflict is decided ("prefer:12", "set_aside:12", "different_scope", "dismiss")."""

    decision = RadioField("Decision", choices=[], validate_choice=False)
    note = TextAreaField("Note (required)", validators=[Length(max=2000)])
    version = HiddenField()


def decision_choices(conflict: Conflict, claims: dict[int, Claim]) -> list[tuple[str, str]]:
    """The decisions this conflict can be closed with, in the words the card shows."""
    offered = conflict_service.outcomes_for(conflict)
    out = []
    for cid in conflict.claim_ids:
        claim = claims.get(cid)
        if claim is None or claim.rank == "deprecated":
            continue
        figure = figure_text(claim)
        if "prefer" in offered:
            out.append((f"prefer:{cid}", f"Prefer claim {cid} ({figure})"))
        if "set_aside" in offered:
            out.append((f"set_aside:{cid}", f"Set claim {cid} aside ({figure})"))
    if "different_scope" in offered:
        out.append(("different_scope", "Not a conflict: the figures count different things"))
    if "dismiss" in offered:
        out.append(("dismiss", "Close without changing any figure"))
    return out


def figure_text(claim: Claim) -> str:
    """ "164", "more than 26 (27–∞)", "30–50": a claim's value or range as a card shows it."""
    low, high = claim.lower, claim.upper
    if low is None and high is None:
        return "no figure" if claim.value is None else display_number(claim.value)
    if low == high:
        return display_number(low)
    words = (claim.qualifier or "").replace("_", " ")
    stated = f"{words} {display_number(claim.value)}".strip() if claim.value is not None else words
    span = f"{display_number(low)}–{display_number(high) or '∞'}"
    return f"{stated} ({span})" if stated else span
