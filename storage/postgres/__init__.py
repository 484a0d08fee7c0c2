"""The PostgreSQL backend: several app servers sharing one database (``[storage] backend = "postgres"``).

:class:`PostgresWorkbook` implements :class:`core.ports.Workbook` and :class:`core.ports.ChangeMarks`;
the layout is in :mod:`storage.postgres.ddl`, the typed replica in :mod:`storage.postgres.replica`,
the ``LISTEN`` thread in :mod:`storage.postgres.listener`. See docs/deploy-postgres.md.
"""

from storage.postgres.workbook import PostgresWorkbook

__all__ = ["PostgresWorkbook"]
