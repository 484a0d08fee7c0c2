"""Tabs of council sessions (DOMAIN.md §3.7) and cluster scoring (DOMAIN.md §3.12, §5.3).

Five tabs: ``council_meetings`` and ``ballots`` record how a council decided; ``score_criteria``
holds a cluster's score scheme as data, ``scorecards`` one row per (cluster, year, unit,
criterion) and ``acclaims`` each acclaim vote of a cluster's year-end meeting. Score schemes ship
as YAML in ``workflows/scoring/`` and are read here on demand (never at import time), the same
way ``schemas/rules.py`` reads the rule defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pandera.typing import Series

from schemas.tabs import Envelope, col

SCORING_DIR = Path(__file__).resolve().parents[1] / "workflows" / "scoring"

MEETING_STATUSES: tuple[str, ...] = ("OPEN", "CLOSED")
BALLOT_METHODS: tuple[str, ...] = ("SECRET", "SHOW_OF_HANDS")
BALLOT_RESULTS: tuple[str, ...] = ("PASS", "FAIL", "DOWNGRADE")


class CouncilMeeting(Envelope):
    """One sitting of an emulation council (phiên họp Hội đồng TĐKT) with its attendance."""

    council_unit_id: Series[str] = col("Hội đồng của đơn vị", "Council of unit", str_length={"min_value": 1})
    held_on: Series[str] = col("Ngày họp", "Held on", "date")
    members_total: Series[pd.Int64Dtype] = col(
        "Tổng số thành viên",
        "Members in total",
        "int",
        help_vi="Mẫu số khi tính tỷ lệ phiếu (tính trên tổng số thành viên Hội đồng).",
        help_en="The denominator of every vote share (counted on all council members).",
        ge=1,
    )
    members_present: Series[pd.Int64Dtype] = col("Số thành viên có mặt", "Members present", "int", ge=0)
    written_votes: Series[pd.Int64Dtype] = col(
        "Số phiếu bằng văn bản", "Written votes", "int", help_vi="Thành viên vắng mặt gửi phiếu.", ge=0
    )
    quorum_ratio: Series[str] = col("Tỷ lệ tối thiểu có mặt", "Quorum ratio")
    status: Series[str] = col("Tình trạng", "Status", isin=MEETING_STATUSES)
    minutes_no: Series[str] = col("Số biên bản", "Minutes number")


class Ballot(Envelope):
    """The count of one council vote on one nomination, and the result under the rule in force."""

    meeting_id: Series[str] = col("Phiên họp", "Meeting", str_length={"min_value": 1})
    nomination_id: Series[str] = col("Hồ sơ đề nghị", "Nomination", str_length={"min_value": 1})
    award_code: Series[str] = col("Danh hiệu / hình thức", "Title / award")
    method: Series[str] = col("Hình thức biểu quyết", "Voting method", isin=BALLOT_METHODS)
    yes: Series[pd.Int64Dtype] = col("Tán thành", "Yes", "int", ge=0)
    no: Series[pd.Int64Dtype] = col("Không tán thành", "No", "int", ge=0)
    invalid: Series[pd.Int64Dtype] = col("Phiếu không hợp lệ", "Invalid", "int", ge=0)
    recused: Series[pd.Int64Dtype] = col("Không biểu quyết (cùng đơn vị)", "Recused (same unit)", "int", ge=0)
    result: Series[str] = col("Kết quả", "Result", isin=BALLOT_RESULTS)
    threshold: Series[str] = col("Ngưỡng áp dụng", "Threshold applied")
    suggested_code: Series[str] = col(
        "Hình thức đề nghị thay thế", "Lower form suggested", help_vi="Chỉ khi kết quả là DOWNGRADE."
    )


class ScoreCriterion(Envelope):
    """One criterion of a cluster score scheme with its maximum points."""

    scheme_id: Series[str] = col("Bảng điểm", "Scheme", str_length={"min_value": 1})
    code: Series[str] = col("Mã tiêu chí", "Criterion code", str_length={"min_value": 1})
    group: Series[str] = col("Nhóm tiêu chí", "Group")
    text_vi: Series[str] = col("Nội dung tiêu chí", "Criterion", str_length={"min_value": 1})
    max_points: Series[pd.Int64Dtype] = col("Điểm tối đa", "Maximum points", "int", ge=0)


class Scorecard(Envelope):
    """A unit's points on one criterion: its self-score, the re-check, and the final points."""

    cluster_id: Series[str] = col("Cụm", "Cluster", str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = col("Năm", "Year", "int", ge=2000, le=2100)
    scheme_id: Series[str] = col("Bảng điểm", "Scheme")
    unit_id: Series[str] = col("Đơn vị", "Unit", str_length={"min_value": 1})
    criterion_code: Series[str] = col("Mã tiêu chí", "Criterion code")
    self_points: Series[pd.Int64Dtype] = col("Điểm tự chấm", "Self-score", "int", ge=0, nullable=True)
    cross_points: Series[pd.Int64Dtype] = col(
        "Điểm chấm chéo / phúc tra", "Cross / upper re-check", "int", ge=0, nullable=True
    )
    final_points: Series[pd.Int64Dtype] = col("Điểm cuối cùng", "Final points", "int", ge=0, nullable=True)
    checked_by: Series[str] = col("Người phúc tra", "Re-checked by")
    note: Series[str] = col("Ghi chú", "Note")


class AcclaimRecord(Envelope):
    """The acclaim vote (suy tôn) of a cluster's year-end meeting and the leader it named."""

    cluster_id: Series[str] = col("Cụm", "Cluster", str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = col("Năm", "Year", "int", ge=2000, le=2100)
    members: Series[pd.Int64Dtype] = col("Số đơn vị thành viên", "Member units", "int", ge=0)
    votes: Series[str] = col("Số phiếu từng đơn vị", "Votes per unit", help_vi="Dạng MÃ_ĐƠN_VỊ=số; ...")
    leader_unit_id: Series[str] = col("Đơn vị dẫn đầu", "Leading unit")
    leader_votes: Series[pd.Int64Dtype] = col("Số phiếu của đơn vị dẫn đầu", "Leader's votes", "int", ge=0)
    decided_by: Series[str] = col("Cách xác định", "Decided by", isin=("majority", "tie_break", "none"))


#: Tab name -> model, merged into ``schemas.registry.TABS``.
COUNCIL_TABS: dict[str, type[Envelope]] = {
    "council_meetings": CouncilMeeting,
    "ballots": Ballot,
    "score_criteria": ScoreCriterion,
    "scorecards": Scorecard,
    "acclaims": AcclaimRecord,
}


def scheme_files(folder: Path = SCORING_DIR) -> list[Path]:
    """The score scheme files, sorted by name."""
    return sorted(folder.glob("*.yaml"))


def load_scheme(path: Path) -> dict[str, Any]:
    """One scheme file as ``{"id", "name", "year", "criteria": [...]}``; a bad file names the key."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, Mapping) or not data.get("id"):
        raise ValueError(f"{path.name}: the key 'id' is missing (e.g. id: HN-CUM-2024)")
    crits = data.get("criteria")
    if not isinstance(crits, list) or not crits:
        raise ValueError(f"{path.name}: 'criteria' must list at least one criterion")
    seen: set[str] = set()
    for i, c in enumerate(crits):
        for key in ("code", "text_vi", "max_points"):
            if not isinstance(c, Mapping) or c.get(key) in (None, ""):
                raise ValueError(f"{path.name}: criteria[{i}] needs '{key}'")
        if not isinstance(c["max_points"], int) or c["max_points"] < 0:
            raise ValueError(f"{path.name}: criteria[{i}].max_points must be a whole number ≥ 0")
        if c["code"] in seen:
            raise ValueError(f"{path.name}: criteria[{i}].code {c['code']!r} is repeated")
        seen.add(str(c["code"]))
    return dict(data)


def scheme_rows(folder: Path = SCORING_DIR) -> list[dict[str, Any]]:
    """Rows for the ``score_criteria`` tab from every scheme file (ids are ``scheme:code``)."""
    rows: list[dict[str, Any]] = []
    for path in scheme_files(folder):
        data = load_scheme(path)
        for c in data["criteria"]:
            rows.append(
                {
                    "id": f"{data['id']}:{c['code']}",
                    "scheme_id": str(data["id"]),
                    "code": str(c["code"]),
                    "group": str(c.get("group", "")),
                    "text_vi": str(c["text_vi"]),
                    "max_points": int(c["max_points"]),
                }
            )
    return rows
