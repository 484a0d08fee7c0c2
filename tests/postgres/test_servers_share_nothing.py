"""Several app servers keep no state that must be shared: what one server saves, the others use.

Two :class:`Services` (two app servers' processes) over two workbooks on one PostgreSQL schema
seeded with a small demo.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import psycopg
import pytest

import bootstrap
import demo
from core.clock import FixedClock
from schemas.registry import headers
from services import campaign_admin as ca
from services.services import Services
from storage.postgres import PostgresWorkbook
from tests.conftest import ADMIN, REVIEWER
from tests.postgres_support import fresh_schema
from workflows.loader import load_campaigns, load_catalogue

CAMPAIGN = "HN-2024-KTN"
LABEL = "Đang xét tại Hội đồng TĐKT Thành phố"


@pytest.fixture
def two_servers(postgres_dsn: str) -> Iterator[tuple[Services, Services]]:
    schema = fresh_schema()
    seed = PostgresWorkbook(postgres_dsn, schema=schema, listen=False)
    seed.ensure_tabs(headers())
    demo.seed(seed, demo.build(load_campaigns(), load_catalogue(), bootstrap.DEMO_TODAY, per_parent=1))
    seed.close()
    clock = FixedClock(dt.datetime.combine(bootstrap.DEMO_TODAY, dt.time(9, 30)))
    stores = [PostgresWorkbook(postgres_dsn, schema=schema) for _ in range(2)]
    yield tuple(Services(s, load_campaigns(), clock) for s in stores)  # type: ignore[misc]
    for s in stores:
        s.close()
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def label(services: Services) -> str:
    return services.campaigns[CAMPAIGN].workflows["commendation"].states["IN_COUNCIL"].label["vi"]


def test_a_campaign_version_saved_on_one_server_is_used_by_the_other(
    two_servers: tuple[Services, Services],
) -> None:
    a, b = two_servers
    assert label(b) == LABEL
    edited = ca.campaign_text(a, CAMPAIGN).replace(LABEL, "Đang xét tại Hội đồng (phiên bản 2)", 1)
    ca.save(a, ADMIN, edited, note="Đổi tên bước Hội đồng")
    assert label(a) == "Đang xét tại Hội đồng (phiên bản 2)"
    give_up = time.monotonic() + 10
    while label(b) != label(a) and time.monotonic() < give_up:
        time.sleep(0.1)
    assert label(b) == "Đang xét tại Hội đồng (phiên bản 2)"


def test_an_approval_on_one_server_leaves_the_others_queue_at_once(
    two_servers: tuple[Services, Services],
) -> None:
    a, b = two_servers
    queue = b.queue(REVIEWER, "nominations")
    assert not queue.empty
    row = queue.iloc[0]
    a.act(REVIEWER, "nominations", str(row["id"]), int(row["version"]), "approve", "")
    give_up = time.monotonic() + 5
    while row["id"] in set(b.queue(REVIEWER, "nominations")["id"]) and time.monotonic() < give_up:
        time.sleep(0.05)
    assert row["id"] not in set(b.queue(REVIEWER, "nominations")["id"])
