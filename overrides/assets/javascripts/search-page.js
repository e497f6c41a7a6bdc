// Search page: Pagefind's interface, fed with the query of the header form
// (?q=...), and keeping the query in the address so a search can be shared.
(function () {
  "use strict";
  var element = document.getElementById("cities-search");
  if (!element) return;
  if (typeof PagefindUI === "undefined") {
    // A preview (publish serve) has no index: say so rather than show nothing.
    var missing = document.querySelector(".cities-search-missing");
    if (missing) missing.hidden = false;
    return;
  }
  var ui = new PagefindUI({
    element: "#cities-search",
    bundlePath: element.dataset.bundlePath,
    showSubResults: true,
    showImages: false,
    autofocus: true,
    resetStyles: false,
    // Each indexed page carries its kind (practice, position paper, text…,
    // already in the page's language): the result's title says it first,
    // so the reader knows what each result is before opening it.
    processResult: function (result) {
      var kind = result.meta && result.meta.kind;
      if (kind) {
        var format = element.dataset.kindFormat || "{kind}: {title}";
        result.meta.title = format
          .replace("{kind}", function () { return kind; })
          .replace("{title}", function () { return result.meta.title || ""; });
        // Said in the title: not again as a tag under the excerpt.
        delete result.meta.kind;
      }
      return result;
    }
  });
  var params = new URLSearchParams(window.location.search);
  var query = params.get("q");
  if (query) ui.triggerSearch(query);
  element.addEventListener("input", function (event) {
    if (!event.target.matches("input")) return;
    var url = new URL(window.location.href);
    if (event.target.value) url.searchParams.set("q", event.target.value);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  });
})();
