/* Review banner: show "This page is overdue for review" when today (in the
 * reader's browser) is after the page's due date, so the banner appears
 * without a rebuild. The build sets the same state as a fallback for readers
 * without JavaScript. No external loads; no inline script (CSP friendly). */
(function () {
  "use strict";

  function isoToday() {
    var d = new Date();
    var m = String(d.getMonth() + 1);
    var day = String(d.getDate());
    return d.getFullYear() + "-" + (m.length < 2 ? "0" + m : m) + "-" +
      (day.length < 2 ? "0" + day : day);
  }

  function update() {
    var today = isoToday();
    var banners = document.querySelectorAll("[data-kb-review-banner]");
    for (var i = 0; i < banners.length; i++) {
      var due = banners[i].getAttribute("data-kb-review-due") || "";
      if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) continue;
      var overdue = today > due; /* ISO dates compare as strings */
      banners[i].hidden = !overdue;
      banners[i].setAttribute("data-kb-overdue", overdue ? "true" : "false");
    }
  }

  /* Material's instant navigation (if enabled) swaps pages without a load. */
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(update);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
