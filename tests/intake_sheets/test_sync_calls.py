"""A sync costs calls in proportion to the intake spreadsheets that changed, never to their number
(bench.intake_sync at 60 units; the 6,349-unit table is in docs/benchmarks.md)."""

from __future__ import annotations

from bench.intake_sync import RETURNED, add_units, measure
from services.services import Services

UNITS, CHANGED = 60, 4


def test_a_sync_reads_and_writes_only_the_files_that_changed(services: Services) -> None:
    add_units(services.store, UNITS)
    services.invalidate()
    out = measure(services, UNITS, CHANGED)
    assert out.provision.sheets_write == UNITS and out.provision.sheets_read == 0  # one batchUpdate a file
    quiet = out.steps[0]
    assert (quiet.sheets_read, quiet.sheets_write, quiet.drive) == (0, 0, 1)  # one Drive listing
    typed = out.steps[1]
    assert (typed.sheets_read, typed.sheets_write, typed.drive) == (CHANGED, CHANGED, 1)
    assert "8 new submissions" in typed.summary and "4 rows with errors" in typed.summary
    again = out.steps[2]  # the files it wrote are read once more; nothing to write
    assert (again.sheets_read, again.sheets_write) == (CHANGED, 0)
    returned = out.steps[3]  # states changed in the app: those units' files only
    assert (returned.sheets_read, returned.sheets_write) == (min(RETURNED, CHANGED),) * 2
    assert all(s.too_many == 0 for s in out.steps)  # inside the per-minute quota
    assert all(s.sheets_read + s.sheets_write <= 2 * CHANGED for s in out.steps)
