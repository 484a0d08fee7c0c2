"""Newcomer audit: every page a role can open, in both languages, reads right to someone new.

For each (role, page, language): the page title and its one-line explanation in that language
right under it, no exception element or "unexpected error" box, and no message key shown raw
(an untranslated ``page.x.y``), no table headed by a column name (``unit_id``, ``award_code``). Empty
states say what to do next. The pages and roles come from
``app.py`` itself, so a new page or role is audited without editing this file.

The same walk reads the rendered text of every page (``rendered_text``): no code from the catalogue,
units, states or rules, no e-mail but the reader's own, no "nan"/"None", no English word on a
Vietnamese page and no Vietnamese word on an English one; then once more with the first row of the
page's first selectable table picked (the detail views: history, refusals, dossier). The dashboard's
tables are audited for column names below, every tile in turn.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import rendered_text
import streamlit as st
from streamlit.testing.v1 import AppTest
from ui_helpers import (
    ADMIN,
    DEMO_ACTORS,
    LEADER,
    OFFICER,
    REVIEWER,
    OpenApp,
    assert_clean,
    raw_headers,
    texts,
)

import i18n
from core.model import Actor

ROOT = Path(__file__).resolve().parents[2]
EXCLUDED: set[str] = set()


def _app_tables() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """``PAGES`` (page id -> file) and ``NAV_BY_ROLE`` read from app.py without running it."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            found[node.target.id] = ast.literal_eval(node.value)
    pages = {pid: str(spec[0]) for pid, spec in found["PAGES"].items()}  # type: ignore[attr-defined]
    return pages, dict(found["NAV_BY_ROLE"])  # type: ignore[call-overload]


PAGES, NAV_BY_ROLE = _app_tables()
HEADER = re.compile(r'ui\.page_header\(\s*"([^"]+)",\s*"([^"]+)"')
#: the first segments of every message key: a rendered text holding "<segment>.<word>.<word>" is a
#: key that was shown instead of its translation
KEY_LIKE = re.compile(
    r"\b(?:" + "|".join(sorted({k.split(".")[0] for k in i18n.MESSAGES})) + r")\.[a-z_]+(?:\.[a-z0-9_]+)+\b"
)


def _header_keys(page_file: str) -> tuple[str, str]:
    found = HEADER.search((ROOT / page_file).read_text(encoding="utf-8"))
    assert found, f"{page_file} does not start with ui.page_header(title, intro)"
    return found.group(1), found.group(2)


def _cases() -> list[object]:
    by_role: dict[str, Actor] = {}
    for a in DEMO_ACTORS:
        by_role.setdefault(a.role, a)
    missing = sorted(set(NAV_BY_ROLE) - set(by_role))
    assert not missing, f"app.py offers pages to roles with no demo user in tests/ui/ui_helpers.py: {missing}"
    cases = []
    for role, page_ids in NAV_BY_ROLE.items():
        for page_id in page_ids:
            if page_id in EXCLUDED:
                continue
            for lang in i18n.LANGS:
                cases.append(pytest.param(by_role[role], page_id, lang, id=f"{role}-{page_id}-{lang}"))
    return cases


def _all_text(at: AppTest) -> list[str]:
    """Every text a reader meets: messages, headings, captions, widget labels, options and help."""
    out: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        out += [str(e.value) for e in getattr(at, kind)]
    for kind in ("button", "selectbox", "multiselect", "radio", "text_input", "text_area", "number_input"):
        for w in getattr(at, kind):
            out.append(str(w.label))
            out.append(str(getattr(w, "help", "") or ""))
            out += [str(o) for o in getattr(w, "options", []) or []]
    out += [str(e.label) for e in at.expander]
    out += [str(e.label) for e in at.tabs]
    return out


def open_as(view_app: OpenApp, actor: Actor, page_id: str, lang: str) -> AppTest:
    at = view_app(actor)
    at.session_state["lang"] = lang
    at.switch_page(PAGES[page_id]).run()
    return at


@pytest.mark.parametrize(("actor", "page_id", "lang"), _cases())
def test_every_page_explains_itself_in_the_users_language(
    view_app: OpenApp, shared_demo_db: Path, actor: Actor, page_id: str, lang: str
) -> None:
    at = open_as(view_app, actor, page_id, lang)
    assert_clean(at)
    title_key, intro_key = _header_keys(PAGES[page_id])
    assert [t.value for t in at.title][:1] == [i18n.t(title_key, lang)]
    assert at.caption, "no one-line explanation under the title"
    intro = at.caption[0].value
    template = re.escape(i18n.t(intro_key, lang))
    assert intro and re.fullmatch(re.sub(r"\\\{\w+\\\}", ".+", template), intro), intro
    raw_keys = sorted({m for text in _all_text(at) for m in KEY_LIKE.findall(text)})
    assert not raw_keys, f"untranslated message keys shown: {raw_keys}"
    assert not raw_headers(at), f"table headers that are column names: {raw_headers(at)}"
    found = rendered_text.problems(
        rendered_text.rendered(at), lang=lang, own_email=actor.email, db=shared_demo_db
    )
    found += rendered_text.streamlit_english(at)
    if pick_first_row(at):
        assert_clean(at)
        found += [
            f"(row picked) {p}"
            for p in rendered_text.problems(
                rendered_text.rendered(at), lang=lang, own_email=actor.email, db=shared_demo_db
            )
        ]
    assert not found, "\n".join(dict.fromkeys(found))


def pick_first_row(at: AppTest) -> bool:
    """Pick the first row of the page's first selectable table, as a click does; False when none."""
    for table in at.dataframe:
        if table.proto.selection_mode and table.key and len(table.value):
            at.session_state[table.key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
            at.run()
            return True
    return False


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("actor", [LEADER, OFFICER], ids=["leader", "officer"])
def test_no_dashboard_table_is_headed_by_column_names(view_app: OpenApp, actor: Actor, lang: str) -> None:
    """Every tile's breakdown and the rows behind it, for the widest and the narrowest scope."""
    at = open_as(view_app, actor, "dashboard", lang)
    assert_clean(at)
    tiles = list(at.selectbox(key="dashboard_drill").options)
    assert len(tiles) > 10
    for index, tile in enumerate(tiles):
        at.selectbox(key="dashboard_drill").select_index(index).run()
        assert_clean(at)
        assert at.dataframe, tile
        assert not raw_headers(at), (tile, raw_headers(at))


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_sign_in_page_explains_itself(view_app: OpenApp, lang: str) -> None:
    at = view_app()
    at.session_state["lang"] = lang
    at.run()
    assert_clean(at)
    assert at.caption and at.caption[0].value == i18n.t("page.sign_in.intro", lang)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_search_finding_nothing_says_what_to_try(view_app: OpenApp, lang: str) -> None:
    at = open_as(view_app, REVIEWER, "review", lang)
    at.text_input(key="review_search").set_value("zzqx không ai tên này").run()
    assert_clean(at)
    expected = i18n.t("page.review.no_match", lang, search="zzqx không ai tên này")
    assert expected in texts(at, "info")


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_unit_with_no_submission_is_told_how_to_make_one(view_app: OpenApp, lang: str) -> None:
    at = open_as(view_app, ADMIN, "mine", lang)  # the federation's own unit submits nothing in the demo
    assert_clean(at)
    assert i18n.t("page.mine.empty_next", lang) in texts(at, "info")
    assert i18n.t("page.submit.nav", lang) in i18n.t("page.mine.empty_next", lang)


def test_the_key_detector_would_catch_a_raw_key() -> None:
    assert KEY_LIKE.findall("Xem page.review.title ở đây") == ["page.review.title"]
    assert not KEY_LIKE.findall("lanh.dao@demo.thidua.vn, 8.500.000 đ, app.py")


def test_a_store_failure_mid_page_is_a_friendly_message_not_a_traceback(
    open_app: OpenApp, demo_db: Path
) -> None:
    at = open_app(REVIEWER, page="review")
    demo_db.write_bytes(b"not a database any more" * 100)  # the disk file was damaged under the app
    for extra in ("-wal", "-shm"):  # with its write-ahead log: no page of it is left to serve from
        demo_db.with_name(demo_db.name + extra).unlink(missing_ok=True)
    st.cache_resource.clear()  # as after a restart: the app opens the damaged file again
    at.text_input(key="review_search").set_value("a").run()
    assert not at.exception
    errors = texts(at, "error")
    assert any(e.startswith("Đã xảy ra lỗi ngoài dự kiến") and "mã lỗi:" in e for e in errors), errors
    assert not any("Traceback" in text or "sqlite3." in text for text in _all_text(at))
