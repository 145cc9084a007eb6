"""The Reflex app: pages, the plain HTTP routes and what happens at start."""

from __future__ import annotations

import logging

import reflex as rx

from trusthabits.adapters import metrics, scheduler_runner
from trusthabits.config import configure_logging, get_settings, redact_url
from trusthabits.db.migrate import current_revision
from trusthabits.http_api import api
from trusthabits.services import scheduler
from trusthabits.ui import socket_guard
from trusthabits.ui.components.shell import connection_overlay
from trusthabits.ui.pages import all_pages
from trusthabits.ui.states.app import LANGUAGE_SCRIPT
from trusthabits.ui.theme import BRAND_COLOUR, STYLESHEETS, global_style, head_style
from trusthabits.web import harden, tabs
from trusthabits.web.origins import engineio_origin_check

log = logging.getLogger("trusthabits")

HEAD = [
    # Before anything is drawn: which language this page paints in (ui/states/app.py).
    rx.el.script(LANGUAGE_SCRIPT),
    rx.el.link(rel="manifest", href="/manifest.webmanifest"),
    # The service worker, taps saved offline and home-screen shortcuts (assets/offline.js).
    rx.el.script(src="/offline.js", defer=True),
    rx.el.link(rel="icon", href="/icon.svg", type="image/svg+xml"),
    rx.el.link(rel="apple-touch-icon", href="/icon-192.png"),
    rx.el.meta(name="theme-color", content=BRAND_COLOUR),
    head_style(),
    rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
    rx.el.meta(name="description", content="TrustHabits"),
]


async def log_startup() -> None:
    settings = get_settings()
    configure_logging(settings)
    try:
        revision = current_revision()
    except Exception as exc:  # noqa: BLE001 - the app still starts; /api/health reports it
        revision = f"unreachable ({exc.__class__.__name__})"
    log.info("database %s (migration %s)", redact_url(settings.database_url), revision)
    log.info("serving on %s", settings.base_url)


async def run_scheduler() -> None:
    """Every worker asks to lead the scheduler; the leader ticks (adapters/scheduler_runner.py)."""
    settings = get_settings()
    await scheduler_runner.run_as_leader(lambda locks: scheduler.run_tick(settings, locks), settings)


app = rx.App(
    style=global_style,
    stylesheets=STYLESHEETS,
    head_components=HEAD,
    html_lang="en",
    # Both languages read left to right. Said here, the toast container (sonner) reads the
    # attribute instead of forcing a whole-page style recalculation on every render.
    html_custom_attrs={"dir": "ltr"},
    # No toasts in TrustHabits: without the provider, pages load 14 KiB less script.
    toaster=None,
    # Our routes in front of Reflex's, then the HTTP edge (headers, origins, uploads) around all.
    api_transformer=[api, harden],
)
# The event websocket accepts only the app's own pages (python-engineio checks Origin too).
app.sio.eio.cors_allowed_origins = engineio_origin_check(get_settings().base_url)
# With Redis: a tab whose worker crashed keeps its token and state on the next one (web/tabs.py).
tabs.install(app)
# Reflex's default connection overlay needs the toast provider; ours is a translated banner.
app.app_wraps[(5, "Overlay")] = lambda stateful: connection_overlay() if stateful else None
for page in all_pages():  # every module in ui/pages/ that declares PAGE
    for route in page.routes:
        app.add_page(page.view, route=route, title=page.title, on_load=page.on_load)
# /metrics counts this worker's open event websockets (python-engineio's table of sockets).
metrics.count_websockets_with(lambda: len(getattr(app.sio.eio, "sockets", {})) if app.sio else 0)
# What a socket sends is screened before Reflex decodes and runs it (ui/socket_guard.py).
socket_guard.install(app)
app.register_lifespan_task(log_startup)
app.register_lifespan_task(run_scheduler)
