"""The site_settings table: one text value per key, for what a whole site remembers (whether
sign-up is open, which catalog the search index holds)."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from skilltree.store.tables import site_settings


def read_setting(connection: Connection, key: str) -> str | None:
    return connection.execute(select(site_settings.c.value).where(site_settings.c.key == key)).scalar()


def write_setting(connection: Connection, key: str, value: str) -> None:
    updated = connection.execute(update(site_settings).where(site_settings.c.key == key).values(value=value))
    if updated.rowcount == 0:
        connection.execute(site_settings.insert().values(key=key, value=value))
