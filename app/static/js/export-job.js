/* The progress page of an export job: asks the server where the job stands every second and
   shows it (the sentence comes translated from the server); once the job is finished, reloads
   the page, which then offers the file or says what went wrong. Without JavaScript the page's
   "Refresh" link does the same by hand. */
(function () {
  "use strict";
  const box = document.querySelector("[data-export-job]");
  if (!box || box.hasAttribute("data-finished")) return;
  const url = box.dataset.stateUrl;
  const every = Number(box.dataset.pollMs) || 1000;
  const bar = box.querySelector("progress");
  const sentence = box.querySelector("[data-job-sentence]");
  const label = box.querySelector("[data-job-label]");

  function show(job) {
    if (bar && job.total > 0) {
      bar.max = job.total;
      bar.value = Math.min(job.done, job.total);
    }
    if (sentence && job.sentence) sentence.textContent = job.sentence;
    if (label && job.label) label.textContent = job.label;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then((response) => (response.ok ? response.json() : null))
      .then((job) => {
        if (job && job.finished) {
          window.location.reload();
          return;
        }
        if (job) show(job);
        window.setTimeout(poll, every);
      })
      .catch(() => window.setTimeout(poll, every * 5)); // offline for a moment: try again later
  }

  window.setTimeout(poll, every);
})();
