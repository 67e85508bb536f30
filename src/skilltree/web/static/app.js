// Skilltree's only script: status buttons update the page in place instead of reloading it, and
// search shows results as you type. Without JavaScript the same forms post and redirect back, so
// nothing depends on this file. Every piece of data goes into the page as text, never as HTML.
"use strict";

// The words for each status come from the page, which has them from the one list on the server.
const STATUS_LABELS = JSON.parse(document.body.dataset.statusLabels || "{}");

function updateButtons(form, status) {
  for (const button of form.querySelectorAll("button[name=status]")) {
    // Reset, whose value is the not-started status, is disabled while there is nothing to reset.
    if (button.hasAttribute("data-reset")) button.setAttribute("aria-disabled", String(status === button.value));
    else button.setAttribute("aria-pressed", String(button.value === status));
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

// A screen reader hears what changed, since the page did not reload: the topic's new status,
// and on a roadmap the progress and the next topic.
function announce(title, status, progress) {
  const announcer = document.getElementById("announcer");
  if (!announcer) return;
  let text = title + ": " + STATUS_LABELS[status] + ".";
  if (progress) {
    text += " " + progress.percent + "% of this path done.";
    text += progress.next ? " Next up: " + progress.next.title + "." : " Nothing left to start on this path.";
  }
  announcer.textContent = text;
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
  if (button.getAttribute("aria-disabled") === "true") return;  // Reset with nothing to reset
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
    announce(form.dataset.title, answer.status, answer.path);
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

// Results as you type on the search page, a moment after the last key. They come from the page's
// own JSON twin, /search/results, which knows the signed-in learner from the session cookie.
const liveSearch = document.querySelector("[data-live-search]");
if (liveSearch) {
  const results = document.getElementById("search-results");
  const noteResults = document.getElementById("note-results");
  const count = document.getElementById("search-count");
  let timer = null;
  let latest = 0;
  liveSearch.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = liveSearch.value.trim();
      const asked = ++latest;
      history.replaceState(null, "", query ? "/search?q=" + encodeURIComponent(query) : "/search");
      if (!query) { results.textContent = ""; noteResults.textContent = ""; count.textContent = ""; return; }
      let answer = null;
      try {
        const response = await fetch("/search/results?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } });
        if (response.ok) answer = await response.json();
      } catch (error) {
        // Offline or the server is gone: said below, like a refusal.
      }
      if (asked !== latest) return; // a newer query is on its way
      if (!answer) {
        // Never leave the results of an older query standing as if they answered this one.
        results.textContent = "";
        noteResults.textContent = "";
        count.textContent = "Search is not answering right now. Press Search to try again.";
        return;
      }
      showResults(results, count, query, answer.results, answer.corrected_query);
      showNotes(noteResults, answer.notes);
    }, 200);
  });
}

function resultCount(total) {
  return total + (total === 1 ? " result" : " results");
}

function textElement(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

// Matches come marked with **.
function markedSnippet(text) {
  const snippet = document.createElement("p");
  snippet.className = "snippet";
  text.split("**").forEach((piece, index) => {
    if (!piece) return;
    snippet.append(index % 2 ? textElement("mark", "", piece) : piece);
  });
  return snippet;
}

// The learner's own notes, apart from the topics, as search.html shows them.
function showNotes(container, notes) {
  container.textContent = "";
  if (!notes.length) return;
  container.append(textElement("h2", "", "Your notes"));
  const list = document.createElement("ul");
  list.className = "search-results note-results";
  for (const hit of notes) {
    const item = document.createElement("li");
    item.className = "card own-note";
    const heading = document.createElement("h3");
    const link = textElement("a", "", hit.title);
    link.href = "/topics/" + encodeURIComponent(hit.topic) + "#note";
    heading.append(link, " ", textElement("span", "tag", "your note"));
    item.append(heading, markedSnippet(hit.snippet));
    list.append(item);
  }
  container.append(list);
}

// The same result cards as the page without JavaScript (search.html).
function showResults(container, count, query, hits, correctedQuery) {
  container.textContent = "";
  count.textContent = resultCount(hits.length);
  if (correctedQuery) {
    container.append(textElement("p", "hint corrected-query", "Showing results for \u201c" + correctedQuery + "\u201d"));
  }
  if (!hits.length) {
    container.append(textElement("p", "", "No topic matches \u201c" + query + "\u201d. Try fewer or other words."));
    return;
  }
  const list = document.createElement("ol");
  list.className = "search-results";
  for (const hit of hits) {
    const item = document.createElement("li");
    item.className = "card";
    const heading = document.createElement("h2");
    const link = textElement("a", "", hit.title);
    link.href = "/topics/" + encodeURIComponent(hit.id);
    heading.append(link);
    const snippet = markedSnippet(hit.snippet);
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.append(textElement("span", "level level-" + hit.level, hit.level));
    if (container.dataset.showMinutes === "true") meta.append(textElement("span", "", hit.minutes + " min"));
    if (hit.status) meta.append(textElement("span", "status-label", STATUS_LABELS[hit.status]));
    for (const path of hit.paths) {
      const tag = textElement("a", "tag", path.title);
      tag.href = "/paths/" + encodeURIComponent(path.id);
      meta.append(tag);
    }
    item.append(heading, snippet, meta);
    list.append(item);
  }
  container.append(list);
}

// A roadmap's folded and unfolded sections stay as the reader left them, in this browser.
const SECTION_STATE_KEY = "skilltree.sections";
function sectionStates() {
  try { return JSON.parse(localStorage.getItem(SECTION_STATE_KEY)) || {}; } catch (error) { return {}; }
}
const foldable = document.querySelectorAll("details[data-section]");
if (foldable.length) {
  const saved = sectionStates();
  for (const section of foldable) {
    const key = section.dataset.section;
    if (key in saved) section.open = saved[key];
    section.addEventListener("toggle", () => {
      const states = sectionStates();
      states[key] = section.open;
      try { localStorage.setItem(SECTION_STATE_KEY, JSON.stringify(states)); } catch (error) { /* private mode: not kept */ }
    });
  }
}

// A link to a topic in a folded section ("Jump to next up") unfolds it first.
function unfoldTarget() {
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const section = target && target.closest("details");
  if (section && !section.open) { section.open = true; target.scrollIntoView(); }
}
window.addEventListener("hashchange", unfoldTarget);
unfoldTarget();
// The review page: "Show answer" opens the answer in place (without a script it posts and comes
// back with the answer shown); Space reveals, 1 to 4 grade. The grade form says when the card
// was shown, so the record keeps how long the answer took.
function setupReview() {
  const card = document.getElementById("review-card");
  if (!card) return;
  const answer = document.getElementById("answer");
  const reveal = card.querySelector("form[data-reveal]");
  const shownAt = card.querySelector("[data-shown-at]");
  if (shownAt) shownAt.value = String(Date.now());
  const show = () => {
    if (!answer.hidden) return;
    answer.hidden = false;
    if (reveal) reveal.remove();
    const first = answer.querySelector("button[data-key='3']");
    if (first) first.focus();
  };
  if (reveal) {
    reveal.addEventListener("submit", (event) => {
      event.preventDefault();
      show();
    });
  }
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || (target && target.matches && target.matches("input, textarea, select"))) return;
    if (event.key === " " && answer.hidden) {
      event.preventDefault();
      show();
    } else if (!answer.hidden && /^[1-4]$/.test(event.key)) {
      const button = answer.querySelector("button[data-key='" + event.key + "']");
      if (button) {
        event.preventDefault();
        button.click();
      }
    }
  });
}

setupReview();
