"""A dossier with two attached PDFs exported for the council (issue 20's "must show"): files stored
beside the SQLite file, type and size checked from the content, listed in the package for the next
level, read back byte for byte; the CSTĐCS dossier of 2026 asks for the minutes' vote result."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from core.errors import ActionNotAllowed, ValidationFailed
from exports.build import export
from reporting.reporting import Reporting
from services.dossier_files import DossierFiles
from services.dossiers import Dossiers
from tests.conftest import COUNCIL, OFFICER, REVIEWER, SECRETARY
from tests.rules2026.conftest import CAMPAIGN_2026, At


def pdf(text: str) -> bytes:
    """A small valid PDF (one page, one line of text)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
VALUES = {
    "subject_kind": "CA_NHAN",
    "full_name": "Nguyễn Thị Demo Thảo",
    "position": "Kỹ sư",
    "award_code": "CSTD_CS",
    "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2026; sáng kiến giảm 8% điện năng tiêu thụ.",
}


def draft_with_documents(svc: Any) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    row = svc.create(OFFICER, CAMPAIGN_2026, "nomination", VALUES, submit=False)
    d = Dossiers(svc)
    docs = {
        "TTR": d.save(OFFICER, "nominations", row["id"], {"kind": "TTR", "so_ky_hieu": "07/TTr-CĐCS", "issued_on": "20/02/2026"}),
        "BCTT": d.save(OFFICER, "nominations", row["id"], {"kind": "BCTT", "issued_on": "18/02/2026"}),
        "BB_HD": d.save(
            OFFICER, "nominations", row["id"],
            {"kind": "BB_HD", "so_ky_hieu": "03/BB-CĐCS", "issued_on": "19/02/2026", "held_on": "19/02/2026",
             "vote_yes": 9, "vote_total": 11},
        ),
        "XN_HTXS": d.save(OFFICER, "nominations", row["id"], {"kind": "XN_HTXS", "so_ky_hieu": "02/QĐ-CTY", "issued_on": "15/01/2026"}),
    }  # fmt: skip
    return row, docs


def test_two_pdfs_attached_checked_and_exported_for_the_council(at: At, demo_db: Path) -> None:
    svc = at(dt.date(2026, 3, 2))
    files = DossierFiles(svc)
    row, docs = draft_with_documents(svc)
    letter, minutes = pdf("To trinh 07/TTr-CDCS"), pdf("Bien ban 03/BB-CDCS: 9/11 tan thanh")

    def version(doc_id: str) -> int:
        live = Dossiers(svc).documents(OFFICER, "nominations", row["id"])
        return int(live.set_index("id").loc[doc_id, "version"])

    # wrong type (a PNG named .pdf), an unaccepted type, an empty file, too big: refused, nothing stored
    for name, data, rule in (
        ("to-trinh.pdf", PNG, "file_ext_mismatch"),
        ("to-trinh.txt", b"plain text, not a document", "file_type"),
        ("to-trinh.pdf", b"", "file_empty"),
        ("to-trinh.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024), "file_too_big"),
    ):
        with pytest.raises(ValidationFailed) as exc:
            files.attach(
                OFFICER, "nominations", row["id"], docs["TTR"]["id"], version(docs["TTR"]["id"]), name, data
            )
        assert [e.rule for e in exc.value.errors] == [rule]
        assert name in exc.value.errors[0].message("vi")
    assert not list((Path(str(demo_db) + ".files")).rglob("*.pdf"))

    files.attach(
        OFFICER,
        "nominations",
        row["id"],
        docs["TTR"]["id"],
        version(docs["TTR"]["id"]),
        "Tờ trình 07.pdf",
        letter,
    )
    files.attach(
        OFFICER,
        "nominations",
        row["id"],
        docs["BB_HD"]["id"],
        version(docs["BB_HD"]["id"]),
        "Biên bản 03.pdf",
        minutes,
    )
    stored = sorted(p.name for p in Path(str(demo_db) + ".files").rglob("*.pdf"))
    assert len(stored) == 2 and all(p.endswith(".pdf") for p in stored)
    # the reviewer reads the same bytes; the history names each file with its hash
    back = files.read(REVIEWER, "nominations", row["id"], docs["TTR"]["id"])
    assert (back.name, back.mime, back.data) == ("Tờ trình 07.pdf", "application/pdf", letter)
    history = svc.history(COUNCIL, "nominations", row["id"])
    assert history["action"].tolist().count("dossier_file") == 2
    assert hashlib.sha256(minutes).hexdigest()[:12] in " ".join(history["reason"])

    # the 2026 CSTĐCS dossier: complete (CN_SK or XN_HTXS; minutes with 9/11 ≥ 80 %), so it goes up
    row = svc.get(OFFICER, "nominations", row["id"])
    sent = svc.act(OFFICER, "nominations", row["id"], int(row["version"]), "submit")
    sent = svc.act(REVIEWER, "nominations", row["id"], int(sent["version"]), "approve")
    svc.clock_handle.advance(days=10)  # type: ignore[attr-defined]  # past 7 working days of publication
    svc.act(SECRETARY, "nominations", row["id"], int(sent["version"]), "to_council")

    made = export(Reporting(svc), COUNCIL, "hoso", CAMPAIGN_2026)
    assert made.filename.endswith(".zip")
    package = zipfile.ZipFile(io.BytesIO(made.data))
    names = package.namelist()
    attached = [n for n in names if n.startswith("tep/")]
    assert "to-trinh.docx" in names and "danh-muc-ho-so.xlsx" in names and len(attached) == 2
    assert {package.read(n) for n in attached} == {letter, minutes}
    index = openpyxl.load_workbook(io.BytesIO(package.read("danh-muc-ho-so.xlsx"))).active
    assert index is not None
    lines = [r for r in index.iter_rows(values_only=True) if r and r[1] == VALUES["full_name"]]
    assert len(lines) == 4  # every document of the dossier is listed, with or without a file
    assert sorted(str(r[7]) for r in lines if str(r[7]).startswith("tep/")) == sorted(attached)
    assert hashlib.sha256(letter).hexdigest() in {r[9] for r in lines}


def test_cstdcs_minutes_without_the_vote_or_below_80_percent_stop_the_submission(at: At) -> None:
    svc = at(dt.date(2026, 3, 2))
    row = svc.create(
        OFFICER, CAMPAIGN_2026, "nomination", {**VALUES, "full_name": "Lê Thị Demo Vân"}, submit=False
    )
    d = Dossiers(svc)
    for values in (
        {"kind": "TTR", "so_ky_hieu": "08/TTr-CĐCS", "issued_on": "20/02/2026"},
        {"kind": "BCTT", "issued_on": "18/02/2026"},
        {"kind": "CN_SK", "so_ky_hieu": "01/QĐ-CTY", "issued_on": "10/01/2026"},
    ):
        d.save(OFFICER, "nominations", row["id"], values)
    minutes = d.save(
        OFFICER, "nominations", row["id"],
        {"kind": "BB_HD", "so_ky_hieu": "04/BB-CĐCS", "issued_on": "19/02/2026", "held_on": "19/02/2026"},
    )  # fmt: skip
    check = d.checklist(OFFICER, "nominations", row["id"])
    assert check.missing == () and any("kết quả bỏ phiếu" in p for p in check.problems)
    stored = svc.get(OFFICER, "nominations", row["id"])
    with pytest.raises(ActionNotAllowed) as exc:
        svc.act(OFFICER, "nominations", row["id"], int(stored["version"]), "submit")
    assert exc.value.code == "dossier.vote_missing"
    live = d.documents(OFFICER, "nominations", row["id"]).set_index("id")
    d.save(
        OFFICER, "nominations", row["id"],
        {"kind": "BB_HD", "so_ky_hieu": "04/BB-CĐCS", "issued_on": "19/02/2026", "held_on": "19/02/2026",
         "vote_yes": 8, "vote_total": 11},
        doc_id=minutes["id"], expected_version=int(live.loc[minutes["id"], "version"]),
    )  # fmt: skip
    with pytest.raises(ActionNotAllowed) as low:
        svc.act(OFFICER, "nominations", row["id"], int(stored["version"]), "submit")
    assert low.value.code == "dossier.vote_below" and "8/11" in low.value.message("vi")
    with pytest.raises(ValidationFailed) as above:
        d.save(
            OFFICER, "nominations", row["id"],
            {"kind": "BB_HD", "so_ky_hieu": "04/BB-CĐCS", "issued_on": "19/02/2026", "held_on": "19/02/2026",
             "vote_yes": 12, "vote_total": 11},
            doc_id=minutes["id"], expected_version=int(live.loc[minutes["id"], "version"]) + 1,
        )  # fmt: skip
    assert [e.rule for e in above.value.errors] == ["vote_above_total"]
