"""The ledger of the reference files applied to the store (``services.reference_sync``): one row per
catalogue entry or rule row, with a fingerprint of what the file said when it was last applied."""

from __future__ import annotations

from pandera.typing import Series

from schemas.tabs import Envelope, col


class ReferenceSync(Envelope):
    """``id`` is ``<tab>:<row id>`` (``catalogue:LDTT``, ``rules:cstdcs_max_ratio@2017-10-01``)."""

    tab: Series[str] = col("Bảng", "Tab", str_length={"min_value": 1})
    row_id: Series[str] = col("Mã dòng", "Row id", str_length={"min_value": 1})
    fingerprint: Series[str] = col(
        "Dấu vân tay",
        "Fingerprint",
        help_vi="Dấu của nội dung dòng trong tệp khi áp dụng lần cuối.",
        help_en="A hash of the row as the file had it when last applied.",
    )
    source_file: Series[str] = col("Tệp nguồn", "Source file")
