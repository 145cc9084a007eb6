"""Declared events: every event handler says who may call it, and its arguments are checked at
the boundary before its body runs.

    class HabitsState(AppState):
        @page_load                      # a signed-in page's one load event
        def load(self, me: Me) -> None:
            self.rows = habit_rows(me.call(habits.strengths, me.id), me.today(), self._tr)

        @signed_in                      # checks the session once, then hands over the manager
        def add_pause(self, me: Me, form: Form) -> None:
            me.call(habits.add_pause, me.id, ...)

        @public                         # no session needed (UI-only toggles, signed-out pages)
        def flip_needs(self) -> None: ...

A plain `def` body runs in one worker thread with one database session (`me.call(service,
*args)` calls `service(me.db, *args)` there), so a handler never stalls the event loop other
browsers share and never opens a second session. Write `async def` only when the body must yield
an update halfway or reach another state; it then calls services with `await me.run(service,
*args)`, which runs in the event's own single worker thread and session too.

Arguments are checked by their annotations (`str`, `int`, `bool`, `Form`, `MultilineText`,
unions and lists of those, uploads; ui/event_arguments.py). Anything else never reaches the body:
the page shows a translated message instead (`ProblemState`). A fast test
(tests/ui/test_events.py) fails on any handler that is neither `@signed_in`/`@page_load` nor
`@public`.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import typing
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from time import perf_counter
from typing import Any, Protocol, TypeVar

import reflex as rx
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from trusthabits.adapters import metrics
from trusthabits.core import clock, input_rules
from trusthabits.core.errors import Refused
from trusthabits.core.i18n import LANGUAGES
from trusthabits.db.engine import new_session
from trusthabits.services import accounts
from trusthabits.services.accounts import Profile
from trusthabits.ui.event_arguments import (  # noqa: F401 - Form and MultilineText are the pages' annotations
    Arguments,
    BadInput,
    Form,
    MultilineText,
    arguments_of,
    unwrapped_form,
)

T = TypeVar("T")
log = logging.getLogger("trusthabits.events")
DECLARED = "_trusthabits_declared"  # "signed_in", "page_load" or "public", set on each handler
ARGUMENTS = "_trusthabits_arguments"  # the checks of a declared handler, for the socket guard


@dataclass
class Me:
    """The signed-in manager and the one database session of this event."""

    profile: Profile
    db: Session
    token: str = field(default="", repr=False)  # this browser's session (sign-out revokes it)
    _executor: ThreadPoolExecutor | None = field(default=None, repr=False)

    @property
    def id(self) -> int:
        return self.profile.id

    def today(self) -> date:
        """The manager's calendar day now, in their own time zone (no database needed)."""
        return clock.today_in(self.profile.time_zone)

    def call(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`service(db, *args)` from a plain-`def` body (already in the event's worker thread).
        A failed call rolls back what it left unfinished, so the next call starts clean."""
        try:
            return service(self.db, *args, **kwargs)
        except BaseException:
            self.db.rollback()
            raise

    async def run(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`service(db, *args)` from an `async def` body, in the event's one worker thread."""
        return await self.in_thread(self.call, service, *args, **kwargs)

    async def in_thread(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`fn(*args)` in the event's one worker thread, from an `async def` body: for a page's
        own plain-def helper that calls `me.call` (e.g. `await me.in_thread(self._refresh, me)`)."""
        if self._executor is None:
            raise RuntimeError("me.run and me.in_thread are for async handlers; a plain def calls me.call")
        call = functools.partial(fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)


class PageState(Protocol):
    """What the declarations need from the state they decorate (AppState provides it)."""

    async def _session_token(self) -> str: ...
    async def _show_session(self, profile: Profile | None) -> None: ...
    async def _show_problem(self, key: str) -> None: ...
    def _to_signin(self) -> Any: ...
    def _set_language(self, lang: str) -> Any: ...


# --- the declarations -------------------------------------------------------------------------


def _timed(wrapper: Callable[..., Any], name: str) -> Callable[..., Any]:
    """The handler, timed into /metrics (`trusthabits_event_handler_seconds{handler=name}`)."""
    if inspect.isasyncgenfunction(wrapper):
        async def timed_stream(self: Any, **payload: Any) -> AsyncIterator[Any]:
            start = perf_counter()
            try:
                async for update in wrapper(self, **payload):
                    yield update
            finally:
                metrics.observe_event(name, perf_counter() - start)
        return timed_stream

    async def timed(self: Any, **payload: Any) -> Any:
        start = perf_counter()
        try:
            return await wrapper(self, **payload)
        finally:
            metrics.observe_event(name, perf_counter() - start)
    return timed


def _declare(kind: str, wrapper: Callable[..., Any], fn: Callable[..., Any], signature: inspect.Signature,
             arguments: Arguments) -> Any:
    wrapper = _timed(wrapper, fn.__qualname__)
    functools.update_wrapper(wrapper, fn)
    setattr(wrapper, ARGUMENTS, arguments)
    del wrapper.__wrapped__  # Reflex must see the browser's signature, not the body's
    wrapper.__signature__ = signature  # type: ignore[attr-defined]
    hints = typing.get_type_hints(fn)
    wrapper.__annotations__ = {name: hints[name] for name in list(signature.parameters)[1:]}
    setattr(wrapper, DECLARED, kind)
    return rx.event(wrapper)


async def _refuse(state: PageState, problem: BadInput) -> None:
    await state._show_problem(str(problem))


@dataclass(frozen=True)
class _Failed:
    key: str


def _failure(error: Exception) -> _Failed | None:
    """What the page says when a body fails in a way a hostile or stale page can cause: a thing
    that is not (or no longer) the manager's, a refused action, a database that failed. The
    page stays usable with a translated message. Anything else is a bug and raises."""
    if isinstance(error, Refused):
        return _Failed(error.key)
    if isinstance(error, LookupError):
        return _Failed("error.not_found")
    if isinstance(error, SQLAlchemyError):
        log.exception("a database error in an event handler")
        return _Failed("error.database")
    return None


def public(fn: Callable[..., Any]) -> Any:
    """A handler anyone may call (signed-out pages, UI-only toggles). Arguments are checked."""
    arguments, signature = arguments_of(fn, skip=1)
    if inspect.isasyncgenfunction(fn):
        async def stream(self: Any, **payload: Any) -> AsyncIterator[Any]:
            try:
                clean = arguments.clean(payload)
            except BadInput as problem:
                await _refuse(self, problem)
                return
            async for update in fn(self, **clean):
                yield update
        return _declare("public", stream, fn, signature, arguments)

    async def handle(self: Any, **payload: Any) -> Any:
        try:
            clean = arguments.clean(payload)
        except BadInput as problem:
            await _refuse(self, problem)
            return None
        try:
            result = fn(self, **clean)
            return await result if inspect.isawaitable(result) else result
        except Exception as error:
            if (failed := _failure(error)) is None:
                raise
            await self._show_problem(failed.key)
            return None
    return _declare("public", handle, fn, signature, arguments)


def _resolve(token: str, db: Session) -> Profile | None:
    return accounts.resolve_session(db, token) if token else None


def speak_as(state: Any, profile: Profile) -> None:
    """A page load's texts are made in the manager's language: a tab's first load would
    otherwise make them in the default language, before `admit` switches the page."""
    if profile.locale in LANGUAGES and state.lang != profile.locale:
        state.lang = profile.locale


def _signed_in(fn: Callable[..., Any], kind: str) -> Any:
    arguments, signature = arguments_of(fn, skip=2)
    loads_page = kind == "page_load"

    async def admit(self: PageState, profile: Profile | None) -> Any:
        """After the session check: what a page load adds (who is signed in, their language)."""
        if loads_page:
            await self._show_session(profile)
        if profile is None:
            return self._to_signin()
        return self._set_language(profile.locale) if loads_page else None

    def joined(*events: Any) -> list[Any]:
        flat: list[Any] = []
        for event in events:
            if isinstance(event, (list, tuple)):
                flat.extend(e for e in event if e is not None)
            elif event is not None:
                flat.append(event)
        return flat

    if not (inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn)):
        async def handle(self: Any, **payload: Any) -> Any:
            try:
                clean = arguments.clean(payload)
            except BadInput as problem:
                await _refuse(self, problem)
                return None
            token = await self._session_token()

            def work() -> tuple[Profile | None, Any]:
                with new_session() as db:
                    profile = _resolve(token, db)
                    if profile is None:
                        return None, None
                    if loads_page:
                        speak_as(self, profile)
                    try:
                        return profile, fn(self, Me(profile, db, token), **clean)
                    except Exception as error:
                        db.rollback()
                        if (failed := _failure(error)) is None:
                            raise
                        return profile, failed

            profile, events = await asyncio.to_thread(work)
            admitted = await admit(self, profile)
            if isinstance(events, _Failed):
                await self._show_problem(events.key)
                return admitted
            return admitted if profile is None else joined(admitted, events)
        return _declare(kind, handle, fn, signature, arguments)

    async def stream(self: Any, **payload: Any) -> AsyncIterator[Any]:
        try:
            clean = arguments.clean(payload)
        except BadInput as problem:
            await _refuse(self, problem)
            return
        token = await self._session_token()
        loop = asyncio.get_running_loop()
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="event")
        db = new_session()
        try:
            profile = await loop.run_in_executor(executor, _resolve, token, db)
            admitted = await admit(self, profile)
            if profile is None:
                yield admitted
                return
            if loads_page:
                speak_as(self, profile)
            me = Me(profile, db, token, executor)
            first = True
            try:
                if inspect.isasyncgenfunction(fn):
                    async for update in fn(self, me, **clean):
                        yield joined(admitted, update) if first else update
                        first = False
                else:
                    yield joined(admitted, await fn(self, me, **clean))
                    first = False
                await loop.run_in_executor(executor, db.finish)
            except Exception as error:
                await loop.run_in_executor(executor, db.rollback)
                if (failed := _failure(error)) is None:
                    raise
                await self._show_problem(failed.key)
            if first and admitted is not None:
                yield admitted
        finally:
            await loop.run_in_executor(executor, db.close)
            executor.shutdown(wait=False)
    return _declare(kind, stream, fn, signature, arguments)


def signed_in(fn: Callable[..., Any]) -> Any:
    """A handler for the signed-in manager only: the session is checked once (a missing or
    expired one redirects to sign-in and the body never runs); the body gets `me: Me`."""
    return _signed_in(fn, "signed_in")


def page_load(fn: Callable[..., Any]) -> Any:
    """A signed-in page's one load event: like `signed_in`, and it also shows who is signed in
    and switches the page to the manager's language."""
    return _signed_in(fn, "page_load")


def payload_problem(handler: Any, payload: Any) -> str | None:
    """None when a declared handler would take this payload from the socket; else the message
    key. The socket guard asks before Reflex touches the payload, so a hostile one never reaches
    Reflex's own conversions (which log the whole value when they fail)."""
    arguments = getattr(getattr(handler, "fn", handler), ARGUMENTS, None)
    if arguments is None or not isinstance(payload, dict):
        return input_rules.PROBLEM
    try:
        arguments.clean({name: unwrapped_form(value) for name, value in payload.items()})
    except BadInput as problem:
        return str(problem)
    return None


def declaration(handler: Any) -> str | None:
    """How a handler was declared ("signed_in", "page_load", "public"), or None."""
    fn = getattr(handler, "fn", handler)
    return getattr(fn, DECLARED, None)
