"""Fixtures the service tests share: a real SMTP server on loopback (defined with the mail
delivery tests), an inbox on one, and a fresh, migrated database on the throwaway PostgreSQL
server (the process-level tests)."""

from __future__ import annotations

import os

import pytest
from aiosmtpd.controller import Controller

from tests.services.test_mail_delivery import (
    Inbox,
    _free_port,
    smtp_server,  # noqa: F401 - a fixture
)


@pytest.fixture
def inbox():
    received = Inbox()
    controller = Controller(received, hostname="127.0.0.1", port=_free_port())
    controller.start()
    received.url = f"smtp+plain://127.0.0.1:{controller.port}"
    yield received
    controller.stop()


@pytest.fixture
def fresh_postgres(postgres_url):
    """A new, migrated database on the throwaway server, so this test starts from nothing."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from trusthabits.db.migrate import upgrade_to_head

    name = f"rhythm_{os.getpid()}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    upgrade_to_head(url)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()
