"""The PostgreSQL layout of a workbook: typed tables from the pandera schemas, change marks kept by
triggers, client tokens unique per unit.

Everything lives in one schema (``thidua`` unless told otherwise), so one database can hold several
workbooks (a test per schema, or two federations side by side):

* ``_tabs(name, header)`` remembers each tab's header order (a JSON list); ``ensure_tabs`` only ever
  appends to it, like a sheet whose columns are never dropped or reordered.
* each tab is a table named after the tab: ``_row`` (an identity column: append order), ``_seq``
  (see below), then the header's columns, typed from the schema's storage kind: ``int`` and
  ``money`` -> ``bigint`` (NULL is an empty cell), ``bool`` -> ``boolean NOT NULL DEFAULT false``,
  everything else (text, ``date``, ``datetime``) -> ``text NOT NULL DEFAULT ''``. Dates and
  timestamps stay ISO text exactly as :func:`schemas.registry.to_cell` made them, as in every other
  backend, so a row copied between stores is the same row, cell for cell. ``id`` is
  ``text NOT NULL UNIQUE`` and ``version`` ``bigint NOT NULL``.
* tabs with both ``unit_id`` and ``client_token`` get a unique index on ``(unit_id, client_token)``
  for non-empty tokens: a double click, a browser resend, a retry after a dropped connection or two
  imports of one file at once store a row once, whatever process or server sends it.
* the columns the services pick rows by (``schemas.registry.PICKED_BY``) get an index and a partial
  index on cells that are not plain codes (:func:`pick_indexes`): ``read_matching`` looks rows up.
* ``_marks(tab, seq, mark, deleted)``: per tab, ``seq`` counts the transactions that wrote it,
  ``mark`` is a random number drawn again by each of them (what :meth:`change_marks` returns: a
  database restored from a backup cannot reproduce a mark of other content a reader still holds),
  ``deleted`` counts statements that deleted rows. A ``BEFORE`` statement trigger on every tab calls
  ``_touch(tab)``: the first time in a transaction it bumps ``seq``, draws ``mark``, queues a
  ``NOTIFY thidua_changes`` (sent on commit) and remembers ``seq`` in a transaction-local setting;
  a ``BEFORE`` row trigger stamps each inserted or updated row's ``_seq`` with it. The row lock on
  ``_marks`` is held to the commit, so the writers of one tab commit in ``seq`` order: a reader that
  sees ``seq = S`` sees every row stamped ``S`` or less, which is what lets a reader fetch only the
  rows changed since its last read (``storage/postgres/replica.py``). Every writer is seen, this
  app on any server or ``psql`` by hand.
* ``_writes(id, at)``: one row per write of this adapter, inserted in the write's transaction, so a
  write whose connection dropped around the commit can tell whether it landed before it is retried.
* ``_state(key, value)``: ``db_id`` (random, drawn at creation) and ``layout`` (this file's version).
* ``_snapshots(tab, part, table_oid, cursor, data, written_at)``: typed snapshots of large tabs, in
  parts, that a starting server loads instead of reading the tab in full (``replica.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from schemas.registry import PICKED_BY, spec

#: Bump when the functions or triggers below change: ``ensure_tabs`` then installs them again.
LAYOUT = 3  # 2: _snapshots; 3: indexes for picking rows by value (pick_indexes)

#: A cell holding a character outside ``A-Z a-z 0-9 _ . -`` is not a plain code: typing may clean
#: it into one, so :meth:`PostgresWorkbook.read_matching` hands such rows over too. The query and the
#: partial index of :func:`pick_indexes` use this same text: the planner matches them literally.
NOT_PLAIN = "[^A-Za-z0-9_.-]"
CHANNEL = "thidua_changes"
ORDER = "_row"
SEQ = "_seq"
RESERVED = frozenset({ORDER, SEQ})
#: PostgreSQL cuts longer identifiers silently, which could make two columns one.
MAX_NAME_BYTES = 63
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def quote(name: str) -> str:
    """An SQL identifier for ``name`` (quotes doubled; NUL and over-long names refused)."""
    if not name or "\x00" in name:
        raise ValueError(f"invalid name {name!r}: must be non-empty text without NUL")
    if len(name.encode()) > MAX_NAME_BYTES:
        raise ValueError(f"name {name!r} is longer than PostgreSQL's {MAX_NAME_BYTES} bytes")
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def check_schema_name(name: str) -> str:
    """A schema name: lower-case letters, digits and ``_`` (it also names settings and channels)."""
    if not _SCHEMA_NAME.match(name):
        raise ValueError(f"schema {name!r}: use lower-case letters, digits and '_' (at most 63)")
    return name


def kind(tab: str, column: str) -> str:
    """The storage kind of ``column`` (a column outside the schema is text)."""
    s = spec(tab)
    return s.kind(column) if column in s.schema.columns else "text"


def column_type(tab: str, column: str) -> str:
    """The column's SQL type and constraints, from the schema's storage kind."""
    if column == "id":
        return "text NOT NULL UNIQUE"
    if column == "version":
        return "bigint NOT NULL"
    k = kind(tab, column)
    if k in ("int", "money"):
        return "bigint"
    if k == "bool":
        return "boolean NOT NULL DEFAULT false"
    return "text NOT NULL DEFAULT ''"


def has_tokens(header: Sequence[str]) -> bool:
    return "unit_id" in header and "client_token" in header


def token_index(schema: str, tab: str) -> str:
    return (
        f"CREATE UNIQUE INDEX IF NOT EXISTS {quote(f'{tab}_client_token')} ON {quote(schema)}.{quote(tab)} "
        "(unit_id, client_token) WHERE client_token <> ''"
    )


def bookkeeping(schema: str) -> list[str]:
    """The schema, its bookkeeping tables and the trigger functions (idempotent)."""
    s = quote(schema)
    setting = literal(f"thidua.s{schema}_")
    return [
        f"CREATE SCHEMA IF NOT EXISTS {s}",
        f"CREATE TABLE IF NOT EXISTS {s}._tabs (name text PRIMARY KEY, header jsonb NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {s}._marks (tab text PRIMARY KEY, seq bigint NOT NULL DEFAULT 0, "
        "mark bigint NOT NULL, deleted bigint NOT NULL DEFAULT 0)",
        f"CREATE TABLE IF NOT EXISTS {s}._writes "
        "(id uuid PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())",
        f"CREATE TABLE IF NOT EXISTS {s}._state (key text PRIMARY KEY, value text NOT NULL)",
        # typed snapshots of large tabs for starting servers (storage.postgres.replica)
        f"CREATE TABLE IF NOT EXISTS {s}._snapshots (tab text NOT NULL, part integer NOT NULL, "
        "table_oid bigint NOT NULL, cursor bigint NOT NULL, data bytea NOT NULL, "
        "written_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tab, part))",
        f"INSERT INTO {s}._state VALUES ('db_id', md5(random()::text || clock_timestamp()::text)) "
        "ON CONFLICT DO NOTHING",
        # _touch: once per transaction and tab, bump seq, draw a mark, queue the notification
        f"""CREATE OR REPLACE FUNCTION {s}._touch(t text) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE
  key text := {setting} || md5(t);
  cur text := current_setting(key, true);
  n bigint;
  m bigint;
BEGIN
  IF cur IS NOT NULL AND cur <> '' THEN
    RETURN cur::bigint;
  END IF;
  UPDATE {s}._marks SET seq = seq + 1, mark = floor(random() * 9007199254740991)::bigint
    WHERE tab = t RETURNING seq, mark INTO n, m;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'thidua: tab % has no change mark; run ensure_tabs', t;
  END IF;
  PERFORM set_config(key, n::text, true);
  PERFORM pg_notify({literal(CHANNEL)}, {literal(schema)} || ' ' || n || ' ' || m || ' ' || t);
  RETURN n;
END
$f$""",
        f"""CREATE OR REPLACE FUNCTION {s}._on_write() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM {s}._touch(TG_TABLE_NAME);
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    UPDATE {s}._marks SET deleted = deleted + 1 WHERE tab = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END
$f$""",
        f"""CREATE OR REPLACE FUNCTION {s}._stamp() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW.{SEQ} := current_setting({setting} || md5(TG_TABLE_NAME))::bigint;
  RETURN NEW;
END
$f$""",
    ]


def create_table(schema: str, tab: str, header: Sequence[str]) -> list[str]:
    """A new tab's table, its change mark, triggers and token index."""
    table = f"{quote(schema)}.{quote(tab)}"
    cols = ", ".join(f"{quote(c)} {column_type(tab, c)}" for c in header)
    out = [
        f"CREATE TABLE {table} ({ORDER} bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
        f"{SEQ} bigint NOT NULL DEFAULT 0, {cols})",
        f"CREATE INDEX {quote(f'{tab}_seq')} ON {table} ({SEQ})",
    ]
    tokens = [token_index(schema, tab)] if has_tokens(header) else []
    return out + triggers(schema, tab) + tokens + pick_indexes(schema, tab, header)


def picked(tab: str, column: str) -> str:
    """The expression :meth:`read_matching` compares for ``column`` (its text; a text column as is,
    so that its indexes serve the comparison)."""
    return quote(column) if column_type(tab, column).startswith("text") else f"{quote(column)}::text"


def matching_select(schema: str, tab: str, header: Sequence[str], columns: Sequence[str]) -> str:
    """The ``SELECT`` of :meth:`read_matching`: rows whose cell in one of ``columns`` is one of a
    list of values (one ``%s`` parameter per column, in order), or is not a plain code."""
    exprs = [picked(tab, c) for c in columns]
    arms = [f"({q} = ANY(%s) OR {q} ~ {literal(NOT_PLAIN)})" for q in exprs]
    cols = ", ".join(quote(c) for c in header)
    table = f"{quote(schema)}.{quote(tab)}"
    return f"SELECT {cols} FROM {table} WHERE {' OR '.join(arms) or 'false'} ORDER BY {ORDER}"


def pick_indexes(schema: str, tab: str, header: Sequence[str]) -> list[str]:
    """Indexes that make picking rows by value (:meth:`read_matching`, the columns of
    :data:`schemas.registry.PICKED_BY`) lookups instead of scans: a btree on the column (``id`` has
    its unique one), and a partial index on the rows whose cell there is not a plain code
    (:data:`NOT_PLAIN`, few or none), so both arms of the query's ``= ANY(...) OR ... ~ ...`` are
    index scans. At 913,560 submissions the three tabs hold some 2.4 million rows."""
    table = f"{quote(schema)}.{quote(tab)}"
    out: list[str] = []
    for column in PICKED_BY.get(tab, ()):
        if column not in header:
            continue
        expr = picked(tab, column)
        if column != "id":
            out.append(f"CREATE INDEX IF NOT EXISTS {quote(f'{tab}_{column}_pick')} ON {table} ({expr})")
        out.append(
            f"CREATE INDEX IF NOT EXISTS {quote(f'{tab}_{column}_odd')} ON {table} ({ORDER}) "
            f"WHERE {expr} ~ {literal(NOT_PLAIN)}"
        )
    return out


def triggers(schema: str, tab: str) -> list[str]:
    """The tab's triggers (replaced in place: a newer layout installs its own)."""
    s, table = quote(schema), f"{quote(schema)}.{quote(tab)}"
    return [
        f"INSERT INTO {s}._marks (tab, mark) VALUES ({literal(tab)}, "
        "floor(random() * 9007199254740991)::bigint) ON CONFLICT DO NOTHING",
        f"CREATE OR REPLACE TRIGGER _thidua_write BEFORE INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {s}._on_write()",
        f"CREATE OR REPLACE TRIGGER _thidua_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {s}._on_write()",
        f"CREATE OR REPLACE TRIGGER _thidua_stamp BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {s}._stamp()",
    ]


def add_column(schema: str, tab: str, column: str) -> str:
    """A column added to a tab: old rows read it as an empty cell ('' / NULL / false); PostgreSQL
    stores the default once, not in every row, so this does not rewrite the table."""
    return f"ALTER TABLE {quote(schema)}.{quote(tab)} ADD COLUMN {quote(column)} {column_type(tab, column)}"
