"""The team's public "how anonymous?" page (/anonymity/<public id>), plain HTML from the server
like the answer page: no sign-in, no script, one request, in the team's language.

It says what is stored for each answer, the team's k and reporting period, whether the links
were handed out by hand, and a dated list (a date, never a time) of what the manager did with
results. It shows no results. The public id is random and not the team id, so the page cannot
be found by counting; an unknown id gets the same "does not exist" page as a malformed one.
"""

from __future__ import annotations

import asyncio
from functools import partial
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

from trusthabits.core.i18n import negotiate, translate
from trusthabits.db.engine import new_session
from trusthabits.services import team_events
from trusthabits.services.team_events import PublicTeamPage
from trusthabits.ui.plain.page import document


def _load(public_id: str) -> PublicTeamPage | None:
    with new_session() as session:
        return team_events.public_page(session, public_id)


def render(page: PublicTeamPage) -> str:
    tr = partial(translate, language=page.language)
    manager = page.manager_name

    def line(key: str, **values: object) -> str:
        return f"<li>{escape(tr(key, **values))}</li>"

    events = "".join(
        f"<li>{escape(tr(f'public.event.{kind}', day=day.isoformat(), week=week))}</li>"
        for day, kind, week in page.events if kind in team_events.KINDS
    ) or f"<li>{escape(tr('public.events_none'))}</li>"
    by_hand = f'<p class=notice id=by-hand>{escape(tr("public.by_hand", manager=manager))}</p>' \
        if page.links_by_hand else ""
    body = (
        f'<h1>{escape(tr("public.title", team=page.team_name))}</h1>'
        f'<p class=muted>{escape(tr("public.intro", team=page.team_name))}</p>{by_hand}'
        f'<h2>{escape(tr("public.stored_title"))}</h2><ul id=stored>'
        f'{line("public.stored_link")}{line("public.stored_held")}{line("public.stored_closed")}</ul>'
        f'<h2>{escape(tr("public.rules_title", manager=manager))}</h2><ul id=rules>'
        f'{line("public.rule_open")}{line("public.rule_k", k=page.k)}'
        f'{line("public.rule_period", weeks=page.reporting_weeks)}</ul>'
        f'<h2>{escape(tr("public.events_title", manager=manager))}</h2><ul id=events>{events}</ul>'
    )
    return document(page.language, tr("public.title", team=page.team_name), body)


async def team_page(request: Request) -> HTMLResponse:
    page = await asyncio.to_thread(_load, request.path_params["public_id"])
    headers = {"Cache-Control": "no-store"}
    if page is None:
        language = negotiate(request.headers.get("accept-language"))
        tr = partial(translate, language=language)
        body = (f'<div id=pulse-message><h1>{escape(tr("public.unknown_title"))}</h1>'
                f'<p>{escape(tr("public.unknown_body"))}</p></div>')
        return HTMLResponse(document(language, tr("public.unknown_title"), body), status_code=404, headers=headers)
    return HTMLResponse(render(page), headers=headers)
