// Skilltree's only script: status buttons update the page in place instead of reloading it.
// Without JavaScript the same forms post and redirect back, so nothing depends on this file.
"use strict";

const STATUS_LABELS = { not_started: "Not started", learning: "Learning", done: "Done", skipped: "Skipped" };

function updateButtons(form, status) {
  for (const button of form.querySelectorAll("button[name=status]")) {
    button.setAttribute("aria-pressed", String(button.value === status));
  }
}

function updateCard(topicId, status) {
  const card = document.getElementById("topic-" + topicId);
  const holder = card || document.querySelector(".topic-status");
  if (!holder) return;
  holder.className = holder.className.replace(/\bstatus-\w+/, "status-" + status);
  const label = holder.querySelector("[data-field=status]");
  if (label) label.textContent = STATUS_LABELS[status];
}

function updateProgress(progress) {
  const overall = document.querySelector("[data-progress=overall]");
  if (overall) setBar(overall, progress.percent, progress.minutes_left);
  progress.sections.forEach((section, index) => {
    const line = document.querySelector("[data-progress=section-" + index + "]");
    if (line) setBar(line, section.percent);
  });
  for (const card of document.querySelectorAll(".topic-card.is-next")) card.classList.remove("is-next");
  const next = document.querySelector("[data-field=next]");
  if (progress.next) {
    const card = document.getElementById("topic-" + progress.next.id);
    if (card) card.classList.add("is-next");
  }
  if (next) {
    next.textContent = "";
    if (progress.next) {
      const link = document.createElement("a");
      link.href = "/topics/" + progress.next.id;
      link.textContent = progress.next.title;
      next.append("Next up: ", link);
    } else {
      next.textContent = "Nothing left to start on this path.";
    }
  }
}

// Rewrite each card's "Needs first" line from the server's answer.
function updateBlocked(blocked) {
  for (const [topicId, waitingOn] of Object.entries(blocked)) {
    const main = document.querySelector("#topic-" + topicId + " .topic-main");
    if (!main) continue;
    let line = main.querySelector(".blocked");
    if (!waitingOn.length) { if (line) line.remove(); continue; }
    if (!line) { line = document.createElement("p"); line.className = "blocked"; main.append(line); }
    line.textContent = "Needs first: ";
    waitingOn.forEach((topic, index) => {
      const link = document.createElement("a");
      link.href = "/topics/" + topic.id;
      link.textContent = topic.title;
      line.append(index ? ", " : "", link);
    });
  }
}

function setBar(line, percent, minutesLeft) {
  const bar = line.querySelector("progress");
  if (bar) { bar.value = percent; bar.textContent = percent + "%"; }
  const text = line.querySelector("[data-field=percent]");
  if (text) text.textContent = percent;
  const minutes = line.querySelector("[data-field=minutes_left]");
  if (minutes && minutesLeft !== undefined) minutes.textContent = minutesLeft;
}

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.classList.contains("status-form")) return;
  const button = event.submitter;
  if (!button || button.name !== "status") return;
  event.preventDefault();
  const data = new FormData(form);
  data.set("status", button.value);
  form.classList.add("busy");
  try {
    const response = await fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error("status " + response.status);
    const answer = await response.json();
    updateButtons(form, answer.status);
    updateCard(answer.topic, answer.status);
    if (answer.path) updateProgress(answer.path);
    if (answer.blocked) updateBlocked(answer.blocked);
  } catch (error) {
    // Fall back to the plain form post, which shows any error as a page. submit() sends no
    // button value, so the chosen status goes in a hidden field.
    const chosen = document.createElement("input");
    chosen.type = "hidden";
    chosen.name = "status";
    chosen.value = button.value;
    form.append(chosen);
    form.submit();
  } finally {
    form.classList.remove("busy");
  }
});

// "/" focuses the search box: the search page's own, or the one in the header.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.target.closest("input, textarea, select")) return;
  const search = document.querySelector("[data-live-search]") || document.querySelector("input[type=search]");
  if (search) { event.preventDefault(); search.focus(); }
});

// Results as you type on the search page, from the JSON API, a moment after the last key.
const liveSearch = document.querySelector("[data-live-search]");
if (liveSearch) {
  const results = document.getElementById("search-results");
  let timer = null;
  let latest = 0;
  liveSearch.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = liveSearch.value.trim();
      const asked = ++latest;
      history.replaceState(null, "", query ? "/search?q=" + encodeURIComponent(query) : "/search");
      if (!query) { results.textContent = ""; return; }
      const response = await fetch("/api/v1/search?limit=20&q=" + encodeURIComponent(query));
      if (!response.ok || asked !== latest) return; // a newer query is on its way
      showResults(results, query, (await response.json()).results);
    }, 200);
  });
}

function showResults(container, query, hits) {
  container.textContent = "";
  if (!hits.length) {
    const none = document.createElement("p");
    none.textContent = "No topic matches \u201c" + query + "\u201d. Try fewer or other words.";
    container.append(none);
    return;
  }
  const list = document.createElement("ol");
  list.className = "search-results";
  for (const hit of hits) {
    const item = document.createElement("li");
    item.className = "card";
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = "/topics/" + hit.id;
    link.textContent = hit.title;
    heading.append(link);
    const snippet = document.createElement("p");
    snippet.className = "snippet";
    // The API marks matches with **; every piece is inserted as text, never as HTML.
    hit.snippet.split("**").forEach((piece, index) => {
      if (index % 2) { const mark = document.createElement("mark"); mark.textContent = piece; snippet.append(mark); }
      else snippet.append(piece);
    });
    const meta = document.createElement("p");
    meta.className = "meta";
    const minutes = container.dataset.showMinutes === "true" ? " \u00b7 " + hit.minutes + " min" : "";
    meta.textContent = hit.level + minutes;
    item.append(heading, snippet, meta);
    list.append(item);
  }
  container.append(list);
}
