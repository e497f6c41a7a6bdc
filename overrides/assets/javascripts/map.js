/* The catalogue's map: zoom to a region, and targets of one size on any screen.
   The views and their layouts are computed at build time (world_map.layout):
   one layer per view and reference width; this script shows the one that
   fits, sets the SVG's viewBox, and scales the markers back to their size in
   CSS pixels. Without it, the world view and the list of cities remain. */
(function () {
  "use strict";

  function setup(svg) {
    var figure = svg.closest("figure");
    var bar = figure && figure.previousElementSibling;
    while (bar && !bar.classList.contains("catalogue-map__zoom")) bar = bar.previousElementSibling;
    if (!bar || svg.dataset.mapReady) return;
    svg.dataset.mapReady = "1";
    var boxes = {};
    svg.getAttribute("data-map-views").split(";").forEach(function (entry) {
      var parts = entry.split("=");
      boxes[parts[0]] = parts[1];
    });
    var layers = Array.prototype.slice.call(svg.querySelectorAll(".catalogue-map__layer"));
    var buttons = Array.prototype.slice.call(bar.querySelectorAll("button[data-map-view]"));
    var current = "world";

    function show(viewKey) {
      current = viewKey;
      var box = boxes[viewKey].split(" ").map(Number);
      svg.setAttribute("viewBox", boxes[viewKey]);
      var width = svg.getBoundingClientRect().width || box[2];
      var mine = layers.filter(function (layer) { return layer.dataset.mapView === viewKey; });
      // The widest layout drawn for a width at most this one (else the narrowest).
      mine.sort(function (a, b) { return a.dataset.mapReference - b.dataset.mapReference; });
      var chosen = mine[0];
      mine.forEach(function (layer) { if (Number(layer.dataset.mapReference) <= width) chosen = layer; });
      var k = Math.min(1, Number(chosen.dataset.mapReference) / width);
      layers.forEach(function (layer) {
        layer.style.display = layer === chosen ? "inline" : "none";
      });
      chosen.querySelectorAll(".catalogue-map__k").forEach(function (g) {
        g.setAttribute("transform", "scale(" + k.toFixed(4) + ")");
      });
      var dot = 2.5 * box[2] / width;  // a 2.5 px dot where each city is
      svg.querySelectorAll(".catalogue-map__places circle").forEach(function (c) {
        c.setAttribute("r", dot.toFixed(3));
      });
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", button.dataset.mapView === viewKey ? "true" : "false");
      });
      return chosen;
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () { show(button.dataset.mapView); });
    });
    // A group opens the region of its cities, and the focus goes to the first of them.
    svg.addEventListener("click", function (event) {
      var group = event.target.closest("a.catalogue-map__group");
      if (!group || !group.dataset.mapZoom || !boxes[group.dataset.mapZoom]) return;
      event.preventDefault();
      var layer = show(group.dataset.mapZoom);
      var first = group.dataset.mapCities.split(" ")[0];
      var target = layer.querySelector('[data-map-city="' + first + '"]') || layer.querySelector("a");
      if (target) target.focus();
    });
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) cancelAnimationFrame(pending);
      pending = requestAnimationFrame(function () { show(current); });
    });
    bar.hidden = false;
    show("world");
  }

  function init() {
    document.querySelectorAll("svg[data-map-views]").forEach(setup);
  }
  // Material's instant navigation swaps pages without a load event.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
