// The language switch links to the same page in the other language; the
// section anchors are the same in every language, so keep the reader's place.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (link && window.location.hash && !link.hash) {
    link.hash = window.location.hash;
  }
});
