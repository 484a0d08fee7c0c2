"""What every page shares: the services, the language, the signed-in actor, labels and messages.

Pages call :func:`services` and nothing below it. The actor kept in session state is only a claim:
:func:`current_actor` re-checks it against the ``users`` tab on every run and signs out when it
does not match (a role or unit edited in the browser session is refused, not trusted); with an
``[auth]`` section it must also be the person the identity provider signed in (``st.user``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import re
import secrets
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

import pandas as pd
import streamlit as st
from itsdangerous import BadSignature, URLSafeTimedSerializer

import bootstrap
from core.errors import ActionNotAllowed, ThiduaError, ValidationFailed
from core.model import Actor
from core.vnformat import fmt_vnd, ui_date
from i18n import DEFAULT_LANG, LANGS, has, label, t
from schemas.registry import spec as tab_spec
from schemas.validate import choices
from services.security import same_email, verified_email
from services.services import Services
from workflows.spec import CampaignSpec, WorkflowSpec

log = logging.getLogger("thidua.ui")

LANG_KEY = "lang"
ACTOR_KEY = "actor"
FLASH_KEY = "flash"
LABELLED_KEY = "labelled_widgets"
#: Outcomes after which a row waits on nobody (an awarded row may still be revoked, but is done).
FINAL_OUTCOMES = ("awarded", "accepted", "rejected", "withdrawn")


# ---------------------------------------------------------------------- services and settings


@st.cache_resource(show_spinner=False)
def _build(key: str, _settings: bootstrap.Settings) -> Services:
    """One Services per configuration (``key``), shared by every session of this process; the
    pages' tabs start loading in the background at once (``warm_on_start``)."""
    svc = bootstrap.build(_settings)
    if bootstrap.warms(_settings, svc):
        bootstrap.warm(svc)
    bootstrap.start_intake_sync(_settings, svc)  # officers' intake spreadsheets, when configured
    return svc


def settings() -> bootstrap.Settings:
    """The settings, with sign-in by identity provider whenever Streamlit itself sees ``[auth]``.

    ``st.login`` reads ``[auth]`` from Streamlit's own secrets (``.streamlit/secrets.toml`` in the
    working directory, ``~/.streamlit/secrets.toml`` or ``--secrets.files``), which bootstrap may not
    read: the demo picker must never appear when an identity provider is configured.
    """
    s = bootstrap.load_settings()
    if not s.auth_configured and _streamlit_sees_auth():
        s = dataclasses.replace(s, auth_configured=True)
    return s


def _streamlit_sees_auth() -> bool:
    return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)


def services() -> Services:
    """The application's services, built once per configuration."""
    s = settings()
    return _build(repr(s), s)


# ---------------------------------------------------------------------- language


def lang() -> str:
    value = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **params: Any) -> str:
    """``key`` translated into the session's language."""
    return t(key, lang(), **params)


def lbl(mapping: Mapping[str, str] | str) -> str:
    """A ``{"vi": ..., "en": ...}`` label from campaign YAML, in the session's language."""
    return label(mapping, lang())


# ---------------------------------------------------------------------- identity


def current_actor() -> Actor | None:
    """The signed-in actor, re-resolved against the users tab; signs out when it no longer matches."""
    claimed = st.session_state.get(ACTOR_KEY)
    if claimed is None:
        return None
    try:
        if not isinstance(claimed, Actor):
            raise TypeError(type(claimed).__name__)
        if settings().auth_configured:
            email = identity_email()
            if email is None or not same_email(email, claimed.email):
                # The session claims someone the identity provider did not sign in: end both.
                log.warning("session actor %r does not match the signed-in identity", claimed.email)
                sign_out(tr("app.session_refused"), level="error")
                return None
        resolved = services().resolve(claimed)
    except (ActionNotAllowed, TypeError):
        log.warning("session actor refused: %r", claimed)
        sign_out(tr("app.session_refused"), level="error", keep_identity=True)
        return None
    except ThiduaError as exc:  # e.g. the store is unreachable: say so, keep the session, offer a retry
        show_error(exc)
        st.button(tr("app.retry"), key="app_retry_actor", type="primary")
        st.stop()
    return dataclasses.replace(resolved, lang=lang())


def require_actor() -> Actor:
    """The actor, or stop the page (the router offers only the sign-in page when signed out)."""
    actor = current_actor()
    if actor is None:
        st.warning(tr("app.not_signed_in"))
        st.stop()
    return actor


def sign_in(actor: Actor) -> None:
    st.session_state[ACTOR_KEY] = Actor(actor.email, actor.name, actor.role, actor.unit_id)
    remember_session(st.session_state[ACTOR_KEY])
    flash(tr("page.sign_in.welcome", name=actor.name), level="toast")  # a toast fades; a box would stay


# ---------------------------------------------------------------------- a reload keeps the session

#: The query parameter carrying the signed session claim, and the one carrying the language.
SESSION_PARAM = "s"
LANG_PARAM = "lang"
#: How long a signed claim is honoured after it was made (a working day and a night).
SESSION_MAX_AGE_S = 16 * 3600


@st.cache_resource(show_spinner=False)
def _session_serializer() -> URLSafeTimedSerializer:
    """Signs the session claim; the key comes from THIDUA_SESSION_SECRET, else is drawn at start
    (a restarted server then asks people to sign in again)."""
    secret = os.environ.get("THIDUA_SESSION_SECRET") or secrets.token_hex(32)
    return URLSafeTimedSerializer(secret, salt="thidua-session")


def remember_session(actor: Actor | None) -> None:
    """Put the signed claim (e-mail, role, unit) and the language in the page's address, so a
    reload (F5) or a bookmark of the page keeps the person signed in on the same page.

    It is only a claim, like the session state: :func:`current_actor` re-checks it against the
    users tab on every run (and against the identity provider's person with ``[auth]``); a claim
    edited in the address fails its signature and is ignored.
    """
    if actor is not None:
        claim = [actor.email, actor.role, actor.unit_id]
        kept = st.session_state.get("_session_token")
        if kept is None or kept[0] != claim:  # one signature per claim: the address stays the same
            kept = (claim, _session_serializer().dumps(claim))
            st.session_state["_session_token"] = kept
        if st.query_params.get(SESSION_PARAM) != kept[1]:
            st.query_params[SESSION_PARAM] = kept[1]
    if st.query_params.get(LANG_PARAM) != lang():
        st.query_params[LANG_PARAM] = lang()


def restore_session() -> None:
    """At the first run of a reloaded page: the language and the signed claim from the address."""
    if LANG_KEY not in st.session_state:
        wanted = st.query_params.get(LANG_PARAM)
        st.session_state[LANG_KEY] = wanted if wanted in LANGS else DEFAULT_LANG
    token = st.query_params.get(SESSION_PARAM)
    if ACTOR_KEY in st.session_state or not token:
        return
    try:
        email, role, unit = _session_serializer().loads(token, max_age=SESSION_MAX_AGE_S)
    except (BadSignature, ValueError, TypeError):
        log.warning("a session claim in the address was refused (bad signature or expired)")
        del st.query_params[SESSION_PARAM]
        return
    st.session_state[ACTOR_KEY] = Actor(str(email), str(email), str(role), str(unit))


def identity_email() -> str | None:
    """The email the identity provider signed in for this session (verified), or None."""
    return verified_email(st.user.to_dict())


def sign_out(message: str = "", level: str = "info", *, keep_identity: bool = False) -> None:
    """Forget the actor and everything the pages kept for it; with ``[auth]``, end the provider's
    session too (``st.logout``) unless ``keep_identity`` (the same person may pick another role)."""
    keep = {LANG_KEY}
    for key in list(st.session_state.keys()):
        if key not in keep:
            del st.session_state[key]
    if SESSION_PARAM in st.query_params:
        del st.query_params[SESSION_PARAM]
    if message:
        flash(message, level=level)
    if not keep_identity and settings().auth_configured and st.user.get("is_logged_in"):
        st.logout()


# ---------------------------------------------------------------------- messages


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def plain(text: object) -> str:
    """Text shown through a Markdown-rendering element exactly as typed (names, reasons, values).

    Callouts, subheaders and toasts render Markdown: a reason like ``![](http://...)`` must not load
    an image, and ``:material/x:`` must not become an icon. CommonMark escapes any ASCII punctuation.
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def flash(message: str, level: str = "success") -> None:
    """A message shown once, on the next render of the page (survives the rerun after a command)."""
    st.session_state.setdefault(FLASH_KEY, []).append((level, message))


def show_flash() -> None:
    for level, message in st.session_state.pop(FLASH_KEY, []):
        if level == "toast":
            st.toast(plain(message))
            continue
        {"success": st.success, "error": st.error, "warning": st.warning}.get(level, st.info)(plain(message))
        if level == "success":
            st.toast(plain(message))


def page_header(title_key: str, intro_key: str, **intro_params: Any) -> None:
    """Every page starts the same way: a title, one line saying what the page is for, pending messages."""
    st.title(tr(title_key))
    st.caption(tr(intro_key, **intro_params))
    show_flash()


def show_error(exc: ThiduaError) -> None:
    """A user-readable error; for validation failures, every field error too."""
    st.error(plain(exc.message(lang())))
    if isinstance(exc, ValidationFailed):
        for err in exc.errors:
            st.error(plain(err.message(lang())))


def report_unexpected(exc: BaseException) -> None:
    """Log the traceback, show a friendly message with a reference the administrator can grep."""
    ref = uuid.uuid4().hex[:8]
    log.error("unexpected error %s", ref, exc_info=exc)
    st.error(tr("app.unexpected", ref=ref))


@contextmanager
def user_errors() -> Iterator[None]:
    """Show errors a user can cause as messages; anything else as a friendly error (logged)."""
    try:
        yield
    except ThiduaError as exc:
        show_error(exc)
    except Exception as exc:
        report_unexpected(exc)


def run_command(command: Callable[[], Any], near: str | None = None) -> Any | None:
    """Run a services command from a callback; on error keep it for the next render and return None.

    The message is shown at the top of the page (the summary) and, when ``near`` names the control
    that ran the command, again right beside it (:func:`show_near`), where the person is looking.
    """
    try:
        return command()
    except ValidationFailed:
        raise
    except ThiduaError as exc:
        message = exc.message(lang())
    except Exception as exc:
        ref = uuid.uuid4().hex[:8]
        log.error("unexpected error %s", ref, exc_info=exc)
        message = tr("app.unexpected", ref=ref)
    flash(message, level="error")
    if near:
        keep_near(near, message)
    return None


#: Session keys starting with this hold messages about what the person typed or pressed on the page
#: they are on; a new page or a language switch forgets them (they would describe fields that are gone).
ERRORS = "errors__"


def error_key(*parts: object) -> str:
    """A session key for a page's validation errors (cleared when the page or language changes)."""
    return ERRORS + "_".join(str(p) for p in parts)


def keep_near(anchor: str, message: str) -> None:
    st.session_state.setdefault(error_key("near", anchor), []).append(message)


def show_near(anchor: str) -> None:
    """The errors a command started from control ``anchor`` ran into, right under that control."""
    for message in st.session_state.pop(error_key("near", anchor), []):
        st.error(plain(message), icon=":material/error:")


def forget_errors_on_new_view(view: tuple[str, str]) -> None:
    """Drop the kept validation errors when the page or the language changed since the last run."""
    if st.session_state.get("_last_view") == view:
        return
    st.session_state["_last_view"] = view
    for key in [k for k in st.session_state if str(k).startswith(ERRORS)]:
        del st.session_state[key]


# ---------------------------------------------------------------------- Streamlit's own words

#: Streamlit 1.67 prints some words of its own in English. Where it offers a parameter, pages pass
#: their words through these helpers; where it offers none (the file uploader's "Drag and drop file
#: here", "Browse files" and "Limit 200MB per file • XLSX"; the date picker's calendar; the help
#: icon's "Help for …" label; the dataframe toolbar's "Search", "Download as CSV", "Fullscreen"), the
#: English stays: see README "Streamlit's own words".


def dataframe(data: Any, **kwargs: Any) -> Any:
    """``st.dataframe`` that shows a missing value as an empty cell (Streamlit's default is "None")."""
    kwargs.setdefault("placeholder", "")
    return st.dataframe(data, **kwargs)


def details(frame: pd.DataFrame) -> Any:
    """A row's fields as a static table whose long text wraps (a data grid cuts it off on a phone)."""
    return st.table(frame, hide_index=True, border="horizontal")


def multiselect(label: str, options: Any, **kwargs: Any) -> Any:
    """``st.multiselect`` with a placeholder in the page's language and without Streamlit's English
    "Select all" entry (it has no parameter for its words)."""
    kwargs.setdefault("placeholder", tr("newcomer.choose_many"))
    kwargs.setdefault("select_all", False)
    return st.multiselect(label, options, **kwargs)


# ---------------------------------------------------------------------- tables with a selection


def table_key(base: str) -> str:
    """The current key of a selectable table (a new key after a command clears the browser's selection)."""
    return f"{base}_{st.session_state.get(base + '_generation', 0)}"


def reset_table(base: str) -> None:
    """Forget a table's selection, in session state and in the browser (which keeps its own copy)."""
    st.session_state.pop(table_key(base), None)
    st.session_state[base + "_generation"] = st.session_state.get(base + "_generation", 0) + 1


# ---------------------------------------------------------------------- labels


def labelled(options: Iterable[Any], label_of: Callable[[Any], str], key: str) -> Callable[[Any], str]:
    """A ``format_func`` for the widget ``key`` whose labels are fixed in this run's language.

    The browser sends a choice back as its label; after a language switch the labels change under it,
    so :func:`relabel_choices` re-states each such widget's value (its option, not its label).
    """
    st.session_state.setdefault(LABELLED_KEY, set()).add(key)
    labels = {option: label_of(option) for option in options}
    return lambda option: labels.get(option, str(option))


def relabel_choices() -> None:
    """Language switch callback: keep every labelled choice while its labels change language."""
    for key in st.session_state.get(LABELLED_KEY, set()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def role_label(role: str) -> str:
    return tr(f"role.{role}")


def enum_label(column: str, value: Any) -> str:
    key = f"enum.{column}.{value}"
    text = tr(key)
    return str(value) if text == key else text


def award_labels(svc: Services) -> Callable[[Any], str]:
    """:func:`award_label` for many rows: the catalogue of one reference snapshot (each
    ``svc.reference()`` asks the store whether anything changed)."""
    catalogue, language = svc.reference().catalogue_map, lang()

    def label(code: Any) -> str:
        item = catalogue.get(str(code))
        if not item:
            return str(code or "")
        return str(item.get(f"name_{language}") or item.get("name_vi") or code)

    return label


def award_label(svc: Services, code: Any) -> str:
    return award_labels(svc)(code)


def unit_labels(svc: Services) -> Callable[[Any], str]:
    """:func:`unit_label` for many rows, from one reference snapshot."""
    ref, unknown = svc.reference(), tr("newcomer.unknown_unit")

    def label(unit_id: Any) -> str:
        name = ref.unit_name(unit_id)
        return unknown if name == unit_id and unit_id else name

    return label


def unit_label(svc: Services, unit_id: str) -> str:
    """The unit's name (a unit no longer in the union tree is said to be so, never shown as its id)."""
    return unit_labels(svc)(unit_id)


def tab_label(tab: str) -> str:
    """A tab's name for people: the catalogue's, else the title of the campaign form that owns it."""
    if has(f"ui.tab.{tab}"):
        return tr(f"ui.tab.{tab}")
    for camp in services().campaigns.values():
        for form in camp.forms.values():
            if form.tab == tab:
                return f"{lbl(form.label)} ({lbl(camp.name)})"
    return tab


def workflow_of(svc: Services, campaign_id: str, form: str) -> WorkflowSpec | None:
    camp = svc.campaigns.get(campaign_id)
    if camp is None or form not in camp.forms:
        return None
    return camp.workflow_for(form)


def action_label(wf: WorkflowSpec | None, action: str, source: str = "", dest: str = "") -> str:
    """The label of the move ``action`` took; the same trigger may leave several states (award by
    the upper union or by the council), so the move is picked by its source or destination."""
    moves = [x for x in (wf.transitions if wf else ()) if x.trigger == action]
    move = next(
        (x for x in moves if (source and source in x.source) or (dest and x.dest == dest)),
        moves[0] if moves else None,
    )
    return lbl(move.label) if move else tr(f"ui.action.{action}")


def state_label(svc: Services, campaign_id: str, form: str, state: str) -> str:
    """The state's label from the campaign's own workflow (falls back to the generic label)."""
    wf = workflow_of(svc, campaign_id, form)
    st_spec = wf.states.get(state) if wf else None
    if st_spec is not None:
        return lbl(st_spec.label)
    key = f"state.{state}"
    return tr(key) if tr(key) != key else state


def waiting_on(svc: Services, campaign_id: str, form: str, state: str) -> str:
    """Who has the next move on a row in ``state`` (for "where it sits"), read from the workflow spec:
    the roles that can move it forward (not those that can only return or reject it)."""
    wf = workflow_of(svc, campaign_id, form)
    st_spec = wf.states.get(state) if wf else None
    if wf is None or st_spec is None or st_spec.terminal or st_spec.outcome in FINAL_OUTCOMES:
        return tr("ui.waiting.done")
    if st_spec.editable:
        return tr("ui.waiting.unit")
    reviews = [m for m in wf.transitions_from(state) if m.review]
    forward = [m for m in reviews if wf.states[m.dest].outcome not in ("returned", "rejected", "withdrawn")]
    roles = dict.fromkeys(r for m in (forward or reviews) for r in m.roles)
    return ", ".join(role_label(r) for r in roles) or tr("ui.none")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a services frame as plain dicts keyed by column name."""
    return cast("list[dict[str, Any]]", frame.to_dict("records"))


def row_title(row: Mapping[str, Any]) -> str:
    """The human name of a submission row, whatever its tab."""
    for col in ("full_name", "name_vi", "title_vi"):
        value = row.get(col)
        if isinstance(value, str) and value.strip():
            return value
    return tr("newcomer.untitled")


def campaign_title(camp: CampaignSpec, today: dt.date) -> str:
    if camp.is_open(today):
        status = tr("ui.open_badge")
    elif today < camp.opens:  # a campaign of next year is not over: it has not begun
        status = tr("newcomer.not_yet_open_badge", date=ui_date(camp.opens))
    else:
        status = tr("ui.closed_badge")
    return tr("ui.campaign_option", name=lbl(camp.name), status=status)


def campaign_picker(
    svc: Services, *, only_open: bool = False, allow_all: bool = False, key: str
) -> str | None:
    """A campaign selectbox (open campaigns first); returns the id, "" for all, None when none fits."""
    today = svc.today()
    camps = svc.campaigns_in_order()
    if only_open:
        camps = [c for c in camps if c.is_open(today)]
    options = ([""] if allow_all else []) + [c.id for c in camps]
    if not options:
        return None
    opened = svc.first_open_campaign()
    first_open = options.index(opened) if opened in options else 0
    index = 0 if key in st.session_state else first_open  # a kept choice wins; 0 means "no default"
    picked = st.selectbox(
        tr("ui.campaign"),
        options,
        index=index,
        format_func=labelled(
            options,
            lambda cid: tr("ui.all_campaigns") if not cid else campaign_title(svc.campaigns[cid], today),
            key,
        ),
        key=key,
    )
    return str(picked) if picked is not None else None


# ---------------------------------------------------------------------- dates and times


def fmt_datetime(iso: Any) -> str:
    """ISO timestamp -> "05/12/2024 09:30" (empty stays empty)."""
    if not iso:
        return ""
    try:
        ts = dt.datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{ui_date(ts.date())} {ts:%H:%M}"


def fmt_time(iso: Any) -> str:
    try:
        return f"{dt.datetime.fromisoformat(str(iso)):%H:%M:%S}"
    except ValueError:
        return str(iso)


def days_since(iso: Any, now: dt.datetime) -> int | None:
    if not iso:
        return None
    try:
        since = dt.datetime.fromisoformat(str(iso))
    except ValueError:
        return None
    if since.tzinfo is None:
        since = since.replace(tzinfo=now.tzinfo)
    return max((now - since).days, 0)


# ---------------------------------------------------------------------- history


def history_timeline(svc: Services, actor: Actor, tab: str, row: Mapping[str, Any]) -> None:
    """The row's timeline, oldest first: when, who (role), what, from -> to, and the reason."""
    st.subheader(tr("ui.history"))
    hist = svc.history(actor, tab, str(row["id"]))
    if hist.empty:
        st.caption(tr("ui.history.empty"))
        return
    users = svc.reference().users
    names = dict(zip(users["email"], users["full_name"], strict=False))
    camp, form = str(row["campaign_id"]), str(row["form"])
    wf = workflow_of(svc, camp, form)
    for h in records(hist):
        action = action_label(wf, str(h["action"]), source=str(h["from_state"]))
        src = state_label(svc, camp, form, h["from_state"]) if h["from_state"] else tr("ui.history.created")
        line = tr(
            "newcomer.history.entry",
            at=fmt_datetime(h["at"]),
            who=actor_label(svc, names.get(str(h["actor_email"]), ""), h["actor_role"], h["actor_unit"]),
            action=action,
            src=src,
            dst=state_label(svc, camp, form, h["to_state"]),
        )
        with st.container(border=True):
            st.text(line)
            if h["reason"]:
                st.warning(plain(tr("ui.history.reason", reason=h["reason"])))


def actor_label(svc: Services, name: str, role: Any, unit: Any) -> str:
    """Who did something, as a reader knows them: the person, their role and unit (never an e-mail;
    a person no longer in the users list is named by role and unit)."""
    unit_name = unit_label(svc, str(unit)) if unit else tr("newcomer.unknown_unit")
    params = {"name": name, "role": role_label(str(role)), "unit": unit_name}
    return tr("newcomer.history.who" if name else "newcomer.history.who_unnamed", **params)


def field_table(svc: Services, tab: str, campaign_id: str, form: str, row: Mapping[str, Any]) -> pd.DataFrame:
    """The form's fields of ``row`` as (label, value) pairs for a read-only detail view."""
    camp = svc.campaigns.get(campaign_id)
    s = tab_spec(tab)
    names = [f.name for f in camp.forms[form].fields] if camp and form in camp.forms else []
    values = [display_value(svc, tab, n, row.get(n)) for n in names]
    return pd.DataFrame({tr("ui.col.field"): [s.label(n, lang()) for n in names], tr("ui.col.value"): values})


def display_value(svc: Services, tab: str, column: str, value: Any) -> str:
    """A cell as a reader expects it: labels for codes, D/M/Y dates, grouped money."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return ""
    if column == "award_code":
        return award_label(svc, value)
    declared = tab_spec(tab).options(column)
    if declared:  # a form's own choice field: labels from its YAML (several codes for a multi-choice)
        codes = [c.strip() for c in str(value).split(";") if c.strip()]
        return "; ".join(tab_spec(tab).option_label(column, c, lang()) or c for c in codes)
    if choices(tab, column) is not None:
        return enum_label(column, value)
    kind = tab_spec(tab).kind(column)
    if kind == "bool":
        return tr("ui.yes") if bool(value) else tr("ui.no")
    if kind == "date":
        try:
            return ui_date(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if kind == "money":
        return fmt_vnd(int(value), lang())
    return str(value)
