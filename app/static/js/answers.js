// Reading a number as a person types it, the same rule as the server's
// (app/answers/reading.py), checked against the same cases (tests/cases/answers/number.json):
// the locale's way first, then the canonical one; digits grouped by threes with the group
// symbol, or not grouped; spaces are the group where the locale groups with a space, else
// ignored; U+2212 is a minus; no exponents, NaN or Infinity; at most 15 digits in all (leading
// zeros of the whole part and trailing zeros of the decimals not counted), what a JavaScript
// number holds exactly. Returns null when it is no number the server would store.
(function () {
  "use strict";
  const MAX_CHARS = 40;
  const MAX_DIGITS = 15;
  const SPACES = /[\s\u00a0\u202f]+/g;
  const CANONICAL = { decimal: ".", group: "," };

  function escape(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function digits(whole, fraction) {
    return whole.replace(/^0+/, "").length + fraction.replace(/0+$/, "").length;
  }

  function readOne(text, marks) {
    const spaced = /^[\s\u00a0\u202f]+$/.test(marks.group);
    const candidate = text.replace(SPACES, spaced ? marks.group : "");
    const d = escape(marks.decimal);
    const g = escape(marks.group);
    const pattern = new RegExp(`^(-?)([0-9]{1,3}(?:${g}[0-9]{3})+|[0-9]+)(?:${d}([0-9]+))?$`);
    const match = pattern.exec(candidate);
    if (!match) return null;
    const whole = match[2].split(marks.group).join("");
    const fraction = match[3] || "";
    if (digits(whole, fraction) > MAX_DIGITS) return null;
    return Number(`${match[1]}${whole}.${fraction || "0"}`);
  }

  function readNumber(raw, symbols) {
    const text = String(raw == null ? "" : raw).trim().replace(/\u2212/g, "-");
    if (!text || text.length > MAX_CHARS) return null;
    for (const marks of [symbols || CANONICAL, CANONICAL]) {
      const number = readOne(text, marks);
      if (number !== null) return number;
    }
    return null;
  }

  window.ORSAnswers = { readNumber: readNumber };
})();
