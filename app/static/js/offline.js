/* Report pages without a connection. On the report pages of a signed-in user (data-worker):
   registers the service worker (sw.js) and, after each save, asks it for a new copy of the page.
   On any page seen signed out (data-forget, the cache name prefix), which is where logging out
   lands: deletes the worker's caches and the worker, so that nobody reads a report from this
   browser afterwards. The changes not yet sent (localStorage, autosave.js) are left alone. */
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  const options = script.dataset;

  if (options.forget) {
    navigator.serviceWorker.getRegistrations().then((registrations) => {
      registrations.forEach((registration) => {
        if (new URL(registration.scope).pathname === options.scope) registration.unregister();
      });
    });
    caches.keys().then((names) => Promise.all(
      names.filter((name) => name.startsWith(options.forget)).map((name) => caches.delete(name))
    ));
    return;
  }
  if (!options.worker) return;
  const controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register(options.worker).catch(() => {
    /* without the worker the page still works online, and the queue still keeps changes */
  });
  if (!controlled) {
    // this page's scripts and styles did not pass through the worker: have it keep them
    navigator.serviceWorker.ready.then((registration) => {
      const assets = document.querySelectorAll("script[src], link[rel=stylesheet][href]");
      const urls = Array.from(assets, (el) => el.src || el.href);
      if (registration.active) registration.active.postMessage({ type: "keep", urls: urls });
    });
  }

  // When the page has saved, the worker's copy of it is out of date: ask for a new one, one
  // request at a time.
  const status = document.getElementById("save-status");
  if (!status) return;
  let asked = false;
  let again = false;
  function refresh() {
    const worker = navigator.serviceWorker.controller;
    if (!worker) return;
    if (asked) { again = true; return; }
    asked = true;
    worker.postMessage({ type: "refresh", url: location.href.split("#")[0] });
  }
  function answered() {
    asked = false;
    if (again) { again = false; refresh(); }
  }
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "refreshed") answered();
  });
  navigator.serviceWorker.addEventListener("controllerchange", answered);
  // every state autosave.js settles in once its saves are answered (see settle() there)
  const settled = new Set(["saved", "invalid", "conflicts", "refused"]);
  new MutationObserver((records) => {
    const saved = settled.has(status.dataset.state);
    if (saved && records.some((r) => r.oldValue && !settled.has(r.oldValue))) refresh();
  }).observe(status, { attributes: true, attributeFilter: ["data-state"], attributeOldValue: true });
})();
