// Search as you type for <select data-lookup="/lookup/…">: the form lists only the likely
// records; typing asks the server for the others. Without this script the select still works.
"use strict";

function setUpLookup(select) {
  const box = document.createElement("input");
  box.type = "search";
  box.className = "lookup";
  // The words come from the page, in the reader's language (data-lookup-hint).
  box.placeholder = select.dataset.lookupHint || "";
  // Named by the hint alone; it controls the field next to it, whose label names that.
  box.setAttribute("aria-label", select.dataset.lookupHint || "");
  box.setAttribute("aria-controls", select.id);
  select.parentNode.insertBefore(box, select);
  let timer = null;
  let asked = 0;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const url = new URL(select.dataset.lookup, window.location.href);
      url.searchParams.set("q", box.value);
      const ticket = ++asked;
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok || ticket !== asked) return; // a later keystroke's answer wins
      const found = await response.json();
      const keep = Array.from(select.options).filter((o) => o.value === "" || o.selected);
      select.replaceChildren(...keep);
      for (const row of found) {
        if (keep.some((o) => o.value === String(row.id))) continue;
        select.add(new Option(row.name, String(row.id)));
      }
      if (found.length && !keep.some((o) => o.selected && o.value !== "")) {
        select.value = String(found[0].id);
      }
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }, 200);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-lookup]").forEach(setUpLookup);
});
