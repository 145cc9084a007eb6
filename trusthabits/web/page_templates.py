"""Pages with a parameter in their path (/team/12, /reflect/2026-W49) are prerendered once, at a
template path, and every such path is served from it. A phone then paints the page's frame
(navigation, headings, in the reader's language) before any script has run, as it does on every
other page; without this, such a path gets the single-page fallback, which paints nothing until
the scripts have loaded. The page reads its parameter from the address bar once it runs, never
from the file it was drawn from.

`frontend_build` prerenders `TEMPLATE_PATHS`; `PageTemplates` (in `harden`) serves them to the
single process; deploy/Caddyfile does the same rewrite for the cluster (a test compares the two).
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

# The address a page is asked for → the prerendered file that draws it. Written so that Caddy's
# path_regexp reads them the same (no braces: a Caddyfile takes those for placeholders); the
# page itself checks its parameter.
TEMPLATES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/team/[0-9]+/?"), "/team/_"),
    (re.compile(r"/reflect/[0-9][0-9][0-9][0-9]-W[0-9][0-9]/?"), "/reflect/_"),
)
TEMPLATE_PATHS = tuple(template for _, template in TEMPLATES)


def template_for(path: str) -> str | None:
    """The prerendered file that draws this path. Asked for by its file name: a static file
    server would answer the template's own path with a redirect to it, changing the address."""
    return next((f"{template}.html" for pattern, template in TEMPLATES if pattern.fullmatch(path)), None)


class PageTemplates:
    """Serves a page request for a path with a parameter from that page's prerendered template."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD") and (
                template := template_for(scope["path"])) is not None:
            scope = {**scope, "path": template, "raw_path": template.encode()}
        await self.app(scope, receive, send)
