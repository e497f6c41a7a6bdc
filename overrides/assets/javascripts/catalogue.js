// Catalogue page: facet filters with counts, combined with a text filter.
// The full list is in the page, so the catalogue works without JavaScript;
// this script only hides what does not match. The filter state lives in the
// address (?theme=housing,health&region=019&q=...) so a view can be shared.
(function () {
  "use strict";
  var root = document.querySelector("[data-catalogue]");
  if (!root) return;
  var form = root.querySelector(".catalogue-filters");
  var list = root.querySelector(".catalogue-list");
  var status = root.querySelector(".catalogue-count");
  var textInput = form.querySelector('input[name="q"]');
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"]'));
  var facets = [];
  boxes.forEach(function (box) {
    if (facets.indexOf(box.name) < 0) facets.push(box.name);
  });

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var items = Array.prototype.map.call(list.children, function (element) {
    var values = {};
    facets.forEach(function (facet) {
      var raw = element.getAttribute("data-" + facet) || "";
      values[facet] = raw ? raw.split(" ") : [];
    });
    return { element: element, text: fold(element.textContent), values: values };
  });
  var countOf = {};
  boxes.forEach(function (box) {
    countOf[box.name + "\u0000" + box.value] = box.parentNode.querySelector(".catalogue-facet__count");
  });

  function selection() {
    var selected = {};
    facets.forEach(function (facet) { selected[facet] = {}; });
    boxes.forEach(function (box) {
      if (box.checked) selected[box.name][box.value] = true;
    });
    return selected;
  }

  function failingFacets(item, selected) {
    var failing = [];
    for (var i = 0; i < facets.length; i++) {
      var wanted = selected[facets[i]];
      if (Object.keys(wanted).length === 0) continue;
      var values = item.values[facets[i]], hit = false;
      for (var j = 0; j < values.length; j++) {
        if (wanted[values[j]]) { hit = true; break; }
      }
      if (!hit) failing.push(facets[i]);
    }
    return failing;
  }

  var announceTimer = null;
  function announce(shown) {
    var text = shown === 0 ? status.dataset.none
      : shown === 1 ? status.dataset.one
      : status.dataset.many.replace("{count}", shown);
    clearTimeout(announceTimer);
    // Screen readers hear the result once typing pauses, not at each key.
    announceTimer = setTimeout(function () { status.textContent = text; }, 250);
  }

  function saveToAddress(selected, words) {
    var params = new URLSearchParams();
    facets.forEach(function (facet) {
      var values = Object.keys(selected[facet]);
      if (values.length) params.set(facet, values.join(","));
    });
    if (words) params.set("q", words);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  // A release's print edition of exactly these filters (no words typed):
  // its selection in canonical form, as generator/release/selection.py
  // writes it (facets sorted, then their values, "a=1,2&b=3").
  var editionBox = root.querySelector(".catalogue-edition");
  var editions = editionBox ? Array.prototype.slice.call(editionBox.querySelectorAll("a[data-query]")) : [];
  function offerEdition(selected, words) {
    if (!editionBox) return;
    var query = words ? "" : facets.slice().sort().filter(function (facet) {
      return Object.keys(selected[facet]).length;
    }).map(function (facet) {
      return facet + "=" + Object.keys(selected[facet]).sort().join(",");
    }).join("&");
    var offered = false;
    editions.forEach(function (link) {
      var match = query !== "" && link.dataset.query === query;
      link.hidden = !match;
      offered = offered || match;
    });
    editionBox.hidden = !offered;
  }

  function update() {
    var selected = selection();
    var words = fold(textInput.value).split(/\s+/).filter(Boolean);
    var counts = {};
    var shown = 0;
    items.forEach(function (item) {
      var textOk = words.every(function (word) { return item.text.indexOf(word) >= 0; });
      var failing = textOk ? failingFacets(item, selected) : null;
      var visible = textOk && failing.length === 0;
      if (item.element.hidden === visible) item.element.hidden = !visible;
      if (visible) shown++;
      // A value's count: the items it would show, given the other filters.
      if (!textOk || failing.length > 1) return;
      facets.forEach(function (facet) {
        if (failing.length === 1 && failing[0] !== facet) return;
        item.values[facet].forEach(function (value) {
          var key = facet + "\u0000" + value;
          counts[key] = (counts[key] || 0) + 1;
        });
      });
    });
    boxes.forEach(function (box) {
      var key = box.name + "\u0000" + box.value;
      var count = counts[key] || 0;
      var label = countOf[key];
      if (label && label.textContent !== String(count)) label.textContent = count;
      box.parentNode.classList.toggle("catalogue-facet__value--empty", count === 0 && !box.checked);
    });
    announce(shown);
    offerEdition(selected, textInput.value.trim());
    saveToAddress(selected, textInput.value.trim());
  }

  function loadFromAddress() {
    var params = new URLSearchParams(window.location.search);
    boxes.forEach(function (box) {
      var wanted = (params.get(box.name) || "").split(",");
      box.checked = wanted.indexOf(box.value) >= 0;
      if (box.checked) box.closest("details").open = true;
    });
    textInput.value = params.get("q") || "";
  }

  form.hidden = false;
  // The groups come folded, as a phone needs them (the filters come before
  // the list there); on a desk, where they sit beside the list, the first
  // two unfold without moving it.
  if (window.matchMedia("(min-width: 60em)").matches) {
    form.querySelectorAll("details").forEach(function (details, index) { details.open = index < 2; });
  }
  loadFromAddress();
  form.addEventListener("change", update);
  textInput.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  update();
})();
