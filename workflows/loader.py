"""Reads campaign YAML files and the catalogue from disk (the only YAML reader in the core path).

``load_campaigns(folder)`` parses every ``*.yaml`` with :func:`workflows.spec.parse_campaign`
and fails on the first broken file with a message naming the file, the key and the fix; with
``strict=False`` (the app) a broken file is set aside with its message and the others load, so a
bad campaign on disk never takes the pages down for everybody.

Campaign text comes from admins (a file, or the admin page's editor), so it is read defensively
(issue 23): a text over :data:`MAX_BYTES` is refused before parsing; the YAML event stream is walked
before any object is built, refusing nesting deeper than :data:`MAX_DEPTH` and more than
:data:`MAX_NODES` values once aliases are expanded (an "alias bomb" of a few KB that would expand to
billions of values); each refusal names the key where it happens.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from schemas.registry import columns_of
from schemas.validate import validate_rows
from workflows import form_fields
from workflows.spec import CampaignSpec, SpecError, parse_campaign

log = logging.getLogger("thidua.campaigns")
#: A campaign file is ~10 KB; 200 KB leaves room for big ones and refuses a 20 MB paste at once.
MAX_BYTES = 200_000
#: The deepest shipped key is 6 levels down (workflows.x.transitions[i].label.vi).
MAX_DEPTH = 16
#: Values (scalars and containers) after aliases are expanded; a shipped campaign has about 1,000.
MAX_NODES = 20_000

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


@dataclass
class _Frame:
    """A mapping or sequence being read: where it sits, and how many values it holds so far."""

    kind: str  # "map" or "seq"
    label: str  # its place under its parent: ".key" or "[i]"
    anchor: str | None
    expect_key: bool = True
    key: str = ""
    index: int = 0
    nodes: int = 0


class _Shape:
    """Walks the YAML events of a text (no object is built) and stops at the first limit crossed."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.frames: list[_Frame] = []
        self.anchors: dict[str, int] = {}  # anchor -> values it expands to
        self.total = 0  # values so far, aliases expanded

    def where(self) -> str:
        """The key being read, as the spec names keys (``workflows.x.transitions[3].label``)."""
        path = "".join(f.label for f in self.frames) + self.child()
        return path.lstrip(".") or "(gốc)"

    def child(self) -> str:
        if not self.frames:
            return ""
        top = self.frames[-1]
        if top.kind == "seq":
            return f"[{top.index}]"
        return "" if top.expect_key else f".{top.key}"

    def done(self, size: int, counted: int, key: str = "?") -> None:
        """A value of ``size`` values ended (``counted`` of them not counted yet)."""
        self.total += counted
        if self.total > MAX_NODES:
            raise SpecError(self.file, self.where(), "too_many_values", limit=f"{MAX_NODES:,}")
        if not self.frames:
            return
        top = self.frames[-1]
        top.nodes += size
        if top.kind == "seq":
            top.index += 1
        else:
            if top.expect_key:
                top.key = key
            top.expect_key = not top.expect_key

    def read(self, text: str) -> None:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                size = self.anchors.get(str(event.anchor))
                if size is not None:  # an undefined alias: the composer names its line
                    self.done(size, size)
            elif isinstance(event, yaml.ScalarEvent):
                if event.anchor:
                    self.anchors[str(event.anchor)] = 1
                self.done(1, 1, str(event.value)[:60])
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                self.frames.append(_Frame(kind, self.child(), event.anchor))
                if len(self.frames) > MAX_DEPTH:
                    raise SpecError(self.file, self.where(), "too_deep", limit=MAX_DEPTH)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = self.frames.pop()
                if frame.anchor:
                    self.anchors[frame.anchor] = frame.nodes + 1
                self.done(frame.nodes + 1, 1)  # its values were counted as they came


def check_shape(text: str, file: str) -> None:
    """Refuse, before anything is built, a text too large, nested too deep or expanding (through
    aliases) to too many values; the message names the key where the limit is crossed."""
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_BYTES:
        raise SpecError(file, "", "too_large", size=f"{size:,}", limit=f"{MAX_BYTES:,}")
    try:
        _Shape(file).read(text)
    except yaml.YAMLError as exc:
        raise _syntax(exc, file) from None


def _syntax(exc: yaml.YAMLError, file: str) -> SpecError:
    mark = getattr(exc, "problem_mark", None)
    line = (mark.line + 1) if mark is not None else "?"
    return SpecError(file, "", "yaml_syntax", line=line, detail=getattr(exc, "problem", None) or str(exc))


def check_values(tab: str, values: Mapping[str, Any]) -> Sequence[tuple[str, Mapping[str, str]]]:
    """(column, problem in each language) for values a form fixes that its tab's schema refuses
    (a year of 99999999999999999999 would otherwise reach every row)."""
    _, errors = validate_rows(tab, [dict(values)], list(values), [], lang="vi")
    return [(e.column, {"vi": e.message("vi"), "en": e.message("en")}) for e in errors]


def parse_text(text: str, file: str, award_codes: list[str] | None = None) -> CampaignSpec:
    """Parse campaign YAML text; syntax errors become :class:`SpecError` with the line, and
    the limits of :func:`check_shape` are checked first."""
    check_shape(text, file)
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _syntax(exc, file) from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as exc:  # after check_shape: unexpected
        raise SpecError(file, "", "unreadable", detail=type(exc).__name__) from None
    catalogue = load_catalogue()
    codes = award_codes if award_codes is not None else [c["code"] for c in catalogue]
    levels = {str(c["code"]): str(c.get("awarding_level", "")) for c in catalogue}
    return parse_campaign(
        data,
        file,
        tab_columns=columns_of,
        known_awards=lambda: codes,
        award_levels=lambda: levels,
        check_values=check_values,
    )


def put_in_use(spec: CampaignSpec) -> CampaignSpec:
    """Register the own tabs of ``spec``'s forms (``workflows.form_fields.register``); a tab another
    campaign holds is refused with a message naming it."""
    try:
        form_fields.register(spec)
    except ValueError as exc:
        raise SpecError(spec.source, "forms", "own_tab_taken_by", detail=str(exc)) from None
    return spec


def load_campaigns(
    folder: Path = CAMPAIGNS_DIR, *, strict: bool = True, problems: list[SpecError] | None = None
) -> dict[str, CampaignSpec]:
    """Every campaign in ``folder`` by id, put in use; duplicate ids are an error naming both files.

    ``strict=False`` (the app): a broken file is logged, added to ``problems`` and left out; the
    other campaigns load, so one bad file never stops the pages of everybody else."""
    codes = [c["code"] for c in load_catalogue()]
    out: dict[str, CampaignSpec] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            spec = parse_text(path.read_text(encoding="utf-8", errors="replace"), path.name, codes)
            if spec.id in out:
                raise SpecError(path.name, "id", "duplicate_id", found=spec.id, other=out[spec.id].source)
            spec = put_in_use(spec)
        except SpecError as exc:
            if strict:
                raise
            log.error("campaign file left out: %s", exc.message("en"))
            if problems is not None:
                problems.append(exc)
            continue
        out[spec.id] = spec
    return out
