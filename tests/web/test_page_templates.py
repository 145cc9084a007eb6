"""Pages with a parameter in their path are drawn from their prerendered template
(web/page_templates.py), by the single process and by the cluster's Caddy alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from trusthabits.web.page_templates import TEMPLATES, PageTemplates, template_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("path", "template"), [
    ("/team/12", "/team/_.html"), ("/team/12/", "/team/_.html"), ("/reflect/2026-W49", "/reflect/_.html"),
    ("/team", None), ("/team/12/x", None), ("/team/abc", None), ("/team/-1", None),
    ("/reflect", None), ("/reflect/2026-W4", None), ("/_event/team/1", None), ("/api/team/1", None),
])
def test_which_paths_are_drawn_from_a_template(path, template):
    assert template_for(path) == template


def test_only_page_requests_are_rewritten_and_the_query_is_kept():
    async def echo(request):
        return PlainTextResponse(f"{request.method} {request.url.path}?{request.url.query}")

    app = Starlette(routes=[Route("/{path:path}", echo, methods=["GET", "HEAD", "POST"])])
    client = TestClient(PageTemplates(app))
    assert client.get("/team/12?x=1").text == "GET /team/_.html?x=1"
    assert client.get("/team/12/").text == "GET /team/_.html?"
    assert client.post("/team/12").text == "POST /team/12?"  # only pages are drawn from templates
    assert client.get("/teams/12").text == "GET /teams/12?"


def test_the_cluster_proxy_rewrites_the_same_paths():
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    for pattern, template in TEMPLATES:
        rule = rf"path_regexp\s+\^{re.escape(pattern.pattern)}\$\s*\n\s*rewrite @\w+ {re.escape(template)}\.html\n"
        assert re.search(rule, caddyfile), (pattern.pattern, template)
