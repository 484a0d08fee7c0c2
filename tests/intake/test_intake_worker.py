"""Uploads are read in a worker process of their own, at a lower priority, with a time limit
(issue 23, "uploads"): a big file never takes the app's own process (and its sessions) with it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from services.intake import UploadRejected
from services.intake_worker import NICENESS, read_isolated, worker_pid
from tests.intake.officer_files import officer_file, person
from workflows.loader import load_campaigns

ANNUAL = load_campaigns()["HN-2024-KTN"]


def test_the_worker_is_another_process_at_a_lower_priority() -> None:
    pid = worker_pid()
    assert pid != os.getpid()
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():  # Linux: field 19 is the nice value
        fields = stat.read_text().rsplit(")", 1)[1].split()
        assert int(fields[16]) >= NICENESS


def test_a_file_read_in_the_worker_gives_the_same_rows_and_the_same_refusals() -> None:
    data = officer_file([person("Lê Thị Hoa"), person("NguyÔn V¨n An")])
    up = read_isolated("ds.xlsx", data, campaign=ANNUAL, form="nomination")
    assert [r["full_name"] for r in up.rows] == ["Lê Thị Hoa", "Nguyễn Văn An"]
    assert [n.rule for n in up.notes] == ["legacy_converted"]
    with pytest.raises(UploadRejected) as refused:
        read_isolated("lon.xlsx", data, campaign=ANNUAL, form="nomination", max_rows=1)
    assert refused.value.code == "intake.too_many_rows" and "tối đa 1 dòng" in refused.value.message("vi")


def test_a_read_over_its_time_is_stopped_and_the_next_upload_gets_a_new_worker() -> None:
    data = officer_file([person(f"Người Thứ {i:04d}") for i in range(3000)])
    with pytest.raises(UploadRejected) as stopped:
        read_isolated("cham.xlsx", data, campaign=ANNUAL, form="nomination", seconds=0.01)
    assert stopped.value.code == "intake.too_slow" and "cham.xlsx" in stopped.value.message("vi")
    up = read_isolated("ds.xlsx", officer_file([person("Lê Thị Hoa")]), campaign=ANNUAL, form="nomination")
    assert len(up.rows) == 1
