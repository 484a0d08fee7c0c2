"""PostgreSQL with three app servers: 50 submitters and 5 reviewers while connections are cut
(~20 % of the servers' database calls meet one), one server is killed and the database restarts.
Small size here; full size: ``python -m bench.reliability --only postgres`` (docs/reliability.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.pg_cluster import ClusterLoad, run_cluster


@pytest.mark.slow
def test_three_servers_through_cut_connections_a_killed_server_and_a_database_restart(tmp_path: Path) -> None:
    run = run_cluster(tmp_path, ClusterLoad(units=50, per_officer=1, reviewer_ops=12, seconds=3.0))
    a = run.audit
    assert run.errors == []
    assert a.rows_expected == 50 and a.rows_found == 50 and not a.missing  # 0 lost
    assert a.duplicates == 0 and not a.answered_other_row  # 0 doubled
    assert a.misplaced == [] and a.unknown_rows == 0  # 0 misplaced
    # every history row accounted for: each row's state and version match its history, every move
    # a reviewer was told of is stored once, nothing else is stored (but the dead server's clicks)
    assert not (a.state_mismatch or a.version_mismatch or a.orphan_history or a.double_applied)
    assert a.unreported_history == [] and a.reported_not_in_history == []
    assert run.history_rows == run.history_expected
    assert run.in_flight_stored <= run.in_flight
    # the faults did happen: a server killed after some confirmations, the database restarted
    # mid-run, connections cut under a fair share of the calls
    assert 0 < run.killed_at < run.restarted_at < 50
    assert run.cuts >= 10 and run.failed_calls >= 0.08 * run.calls, (run.cuts, run.failed_calls, run.calls)
    assert a.applied_reported > 0
