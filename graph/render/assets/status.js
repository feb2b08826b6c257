// Counts script errors, failed resources and CSP violations on <html data-*> (the map's first script).
(function () {
  "use strict";
  var root = document.documentElement;
  var counts = {jsErrors: 0, resourceErrors: 0, cspViolations: 0};
  function report() {
    for (var key in counts) { root.dataset[key] = String(counts[key]); }
  }
  report();
  window.addEventListener("error", function (event) {
    if (event.target && event.target !== window) { counts.resourceErrors += 1; }
    else { counts.jsErrors += 1; root.dataset.lastError = String(event.message).slice(0, 300); }
    report();
  }, true);
  window.addEventListener("unhandledrejection", function () { counts.jsErrors += 1; report(); });
  document.addEventListener("securitypolicyviolation", function (event) {
    counts.cspViolations += 1;
    root.dataset.lastViolation = String(event.violatedDirective).slice(0, 100);
    report();
  });
})();
