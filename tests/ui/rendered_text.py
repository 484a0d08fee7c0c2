"""What a page says to a person, read off the rendered page, and what it must never say.

:func:`rendered` walks every element Streamlit sent (headings, text, callouts, widget labels,
options, placeholders, help, table headers and cells, metrics) and returns its text. :func:`problems`
lists what a union officer should never read there:

- a code from the award catalogue, the units, the workflow states, the enumerations or the rules
  ("LDTT", "HN-CDCS-CANON", "SUBMITTED", "CA_NHAN", "R-DEC-2", "HALF_UP"), or the name of a tab or
  column of the store ("thi_sinh_2023", "unit_id");
- an e-mail address other than the reader's own;
- "nan", "None", "NaT", "<NA>";
- in a Vietnamese page, a word only the English catalogue (or Streamlit's own English) uses; in an
  English page, a word only the Vietnamese catalogue uses.

The word lists come from the catalogues and the store, not from a hand-kept list, so a new message,
page or code is covered as soon as it exists. Text people typed into an editor (the campaign YAML)
and the values of text boxes are theirs, not the page's, and are left out.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

import i18n
from schemas.registry import TABS
from schemas.validate import choices
from workflows.loader import load_campaigns

#: Proto fields that never reach the reader as text (ids, keys, formats, icons, typed values).
SILENT_FIELDS = frozenset(
    {
        "id",
        "element_id",
        "engine",
        "form_id",
        "type",
        "icon",
        "tag",
        "columns",
        "query_param_key",
        "format",
        "default",
        "value",
        "raw_value",
        "raw_values",
        "set_value",
        "mime",
        "url",
        "spec",
        "anchor",
        "label_visibility",
        "filter_mode",
        "shortcut",
        "icon_position",
        "width_config",
        "height_config",
        "theme",
        "uuid",  # a styled table's random id and its CSS: never shown as words
        "styles",
    }
)
#: Elements whose content is the user's own text or a diagram source, not the page's words.
SILENT_ELEMENTS = frozenset(
    {"TextArea", "Code", "GraphVizChart", "ArrowVegaLiteChart", "PlotlyChart", "Html"}  # Html: a fixed script
)
#: Charts: what a reader meets is the titles in the chart's spec (axes, legend, chart), read from it.
CHARTS = frozenset({"VegaLiteChart"})
#: Strings a page may show in both languages on purpose (the language switch names itself twice).
BILINGUAL = frozenset({"Ngôn ngữ / Language", "Tiếng Việt", "English"})
#: What Streamlit's own widgets print in English unless a page passes its own words.
STREAMLIT_ENGLISH = frozenset(
    [
        "choose",
        "options",
        "option",
        "select",
        "all",
        "upload",
        "browse",
        "files",
        "file",
        "drag",
        "drop",
        "here",
        "limit",
        "per",
        "help",
        "date",
        "no",
        "results",
        "press",
        "enter",
        "apply",
        "clear",
        "search",
        "show",
        "more",
        "less",
        "close",
        "open",
        "download",
        "view",
        "fullscreen",
        "none",
        "nan",
        "true",
        "false",
    ]
)
NOT_A_VALUE = re.compile(r"(?<![\w/.-])(nan|None|NaN|NaT|<NA>)(?![\w/.-])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Rule identifiers as the rules and the docs write them (R-DEC-2, R-LDTT-1) and rounding modes.
RULE_CODE = re.compile(r"\bR-[A-Z]{2,}(?:-[A-Z0-9]+)*-\d+\b|\b(?:HALF_UP|HALF_EVEN|ROUND_[A-Z_]+)\b")
#: A rule's value that lists codes ("HTTNV,HTXSNV", ">= 0.70"): the page must name them, not quote them.
CODE_LIST = re.compile(r"[A-Z0-9_|,.<>=\s-]+")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
CODE_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*[A-Za-z0-9]")
#: Words both catalogues may use in either language: product names, file kinds, abbreviations.
#: Abbreviations Vietnamese union documents print as they are (grades of a grassroots union, a sector).
ABBREVIATIONS = frozenset({"HTXSNV", "HTTNV", "HTNV", "KHTNV", "FDI"})
BOTH_LANGUAGES = frozenset(
    [
        "excel",
        "xlsx",
        "csv",
        "docx",
        "pdf",
        "yaml",
        "google",
        "sheets",
        "email",
        "e-mail",
        "demo",
        "ok",
        "id",
        "vnd",
        "tlđ",
        "lđlđ",
        "cđcs",
        "cstđcs",
        "cstđ",
        "lđtt",
        "htxsnv",
        "kcn",
        "cx",
        "kcn&cx",
        "ubnd",
        "tnhh",
        "thcs",
        "thpt",
        "cđ",
        "cđn",
        "qđ",
        "kh",
    ]
)


@dataclass(frozen=True)
class Rendered:
    """The texts of one page: ``chrome`` (headings, labels, messages) and ``cells`` (table cells)."""

    chrome: tuple[str, ...]
    cells: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return self.chrome + self.cells


def rendered(at: AppTest) -> Rendered:
    chrome: list[str] = []
    cells: list[str] = []
    for node in _nodes(at._tree):
        kind = type(node).__name__
        proto = getattr(node, "proto", None)
        # AppTest wraps elements it has no class for (a Graphviz chart) as UnknownElement: the
        # proto's type names the element
        if kind in SILENT_ELEMENTS or type(proto).__name__ in SILENT_ELEMENTS:
            continue
        if type(proto).__name__ in CHARTS:
            chrome += list(_titles(json.loads(proto.spec or "{}")))
            continue
        if proto is not None and hasattr(proto, "ListFields"):
            chrome += [_unescape(s) for s in _strings(proto)]
        if kind in ("Dataframe", "Table"):
            frame = _frame(node)
            if frame is not None:
                chrome += [str(c) for c in frame.columns]
                # a missing value is drawn as the table's placeholder (checked by streamlit_english),
                # so only text a cell really holds is read here
                cells += [_cell_text(v) for v in frame.to_numpy().ravel().tolist()]
    return Rendered(tuple(chrome), tuple(cells))


def _titles(spec: Any) -> Iterator[str]:
    """Every "title" of a Vega-Lite spec (chart, axes, legends), as the chart draws it."""
    if isinstance(spec, dict):
        for name, value in spec.items():
            if name == "title" and isinstance(value, str):
                yield value
            elif name == "title" and isinstance(value, list):
                yield from (str(v) for v in value)
            else:
                yield from _titles(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _titles(value)


def _cell_text(value: Any) -> str:
    try:
        if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def _strings(message: Any) -> Iterator[str]:
    for field, value in message.ListFields():
        if field.name in SILENT_FIELDS:
            continue
        if field.type == field.TYPE_STRING:
            yield from ([value] if isinstance(value, str) else list(value))
        elif field.type == field.TYPE_MESSAGE:
            for sub in [value] if hasattr(value, "ListFields") else list(value):
                yield from _strings(sub)


def _frame(node: Any) -> pd.DataFrame | None:
    try:
        value = node.value
    except Exception:
        return None
    data = getattr(value, "data", value)  # a Styler keeps its frame in .data
    return data if isinstance(data, pd.DataFrame) else None


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Streamlit's Markdown directives: an icon (":material/warning:") or a coloured badge or text
#: (":orange-badge[...]", ":red[...]"); the reader sees the words inside, not the directive.
_DIRECTIVES = re.compile(r":material/[a-z0-9_]+:|:[a-z]+(?:-badge|-background)?\[")


def _unescape(text: str) -> str:
    return _DIRECTIVES.sub(" ", _ESCAPED.sub(r"\1", text))


# ---------------------------------------------------------------------- what may not be shown


@cache
def codes(db: Path) -> frozenset[str]:
    """Every code a person should see by its name: catalogue codes, unit ids, workflow states,
    enumeration values of the tabs, campaign form and workflow names."""
    out: set[str] = set()
    with sqlite3.connect(db) as con:
        for table, column in (("catalogue", "code"), ("units", "id"), ("clusters", "id")):
            out |= {str(r[0]) for r in con.execute(f'SELECT "{column}" FROM "{table}"') if r[0]}
    for camp in load_campaigns().values():
        for wf in camp.workflows.values():
            out |= set(wf.states)
    for tab, spec in TABS.items():
        for column in spec.columns:
            out |= {str(v) for v in choices(tab, column) or () if isinstance(v, str)}
    # a code is something a person would not type as a word: upper case, digits, _ or -; one a
    # label itself uses (the trade "Vận hành máy CNC" coded CNC) is a word there
    in_labels = {tok for text in _label_texts() for tok in CODE_TOKEN.findall(text)}
    return frozenset(
        c
        for c in out
        if len(c) >= 3
        and c.upper() == c
        and re.search(r"[A-Z]", c)
        and c not in ABBREVIATIONS
        and c not in in_labels
    )


@cache
def _label_texts() -> tuple[str, ...]:
    """Every label of the campaigns, in both languages."""
    return tuple(
        text for camp in load_campaigns().values() for label in _labels(camp) for text in label.values()
    )


def _words(texts: Iterable[str]) -> set[str]:
    return {w.lower() for text in texts for w in WORD.findall(unicodedata.normalize("NFC", text))}


@cache
def data_words(db: Path) -> frozenset[str]:
    """The words of the names in the store (units, people, clusters, contests): proper nouns a
    page shows as they are in either language."""
    texts: list[str] = []
    with sqlite3.connect(db) as con:
        for table, column in (
            ("units", "name_vi"),
            ("users", "full_name"),
            ("clusters", "name_vi"),
            ("persons", "full_name"),
            ("nominations", "full_name"),
            ("nominations", "position"),
            ("works", "name_vi"),
            ("initiatives", "title_vi"),
            ("contests", "name_vi"),
        ):
            try:
                texts += [str(r[0]) for r in con.execute(f'SELECT "{column}" FROM "{table}"') if r[0]]
            except sqlite3.OperationalError:
                continue
    return frozenset(_words(texts))


#: Free text people typed (reasons, achievements, criteria): shown as typed, in whatever language.
TYPED_TEXT = (
    ("history", "reason"),
    ("nominations", "last_reason"),
    ("nominations", "achievement"),
    ("works", "last_reason"),
    ("initiatives", "last_reason"),
    ("score_criteria", "text_vi"),
    ("score_criteria", "group"),
    ("dossier_documents", "note"),
    ("award_grants", "revoke_reason"),
    ("rules", "note"),
    ("rules", "value"),  # only the values that are text (a law's title printed on documents)
)


@cache
def typed_text(db: Path) -> tuple[str, ...]:
    """Every distinct free text in the store, longest first (removed from a page's text before its
    words are checked: a Vietnamese reason is quoted as typed on an English page)."""
    found: set[str] = set()
    with sqlite3.connect(db) as con:
        for table, column in TYPED_TEXT:
            try:
                rows = con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
            except sqlite3.OperationalError:
                continue
            # a revocation is kept as "GROUND_CODE: note": the page names the ground, quotes the note
            texts = {str(r[0]) for r in rows if r[0]}
            if (table, column) == ("rules", "value"):
                texts = {t for t in texts if " " in t.strip() and not CODE_LIST.fullmatch(t)}
            if table == "award_grants":
                texts = {t.partition(": ")[2] or t for t in texts}
            found |= texts
    return tuple(sorted((t for t in found if len(t) >= 4), key=len, reverse=True))


@cache
def vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(words only the English side uses, words only the Vietnamese side uses), from the catalogues
    and the campaign labels."""
    vi_texts = [m["vi"] for m in i18n.MESSAGES.values() if "vi" in m]
    en_texts = [m["en"] for m in i18n.MESSAGES.values() if "en" in m]
    for camp in load_campaigns().values():
        for label in _labels(camp):
            vi_texts.append(label.get("vi", ""))
            en_texts.append(label.get("en", ""))
    for spec in TABS.values():
        for column in spec.columns:
            vi_texts += [spec.label(column, "vi"), spec.help(column, "vi")]
            en_texts += [spec.label(column, "en"), spec.help(column, "en")]
    vi, en = _words(vi_texts), _words(en_texts) | STREAMLIT_ENGLISH
    english_only = {w for w in en - vi if w.isascii() and len(w) > 1}
    vietnamese_only = {w for w in vi - en if not w.isascii()}
    return frozenset(english_only - BOTH_LANGUAGES), frozenset(vietnamese_only - BOTH_LANGUAGES)


def _labels(obj: Any, depth: int = 0) -> Iterator[dict[str, str]]:
    """Every {"vi": ..., "en": ...} label inside a campaign spec (frozen dataclasses and mappings)."""
    if depth > 12:
        return
    if isinstance(obj, dict) or (hasattr(obj, "items") and hasattr(obj, "get")):
        if "vi" in obj and "en" in obj:
            yield {"vi": str(obj["vi"]), "en": str(obj["en"])}
            return
        for value in obj.values():
            yield from _labels(value, depth + 1)
    elif hasattr(obj, "__dataclass_fields__"):
        for name in obj.__dataclass_fields__:
            yield from _labels(getattr(obj, name), depth + 1)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            yield from _labels(value, depth + 1)


def problems(page: Rendered, *, lang: str, own_email: str, db: Path) -> list[str]:
    """Everything on ``page`` a reader should not meet, each as "what: where". Text people typed
    (reasons, notes, achievements) is theirs and is taken out first: only the page's words are judged."""
    found: list[str] = []
    known = codes(db)
    english_only, vietnamese_only = vocabulary()
    names = data_words(db)
    typed = typed_text(db)
    load_campaigns()  # the campaigns' own tabs are registered as they load
    names_of_store = set(TABS) | {c for spec in TABS.values() for c in spec.columns}
    for raw in dict.fromkeys(page.all):
        if raw in BILINGUAL or not raw.strip():
            continue
        for email in EMAIL.findall(raw):
            if email.lower() != own_email.lower():
                found.append(f"e-mail {email!r}: {raw[:160]!r}")
        text = EMAIL.sub(" ", raw)
        for value in typed:
            if value in text:
                text = text.replace(value, " ")
        for token in CODE_TOKEN.findall(text):
            if token in known:
                found.append(f"code {token!r}: {raw[:160]!r}")
        for token in SNAKE.findall(text):
            if token in names_of_store:
                found.append(f"tab or column name {token!r}: {raw[:160]!r}")
        for match in RULE_CODE.findall(text):
            found.append(f"rule code {match!r}: {raw[:160]!r}")
        for match in NOT_A_VALUE.findall(text):
            found.append(f"{match!r} shown as a value: {raw[:160]!r}")
        foreign = (_words([text]) - names) & (english_only if lang == "vi" else vietnamese_only)
        if foreign:
            found.append(f"{'English' if lang == 'vi' else 'Vietnamese'} {sorted(foreign)}: {raw[:160]!r}")
    return found


def streamlit_english(at: AppTest) -> list[str]:
    """Widgets left to print Streamlit's own English where Streamlit 1.67 lets a page pass its words:
    a multiselect's "Choose options" and "Select all", a selectbox's "Choose an option", a table's
    "None" for a missing value."""
    found: list[str] = []
    for node in _nodes(at._tree):
        kind, proto = type(node).__name__, getattr(node, "proto", None)
        if proto is None:
            continue
        if kind == "Multiselect":
            if not proto.placeholder:
                found.append(f"multiselect {proto.label!r} without a placeholder ('Choose options')")
            if proto.select_all:
                found.append(f"multiselect {proto.label!r} offers Streamlit's English 'Select all'")
        elif kind == "Selectbox" and not proto.HasField("default") and not proto.placeholder:
            found.append(f"selectbox {proto.label!r} without a placeholder ('Choose an option')")
        elif kind == "Dataframe" and not proto.HasField("placeholder"):
            found.append("a table shows a missing value as 'None' (no placeholder)")
    return found
