// dondoc demo web chat. No build step, no libraries. Every text from the server is put into
// the page with textContent / createTextNode: the bot's HTML arrives as a tree of Telegram's
// tags already parsed and whitelisted by the server, and is rebuilt here element by element.
"use strict";

const SUGGESTIONS = {
  officer: ["/help", "/tasks", "/report", "/reminders", "/whoami"],
  coordinator: ["/help", "/summary", "/missing", "/blockers", "/export", "/chart"],
  admin: ["/help", "/plans", "/agencies", "/members", "/whoami"],
};
const SAFE_HREF = /^(https?:|tg:|mailto:)/i;
const BODY_TAGS = new Set(["b", "i", "u", "s", "code", "pre", "blockquote"]);

const $ = (id) => document.getElementById(id);
// the page's words, in the demo's language (from the bot's text catalogue, served in the page)
const STRINGS = JSON.parse($("strings").textContent || "{}");
const T = (key, values = {}) =>
  (STRINGS[key] || key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
const ui = {
  users: $("users"),
  messages: $("messages"),
  headName: $("head-name"),
  headLabel: $("head-label"),
  headAvatar: $("head-avatar"),
  botName: $("bot-name"),
  clockDay: $("clock-day"),
  clockTime: $("clock-time"),
  clockLabel: $("clock-label"),
  nextDay: $("next-day"),
  nextHour: $("next-hour"),
  composer: $("composer"),
  text: $("text"),
  file: $("file-input"),
  replyBar: $("reply-bar"),
  replyName: $("reply-name"),
  replySnippet: $("reply-snippet"),
  replyCancel: $("reply-cancel"),
  suggestions: $("suggestions"),
  toast: $("toast"),
};

const app = {
  users: [],
  current: null,
  version: null,
  generation: 0,
  controller: null,
  messages: [],
  seen: {},
  alertsShown: new Set(),
  replyTo: null,
  lastRenderedKey: "",
  loaded: false, // the current chat's history has arrived
};

function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(-2).map((w) => w[0]).join("").toUpperCase();
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function post(path, body) {
  const resp = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!resp.ok) throw new Error(await resp.text());
  return resp.json();
}

function showToast(text) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  clearTimeout(showToast.timer);
  showToast.timer = setTimeout(() => { ui.toast.hidden = true; }, 3500);
}

// -- rendering -------------------------------------------------------------------------------
function renderNodes(nodes, parent) {
  for (const node of nodes || []) {
    if (typeof node === "string") {
      parent.appendChild(document.createTextNode(node));
      continue;
    }
    let child;
    if (BODY_TAGS.has(node.tag)) {
      child = document.createElement(node.tag);
      if (node.tag === "code" && node.language) child.dataset.language = node.language;
    } else if (node.tag === "a") {
      child = document.createElement("a");
      if (node.href && SAFE_HREF.test(node.href)) {
        child.href = node.href;
        child.target = "_blank";
        child.rel = "noopener noreferrer";
      }
    } else if (node.tag === "spoiler") {
      child = el("span", "spoiler");
      child.addEventListener("click", () => child.classList.add("shown"));
    } else {
      child = document.createElement("span");
    }
    renderNodes(node.children, child);
    parent.appendChild(child);
  }
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function currentUser() {
  return app.users.find((u) => u.id === app.current);
}

function renderMessage(message) {
  const user = currentUser();
  const wrap = el("div", `msg ${message.outgoing ? "bot" : "me"}`);
  wrap.dataset.id = String(message.id);
  const bubble = el("div", "bubble");

  if (message.reply) {
    const quote = el("button", "quote");
    quote.type = "button";
    quote.appendChild(el("span", "quote-name",
      message.reply.from_bot ? "dondoc" : (message.reply.name || (user && user.name) || "")));
    quote.appendChild(document.createTextNode(message.reply.text || ""));
    quote.addEventListener("click", () => jumpTo(message.reply.id));
    bubble.appendChild(quote);
  }
  if (message.photo) {
    const img = el("img", "photo");
    img.src = message.photo.url;
    img.alt = "photo";
    img.addEventListener("load", () => {
      const box = ui.messages;
      if (box.scrollHeight - box.scrollTop - box.clientHeight < img.height + 80) {
        box.scrollTop = box.scrollHeight;
      }
    });
    bubble.appendChild(img);
  }
  if (message.document) {
    const link = el("a", "doc");
    link.href = message.document.url;
    link.setAttribute("download", message.document.name);
    link.dataset.fileName = message.document.name;
    const extension = (message.document.name.split(".").pop() || "").slice(0, 4);
    link.appendChild(el("span", `doc-icon ext-${extension.toLowerCase()}`, extension.toUpperCase()));
    const info = el("span", "doc-info");
    info.appendChild(el("div", "doc-name", message.document.name));
    info.appendChild(el("div", "doc-size", formatSize(message.document.size)));
    link.appendChild(info);
    bubble.appendChild(link);
  }
  if (message.body && message.body.length) {
    const body = el("div", message.document || message.photo ? "text caption" : "text");
    renderNodes(message.body, body);
    bubble.appendChild(body);
  }
  if (message.edited) bubble.appendChild(el("span", "edited", T("webchat.edited")));
  bubble.addEventListener("dblclick", () => startReply(message));
  wrap.appendChild(bubble);

  const reply = el("button", "reply-action", "↩");
  reply.type = "button";
  reply.title = T("webchat.reply");
  reply.setAttribute("aria-label", T("webchat.reply"));
  reply.addEventListener("click", () => startReply(message));
  wrap.appendChild(reply);

  if (message.buttons && message.buttons.length) {
    const kb = el("div", "kb");
    for (const row of message.buttons) {
      const line = el("div", "kb-row");
      for (const button of row) {
        if (button.url) {
          const link = el("a", "", button.text);
          link.href = button.url;
          link.target = "_blank";
          link.rel = "noopener noreferrer";
          line.appendChild(link);
        } else {
          const tap = el("button", "", button.text);
          tap.type = "button";
          tap.title = button.text;
          tap.addEventListener("click", () => press(message.id, button.data, tap));
          line.appendChild(tap);
        }
      }
      kb.appendChild(line);
    }
    wrap.appendChild(kb);
  }
  return wrap;
}

function renderMessages() {
  const box = ui.messages;
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
  const before = box.scrollTop;
  box.replaceChildren();
  if (!app.loaded) {
    box.appendChild(el("div", "empty loading", T("webchat.loading")));
    return;
  }
  if (!app.messages.length) {
    const user = currentUser();
    const hint = user && user.role === "coordinator"
      ? T("webchat.hint_coordinator")
      : T("webchat.hint_officer");
    box.appendChild(el("div", "empty", T("webchat.empty", { hint })));
    return;
  }
  for (const message of app.messages) box.appendChild(renderMessage(message));
  box.scrollTop = atBottom ? box.scrollHeight : before;
}

function renderUsers() {
  ui.users.replaceChildren();
  for (const user of app.users) {
    const item = el("button", `user${user.id === app.current ? " active" : ""}`);
    item.type = "button";
    item.dataset.user = String(user.id);
    const avatar = el("div", `avatar role-${user.role}`, initials(user.name));
    const text = el("div", "user-text");
    text.appendChild(el("div", "user-name", user.name));
    text.appendChild(el("div", "user-label", user.label));
    item.append(avatar, text);
    const unread = user.bot_messages - (app.seen[user.id] || 0);
    if (unread > 0 && user.id !== app.current) item.appendChild(el("span", "badge", String(unread)));
    item.addEventListener("click", () => selectUser(user.id));
    ui.users.appendChild(item);
  }
}

function renderHeader() {
  const user = currentUser();
  if (!user) return;
  ui.headName.textContent = user.name;
  ui.headLabel.textContent = T("webchat.chatting", { label: user.label });
  ui.headAvatar.className = `avatar role-${user.role}`;
  ui.headAvatar.textContent = initials(user.name);
  ui.suggestions.replaceChildren();
  for (const command of SUGGESTIONS[user.role] || []) {
    const chip = el("button", "", command);
    chip.type = "button";
    chip.addEventListener("click", () => sendText(command));
    ui.suggestions.appendChild(chip);
  }
}

function renderClock(clock) {
  ui.clockDay.textContent = `${clock.weekday}, ${clock.date}`;
  ui.clockTime.textContent = clock.time;
  ui.clockLabel.textContent = clock.zone
    ? `${T("webchat.demo_time")} (${clock.zone})`
    : T("webchat.demo_time");
}

function apply(data, firstLoad) {
  app.version = data.version;
  app.users = data.users;
  ui.botName.textContent = `@${data.bot}`;
  renderClock(data.clock);
  if (data.messages) {
    const key = JSON.stringify(data.messages);
    if (key !== app.lastRenderedKey || !app.loaded) {
      app.loaded = true;
      app.messages = data.messages;
      app.lastRenderedKey = key;
      renderMessages();
    }
    const user = currentUser();
    if (user) app.seen[user.id] = user.bot_messages;
  }
  for (const alert of data.alerts || []) {
    if (app.alertsShown.has(alert.seq)) continue;
    app.alertsShown.add(alert.seq);
    if (!firstLoad) showToast(alert.text);
  }
  renderUsers();
  renderHeader();
}

// -- live updates: long polling --------------------------------------------------------------
async function pollLoop() {
  for (;;) {
    const generation = app.generation;
    const first = app.version === null;
    const params = new URLSearchParams({ user: String(app.current) });
    if (!first) params.set("since", String(app.version));
    app.controller = new AbortController();
    try {
      const resp = await fetch(`/demo/api/state?${params}`, { signal: app.controller.signal });
      if (!resp.ok) throw new Error(`state: ${resp.status}`);
      const data = await resp.json();
      if (generation === app.generation) apply(data, first);
    } catch (err) {
      if (generation === app.generation) await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function selectUser(id) {
  if (id === app.current) return;
  app.current = id;
  app.version = null;
  app.messages = [];
  app.lastRenderedKey = "";
  app.loaded = false;
  app.generation += 1;
  cancelReply();
  if (app.controller) app.controller.abort();
  localStorage.setItem("dondoc-demo-user", String(id));
  renderUsers();
  renderHeader();
  renderMessages();
  ui.text.focus();
}

// -- actions ---------------------------------------------------------------------------------
function startReply(message) {
  const user = currentUser();
  app.replyTo = message.id;
  ui.replyName.textContent = message.outgoing ? "dondoc" : (user ? user.name : "");
  ui.replySnippet.textContent = (message.text || (message.document && message.document.name) || "")
    .replace(/\s+/g, " ");
  ui.replyBar.hidden = false;
  ui.text.focus();
}

function cancelReply() {
  app.replyTo = null;
  ui.replyBar.hidden = true;
}

function jumpTo(id) {
  const target = ui.messages.querySelector(`.msg[data-id="${Number(id)}"]`);
  if (!target) return;
  target.scrollIntoView({ block: "center", behavior: "smooth" });
  target.classList.remove("flash");
  void target.offsetWidth;
  target.classList.add("flash");
}

async function sendText(text) {
  const body = { user: app.current, text };
  if (app.replyTo !== null) body.reply_to = app.replyTo;
  try {
    await post("/demo/api/send", body);
    cancelReply();
  } catch (err) {
    showToast(T("webchat.not_sent", { error: err.message }));
  }
}

async function press(messageId, data, button) {
  button.classList.add("pressed");
  try {
    await post("/demo/api/press", { user: app.current, message_id: messageId, data });
  } catch (err) {
    showToast(T("webchat.button_error", { error: err.message }));
  }
}

async function upload(file) {
  const form = new FormData();
  form.append("user", String(app.current));
  if (app.replyTo !== null) form.append("reply_to", String(app.replyTo));
  const caption = ui.text.value.trim();
  if (caption) form.append("caption", caption);
  form.append("file", file, file.name);
  try {
    const resp = await fetch("/demo/api/upload", { method: "POST", body: form });
    if (!resp.ok) throw new Error(await resp.text());
    ui.text.value = "";
    cancelReply();
  } catch (err) {
    showToast(T("webchat.not_sent", { error: err.message }));
  }
}

async function moveClock(action) {
  ui.nextDay.disabled = ui.nextHour.disabled = true;
  try {
    const data = await post("/demo/api/clock", { action });
    renderClock(data.clock);
  } catch (err) {
    showToast(T("webchat.clock_error", { error: err.message }));
  } finally {
    ui.nextDay.disabled = ui.nextHour.disabled = false;
  }
}

ui.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.text.value.trim();
  if (!text) return;
  ui.text.value = "";
  autoGrow();
  sendText(text);
});

ui.text.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    ui.composer.requestSubmit();
  } else if (event.key === "Escape") {
    cancelReply();
  }
});

function autoGrow() {
  ui.text.style.height = "auto";
  ui.text.style.height = `${Math.min(ui.text.scrollHeight + 2, 160)}px`;
}

ui.text.addEventListener("input", autoGrow);
ui.replyCancel.addEventListener("click", cancelReply);
ui.file.addEventListener("change", () => {
  const file = ui.file.files && ui.file.files[0];
  if (file) upload(file);
  ui.file.value = "";
});
ui.nextDay.addEventListener("click", () => moveClock("next_day"));
ui.nextHour.addEventListener("click", () => moveClock("hour"));

// -- start -----------------------------------------------------------------------------------
(async function start() {
  const resp = await fetch("/demo/api/state");
  const data = await resp.json();
  app.users = data.users;
  const saved = Number(localStorage.getItem("dondoc-demo-user"));
  app.current = data.users.some((u) => u.id === saved) ? saved : data.users[0].id;
  for (const user of data.users) app.seen[user.id] = 0;
  apply(data, true);
  // that answer had no chat in it: ask for the chat's history at once (a request with `since`
  // would wait for the next change, up to the long-poll timeout)
  app.version = null;
  renderMessages();
  pollLoop();
})();
