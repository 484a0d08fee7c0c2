"""The official documents: "Tờ trình" + "Danh sách đề nghị khen thưởng", "Biên bản họp Hội đồng",
"Quyết định" + "Danh sách kèm theo", and the quarterly snapshot of the tiles ("giao ban quý").

Each function takes plain data (``reporting.reporting`` dataclasses), fills the editable template from
``exports/templates/`` and returns the .docx bytes. Long lists report progress through ``progress``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from docx.document import Document as DocumentObject

from core.vnformat import fmt_int, fmt_pct, int_to_roman, official_date, parse_timestamp_vi
from exports import docx_fill as fill
from reporting.metrics import Metric
from reporting.reporting import (
    DECREE_98,
    LAW_2022,
    AwardGroup,
    BallotLine,
    DocumentBundle,
    DocumentInfo,
    Nominee,
    Snapshot,
    sort_nominees,
)

Progress = Callable[[float, str], None]

#: (header, width in mm) of the list in the submission letter (the columns the issue names).
LIST_COLUMNS: tuple[tuple[str, float], ...] = (  # landscape A4: 252 mm between the margins
    ("STT", 14),
    ("Họ và tên", 44),
    ("Chức vụ", 32),
    ("Đơn vị", 60),
    ("Hình thức", 34),
    ("Tóm tắt thành tích", 68),
)
ANNEX_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 12),
    ("Họ và tên", 38),
    ("Chức vụ", 26),
    ("Đơn vị", 38),
    ("Hình thức", 27),
    ("Tiền thưởng (đồng)", 24),
)
BALLOT_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 14),
    ("Họ và tên", 37),
    ("Đơn vị", 38),
    ("Hình thức", 26),
    ("Tán thành", 17),
    ("Không tán thành", 17),
    ("Kết quả", 20),
)
SUMMARY_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 14),
    ("Hình thức khen thưởng", 111),
    ("Số lượng", 40),
)
RESULTS = {
    "PASS": "Thông qua",
    "FAIL": "Không thông qua",
    "DOWNGRADE": "Hạ hình thức",
    "PENDING": "Chưa biểu quyết",
}
#: A name the app does not know (the chair of a meeting): a dotted line to fill in by hand.
BLANK_NAME = "...................."


def _noop(_: float, __: str) -> None:
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _who(group: AwardGroup) -> str:
    return "tập thể" if group.subject_kind == "TAP_THE" else "cá nhân"


def _header_values(info: DocumentInfo) -> dict[str, str]:
    return {
        "co_quan_cap_tren": info.issuer_parent,
        "co_quan_ban_hanh": info.issuer,
        "so_ky_hieu": info.number,
        "dia_danh_ngay": official_date(info.signed_on, info.place),
        "ngay_ky": official_date(info.signed_on, None),
        "chuc_vu_ky": info.signer_title,
        "nguoi_ky": info.signer_name,
        # only a decision recorded as issued was signed; everything else the app produces is not
        "du_thao": "DỰ THẢO" if info.draft else "",
        "da_ky": "(Đã ký)" if info.signed and not info.draft else "",
    }


def _values(bundle: DocumentBundle) -> dict[str, str]:
    return {
        **_header_values(bundle.info),
        "ten_dot": _lower_first(bundle.campaign_name),
        "nam": str(bundle.campaign_year),
        "tong_so": fmt_int(len(bundle.nominees)),
        "ten_co_quan": bundle.extra.get("ten_co_quan", bundle.info.issuer),
        "ten_co_quan_hoa": bundle.extra.get("ten_co_quan_hoa", bundle.info.issuer),
        "van_ban_phat_dong": bundle.extra.get("van_ban_phat_dong", "kế hoạch phát động"),
        # the law and decree in force on the document's date (rules legal_basis.*; NĐ 152/2025 from 1/7/2025)
        "can_cu_luat": bundle.extra.get("can_cu_luat", LAW_2022),
        "can_cu_nghi_dinh": bundle.extra.get("can_cu_nghi_dinh", DECREE_98),
    }


def _summary(doc: DocumentObject, groups: Sequence[AwardGroup]) -> fill.ListTable:
    table = fill.ListTable(doc, [h for h, _ in SUMMARY_COLUMNS], [w for _, w in SUMMARY_COLUMNS], size=13)
    for i, g in enumerate(groups, 1):
        table.add([str(i), g.award_name, f"{fmt_int(len(g.nominees))} {_who(g)}"], center=(0, 2))
    total = sum(len(g.nominees) for g in groups)
    table.add(["", "Tổng cộng", fmt_int(total)], center=(0, 2), bold=True)
    return table


def _sections(
    table: fill.ListTable,
    groups: Sequence[AwardGroup],
    line: Callable[[int, Nominee], list[str]],
    progress: Progress,
    label: str,
) -> None:
    total = max(sum(len(g.nominees) for g in groups), 1)
    done = 0
    for gi, g in enumerate(groups, 1):
        table.section(f"{int_to_roman(gi)}. {g.award_name.upper()} ({fmt_int(len(g.nominees))} {_who(g)})")
        for i, n in enumerate(g.nominees, 1):
            table.add(line(i, n))
            done += 1
            if done % 50 == 0:
                progress(done / total, label)
    progress(1.0, label)


def submission_letter(
    bundle: DocumentBundle, *, progress: Progress | None = None, templates: Path | None = None
) -> bytes:
    """ "Tờ trình" with its "Danh sách đề nghị khen thưởng" (STT, họ và tên, chức vụ, đơn vị, hình thức,
    tóm tắt thành tích), names sorted by given name within each form of commendation."""
    report = progress or _noop
    doc = fill.load("to_trinh.docx", templates)
    fill.replace_text(doc, _values(bundle))
    fill.put_table(doc, "bang_tong_hop", _summary(doc, bundle.groups).table)
    table = fill.ListTable(doc, [h for h, _ in LIST_COLUMNS], [w for _, w in LIST_COLUMNS], size=11)

    def line(i: int, n: Nominee) -> list[str]:
        return [str(i), n.full_name, n.position, n.unit_name, n.award_name, n.achievement]

    _sections(table, bundle.groups, line, report, "Danh sách đề nghị khen thưởng")
    fill.put_table(doc, "bang_danh_sach", table.table)
    return fill.to_bytes(doc)


def _ballot_groups(
    bundle: DocumentBundle, ballots: Iterable[BallotLine]
) -> list[tuple[AwardGroup, list[BallotLine]]]:
    by_id = {b.nominee.row_id: b for b in ballots}
    order = [g.award_code for g in bundle.groups]
    groups = sort_nominees([b.nominee for b in by_id.values()], order)
    return [(g, [by_id[n.row_id] for n in g.nominees]) for g in groups]


def council_minutes(
    bundle: DocumentBundle, *, progress: Progress | None = None, templates: Path | None = None
) -> bytes:
    """ "Biên bản họp Hội đồng" of one meeting: its attendance, the tally per form of commendation, then
    every item of its agenda with its votes and outcome (the tally is counted from those lines)."""
    report = progress or _noop
    minutes = bundle.minutes
    if minutes is None:
        raise ValueError("council_minutes needs a DocumentBundle built by Reporting.council_minutes")
    doc = fill.load("bien_ban.docx", templates)

    def count(n: int | None) -> str:
        return fmt_int(n) if n is not None else "....."

    values = {
        **_values(bundle),
        "hoi_dong": minutes.council_name,
        "ngay_hop": official_date(minutes.held_on, None),
        "thanh_vien": count(minutes.members_total),
        "co_mat": count(minutes.members_present),
        "phieu_van_ban": count(minutes.written_votes),
        "chu_tri": minutes.chair or BLANK_NAME,
        "thu_ky": minutes.secretary or BLANK_NAME,
    }
    fill.replace_text(doc, values)
    tally_cols = (
        ("STT", 12),
        ("Hình thức khen thưởng", 78),
        ("Số trình Hội đồng", 25),
        ("Số thông qua", 25),
        ("Tỷ lệ", 25),
    )
    tallies = fill.ListTable(doc, [h for h, _ in tally_cols], [w for _, w in tally_cols], size=12)
    for i, t in enumerate(minutes.tallies, 1):
        tallies.add(
            [str(i), t.award_name, fmt_int(t.proposed), fmt_int(t.passed), fmt_pct(t.passed, t.proposed)],
            center=(0, 2, 3, 4),
        )
    fill.put_table(doc, "bang_tong_hop", tallies.table)
    table = fill.ListTable(doc, [h for h, _ in BALLOT_COLUMNS], [w for _, w in BALLOT_COLUMNS], size=11)
    pairs = _ballot_groups(bundle, minutes.ballots)
    total = max(sum(len(lines) for _, lines in pairs), 1)
    done = 0
    for gi, (g, lines) in enumerate(pairs, 1):
        table.section(f"{int_to_roman(gi)}. {g.award_name.upper()} ({fmt_int(len(lines))} {_who(g)})")
        for i, b in enumerate(lines, 1):
            n = b.nominee
            table.add(
                [
                    str(i),
                    n.full_name,
                    n.unit_name,
                    n.award_name,
                    "—" if b.yes is None else fmt_int(b.yes),
                    "—" if b.no is None else fmt_int(b.no),
                    RESULTS.get(b.result, b.result),
                ],
                center=(0, 4, 5),
            )
            done += 1
            if done % 50 == 0:
                report(done / total, "Biên bản họp Hội đồng")
    report(1.0, "Biên bản họp Hội đồng")
    fill.put_table(doc, "bang_bieu_quyet", table.table)
    return fill.to_bytes(doc)


def decision(
    bundle: DocumentBundle, *, progress: Progress | None = None, templates: Path | None = None
) -> bytes:
    """ "Quyết định" with its "Danh sách kèm theo" (the nominations the council awarded)."""
    report = progress or _noop
    doc = fill.load("quyet_dinh.docx", templates)
    fill.replace_text(doc, _values(bundle))
    fill.put_table(doc, "bang_tong_hop", _summary(doc, bundle.groups).table)
    table = fill.ListTable(doc, [h for h, _ in ANNEX_COLUMNS], [w for _, w in ANNEX_COLUMNS], size=12)

    def line(i: int, n: Nominee) -> list[str]:
        money = fmt_int(n.reward_vnd) if n.reward_vnd is not None else "—"
        return [str(i), n.full_name, n.position, n.unit_name, n.award_name, money]

    _sections(table, bundle.groups, line, report, "Danh sách kèm theo")
    total = sum(n.reward_vnd or 0 for n in bundle.nominees)
    table.add(["", "Tổng cộng tiền thưởng", "", "", "", fmt_int(total)], center=(0,), bold=True)
    fill.put_table(doc, "bang_danh_sach", table.table)
    return fill.to_bytes(doc)


def quarterly_snapshot(
    snapshot: Snapshot, *, lang: str = "vi", progress: Progress | None = None, templates: Path | None = None
) -> bytes:
    """The tiles for the quarterly review meeting, one row per tile with value, target and source."""
    report = progress or _noop
    doc = fill.load("giao_ban_quy.docx", templates)
    info = snapshot.info
    values = _header_values(info) if info else {}
    stamp = _stamp(snapshot.as_of)
    values |= {
        "quy": f"Quý {int_to_roman(snapshot.quarter)}/{snapshot.year}",
        "thoi_diem": stamp,
        "pham_vi": snapshot.scope,
    }
    fill.replace_text(doc, values)
    cols = (
        ("STT", 12),
        ("Chỉ tiêu", 58),
        ("Giá trị", 27),
        ("Mục tiêu", 20),
        ("Tử số/ Mẫu số", 22),
        ("Nguồn", 26),
    )
    table = fill.ListTable(doc, [h for h, _ in cols], [w for _, w in cols], size=11)
    tiles: Sequence[Metric] = snapshot.metrics
    for i, m in enumerate(tiles, 1):
        label = m.label.get(lang) or m.label["vi"]
        if m.note:
            label += f"\n({m.note.get(lang) or m.note['vi']})"
        table.add(
            [
                str(i),
                label,
                m.display(lang),
                m.display_target(lang),
                m.display_fraction(lang),
                m.display_sources(lang),
            ],
            center=(0, 2, 3, 4),
        )
        report(i / max(len(tiles), 1), "Giao ban quý")
    fill.put_table(doc, "bang_chi_tieu", table.table)
    return fill.to_bytes(doc)


def _stamp(stamp: str) -> str:
    """ "09:30 ngày 05/12/2024" from an ISO timestamp (the text itself when it is not one)."""
    try:
        t = dt.datetime.fromisoformat(stamp)
    except ValueError:
        try:
            t = parse_timestamp_vi(stamp)
        except ValueError:
            return stamp
    return f"{t:%H:%M} ngày {t:%d/%m/%Y}"
