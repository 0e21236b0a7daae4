// factcheck's only script: no inline code anywhere, so the Content-Security-Policy can forbid it.
"use strict";

// Offsets are counted in Unicode code points, as the server stores them;
// JavaScript strings count UTF-16 units, which differ for astral characters.
function codePoints(text) {
  return Array.from(text).length;
}

function offsetWithin(container, node, offset) {
  const range = document.createRange();
  range.selectNodeContents(container);
  range.setEnd(node, offset);
  return codePoints(range.toString());
}

function setUpSelection() {
  const text = document.getElementById("article-text");
  const link = document.getElementById("log-selection");
  if (!text || !link) return;
  const preview = document.getElementById("selection-preview");
  const reset = () => {
    link.href = link.dataset.base;
    link.setAttribute("aria-disabled", "true");
    preview.textContent = "";
  };
  // A collapsed selection keeps the last one (clicking the link collapses it); a selection
  // that runs past the text is cut at the text's edge; one beside the text clears the link.
  const update = () => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0).cloneRange();
    if (!range.intersectsNode(text)) return reset();
    if (!text.contains(range.startContainer)) range.setStart(text, 0);
    if (!text.contains(range.endContainer)) range.setEnd(text, text.childNodes.length);
    const start = offsetWithin(text, range.startContainer, range.startOffset);
    const end = offsetWithin(text, range.endContainer, range.endOffset);
    if (end <= start) return reset();
    link.href = link.dataset.base + "?start=" + start + "&end=" + end;
    link.setAttribute("aria-disabled", "false");
    preview.textContent = "“" + range.toString() + "”";
  };
  document.addEventListener("selectionchange", update);
  text.addEventListener("mouseup", update);
  text.addEventListener("keyup", update);
  // A highlight opens its claim when clicked without selecting anything.
  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-href]");
    const selection = window.getSelection();
    if (mark && (!selection || selection.isCollapsed)) window.location.href = mark.dataset.href;
  });
}

// The event page asks every two seconds whether its results changed (a background
// job finished) and swaps the new results in, keeping the rest of the page as it is.
function setUpLiveResults() {
  const live = document.getElementById("live");
  if (!live) return;
  const progress = document.getElementById("job-progress");
  let state = live.dataset.state;
  const poll = async () => {
    try {
      const response = await fetch(live.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const status = await response.json();
        const job = status.job;
        if (job && (job.status === "queued" || job.status === "running")) {
          // The words come from the page, in its language (templates/events/show.html).
          const words = live.dataset;
          const what = job.kind === "report" ? words.wordReport : words.wordRebuild;
          const phase = job.status === "queued" ? words.wordQueued : words.wordRunning;
          // A rebuild's plan counts its groups step by step: until it is complete, the total grows.
          const counting = job.counting ? " " + words.wordCounting : "";
          progress.textContent = what + " " + phase + ": " + job.done + "/" + (job.total ?? "?") + counting;
        } else if (status.pending_groups > 0) {
          progress.textContent = live.dataset.wordPending.replace("{count}", status.pending_groups);
        } else {
          progress.textContent = "";
        }
        const reports = document.getElementById("report-list");
        if (reports && status.reports !== reports.dataset.state) {
          const list = await fetch(reports.dataset.url);
          if (list.ok) {
            reports.innerHTML = await list.text();
            reports.dataset.state = status.reports;
          }
        }
        if (status.state !== state) {
          const fragment = await fetch(live.dataset.resultsUrl);
          if (fragment.ok) {
            document.getElementById("results").innerHTML = await fragment.text();
            state = status.state;
            live.dataset.state = state;
          }
        }
      }
    } finally {
      window.setTimeout(poll, 2000);
    }
  };
  window.setTimeout(poll, 2000);
}

// The article page asks every second whether the extraction assistant has read the
// article yet, and swaps the suggestions in when it has (or shows why it could not).
function setUpLiveSuggestions() {
  const section = document.getElementById("suggestions");
  if (!section || section.dataset.state !== "queued") return;
  const started = Date.now();
  const poll = async () => {
    let again = true;
    try {
      const response = await fetch(section.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const status = await response.json();
        if (status.status !== "queued") {
          const fragment = await fetch(section.dataset.url);
          if (fragment.ok) {
            section.innerHTML = await fragment.text();
            section.dataset.state = status.status;
            again = false;
          }
        } else if (Date.now() - started > 120000) {
          const progress = document.getElementById("suggestion-progress");
          if (progress) progress.textContent = section.dataset.stuck || "";
        }
      }
    } finally {
      if (again) window.setTimeout(poll, 1000);
    }
  };
  window.setTimeout(poll, 1000);
}

// "Select all on this page" ticks (or clears) every suggestion's box; it works on a swapped-in section too.
function setUpSelectAll() {
  document.addEventListener("change", (event) => {
    if (event.target.id !== "select-all-suggestions") return;
    for (const box of document.querySelectorAll('input[name="suggestion"][form="bulk-suggestions"]')) {
      box.checked = event.target.checked;
    }
  });
}

// The article form: once an outlet is picked, the empty offset box shows the zone of the
// outlet's country, which a time typed without an offset is read in (services/articles.py).
function setUpOutletZone() {
  const data = document.getElementById("outlet-zones");
  const outlet = document.getElementById("outlet_id");
  const offset = document.getElementById("utc_offset");
  if (!data || !outlet || !offset) return;
  const zones = JSON.parse(data.dataset.zones);
  const fallback = offset.placeholder;
  const show = () => {
    const found = zones[outlet.value];
    offset.placeholder = found
      ? data.dataset.hint.replace("{offset}", found.offset).replace("{zone}", found.zone)
      : fallback;
  };
  outlet.addEventListener("change", show);
  show();
}

document.addEventListener("DOMContentLoaded", () => {
  setUpSelection();
  setUpLiveResults();
  setUpLiveSuggestions();
  setUpSelectAll();
  setUpOutletZone();
});
