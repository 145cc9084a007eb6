"""The pages: one module per page, each holding its route, its state and its view.

A page module defines `PAGE = Page(...)` and is registered by `trusthabits/trusthabits.py`
without being named anywhere else. To add a page, copy one (outbox.py is the smallest signed-in
page, signin.py a public one), then change its route, state, load and view:

- the state subclasses `AppState` (ui/states/app.py) and has one load event, declared
  `@page_load` (signed in; the body gets `me`: the manager, their `today()`, one database
  session through `me.call`) or `@public` (signed-out pages);
- every other handler is declared `@signed_in` or `@public` (ui/events.py), with typed
  arguments;
- what the page shows is built by pure presenter functions (ui/presenters/) as frozen rows and
  only assigned by the state;
- the view draws with `app_layout` (signed in) or `public_layout`, and stateless components that
  take the state as a parameter; every text is a catalogue key (core/i18n/).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx


@dataclass(frozen=True)
class Page:
    routes: tuple[str, ...]  # the first is the page's own; more serve the same view
    view: Callable[[], rx.Component]
    on_load: Any  # the state's one load event
    title: str = "TrustHabits"

    @property
    def route(self) -> str:
        return self.routes[0]


def all_pages() -> list[Page]:
    """Every module in this package that defines PAGE, in name order."""
    pages = []
    for module in pkgutil.iter_modules(__path__):
        page = getattr(importlib.import_module(f"{__name__}.{module.name}"), "PAGE", None)
        if isinstance(page, Page):
            pages.append(page)
    return pages
