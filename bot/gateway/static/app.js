// The chat page: sends turns to /api/v1/chat, renders replies, answer cards and citation
// chips, and reads the conversation back from /api/v1/history on load. No framework, no
// markup from strings: every text goes in through textContent.
"use strict";

const CLIENT_TIMEOUT_MS = 45000; // the gateway gives up on Rasa at 30 s and says so
const EXAMPLES = [
  "ACT agency, $60k of furniture, how many quotes?",
  "Queensland agency, $20k ICT purchase, can I get one quote?",
  "ACT, $700k, do we need to go to tender?",
];

const log = document.getElementById("log");
const form = document.getElementById("composer");
const input = document.getElementById("message");
const status = document.getElementById("status");
let busy = false;
let tips = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function scrollDown() {
  log.lastElementChild?.scrollIntoView({ block: "end", behavior: "smooth" });
}

// Plain text from the bot: "- " and "• " lines become a list, the others paragraphs.
function renderText(text) {
  const box = el("div", "text");
  let list = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const item = line.match(/^(?:[-•]\s+)(.*)$/);
    if (item) {
      if (!list) list = box.appendChild(el("ul"));
      list.appendChild(el("li", "", item[1]));
    } else {
      list = null;
      box.appendChild(el("p", "", line));
    }
  }
  return box;
}

function chip(citation) {
  const item = el("li", "chip-item");
  const id = `tip-${++tips}`;
  const button = el("button", "chip", `${citation.document} ${citation.label}`);
  button.type = "button";
  button.setAttribute("aria-describedby", id);
  button.setAttribute("aria-expanded", "false");
  const tip = el("span", "tip", citation.heading);
  tip.id = id;
  tip.setAttribute("role", "tooltip");
  // Tap or Enter pins the heading open (phones have no hover); Escape hides it.
  button.addEventListener("click", () => {
    const open = item.classList.toggle("open");
    item.classList.remove("dismissed");
    button.setAttribute("aria-expanded", String(open));
  });
  button.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      item.classList.remove("open");
      item.classList.add("dismissed");
      button.setAttribute("aria-expanded", "false");
    }
  });
  button.addEventListener("blur", () => item.classList.remove("dismissed"));
  item.append(button, tip);
  return item;
}

function renderCard(card) {
  const box = el("article", card.lead ? "card lead" : "card");
  const title = el("h2", "card-title");
  title.append(el("span", "tag", card.lead ? "Answer" : "Also"), ` ${card.title}`);
  const chips = el("ul", "chips");
  chips.setAttribute("aria-label", "Sources");
  card.citations.forEach((c) => chips.appendChild(chip(c)));
  box.append(title, el("p", "summary", card.summary), chips);
  return box;
}

function renderAnswer(answer) {
  const box = el("div", "answer");
  if (answer.heading) box.appendChild(el("p", "answer-heading", answer.heading));
  answer.cards.forEach((c) => box.appendChild(renderCard(c)));
  if (answer.notes.length) {
    const notes = box.appendChild(el("ul", "notes"));
    answer.notes.forEach((n) => notes.appendChild(el("li", "", n)));
  }
  box.appendChild(el("p", "disclaimer", answer.disclaimer));
  return box;
}

function renderButtons(buttons, live) {
  const group = el("div", "buttons");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", "Suggested replies");
  for (const b of buttons) {
    const button = el("button", "reply", b.title);
    button.type = "button";
    button.disabled = !live;
    button.addEventListener("click", () => send(b.payload, b.shown || b.title));
    group.appendChild(button);
  }
  return group;
}

function addMessage(message, { live = true, kind = "" } = {}) {
  const item = el("li", `msg ${message.from} ${kind}`.trim());
  const who = el("span", "visually-hidden", message.from === "user" ? "You said:" : "Advisor:");
  const bubble = el("div", "bubble");
  bubble.appendChild(who);
  if (message.answer && message.answer.cards.length) {
    bubble.appendChild(renderAnswer(message.answer));
  } else {
    bubble.appendChild(renderText(message.text));
  }
  item.appendChild(bubble);
  if (message.buttons && message.buttons.length) {
    item.appendChild(renderButtons(message.buttons, live));
  }
  log.appendChild(item);
  return item;
}

// Only the latest replies' buttons can be pressed; older ones stay visible, disabled.
function retireButtons() {
  log.querySelectorAll("button.reply").forEach((b) => { b.disabled = true; });
}

function setThinking(on) {
  busy = on;
  log.setAttribute("aria-busy", String(on));
  form.querySelector("#send").setAttribute("aria-disabled", String(on));
  const old = log.querySelector(".thinking");
  if (old) old.remove();
  if (on) {
    const item = el("li", "msg bot thinking");
    item.setAttribute("aria-hidden", "true");
    const bubble = item.appendChild(el("div", "bubble"));
    bubble.append("Thinking", el("span", "dots", "..."));
    log.appendChild(item);
    scrollDown();
    status.textContent = "The advisor is thinking.";
  } else {
    status.textContent = "";
  }
}

function errorText(response, body) {
  const message = body && body.error && body.error.message;
  if (message) return message;
  if (response.status === 429) return "Too many messages at once; please wait a moment.";
  return "I can't answer right now. Please try again in a minute.";
}

async function send(text, shown) {
  if (busy || !text.trim()) return;
  const refocus = document.activeElement === input || document.activeElement?.classList.contains("reply");
  retireButtons();
  addMessage({ from: "user", text: shown || text });
  setThinking(true);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), CLIENT_TIMEOUT_MS);
  let replies;
  try {
    const response = await fetch("/api/v1/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message: text }),
      signal: abort.signal,
    });
    const body = await response.json().catch(() => null);
    if (response.ok && body && body.messages.length) {
      replies = body.messages;
    } else {
      replies = [{ from: "bot", text: errorText(response, body), failed: true }];
    }
  } catch (e) {
    replies = [{
      from: "bot",
      text: "I can't reach the advisor right now. Check your connection and try again.",
      failed: true,
    }];
  } finally {
    clearTimeout(timer);
    setThinking(false);
  }
  let first = null;
  for (const reply of replies) {
    if (reply.failed) reply.buttons = [{ title: "Try again", payload: text, shown: shown || text }];
    const item = addMessage(reply, { kind: reply.failed ? "error" : "" });
    first = first || item;
  }
  // A long answer is read from its top: bring the reply's start into view, not its end.
  first.scrollIntoView({ block: "start", behavior: "smooth" });
  if (refocus) input.focus();
}

function welcome() {
  addMessage({
    from: "bot",
    text: "Ask me how to buy for the ACT Government, or ICT for the Queensland Government "
      + "or the Commonwealth: quotations, tenders, set-asides, exemptions, panels. For example:",
    buttons: EXAMPLES.map((e) => ({ title: e, payload: e })),
  });
}

async function restore() {
  try {
    const response = await fetch("/api/v1/history");
    const body = await response.json();
    if (!response.ok) throw new Error(body?.error?.message || String(response.status));
    const messages = body.messages;
    if (!messages.length) return welcome();
    messages.forEach((m, i) => addMessage(m, { live: i === messages.length - 1 }));
    scrollDown();
  } catch (e) {
    addMessage({ from: "bot", text: "I couldn't load the earlier conversation just now." },
      { kind: "error" });
    welcome();
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = input.value;
  if (!text.trim() || busy) return;
  input.value = "";
  send(text);
});

input.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !e.isComposing) {
    e.preventDefault();
    form.requestSubmit();
  }
});

restore();
