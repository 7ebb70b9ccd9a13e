/* Posters and handouts: choose the paper size from ?size=A3 (default A4).
   The class picks the named @page rule and the scale in sheet.css. */
(function () {
  var size = (new URLSearchParams(window.location.search).get("size") || "").toUpperCase();
  if (size === "A3") {
    document.documentElement.classList.add("kb-size-a3");
  }
})();
