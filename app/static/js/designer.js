// Designer outline: drag and drop of sections and questions. Posts the same move endpoint as the
// buttons (which keyboard users and browsers without scripts use), then reloads the outline.
(function () {
  "use strict";
  // The question form: show the choices or the number bounds only for the types that use them
  // (without scripts both stay visible, and the server ignores what the type does not use).
  var type = document.getElementById("answer_type");
  if (type) {
    var parts = document.querySelectorAll("[data-show-for]");
    var show = function () {
      parts.forEach(function (part) {
        part.hidden = part.dataset.showFor.split(" ").indexOf(type.value) < 0;
      });
    };
    type.addEventListener("change", show);
    show();
  }
  // A table column's choices: only a single-choice column (or one without a type yet) uses them.
  document.querySelectorAll("[data-choices-for]").forEach(function (part) {
    var columnType = document.getElementById(part.dataset.choicesFor);
    if (!columnType) return;
    var toggle = function () {
      part.hidden = ["", "single_choice"].indexOf(columnType.value) < 0;
    };
    columnType.addEventListener("change", toggle);
    toggle();
  });
  var outline = document.getElementById("designer-outline");
  if (!outline) return;
  var status = document.getElementById("designer-status");
  var dragged = null;
  var indicator = document.createElement("div");
  indicator.className = "designer-drop-indicator";
  indicator.setAttribute("aria-hidden", "true");
  indicator.textContent = outline.dataset.dropHere;
  var target = null; // {parent: id or "", position: n}

  // After a move, the page comes back on the moved node: give it the focus, so that keyboard and
  // screen reader users carry on from there.
  var landed = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (landed && landed.classList.contains("designer-node")) landed.focus();

  function childrenOf(list) {
    return Array.prototype.filter.call(list.children, function (el) {
      return el.classList.contains("designer-node") && el !== dragged;
    });
  }

  function clear() {
    if (indicator.parentNode) indicator.parentNode.removeChild(indicator);
    target = null;
  }

  function place(list, before) {
    if (dragged.dataset.kind === "item" && list.dataset.parent === "") {
      // Sections only at the top level: say so while the question is over it.
      clear();
      status.textContent = outline.dataset.topRefused;
      return false;
    }
    if (dragged.contains(list)) return false;
    if (status.textContent === outline.dataset.topRefused) status.textContent = "";
    var siblings = childrenOf(list);
    var position = before ? siblings.indexOf(before) : siblings.length;
    list.insertBefore(indicator, before || null);
    target = { parent: list.dataset.parent, position: position };
    return true;
  }

  // Over a list itself (the gap between two nodes, or the space after the last one): the drop
  // goes before the first node whose middle is below the pointer.
  function placeAt(list, y) {
    var before = childrenOf(list).filter(function (el) {
      var box = el.getBoundingClientRect();
      return box.top + box.height / 2 > y;
    })[0];
    return place(list, before || null);
  }

  outline.addEventListener("dragstart", function (event) {
    var node = event.target.closest && event.target.closest(".designer-node");
    if (!node) return;
    dragged = node;
    if (status.textContent === outline.dataset.topRefused) status.textContent = "";
    node.classList.add("opacity-50");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", node.dataset.node);
  });

  outline.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("opacity-50");
    dragged = null;
    clear();
  });

  outline.addEventListener("dragover", function (event) {
    if (!dragged) return;
    if (target && indicator.contains(event.target)) {
      // Over the indicator itself: the drop stays where it shows (recomputing from the list
      // would send it to the end, and the indicator would jump back and forth).
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      return;
    }
    var over = event.target.closest && event.target.closest(".designer-node, .designer-list");
    if (!over) return;
    var ok;
    if (over.classList.contains("designer-list")) {
      ok = placeAt(over, event.clientY);
    } else if (over === dragged || dragged.contains(over)) {
      return;
    } else {
      var box = over.getBoundingClientRect();
      var list = over.parentNode;
      var inner = over.querySelector(":scope > div > .designer-list");
      if (inner && event.clientY > box.top + 40 && event.clientY < box.bottom - 12) {
        return; // over the section's own list: its children handle it
      }
      var after = event.clientY > box.top + box.height / 2;
      var siblings = childrenOf(list);
      ok = place(list, after ? siblings[siblings.indexOf(over) + 1] || null : over);
    }
    if (ok) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    }
  });

  outline.addEventListener("drop", function (event) {
    if (!dragged || !target) return;
    event.preventDefault();
    var body = new FormData();
    body.append("csrf_token", outline.dataset.csrf);
    body.append("node", dragged.dataset.node);
    body.append("parent", target.parent);
    body.append("position", String(target.position));
    status.textContent = outline.dataset.moving;
    clear();
    fetch(outline.dataset.moveUrl, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.error || outline.dataset.failed);
          window.location.reload();
        });
      })
      .catch(function (error) {
        status.textContent = error.message || outline.dataset.failed;
      });
  });
})();
