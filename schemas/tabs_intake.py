"""The store's record of the officers' intake spreadsheets (docs/google-sheets.md).

``intake_sheets``: one row per grassroots unit that has an intake spreadsheet: which file, who it
is shared with, and what the last sync saw of it (Drive's ``version`` and ``modifiedTime``, and a
fingerprint of the states it last wrote back), so a sync reads only the files that changed.
Written by ``cli.py provision-intake`` / ``cli.py sync`` and the admin page, never typed.
"""

from __future__ import annotations

from pandera.typing import Series

from schemas.tabs import Envelope, col


class IntakeSheet(Envelope):
    """One unit's intake spreadsheet and what the last sync saw of it."""

    unit_id: Series[str] = col("Đơn vị", "Unit", str_length={"min_value": 1})
    spreadsheet_id: Series[str] = col("Mã bảng tính", "Spreadsheet id")
    url: Series[str] = col("Đường dẫn", "Link")
    layout: Series[str] = col("Bố cục", "Layout")
    editors: Series[str] = col("Người được sửa", "Editors")
    version_seen: Series[str] = col("Phiên bản đã đọc", "Version read")
    modified_seen: Series[str] = col("Sửa lần cuối (Drive)", "Last modified (Drive)")
    status_hash: Series[str] = col("Dấu trạng thái", "States written")
    synced_at: Series[str] = col("Đồng bộ lúc", "Synced at")
