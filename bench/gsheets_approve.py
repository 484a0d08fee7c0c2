"""Google Sheets: what "approve 50 rows" costs, on the emulator, with 5,000 rows in the sheet.

Three ways to write the same approval (state, version, updated_at, updated_by of 50 nominations
plus 50 history rows), each on its own fresh emulator holding the same data:

* **thidua adapter** (``GoogleSheetsWorkbook.update``): one ``values:batchGetByDataFilter`` of
  the envelope cells of the 50 rows where the page view saw them and of the two header rows, one
  ``spreadsheets.batchUpdate`` (row-tag guards and updateCells per row, column guards, the change
  counters, appendCells for the history rows).
* **whole-sheet rewrite**, what st-gsheets-connection's ``update`` does: clear each worksheet,
  then write every row back (the data comes from its cached read, not counted here).
* **one call per cell**: a ``values:update`` per changed cell and a ``values:append`` per
  history row, rows located by their position at read time (no re-check).

Run: ``python -m bench.gsheets_approve``; prints a Markdown table and writes it into
docs/benchmarks.md under "Google Sheets: approve 50 rows". Quotas are switched off so the
per-cell variant can finish; with Google's 60 writes per minute it would take minutes. The
emulator's network model is on (150 ms and 20 MB/s per call; ``--no-network`` to turn it off).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gspread

from bench.report import write_section
from core.ports import Change
from schemas.registry import headers
from sheets_emulator import SheetsEmulator
from storage.gsheets import GoogleSheetsWorkbook, column_letter, quote_title

ROWS = 5_000
APPROVE = 50
TITLE = "Google Sheets: approve 50 rows"
NOW = "2024-12-05T09:30:00+07:00"
REVIEWER = "tham.dinh.kcn@demo.congdoan.vn"
PAGE_VIEW: list[int] = []  # bytes received by the page view before each approval (same for all)


@dataclass
class Result:
    name: str
    calls: int
    bytes_up: int
    bytes_down: int
    seconds: float
    at_risk: str


def nomination(n: int) -> dict[str, Any]:
    return {
        "campaign_id": "HN-2024-KTN",
        "form": "nomination",
        "unit_id": f"HN-CDCS-{n % 120:03d}",
        "state": "SUBMITTED",
        "revision": 1,
        "subject_kind": "CA_NHAN",
        "full_name": f"Nguyễn Thị Thu Thủy {n:04d}",
        "position": "Công nhân",
        "award_code": "LDTT",
        "year": 2024,
        "achievement": "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024.",
    }


def history(row_id: str) -> dict[str, Any]:
    return {
        "tab": "nominations",
        "row_id": row_id,
        "action": "approve",
        "from_state": "SUBMITTED",
        "to_state": "IN_COUNCIL",
        "actor_email": REVIEWER,
        "at": NOW,
    }


NETWORK = [True]


def fresh() -> tuple[SheetsEmulator, GoogleSheetsWorkbook, gspread.Client, str, list[dict[str, Any]]]:
    """A new emulator holding 5,000 nominations (and the other tabs, empty)."""
    emu = SheetsEmulator(seed=0)
    emu.quota.enabled = False
    key = emu.create_spreadsheet("bench")
    client = gspread.Client(auth=None, session=emu.session())  # type: ignore[arg-type]
    wb = GoogleSheetsWorkbook(key, client=client, clock=lambda: NOW, sleep=lambda s: None, seed=0)
    wb.ensure_tabs(headers())
    stored = wb.append("nominations", [nomination(n) for n in range(ROWS)], actor="seed")
    emu.log.clear()
    wb.read_many(["nominations", "history"])  # the page view the reviewer approved from
    PAGE_VIEW.append(sum(e.bytes_out for e in emu.log.entries))
    emu.log.clear()
    emu.network.enabled = NETWORK[0]
    return emu, wb, client, key, stored


def measure(name: str, at_risk: str, run: Callable[[], None], emu: SheetsEmulator) -> Result:
    started = time.perf_counter()
    run()
    took = time.perf_counter() - started
    sheets = [e for e in emu.log.entries if not e.endpoint.startswith("drive:")]
    return Result(
        name,
        len(sheets),
        sum(e.bytes_in for e in sheets),
        sum(e.bytes_out for e in sheets),
        took,
        at_risk,
    )


def ours() -> Result:
    emu, wb, _, _, stored = fresh()
    chosen = stored[100 : 100 + APPROVE]

    def run() -> None:
        wb.update(
            "nominations",
            [Change(r["id"], 1, {"state": "IN_COUNCIL"}) for r in chosen],
            actor=REVIEWER,
            also_append={"history": [history(r["id"]) for r in chosen]},
        )

    return measure(
        "thidua adapter (read the 50 rows' envelope + one batchUpdate)", "none: one atomic call", run, emu
    )


def rewrite() -> Result:
    emu, _wb, client, key, stored = fresh()
    sheet = client.open_by_key(key)
    emu.log.clear()
    chosen = {r["id"] for r in stored[100 : 100 + APPROVE]}
    header = list(headers()["nominations"])
    rows = [[r.get(c, "") for c in header] for r in stored]
    for row in rows:
        if row[0] in chosen:
            row[header.index("state")] = "IN_COUNCIL"
            row[header.index("version")] = 2
            row[header.index("updated_at")] = NOW
            row[header.index("updated_by")] = REVIEWER
    h_header = list(headers()["history"])
    h_rows = [[history(i).get(c, "") for c in h_header] for i in sorted(chosen)]

    def run() -> None:
        nominations = sheet.worksheet("nominations")
        nominations.clear()
        nominations.update([header, *rows], "A1", value_input_option="RAW")
        log = sheet.worksheet("history")
        log.clear()
        log.update([h_header, *h_rows], "A1", value_input_option="RAW")

    return measure(
        "whole-sheet rewrite (clear + update, st-gsheets-connection)",
        f"all {ROWS:,} rows: a failure after clear leaves the tab empty",
        run,
        emu,
    )


def per_cell() -> Result:
    emu, _wb, client, key, stored = fresh()
    emu.log.clear()
    header = list(headers()["nominations"])
    h_header = list(headers()["history"])
    positions = {r["id"]: i + 2 for i, r in enumerate(stored)}  # as read: no re-check before writing
    chosen = stored[100 : 100 + APPROVE]
    http = client.http_client

    def run() -> None:
        for r in chosen:
            row = positions[r["id"]]
            for column, value in (
                ("state", "IN_COUNCIL"),
                ("version", 2),
                ("updated_at", NOW),
                ("updated_by", REVIEWER),
            ):
                cell = f"{quote_title('nominations')}!{column_letter(header.index(column))}{row}"
                http.values_update(key, cell, {"valueInputOption": "RAW"}, {"values": [[value]]})
            values = [[history(r["id"]).get(c, "") for c in h_header]]
            http.values_append(
                key, f"{quote_title('history')}!A1", {"valueInputOption": "RAW"}, {"values": values}
            )

    return measure(
        "one call per cell (values:update per cell, append per history row)",
        "rows written before a failure stay; positions go stale when people sort",
        run,
        emu,
    )


TARGET = "2 calls, < 50 KB both ways"


def table(results: list[Result]) -> str:
    lines = [
        "| approach | calls | bytes sent | bytes received | both ways | time on emulator (s) "
        "| left behind by a failure half-way | target |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for n, r in enumerate(results):
        target = TARGET if n == 0 else ""
        lines.append(
            f"| {r.name} | {r.calls} | {r.bytes_up:,} | {r.bytes_down:,} | {r.bytes_up + r.bytes_down:,} "
            f"| {r.seconds:.2f} | {r.at_risk} | {target} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-network", action="store_true", help="the emulator answers at once")
    args = parser.parse_args()
    NETWORK[0] = not args.no_network
    results = [ours(), rewrite(), per_cell()]
    net = "network model on (150 ms + 20 MB/s per call)" if NETWORK[0] else "network model off"
    body = (
        f"Command: `python -m bench.gsheets_approve{' --no-network' if args.no_network else ''}`. "
        f"{ROWS:,} nominations in the sheet; approve {APPROVE} of them (4 cells each) and append "
        f"{APPROVE} history rows. Counted from the emulator's request log (Sheets API calls only; "
        f"request and response bytes), quotas off, {net}. Google's default quota is 60 write "
        "requests per minute per user.\n\n"
        + table(results)
        + f"\n\nNot counted above: the page view the reviewer approved from, the same for every "
        f"approach (our adapter: one `values:batchGet`, {PAGE_VIEW[0]:,} bytes received). The adapter "
        "reads, before writing, only the envelope cells (id, version, updated_at) of the 50 rows "
        "where the page view saw them and the header rows, so no write lands on a row a person "
        "moved; the other two write where the rows were when the page was read. Its write carries, "
        "per changed row, a 2-request row-tag guard (against rows moved during the write and against "
        "a second app instance) and the changed cells; per tab, the guards of the columns written "
        "and the change counter; the history rows go with `appendCells`, which needs no read of the "
        "history tab."
    )
    print(f"## {TITLE}\n\n{body}")
    write_section(TITLE, body)


if __name__ == "__main__":
    main()
