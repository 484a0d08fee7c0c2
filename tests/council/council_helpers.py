"""Helpers shared by the council and cluster tests."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import ActionNotAllowed
from core.model import Actor
from services.services import Services
from tests.conftest import DEMO_DOMAIN


def add_user(services: Services, local: str, role: str, unit: str) -> Actor:
    """A user granted in the ``users`` tab (services re-resolve every actor against it)."""
    email = f"{local}@{DEMO_DOMAIN}"
    services.store.append(
        "users",
        [{"email": email, "full_name": f"Demo {local}", "role": role, "unit_id": unit, "active": True}],
        actor="test",
    )
    services.invalidate(["users"])
    return Actor(email, f"Demo {local}", role, unit)


def refused(code: str, call: Any, *args: Any, **kw: Any) -> ActionNotAllowed:
    """Call and assert it is refused with ``code`` and a translated message."""
    with pytest.raises(ActionNotAllowed) as exc:
        call(*args, **kw)
    assert exc.value.code == code, exc.value.message("en")
    assert exc.value.message("vi") != code
    return exc.value
