"""A campaign YAML from an admin, careless or hostile (issue 23): limits on size, aliases, nesting and
every number's range, refusals that name the key, nothing saved, and no page failing for others:
a bad file on disk or a bad saved version is left out while every other campaign runs."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import bootstrap
from services import campaign_admin as ca
from services.services import Services
from tests.conftest import ADMIN, REVIEWER
from tests.ui.ui_helpers import assert_clean
from workflows.loader import CAMPAIGNS_DIR, MAX_BYTES, MAX_DEPTH, MAX_NODES, load_campaigns, parse_text
from workflows.spec import SpecError

CAMPAIGN = "HN-2024-KTN"
FILE = "hn-2024-khen-thuong-nam.yaml"
SHIPPED = (CAMPAIGNS_DIR / FILE).read_text(encoding="utf-8")
APP = Path(__file__).resolve().parents[2] / "app.py"


def alias_bomb() -> str:
    """About 1 KB of YAML whose label expands to 9^9 (387 million) strings through nested aliases."""
    lines = ["x-bomb:", '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = SHIPPED.replace('  vi: "Bình xét thi đua, khen thưởng năm 2024"', "  vi: *a8", 1)
    return "\n".join(lines) + "\n" + text


HOSTILE: dict[str, tuple[str, str, str]] = {
    # name: (text, problem, the key the refusal names)
    "alias bomb": (alias_bomb(), "too_many_values", "x-bomb.a"),
    "sla_days 10^20": (
        SHIPPED.replace("sla_days: 15", "sla_days: 99999999999999999999", 1),
        "out_of_range",
        "workflows.commendation.states.SUBMITTED.sla_days",
    ),
    "20 MB": (SHIPPED + "\n# " + "x" * 20_000_000, "too_large", ""),
    "deep nesting": (
        SHIPPED.replace("kind: THUONG_XUYEN", "kind: " + "[" * 5000 + "]" * 5000, 1),
        "too_deep",
        "kind[0][0]",
    ),
    "negative target": (
        SHIPPED.replace("target: 1200", "target: -5", 1),
        "out_of_range",
        "targets[0].target",
    ),
    "year 20245": (SHIPPED.replace("year: 2024\n", "year: 20245\n", 1), "out_of_range", "year"),
    "fixed year 10^20": (
        SHIPPED.replace("fixed: {year: 2024}", "fixed: {year: 99999999999999999999}", 1),
        "out_of_range",
        "forms.nomination.fixed.year",
    ),
    "fixed year 1900": (
        SHIPPED.replace("fixed: {year: 2024}", "fixed: {year: 1900}", 1),
        "bad_fixed_value",
        "forms.nomination.fixed",
    ),
    "'no' for a flag": (
        SHIPPED.replace("editable: true, level: CDCS}", 'editable: "no", level: CDCS}', 1),
        "expected_bool",
        "workflows.commendation.states.DRAFT.editable",
    ),
    "a list for a label": (
        SHIPPED.replace('label: {vi: "Dự thảo", en: "Draft"}', "label: {vi: [1, 2], en: Draft}", 1),
        "expected_text",
        "workflows.commendation.states.DRAFT.label.vi",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_campaign_is_refused_naming_the_key(name: str) -> None:
    text, problem, key = HOSTILE[name]
    with pytest.raises(SpecError) as caught:
        parse_text(text, "bad.yaml")
    err = caught.value
    assert err.problem == problem, err.message("en")
    assert err.key.startswith(key), err.key
    assert err.message("vi").startswith("bad.yaml:") and err.message("en") != err.message("vi")
    if key:
        assert f"'{err.key}'" in err.message("vi")


def test_the_limits_leave_room_for_the_shipped_campaigns() -> None:
    for path in CAMPAIGNS_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert len(text.encode()) < MAX_BYTES // 5
        parse_text(text, path.name)
    assert MAX_DEPTH >= 10 and MAX_NODES >= 10_000


def test_a_bad_campaign_cannot_be_saved_and_nothing_is_written(services: Services) -> None:
    before = len(services.store.read("history")), len(services.store.read("campaign_specs"))
    for text, problem, _key in HOSTILE.values():
        with pytest.raises(SpecError) as caught:
            ca.save(services, ADMIN, text, note="thử")
        assert caught.value.problem == problem
    assert (len(services.store.read("history")), len(services.store.read("campaign_specs"))) == before
    assert services.campaigns[CAMPAIGN].workflows["commendation"].states["SUBMITTED"].sla_days == 15


def _folder_with(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "campaigns"
    shutil.copytree(CAMPAIGNS_DIR, folder, ignore=shutil.ignore_patterns("*.md"))
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_bad_campaign_file_on_disk_is_left_out_and_the_others_run(
    tmp_path: Path, services: Services
) -> None:
    broken = SHIPPED.replace("id: HN-2024-KTN", "id: HN-2025-BROKEN", 1).replace(
        "sla_days: 15", "sla_days: 99999999999999999999", 1
    )
    folder = _folder_with(tmp_path, "zz-broken.yaml", broken)
    settings = dataclasses.replace(bootstrap.Settings(today=bootstrap.DEMO_TODAY), campaigns_dir=folder)
    built = bootstrap.build(settings, store=services.store)
    shipped = {c.id for c in load_campaigns(CAMPAIGNS_DIR).values()}
    assert set(built.campaigns) == shipped and "HN-2025-BROKEN" not in built.campaigns
    (problem,) = built.campaign_problems
    assert "zz-broken.yaml" in problem.message("vi") and "sla_days" in problem.message("vi")
    assert not built.queue(REVIEWER, "nominations").empty  # the reviewer's queue still works


def test_a_saved_version_from_before_the_limits_is_left_out_and_the_file_runs(services: Services) -> None:
    """The reported case: sla_days: 99999999999999999999 was saved, then every reviewer's queue raised
    OverflowError, and it came back after a restart."""
    bad = SHIPPED.replace("sla_days: 15", "sla_days: 99999999999999999999", 1)
    services.store.append(
        "campaign_specs",
        [
            {
                "campaign_id": CAMPAIGN,
                "version_no": 2,
                "yaml_text": ca.to_cell(bad),
                "note": "lưu trước bản vá",
            }
        ],
        actor=ADMIN.email,
    )
    restarted = bootstrap.build(bootstrap.Settings(today=bootstrap.DEMO_TODAY), store=services.store)
    assert restarted.campaigns[CAMPAIGN].workflows["commendation"].states["SUBMITTED"].sla_days == 15
    assert any("sla_days" in p.message("en") for p in restarted.campaign_problems)
    queue = restarted.queue(REVIEWER, "nominations", CAMPAIGN)
    assert not queue.empty and int(queue["sla_days"].max()) <= 730


def test_pages_survive_a_bad_campaign_on_disk_and_the_admin_is_told(
    tmp_path: Path, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder_with(tmp_path, "zz-bomb.yaml", alias_bomb().replace("id: HN-2024-KTN", "id: HN-BOMB", 1))
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    monkeypatch.setenv("THIDUA_CAMPAIGNS", str(folder))
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)
    for actor, page in ((REVIEWER, "review"), (ADMIN, "admin")):
        at = AppTest.from_file(str(APP), default_timeout=60.0)
        at.session_state["actor"] = actor
        at.run()
        at.switch_page(f"app_pages/{page}.py").run()
        assert_clean(at)
        errors = " | ".join(str(e.value) for e in at.error).replace("\\", "")  # shown as typed (escaped)
        if actor is ADMIN:
            assert "zz-bomb.yaml" in errors and "x-bomb" in errors
        else:
            assert "zz-bomb" not in errors and at.dataframe  # the reviewer works as usual


def test_the_editor_refuses_an_alias_bomb_with_its_key_and_offers_no_save(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=60.0)
    at.session_state["actor"] = ADMIN
    at.run()
    at.switch_page("app_pages/admin.py").run()
    at.text_area(key="admin_edit_text").set_value(alias_bomb()).run()
    assert_clean(at)
    errors = " | ".join(str(e.value) for e in at.error).replace("\\", "")
    assert "x-bomb" in errors
    assert not [b for b in at.button if b.key == "admin_edit_save"]
