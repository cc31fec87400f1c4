// zhaoshang: small behaviours on top of htmx; no build step.
document.addEventListener("htmx:confirm", function (e) {
  // use the browser's own dialog for hx-confirm and plain forms alike
  if (!e.detail.question) return;
  e.preventDefault();
  if (window.confirm(e.detail.question)) e.detail.issueRequest(true);
});
