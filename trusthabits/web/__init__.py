"""The app's HTTP edge: ASGI middleware in front of everything Reflex serves (pages, scripts,
styles, /api/*, /_upload and the event websocket).

`harden` is given to Reflex as the last `api_transformer`, so it wraps the whole backend app,
including the static frontend the production server serves itself:

- `headers.SecurityHeaders`: CSP, frame-ancestors / X-Frame-Options, Referrer-Policy, nosniff,
  Permissions-Policy, HSTS under https;
- `origins.OriginGuard`: a websocket or a state-changing request from another site's page is
  refused (the app's own origin is TRUSTHABITS_BASE_URL or the Host the request was sent to);
- `event_path.EventPathGuard`: /_event takes websockets only (plain HTTP there: 400);
- `upload_guard.UploadGuard`: /_upload refuses a request without a valid session or over the
  size limit before its body is read;
- `page_templates.PageTemplates`: /team/12 and /reflect/2026-W49 are drawn from their page's
  prerendered template.
"""

from __future__ import annotations

from starlette.types import ASGIApp

from trusthabits.config import get_settings
from trusthabits.web.event_path import EventPathGuard
from trusthabits.web.headers import SecurityHeaders
from trusthabits.web.origins import OriginGuard
from trusthabits.web.page_templates import PageTemplates
from trusthabits.web.upload_guard import UploadGuard


def harden(app: ASGIApp) -> ASGIApp:
    from trusthabits.ui.states.app import SESSION_COOKIE

    settings = get_settings()
    guarded = UploadGuard(EventPathGuard(PageTemplates(app)), cookie_name=SESSION_COOKIE)
    guarded = OriginGuard(guarded, base_url=settings.base_url)
    return SecurityHeaders(guarded, https=settings.base_url.startswith("https://"))
