/* Autosave of a report section: each change is saved a short while after the last keystroke;
   unsent changes wait in localStorage (kept across a reload) while the connection is down and
   are sent when it returns; a save refused as a conflict shows both versions and stays unsaved
   (kept in localStorage too, shown again after a reload) until the person chooses one. The
   status says only what is true: a conflict, a refused save or a value to correct is never
   "all changes saved". Without this script the section's Save button posts everything.
   Strings come translated from the page. */
(function () {
  "use strict";
  const form = document.getElementById("section-form");
  if (!form || form.dataset.readonly) return;
  const statusBox = document.getElementById("save-status");
  const text = statusBox ? statusBox.dataset : {};
  const url = form.dataset.autosaveUrl;
  const debounce = parseInt(form.dataset.debounce || "2000", 10);
  const queueKey = form.dataset.queueKey;
  const conflictKey = form.dataset.conflictKey;
  // the locale's number symbols, to read numbers as the server does (answers.js)
  const symbols = { decimal: form.dataset.decimal || ".", group: form.dataset.group || "," };
  let csrf = form.querySelector("input[name=csrf_token]").value;
  const stored = JSON.parse(document.getElementById("answers-for-conditions").textContent || "{}");
  const dirty = new Set();
  const sending = new Set();  // fields whose save awaits its reply: never sent twice at once
  let timer = null;
  let inFlight = 0;
  let offline = false;
  const refusedFields = new Set();  // saves refused for good (422): the text is not stored
  // answers stored as typed because they cannot be read (out of bounds, not a number…)
  const invalid = new Set(Array.from(form.querySelectorAll("[id^='problem-']"), (el) => el.id.slice(8)));

  // --- the queue kept in the browser ---------------------------------------------------------
  function readQueue() {
    try { return JSON.parse(localStorage.getItem(queueKey) || "{}"); } catch (e) { return {}; }
  }
  function writeQueue(queue) {
    try {
      if (Object.keys(queue).length) localStorage.setItem(queueKey, JSON.stringify(queue));
      else localStorage.removeItem(queueKey);
    } catch (e) { /* storage full or refused: the page still saves while online */ }
  }
  function enqueue(field, pairs) {
    const queue = readQueue();
    queue[field] = pairs;
    writeQueue(queue);
  }
  function dequeue(field, pairs) {
    const queue = readQueue();
    if (queue[field] && JSON.stringify(queue[field]) === JSON.stringify(pairs)) delete queue[field];
    writeQueue(queue);
  }

  // Conflicts wait for the person's choice under a key of their own, never sent by themselves:
  // { field: { pairs: what the person typed, theirs: the version saved by someone else } }.
  function readConflicts() {
    try { return JSON.parse(localStorage.getItem(conflictKey) || "{}"); } catch (e) { return {}; }
  }
  function writeConflicts(conflicts) {
    try {
      if (Object.keys(conflicts).length) localStorage.setItem(conflictKey, JSON.stringify(conflicts));
      else localStorage.removeItem(conflictKey);
    } catch (e) { /* storage refused: the open page still shows the conflict */ }
  }
  const conflicts = readConflicts();  // the page's copy, so that a refused storage still counts
  function keepConflict(field, pairs, theirs) {
    conflicts[field] = { pairs: pairs, theirs: theirs };
    writeConflicts(Object.assign(readConflicts(), { [field]: conflicts[field] }));
  }
  function dropConflict(field) {
    delete conflicts[field];
    const stored = readConflicts();
    delete stored[field];
    writeConflicts(stored);
  }

  // --- reading and writing an item's inputs ---------------------------------------------------
  // an answer box: <div class="answer" id="a-<field name>">, the field name said once
  const BOXES = ".answer[id^='a-']";
  function fieldOf(box) { return box.id.slice(2); }
  function wrapper(field) { return document.getElementById("a-" + field); }
  function inputs(box) {
    // files are sent by upload() as soon as they are chosen, never with the answer's inputs
    return Array.from(box.querySelectorAll("input[name], select[name], textarea[name]"))
      .filter((el) => el.type !== "file");
  }
  function pairsOf(box) {
    const pairs = [];
    inputs(box).forEach((el) => {
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.tagName === "SELECT" && el.multiple) {
        Array.from(el.selectedOptions).forEach((o) => pairs.push([el.name, o.value]));
        return;
      }
      pairs.push([el.name, el.value]);
    });
    return pairs;
  }
  function restore(box, pairs) {
    const values = {};
    pairs.forEach(([name, value]) => { (values[name] = values[name] || []).push(value); });
    inputs(box).forEach((el) => {
      if (el.name.startsWith("p-")) return;
      const given = values[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") el.checked = given.includes(el.value);
      else {
        el.value = given.length ? given[0] : "";
        // tells a character counter (limits.js) only: the event does not bubble to the form
        if (el.hasAttribute("data-counter")) el.dispatchEvent(new Event("input"));
      }
    });
  }
  function versionInput(field) { return form.querySelector(`input[name="v-${CSS.escape(field)}"]`); }

  // --- status ---------------------------------------------------------------------------------
  function show(state) {
    if (!statusBox) return;
    statusBox.dataset.state = state;
    statusBox.textContent = text[state] || "";
  }
  // "{n} answers …" in the form the language needs for n (the server renders one sentence per
  // plural category, named as Intl.PluralRules names them)
  function counted(state, n) {
    if (!statusBox) return;
    let forms = {};
    try { forms = JSON.parse(text[state] || "{}"); } catch (e) { /* no sentence: empty status */ }
    const lang = document.documentElement.lang || "en";
    const sentence = forms[new Intl.PluralRules(lang).select(n)] || forms.other || "";
    statusBox.dataset.state = state;
    statusBox.textContent = sentence.replace("{n}", new Intl.NumberFormat(lang).format(n));
  }
  function shown(field) {
    const box = wrapper(field);
    return box !== null && !box.closest("[hidden]");  // a hidden answer is not checked
  }
  function settle() {
    if (offline && statusBox && statusBox.dataset.state === "signedout") return;
    const inConflict = Object.keys(conflicts).length;
    const toCorrect = Array.from(invalid).filter(shown).length;
    if (offline) show("offline");
    else if (inFlight) show("saving");
    else if (inConflict) counted("conflicts", inConflict);
    else if (dirty.size || Object.keys(readQueue()).length) show("pending");
    else if (refusedFields.size) counted("refused", refusedFields.size);
    else if (toCorrect) counted("invalid", toCorrect);
    else show("saved");
  }
  function unsaved() {
    return dirty.size + inFlight + Object.keys(readQueue()).length
      + Object.keys(conflicts).length + refusedFields.size;
  }

  // --- saving ---------------------------------------------------------------------------------
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(flush, debounce);
    settle();
  }
  function flush() {
    clearTimeout(timer);
    dirty.forEach((field) => {
      const box = wrapper(field);
      if (box) enqueue(field, pairsOf(box));
    });
    dirty.clear();
    const queue = readQueue();
    Object.keys(queue).forEach((field) => { if (!sending.has(field)) send(field, queue[field]); });
    settle();
  }
  function send(field, pairs) {
    const body = new URLSearchParams();
    pairs.forEach(([name, value]) => body.append(name, value));
    body.set("field", field);
    body.set("csrf_token", csrf);
    inFlight += 1;
    sending.add(field);
    settle();
    const done = () => {
      inFlight -= 1;
      sending.delete(field);
      // typed again while this save travelled: send the newer text (with the new version)
      if (!offline && readQueue()[field]) schedule();
    };
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
    }).then((response) => response.json().catch(() => ({})).then((data) => {
      if (response.status >= 500) { goOffline(); done(); return; }
      if (signedOut(response, data)) { done(); return; }
      offline = false;
      if (response.ok) saved(field, pairs, data);
      else if (response.status === 409) conflict(field, pairs, data.theirs);
      else refused(field, pairs, data.message);
      done();
      settle();
    }), () => { goOffline(); done(); });
  }
  // The session ended (or its form token did) while the page stayed open: nothing is dropped,
  // the changes stay queued until the person signs in again in another tab and comes back.
  function signedOut(response, data) {
    const toLogin = response.redirected && response.url.indexOf("/account/login") !== -1;
    if (!(toLogin || response.status === 401 || (response.status === 400 && !data.status))) {
      return false;
    }
    offline = true;
    show("signedout");
    clearTimeout(timer);
    timer = setTimeout(retrySignedOut, Math.max(debounce, 15000));
    return true;
  }
  // A new sign-in means a new session and a new form token: fetch this page again to take it.
  function retrySignedOut() {
    fetch(window.location.pathname, { credentials: "same-origin" })
      .then((response) => (response.ok && !response.redirected ? response.text() : ""))
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        const token = page.querySelector("#section-form input[name=csrf_token]");
        if (!token) throw new Error("still signed out");
        csrf = token.value;
        offline = false;
        flush();
      })
      .catch(() => { timer = setTimeout(retrySignedOut, Math.max(debounce, 15000)); });
  }
  function goOffline() {
    offline = true;
    settle();
    clearTimeout(timer);
    timer = setTimeout(flush, Math.max(debounce, 5000));
  }
  function saved(field, pairs, data) {
    dequeue(field, pairs);
    refusedFields.delete(field);
    if (data.problem) invalid.add(field);
    else invalid.delete(field);
    const box = wrapper(field);
    if (conflicts[field]) {  // the same text as theirs, sent again: nothing is left to choose
      dropConflict(field);
      if (box) box.querySelectorAll(".conflict").forEach((el) => el.remove());
    }
    if (box) box.querySelectorAll(`input[name="r-${CSS.escape(field)}"]`).forEach((el) => el.remove());
    const version = versionInput(field);
    if (version) version.value = data.version;
    // the queued copy carried the old version: later edits of this item use the new one
    const queue = readQueue();
    if (queue[field]) {
      queue[field] = queue[field].map(([n, v]) => (n === "v-" + field ? [n, String(data.version)] : [n, v]));
      writeQueue(queue);
    }
    problem(field, data.problem);
    applyHidden(data);
  }
  function refused(field, pairs, message) {
    dequeue(field, pairs);
    refusedFields.add(field);
    problem(field, message || text.error);
  }
  function problem(field, message) {
    const box = wrapper(field);
    if (!box) return;
    let note = box.querySelector(".js-problem");
    if (!message) {
      if (note) note.remove();
      const fixed = document.getElementById("problem-" + field);  // the one the page came with
      if (fixed) fixed.remove();
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "text-danger small js-problem";
      note.setAttribute("role", "alert");
      const fixed = document.getElementById("problem-" + field);
      if (fixed) fixed.remove();
      box.querySelector("details").before(note);
    }
    note.textContent = message;
  }

  // --- conflicts ------------------------------------------------------------------------------
  function conflict(field, pairs, theirs) {
    dequeue(field, pairs);
    if (!theirs) return;
    keepConflict(field, pairs, theirs);
    showConflict(field, theirs);
  }
  function showConflict(field, theirs) {
    const box = wrapper(field);
    if (!box) return;
    box.querySelectorAll(".conflict").forEach((el) => el.remove());
    const panel = document.createElement("div");
    panel.className = "alert alert-warning conflict";
    panel.setAttribute("role", "alert");
    const title = document.createElement("p");
    title.className = "mb-1 fw-semibold";
    title.textContent = text.conflict;
    const detail = document.createElement("p");
    detail.className = "mb-2";
    // "Saved by {by} at {at}:" comes translated, with the language's own punctuation
    const line = (text.theirs || "").replace("{by}", theirs.by).replace("{at}", theirs.at);
    const quote = document.createElement("q");
    quote.textContent = theirs.text;
    detail.append(line, " ", quote);
    const keep = document.createElement("button");
    keep.type = "button";
    keep.className = "btn btn-sm btn-primary me-2 keep-mine";
    keep.textContent = text.keepMine;
    const take = document.createElement("button");
    take.type = "button";
    take.className = "btn btn-sm btn-outline-secondary take-theirs";
    take.textContent = text.takeTheirs;
    keep.addEventListener("click", () => {
      dropConflict(field);  // from now on the person's text waits in the queue, like any edit
      versionInput(field).value = theirs.version;
      const over = document.createElement("input");
      over.type = "hidden";
      over.name = "r-" + field;
      over.value = "1";
      box.append(over);
      panel.remove();
      dirty.add(field);
      flush();
    });
    take.addEventListener("click", () => {
      dropConflict(field);
      restore(box, theirs.fields);
      versionInput(field).value = theirs.version;
      panel.remove();
      refreshConditions();
      settle();
    });
    panel.append(title, detail, keep, take);
    box.querySelector("details").before(panel);
    keep.focus();
  }

  // --- attachments ----------------------------------------------------------------------------
  function upload(box, input) {
    // Each file goes in a request of its own, one after the other: on a slow line a refused or
    // failed file costs only itself, and no request grows past the server's limit.
    const field = fieldOf(box);
    const files = Array.from(input.files || []);
    input.value = "";
    const limit = parseInt(input.dataset.maxBytes || "0", 10);
    const refused = [];
    const accepted = files.filter((file) => {
      if (limit && file.size > limit) {  // refused here, before minutes are spent sending it
        refused.push((text.tooLarge || "").replace("{name}", file.name));
        return false;
      }
      return true;
    });
    const messages = refused.slice();
    const showMessages = () => problem(field, messages.length ? messages.join(" ") : null);
    showMessages();
    accepted.reduce((previous, file) => previous.then(() => sendFile(box, field, input.name, file)
      .then((message) => { if (message) { messages.push(message); showMessages(); } })),
    Promise.resolve()).then(() => { showMessages(); settle(); });
  }
  function sendFile(box, field, inputName, file) {
    const body = new FormData();
    body.append(inputName, file);
    body.set("field", field);
    body.set("csrf_token", csrf);
    inFlight += 1;
    show("uploading");
    return fetch(form.dataset.uploadUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
    }).then((response) => response.json().catch(() => ({})).then((data) => {
      inFlight -= 1;
      if (!response.ok) return data.message || text.uploadFailed;
      const list = box.querySelector(".js-files");
      if (list) list.outerHTML = data.files;
      const version = versionInput(field);
      if (version) version.value = data.version;
      applyHidden(data);
      return null;
    }), () => { inFlight -= 1; return text.uploadFailed; });
  }

  // --- skip logic while typing ----------------------------------------------------------------
  function valueOf(box) {
    const pairs = pairsOf(box).filter(([name]) => name === fieldOf(box));
    if (box.querySelector(`input[type=checkbox][name="${CSS.escape(fieldOf(box))}"]`)) {
      return pairs.map(([, v]) => v);
    }
    if (!pairs.length) return null;
    const raw = pairs[0][1];
    if (!("number" in box.dataset)) return raw;  // data-number: read as the server reads it
    const number = window.ORSAnswers.readNumber(raw, symbols);
    return number === null ? raw : number;
  }
  function refreshConditions() {
    const boxes = Array.from(form.querySelectorAll(BOXES));
    const hidden = new Set();
    const onPage = {};
    boxes.forEach((box) => { onPage[`${box.dataset.code}|${box.dataset.loop || ""}`] = box; });
    boxes.forEach((box) => {
      if (!box.dataset.condition) return;
      const loop = box.dataset.loop || "";  // no data-loop outside loops
      const lookup = (code) => {
        for (const key of [`${code}|${loop}`, `${code}|`]) {
          const other = onPage[key];
          if (other) return hidden.has(other) || other.hidden ? null : valueOf(other);
          if (key in stored) return stored[key];
        }
        return null;
      };
      const visible = window.ORSConditions.evaluate(JSON.parse(box.dataset.condition), lookup);
      box.hidden = !visible;
      if (!visible) hidden.add(box);
    });
  }
  // After a save the server (the authority) names the questions that answer may show or hide
  // (`affected`) and which of them are hidden now; the other boxes keep what the page shows.
  function applyHidden(data) {
    if (!Array.isArray(data.affected) || !Array.isArray(data.hidden)) return;
    const hiddenFields = new Set(data.hidden);
    data.affected.forEach((field) => {
      const box = wrapper(field);
      if (box) box.hidden = hiddenFields.has(field);
    });
  }

  // --- wiring ---------------------------------------------------------------------------------
  function changed(event) {
    const box = event.target.closest(BOXES);
    if (!box || event.target.name.startsWith("v-")) return;
    if (event.target.type === "file") {
      if (event.type === "change") upload(box, event.target);
      return;
    }
    const field = fieldOf(box);
    // the panel takes the focus, so the field's "change" follows a conflict: the text refused
    // is not sent again (it would come back refused, and redraw the panel being answered)
    const open = conflicts[field];
    if (open && JSON.stringify(pairsOf(box)) === JSON.stringify(open.pairs)) return;
    dirty.add(field);
    refreshConditions();
    schedule();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => { event.preventDefault(); flush(); });
  window.addEventListener("online", () => {
    if (statusBox && statusBox.dataset.state === "signedout") { retrySignedOut(); return; }
    offline = false;
    flush();
  });
  window.addEventListener("offline", () => { offline = true; settle(); });
  window.addEventListener("beforeunload", (event) => {
    if (unsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // Conflicts left open before a reload come back with the person's text; when the answer has
  // moved on since, the text is sent again for the newest version to choose from.
  const stale = [];
  Object.keys(conflicts).forEach((field) => {
    const box = wrapper(field);
    if (!box) { dropConflict(field); return; }  // no longer part of this section
    const kept = conflicts[field];
    const current = versionInput(field);
    if (current && current.value !== String(kept.theirs.version)) stale.push(field);
    restore(box, kept.pairs);
    showConflict(field, kept.theirs);
  });
  // Changes typed before a reload (or while offline) come back into their fields and are sent.
  const waiting = readQueue();
  Object.keys(waiting).forEach((field) => {
    const box = wrapper(field);
    if (box) restore(box, waiting[field]);
  });
  refreshConditions();
  stale.forEach((field) => { if (!waiting[field]) send(field, conflicts[field].pairs); });
  if (Object.keys(waiting).length) flush();
  else settle();
  window.ORSAutosave = { flush: flush, pending: unsaved };
})();
