"""Every page module declares itself and draws without a browser: a page that cannot be built
fails here in seconds, not after the production build."""

from __future__ import annotations

import pytest

import rxconfig  # noqa: F401 - the app's config, as when Reflex loads the app
from trusthabits.ui.pages import all_pages

PAGES = all_pages()


def test_every_page_module_is_registered_once():
    routes = [route for page in PAGES for route in page.routes]
    assert len(routes) == len(set(routes)) and {"/", "/trends", "/team/[team_id]", "/signin"} <= set(routes)


@pytest.mark.parametrize("page", PAGES, ids=[page.route for page in PAGES])
def test_each_page_draws(page):
    assert page.view() is not None
