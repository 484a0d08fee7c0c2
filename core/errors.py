"""Errors a user can cause. Each carries a message code and parameters; i18n renders them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Renders a message key in a language with its parameters. The kernel imports no catalogue: ``i18n``
#: installs its own ``t`` here when it is imported (see :func:`use_catalogue`).
Render = Callable[..., str]


def _key_only(key: str, lang: str = "vi", /, **params: Any) -> str:
    return f"{key} {params}" if params else key


_render: Render = _key_only


def use_catalogue(render: Render) -> None:
    """Install the message catalogue that renders every error (``i18n`` does this on import)."""
    global _render
    _render = render


def t(key: str, lang: str = "vi", /, **params: Any) -> str:
    """The message ``key`` in ``lang`` through the installed catalogue."""
    return _render(key, lang, **params)


def _rebuild(cls: type[ThiduaError], args: tuple[Any, ...], state: dict[str, Any]) -> ThiduaError:
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


class ThiduaError(Exception):
    """Base class: ``code`` is an i18n key, ``params`` fill its placeholders."""

    code: str = "error.generic"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(self.code)

    def __str__(self) -> str:
        return self.message("en")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its code and parameters (an upload read in a worker process raises its
        refusal in the page's process with the message intact)."""
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))

    def message(self, lang: str = "vi") -> str:
        """The message in ``lang`` (Vietnamese by default)."""
        return t(self.code, lang, **self.params)


class StaleRow(ThiduaError):
    """Someone changed these rows after you read them; nothing was written."""

    code = "error.stale_row"

    def __init__(self, ids: Iterable[str], tab: str = "") -> None:
        self.ids = tuple(ids)
        self.tab = tab
        super().__init__(ids=", ".join(self.ids), tab=tab)


class RowNotFound(ThiduaError):
    """A row id that does not exist in the tab (or is outside the actor's scope)."""

    code = "error.row_not_found"

    def __init__(self, ids: Iterable[str], tab: str = "") -> None:
        self.ids = tuple(ids)
        self.tab = tab
        super().__init__(ids=", ".join(self.ids), tab=tab)


class ActionNotAllowed(ThiduaError):
    """The workflow or the authorisation rules refuse this action; the reason says why."""

    code = "error.not_allowed"


class StorageUnavailable(ThiduaError):
    """The backend did not answer after bounded retries; nothing was written."""

    code = "error.storage_unavailable"


@dataclass(frozen=True)
class FieldError:
    """One problem in one cell: the row the user sees, the column, the value found and the fix."""

    row: int | None
    column: str
    value: Any
    rule: str
    params: Mapping[str, Any] = field(default_factory=dict)
    #: "error" blocks the row; "warning" holds it until the user confirms; "note" only informs
    #: (a total row skipped, a row imported before)
    severity: str = "error"
    #: the sheet the row is on, in a file read from several sheets ("" otherwise)
    sheet: str = ""

    def message(self, lang: str = "vi") -> str:
        """Human message naming the row, the column, what was found and what to type instead."""
        text = t(f"rule.{self.rule}", lang, column=self.column, value=self.value, **self.params)
        if self.row is None:
            return text
        if self.sheet:
            return t("rule.row_sheet_prefix", lang, row=self.row, sheet=self.sheet) + text
        return t("rule.row_prefix", lang, row=self.row) + text


class ValidationFailed(ThiduaError):
    """Input rows failed validation; ``errors`` lists every problem (nothing was saved)."""

    code = "error.validation_failed"

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__(count=len(self.errors))
