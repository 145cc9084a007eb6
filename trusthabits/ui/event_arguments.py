"""The boundary check of an event handler's arguments (used by ui/events.py's declarations and
the socket guard): each argument is checked by its annotation (`str`, `int`, `bool`, `Form`,
`MultilineText`, unions and lists of those, uploads) with `core/input_rules.py`. Anything else —
a number where text belongs, 2**63, a lone surrogate, a control character, a form that is not
flat text — raises BadInput, and the body never runs."""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import reflex as rx

from trusthabits.core import input_rules

MAX_LIST_LENGTH = 1_000
_DECIMAL = re.compile(r"^-?[0-9]{1,19}$")
# How the built frontend wraps a submitted form: {"__reflex_form_data__": [[name, value], …]}.
FORM_ENTRIES = "__reflex_form_data__"


class _Multiline:
    """Marks text that may span lines (a text area's value)."""


MultilineText = Annotated[str, _Multiline]
# What a submitted form hands its handler: field name → text (text areas included).
Form = dict[str, str]


class BadInput(ValueError):
    """An argument that no page of ours would send."""


def _checker(hint: Any) -> Callable[[Any], Any]:
    """A function that returns the value when it fits `hint`, or raises BadInput."""
    if hint is MultilineText:
        return _check_text(multiline=True)
    if hint is str:
        return _check_text(multiline=False)
    if hint is int:
        return _check_int
    if hint is bool:
        return _check_bool
    if hint is type(None):
        return _check_none
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is dict and args == (str, str):
        return _check_form
    if origin is list and args and _is_upload(args[0]):
        return _check_uploads
    if origin is list and args:
        return _check_list(_checker(args[0]))
    if origin in (types.UnionType, typing.Union):
        return _check_any_of([_checker(arg) for arg in args])
    raise TypeError(f"event argument type {hint!r} has no boundary check; use str, int, bool, Form, "
                    "MultilineText, a list or a union of those (trusthabits/ui/event_arguments.py)")


def _fails(problem: str | None) -> None:
    if problem:
        raise BadInput(problem)


def _check_text(multiline: bool) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        _fails(input_rules.text_problem(value, multiline=multiline))
        return str(value)
    return check


def _check_int(value: Any) -> int:
    # A page may send a number as text (a select's value); Reflex turns such text into an int
    # too. Only ASCII digits: int() also reads "²" … no, but it reads "١٢" and " 12 ".
    if isinstance(value, str) and _DECIMAL.match(value):
        value = int(value)
    _fails(input_rules.int_problem(value))
    return int(value)


def _check_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise BadInput(input_rules.PROBLEM)
    return value


def _check_none(value: Any) -> None:
    if value is not None:
        raise BadInput(input_rules.PROBLEM)


def _check_form(value: Any) -> dict[str, str]:
    _fails(input_rules.form_problem(value))
    return dict(value)


def _check_list(item: Callable[[Any], Any]) -> Callable[[Any], list[Any]]:
    def check(value: Any) -> list[Any]:
        if not isinstance(value, list) or len(value) > MAX_LIST_LENGTH:
            raise BadInput(input_rules.PROBLEM)
        return [item(element) for element in value]
    return check


def _check_any_of(options: list[Callable[[Any], Any]]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        for option in options:
            try:
                return option(value)
            except BadInput:
                continue
        raise BadInput(input_rules.PROBLEM)
    return check


def _is_upload(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, rx.UploadFile)


def _check_uploads(value: Any) -> Any:
    # Reflex builds these itself from a multipart upload to /_upload; over the websocket a
    # crafted client can only send JSON, which is never a file.
    if not isinstance(value, list) or not all(isinstance(item, rx.UploadFile) for item in value):
        raise BadInput(input_rules.PROBLEM)
    return value


@dataclass(frozen=True)
class Arguments:
    """The checked parameters of one handler (without `self` and `me`)."""

    checks: dict[str, Callable[[Any], Any]]
    required: frozenset[str]

    def clean(self, payload: dict[str, Any]) -> dict[str, Any]:
        if not self.required <= payload.keys() or not payload.keys() <= self.checks.keys():
            raise BadInput(input_rules.PROBLEM)
        return {name: self.checks[name](value) for name, value in payload.items()}


def arguments_of(fn: Callable[..., Any], skip: int) -> tuple[Arguments, inspect.Signature]:
    """The checks for `fn`'s arguments after the first `skip` ones, and the signature the browser
    sees (`self` and the checked arguments; `me` is ours to give)."""
    signature = inspect.signature(fn)
    hints = typing.get_type_hints(fn, include_extras=True)
    parameters = list(signature.parameters.values())
    handed = parameters[skip:]
    for parameter in handed:
        if parameter.name not in hints:
            raise TypeError(f"{fn.__qualname__}: annotate argument {parameter.name!r} so it can be checked")
    arguments = Arguments(
        checks={p.name: _checker(hints[p.name]) for p in handed},
        required=frozenset(p.name for p in handed if p.default is inspect.Parameter.empty),
    )
    return arguments, signature.replace(parameters=[parameters[0], *handed])


def unwrapped_form(value: Any) -> Any:
    """A form as the frontend wraps it, as the flat mapping Reflex makes of it; else `value`."""
    if not isinstance(value, dict) or FORM_ENTRIES not in value:
        return value
    entries = value[FORM_ENTRIES]
    if len(value) != 1 or not isinstance(entries, list) or len(entries) > input_rules.MAX_FORM_FIELDS or not all(
            isinstance(entry, list) and len(entry) == 2 for entry in entries):
        raise BadInput(input_rules.PROBLEM)
    return dict(entries)
