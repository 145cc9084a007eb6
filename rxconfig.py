"""Reflex configuration. Deployment settings come from the environment, validated by
`trusthabits/config.py` (see README): a bad value stops the start with one line naming it."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from trusthabits.config import settings_or_exit
from trusthabits.ui.frontend_build import TrustHabitsFrontend
from trusthabits.ui.theme import theme
from trusthabits.web.origins import origin_of

settings = settings_or_exit()

config = rx.Config(
    app_name="trusthabits",
    # One port serves the production frontend and the backend (`reflex run --env prod`).
    frontend_port=settings.port,
    backend_port=settings.port,
    # The browser rewrites "localhost" to the page's own host, so a phone on the LAN works too.
    api_url=f"http://localhost:{settings.port}",
    deploy_url=settings.base_url,
    # CORS grants no other site's pages anything (Reflex's default is "*", with credentials).
    # Pages opened on another address of this server (a phone on the LAN) are same-origin.
    cors_allowed_origins=[origin_of(settings.base_url)],
    show_built_with_reflex=False,
    # We use no dynamic components: without this, every page imports all of Radix Themes.
    frontend_lazy_bundled_libraries=True,
    telemetry_enabled=False,
    plugins=[TrustHabitsFrontend(theme=theme)],
    disable_plugins=[SitemapPlugin],
)
