"""The admin page's intake spreadsheets section: what it is for, and, with no ``[intake]`` in the
secrets, what to configure instead of a button that could only fail (docs/google-sheets.md)."""

from __future__ import annotations

import pytest
from ui_helpers import ADMIN, OpenApp

from i18n import t


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_admin_page_says_what_the_intake_spreadsheets_are_and_that_none_is_configured(
    view_app: OpenApp, lang: str
) -> None:
    at = view_app(ADMIN, page="admin")
    at.session_state["lang"] = lang
    at.run()
    assert t("page.intake_sheets.title", lang) in [h.value for h in at.subheader]
    assert t("page.intake_sheets.intro", lang) in [c.value for c in at.caption]
    assert t("page.intake_sheets.none", lang) in [i.value for i in at.info]
    labels = {b.label for b in at.button}
    assert t("page.intake_sheets.provision", lang) not in labels  # nothing to create them in
    assert t("page.intake_sheets.sync", lang) not in labels
