/* The adoption dashboard's map of partner regions: a marker per region, read from the
   JSON the page carries (json_script). Without this file, Leaflet or tiles, the list of
   regions by province beside it says the same; when tiles cannot load the markers stay on
   a plain background. */
(function () {
  "use strict";

  var INDONESIA = [[-11.2, 94.8], [6.3, 141.1]];

  function popup(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    var line = document.createElement("p");
    line.textContent = point.province;
    box.appendChild(link);
    box.appendChild(line);
    return box;
  }

  function draw(el) {
    var source = document.getElementById(el.dataset.points);
    var points = source ? JSON.parse(source.textContent) : [];
    el.hidden = false;  // before Leaflet measures it
    var map = window.L.map(el, {scrollWheelZoom: false}).fitBounds(INDONESIA);
    if (el.dataset.tiles) {
      var layer = window.L.tileLayer(el.dataset.tiles, {
        maxZoom: 12, attribution: el.dataset.attribution
      });
      var failures = 0;
      layer.on("tileerror", function () {
        failures += 1;
        if (failures === 3) {
          map.removeLayer(layer);  // a plain background, the markers stay
          el.classList.add("partnership-map--plain");
        }
      });
      layer.addTo(map);
    } else {
      el.classList.add("partnership-map--plain");
    }
    points.forEach(function (p) {
      window.L.circleMarker([p.lat, p.lng], {radius: 8, weight: 2, fillOpacity: 0.8})
        .bindTooltip(p.name)
        .bindPopup(popup(p))
        .addTo(map);
    });
  }

  function start() {
    if (!window.L) { return; }
    document.querySelectorAll("[data-partnership-map]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
