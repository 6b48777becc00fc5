/* A character counter under every text box with a `maxlength` and `data-counter`: how many
   characters are left, or how many too many (a text refused by the server is shown again as
   it was typed). It counts as the browser counts `maxlength` — the length of the box's value:
   UTF-16 code units, a line break as one — and the server counts the same way (app/bounds.py),
   so what the box lets through is never refused for its length.
   The sentences come translated from the page (<body data-chars-left data-chars-over>), one
   per plural category as Intl.PluralRules names them, with {n} where the number goes. */
(function () {
  "use strict";
  const body = document.body;
  function sentences(name) {
    try { return JSON.parse(body.dataset[name] || "{}"); } catch (e) { return {}; }
  }
  const left = sentences("charsLeft");
  const over = sentences("charsOver");
  const lang = document.documentElement.lang || "en";
  const plural = new Intl.PluralRules(lang);
  const number = new Intl.NumberFormat(lang);
  function say(forms, n) {
    const sentence = forms[plural.select(n)] || forms.other || "";
    return sentence.replace("{n}", number.format(n));
  }

  function attach(box) {
    const limit = parseInt(box.getAttribute("maxlength"), 10);
    if (!(limit > 0)) return;
    const counter = document.createElement("div");
    counter.className = "form-text char-counter";
    counter.id = (box.id || box.name) + "-count";
    const described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", described ? described + " " + counter.id : counter.id);
    box.after(counter);
    function update() {
      const remaining = limit - box.value.length;
      counter.textContent = remaining >= 0 ? say(left, remaining) : say(over, -remaining);
      counter.dataset.state = remaining < 0 ? "over" : remaining <= limit / 20 ? "near" : "";
    }
    box.addEventListener("input", update);
    update();
  }
  document.querySelectorAll("[maxlength][data-counter]").forEach(attach);
})();
