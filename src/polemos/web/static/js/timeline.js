/* The timeline: a histogram of events per day, ISO week, month or year stacked by type, and below it
   the events known only to a span of days drawn as bars. Built as SVG with DOM calls. */
"use strict";

(function () {
  const { el, getJSON, joinQuery, legend, typeColor, readerLink } = window.polemos;
  const SVG = "http://www.w3.org/2000/svg";
  // The narrowest period drawn, in pixels: bars stay visible and the chart scrolls instead.
  const MIN_STEP = 8;
  const WIDEST_BAR = 64;

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
    children.forEach((child) => node.appendChild(typeof child === "string" ? document.createTextNode(child) : child));
    return node;
  }

  function periodRange(period, granularity) {
    if (granularity === "year") return [period + "-01-01", period + "-12-31"];
    if (granularity === "week") {  // ISO 8601: week 1 holds 4 January; weeks run Monday to Sunday
      const [year, week] = [Number(period.slice(0, 4)), Number(period.slice(6))];
      const fourth = new Date(Date.UTC(year, 0, 4));
      const monday = new Date(fourth.getTime() - ((fourth.getUTCDay() + 6) % 7) * 86400000 + (week - 1) * 7 * 86400000);
      const sunday = new Date(monday.getTime() + 6 * 86400000);
      return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
    }
    if (granularity === "month") {
      const [year, month] = period.split("-").map(Number);
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      return [period + "-01", period + "-" + String(last).padStart(2, "0")];
    }
    return [period, period];
  }

  function histogram(container, answer, query) {
    const buckets = answer.items;
    if (!buckets.length) {
      container.replaceChildren(el("p", { className: "muted" }, "No dated events match this filter."));
      return [];
    }
    const types = Array.from(new Set(buckets.flatMap((b) => Object.keys(b.types)))).sort();
    const height = 260, top = 10, bottom = 40, left = 40;
    const { step, bar, width } = periodLayout(container, buckets.length, left);
    const highest = Math.max(1, ...buckets.map((b) => b.total + b.spanning + (b.not_happened || 0)));
    const scale = (height - top - bottom) / highest;
    const chart = svg("svg", { width: width, height: height, role: "img", "aria-label": "events per " + answer.granularity });
    chart.appendChild(svg("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#9aa5ae" }));
    const labelEvery = Math.ceil(labelWidth(buckets) / step);
    buckets.forEach((bucket, index) => {
      const x = left + index * step + (step - bar) / 2 - 1;
      let y = height - bottom;
      const [since, until] = periodRange(bucket.period, answer.granularity);
      const link = svg("a", { href: "/events?" + joinQuery(query, "since=" + since, "until=" + until) });
      for (const type of types) {
        const count = bucket.types[type] || 0;
        if (!count) continue;
        const h = count * scale;
        y -= h;
        link.appendChild(svg("rect", { class: "bar", x: x + 1, y: y, width: bar, height: h, fill: typeColor(type) },
          svg("title", {}, bucket.period + " · " + type + ": " + count)));
      }
      if (bucket.spanning) {
        const h = bucket.spanning * scale;
        y -= h;
        link.appendChild(svg("rect", { class: "bar spanning", x: x + 1, y: y, width: bar, height: h,
          fill: "none", stroke: "#7f8c8d", "stroke-dasharray": "3,2" },
          svg("title", {}, bucket.period + " · " + bucket.spanning + " events starting here and lasting longer")));
      }
      if (bucket.not_happened) {  // announced, possible or denied: drawn apart, never as events that happened
        const h = bucket.not_happened * scale;
        y -= h;
        link.appendChild(svg("rect", { class: "bar not-happened", x: x + 1, y: y, width: bar, height: h,
          fill: "none", stroke: "#1d4f86", "stroke-dasharray": "1,3" },
          svg("title", {}, bucket.period + " · " + bucket.not_happened + " events not said to have happened (future, hypothetical, negated)")));
      }
      chart.appendChild(link);
      if (index % labelEvery === 0) {
        chart.appendChild(periodLabel(left + index * step, step, labelEvery, height - bottom + 14, bucket.period));
      }
    });
    chart.appendChild(pinnedScale(container, left, height, highest));
    container.replaceChildren(chart);
    showLatest(container);
    return types;
  }

  // A year outside these is a misreading: it never stretches the axis (the histogram counts it apart).
  const plausible = (text) => text >= "1900" && text < "2101";

  function ranges(container, events) {
    const spans = events.filter((e) => e.date && e.date.begin && e.date.end && e.date.begin !== e.date.end
      && plausible(e.date.begin) && plausible(e.date.end));
    if (!spans.length) {
      container.replaceChildren(el("p", { className: "muted" }, "No event in this view is known only to a range of dates."));
      return;
    }
    const day = (text) => Date.parse(text + "T00:00:00Z") / 86400000;
    const first = Math.min(...spans.map((e) => day(e.date.begin)));
    const last = Math.max(...spans.map((e) => day(e.date.end))) + 1;
    const row = 18, left = 230, width = 1100;
    const scale = (width - left - 10) / Math.max(1, last - first);
    const chart = svg("svg", { width: width, height: row * spans.length + 24, role: "img", "aria-label": "event date ranges" });
    chart.appendChild(svg("text", { x: left, y: 12 }, spans.reduce((a, e) => (e.date.begin < a ? e.date.begin : a), spans[0].date.begin)));
    spans.forEach((event, index) => {
      const y = 20 + index * row;
      const x = left + (day(event.date.begin) - first) * scale;
      const w = Math.max(3, (day(event.date.end) + 1 - day(event.date.begin)) * scale);
      const happened = !event.modality || event.modality === "asserted";
      const kind = happened ? event.type : event.type + " [" + event.modality.toUpperCase() + "]";
      const bar = happened ? { fill: typeColor(event.type) } : { fill: "none", stroke: typeColor(event.type), "stroke-dasharray": "1,3" };
      const link = svg("a", { href: event.doc_id ? readerLink(event) : "/canonical/" + encodeURIComponent(event.id) },
        svg("text", { x: 2, y: y + 11 }, (kind + " · " + (event.place_name || "") + " · " + event.date.begin + " – " + event.date.end).slice(0, 40)),
        svg("rect", { class: "bar", x: x, y: y, width: w, height: row - 5, ...bar },
          svg("title", {}, event.type + ": " + event.date.begin + " – " + event.date.end + " · " + (event.actor_names || []).join(", "))));
      chart.appendChild(link);
    });
    container.replaceChildren(chart);
  }

  /* Deaths per period, stacked by type, on the same periods as the histogram. */
  function fatalities(container, answer) {
    const buckets = answer.items;
    const highest = Math.max(0, ...buckets.map((b) => b.fatalities || 0));
    if (!highest) {
      container.replaceChildren(el("p", { className: "muted" }, "No deaths reported for the dated events of this view."));
      return;
    }
    const height = 160, top = 10, bottom = 24, left = 40;
    const { step, bar, width } = periodLayout(container, buckets.length, left);
    const scale = (height - top - bottom) / highest;
    const chart = svg("svg", { width: width, height: height, role: "img", "aria-label": "deaths per " + answer.granularity });
    chart.appendChild(svg("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#9aa5ae" }));
    const labelEvery = Math.ceil(labelWidth(buckets) / step);
    buckets.forEach((bucket, index) => {
      if (index % labelEvery === 0) chart.appendChild(periodLabel(left + index * step, step, labelEvery, height - bottom + 14, bucket.period));
      let y = height - bottom;
      for (const [type, dead] of Object.entries(bucket.fatalities_by_type || {}).sort()) {
        if (!dead) continue;
        const h = dead * scale;
        y -= h;
        chart.appendChild(svg("rect", { class: "bar", x: left + index * step + (step - bar) / 2, y: y, width: bar, height: h,
          fill: typeColor(type) }, svg("title", {}, bucket.period + " · " + type + ": " + dead + " dead")));
      }
    });
    chart.appendChild(pinnedScale(container, left, height, highest));
    container.replaceChildren(chart);
    showLatest(container);
  }

  /* Where each period goes: the periods share the box's width (few months fill the panel instead
     of its left half), each at least MIN_STEP pixels, so many periods scroll; a bar keeps a gap
     to its neighbours and grows no wider than WIDEST_BAR, so three periods are not three slabs. */
  function periodLayout(container, count, left) {
    const inner = container.clientWidth - parseFloat(getComputedStyle(container).paddingLeft)
      - parseFloat(getComputedStyle(container).paddingRight);
    const step = Math.max(MIN_STEP, Math.floor((inner - left - 10) / count));
    const bar = Math.max(2, Math.min(WIDEST_BAR, Math.round(step * 0.8), step - 2));
    return { step: step, bar: bar, width: left + step * count + 10 };
  }

  /* Room for one period's name and a gap (a day's '2023-09-16' takes some 60 px at 11 px). */
  function labelWidth(buckets) {
    return 6.5 * Math.max(...buckets.map((b) => b.period.length)) + 12;
  }

  /* A period's name: under its bar when every period is named, else from its left edge. */
  function periodLabel(x, step, labelEvery, y, text) {
    return labelEvery === 1 ? svg("text", { x: x + step / 2, y: y, "text-anchor": "middle" }, text) : svg("text", { x: x, y: y }, text);
  }

  /* The scale's highest count, kept in view at the box's left edge when the chart scrolls (on a
     white ground, so bars passing under it do not blur it). */
  function pinnedScale(container, left, height, highest) {
    const pin = svg("g", { class: "scale-pin" },
      svg("rect", { x: 0, y: 0, width: left - 2, height: height, fill: "#fff" }),
      svg("text", { class: "scale-max", x: 2, y: 20 }, String(highest)));
    // The box's padding scrolls away first: the pin keeps to the box's inner left edge.
    const padding = parseFloat(getComputedStyle(container).paddingLeft) || 0;
    container.pinnedScale = () => pin.setAttribute("transform", "translate(" + Math.max(0, container.scrollLeft - padding) + ",0)");
    if (!container.dataset.scalePinned) {  // one listener however often the chart is redrawn
      container.addEventListener("scroll", () => container.pinnedScale());
      container.dataset.scalePinned = "yes";
    }
    return pin;
  }

  /* A chart wider than its box opens on its latest periods: a few old dates (a war recalled
     decades later) would otherwise leave the box showing empty years and the recent events off
     to the right. */
  function showLatest(container) {
    container.scrollLeft = container.scrollWidth;
    if (container.pinnedScale) container.pinnedScale();
  }

  /* The events and the deaths charts share their periods: scrolling one scrolls the other. */
  function scrollTogether(first, second) {
    const follow = (from, to) => from.addEventListener("scroll", () => {
      if (Math.abs(to.scrollLeft - from.scrollLeft) > 1) to.scrollLeft = from.scrollLeft;
    });
    follow(first, second);
    follow(second, first);
  }

  /* Each country's (or division's) latest period against the periods before, unusual rises first. */
  async function trendTable(container, query, granularity, by) {
    const answer = await getJSON("/api/trends", joinQuery(query, "granularity=" + granularity, "baseline=8", "by=" + by));
    if (!answer.period) {
      container.replaceChildren(el("p", { className: "muted" }, "No dated events that happened match this filter"
        + (by === "admin1" ? " in a division (only events placed precisely enough count in one)." : ".")));
      return;
    }
    const rows = answer.items.slice(0, 30).map((item) => el("tr", { className: item.unusual ? "unusual" : "" },
      el("td", {}, by === "admin1" ? divisionLink(query, item) : item.country || "unknown country"),
      el("td", { className: "num" }, String(item.events)),
      el("td", { className: "num" }, item.baseline_mean.toFixed(1) + " ± " + item.baseline_deviation.toFixed(1)),
      el("td", { className: "num" }, (item.change > 0 ? "+" : "") + item.change.toFixed(1)),
      el("td", {}, item.unusual ? "unusual rise" : "")));
    container.replaceChildren(
      el("p", { className: "muted small" }, answer.period + " against the " + answer.baseline.length + " " + answer.granularity
        + "s before (" + (answer.baseline[0] || "") + " – " + (answer.baseline[answer.baseline.length - 1] || "") + "); " + answer.rule + "."),
      el("table", { className: "data trends-table" },
        el("thead", {}, el("tr", {}, el("th", {}, by === "admin1" ? "division" : "country"), el("th", { className: "num" }, answer.period),
          el("th", { className: "num" }, "mean ± deviation before"), el("th", { className: "num" }, "change"), el("th", {}, ""))),
        el("tbody", {}, ...rows)));
  }

  /* A division leads to its events: the current filter narrowed to it. */
  function divisionLink(query, item) {
    const params = new URLSearchParams(query);
    params.set("admin1", item.admin1);
    return el("a", { href: "/events?" + params.toString() }, item.division + (item.country ? " (" + item.country + ")" : ""));
  }

  async function draw() {
    const container = document.getElementById("timeline");
    const query = container.dataset.query || "";
    const granularity = document.getElementById("granularity").value;
    const status = document.getElementById("timeline-status");
    try {
      const answer = await getJSON("/api/timeline", joinQuery(query, "granularity=" + granularity, "limit=500"));
      const types = histogram(container, answer, query);
      legend(document.getElementById("timeline-legend"), types);
      fatalities(document.getElementById("fatalities"), answer);
      const notHappened = answer.items.reduce((n, b) => n + (b.not_happened || 0), 0);
      const noun = answer.view === "reports" ? " dated event reports" : " dated events";
      status.textContent = answer.items.reduce((n, b) => n + b.total + b.spanning, 0) + noun +
        (notHappened ? ", " + notHappened + " more not said to have happened (dotted)" : "") +
        (answer.undated ? ", " + answer.undated + " undated" : "") +
        (answer.implausible ? ", " + answer.implausible + " with an impossible year (left out)" : "") +
        (answer.total > answer.items.length ? " (first " + answer.items.length + " periods)" : "");
      await trendTable(document.getElementById("trends"), query, granularity, document.getElementById("trends-by").value);
      const listing = answer.view === "reports" ? "/api/events" : "/api/canonical-events";
      const events = await getJSON(listing, joinQuery(query, "limit=500"));
      ranges(document.getElementById("ranges"), events.items);
    } catch (error) {
      status.textContent = error.message;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("granularity").addEventListener("change", draw);
    document.getElementById("trends-by").addEventListener("change", draw);
    scrollTogether(document.getElementById("timeline"), document.getElementById("fatalities"));
    draw();
  });
})();
