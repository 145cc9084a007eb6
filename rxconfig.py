"""Reflex configuration. Deployment settings come from the environment, validated by
`trusthabits/config.py` (see README): a bad value stops the start with one line naming it.

Two ways to run:
- `reflex run --env prod` (`make run`): one process serves the built frontend and the backend on
  `PORT`, with Reflex state in this process's memory (or Redis when `REDIS_URL` is set);
- `reflex run --env prod --backend-only` (`make cluster`, deploy/): a backend worker on `PORT`
  behind a proxy that serves the exported frontend; several workers share state in Redis.
"""

import os
import sys

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from trusthabits.config import settings_or_exit
from trusthabits.ui.frontend_build import TrustHabitsFrontend
from trusthabits.ui.theme import theme
from trusthabits.web.origins import origin_of

settings = settings_or_exit()


def _backend_only() -> bool:
    # Reflex refuses a configured frontend_port in a backend-only run; rxconfig is read before
    # Reflex records the flag, so look at the command line (and Reflex's own variable) here.
    flag = os.environ.get("REFLEX_BACKEND_ONLY", "").lower() in ("1", "true", "yes", "y")
    return flag or "--backend-only" in sys.argv


if settings.state_hold_ms and settings.state_manager == "redis":
    # Reflex reads its opportunistic-lock switches from the environment when the state manager
    # is made, after this file: TRUSTHABITS_STATE_HOLD_MS turns them on (README "Scale-out").
    os.environ["REFLEX_OPLOCK_ENABLED"] = "true"
    os.environ["REFLEX_OPLOCK_HOLD_TIME"] = f"{settings.state_hold_ms}ms"

ports = {"backend_port": settings.port}
if not _backend_only():
    # In production one port serves the frontend and the backend.
    ports["frontend_port"] = settings.port

config = rx.Config(
    app_name="trusthabits",
    **ports,
    # Where the built frontend looks for the backend. The browser replaces "localhost" with the
    # page's own host (a phone on the LAN works), and behind an https proxy also drops the port
    # and uses wss: so `reflex export` with PORT set to the proxy's port fits any address.
    api_url=f"http://localhost:{settings.port}",
    deploy_url=settings.base_url,
    # CORS grants no other site's pages anything (Reflex's default is "*", with credentials).
    # Pages opened on another address of this server (a phone on the LAN) are same-origin.
    cors_allowed_origins=[origin_of(settings.base_url)],
    # Set explicitly, so Reflex never falls back to its disk manager, which scans every stored
    # tab's file for expiry again and again (39 % of a busy process's time, see bench/).
    state_manager_mode=settings.state_manager,
    redis_url=settings.redis_url,
    # Reflex's default (1 s) printed a warning for nearly every event of an overloaded worker.
    redis_lock_warning_threshold=settings.state_lock_warning_ms,
    show_built_with_reflex=False,
    # We use no dynamic components: without this, every page imports all of Radix Themes.
    frontend_lazy_bundled_libraries=True,
    # Every text file is also stored compressed with Brotli, which browsers ask for first: the
    # scripts a phone loads are 11-13 % smaller than with gzip, the stylesheet 29 % (gzip stays for
    # older clients).
    frontend_compression_formats=["brotli", "gzip"],
    telemetry_enabled=False,
    plugins=[TrustHabitsFrontend(theme=theme)],
    disable_plugins=[SitemapPlugin],
)
