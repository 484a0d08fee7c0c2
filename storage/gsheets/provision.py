"""Making the sheet friendly to people typing into it (``cli.py provision``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from schemas.registry import TABS, columns_of
from schemas.validate import choices
from storage.gsheets.tabs import _Layout

#: Columns people are warned about before editing them by hand (warning-only protected ranges).
PROTECTED_COLUMNS: tuple[str, ...] = ("id", "version", "state")
#: Columns holding an award code from the catalogue.
AWARD_CODE_COLUMNS: tuple[str, ...] = ("award_code",)


def dropdowns(award_codes: Sequence[str]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Dropdown choices per tab and column: the schemas' enumerations plus the catalogue's codes."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for tab in TABS:
        for column in columns_of(tab):
            allowed = choices(tab, column)
            if column in AWARD_CODE_COLUMNS and award_codes:
                allowed = tuple(award_codes)
            if allowed:
                out.setdefault(tab, {})[column] = allowed
    return out


class _Provisioning(_Layout):
    """Frozen headers, dropdowns and warning-only protection, added where missing."""

    def provision(
        self,
        dropdowns: Mapping[str, Mapping[str, Sequence[str]]],
        *,
        protect: Sequence[str] = PROTECTED_COLUMNS,
    ) -> list[str]:
        """Make the sheet friendly to people typing into it; returns what was done, one line each.

        Creates missing tabs and header cells (:meth:`ensure_tabs`), freezes every header row, adds
        dropdowns (ONE_OF_LIST data validation) for ``dropdowns[tab][column]`` and warning-only
        protected ranges over the ``protect`` columns. Safe to run again: it only adds what is
        missing and re-sets the dropdowns to the current lists. Costs 4 to 5 calls in all.
        """
        with self._lock:
            before = set(self._metadata(refresh=True))
            tabs = {tab: columns_of(tab) for tab in TABS}
            self.ensure_tabs(tabs)
            done = [f"tab {tab}: created with {len(tabs[tab])} columns" for tab in tabs if tab not in before]
            fields = (
                "sheets(properties(sheetId,title,gridProperties(rowCount,frozenRowCount)),"
                "protectedRanges(protectedRangeId,description))"
            )
            reply = self._retry(lambda: self._http.fetch_sheet_metadata(self.key, {"fields": fields}))
            sheets = {str(s["properties"]["title"]): s for s in reply.get("sheets", [])}
            requests_: list[dict[str, Any]] = []
            for tab in tabs:
                sheet = sheets[tab]
                sheet_id = int(sheet["properties"].get("sheetId", 0))
                header = self._header(tab)
                grid = sheet["properties"].get("gridProperties", {})
                if int(grid.get("frozenRowCount", 0)) != 1:
                    requests_.append(
                        {
                            "updateSheetProperties": {
                                "properties": {"sheetId": sheet_id, "gridProperties": {"frozenRowCount": 1}},
                                "fields": "gridProperties.frozenRowCount",
                            }
                        }
                    )
                    done.append(f"tab {tab}: header row frozen")
                for column, values in dropdowns.get(tab, {}).items():
                    if column not in header or not values:
                        continue
                    j = header.index(column)
                    rng = {
                        "sheetId": sheet_id,
                        "startRowIndex": 1,
                        "startColumnIndex": j,
                        "endColumnIndex": j + 1,
                    }
                    rule = {
                        "condition": {
                            "type": "ONE_OF_LIST",
                            "values": [{"userEnteredValue": str(v)} for v in values],
                        },
                        "strict": True,
                        "showCustomUi": True,
                    }
                    requests_.append({"setDataValidation": {"range": rng, "rule": rule}})
                    done.append(f"tab {tab}: dropdown on {column} ({len(values)} choices)")
                described = {str(p.get("description", "")) for p in sheet.get("protectedRanges", [])}
                for column in protect:
                    label = f"thidua: {tab}.{column}"
                    if column not in header or label in described:
                        continue
                    j = header.index(column)
                    requests_.append(
                        {
                            "addProtectedRange": {
                                "protectedRange": {
                                    "range": {
                                        "sheetId": sheet_id,
                                        "startColumnIndex": j,
                                        "endColumnIndex": j + 1,
                                    },
                                    "description": label,
                                    "warningOnly": True,
                                }
                            }
                        }
                    )
                    done.append(f"tab {tab}: warning before editing column {column}")
            if requests_:
                body = {"requests": requests_}
                self._retry(lambda: self._http.batch_update(self.key, body))
            return done
