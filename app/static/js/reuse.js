/* Reuse and pre-fill notes of a section: once the person changes an item themselves, what was
   offered to it and where its copy came from no longer apply (their own save clears the copy's
   provenance and the need to confirm it), so the item's notes are hidden. */
(function () {
  "use strict";
  const form = document.getElementById("section-form");
  if (!form) return;
  function edited(event) {
    const box = event.target.closest(".answer");
    if (!box) return;
    box.querySelectorAll(".reuse-offer, .copy-note").forEach((note) => { note.hidden = true; });
  }
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
})();
