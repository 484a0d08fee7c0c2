"""10,000 submissions and their approvals on one tab, through the services, on an emulator that
enforces Google's documented limits (30,000 characters of developer metadata per sheet and per
spreadsheet, 50,000 per cell, 10 million cells, 10 MB per request).

    python -m bench.gsheets_limits                      # 10,000: about half an hour
    python -m bench.gsheets_limits --submissions 2000

Every submission is a ``Services.create`` (with a client token, as the form sends it) by one of
50 unit officers; every one is then approved by its upper union's reviewer, 50 rows per
``Services.act_many``. The run counts errors (there must be none), calls, and the developer
metadata characters left on each sheet. ``tests/gsheets/test_metadata_budget.py`` runs the same
at 300 submissions with the budget scaled down in proportion (900 characters on the sheet).
The network model is off here: 20,000 writes at 150 ms would only add waiting.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from dataclasses import dataclass, field

from bench.report import write_section
from core.errors import ThiduaError
from sheets_emulator.limits import MAX_METADATA_CHARS, metadata_chars
from tests.reliability.harness import (
    CAMPAIGN,
    FORM,
    TAB,
    emulator_backend,
    nomination,
    officer,
    person_name,
    reviewers,
)

TITLE = "Google Sheets: 10,000 submissions on one tab within Google's limits"
UNITS = 50
BATCH = 50


@dataclass
class Outcome:
    submissions: int
    approved: int
    errors: list[str] = field(default_factory=list)
    metadata_per_sheet: dict[str, int] = field(default_factory=dict)
    metadata_total: int = 0
    calls: Counter[str] = field(default_factory=Counter)
    seconds_create: float = 0.0
    seconds_approve: float = 0.0
    bytes_in: int = 0
    bytes_out: int = 0


def run(submissions: int, *, sheet_budget: int = MAX_METADATA_CHARS, progress: bool = False) -> Outcome:
    """Create ``submissions`` nominations and approve them all; the sheet's metadata budget is
    ``sheet_budget`` characters (Google's 30,000, or a proportional one for a smaller run)."""
    backend = emulator_backend(UNITS)
    emu = backend.emu
    assert emu is not None
    emu.strict.max_metadata_chars = sheet_budget
    services = backend.services
    out = Outcome(submissions, 0)
    started = time.perf_counter()
    for k in range(submissions):
        n = k % UNITS + 1
        try:
            services.create(
                officer(n), CAMPAIGN, FORM, nomination(person_name(n, k // UNITS)), client_token=f"tok-{k}"
            )
        except ThiduaError as exc:
            out.errors.append(f"create {k}: {exc.message('en')}")
        if progress and k % 1000 == 999:
            print(f"  {k + 1:,} created ({time.perf_counter() - started:,.0f} s)", flush=True)
    out.seconds_create = time.perf_counter() - started
    started = time.perf_counter()
    by_parent: dict[str, list[tuple[str, int]]] = {}
    bosses = {r.unit_id: r for r in reversed(reviewers())}
    for boss in bosses.values():
        queue = services.queue(boss, TAB, CAMPAIGN)
        by_parent[boss.unit_id] = [(str(r["id"]), int(r["version"])) for r in queue.to_dict("records")]
    for parent, items in by_parent.items():
        for start in range(0, len(items), BATCH):
            chunk = items[start : start + BATCH]
            try:
                services.act_many(bosses[parent], TAB, chunk, "approve")
                out.approved += len(chunk)
            except ThiduaError as exc:
                out.errors.append(f"approve {parent} {start}: {exc.message('en')}")
            if progress and (out.approved // BATCH) % 20 == 0:
                print(f"  {out.approved:,} approved ({time.perf_counter() - started:,.0f} s)", flush=True)
    out.seconds_approve = time.perf_counter() - started
    # what is stored, counted from the sheet: every submission once, each moved on by its approval
    stored = backend.store.read(TAB)
    states = Counter(stored["state"].astype(str))
    if len(stored) != submissions:
        out.errors.append(f"{len(stored):,} rows stored for {submissions:,} submissions")
    if stored["client_token"].duplicated().any():
        out.errors.append("a client token stored twice")
    if out.approved != submissions:
        out.errors.append(
            f"{submissions - out.approved:,} rows never reached a reviewer's queue: {dict(states)}"
        )
    book = emu.spreadsheet(backend.key)
    per_sheet, out.metadata_total = metadata_chars(book)
    titles = {s.sheet_id: s.title for s in book.sheets}
    out.metadata_per_sheet = {titles[sid]: n for sid, n in per_sheet.items() if sid in titles}
    entries = [e for e in emu.log.entries if not e.endpoint.startswith("drive:")]
    out.calls = Counter(e.endpoint for e in entries)
    out.bytes_in = sum(e.bytes_in for e in entries)
    out.bytes_out = sum(e.bytes_out for e in entries)
    backend.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=10_000)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    out = run(args.submissions, progress=True)
    busiest = max(out.metadata_per_sheet.items(), key=lambda kv: kv[1])
    writes = out.calls["spreadsheets:batchUpdate"]
    lines = [
        "| submissions | approved | errors | metadata chars on `nominations` (limit 30,000) "
        "| busiest sheet | whole spreadsheet | create: s (per row, ms) | approve: s (per row, ms) "
        "| write calls | MB sent / received | load avg |",
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|",
        f"| {out.submissions:,} | {out.approved:,} | {len(out.errors)} "
        f"| {out.metadata_per_sheet.get(TAB, 0):,} | {busiest[0]} ({busiest[1]:,}) | {out.metadata_total:,} "
        f"| {out.seconds_create:,.0f} ({1000 * out.seconds_create / max(1, out.submissions):,.0f}) "
        f"| {out.seconds_approve:,.0f} ({1000 * out.seconds_approve / max(1, out.approved):,.0f}) "
        f"| {writes:,} | {out.bytes_in / 1e6:,.1f} / {out.bytes_out / 1e6:,.1f} "
        f"| {max(load, os.getloadavg()[0]):.1f} |",
    ]
    body = (
        f"Command: `python -m bench.gsheets_limits --submissions {args.submissions}`. In-process emulator "
        "enforcing Google's documented limits (docs/emulator.md), quotas and network model off. "
        f"{args.submissions:,} `Services.create` calls (with a client token) by {UNITS} unit officers, then "
        f"every row approved by its upper union's reviewer, {BATCH} rows per `Services.act_many`. Metadata "
        "characters are keys plus values, counted by the emulator as Google limits them.\n\n"
        + "\n".join(lines)
        + ("\n\nErrors:\n\n" + "\n".join(f"- {e}" for e in out.errors[:20]) if out.errors else "")
    )
    print(f"## {TITLE}\n\n{body}")
    write_section(TITLE, body)


if __name__ == "__main__":
    main()
