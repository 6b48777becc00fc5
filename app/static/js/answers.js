// Reading a number as a person types it, the same rule as the server's
// (app/answers/reading.py), checked against the same cases (tests/cases/answers/number.json):
// the locale's way first, then the canonical one; digits grouped by threes with the group
// symbol, or not grouped; spaces are the group where the locale groups with a space, else
// ignored; U+2212 is a minus; no exponents, NaN or Infinity. Returns null when it is no number.
(function () {
  "use strict";
  const MAX_CHARS = 40;
  const SPACES = /[\s\u00a0\u202f]+/g;
  const CANONICAL = { decimal: ".", group: "," };

  function escape(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function readOne(text, marks) {
    const spaced = /^[\s\u00a0\u202f]+$/.test(marks.group);
    const candidate = text.replace(SPACES, spaced ? marks.group : "");
    const d = escape(marks.decimal);
    const g = escape(marks.group);
    const pattern = new RegExp(`^(-?)(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d+))?$`);
    const match = pattern.exec(candidate);
    if (!match) return null;
    const whole = match[2].split(marks.group).join("");
    return Number(`${match[1]}${whole}.${match[3] || "0"}`);
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
