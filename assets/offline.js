/* TrustHabits in the browser, without a connection: plain JavaScript, no framework.
 *
 * - Registers the service worker (assets/sw.js) that keeps Today available offline.
 * - A behaviour tile tapped while offline (or while the page cannot reach the server) is kept in
 *   IndexedDB with a random uid and listed as "saved on this phone, will sync", with Undo. When
 *   the connection is back each waiting tap is sent to POST /api/actions (the session cookie
 *   says whose it is; the uid makes a retry log once) and leaves the list.
 * - A home-screen shortcut opens /?log=<behaviour>: the address loses its ?log= at once (so a
 *   reload logs nothing), then the tile is tapped for the manager: the usual confirmation with
 *   Undo, or a waiting tap when offline.
 * Texts come from the page (#offline-texts, built from the message catalogue).
 */
(function () {
  "use strict";

  var DB_NAME = "trusthabits", STORE = "taps";
  var syncing = false;

  // Registered a little after the page has loaded and gone quiet: installing the worker fetches
  // Today's scripts once more for its cache, which must not compete with the first paint.
  function registerWorker() {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* no worker: still works online */ });
  }
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      setTimeout(function () {
        if (window.requestIdleCallback) window.requestIdleCallback(registerWorker, { timeout: 5000 });
        else registerWorker();
      }, 3000);
    });
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "uid" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function allTaps() {
    return withStore("readonly", function (store) { return store.getAll(); }).then(function (taps) {
      return (taps || []).sort(function (a, b) { return a.tapped_at - b.tapped_at; });
    });
  }
  function saveTap(tap) { return withStore("readwrite", function (store) { store.put(tap); }); }
  function dropTap(uid) { return withStore("readwrite", function (store) { store.delete(uid); }); }

  function newUid() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function offline() {
    return navigator.onLine === false || !!document.getElementById("connection-lost");
  }

  function texts() {
    var holder = document.getElementById("offline-texts");
    if (!holder) return null;
    try {
      var all = JSON.parse(holder.getAttribute("data-texts") || "{}");
      return all[document.documentElement.lang] || all.en || null;
    } catch (_) {
      return null;
    }
  }

  function render() {
    if (!document.getElementById("offline-texts") && !document.getElementById("offline-queue")) {
      return Promise.resolve();  // not on Today: nothing to show
    }
    return allTaps().then(function (taps) {
      var words = texts();
      var panel = document.getElementById("offline-queue");
      if (!taps.length || !words) {
        if (panel) panel.remove();
        return;
      }
      if (!panel) {
        panel = document.createElement("section");
        panel.id = "offline-queue";
        panel.className = "offline-queue";
        panel.setAttribute("role", "status");
        panel.setAttribute("aria-label", words.waiting);
        document.body.appendChild(panel);
      }
      panel.replaceChildren.apply(panel, taps.map(function (tap) {
        var row = document.createElement("div");
        row.className = "offline-tap";
        row.setAttribute("data-uid", tap.uid);
        row.setAttribute("data-behaviour", tap.behaviour);
        var label = document.createElement("span");
        label.textContent = (words.names[tap.behaviour] || tap.behaviour) + ": " + words.saved;
        var undo = document.createElement("button");
        undo.type = "button";
        undo.className = "offline-undo";
        undo.textContent = words.undo;
        undo.addEventListener("click", function () { dropTap(tap.uid).then(render); });
        row.append(label, undo);
        return row;
      }));
    }).catch(function () { /* no IndexedDB (private mode): nothing to show */ });
  }

  // Who was signed in when a tap was made (Today names the manager once its data arrived; the
  // phone remembers the last one): the server refuses a tap of another manager on a shared phone.
  function owner() {
    var holder = document.getElementById("offline-texts");
    var known = holder ? holder.getAttribute("data-owner") : "";
    try {
      if (known) localStorage.setItem("th_owner", known);
      return Number(known || localStorage.getItem("th_owner") || 0);
    } catch (_) {
      return Number(known || 0);
    }
  }

  function queueTap(behaviour) {
    return saveTap({ uid: newUid(), behaviour: behaviour, tapped_at: Date.now(), manager: owner() }).then(render);
  }

  function sync() {
    if (syncing || navigator.onLine === false) return Promise.resolve();
    syncing = true;
    owner();  // remember who is signed in, while Today says so
    var sent = 0;
    return allTaps().then(function (taps) {
      var chain = Promise.resolve(true);
      taps.forEach(function (tap) {
        chain = chain.then(function (going) {
          if (!going || !tap.manager) return going;  // no manager known yet: it waits
          return fetch("/api/actions", {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ uid: tap.uid, behaviour: tap.behaviour, tapped_at: tap.tapped_at,
                                   manager: tap.manager }),
          }).then(function (response) {
            if (response.ok) { sent += 1; return dropTap(tap.uid).then(function () { return true; }); }
            if (response.status === 409) return true;  // another manager's tap: it waits for them
            // Signed out: keep it for after sign-in. Refused for good (too old, unknown): drop it.
            if (response.status === 401 || response.status >= 500 || response.status === 429) return false;
            return dropTap(tap.uid).then(function () { return true; });
          }, function () { return false; });
        });
      });
      return chain;
    }).catch(function () { return undefined; }).then(function () {
      syncing = false;
      return render();
    }).then(function () {
      if (!sent) return;
      // Today reloads its week and entries: through its own event when the page is connected,
      // else (it was opened offline and its connection is still down) by loading it afresh.
      var refresh = document.getElementById("offline-synced");
      if (document.getElementById("connection-lost") || document.documentElement.dataset.ready !== "1") {
        if (refresh) location.reload();
      } else if (refresh) {
        refresh.click();
      }
    });
  }

  // Before the page's own handlers (capture on window): an offline tap never reaches Reflex,
  // whose in-memory queue would be lost on a reload and could send it a second time.
  window.addEventListener("click", function (event) {
    var tile = event.target && event.target.closest ? event.target.closest(".behaviour-tile") : null;
    if (!tile || !offline()) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    queueTap(tile.getAttribute("data-behaviour"));
  }, true);

  function whenReady(done) {
    var waited = 0;
    (function check() {
      if (document.documentElement.dataset.ready === "1" || offline() || waited > 15000) return done();
      waited += 100;
      setTimeout(check, 100);
    })();
  }

  function shortcut() {
    var params = new URLSearchParams(location.search);
    var key = params.get("log");
    if (!key || location.pathname !== "/") return;
    params.delete("log");
    var rest = params.toString();
    history.replaceState(history.state, "", "/" + (rest ? "?" + rest : "") + location.hash);
    whenReady(function () {
      var tile = document.querySelector('.behaviour-tile[data-behaviour="' + CSS.escape(key) + '"]');
      if (tile) tile.click();
    });
  }

  // Notifications for the daily nudge (Settings → "Allow notifications"): permission, then a
  // push subscription with the server's VAPID key. The page stores what this returns.
  function keyBytes(base64url) {
    var raw = atob((base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }
  window.thPush = {
    subscribe: function (key) {
      if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
        return Promise.resolve({ error: "unsupported" });
      }
      return Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") return { error: "denied" };
        return navigator.serviceWorker.register("/sw.js").then(function () {
          return navigator.serviceWorker.ready;
        }).then(function (registration) {
          return registration.pushManager.getSubscription().then(function (existing) {
            return existing || registration.pushManager.subscribe({
              userVisibleOnly: true, applicationServerKey: keyBytes(key) });
          });
        }).then(function (subscription) {
          var json = subscription.toJSON();
          return { endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth };
        });
      }).catch(function () { return { error: "unavailable" }; });
    },
  };

  window.addEventListener("online", function () { sync(); });
  setInterval(function () { if (!offline()) sync(); }, 15000);
  function start() {
    shortcut();
    render();
    setTimeout(sync, 2000);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // The page draws #offline-texts after this script ran on a client-side visit: look again.
  var holderSeen = null;
  new MutationObserver(function () {
    var holder = document.getElementById("offline-texts");
    if (holder && holder !== holderSeen) {
      holderSeen = holder;
      render();
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("pagehide", owner);
})();
