"""Small helpers shared by the UI tests (imported by name: tests/ui is on sys.path under pytest)."""

from __future__ import annotations

import re
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from core.model import Actor

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
OpenApp = Callable[..., AppTest]
UNEXPECTED = ("lỗi ngoài dự kiến", "unexpected")


def assert_clean(at: AppTest) -> None:
    """No exception element and no "unexpected error" message: every failure a user sees is a known one."""
    assert not at.exception, [e.value for e in at.exception]
    for err in at.error:
        assert not any(word in str(err.value) for word in UNEXPECTED), err.value


def select_rows(at: AppTest, table: str, rows: list[int]) -> AppTest:
    """Select table rows the way a click does (AppTest writes dataframe selections via session state)."""
    key = f"{table}_{at.session_state.get(table + '_generation', 0)}"
    at.session_state[key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return at.run()


#: Column names of the store and of computed frames: none should reach a reader as a table header.
COMPUTED_KEYS = frozenset(
    {
        "unit_name",
        "outcome",
        "campaign_year",
        "unit_level",
        "category",
        "count",
        "median_days",
        "overdue",
        "ldtt",
        "quota",
        "cstdcs",
        "headroom",
        "rank",
        "cluster_name",
        "total",
        "share",
        "tab",
        "days_in_state",
        "sla_days",
        "due_in",
    }
)
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def raw_headers(at: AppTest) -> list[str]:
    """Table headers that are raw column names (``unit_id``, ``award_code``, ``count``...), not labels."""
    from schemas.registry import TABS

    keys = COMPUTED_KEYS | {c for spec in TABS.values() for c in spec.columns}
    headers = {str(c) for table in at.dataframe for c in table.value.columns}
    return sorted(h for h in headers if h in keys or _SNAKE.match(h))


def texts(at: AppTest, kind: str) -> list[str]:
    """The text of every ``kind`` element as a reader sees it (Markdown escapes removed)."""
    return [unescape(str(e.value)) for e in getattr(at, kind)]


def unescape(markdown: str) -> str:
    return _ESCAPED.sub(r"\1", markdown)


def demo_actor(local: str, role: str, unit: str) -> Actor:
    return Actor(f"{local}@demo.thidua.vn", local, role, unit)


OFFICER = demo_actor("can.bo.canon", "UNIT_OFFICER", "HN-CDCS-CANON")
HEAD = demo_actor("chu.tich.canon", "UNIT_HEAD", "HN-CDCS-CANON")
REVIEWER = demo_actor("tham.dinh.kcn", "UPPER_REVIEWER", "HN-CD-KCNCX")
CLUSTER_HEAD = demo_actor("cum.truong.cum7", "CLUSTER_HEAD", "HN-CD-KCNCX")
COUNCIL = demo_actor("hoi.dong", "COUNCIL_MEMBER", "HN-LDLD")
SECRETARY = demo_actor("thu.ky.hd", "COUNCIL_SECRETARY", "HN-LDLD")
LEADER = demo_actor("lanh.dao", "LEADER", "HN-LDLD")
ADMIN = demo_actor("quan.tri", "ADMIN", "HN-LDLD")
OFFICER_VQ = demo_actor("can.bo.vanquan", "UNIT_OFFICER", "HN-CDCS-THCS-VANQUAN")
REVIEWER_HD = demo_actor("tham.dinh.hadong", "UPPER_REVIEWER", "HN-LDLD-HADONG")
JUDGE = demo_actor("gk.han-dien.1", "JUDGE", "HN-LDLD")
DECIDER = demo_actor("chu.tich.ldld", "DECIDER", "HN-LDLD")
DEMO_ACTORS = (
    OFFICER,
    HEAD,
    REVIEWER,
    CLUSTER_HEAD,
    COUNCIL,
    SECRETARY,
    LEADER,
    ADMIN,
    OFFICER_VQ,
    REVIEWER_HD,
    JUDGE,
    DECIDER,
)

#: Pages each role is offered (app.NAV_BY_ROLE), as files under app_pages/.
PAGES_BY_ROLE: dict[str, tuple[str, ...]] = {
    "UNIT_OFFICER": ("submit", "import_excel", "my_submissions", "dashboard", "cluster", "documents"),
    "UNIT_HEAD": ("submit", "import_excel", "my_submissions", "dashboard", "cluster", "documents"),
    "UPPER_REVIEWER": ("review", "dashboard", "cluster", "documents"),
    "CLUSTER_HEAD": ("review", "dashboard", "cluster", "documents"),
    "COUNCIL_MEMBER": ("review", "council", "jury", "dashboard", "cluster", "documents"),
    "COUNCIL_SECRETARY": ("review", "council", "jury", "dashboard", "cluster", "documents"),
    "DECIDER": ("review", "dashboard", "documents"),
    "LEADER": ("dashboard", "jury", "cluster", "documents"),
    "JUDGE": ("jury",),
    "ADMIN": (
        "submit",
        "import_excel",
        "my_submissions",
        "review",
        "jury",
        "dashboard",
        "cluster",
        "documents",
        "admin",
        "admin_data",
    ),
}
