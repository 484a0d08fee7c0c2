"""Reads campaign YAML files and the catalogue from disk (the only YAML reader in the core path).

``load_campaigns(folder)`` parses every ``*.yaml`` with :func:`workflows.spec.parse_campaign`
and fails on the first broken file with a message naming the file, the key and the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from schemas.registry import columns_of
from workflows import form_fields
from workflows.spec import CampaignSpec, SpecError, parse_campaign

HERE = Path(__file__).resolve().parent
CAMPAIGNS_DIR = HERE / "campaigns"
CATALOGUE_FILE = HERE / "catalogue.yaml"


#: libyaml's parser when PyYAML was built with it (ten times faster: a server start parses every
#: campaign file), else the pure-Python one; both give the same documents.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(SAFE_LOADER):  # type: ignore[valid-type,misc]
    """Safe YAML without implicit timestamps, so a bad date reaches the spec as text and gets
    a message naming its key instead of a bare ValueError from the YAML library."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_catalogue(path: Path = CATALOGUE_FILE) -> list[dict[str, Any]]:
    """Catalogue entries as plain dicts (code, names, category, subject kind, awarding level)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    return [dict(item) for item in data]


def parse_text(text: str, file: str, award_codes: list[str] | None = None) -> CampaignSpec:
    """Parse campaign YAML text; syntax errors become :class:`SpecError` with the line."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 1) if mark is not None else "?"
        raise SpecError(
            file, "", "yaml_syntax", line=line, detail=getattr(exc, "problem", str(exc))
        ) from None
    catalogue = load_catalogue()
    codes = award_codes if award_codes is not None else [c["code"] for c in catalogue]
    levels = {str(c["code"]): str(c.get("awarding_level", "")) for c in catalogue}
    return parse_campaign(
        data, file, tab_columns=columns_of, known_awards=lambda: codes, award_levels=lambda: levels
    )


def put_in_use(spec: CampaignSpec) -> CampaignSpec:
    """Register the own tabs of ``spec``'s forms (``workflows.form_fields.register``); a tab another
    campaign holds is refused with a message naming it."""
    try:
        form_fields.register(spec)
    except ValueError as exc:
        raise SpecError(spec.source, "forms", "own_tab_taken_by", detail=str(exc)) from None
    return spec


def load_campaigns(folder: Path = CAMPAIGNS_DIR) -> dict[str, CampaignSpec]:
    """Every campaign in ``folder`` by id, put in use; duplicate ids are an error naming both files."""
    codes = [c["code"] for c in load_catalogue()]
    out: dict[str, CampaignSpec] = {}
    for path in sorted(folder.glob("*.yaml")):
        spec = parse_text(path.read_text(encoding="utf-8"), path.name, codes)
        if spec.id in out:
            raise SpecError(path.name, "id", "duplicate_id", found=spec.id, other=out[spec.id].source)
        out[spec.id] = put_in_use(spec)
    return out
