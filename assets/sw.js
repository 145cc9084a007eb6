/* TrustHabits service worker: plain JavaScript, no framework.
 *
 * - Caches the app shell (Today's prerendered HTML and the scripts and styles it names) when it
 *   installs, so Today opens without a network; later visits refresh the copy (network first for
 *   pages, cache first for the content-hashed /assets/ files).
 * - Shows the daily nudge when a push message arrives, and opens Today when it is tapped.
 * Never cached: /api/ (the server answers), the event websocket, uploads, the pulse answer pages.
 */
"use strict";

const CACHE = "th-shell-v1";
const STATIC = ["/manifest.webmanifest", "/icon.svg", "/icon-192.png", "/offline.js", "/theme.css"];
const NEVER = ["/api/", "/_event", "/_upload", "/pulse/", "/_health", "/ping"];

async function precache() {
  const cache = await caches.open(CACHE);
  const page = await fetch("/", { cache: "no-store", credentials: "same-origin" });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put("/", page);
  const urls = new Set(STATIC);
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"?#]+)"/g)) urls.add(match[1]);
  await Promise.all([...urls].map(async (url) => {
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok) await cache.put(url, response);
    } catch (_) { /* one missing file must not stop the rest */ }
  }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().catch(() => undefined).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

/* Pages come from the network; only Today ("/", whatever its query) is kept for offline use.
 * Other pages are not stored: some addresses carry single-use tokens (/confirm/…, /reset-…). */
async function networkFirst(request) {
  const url = new URL(request.url);
  const today = url.pathname === "/";
  try {
    const response = await fetch(request);
    if (today && response.ok && response.type === "basic") {
      const cache = await caches.open(CACHE);
      await cache.put("/", response.clone());
    }
    return response;
  } catch (offline) {
    const cached = today ? await (await caches.open(CACHE)).match("/") : undefined;
    if (cached) return cached;
    throw offline;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  const fresh = fetch(request).then(async (response) => {
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  });
  if (cached) {
    fresh.catch(() => undefined);
    return cached;
  }
  return fresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(staleWhileRevalidate(request));
  }
});

/* Only a path on this site is ever opened from a notification. */
function sameSitePath(raw) {
  try {
    const url = new URL(raw || "/", self.location.origin);
    return url.origin === self.location.origin ? url.pathname + url.search : "/";
  } catch (_) {
    return "/";
  }
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (_) {
    data = { body: event.data ? event.data.text() : "" };
  }
  const title = typeof data.title === "string" && data.title ? data.title.slice(0, 100) : "TrustHabits";
  event.waitUntil(self.registration.showNotification(title, {
    body: typeof data.body === "string" ? data.body.slice(0, 300) : "",
    tag: typeof data.tag === "string" ? data.tag.slice(0, 64) : "nudge",
    icon: "/icon-192.png",
    badge: "/icon-192.png",
    data: { url: sameSitePath(data.url) },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = sameSitePath(event.notification.data && event.notification.data.url);
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of windows) {
      if (new URL(client.url).origin !== self.location.origin) continue;
      try { await client.focus(); } catch (_) { /* focusing needs the user's tap; navigating does not */ }
      try {
        await client.navigate(target);
        return;
      } catch (_) { /* not controlled by this worker: open a window instead */ }
    }
    await self.clients.openWindow(target);
  })());
});
