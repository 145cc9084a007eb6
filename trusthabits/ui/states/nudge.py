"""The daily nudge on Settings, as a state mixin: the time and days, and this browser's
permission to show it (a Web Push subscription made by assets/offline.js's `thPush`)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.config import get_settings
from trusthabits.core import clock
from trusthabits.core.errors import FieldErrors
from trusthabits.services import nudge
from trusthabits.ui.events import Form, Me, signed_in


class NudgeMixin(rx.State, mixin=True):
    nudge_enabled: bool = False
    nudge_time: str = "09:00"
    nudge_days: list[str] = []
    nudge_devices: int = 0
    nudge_errors: dict[str, str] = {}
    nudge_saved: str = ""
    push_message: str = ""
    nudge_form_key: int = 0

    def _show_nudge(self, form: nudge.NudgeForm) -> None:
        self.nudge_enabled, self.nudge_time = form.enabled, form.time
        self.nudge_days, self.nudge_devices = [str(day) for day in form.days], form.devices
        self.nudge_form_key += 1

    def _load_nudge(self, me: Me) -> None:
        self.nudge_errors, self.nudge_saved, self.push_message = {}, "", ""
        self._show_nudge(me.call(nudge.get_nudge, me.id))

    @signed_in
    def save_nudge(self, me: Me, form: Form) -> None:
        try:
            saved = me.call(nudge.update_nudge, me.id, enabled=form.get("nudge_enabled", "") == "on",
                            time=form.get("nudge_time", ""),
                            days=[str(day) for day in range(7) if form.get(f"nudge_day_{day}", "") == "on"],
                            now=clock.now())
        except FieldErrors as invalid:
            self.nudge_errors = {k: self._tr(v) for k, v in invalid.errors.items()}
            self.nudge_saved = ""
            return
        self._show_nudge(saved)
        self.nudge_errors = {}
        self.nudge_saved = self._tr("nudge.saved" if saved.enabled else "nudge.saved_off")

    @signed_in
    def allow_notifications(self, me: Me) -> Any:
        """Ask this browser for permission and a push subscription (assets/offline.js), then
        store it through `save_subscription`."""
        key = nudge.application_server_key(get_settings().data_dir)
        self.push_message = ""
        return rx.call_script(f"window.thPush ? window.thPush.subscribe({key!r}) : {{error: 'unsupported'}}",
                              callback=type(self).save_subscription)

    @signed_in
    def save_subscription(self, me: Me, result: Form) -> None:
        if not isinstance(result, dict) or "endpoint" not in result:
            problem = result.get("error", "") if isinstance(result, dict) else ""
            self.push_message = self._tr("nudge.push_denied" if problem == "denied" else "nudge.push_unavailable")
            return
        try:
            me.call(nudge.subscribe, me.id, endpoint=result.get("endpoint", ""), p256dh=result.get("p256dh", ""),
                    auth=result.get("auth", ""), allow_private=get_settings().push_private_endpoints,
                    now=clock.now())
        except FieldErrors as invalid:
            self.push_message = self._tr(next(iter(invalid.errors.values())))
            return
        self._show_nudge(me.call(nudge.get_nudge, me.id))
        self.push_message = self._tr("nudge.push_on")
