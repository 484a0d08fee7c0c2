"""Tampered session state under AppTest: the actor kept in ``st.session_state`` is a claim the app
re-checks on every run; a changed role, unit or email (or a forged object) signs the session out,
shows why, and the page that follows holds no data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from security_helpers import OpenSecureApp, logged_in, snapshot, unescape

from i18n import t
from tests.conftest import ADMIN, OFFICER, REVIEWER

TAMPERS = [
    {"role": "ADMIN"},
    {"role": "UPPER_REVIEWER"},
    {"unit_id": "HN-CDCS-THCS-VANQUAN"},
    {"unit_id": "HN-LDLD"},
    {"email": "ai.do@example.com"},
]


def refused_to_sign_in(at: object) -> None:
    assert "actor" not in at.session_state  # type: ignore[attr-defined]
    assert [str(x.value) for x in at.title] == [t("page.sign_in.title")]  # type: ignore[attr-defined]
    assert any(unescape(str(e.value)) == t("app.session_refused") for e in at.error)  # type: ignore[attr-defined]
    assert not at.dataframe  # type: ignore[attr-defined]


@pytest.mark.parametrize("tamper", TAMPERS)
def test_tampered_actor_in_the_demo_is_signed_out(
    open_app: OpenSecureApp, demo_db: Path, tamper: dict[str, str]
) -> None:
    before = snapshot(demo_db)
    at = open_app(dataclasses.replace(OFFICER, **tamper))
    refused_to_sign_in(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/review.py")  # only the sign-in page is registered
    assert snapshot(demo_db) == before


def test_tampering_mid_session_is_caught_on_the_next_run(open_app: OpenSecureApp) -> None:
    at = open_app(OFFICER, page="my_submissions")
    assert at.session_state["actor"].role == "UNIT_OFFICER"
    at.session_state["actor"] = dataclasses.replace(OFFICER, role="ADMIN")
    at.run()
    refused_to_sign_in(at)


@pytest.mark.parametrize(
    "forged",
    [{"email": ADMIN.email, "role": "ADMIN", "unit_id": "HN-LDLD"}, "quan.tri@demo.thidua.vn", ("ADMIN",)],
)
def test_a_forged_object_instead_of_an_actor_is_refused(open_app: OpenSecureApp, forged: object) -> None:
    at = open_app()
    at.session_state["actor"] = forged
    at.run()
    refused_to_sign_in(at)


@pytest.mark.parametrize("tamper", [TAMPERS[0], TAMPERS[2], TAMPERS[4]])
def test_tampered_actor_with_sign_in_by_provider(open_app: OpenSecureApp, tamper: dict[str, str]) -> None:
    """With [auth], a role or unit not granted signs out of the app; another email ends the
    provider's session too."""
    at = open_app(dataclasses.replace(REVIEWER, **tamper), identity=logged_in(REVIEWER.email))
    if "email" in tamper:
        assert "actor" not in at.session_state and at.user.get("is_logged_in") is False
    else:  # the same person: signed back in with what the users tab grants, never the tampered role
        actor = at.session_state["actor"] if "actor" in at.session_state else None  # noqa: SIM401
        assert actor is None or (actor.role, actor.unit_id) == (REVIEWER.role, REVIEWER.unit_id)
