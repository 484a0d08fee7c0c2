"""An officer's whole journey in the intake spreadsheet alone, on the in-process emulator.

``python cli.py sync --emulator`` runs it on a copy of the demo (no Google account needed) and
prints what the officer sees after each step; ``tests/intake_sheets/test_journey.py`` runs the same
steps and asserts them. The officer types as herself (``emu.human(file, user=...)``): what the
Sheets UI would refuse her (another unit's file, the app's protected cells) is refused here too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.intake_sheets import FIRST_DATA_ROW, IntakeSheets
from core.model import Actor
from services.council import Council
from services.services import Services
from services.sheet_intake import intake_tabs, provision, registry, sync

DEMO_DOMAIN = "demo.thidua.vn"
UNIT = "HN-CDCS-CANON"
OFFICER = f"can.bo.canon@{DEMO_DOMAIN}"
REVIEWER = Actor(f"tham.dinh.kcn@{DEMO_DOMAIN}", "tham.dinh.kcn", "UPPER_REVIEWER", "HN-CD-KCNCX")
SECRETARY = Actor(f"thu.ky.hd@{DEMO_DOMAIN}", "thu.ky.hd", "COUNCIL_SECRETARY", "HN-LDLD")
#: The council's sitting that decides the row: all 13 members present, a unanimous secret ballot.
COUNCIL_SIZE = 13
MINUTES_NO = "01/BB-HĐTĐKT (demo)"
RETURN_REASON = "Thiếu số liệu sản lượng năm 2024 trong thành tích"

#: Three rows as the officer types them (one wrong: a collective nominated for an individual title).
ROWS: tuple[tuple[str, ...], ...] = (
    ("Cá nhân", "Nguyễn Thị Demo Mai", "Công nhân lắp ráp", "Lao động tiên tiến",
     "Hoàn thành xuất sắc nhiệm vụ, vượt 12% định mức sản lượng năm 2024."),
    ("Tập thể", "Tổ Demo Kiểm tra chất lượng", "Tổ sản xuất", "Lao động tiên tiến",
     "Không để lọt lỗi sản phẩm nào ra khỏi dây chuyền trong năm 2024."),
    ("Cá nhân", "Đỗ Văn Demo Hùng", "Kỹ thuật viên", "Lao động tiên tiến",
     "Đề xuất cải tiến khuôn ép giảm 8% phế phẩm, hoàn thành tốt nhiệm vụ năm 2024."),
)  # fmt: skip


@dataclass
class Journey:
    """The spreadsheet, the tab and what the officer sees."""

    services: Services
    emu: Any
    sheets: IntakeSheets
    file_id: str = ""
    tab: str = ""

    def seen(self) -> list[list[Any]]:
        """The tab as the officer sees it (formatted values), header and instruction rows included."""
        rows: list[list[Any]] = self.emu.get_values(self.file_id, f"'{self.tab}'")
        return rows

    def cell(self, row: int, header: str) -> str:
        rows = self.seen()
        j = rows[0].index(header)
        r = rows[row - 1] if row - 1 < len(rows) else []
        return str(r[j]) if j < len(r) else ""

    def fill(self, row: int, column: int) -> str:
        """ "red" when the app highlighted the cell (1-based row, 0-based column), "" otherwise."""
        cell = self.emu.sheet(self.file_id, self.tab).get(row - 1, column)
        fmt = (cell.user_format or {}) if cell is not None else {}
        colour = fmt.get("backgroundColor") or {}
        return "red" if isinstance(colour, dict) and float(colour.get("green", 1)) < 0.9 else ""

    def officer(self, user: str = OFFICER) -> Any:
        return self.emu.human(self.file_id, user=user)

    def type_row(self, row: int, values: tuple[str, ...], user: str = OFFICER) -> None:
        """Type a row cell by cell, as a person does (each cell checked by its dropdown)."""
        h = self.officer(user)
        for j, value in enumerate(values):
            h.edit_cell(f"{chr(ord('A') + j)}{row}", value, sheet=self.tab)

    def sync(self) -> Any:
        self.emu.clock.advance(61)  # a sync every few minutes; the quota window moves on
        return sync(self.services, self.sheets)

    def submission(self, row: int) -> dict[str, Any]:
        key = self.cell(row, self.seen()[0][-1])
        sid = key.rsplit(":", 1)[0]
        frame = self.services.store.read("nominations")
        return dict(frame[frame["id"] == sid].iloc[0])


def start(services: Services, emu: Any, sheets: IntakeSheets) -> Journey:
    """Provision the Canon union's intake spreadsheet; the journey's first tab is the nomination."""
    provision(services, sheets, [UNIT])
    reg = registry(services)
    file_id = str(reg[reg["unit_id"] == UNIT].iloc[0]["spreadsheet_id"])
    tab = next(tb.title for tb in intake_tabs(services) if tb.form == "nomination")
    return Journey(services, emu, sheets, file_id, tab)


def _act(
    services: Services, actor: Actor, sid: str, wanted: tuple[str, ...], reason: str = ""
) -> dict[str, Any]:
    row = services.get(actor, "nominations", sid)
    moves = [tr.trigger for tr in services.actions(actor, "nominations", row)]
    trigger = next(w for w in wanted if w in moves)
    return services.act(actor, "nominations", sid, int(row["version"]), trigger, reason)


def council_awards(services: Services, sid: str) -> dict[str, Any]:
    """The council decides the only way it can: its secretary opens a sitting, records a unanimous
    ballot for the nomination and closes the sitting; closing applies the award. The row after."""
    council = Council(services)
    meeting = council.open_meeting(SECRETARY, services.today(), COUNCIL_SIZE, COUNCIL_SIZE, 0, MINUTES_NO)
    council.record_ballot(SECRETARY, str(meeting["id"]), sid, "SECRET", COUNCIL_SIZE, 0)
    council.close_meeting(SECRETARY, str(meeting["id"]), int(meeting["version"]))
    return services.get(SECRETARY, "nominations", sid)


def award(services: Services, sid: str) -> dict[str, Any]:
    """The upper union awards what it decides itself; what the LĐLĐ decides goes to its council."""
    row = _act(services, REVIEWER, sid, ("award", "approve"))
    if str(row["state"]) != "AWARDED":
        row = council_awards(services, sid)
    return row


def run(services: Services, emu: Any, sheets: IntakeSheets, say: Callable[[str], None] = print) -> Journey:
    """Every step of the journey, printing what the officer sees in "Kiểm tra" and "Trạng thái"."""
    j = start(services, emu, sheets)
    check, state = j.seen()[0][-3], j.seen()[0][-2]
    first = FIRST_DATA_ROW

    def show(title: str) -> None:
        say(f"\n== {title}")
        for r in range(first, first + len(ROWS)):
            name = j.cell(r, j.seen()[0][1])
            shown = f"{check}: {j.cell(r, check) or '—'} | {state}: {j.cell(r, state) or '—'}"
            say(f"  dòng {r}: {name:32} | {shown}")

    say(f"Bảng tính nhập liệu của {services.reference().unit_name(UNIT)}: {j.file_id}, trang '{j.tab}'")
    for i, values in enumerate(ROWS):
        j.type_row(first + i, values)
    show("1. Cán bộ gõ 3 dòng (dòng 4 sai), đồng bộ: " + j.sync().summary())
    j.officer().edit_cell(f"A{first + 1}", "Cá nhân", sheet=j.tab)
    j.officer().edit_cell(f"B{first + 1}", "Lê Thị Demo Ngọc", sheet=j.tab)
    j.officer().edit_cell(f"C{first + 1}", "Tổ trưởng kiểm tra chất lượng", sheet=j.tab)
    show("2. Cán bộ sửa dòng 4, đồng bộ: " + j.sync().summary())
    sid = j.submission(first + 1)["id"]
    _act(services, REVIEWER, str(sid), ("return",), RETURN_REASON)
    show("3. Cấp trên trả lại hồ sơ dòng 4 trong ứng dụng, đồng bộ: " + j.sync().summary())
    j.officer().edit_cell(
        f"E{first + 1}",
        "Không để lọt lỗi sản phẩm ra khỏi dây chuyền; năng suất vượt 10% định mức năm 2024.",
        sheet=j.tab,
    )
    show("4. Cán bộ bổ sung thành tích trên bảng tính, đồng bộ: " + j.sync().summary())
    award(services, str(sid))
    show("5. Cấp trên thông qua, Hội đồng biểu quyết khen thưởng; đồng bộ: " + j.sync().summary())
    return j
