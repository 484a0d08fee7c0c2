"""The adapter asks Google for compact, gzip-compressed replies: a page view's read costs a
fraction of the bytes gspread's defaults would, and reads the same rows."""

from __future__ import annotations

import gspread

from storage.gsheets.cells import _READ_PARAMS, quote_title
from storage.gsheets.wire import USER_AGENT

from .conftest import Sheet


def _nominations(n: int) -> list[dict[str, object]]:
    return [
        {
            "campaign_id": "HN-2024-KTN",
            "form": "nomination",
            "unit_id": f"HN-CDCS-{i % 40:03d}",
            "state": "SUBMITTED",
            "full_name": f"Nguyễn Thị Hồng {i}",
            "award_code": "LDTT",
            "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2024",
        }
        for i in range(n)
    ]


def test_a_read_receives_a_fraction_of_what_gspreads_defaults_receive_and_the_same_values(
    sheet: Sheet,
) -> None:
    sheet.wb.append("nominations", _nominations(300), actor="officer@cd.vn")
    ranges = [quote_title("nominations")]
    plain = gspread.Client(auth=None, session=sheet.emu.session()).http_client  # type: ignore[arg-type]
    sheet.clear()
    as_gspread = plain.values_batch_get(sheet.key, ranges, dict(_READ_PARAMS))
    gspread_bytes = sheet.emu.log.bytes("values:batchGet")[1]
    sheet.clear()
    ours = sheet.wb._http.values_batch_get(sheet.key, ranges, dict(_READ_PARAMS))
    our_bytes = sheet.emu.log.bytes("values:batchGet")[1]

    assert ours == as_gspread
    assert our_bytes < gspread_bytes / 8


def test_every_call_of_the_adapter_says_gzip_in_its_user_agent(sheet: Sheet) -> None:
    seen: list[str] = []
    handle = sheet.emu.api.handle

    def spy(method, url, body, headers=None):  # type: ignore[no-untyped-def]
        seen.append(f"{(headers or {}).get('User-Agent')} {'prettyPrint=false' in url}")
        return handle(method, url, body, headers)

    sheet.emu.api.handle = spy  # type: ignore[method-assign]
    sheet.wb.append("nominations", _nominations(3), actor="officer@cd.vn")
    sheet.wb.read("nominations")
    assert seen and set(seen) == {f"{USER_AGENT} True"}
