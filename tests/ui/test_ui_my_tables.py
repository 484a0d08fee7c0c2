"""My submissions: the unit's own table names the campaign (not its id) and the award, in vi and en,
with no column name for a header."""

from __future__ import annotations

import pytest
from ui_helpers import OFFICER, OpenApp, assert_clean, raw_headers

import i18n
from services.services import Services


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_my_submissions_name_the_campaign_and_the_award(
    view_app: OpenApp, services: Services, lang: str
) -> None:
    at = view_app(OFFICER)
    at.session_state["lang"] = lang
    at.switch_page("app_pages/my_submissions.py").run()
    assert_clean(at)
    at.radio(key="mine_tab").set_value("nominations").run()
    assert_clean(at)
    shown = at.dataframe[0].value
    assert not raw_headers(at)
    mine = services.my_rows(OFFICER, "nominations")
    assert len(shown) == len(mine)
    campaigns = shown[i18n.t("ui.col.campaign", lang)]
    expected = [services.campaigns[c].name[lang] for c in mine["campaign_id"]]
    assert list(campaigns) == expected
    assert not set(campaigns) & set(services.campaigns)
    awards = shown[i18n.t("ui.col.award", lang)]
    catalogue = services.reference().catalogue_map
    assert list(awards) == [catalogue[c][f"name_{lang}"] for c in mine["award_code"]]
