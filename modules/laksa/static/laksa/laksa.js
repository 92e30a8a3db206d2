/* LAKSA on residents' phones: a map of reports, a pin for a new report, "use my location",
   a draft kept while the connection drops, and photos shrunk before upload. Everything
   works without this file: the forms take an address or typed coordinates, the map page
   has a plain list. */
(function () {
  "use strict";

  var DRAFT_KEY = "laksa-draft";
  var DRAFT_FIELDS = ["title", "description", "address", "latitude", "longitude",
    "reporter_name", "reporter_email"];
  var MAX_SIDE = 1600;

  function icon(el) {
    return window.L.icon({
      iconUrl: el.dataset.icon, iconRetinaUrl: el.dataset.icon2x, shadowUrl: el.dataset.shadow,
      iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
    });
  }

  function baseMap(el) {
    var map = window.L.map(el).setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lng)], 13);
    var layer = window.L.tileLayer(el.dataset.tiles, {
      maxZoom: 19, attribution: el.dataset.attribution
    });
    var failures = 0;
    layer.on("tileerror", function () {
      failures += 1;
      if (failures === 3) {
        var note = document.getElementById(el.dataset.fallback);
        if (note) { note.hidden = false; }
      }
    });
    layer.addTo(map);
    return map;
  }

  function popup(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    var line = document.createElement("p");
    line.textContent = point.category + " · " + point.status;
    box.appendChild(link);
    box.appendChild(line);
    return box;
  }

  function reportsMap(el) {
    var source = document.getElementById(el.dataset.points);
    var points = source ? JSON.parse(source.textContent) : [];
    var map = baseMap(el);
    var markers = points.map(function (p) {
      return window.L.marker([p.lat, p.lng], {icon: icon(el), title: p.title}).bindPopup(popup(p));
    });
    if (markers.length) {
      var group = window.L.featureGroup(markers).addTo(map);
      map.fitBounds(group.getBounds(), {maxZoom: 16, padding: [20, 20]});
    }
  }

  function picker(el) {
    var form = el.closest("form");
    var lat = form.querySelector("[name=latitude]");
    var lng = form.querySelector("[name=longitude]");
    var map = baseMap(el);
    var marker = null;
    function place(latlng, fromInputs) {
      if (!marker) {
        marker = window.L.marker(latlng, {icon: icon(el), draggable: true}).addTo(map);
        marker.on("dragend", function () { place(marker.getLatLng()); });
      } else {
        marker.setLatLng(latlng);
      }
      if (!fromInputs) {
        lat.value = latlng.lat.toFixed(6);
        lng.value = latlng.lng.toFixed(6);
        lat.dispatchEvent(new Event("input", {bubbles: true}));
      }
    }
    map.on("click", function (e) { place(e.latlng); });
    function fromInputs() {
      var a = parseFloat(lat.value), b = parseFloat(lng.value);
      if (!isNaN(a) && !isNaN(b)) { place(window.L.latLng(a, b), true); map.setView([a, b], 16); }
    }
    lat.addEventListener("change", fromInputs);
    lng.addEventListener("change", fromInputs);
    fromInputs();
    el.laksaPlace = function (a, b) { place(window.L.latLng(a, b)); map.setView([a, b], 17); };
  }

  function locate(button) {
    if (!navigator.geolocation) { return; }
    var form = button.closest("form");
    var status = form.querySelector("[data-laksa-locate-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.searching;
      navigator.geolocation.getCurrentPosition(function (position) {
        var a = position.coords.latitude, b = position.coords.longitude;
        var mapEl = form.querySelector("[data-laksa-picker]");
        if (mapEl && mapEl.laksaPlace) {
          mapEl.laksaPlace(a, b);
        } else {
          form.querySelector("[name=latitude]").value = a.toFixed(6);
          form.querySelector("[name=longitude]").value = b.toFixed(6);
        }
        status.textContent = button.dataset.found;
      }, function () {
        status.textContent = button.dataset.failed;
      }, {enableHighAccuracy: true, timeout: 15000});
    });
  }

  function keepDraft(form) {
    var stored = {};
    try { stored = JSON.parse(window.localStorage.getItem(DRAFT_KEY) || "{}"); } catch (e) { stored = {}; }
    var bound = form.querySelector(".error, .errors");
    DRAFT_FIELDS.forEach(function (name) {
      var input = form.querySelector("[name=" + name + "]");
      if (!input) { return; }
      if (!bound && !input.value && stored[name]) { input.value = stored[name]; }
      input.addEventListener("input", function () {
        stored[name] = input.value;
        try { window.localStorage.setItem(DRAFT_KEY, JSON.stringify(stored)); } catch (e) { /* full */ }
      });
    });
  }

  function shrink(file) {
    return new Promise(function (resolve) {
      if (!needsShrinking(file)) { resolve(file); return; }
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(img.naturalWidth * scale);
        canvas.height = Math.round(img.naturalHeight * scale);
        canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        canvas.toBlob(function (blob) {
          resolve(blob ? new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", {type: "image/jpeg"}) : file);
        }, "image/jpeg", 0.85);
      };
      img.onerror = function () { URL.revokeObjectURL(url); resolve(file); };
      img.src = url;
    });
  }

  function needsShrinking(file) {
    return /^image\/(jpeg|png|webp)$/.test(file.type) && file.size >= 1500000;
  }

  function shrinkPhotos(form) {
    var input = form.querySelector("input[type=file][name=photos]");
    if (!input || !window.DataTransfer || !HTMLCanvasElement.prototype.toBlob) { return; }
    form.addEventListener("submit", function (event) {
      if (!Array.prototype.some.call(input.files, needsShrinking)) { return; }
      event.preventDefault();
      Promise.all(Array.prototype.map.call(input.files, function (f) { return shrink(f); }))
        .then(function (files) {
          var transfer = new DataTransfer();
          files.forEach(function (f) { transfer.items.add(f); });
          input.files = transfer.files;
        })
        .catch(function () { /* send the originals */ })
        .then(function () { HTMLFormElement.prototype.submit.call(form); });
    });
  }

  // "Is this the same problem?": nearby public reports of the chosen category, asked for
  // whenever the category or the point changes.
  function similar(el) {
    var form = el.closest("form");
    var timer = null;
    function ask() {
      var params = new URLSearchParams();
      ["category", "latitude", "longitude"].forEach(function (name) {
        var input = form.querySelector("[name=" + name + "]");
        params.set(name, input ? input.value : "");
      });
      if (!params.get("category") || !params.get("latitude") || !params.get("longitude")) {
        el.innerHTML = "";
        return;
      }
      window.fetch(el.dataset.url + "?" + params.toString(), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { el.innerHTML = html; })
        .catch(function () { /* offline: the resident simply files the report */ });
    }
    function later() { window.clearTimeout(timer); timer = window.setTimeout(ask, 300); }
    ["category", "latitude", "longitude"].forEach(function (name) {
      var input = form.querySelector("[name=" + name + "]");
      if (input) {
        input.addEventListener("input", later);
        input.addEventListener("change", later);
      }
    });
    ask();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-laksa-similar]").forEach(similar);
    if (document.querySelector("[data-laksa-clear-draft]")) {
      try { window.localStorage.removeItem(DRAFT_KEY); } catch (e) { /* private mode */ }
    }
    document.querySelectorAll("form[data-laksa-draft]").forEach(function (form) {
      keepDraft(form);
      shrinkPhotos(form);
    });
    document.querySelectorAll("[data-laksa-locate]").forEach(locate);
    if (!window.L) { return; }
    document.querySelectorAll("[data-laksa-map]").forEach(reportsMap);
    document.querySelectorAll("[data-laksa-picker]").forEach(picker);
  });
}());
