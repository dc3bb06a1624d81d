/* The map: country borders drawn from Natural Earth TopoJSON served by this workspace (no
   tiles from anywhere), events as points coloured by type and clustered when dense. When more
   events match than one answer carries, the server sends grid cells with counts instead;
   clicking a cell zooms into it. Clicking a point shows its card, linked to the reader.
   Below the points, each country with events shows its first-level divisions (Natural Earth
   admin-1), shaded by the events or deaths counted in each; events known only to their
   country are listed beside the map, never drawn as a point. */
"use strict";

(function () {
  const { el, getJSON, joinQuery, eventCard, canonicalCard, legend, typeColor } = window.polemos;

  function basemap(map) {
    return getJSON("/static/vendor/world-atlas/countries-110m.json").then((topology) => {
      const countries = topojson.feature(topology, topology.objects.countries);
      L.geoJSON(countries, {
        pane: "basemap",
        interactive: false,
        style: { color: "#8a9aa8", weight: 0.8, fillColor: "#f3f1ea", fillOpacity: 1 },
      }).addTo(map);
    });
  }

  /* Names of the cities and towns in view (the gazetteer's, most populous first, smaller ones as
     the map zooms in), under the events and never in their way. */
  async function placeNames(map, layer) {
    const answer = await getJSON("/api/map/places", "bbox=" + bboxOf(map) + "&zoom=" + map.getZoom() + "&limit=30").catch(() => null);
    if (!answer) return;
    layer.clearLayers();
    const taken = []; // the boxes of the names kept so far: a less important name that would overlap one is left out
    for (const place of answer.items) {
      const label = el("span", { className: place.capital ? "place-name capital" : "place-name" }, place.name);
      const marker = L.marker([place.lat, place.lon], {
        pane: "placenames", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "place-label", html: label, iconSize: null }),
      });
      layer.addLayer(marker);
      const box = label.getBoundingClientRect();
      if (taken.some((other) => box.left < other.right + 4 && other.left < box.right + 4 && box.top < other.bottom && other.top < box.bottom)) {
        layer.removeLayer(marker);
      } else {
        taken.push(box);
      }
    }
  }

  function bboxOf(map) {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    return [clamp(b.getSouth(), -90, 90), clamp(b.getWest(), -180, 180), clamp(b.getNorth(), -90, 90), clamp(b.getEast(), -180, 180)]
      .map((v) => v.toFixed(4)).join(",");
  }

  async function showCard(item) {
    const card = document.getElementById("event-card");
    card.hidden = false;
    card.replaceChildren(el("p", { className: "muted" }, "loading…"));
    try {
      // A point is a canonical event (with its sources) unless the view counts each report.
      const canonical = !item.doc_id;
      const event = await getJSON((canonical ? "/api/canonical-events/" : "/api/events/") + encodeURIComponent(item.id));
      card.replaceChildren(canonical ? canonicalCard(event) : eventCard(event));
    } catch (error) {
      card.replaceChildren(el("p", { className: "error-message" }, error.message));
    }
  }

  function pointMarker(item) {
    // An event not said to have happened (future, hypothetical, negated) is drawn as a dashed ring, not a dot.
    const happened = !item.modality || item.modality === "asserted";
    const marker = L.circleMarker([item.lat, item.lon], happened
      ? { radius: 7, weight: 1.5, color: "#ffffff", fillColor: typeColor(item.type), fillOpacity: 0.9 }
      : { radius: 7, weight: 2, color: typeColor(item.type), dashArray: "3 3", fillOpacity: 0 });
    const sources = item.sources > 1 ? " · " + item.sources + " sources" : "";
    marker.bindTooltip(item.type + (happened ? "" : " [" + item.modality.toUpperCase() + "]") + " · "
      + (item.place_name || "") + " · " + (item.date_begin || "undated") + sources);
    marker.on("click", () => showCard(item));
    marker.options.eventId = item.id;
    marker.options.eventType = item.type;
    return marker;
  }

  function cellMarker(map, item) {
    const size = Math.round(26 + Math.min(30, Math.log10(item.count + 1) * 10));
    const label = el("span", {}, item.count >= 1000 ? Math.round(item.count / 100) / 10 + "k" : String(item.count));
    const marker = L.marker([item.lat, item.lon], {
      icon: L.divIcon({ className: "cell-marker", html: label, iconSize: [size, size] }),
      title: item.count + " events",
    });
    marker.on("click", () => map.fitBounds([[item.cell[0], item.cell[1]], [item.cell[2], item.cell[3]]]));
    return marker;
  }

  /* Divisions shaded by events or deaths: five classes from 1 to the highest count. */
  const SHADES = ["#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"]; // ColorBrewer Oranges: the lightest still shows

  function classBreaks(highest) {
    const breaks = [];
    for (let k = 1; k < SHADES.length; k++) {
      const value = Math.max(1, Math.ceil(Math.pow(highest, k / SHADES.length)));
      if (!breaks.length || value > breaks[breaks.length - 1]) breaks.push(value);
    }
    return breaks;
  }

  function shadeOf(value, breaks) {
    let index = 0;
    while (index < breaks.length && value > breaks[index]) index++;
    return SHADES[Math.min(index + SHADES.length - breaks.length - 1, SHADES.length - 1)];
  }

  function shadeLegend(container, breaks, measure) {
    const rows = [];
    let low = 1;
    for (const high of [...breaks, Infinity]) {
      const swatch = el("span", { className: "swatch" });
      swatch.style.backgroundColor = shadeOf(low, breaks); // CSSOM: allowed by the page's CSP
      rows.push(el("li", {}, swatch, " " + (high === Infinity ? low + "+" : low === high ? String(low) : low + "–" + high)));
      if (high === Infinity) break;
      low = high + 1;
    }
    container.replaceChildren(el("p", { className: "small" }, (measure === "fatalities" ? "Deaths" : "Events") + " per division"),
      el("ul", { className: "shade-legend" }, ...rows));
  }

  const topologies = {};
  function divisionsOf(country) {
    if (!topologies[country]) {
      topologies[country] = getJSON("/static/vendor/admin1/" + encodeURIComponent(country.toLowerCase()) + ".json")
        .then((topology) => topojson.feature(topology, Object.values(topology.objects)[0]))
        .catch(() => null); // a country without a division file keeps its border only
    }
    return topologies[country];
  }

  /* The choropleth and the list of events known only by country, for the current filter. */
  async function drawAreas(map, layer, query, measure) {
    const answer = await getJSON("/api/map/areas", query);
    const counts = {};
    // Keyed by code and name: Natural Earth gives a city and its province the same code now and then.
    const key = (country, code, name) => country + "|" + code + "|" + name;
    for (const item of answer.items) counts[key(item.country, item.code, item.name)] = item;
    const highest = Math.max(1, ...answer.items.map((item) => item[measure] || 0));
    const breaks = classBreaks(highest);
    const countries = Array.from(new Set(answer.items.map((item) => item.country)));
    const features = await Promise.all(countries.map(divisionsOf));
    layer.clearLayers();
    countries.forEach((country, index) => {
      if (!features[index]) return;
      L.geoJSON(features[index], {
        pane: "divisions",
        style: (feature) => {
          const item = counts[key(country, feature.id, feature.properties.name)];
          const value = item ? item[measure] || 0 : 0;
          return { color: "#8a6d5a", weight: 0.7, fillColor: value ? shadeOf(value, breaks) : "#ffffff",
            fillOpacity: value ? (measure === "none" ? 0 : 0.75) : 0 };
        },
        onEachFeature: (feature, path) => {
          const item = counts[key(country, feature.id, feature.properties.name)];
          path.options.division = feature.id;
          path.bindTooltip((feature.properties.name || feature.id) + " (" + country + "): "
            + (item ? item.events + " events, " + item.fatalities + " deaths" : "no events"), { sticky: true });
          path.bindPopup(() => divisionPopup(country, feature, item, query), { className: "division-popup" });
          path.on("click", () => map.fitBounds(path.getBounds(), { maxZoom: 9 }));
        },
      }).addTo(layer);
    });
    if (measure !== "none") shadeLegend(document.getElementById("shade-legend"), breaks, measure);
    else document.getElementById("shade-legend").replaceChildren();
    countryLevelList(document.getElementById("country-level"), answer, query);
    return answer;
  }

  /* A division as a filter: its events, or every view of the workspace, narrowed to it. */
  function divisionPopup(country, feature, item, query) {
    const name = feature.properties.name || feature.id;
    const narrowed = joinQuery(query.replace(/(^|&)admin1=[^&]*/g, ""), "admin1=" + encodeURIComponent(feature.id + "|" + name));
    const link = (path, text) => el("a", { href: path + "?" + narrowed, className: "division-link" }, text);
    return el("div", {},
      el("strong", {}, name + " (" + country + ")"),
      el("p", { className: "small" }, item ? item.events + " events, " + item.fatalities + " deaths" : "no events in this view"),
      el("p", { className: "small" }, "Only this division: ", link("/events", "events"), " · ", link("/map", "map"), " · ",
        link("/timeline", "timeline"), " · ", link("/network", "network")));
  }

  function countryLevelList(container, answer, query) {
    const rows = answer.country_level.map((item) => el("li", {},
      el("a", { href: "/events?" + joinQuery(query.replace(/(^|&)country=[^&]*/g, ""), "country=" + encodeURIComponent(item.country || "")) },
        (item.country || "unknown country") + ": " + item.events + " event" + (item.events === 1 ? "" : "s"))));
    const regions = answer.region_level.map((item) => el("li", {},
      el("a", { href: "/events?" + joinQuery(query.replace(/(^|&)place=[^&]*/g, ""), "place=" + encodeURIComponent(item.place_name || "")) },
        (item.place_name || "a region") + (item.country ? " (" + item.country + ")" : "") + ": " + item.events + " event" + (item.events === 1 ? "" : "s"))));
    const none = () => el("p", { className: "muted small" }, "none in this view");
    const parts = [el("h3", {}, "Known only by country"), rows.length ? el("ul", { className: "country-level-list" }, ...rows) : none(),
      el("h3", {}, "Known only by a wider region"), regions.length ? el("ul", { className: "country-level-list region-level" }, ...regions) : none(),
      el("p", { className: "muted small" }, "Neither is drawn as a point. Shading rule: " + answer.rule + ".")];
    container.replaceChildren(...parts);
  }

  /* A cluster whose events share one place, or sit closer than the deepest zoom separates,
     opens into a ring of its events at once rather than zooming to the end and staying a cluster. */
  function openCluster(map, event) {
    const cluster = event.layer;
    const bounds = cluster.getBounds();
    if (bounds.getNorthEast().equals(bounds.getSouthWest()) || map.getBoundsZoom(bounds) >= map.getMaxZoom() || map.getZoom() >= map.getMaxZoom()) {
      cluster.spiderfy();
    } else {
      cluster.zoomToBounds({ padding: [40, 40] });
    }
  }

  /* A cluster wears the colour of its most frequent event type, as the legend shows it. */
  function clusterIcon(cluster) {
    const counts = {};
    for (const marker of cluster.getAllChildMarkers()) counts[marker.options.eventType] = (counts[marker.options.eventType] || 0) + 1;
    const main = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    const total = cluster.getChildCount();
    const size = Math.round(28 + Math.min(24, Math.log10(total + 1) * 10));
    const label = el("span", { className: "cluster-count", title: total + " events, mostly " + main }, String(total));
    label.style.backgroundColor = typeColor(main); // CSSOM: allowed by the page's CSP
    return L.divIcon({ html: label, className: "marker-cluster type-cluster", iconSize: [size, size] });
  }

  /* Go to a place by name: the places the stored documents name, as the user types. */
  function placeSearch(map, input, options) {
    if (!input) return;
    let found = [];
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const term = input.value.trim();
        const match = found.find((place) => place.value === term);
        if (match) {
          map.setView([match.lat, match.lon], ZOOM_OF_FEATURE[match.feature] || 10);
          return;
        }
        if (term.length < 2) return;
        const answer = await getJSON("/api/place-suggestions", "q=" + encodeURIComponent(term) + "&limit=12").catch(() => null);
        if (!answer) return;
        found = answer.items; // the documents' places, then the gazetteer's, each written with its division and country
        options.replaceChildren(...found.map((place) => {
          const option = document.createElement("option");
          option.value = place.value;
          option.label = place.label;
          return option;
        }));
      }, 150);
    });
  }

  const ZOOM_OF_FEATURE = { country: 5, admin1: 7, region: 7, admin2: 9 };

  function noun(answer) {
    return answer.view === "reports" ? "event reports" : "events";
  }

  function countryNote(answer) {
    // Known only to their country: a point would claim a place the text does not give.
    return answer.country_level ? " (" + answer.country_level + " known only by country or a wider region, not drawn)" : "";
  }

  document.addEventListener("DOMContentLoaded", () => {
    const container = document.getElementById("map");
    const query = container.dataset.query || "";
    const status = document.getElementById("map-status");
    const map = L.map(container, { worldCopyJump: true, minZoom: 2, maxZoom: 13, preferCanvas: false }).setView([30, 20], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth · Names: GeoNames");
    // Panes, bottom to top: the countries, their divisions (shaded), the events.
    map.createPane("basemap").style.zIndex = 250;
    map.createPane("divisions").style.zIndex = 350;
    map.createPane("placenames").style.zIndex = 360;
    map.getPane("placenames").style.pointerEvents = "none";
    const names = L.layerGroup().addTo(map);
    const nameTheView = () => placeNames(map, names);
    const divisions = L.layerGroup().addTo(map);
    const points = L.markerClusterGroup({
      chunkedLoading: true, maxClusterRadius: 40, showCoverageOnHover: false,
      spiderfyOnMaxZoom: false, zoomToBoundsOnClick: false, iconCreateFunction: clusterIcon,
    });
    points.on("clusterclick", (event) => openCluster(map, event));
    const shading = document.getElementById("shade-by");
    const shade = () => drawAreas(map, divisions, query, shading.value)
      .catch((error) => { status.textContent = "divisions: " + error.message; });
    shading.addEventListener("change", shade);
    placeSearch(map, document.getElementById("place-search"), document.getElementById("place-options"));
    const cells = L.layerGroup();
    points.addTo(map);
    cells.addTo(map);
    let fitted = false;
    let latest = 0;

    async function load() {
      const ticket = ++latest;
      // a group per 64 screen pixels: 360 degrees span 256 * 2^zoom pixels
      const cell = (64 * 360 / (256 * Math.pow(2, map.getZoom()))).toFixed(5);
      const params = joinQuery(query, fitted ? "bbox=" + bboxOf(map) : "", "cell=" + cell);
      let answer;
      try {
        answer = await getJSON("/api/map", params);
      } catch (error) {
        status.textContent = error.message;
        return;
      }
      if (ticket !== latest) return; // a newer view was asked for meanwhile
      points.clearLayers();
      cells.clearLayers();
      if (answer.mode === "events") {
        points.addLayers(answer.items.map(pointMarker));
        legend(document.getElementById("map-legend"), Array.from(new Set(answer.items.map((item) => item.type))).sort());
        status.textContent = answer.events + " " + noun(answer) + " with a place" + (fitted ? " in view" : "") + countryNote(answer);
      } else {
        answer.items.forEach((item) => cells.addLayer(cellMarker(map, item)));
        status.textContent = answer.events + " " + noun(answer) + " in view, grouped: zoom in or click a group" + countryNote(answer);
      }
      if (!fitted) {
        fitted = true;
        const located = answer.items.map((item) => [item.lat, item.lon]);
        if (located.length) map.fitBounds(located, { maxZoom: 8, padding: [30, 30] });
      }
    }

    window.polemosMap = map;
    window.polemosPoints = points;
    basemap(map).catch((error) => { status.textContent = "basemap: " + error.message; });
    shade();
    load().then(() => map.on("moveend", load));
    map.on("moveend", nameTheView);
    nameTheView();
  });
})();
