"""The daily nudge in Chromium at 390×844 on the production build: the Settings form persists;
with notification permission granted through the browser context, a push delivered to the
service worker through the DevTools Protocol shows a notification, and its click opens Today."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect
from sqlmodel import Session

from tests.e2e.conftest import PHONE, unique_email
from tests.e2e.helpers import at_path, create_manager, open_page, sign_in
from trusthabits.db.models import HabitPrefs


def test_the_nudge_settings_persist(page: Page, app_server):
    email = unique_email("nudge")
    profile = create_manager(app_server, email, name="Noor")
    sign_in(page, app_server, email)
    expect(page).to_have_url(at_path(app_server, "/"))
    open_page(page, f"{app_server.base_url}/settings")
    form = page.locator("#nudge-form")
    form.locator("[name=nudge_enabled]").check()
    form.locator("#nudge_time").fill("07:45")
    form.locator("[name=nudge_day_0]").uncheck()
    form.locator("[name=nudge_day_5]").check()
    form.get_by_role("button", name="Set nudge").click()
    expect(form.get_by_text("Saved. Your nudge is on.")).to_be_visible()
    # Without a day it is refused, in the manager's language.
    for day in (1, 2, 3, 4, 5):
        form.locator(f"[name=nudge_day_{day}]").uncheck()
    form.get_by_role("button", name="Set nudge").click()
    expect(form.get_by_text("Pick at least one day.")).to_be_visible()

    page.reload()
    page.wait_for_selector("html[data-ready='1']")
    expect(form.locator("[name=nudge_enabled]")).to_be_checked()
    expect(form.locator("#nudge_time")).to_have_value("07:45")
    expect(form.locator("[name=nudge_day_0]")).not_to_be_checked()
    expect(form.locator("[name=nudge_day_5]")).to_be_checked()
    with Session(app_server.engine) as session:
        prefs = session.get(HabitPrefs, profile.id)
        assert (prefs.nudge_time, prefs.nudge_days) == ("07:45", "12345")


def test_a_push_to_the_service_worker_shows_a_notification_whose_click_opens_today(browser, app_server):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="en-GB")
    context.set_default_timeout(15_000)
    context.grant_permissions(["notifications"], origin=app_server.base_url)
    try:
        page = context.new_page()
        email = unique_email("push")
        create_manager(app_server, email, name="Pim")
        sign_in(page, app_server, email)
        expect(page).to_have_url(at_path(app_server, "/"))
        assert page.evaluate("Notification.permission") == "granted"
        page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null",
                               timeout=20_000)

        # The Settings button asks this browser for a subscription. Headless Chromium has no push
        # service (Chrome's is Google's, over the internet), so the page says the nudge comes by
        # mail; a real phone gets a subscription here (see the README).
        open_page(page, f"{app_server.base_url}/settings")
        page.locator("#allow-notifications").click()
        expect(page.locator("#push-message")).to_have_text(
            "Notifications are not available here (they need https, and on an iPhone the app on your home "
            "screen). Your nudge comes by mail.", timeout=30_000)

        cdp = context.new_cdp_session(page)
        registrations: list[dict] = []
        cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: registrations.extend(event["registrations"]))
        cdp.send("ServiceWorker.enable")
        page.wait_for_function("true")  # let the registration event arrive
        deadline = 50
        while not any(r["scopeURL"] == app_server.base_url + "/" for r in registrations) and deadline:
            page.wait_for_timeout(100)
            deadline -= 1
        registration = next(r for r in registrations if r["scopeURL"] == app_server.base_url + "/")
        message = {"title": "TrustHabits", "body": "Today: nothing logged yet. One small act of Courage?",
                   "url": "/?from=nudge", "tag": "nudge-test"}
        cdp.send("ServiceWorker.deliverPushMessage", {"origin": app_server.base_url,
                                                       "registrationId": registration["registrationId"],
                                                       "data": json.dumps(message)})
        shown = None
        for _ in range(150):
            shown = page.evaluate(
                "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => ns.length ? "
                "ns.map(n => ({title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url})) : null)")
            if shown:
                break
            page.wait_for_timeout(100)
        assert shown == [{"title": "TrustHabits", "body": message["body"], "tag": "nudge-test",
                          "url": "/?from=nudge"}]

        # The tap on the notification: the worker's own notificationclick handler, run by an event
        # dispatched inside the worker (no browser API clicks a system notification).
        (worker,) = [w for w in context.service_workers if w.url.endswith("/sw.js")]
        worker.evaluate("self.registration.getNotifications().then(ns => self.dispatchEvent("
                        "new NotificationEvent('notificationclick', {notification: ns[0]})))")
        expect(page).to_have_url(at_path(app_server, "/?from=nudge"), timeout=15_000)
        expect(page.locator(".behaviour-tile[data-behaviour='courage']")).to_be_visible()
        expect(page.locator("#greeting")).to_have_text("Good to see you, Pim.")
        remaining = page.evaluate("navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => ns.length)")
        assert remaining == 0  # the click closed it
    finally:
        context.close()
