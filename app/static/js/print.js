// The print view's "Print" button (scripts are served from the app: no inline code).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
