/* Service worker of the report pages (scope /reports/). A report page opened once opens again
   without a connection, so that the changes waiting in its queue (autosave.js) survive a reload.
   Served by app/reporting/offline.py; its address carries the account's cache key (k) and the
   language (l), so another account or language installs it again.
   - report pages (GET navigations): network first, a copy kept per account; without a
     connection that copy, or else the offline page fetched at install time;
   - the scripts, styles and fonts of the pages: network first too, a copy kept for offline;
   - nothing else, and never a POST: autosaves go to the network and the page's queue keeps
     what fails. */
"use strict";

const PREFIX = "ors-offline-"; // offline.js deletes every cache named so on a signed-out page
const KEY = new URL(self.location.href).searchParams.get("k") || "none";
const PAGES = PREFIX + "pages-" + KEY;
const ASSETS = PREFIX + "assets";
const SCOPE = self.registration.scope;
const OFFLINE_PAGE = new URL("offline", SCOPE).href;
const ASSET_PATHS = ["/static/", "/bootstrap/static/"];

// Only what this origin sent whole and meant to be kept: no error, redirect or no-store.
function keepable(response) {
  if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) {
    return false;
  }
  return !/no-store/i.test(response.headers.get("Cache-Control") || "");
}
// A page, not a download (an attachment opened from a report is a navigation too).
function keepablePage(response) {
  return keepable(response) && (response.headers.get("Content-Type") || "").startsWith("text/html");
}
function keepPage(url, response) {
  return caches.open(PAGES).then((cache) => cache.put(url, response));
}

self.addEventListener("install", (event) => {
  // Where the browser can, a non-GET goes straight to the network without waking this worker
  // (no delay on autosaves; the fetch handler below lets them through anyway).
  if (event.addRoutes) {
    event.addRoutes({ condition: { not: { requestMethod: "GET" } }, source: "network" })
      .catch(() => null);
  }
  event.waitUntil(
    fetch(OFFLINE_PAGE, { credentials: "same-origin", cache: "no-store" })
      .then((response) => (keepablePage(response) ? keepPage(OFFLINE_PAGE, response) : null))
      .catch(() => null) // a comfort, not a condition: the worker installs without it
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  // The pages of the account whose worker this one replaces go now.
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((n) => n.startsWith(PREFIX) && n !== PAGES && n !== ASSETS)
          .map((n) => caches.delete(n))
      ))
      .then(() => self.clients.claim())
  );
});

function fromCache(url) {
  const options = { cacheName: PAGES, ignoreVary: true };
  return caches.match(url, options)
    .then((copy) => copy || caches.match(OFFLINE_PAGE, options))
    .then((copy) => copy || Response.error());
}

function page(event) {
  const request = event.request;
  return fetch(request).then((response) => {
    if (response.status >= 500) {
      // the server is there but cannot answer (as autosave.js, taken as being offline)
      return caches.match(request.url, { cacheName: PAGES, ignoreVary: true })
        .then((copy) => copy || response);
    }
    if (keepablePage(response)) {
      event.waitUntil(keepPage(request.url, response.clone()).catch(() => null));
    } else if (response.status >= 400 && response.status < 500) {
      // gone, or no longer allowed to this account: the old copy must not stay readable
      event.waitUntil(caches.open(PAGES).then((cache) => cache.delete(request.url)));
    }
    return response;
  }, () => fromCache(request.url));
}

// Network first as well: the static addresses carry no version, so a copy served first would
// run the last release's script against this release's page after a deploy. The browser's own
// HTTP cache still spares the download when nothing changed.
function asset(event) {
  const request = event.request;
  return fetch(request).then((response) => {
    if (keepable(response)) {
      const copy = response.clone();
      event.waitUntil(caches.open(ASSETS).then((cache) => cache.put(request, copy)).catch(() => null));
    }
    return response;
  }, () => caches.match(request, { cacheName: ASSETS, ignoreVary: true })
    .then((copy) => copy || Response.error()));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return; // not answered here: the browser sends it as usual
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (request.url.startsWith(SCOPE)) event.respondWith(page(event));
  } else if (ASSET_PATHS.some((path) => url.pathname.startsWith(path))) {
    event.respondWith(asset(event));
  }
});

// After a save the page asks for a new copy of itself, so that a reload without a connection
// shows the saved answers and their current versions (an old version would make a conflict).
function refresh(event, url) {
  if (typeof url !== "string" || !url.startsWith(SCOPE)) return Promise.resolve();
  return fetch(url, { credentials: "same-origin", cache: "no-store" })
    .then((response) => (keepablePage(response) ? keepPage(url, response) : null))
    .catch(() => null)
    .then(() => {
      if (event.source) event.source.postMessage({ type: "refreshed", url: url });
    });
}

// The page that registered the worker loaded its scripts and styles before the worker was
// there to keep them: it sends their addresses.
function keepAssets(urls) {
  const wanted = (Array.isArray(urls) ? urls : []).filter((address) => {
    const url = new URL(address, self.location.href);
    return url.origin === self.location.origin
      && ASSET_PATHS.some((path) => url.pathname.startsWith(path));
  });
  return caches.open(ASSETS).then((cache) => Promise.all(wanted.map((url) =>
    cache.match(url, { ignoreVary: true }).then((copy) => copy || fetch(url)
      .then((response) => (keepable(response) ? cache.put(url, response) : null))
      .catch(() => null))
  )));
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "refresh") event.waitUntil(refresh(event, data.url));
  else if (data.type === "keep") event.waitUntil(keepAssets(data.urls));
});
