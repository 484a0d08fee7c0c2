"""The intake-sheet port: the spreadsheets officers type in, apart from the private store.

One intake spreadsheet per grassroots unit (docs/google-sheets.md, *Two kinds of spreadsheet*),
shared with that unit's officers only. Each open form is a tab: row 1 the Vietnamese headers,
row 2 the instructions, data from row 3. To the right of the officers' columns the app keeps
three columns of its own, protected: "Kiểm tra" (what is wrong with the row), "Trạng thái" (where
the submission is) and a hidden key (the submission's id and a fingerprint of the cells it was
made from). :mod:`services.sheet_intake` decides what to write; an adapter (``storage/``)
implements :class:`IntakeSheets` (Google Drive + Sheets, or the emulator behind it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

#: Rows above the data: the header, then the instructions.
HEADER_ROW = 1
INSTRUCTION_ROW = 2
FIRST_DATA_ROW = 3


@dataclass(frozen=True)
class IntakeColumn:
    """One column an officer types in: its header, its instruction and, for a coded column, the
    labels its dropdown offers (never the codes)."""

    field: str
    header: str
    instruction: str = ""
    choices: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class IntakeTab:
    """One tab of an intake spreadsheet: one form of one campaign."""

    title: str
    campaign_id: str
    form: str
    columns: tuple[IntakeColumn, ...]
    #: the app's own columns, right of the officers' ones: check, state, key (hidden)
    system: tuple[str, str, str]
    system_instructions: tuple[str, str, str] = ("", "", "")

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns] + list(self.system)


@dataclass(frozen=True)
class IntakePlan:
    """What one unit's intake spreadsheet must hold: its title, tabs and the people who may edit it."""

    unit_id: str
    title: str
    tabs: tuple[IntakeTab, ...]
    editors: tuple[str, ...]
    #: a fingerprint of the tabs' layout: a file provisioned with another one gets the missing tabs
    layout: str = ""


@dataclass(frozen=True)
class IntakeFile:
    """An intake spreadsheet as Drive lists it."""

    file_id: str
    unit_id: str
    version: str
    modified: str
    url: str = ""


@dataclass(frozen=True)
class RowWrite:
    """What the app writes on one data row (1-based ``row``): its three own cells and which of the
    officer's cells to highlight (0-based column indexes; every other cell of the row is cleared
    of a highlight)."""

    row: int
    check: str
    state: str
    key: str
    bad: tuple[int, ...] = ()


@dataclass
class ProvisionReport:
    """What provisioning one file did."""

    file: IntakeFile
    created: bool = False
    tabs_added: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    unshared: list[str] = field(default_factory=list)


class IntakeSheets(Protocol):
    """The intake spreadsheets of a deployment (a Drive folder or Shared Drive)."""

    def files(self) -> list[IntakeFile]:
        """Every intake spreadsheet (a few listing calls: 1,000 files a page)."""
        ...

    def changed_since(self, since: str) -> tuple[list[IntakeFile], str]:
        """Intake spreadsheets modified after ``since`` (RFC 3339, UTC; "" for all): one listing
        call per 1,000 files changed, whatever the number of files; and the time the listing was
        answered, by Google's clock (the next listing's ``since``, less a margin)."""
        ...

    def provision(self, plan: IntakePlan, existing: IntakeFile | None) -> ProvisionReport:
        """Create the unit's spreadsheet (or add the tabs it misses), protect the app's cells,
        and share it with exactly ``plan.editors`` (officers who left lose access)."""
        ...

    def read(self, file_id: str, tabs: Sequence[str]) -> dict[str, list[list[Any]]]:
        """The cells of ``tabs`` as the officer sees them (formatted), header row first."""
        ...

    def write_back(self, file_id: str, writes: Mapping[str, tuple[int, Sequence[RowWrite]]]) -> None:
        """Per tab, ``(number of officer columns, rows)``: every row's three app cells written as
        text (RAW), the highlights set, in one atomic call for the file."""
        ...
