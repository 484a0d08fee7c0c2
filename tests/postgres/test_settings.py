"""One setting picks PostgreSQL: ``[storage] backend = "postgres"`` + ``dsn``, or the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

import bootstrap
from schemas.registry import headers
from storage.postgres import PostgresWorkbook
from tests.postgres_support import drop, fresh_schema


def test_secrets_select_postgres_with_its_options(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[storage]\nbackend = "postgres"\ndsn = "host=/run/pg dbname=thidua"\nschema = "hanoi"\n'
        "pool_size = 4\nretry_seconds = 12\n",
        encoding="utf-8",
    )
    settings = bootstrap.load_settings(env={}, secrets_path=secrets)
    assert settings.backend == "postgres"
    assert dict(settings.backend_options) == {
        "dsn": "host=/run/pg dbname=thidua",
        "schema": "hanoi",
        "pool_size": 4,
        "retry_seconds": 12.0,
    }
    # the environment wins: a container gets its connection string from THIDUA_DSN
    env = {
        "THIDUA_BACKEND": "postgres",
        "THIDUA_DSN": "postgresql://app@db/thidua",
        "THIDUA_PG_SCHEMA": "hue",
    }
    settings = bootstrap.load_settings(env=env, secrets_path=tmp_path / "none.toml")
    assert settings.backend_options["dsn"] == "postgresql://app@db/thidua"
    assert settings.backend_options["schema"] == "hue"


def test_bootstrap_builds_the_services_on_postgres(postgres_dsn: str) -> None:
    schema = fresh_schema()
    env = {"THIDUA_BACKEND": "postgres", "THIDUA_DSN": postgres_dsn, "THIDUA_PG_SCHEMA": schema}
    settings = bootstrap.load_settings(env=env, secrets_path=Path("/nonexistent/secrets.toml"))
    services = bootstrap.build(settings)
    store = services.store
    try:
        assert isinstance(store, PostgresWorkbook) and store.schema == schema
        assert {t: store.header(t) for t in headers()} == {t: tuple(h) for t, h in headers().items()}
        assert services.reference().users.empty  # a new, empty store: nothing seeded behind our back
    finally:
        drop(store)


def test_a_missing_connection_string_is_named() -> None:
    settings = bootstrap.load_settings(env={"THIDUA_BACKEND": "postgres"}, secrets_path=Path("/nonexistent"))
    with pytest.raises(ValueError, match="THIDUA_DSN"):
        bootstrap.build_store(settings)
