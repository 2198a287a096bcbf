// The console works without this script; it only adds conveniences.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-back]")) {
    if (window.history.length > 1) {
      button.hidden = false;
      button.addEventListener("click", () => window.history.back());
    }
  }
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  if (new URLSearchParams(window.location.search).get("print") === "1") {
    window.print();
  }
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
