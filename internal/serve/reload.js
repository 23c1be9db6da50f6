// The live-preview client of `dossier serve`. The server adds it to every
// HTML page it serves; `dossier build` output never contains it.
//
// It listens to the server's event stream and, for each message:
//   reload - reloads the page if its own file (or the 404 page it shows)
//            changed, keeping the scroll position;
//   css    - swaps the changed stylesheets in place, without a reload;
//   state  - the problems changed, or the site did but not this page;
//   hello  - sent on (re)connect: reloads if the site changed while the
//            page was not listening;
//   every message carries the current build problems, drawn as an overlay.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = me.dataset.version || "";
  var page = me.dataset.page || "";
  var served = me.dataset.served || "";
  var scrollKey = "dossier-scroll:" + location.pathname;
  var dismissed = "";

  // Scroll: saved just before a reload we cause, restored once after it.
  // Restored on load too, because images and fonts can still move things.
  var saved = sessionStorage.getItem(scrollKey);
  if (saved) {
    sessionStorage.removeItem(scrollKey);
    try {
      var pos = JSON.parse(saved);
      var restore = function () { window.scrollTo(pos.x, pos.y); };
      if ("scrollRestoration" in history) history.scrollRestoration = "manual";
      restore();
      if (document.readyState !== "complete") window.addEventListener("load", restore);
    } catch (e) { /* a stale or foreign value: ignore */ }
  }

  function reload() {
    sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    location.reload();
  }

  function affected(m) {
    if (m.all || version === "") return true;
    var pages = m.pages || [];
    return pages.indexOf(page) >= 0 || pages.indexOf(served) >= 0;
  }

  // A stylesheet link is swapped by loading the new sheet beside the old
  // one and removing the old once the new has loaded, so the page never
  // shows unstyled in between.
  function swapStylesheets(css) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var path = new URL(link.href, location.href).pathname.replace(/^\//, "");
      var to = css[path];
      if (!to) return;
      var next = link.cloneNode();
      next.href = "/" + to;
      next.addEventListener("load", function () { link.remove(); });
      next.addEventListener("error", function () { link.remove(); });
      link.after(next);
    });
  }

  var overlay = null;

  function showProblems(problems) {
    var key = JSON.stringify(problems || []);
    if (!problems || problems.length === 0) {
      dismissed = "";
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (key === dismissed) return;
    if (overlay && overlay.dataset.key === key) return;
    if (overlay) overlay.remove();
    overlay = drawOverlay(problems, function () {
      dismissed = key;
      if (overlay) overlay.remove();
      overlay = null;
    });
    overlay.dataset.key = key;
    document.body.appendChild(overlay);
  }

  // The overlay lives in a shadow root so the site's stylesheet cannot
  // restyle it and its styles cannot leak into the page. Text is set with
  // textContent only: messages quote the writer's files.
  function drawOverlay(problems, dismiss) {
    var host = document.createElement("div");
    host.id = "dossier-overlay";
    var root = host.attachShadow({ mode: "open" });
    var style = document.createElement("style");
    style.textContent = [
      ":host { all: initial; }",
      ".box { position: fixed; top: 1rem; left: 1rem; right: 1rem; max-height: calc(100vh - 2rem); box-sizing: border-box;",
      "  z-index: 2147483647; overflow: auto;",
      "  background: #fff; color: #1a1a1a; border: 3px solid #b00020; border-radius: 6px;",
      "  box-shadow: 0 0.5rem 2rem rgba(0,0,0,.35); padding: 1rem 1.25rem;",
      "  font: 15px/1.45 system-ui, -apple-system, Segoe UI, sans-serif; }",
      "h2 { margin: 0 2.5rem .25rem 0; font-size: 1.15rem; color: #b00020; }",
      ".note { margin: 0 0 1rem; color: #444; }",
      "ol { margin: 0; padding: 0; list-style: none; }",
      "li { margin: 0 0 1rem; }",
      ".pos { font: 600 14px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #1a1a1a; }",
      ".msg { margin: .15rem 0 .4rem; }",
      "pre { margin: 0; padding: .5rem 0; background: #f6f6f6; border: 1px solid #ddd; border-radius: 4px;",
      "  overflow-x: auto; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }",
      ".ln { display: block; padding: 0 .75rem; white-space: pre; }",
      ".ln.mark { background: #fde7ea; box-shadow: inset 4px 0 #b00020; font-weight: 600; }",
      ".no { display: inline-block; min-width: 3.5em; color: #666; user-select: none; }",
      ".caret { color: #b00020; }",
      "button { position: absolute; top: .5rem; right: .5rem; font: inherit; font-size: 1.4rem; line-height: 1;",
      "  width: 2.25rem; height: 2.25rem; border: 1px solid #999; border-radius: 4px; background: #fff; color: #1a1a1a; cursor: pointer; }",
      "button:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }",
      "@media (prefers-color-scheme: dark) {",
      "  .box { background: #1e1e1e; color: #eee; } .pos { color: #eee; } .note { color: #bbb; }",
      "  pre { background: #2a2a2a; border-color: #444; } .ln.mark { background: #4a1a22; }",
      "  .no { color: #999; } button { background: #2a2a2a; color: #eee; } }"
    ].join("\n");
    root.appendChild(style);

    var box = el("section", "box");
    // A region with a live heading rather than a modal alertdialog: the
    // writer is typing in an editor, and the overlay must not steal focus.
    box.setAttribute("role", "region");
    box.setAttribute("aria-labelledby", "dossier-overlay-title");
    var live = el("div");
    live.setAttribute("aria-live", "assertive");
    var title = el("h2", "", problems.length === 1 ? "The site has 1 error" : "The site has " + problems.length + " errors");
    title.id = "dossier-overlay-title";
    live.appendChild(title);
    live.appendChild(el("p", "note", "The last good version is still served. Fix the file and save: this clears when the build succeeds."));
    box.appendChild(live);

    var close = el("button", "", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss the error overlay");
    close.addEventListener("click", dismiss);
    box.appendChild(close);

    var list = el("ol");
    problems.forEach(function (p) {
      var item = el("li");
      if (p.pos) item.appendChild(el("div", "pos", p.pos));
      item.appendChild(el("div", "msg", p.message));
      if (p.lines && p.lines.length) {
        var pre = el("pre");
        p.lines.forEach(function (l) {
          var line = el("span", l.mark ? "ln mark" : "ln");
          line.appendChild(el("span", "no", (l.mark ? "> " : "  ") + l.n));
          line.appendChild(document.createTextNode(l.text));
          pre.appendChild(line);
          if (l.mark && p.col > 0) {
            var caret = el("span", "ln");
            caret.setAttribute("aria-hidden", "true");
            caret.appendChild(el("span", "no", ""));
            // Keep tabs from the line so the caret lines up under them.
            var lead = Array.from(l.text).slice(0, p.col - 1).map(function (c) { return c === "\t" ? "\t" : " "; }).join("");
            caret.appendChild(el("span", "caret", lead + "^"));
            pre.appendChild(caret);
          }
        });
        item.appendChild(pre);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    root.appendChild(box);

    return host;
  }

  // Escape dismisses the overlay wherever the focus is.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && overlay) {
      dismissed = overlay.dataset.key;
      overlay.remove();
      overlay = null;
    }
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function handle(m) {
    if (m.type === "hello") {
      if (m.version !== version) { reload(); return; }
    } else if (m.type === "reload") {
      if (affected(m)) { reload(); return; }
      version = m.version; // this page is the same in the new site
    } else if (m.type === "css") {
      swapStylesheets(m.css || {});
      version = m.version;
    } else if (m.type === "state") {
      version = m.version; // this page is the same in the site served now
    }
    showProblems(m.problems);
  }

  function start() {
    var es = new EventSource("/_dossier/events?page=" + encodeURIComponent(page) +
      "&served=" + encodeURIComponent(served));
    es.onmessage = function (e) {
      var m;
      try { m = JSON.parse(e.data); } catch (err) { return; }
      handle(m);
    };
    window.__dossierReload = es; // for debugging from the console
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
