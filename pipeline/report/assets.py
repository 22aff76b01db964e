"""The style sheet and the script of report.html, inlined into every report.

The script reads the data block (JSON) and builds the details panel with
``createElement`` and ``textContent`` only: no text from the graph is ever parsed as
HTML. Links come ready-made (relative, percent-encoded) from ``pipeline.report.html``.
"""

from __future__ import annotations

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--ink); background: #fff; }
header { padding: 20px 28px 12px; border-bottom: 1px solid var(--line); background: var(--soft); }
h1 { margin: 0 0 6px; font-size: 22px; }
h2 { margin: 28px 0 10px; font-size: 18px; }
h3 { margin: 0 0 8px; font-size: 15px; }
main { padding: 0 28px 40px; }
nav a { margin-right: 14px; color: var(--accent); text-decoration: none; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0 8px; padding: 0; list-style: none; }
.counts li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
.counts b { font-size: 16px; margin-right: 4px; }
.muted { color: var(--muted); }
.ok { color: #1a7f37; font-weight: 600; }
.bad { color: #cf222e; font-weight: 600; }
.network { display: flex; gap: 16px; align-items: flex-start; }
.canvas { flex: 1 1 auto; min-width: 0; overflow: hidden; border: 1px solid var(--line); border-radius: 8px;
  position: relative; }
.zoom { position: absolute; top: 8px; right: 8px; display: flex; gap: 4px; }
.zoom button { min-width: 30px; height: 28px; border: 1px solid var(--line); border-radius: 6px; background: #fff;
  color: var(--ink); font: inherit; font-size: 15px; cursor: pointer; }
.zoom button:hover, .zoom button:focus { border-color: var(--accent); }
#network .legend { margin: 0 0 10px; }
svg.zoomed { cursor: grab; }
svg.zoomed.dragging { cursor: grabbing; }
.canvas svg { display: block; }
.canvas > svg { width: 100%; height: auto; }
#details { flex: 0 0 360px; position: sticky; top: 8px; max-height: 78vh; overflow: auto;
  border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--soft); }
#details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 10px; }
#details dt { color: var(--muted); }
#details dd { margin: 0; }
#details ul { margin: 2px 0 8px; padding-left: 18px; }
#details .meeting + .meeting { border-top: 1px solid var(--line); margin-top: 10px; padding-top: 10px; }
blockquote { margin: 6px 0 10px; padding: 4px 10px; border-left: 3px solid var(--line); background: #fff; }
blockquote cite { display: block; margin-top: 4px; font-style: normal; font-size: 12px; }
button.link { border: 0; padding: 0; background: none; color: var(--accent); cursor: pointer; font: inherit; text-align: left; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 8px 0 0; padding: 0; list-style: none; }
svg .edge, svg .node, svg .dot, svg .hub, svg .caption { cursor: pointer; outline: none; }
svg .edge .wire { transition: stroke 0.1s; }
svg .edge:hover .wire, svg .edge:focus .wire, svg .edge.on .wire { stroke: #d1242f; }
svg .hub:hover rect, svg .hub:focus rect, svg .hub.on rect { fill: #d1242f; }
svg .caption.on { fill: #1f2328; }
svg .node:hover circle, svg .node:focus circle, svg .node.on circle, svg .dot.on circle,
svg .dot:hover circle, svg .dot:focus circle { stroke: #1f2328; stroke-width: 2.5px; }
svg.focus .edge:not(.on), svg.focus .node:not(.on), svg.focus .hub:not(.on), svg.focus .caption:not(.on) { opacity: 0.25; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
table.compact { width: auto; min-width: 360px; }
#meetings td:first-child, #meetings td:nth-child(4) { white-space: nowrap; }
td { overflow-wrap: break-word; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; position: sticky; top: 0; }
td { unicode-bidi: isolate; }
td ul { margin: 0; padding-left: 16px; }
tr.pick { cursor: pointer; }
tr.pick:hover, tr.on { background: #fff8c5; }
.sw { vertical-align: -1px; margin-right: 6px; }
footer { padding: 12px 28px 28px; color: var(--muted); font-size: 12px; }
/* Narrow windows: the details under the network, kept in sight at the bottom of the window. */
@media (max-width: 1100px) { .network { flex-direction: column; align-items: stretch; }
  #details { position: sticky; top: auto; bottom: 0; max-height: 40vh; width: 100%; flex-basis: auto;
    box-shadow: 0 -2px 8px rgba(31, 35, 40, 0.12); } }
"""

JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var panel = document.getElementById("details");
  var network = document.querySelector(".canvas svg");
  var idle = panel.textContent;
  var pinned = null;

  function node(tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    if (cls) { el.className = cls; }
    return el;
  }
  function swatch(colour) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "12"); svg.setAttribute("height", "12"); svg.setAttribute("class", "sw");
    var dot = document.createElementNS(ns, "circle");
    dot.setAttribute("cx", "6"); dot.setAttribute("cy", "6"); dot.setAttribute("r", "5");
    dot.setAttribute("fill", colour);
    // A person of unknown country is a hollow dot (pipeline.report.network.UNKNOWN_COLOUR, OUTLINE).
    if (colour === "#ffffff") { dot.setAttribute("stroke", "#6e7781"); dot.setAttribute("stroke-width", "1.5"); }
    svg.appendChild(dot);
    return svg;
  }
  function link(href, text) {
    var a = node("a", text);
    if (href) { a.href = href; a.rel = "noopener noreferrer"; }
    return a;
  }
  function jump(kind, id, text) {
    var b = node("button", text, "link");
    b.type = "button";
    b.addEventListener("click", function () { pin({kind: kind, id: id}); });
    return b;
  }
  function row(dl, term, value) {
    if (value === "" || value === null || value === undefined) { return; }
    dl.appendChild(node("dt", term));
    var dd = node("dd");
    if (typeof value === "string") { dd.textContent = value; } else { dd.appendChild(value); }
    dl.appendChild(dd);
  }
  function list(items, render) {
    var ul = node("ul");
    items.forEach(function (item) { var li = node("li"); render(li, item); ul.appendChild(li); });
    return ul;
  }
  function person(li, id) {
    var p = data.persons[id];
    li.appendChild(swatch(p.colour));
    li.appendChild(jump("person", id, p.name));
    if (p.offices.length) { li.appendChild(node("span", " \u2013 " + p.offices.join("; "), "muted")); }
  }
  function meetingBox(id) {
    var m = data.meetings[id];
    var box = node("div", null, "meeting");
    box.appendChild(node("h3", m.label));
    var dl = node("dl");
    row(dl, "Date", m.date || "not stated");
    row(dl, "Place", m.location);
    row(dl, "Mode", m.mode);
    row(dl, "Topics", m.topics.join(", "));
    box.appendChild(dl);
    box.appendChild(node("strong", "Participants"));
    box.appendChild(list(m.participants, person));
    if (m.quotes.length) {
      box.appendChild(node("strong", "What the articles say"));
      m.quotes.forEach(function (q) {
        var quote = node("blockquote", q.text);
        var cite = node("cite", "\u2014 ");
        cite.appendChild(link(q.href, q.file || "unknown article"));
        quote.appendChild(cite);
        box.appendChild(quote);
      });
    }
    box.appendChild(node("strong", "Reported in"));
    box.appendChild(list(m.sources, function (li, s) {
      li.appendChild(link(s.href, s.file || "unknown article"));
      if (s.title) { li.appendChild(node("span", " \u2013 " + s.title, "muted")); }
    }));
    return box;
  }
  function personBox(id) {
    var p = data.persons[id];
    var box = node("div");
    var h = node("h3");
    h.appendChild(swatch(p.colour));
    h.appendChild(document.createTextNode(p.name));
    box.appendChild(h);
    var dl = node("dl");
    row(dl, "Country", p.country || "unknown");
    row(dl, "Also", p.aliases.join(", "));
    box.appendChild(dl);
    if (p.offices.length) { box.appendChild(node("strong", "Offices")); box.appendChild(list(p.offices, function (li, o) { li.textContent = o; })); }
    box.appendChild(node("strong", p.meetings.length || p.more ? "Meetings" : "No meetings"));
    box.appendChild(list(p.meetings, function (li, mid) { li.appendChild(jump("meetings", [mid], data.meetings[mid].label)); }));
    if (p.more) { box.appendChild(node("p", "and " + p.more + " more, not on this page", "muted")); }
    return box;
  }
  function highlight(sel) {
    var on = {};
    if (sel) {
      var meetings = sel.kind === "person" ? data.persons[sel.id].meetings : sel.id;
      meetings.forEach(function (mid) {
        on[mid] = true;
        data.meetings[mid].participants.forEach(function (pid) { on[pid] = true; });
      });
      if (sel.kind === "person") { on[sel.id] = true; }
    }
    document.querySelectorAll("[data-meetings]").forEach(function (el) {
      var hit = el.getAttribute("data-meetings").split(" ").some(function (mid) { return on[mid]; });
      el.classList.toggle("on", !!sel && hit);
    });
    document.querySelectorAll("[data-person],[data-meeting]").forEach(function (el) {
      var key = el.getAttribute("data-person") || el.getAttribute("data-meeting");
      el.classList.toggle("on", !!sel && !!on[key]);
    });
    if (network) { network.classList.toggle("focus", !!sel); }
  }
  function show(sel) {
    panel.textContent = "";
    if (!sel) { panel.textContent = idle; highlight(null); return; }
    if (sel.kind === "person") { panel.appendChild(personBox(sel.id)); }
    else { sel.id.forEach(function (mid) { panel.appendChild(meetingBox(mid)); }); }
    highlight(sel);
  }
  function pin(sel) { pinned = sel; show(sel); }
  function selection(el) {
    if (el.hasAttribute("data-person")) { return {kind: "person", id: el.getAttribute("data-person")}; }
    var ids = el.getAttribute("data-meetings") || el.getAttribute("data-meeting");
    return {kind: "meetings", id: ids.split(" ")};
  }
  document.querySelectorAll("svg [data-meetings], svg [data-meeting], svg [data-person]").forEach(function (el) {
    el.addEventListener("mouseenter", function () { show(selection(el)); });
    el.addEventListener("mouseleave", function () { show(pinned); });
    el.addEventListener("focus", function () { show(selection(el)); });
    el.addEventListener("click", function (event) { event.stopPropagation(); pin(selection(el)); });
    el.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pin(selection(el)); }
    });
  });
  document.querySelectorAll("tr.pick").forEach(function (tr) {
    tr.addEventListener("click", function (event) {
      if (event.target.closest("a")) { return; }
      pin(selection(tr));
      panel.scrollIntoView({block: "nearest"});
    });
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { pin(null); } });

  // Zoom and pan the network through its viewBox; "fit" shows it whole, as it opens.
  if (network) {
    var whole = network.getAttribute("viewBox").split(" ").map(Number);
    var box = whole.slice();
    var drag = null;
    var apply = function () {
      box[0] = Math.min(Math.max(box[0], whole[0]), whole[0] + whole[2] - box[2]);
      box[1] = Math.min(Math.max(box[1], whole[1]), whole[1] + whole[3] - box[3]);
      network.setAttribute("viewBox", box.map(function (v) { return v.toFixed(1); }).join(" "));
      network.classList.toggle("zoomed", box[2] < whole[2]);
    };
    var zoom = function (factor, x, y) {
      var f = Math.min(Math.max(box[2] / factor, whole[2] / 8), whole[2]) / box[2];
      box = [x - (x - box[0]) * f, y - (y - box[1]) * f, box[2] * f, box[3] * f];
      apply();
    };
    var at = function (event) {
      var r = network.getBoundingClientRect();
      return [box[0] + (event.clientX - r.left) / r.width * box[2], box[1] + (event.clientY - r.top) / r.height * box[3]];
    };
    document.querySelectorAll(".zoom button").forEach(function (b) {
      b.addEventListener("click", function () {
        var how = b.getAttribute("data-zoom");
        if (how === "fit") { box = whole.slice(); apply(); return; }
        zoom(how === "in" ? 1.5 : 1 / 1.5, box[0] + box[2] / 2, box[1] + box[3] / 2);
      });
    });
    network.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) { return; }
      event.preventDefault();
      var p = at(event);
      zoom(event.deltaY < 0 ? 1.25 : 0.8, p[0], p[1]);
    }, {passive: false});
    network.addEventListener("pointerdown", function (event) {
      if (box[2] >= whole[2] || event.button !== 0 || event.target.closest("[data-meetings],[data-person]")) { return; }
      drag = {x: event.clientX, y: event.clientY, box: box.slice()};
      network.setPointerCapture(event.pointerId);
      network.classList.add("dragging");
    });
    network.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var r = network.getBoundingClientRect();
      box[0] = drag.box[0] - (event.clientX - drag.x) / r.width * box[2];
      box[1] = drag.box[1] - (event.clientY - drag.y) / r.height * box[3];
      apply();
    });
    var stop = function () { drag = null; network.classList.remove("dragging"); };
    network.addEventListener("pointerup", stop);
    network.addEventListener("pointercancel", stop);
  }
})();
"""
