/* Skip logic in the browser: the same rules as app/questionnaires/conditions.py, tested against
   the same cases (tests/cases/conditions.json). The server stays the authority. */
(function (global) {
  "use strict";

  function isAnswered(value) {
    if (value === null || value === undefined) return false;
    if (typeof value === "string") return value.trim() !== "";
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === "object") return Object.keys(value).length > 0;
    return true;
  }

  function keysOf(value) {
    if (value === null || value === undefined) return [];
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === "object") {
      if ("keys" in value) return value.keys.map(String);
      if ("key" in value) return [String(value.key)];
      return [];
    }
    if (typeof value === "boolean") return [value ? "yes" : "no"];
    return [String(value)];
  }

  function toNumber(value) {
    if (value === null || value === undefined || typeof value === "boolean") return null;
    if (typeof value === "number") return value;
    if (typeof value !== "string" || value.trim() === "") return null;
    const number = Number(value.trim());
    return Number.isNaN(number) ? null : number;
  }

  function evaluate(condition, lookup) {
    if (!condition) return true;
    // an outcome the server decided: a test of an item whose answer the reader may not read
    if ("const" in condition) return condition.const === true;
    if ("all" in condition) return condition.all.every((part) => evaluate(part, lookup));
    if ("any" in condition) return condition.any.some((part) => evaluate(part, lookup));
    const op = condition.op;
    const value = lookup(condition.item || "");
    const answered = isAnswered(value);
    if (op === "answered") return answered;
    if (op === "not_answered") return !answered;
    if (!answered) return false;
    const expected = condition.value;
    if (op === "equals") return keysOf(value).includes(String(expected));
    if (op === "not_equals") return !keysOf(value).includes(String(expected));
    if (op === "in") {
      const wanted = (expected || []).map(String);
      return keysOf(value).some((key) => wanted.includes(key));
    }
    const left = toNumber(value);
    const right = toNumber(expected);
    if (left === null || right === null) return false;
    if (op === "gt") return left > right;
    if (op === "gte") return left >= right;
    if (op === "lt") return left < right;
    if (op === "lte") return left <= right;
    return false;
  }

  global.ORSConditions = { evaluate: evaluate, isAnswered: isAnswered };
})(window);
