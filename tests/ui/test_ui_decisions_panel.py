"""The decisions panel of the documents page reads like the rest of the app: the grants table shows
labelled headers, the person, the unit's name, the award's name, yes/no and D/M/Y dates, never the
sheet's column names or codes; the revoke picker names the person, unit and award too."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import HEAD, SECRETARY, OpenApp, assert_clean

from core.model import Actor
from schemas.registry import TABS
from services.decisions import Decisions
from services.services import Services

RAW_KEYS = {c for spec in TABS.values() for c in spec.columns}
HEADERS = {
    "vi": (
        "Họ tên / tên tập thể",
        "Đơn vị",
        "Danh hiệu / hình thức",
        "Đã hủy bỏ",
        "Ngày hủy bỏ",
        "Lý do hủy bỏ",
    ),
    "en": ("Name", "Unit", "Title / award", "Revoked", "Revoked on", "Reason for revoking"),
}


def _open(app: OpenApp, actor: Actor, lang: str) -> AppTest:
    at = app(actor)
    at.session_state["lang"] = lang
    at.switch_page("app_pages/documents.py").run()
    assert_clean(at)
    return at


def _grants_table(at: AppTest) -> pd.DataFrame:
    """The grants table: the one table headed by the grantee's name (in either language)."""
    found = [t.value for t in at.dataframe if {HEADERS["vi"][0], HEADERS["en"][0]} & set(t.value.columns)]
    assert len(found) == 1, [list(t.value.columns) for t in at.dataframe]
    return found[0]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_grants_show_names_not_codes(view_app: OpenApp, services: Services, lang: str) -> None:
    at = _open(view_app, SECRETARY, lang)
    shown = _grants_table(at)
    assert not set(map(str, shown.columns)) & RAW_KEYS, list(shown.columns)
    name, unit, award, *_ = HEADERS[lang]
    assert set(HEADERS[lang]) <= set(shown.columns)
    grants = Decisions(services).grants(SECRETARY).head(500)
    first = grants.iloc[0]
    ref = services.reference()
    row = shown.iloc[0]
    assert row[name] == first["subject_name"]
    assert row[unit] == ref.unit_name(str(first["unit_id"])) != first["unit_id"]
    assert row[award] == ref.catalogue_map[str(first["award_code"])][f"name_{lang}"]
    assert not set(shown[unit]) & set(grants["unit_id"])
    assert not set(shown[award]) & set(ref.catalogue_map)


def test_a_revoked_grant_reads_as_revoked_with_its_ground_and_date(
    open_app: OpenApp, services: Services
) -> None:
    at = _open(open_app, HEAD, "vi")
    options = at.selectbox(key="decision_revoke_pick").options
    canon = services.reference().unit_name(HEAD.unit_id)
    assert options and all(f" – {canon} – " in o for o in options), options
    at.selectbox(key="decision_revoke_reason").set_value("KE_KHAI_SAI")
    at.text_input(key="decision_revoke_note").set_value("Kê khai sai số sáng kiến")
    gid = str(at.selectbox(key="decision_revoke_pick").value)
    at.button(key="decision_revoke").click().run()
    assert_clean(at)
    grant = services.store.read("award_grants").set_index("id").loc[gid]
    assert bool(grant["revoked"])
    shown = _grants_table(at)
    row = shown[shown["Họ tên / tên tập thể"] == grant["subject_name"]].iloc[0]
    assert row["Đã hủy bỏ"] == "Có"
    assert row["Ngày hủy bỏ"] == "05/12/2024"
    assert row["Lý do hủy bỏ"] == "Kê khai không trung thực: Kê khai sai số sáng kiến"
    assert set(shown["Đã hủy bỏ"]) == {"Có", "Không"}
