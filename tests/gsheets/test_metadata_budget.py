"""Issue 21: submissions and approvals on one tab through the services, inside Google's budget of
30,000 developer-metadata characters per sheet. The bench (``python -m bench.gsheets_limits``,
docs/benchmarks.md) runs 10,000; this runs 120 with the budget scaled in proportion (360
characters: 3 per submission), so the same rule holds at the size ``make test`` can afford."""

from __future__ import annotations

from bench.gsheets_limits import run
from sheets_emulator.limits import MAX_METADATA_CHARS

SUBMISSIONS = 120
BUDGET = MAX_METADATA_CHARS * SUBMISSIONS // 10_000


def test_submissions_and_approvals_fit_a_proportional_metadata_budget_with_no_error() -> None:
    out = run(SUBMISSIONS, sheet_budget=BUDGET)
    assert out.errors == []
    assert out.approved == SUBMISSIONS
    used = out.metadata_per_sheet["nominations"]
    assert used <= BUDGET, out.metadata_per_sheet
    # one character per row tag, plus the tab's column tags and change counter: no value per tag,
    # and nothing left behind by the client tokens
    assert used <= SUBMISSIONS + 60
    assert out.metadata_total <= MAX_METADATA_CHARS
