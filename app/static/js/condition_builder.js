/* Condition builder: adapt each rule's comparison and value to the chosen question at once.
   The form works without this script (a button asks the server to adapt it); the server checks
   everything again. Labels come translated in the form's data-items attribute. */
(function () {
  "use strict";

  var form = document.getElementById("condition-builder");
  if (!form) return;
  var items = JSON.parse(form.getAttribute("data-items") || "{}");
  var PRESENCE = ["answered", "not_answered"];

  form.querySelectorAll("[data-cb-nojs]").forEach(function (button) {
    button.hidden = true;
  });

  function option(value, label, selected) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    element.selected = selected;
    return element;
  }

  function valueControl(row, meta, op, previous) {
    var wrapper = row.querySelector("[data-cb-value]");
    var old = wrapper.querySelector("select, input");
    var control;
    var kept = previous || [];
    if (meta.kind === "choice") {
      control = document.createElement("select");
      control.className = "form-select";
      control.multiple = op === "in";
      meta.choices.forEach(function (pair) {
        control.appendChild(option(pair[0], pair[1], kept.indexOf(pair[0]) >= 0));
      });
    } else {
      control = document.createElement("input");
      control.className = "form-control";
      control.type = meta.kind === "date" ? "date" : "text";
      if (meta.kind === "number") control.inputMode = "decimal";
      control.value = kept[0] || "";
    }
    control.id = old.id;
    control.name = old.name;
    var presence = PRESENCE.indexOf(op) >= 0;
    control.disabled = presence;
    wrapper.hidden = presence;
    old.replaceWith(control);
  }

  function selectedValues(row) {
    var control = row.querySelector("[data-cb-value] select, [data-cb-value] input");
    if (!control) return [];
    if (control.tagName === "SELECT") {
      return Array.prototype.filter.call(control.options, function (o) { return o.selected; })
        .map(function (o) { return o.value; });
    }
    return control.value ? [control.value] : [];
  }

  function adapt(row, keepValue) {
    var meta = items[row.querySelector("[data-cb-item]").value];
    if (!meta) return;
    var opSelect = row.querySelector("[data-cb-op]");
    var current = opSelect.value;
    var allowed = meta.ops.map(function (pair) { return pair[0]; });
    if (allowed.indexOf(current) < 0) current = allowed[0];
    opSelect.replaceChildren.apply(opSelect, meta.ops.map(function (pair) {
      return option(pair[0], pair[1], pair[0] === current);
    }));
    valueControl(row, meta, current, keepValue ? selectedValues(row) : []);
  }

  form.querySelectorAll(".condition-rule").forEach(function (row) {
    row.querySelector("[data-cb-item]").addEventListener("change", function () {
      adapt(row, false);
    });
    row.querySelector("[data-cb-op]").addEventListener("change", function () {
      var meta = items[row.querySelector("[data-cb-item]").value];
      if (meta) valueControl(row, meta, this.value, selectedValues(row));
    });
  });
})();
