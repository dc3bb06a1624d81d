/* Events page: "new since your last visit". The time of the last visit is kept in this browser
   only; the server is asked which canonical events of the current filter documents ingested
   since then told of. */
"use strict";

(function () {
  const VISIT_KEY = "polemos.lastVisit";
  const { el, getJSON, chip, dateText } = window.polemos;

  async function show(section, since) {
    const params = new URLSearchParams(section.dataset.query || "");
    params.set("after", since);
    const answer = await getJSON("/api/new-since", params.toString());
    if (!answer.total) return;
    const list = el("ul", { className: "new-events" });
    for (const event of answer.items) {
      list.appendChild(el("li", {}, el("a", { href: "/canonical/" + encodeURIComponent(event.id) }, dateText(event)), " ",
        chip(event.type), " ", event.place_name || ""));
    }
    section.replaceChildren(el("h2", {}, answer.total + " new since your last visit",
      el("span", { className: "muted small" }, " (" + answer.after + ")")), list);
    section.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const section = document.getElementById("new-since");
    if (!section) return;
    const since = localStorage.getItem(VISIT_KEY);
    localStorage.setItem(VISIT_KEY, new Date().toISOString().slice(0, 19) + "Z");
    if (since) show(section, since).catch(() => {});
  });
})();
