"""thidua: the router and the frame around every page (pages live in ``app_pages/``).

Builds the services once, keeps the language and the signed-in actor in session state, and offers
only the pages the actor's role may use. Authorisation itself is enforced in ``services.services``.
"""

from __future__ import annotations

import logging

import streamlit as st

from app_pages import common as ui
from core.errors import ThiduaError
from core.model import Actor
from core.vnformat import ui_date
from i18n import LANGS, t

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

st.set_page_config(page_title="Thi đua – Khen thưởng", page_icon=":material/military_tech:", layout="wide")

#: page id -> (file, navigation label key, icon, section key)
PAGES: dict[str, tuple[str, str, str, str]] = {
    "sign_in": ("app_pages/sign_in.py", "page.sign_in.nav", ":material/login:", "nav.account"),
    "submit": ("app_pages/submit.py", "page.submit.nav", ":material/edit_note:", "nav.work"),
    "import": ("app_pages/import_excel.py", "page.import.nav", ":material/upload_file:", "nav.work"),
    "mine": ("app_pages/my_submissions.py", "page.mine.nav", ":material/folder_open:", "nav.work"),
    "review": ("app_pages/review.py", "page.review.nav", ":material/fact_check:", "nav.work"),
    "council": ("app_pages/council.py", "page.council.nav", ":material/gavel:", "nav.work"),
    "jury": ("app_pages/jury.py", "page.jury.nav", ":material/emoji_events:", "nav.work"),
    "dashboard": ("app_pages/dashboard.py", "page.dashboard.nav", ":material/monitoring:", "nav.follow"),
    "cluster": ("app_pages/cluster.py", "page.cluster.nav", ":material/leaderboard:", "nav.follow"),
    "documents": ("app_pages/documents.py", "page.documents.nav", ":material/description:", "nav.follow"),
    "admin": ("app_pages/admin.py", "page.admin.nav", ":material/settings:", "nav.admin"),
    "admin_data": (
        "app_pages/admin_data.py",
        "page.admin_data.nav",
        ":material/manage_accounts:",
        "nav.admin",
    ),
}
#: Which pages each role sees (hiding a page is convenience; services refuse what a role may not do).
NAV_BY_ROLE: dict[str, tuple[str, ...]] = {
    "UNIT_OFFICER": ("submit", "import", "mine", "dashboard", "cluster", "documents"),
    "UNIT_HEAD": ("submit", "import", "mine", "dashboard", "cluster", "documents"),
    "UPPER_REVIEWER": ("review", "dashboard", "cluster", "documents"),
    "CLUSTER_HEAD": ("review", "dashboard", "cluster", "documents"),
    "COUNCIL_MEMBER": ("review", "council", "jury", "dashboard", "cluster", "documents"),
    "COUNCIL_SECRETARY": ("review", "council", "jury", "dashboard", "cluster", "documents"),
    "DECIDER": ("review", "dashboard", "documents"),
    "LEADER": ("dashboard", "jury", "cluster", "documents"),
    "ADMIN": (
        "submit",
        "import",
        "mine",
        "review",
        "jury",
        "dashboard",
        "cluster",
        "documents",
        "admin",
        "admin_data",
    ),
    "JUDGE": ("jury",),
}


#: On a phone the sidebar covers the page; after a page is chosen in it, it closes itself (Streamlit
#: 1.67 leaves it open). A fixed script, no user data in it.
CLOSE_SIDEBAR_ON_PHONE = """
<script>
(function () {
  const doc = window.parent ? window.parent.document : document;
  if (doc.__thiduaCloseSidebar) return;
  doc.__thiduaCloseSidebar = true;
  doc.addEventListener("click", function (event) {
    const link = event.target.closest('[data-testid="stSidebarNav"] a, [data-testid="stSidebarNavLink"]');
    if (!link || (doc.defaultView || window).innerWidth > 768) return;
    setTimeout(function () {
      const sidebar = doc.querySelector('[data-testid="stSidebar"]');
      if (!sidebar || sidebar.getAttribute("aria-expanded") === "false") return;
      const close = doc.querySelector('[data-testid="stSidebarCollapseButton"] button')
        || doc.querySelector('[data-testid="stSidebarCollapseButton"]');
      if (close) close.click();
    }, 60);
  }, true);
})();
</script>
"""


def sidebar(actor: Actor | None) -> None:
    settings = ui.settings()
    with st.sidebar:
        st.html(CLOSE_SIDEBAR_ON_PHONE, unsafe_allow_javascript=True, width="content")
        st.radio(
            "Ngôn ngữ / Language",
            LANGS,
            format_func=lambda code: t(f"app.lang.{code}"),
            key=ui.LANG_KEY,
            on_change=ui.relabel_choices,
            horizontal=True,
        )
        if settings.demo:
            st.info(ui.tr("app.demo_notice"), icon=":material/science:")
            st.caption(ui.tr("app.demo_date", date=ui_date(ui.services().today())))
        if actor is not None:
            st.divider()
            st.markdown(f"**{ui.plain(ui.tr('app.signed_in_as', name=actor.name))}**")
            unit = ui.unit_label(ui.services(), actor.unit_id)
            st.caption(ui.plain(ui.tr("app.signed_in_detail", role=ui.role_label(actor.role), unit=unit)))
            st.button(
                ui.tr("app.sign_out"), on_click=ui.sign_out, args=(ui.tr("app.signed_out"),), key="sign_out"
            )


def navigation(actor: Actor | None) -> st.Page:
    ids = ("sign_in",) if actor is None else NAV_BY_ROLE.get(actor.role, ("dashboard",))
    sections: dict[str, list[st.Page]] = {}
    for page_id in ids:
        file, title_key, icon, section = PAGES[page_id]
        page = st.Page(file, title=ui.tr(title_key), icon=icon, url_path=page_id)
        sections.setdefault(ui.tr(section), []).append(page)
    return st.navigation(sections)


ui.restore_session()  # a reloaded page (F5): the language and the signed claim from its address
try:
    with st.spinner(ui.tr("app.loading")):
        ui.services()
except (
    Exception
) as exc:  # the store cannot be reached (e.g. Google's token server): our message, and a way back
    if isinstance(exc, ThiduaError):
        st.error(ui.plain(exc.message(ui.lang())))
    else:
        ui.report_unexpected(exc)
    st.caption(ui.tr("app.store_unavailable_hint"))
    st.button(ui.tr("app.retry"), key="app_retry", type="primary")  # a click runs the page again: a new try
    st.stop()
with ui.services().serving():  # background work waits while a page is being drawn
    try:  # the frame too: a bug in the sidebar or navigation gets the friendly message, not a traceback
        # The first read after a start or a change fetches whole tabs (seconds on a large sheet); the
        # spinner appears only when it takes longer than half a second.
        with st.spinner(ui.tr("app.loading")):
            current = ui.current_actor()
        ui.remember_session(current)
        sidebar(current)
        page = navigation(current)
        ui.forget_errors_on_new_view((page.url_path, ui.lang()))
    except Exception as exc:
        ui.report_unexpected(exc)
        st.stop()
    try:
        page.run()
    except Exception as exc:  # a page bug must never show a traceback to a union officer
        ui.report_unexpected(exc)
