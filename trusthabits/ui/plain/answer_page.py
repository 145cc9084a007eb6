"""The answer page a team member opens from the pulse mail, as plain HTML from the server.

No account, no script, one request: the questions are in the first response, in the team's
language, so a phone on a slow network shows them at once (the Reflex app would first load its
scripts and ask the server over a websocket). The form posts back to the same address; the
server checks everything again and answers with the thank-you page, the form with what is
missing (nothing typed is lost), or why the link cannot be used. The token in the URL is the
only credential and is compared by hash only (services/pulse_answers.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from functools import partial
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

from trusthabits.core import clock
from trusthabits.core.i18n import negotiate, translate
from trusthabits.core.input_rules import text_problem
from trusthabits.core.instrument import MAX_COMMENT_LENGTH, SCALE_MAX, SCALE_MIN, InvalidAnswers
from trusthabits.db.engine import new_session
from trusthabits.services import pulse_answers
from trusthabits.services.pulse_answers import PulseForm, PulseRefused
from trusthabits.ui.plain.page import document

Translate = Callable[..., str]
SCALE = [str(value) for value in range(SCALE_MIN, SCALE_MAX + 1)]
MAX_FORM_BYTES = 64 * 1024  # seven small numbers and a comment of at most a thousand characters
# Why a link is refused → the icon-free message's catalogue keys.
REFUSALS = ("used", "closed", "unknown")


def _question(key: str, text: str, chosen: str | None, missing: bool, tr: Translate) -> str:
    tiles = "".join(
        f'<label class="tile"><input type="radio" name="{escape(key)}" value="{value}"'
        f'{" checked" if value == chosen else ""}><span>{value}</span></label>'
        for value in SCALE
    )
    return (
        f'<fieldset data-item="{escape(key)}"{" class=missing" if missing else ""}>'
        f"<legend>{escape(text)}</legend><div class=tiles>{tiles}</div>"
        f'<div class=scale><span>{escape(tr("pulse.scale_low"))}</span>'
        f'<span>{escape(tr("pulse.scale_high"))}</span></div></fieldset>'
    )


def form_page(form: PulseForm, tr: Translate, chosen: Mapping[str, str] | None = None, comment: str = "",
              missing: tuple[str, ...] = (), problem: str = "") -> str:
    """The questions, with what was chosen so far and, after a refused submit, what is missing."""
    chosen = chosen or {}
    manager = form.manager_name
    questions = "".join(_question(key, text, chosen.get(key), key in missing, tr) for key, text in form.items)
    alert = f'<p class=alert role=alert>{escape(problem)}</p>' if problem else ""
    more = (f'<p class=muted><a id=public-page href="/anonymity/{escape(form.public_id)}">'
            f'{escape(tr("pulse.how_more", manager=manager))}</a></p>') if form.public_id else ""
    # No mail server: the manager handed the links out and could read them all. Say so, plainly.
    by_hand = (
        f'<div class=notice id=by-hand role=note><strong>{escape(tr("pulse.by_hand_title", manager=manager))}'
        f'</strong><p>{escape(tr("pulse.by_hand_body", manager=manager, k=form.k))}</p></div>'
    ) if form.links_by_hand else ""
    body = (
        f'<h1>{escape(tr("pulse.title", manager=manager))}</h1>'
        f'<p class=muted>{escape(tr("pulse.intro", team=form.team_name, week=form.iso_week))}</p>'
        f'{by_hand}'
        f'<details><summary>{escape(tr("pulse.anonymous"))} <u>{escape(tr("pulse.how"))}</u></summary>'
        f'<p class=muted id=how-anonymous>{escape(tr("pulse.how_body", manager=manager, k=form.k))}</p>{more}'
        '</details>'
        # rel=noreferrer: this page's address is the member's token; it must not travel as a Referer.
        f'<p class=muted><a href="/privacy" rel=noreferrer id=privacy-link>{escape(tr("privacy.link"))}</a></p>'
        f'<form method=post id=pulse-form novalidate>{questions}'
        f'<label for=comment class=comment-label>{escape(tr("pulse.comment_label", manager=manager))}</label>'
        f'<textarea id=comment name=comment rows=3 maxlength={MAX_COMMENT_LENGTH}>{escape(comment)}</textarea>'
        f'{alert}<button type=submit>{escape(tr("pulse.submit"))}</button></form>'
    )
    return document(form.language, tr("pulse.title", manager=manager), body)


def message_page(language: str, title_key: str, body_key: str) -> str:
    tr = partial(translate, language=language)
    body = f'<div id=pulse-message><h1>{escape(tr(title_key))}</h1><p>{escape(tr(body_key))}</p></div>'
    return document(language, tr(title_key), body)


def _refusal(language: str, reason: str) -> str:
    reason = reason if reason in REFUSALS else "unknown"
    return message_page(language, f"pulse.{reason}_title", f"pulse.{reason}_body")


def _in_session(fn: Callable[..., object], *args: object) -> object:
    with new_session() as session:
        return fn(session, *args)


async def _service(fn: Callable[..., object], *args: object) -> object:
    return await asyncio.to_thread(_in_session, fn, *args)


def _html(text: str, status: int = 200) -> HTMLResponse:
    # Each link is personal: never kept by a browser or a proxy.
    # Each link is personal: never kept by a browser or a proxy.
    headers = {"Cache-Control": "no-store"}
    return HTMLResponse(text, status_code=status, headers=headers)


async def _refused(request: Request, token: str, reason: str) -> HTMLResponse:
    language = await _service(pulse_answers.team_language, token)
    fallback = negotiate(request.headers.get("accept-language"))
    return _html(_refusal(str(language) if language else fallback, reason), status=200)


async def answer_page(request: Request) -> HTMLResponse:
    """GET shows the questions; POST stores the answers (or says what is missing)."""
    token = request.path_params["token"]
    try:
        form = await _service(pulse_answers.open_pulse, token, clock.now())
    except PulseRefused as refused:
        return await _refused(request, token, refused.reason)
    assert isinstance(form, PulseForm)
    tr = partial(translate, language=form.language)
    if request.method != "POST":
        return _html(form_page(form, tr))
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        return _html(form_page(form, tr, problem=tr("error.bad_input")), status=413)
    submitted = await request.form(max_files=0, max_fields=len(form.items) + 4)
    fields = {key: value for key, value in submitted.items() if isinstance(value, str)}
    comment = fields.pop("comment", "")
    chosen = {key: value for key, value in fields.items() if not text_problem(value)}
    try:
        await _service(pulse_answers.submit_pulse, token, chosen, comment, clock.now())
    except InvalidAnswers as invalid:
        problem = tr("pulse.incomplete", count=len(invalid.missing)) if invalid.missing else tr(invalid.key)
        return _html(form_page(form, tr, chosen, comment, tuple(invalid.missing), problem), status=422)
    except PulseRefused as refused:
        return _html(_refusal(form.language, refused.reason))
    return _html(message_page(form.language, "pulse.thanks_title", "pulse.thanks_body"))
