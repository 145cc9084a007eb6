"""Reflex configuration. Deployment settings come from the environment (see README)."""

import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from trusthabits.ui.frontend_build import TrustHabitsFrontend
from trusthabits.ui.theme import theme
from trusthabits.web.origins import origin_of

# One port serves the production frontend and the backend (`reflex run --env prod`).
PORT = int(os.environ.get("PORT", "3000"))
BASE_URL = os.environ.get("TRUSTHABITS_BASE_URL", f"http://localhost:{PORT}").rstrip("/")

config = rx.Config(
    app_name="trusthabits",
    frontend_port=PORT,
    backend_port=PORT,
    # The browser rewrites "localhost" to the page's own host, so a phone on the LAN works too.
    api_url=f"http://localhost:{PORT}",
    deploy_url=BASE_URL,
    # CORS grants no other site's pages anything (Reflex's default is "*", with credentials).
    # Pages opened on another address of this server (a phone on the LAN) are same-origin.
    cors_allowed_origins=[origin_of(BASE_URL)],
    show_built_with_reflex=False,
    # We use no dynamic components: without this, every page imports all of Radix Themes.
    frontend_lazy_bundled_libraries=True,
    telemetry_enabled=False,
    plugins=[TrustHabitsFrontend(theme=theme)],
    disable_plugins=[SitemapPlugin],
)
