"""Presenters: pure functions that turn what a service returned into the frozen, typed rows a
page shows, in the manager's language. No Reflex state, no database: each has fast tests
(tests/ui/test_presenters.py). Page states call them and only assign the result.

`tr` is the page's translate function: `tr(key, **values) -> str` (`AppState._tr`, or
`functools.partial(translate, language=...)` in a test).
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[..., str]
