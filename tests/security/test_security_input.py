"""Input that got past the checks (issue 23): invisible characters on every path, "Ð" for "Đ",
free text without a length limit. Each path is the one a page, the CLI or a sheet sync uses."""

from __future__ import annotations

import pytest

from core.errors import ActionNotAllowed, ValidationFailed
from services.intake_import import create_checked
from services.services import REASON_MAX, Services
from tests.conftest import OFFICER, REVIEWER

CAMPAIGN = "HN-2024-KTN"
GOOD = "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024."


def values(name: str, award: str = "LDTT", **over: str) -> dict[str, str]:
    return {
        "subject_kind": "CA_NHAN",
        "full_name": name,
        "position": "Công nhân",
        "award_code": award,
        "achievement": GOOD,
        **over,
    }


def stored_award(services: Services, name: str) -> str:
    mine = services.my_rows(OFFICER, "nominations", CAMPAIGN)
    return str(mine[mine["full_name"] == name]["award_code"].iloc[0])


@pytest.mark.parametrize(
    "typed",
    [
        "Ngô \u00adĐức Giang",
        "Ngô\u200b Đức Giang",
        "\u202eNgô Đức Giang\u202c",
        "Ngô \u00d0ức Giang",
        "Ngô Đức\u2066 Giang",
    ],
)
def test_the_form_refuses_a_second_nomination_hidden_behind_an_invisible_character(
    services: Services, typed: str
) -> None:
    award = stored_award(services, "Ngô Đức Giang")  # the demo's Canon union nominated him already
    with pytest.raises(ValidationFailed) as refused:
        create_checked(services, OFFICER, CAMPAIGN, "nomination", values(typed, award), client_token="tok-x")
    assert [e.rule for e in refused.value.errors if e.severity == "error"] == ["duplicate_stored"]


def test_what_is_stored_has_no_invisible_or_control_character(services: Services) -> None:
    row = create_checked(
        services,
        OFFICER,
        CAMPAIGN,
        "nomination",
        values("Mạc\u00ad Thị\u202e Riêng\x07", position="Tổ\u200d trưởng\ufeff"),
        submit=False,
        client_token="tok-y",
        accept_warnings=True,
    )
    stored = services.get(OFFICER, "nominations", str(row["id"]))
    assert (stored["full_name"], stored["position"]) == ("Mạc Thị Riêng", "Tổ trưởng")


def test_free_text_longer_than_its_limit_is_refused_naming_the_limit(services: Services) -> None:
    with pytest.raises(ValidationFailed) as refused:
        create_checked(services, OFFICER, CAMPAIGN, "nomination", values("Mạc Thị Dài", position="x" * 501))
    (e,) = refused.value.errors
    assert e.rule == "too_long" and "501 ký tự; tối đa 500" in e.message("vi")
    with pytest.raises(ValidationFailed):
        create_checked(
            services, OFFICER, CAMPAIGN, "nomination", values("Mạc Thị Dài", achievement="y" * 4001)
        )


def test_a_reason_longer_than_its_limit_is_refused_and_nothing_is_written(services: Services) -> None:
    queue = services.queue(REVIEWER, "nominations", CAMPAIGN)
    row = queue.iloc[0]
    with pytest.raises(ActionNotAllowed) as refused:
        services.act(
            REVIEWER, "nominations", str(row["id"]), int(row["version"]), "return", "z" * (REASON_MAX + 1)
        )
    assert f"tối đa {REASON_MAX}" in refused.value.message("vi")
    again = services.get(REVIEWER, "nominations", str(row["id"]))
    assert int(again["version"]) == int(row["version"]) and again["state"] == row["state"]
