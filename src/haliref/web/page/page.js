// haliref's page: sends the whole state with each request and draws the answer.
// Every text from the input or the server is set with textContent, never parsed as HTML.
"use strict";

(function () {
  const TOKEN = document.querySelector('meta[name="haliref-token"]').content;
  const LIMIT = Number(document.querySelector('meta[name="haliref-limit"]').content);
  const $ = (id) => document.getElementById(id);
  const state = {
    input: null,          // {text} or {files: [{name, data}]}
    undo: new Set(),      // rule names undone
    labels: new Map(),    // tokens joined → {tokens, labels}: the user's own labels
    edits: [],            // the user's splits, joins and prose words, in order
    selection: null,      // {citation, indexes: Set, last}
    view: null,
    busy: 0,
  };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function size(n) {
    return n >= 100000 ? (n / 1e6).toFixed(1) + " MB" : n >= 1000 ? Math.round(n / 1000) + " KB" : n + " bytes";
  }

  function say(text, info) {
    const box = $("message");
    box.textContent = text || "";
    box.className = info ? "info" : "";
    box.hidden = !text;
  }

  function busy(on, what) {
    state.busy += on ? 1 : -1;
    $("busy").hidden = state.busy <= 0;
    if (on) {
      $("progress").removeAttribute("value");
      const started = Date.now();
      $("busytext").textContent = what;
      clearInterval(state.timer);
      state.timer = setInterval(() => {
        $("busytext").textContent = what + " " + Math.round((Date.now() - started) / 1000) + " s";
      }, 500);
    } else if (state.busy <= 0) {
      clearInterval(state.timer);
    }
  }

  function payload() {
    const body = Object.assign({}, state.input);
    body.undo = [...state.undo].sort();
    body.labels = [...state.labels.values()];
    body.edits = state.edits;
    body.no_corrections = $("nocorr").checked;
    body.online = $("online").checked;
    return body;
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-Haliref-Token": TOKEN},
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    if (!response.ok) {
      let message = "the server answered " + response.status;
      try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    return response;
  }

  async function readNow() {
    if (!state.input) { say("Paste a list or drop a file first."); return; }
    const bytes = state.input.text !== undefined ? new Blob([state.input.text]).size : 0;
    if (bytes > LIMIT) { say("The input is " + size(bytes) + "; the page reads at most " + LIMIT.toLocaleString("en") + " bytes at a time."); return; }
    busy(true, bytes > 20000 ? "reading " + size(bytes) + "…" : "reading…");
    try {
      const body = payload();
      body.stream = true;
      const response = await post("/api/read", body);
      const answer = await lines(response, progressed);
      if (answer.error) throw new Error(answer.error);
      say("");
      $("busytext").textContent = "drawing " + answer.view.notes.length.toLocaleString("en") + " notes…";
      await new Promise((resolve) => requestAnimationFrame(resolve));
      draw(answer.view);
    } catch (error) {
      say(error.message);
    } finally {
      busy(false);
    }
  }

  // the server's answer comes as lines of JSON: progress as it reads, then the view (or an error)
  async function lines(response, onProgress) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const {value, done} = await reader.read();
      buffer += decoder.decode(value || new Uint8Array(), {stream: !done});
      let end;
      while ((end = buffer.indexOf("\n")) >= 0) {
        const item = JSON.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        if (item.progress) onProgress(item.progress);
        else return item;
      }
      if (done) throw new Error("the server stopped answering (is it still running?)");
    }
  }

  const STAGES = {lines: "reading the page's lines", notes: "reading notes", works: "merging and checking the works",
    check: "checking online"};

  function progressed(p) {
    const bar = $("progress");
    if (p.total > 0) { bar.max = p.total; bar.value = p.done; } else { bar.removeAttribute("value"); }
    clearInterval(state.timer);
    $("busytext").textContent = (STAGES[p.stage] || p.stage) +
      (p.total > 0 && p.stage !== "works" ? " " + p.done.toLocaleString("en") + " / " + p.total.toLocaleString("en") : "") + "…";
  }

  async function download(kind) {
    const body = payload();
    body.download = {kind, style: $("style").value, what: $("what").value, format: $("format").value};
    busy(true, "writing…");
    try {
      const response = await post("/api/export", body);
      const blob = await response.blob();
      const match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
      const link = el("a", {href: URL.createObjectURL(blob), download: match ? match[1] : "haliref-output"});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    } catch (error) {
      say(error.message);
    } finally {
      busy(false);
    }
  }

  // ------------------------------------------------------------------ drawing
  function switchButton(rule, undone) {
    return el("button", {
      type: "button", class: "switch", "aria-pressed": undone ? "true" : "false", "data-rule": rule,
      title: undone ? "put the corrections of this kind back" : "undo every correction of this kind (rule " + rule + ")",
      onclick: () => { if (undone) state.undo.delete(rule); else state.undo.add(rule); readNow(); },
      text: undone ? "redo" : "undo",
    });
  }

  function flagItem(flag) {
    return el("li", {class: "flag " + flag.severity, "data-code": flag.code},
      el("span", {class: "sev " + flag.severity, text: flag.severity}),
      el("b", {text: flag.title}), flag.field ? " (" + flag.field + ")" : "", ": " + flag.reason,
      flag.evidence ? el("div", {class: "evidence", text: flag.evidence}) : null);
  }

  function tokenButtons(citation, index) {
    const box = el("div", {class: "tokens", "data-citation": index});
    citation.tokens.forEach(([text, label, confidence], i) => {
      const unsure = confidence < 0.8;
      box.append(el("button", {
        type: "button", class: "tok f-" + label + (unsure ? " unsure" : "") + (citation.relabelled ? " mine" : ""),
        "data-i": i, "data-label": label,
        title: label + " — " + Math.round(confidence * 100) + "% sure" + (citation.relabelled ? " (your label)" : ""),
        onclick: (event) => select(citation, index, i, event.shiftKey),
        text,
      }), " ");
    });
    return box;
  }

  function entryBox(id, work) {
    const box = el("div", {class: "entry" + (work.flags.length ? " flagged" : "") +
      (work.flags.some((f) => f.severity === "error") ? " has-error" : ""), "data-work": id});
    box.append(el("h3", {text: id}));
    const fields = el("dl", {class: "fields"});
    for (const [label, value] of work.fields) fields.append(el("dt", {text: label}), el("dd", {text: value}));
    box.append(fields);
    if (work.corrections.length) {
      const list = el("ul", {class: "corrections", "aria-label": "corrections"});
      for (const c of work.corrections) {
        list.append(el("li", {"data-rule": c.rule},
          c.undoable ? switchButton(c.rule, false) : el("span", {class: "switch", text: "kept"}),
          c.in_words, " ", el("span", {class: "why", text: "(" + c.why + "; " + Math.round(c.confidence * 100) + "% sure)"})));
      }
      box.append(list);
    }
    if (work.checks.length) {
      const list = el("ul", {class: "checks", "aria-label": "online check"});
      for (const c of work.checks) {
        list.append(el("li", {class: "check " + c.status.replace(/ /g, "-"), "data-source": c.source},
          el("b", {text: c.source + ": " + c.status}), c.doi ? " DOI " + c.doi : "",
          c.score !== null && c.score !== undefined ? " (score " + Number(c.score).toFixed(2) + ")" : "",
          c.reason ? " — " + c.reason : ""));
      }
      box.append(list);
    }
    if (work.flags.length) {
      const list = el("ul", {class: "flags", "aria-label": "flags"});
      for (const flag of work.flags) list.append(flagItem(flag));
      box.append(list);
    }
    return box;
  }

  function draw(view) {
    state.view = view;
    state.selection = null;
    $("relabel").hidden = true;
    $("out").hidden = false;
    const s = view.summary;
    $("summary").replaceChildren(el("ul", {},
      ...[["notes", s.notes], ["citations", s.citations], ["entries", s.works], ["flagged", s.works_flagged],
        ["flags", s.flags], ["corrections", s.corrections], ["lines left out", s.dropped_noise]]
        .map(([label, n]) => el("li", {"data-count": label}, el("b", {text: n}), " " + label))),
      s.missing_notes.length ? el("p", {text: "Missing note numbers: " + s.missing_notes_text}) : null,
      view.online ? el("p", {id: "online-summary", text: "Online check: " + view.online}) : null,
      ...view.warnings.map((w) => el("p", {class: "ctx", text: w})));
    $("examples").disabled = !view.labels.length;
    $("edits-download").disabled = !view.edits.length;
    $("edits").replaceChildren(...view.edits.map((e, k) => el("p", {"data-op": e.op}, describe(e),
      el("button", {type: "button", class: "switch", text: "undo", title: "take this edit back",
        onclick: () => { state.edits.splice(k, 1); readNow(); }}))));

    const undone = $("undone");
    undone.replaceChildren(...view.undone.map((u) => el("p", {"data-rule": u.rule},
      "Undone: " + u.why + " (" + u.rule + ")", switchButton(u.rule, true))));
    if (view.corrections_off) undone.append(el("p", {text: "No corrections: this is the labeller's own parse."}));

    $("findings").replaceChildren(...(view.findings.length ?
      [el("h2", {text: "On the whole list"}), el("ul", {class: "flags"}, ...view.findings.map(flagItem))] : []));

    if (!$("relabel-field").options.length) {
      for (const f of view.fields) $("relabel-field").append(el("option", {value: f, text: f}));
    }
    $("legend-body").replaceChildren(...view.fields.map((f) => el("span", {class: "tok f-" + f, text: f})));

    const notes = [];
    const seen = new Map();
    let index = 0;
    view.notes.forEach((note, n) => {
      const clean = el("div", {class: "clean"});
      if (!note.citations.length) clean.append(el("p", {class: "ctx", text: "no citation in this note (prose only)"}));
      note.citations.forEach((citation, c) => {
        const box = el("article", {class: "citation", "data-work": citation.work});
        if (c > 0) {
          const previous = note.citations[c - 1];
          box.append(el("button", {type: "button", class: "join", text: "join with the citation above",
            title: "these two are one citation",
            onclick: () => edit({op: "join", words: previous.words, next: citation.words})}));
        }
        if (citation.prefix) box.append(el("p", {class: "ctx", text: citation.prefix}));
        if (citation.tokens.length) {
          box.append(tokenButtons(citation, index));
          if (citation.relabelled) {
            box.append(el("span", {class: "relabelled-mark", text: "your labels"}),
              el("button", {type: "button", class: "reset", text: "reset",
                title: "give this citation the labeller's own labels back",
                onclick: () => { state.labels.delete(citation.tokens.map((t) => t[0]).join("\u0001")); readNow(); }}));
          }
        } else {
          box.append(el("p", {class: "tokens", text: citation.text}),
            el("p", {class: "ctx", text: citation.short_form ? "a short form of a work cited before" : ""}));
        }
        if (citation.locator) box.append(el("p", {}, "cited at ", el("b", {text: citation.locator})));
        if (citation.suffix) box.append(el("p", {class: "ctx", text: citation.suffix}));
        const work = view.works[citation.work];
        if (!seen.has(citation.work) && work) {
          seen.set(citation.work, note.label);
          box.append(entryBox(citation.work, work));
        } else {
          box.append(el("p", {class: "ctx"}, "the entry " + citation.work + " (first cited in note " + seen.get(citation.work) + ")"));
        }
        clean.append(box);
        index += 1;
      });
      notes.push(el("section", {class: "note", "data-note": note.label, id: "note-" + (n + 1)},
        el("div", {class: "scraped"}, el("h2", {text: "Note " + note.label}), el("pre", {text: note.scraped})),
        clean));
    });
    $("notes").replaceChildren(...notes);

    const rows = view.dropped.map((d) => el("tr", {}, el("td", {text: d.line}), el("td", {text: d.reason}),
      el("td", {}, el("code", {text: d.text}))));
    $("dropped").querySelector("summary").textContent = "Lines left out (" + view.dropped.length + ", blank lines not counted)";
    $("dropped-body").replaceChildren(rows.length ?
      el("table", {}, el("tr", {}, el("th", {text: "line"}), el("th", {text: "why"}), el("th", {text: "text"})), ...rows) :
      el("p", {class: "ctx", text: "none"}));
  }

  // ------------------------------------------------------------------ splits, joins, prose
  function quote(words, from, to) {
    const part = words.slice(from, to);
    return "“" + (part.length > 8 ? part.slice(0, 4).join(" ") + " … " + part.slice(-3).join(" ") : part.join(" ")) + "”";
  }

  function describe(e) {
    if (e.op === "split") return "Split " + quote(e.words, 0, e.at) + " from " + quote(e.words, e.at) + " ";
    if (e.op === "join") return "Joined " + quote(e.words, 0) + " with " + quote(e.next, 0) + " ";
    return "Prose, not citation: " + e.prose.map((k) => e.words[k]).join(" ") + " (in " + quote(e.words, 0) + ") ";
  }

  function edit(change) {
    state.edits.push(change);
    readNow();
  }

  function splitHere() {
    const sel = state.selection;
    if (!sel || !sel.indexes.size) return;
    const at = Math.min(...sel.indexes);
    if (at === 0) { say("Select the word the second citation begins with (not the first word)."); return; }
    edit({op: "split", words: sel.citation.words, at});
  }

  function markProse() {
    const sel = state.selection;
    if (!sel || !sel.indexes.size) return;
    edit({op: "prose", words: sel.citation.words, prose: [...sel.indexes].sort((a, b) => a - b)});
  }

  // ------------------------------------------------------------------ relabelling
  function select(citation, index, i, range) {
    let sel = state.selection;
    if (!sel || sel.index !== index) sel = state.selection = {citation, index, indexes: new Set(), last: null};
    if (range && sel.last !== null) {
      const [a, b] = sel.last < i ? [sel.last, i] : [i, sel.last];
      for (let k = a; k <= b; k++) sel.indexes.add(k);
    } else if (sel.indexes.has(i)) {
      sel.indexes.delete(i);
    } else {
      sel.indexes.add(i);
    }
    sel.last = i;
    document.querySelectorAll(".tok.sel").forEach((t) => t.classList.remove("sel"));
    const box = document.querySelector('.tokens[data-citation="' + index + '"]');
    for (const k of sel.indexes) box.querySelector('[data-i="' + k + '"]').classList.add("sel");
    const dialog = $("relabel");
    dialog.hidden = !sel.indexes.size;
    if (sel.indexes.size) {
      $("relabel-count").textContent = sel.indexes.size + " word" + (sel.indexes.size > 1 ? "s" : "") + " selected: field";
      $("relabel-field").value = citation.tokens[Math.min(...sel.indexes)][1];
    }
  }

  function applyRelabel() {
    const sel = state.selection;
    if (!sel || !sel.indexes.size) return;
    const field = $("relabel-field").value;
    const tokens = sel.citation.tokens.map((t) => t[0]);
    const labels = sel.citation.tokens.map((t, k) => (sel.indexes.has(k) ? field : t[1]));
    state.labels.set(tokens.join("\u0001"), {tokens, labels});
    readNow();
  }

  function cancelRelabel() {
    state.selection = null;
    document.querySelectorAll(".tok.sel").forEach((t) => t.classList.remove("sel"));
    $("relabel").hidden = true;
  }

  // ------------------------------------------------------------------ input
  function base64(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  async function takeFiles(fileList) {
    const files = [...fileList];
    if (!files.length) return;
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total > LIMIT) { say("The files are " + size(total) + "; the page reads at most " + LIMIT.toLocaleString("en") + " bytes at a time."); return; }
    busy(true, "loading " + files.length + " file" + (files.length > 1 ? "s" : "") + "…");
    try {
      const read = await Promise.all(files.map(async (f) => ({name: f.name, data: base64(await f.arrayBuffer())})));
      state.input = {files: read};
      state.labels.clear();
      state.edits = [];
      state.undo.clear();
      $("paste").value = "";
      say("Read from " + files.map((f) => f.name).join(", ") + " (" + size(total) + "). Paste in the box and Read to read that instead.", true);
    } finally {
      busy(false);
    }
    readNow();
  }

  function takeText() {
    const text = $("paste").value;
    if (state.input && state.input.files && !text.trim()) return;  // the dropped files again
    if (!state.input || state.input.text !== text) {  // a new list: nothing undone or relabelled yet
      state.input = text.trim() ? {text} : null;
      state.labels.clear();
      state.edits = [];
      state.undo.clear();
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("read").addEventListener("click", () => { takeText(); readNow(); });
    $("paste").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { takeText(); readNow(); } });
    $("files").addEventListener("change", (e) => takeFiles(e.target.files));
    $("nocorr").addEventListener("change", () => { if (state.view) readNow(); });
    $("online").addEventListener("change", () => { if (state.view) readNow(); });
    const area = $("paste");
    area.addEventListener("dragover", (e) => { e.preventDefault(); area.classList.add("drop"); });
    area.addEventListener("dragleave", () => area.classList.remove("drop"));
    area.addEventListener("drop", (e) => { e.preventDefault(); area.classList.remove("drop"); takeFiles(e.dataTransfer.files); });
    for (const button of document.querySelectorAll("#downloads button")) {
      button.addEventListener("click", () => download(button.dataset.kind));
    }
    $("relabel-apply").addEventListener("click", applyRelabel);
    $("relabel-split").addEventListener("click", splitHere);
    $("relabel-prose").addEventListener("click", markProse);
    $("relabel-cancel").addEventListener("click", cancelRelabel);
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") cancelRelabel();
      // from the keyboard: Space or Enter selects a word, then "f" goes to the field to give it
      // … "p" marks the selected words as prose, "s" splits the citation before the first selected word
      const onWord = e.target.classList && e.target.classList.contains("tok") && !$("relabel").hidden;
      if (onWord && e.key === "f") {
        e.preventDefault();
        $("relabel-field").focus();
      } else if (onWord && e.key === "p") {
        e.preventDefault();
        markProse();
      } else if (onWord && e.key === "s") {
        e.preventDefault();
        splitHere();
      }
    });
  });
})();
