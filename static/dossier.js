/* dossier.js — progressive enhancement only; every page works without it.
   Citation previews: a.cite-mark[title] gets an accessible popover on hover and
   keyboard focus (Escape dismisses; the pointer may move onto it). The title is
   moved to data-preview so the browser's own tooltip does not double up. */
(function () {
  "use strict";
  if (!document.querySelector || !window.addEventListener) return;

  var tip = null, body = null, head = null, current = null, hideTimer = 0;

  function build() {
    tip = document.createElement("div");
    tip.className = "cite-pop";
    tip.id = "cite-pop";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    head = document.createElement("span");
    head.className = "cite-pop-head";
    body = document.createElement("span");
    body.className = "cite-pop-body";
    tip.appendChild(head);
    tip.appendChild(body);
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", function () { scheduleHide(); });
    document.body.appendChild(tip);
  }

  function markOf(node) {
    while (node && node.nodeType === 1) {
      if (node.classList && node.classList.contains("cite-mark")) {
        return node.hasAttribute("data-preview") ? node : null;
      }
      node = node.parentNode;
    }
    return null;
  }

  function place(a) {
    var r = a.getBoundingClientRect();
    var vw = document.documentElement.clientWidth;
    var vh = document.documentElement.clientHeight;
    var margin = 8;
    tip.style.left = "0px";
    tip.style.top = "0px";
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(Math.max(margin, r.left), Math.max(margin, vw - w - margin));
    var top = r.bottom + 6;
    if (top + h > vh - margin && r.top - h - 6 >= margin) top = r.top - h - 6;
    tip.style.left = Math.round(left + window.pageXOffset) + "px";
    tip.style.top = Math.round(top + window.pageYOffset) + "px";
  }

  function show(a) {
    clearTimeout(hideTimer);
    if (!tip) build();
    if (current && current !== a) current.removeAttribute("aria-describedby");
    current = a;
    head.textContent = a.textContent || "";
    body.textContent = a.getAttribute("data-preview") || "";
    tip.hidden = false;
    a.setAttribute("aria-describedby", tip.id);
    place(a);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (tip) tip.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 180);
  }

  function init() {
    var marks = document.querySelectorAll("a.cite-mark[title]");
    if (!marks.length) return;
    for (var i = 0; i < marks.length; i++) {
      var t = marks[i].getAttribute("title");
      if (!t) continue;
      marks[i].setAttribute("data-preview", t);
      marks[i].removeAttribute("title");
    }
    document.addEventListener("mouseover", function (e) {
      var a = markOf(e.target);
      if (a) show(a);
    });
    document.addEventListener("mouseout", function (e) {
      var a = markOf(e.target);
      if (a && a === current && !(e.relatedTarget && a.contains(e.relatedTarget))) scheduleHide();
    });
    document.addEventListener("focusin", function (e) {
      var a = markOf(e.target);
      if (a) show(a); else if (current) hide();
    });
    document.addEventListener("focusout", function (e) {
      if (markOf(e.target) === current) scheduleHide();
    });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && tip && !tip.hidden) {
        hide();
      }
    });
    window.addEventListener("resize", function () { if (current && tip && !tip.hidden) place(current); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* On phones the header's navs share a strip that scrolls sideways: the
   current page's link is scrolled into it, clear of the fade at its end. */
(function () {
  "use strict";
  if (!document.querySelector) return;
  function reveal() {
    var strip = document.querySelector(".site-nav");
    var a = strip && strip.querySelector('a[aria-current="page"]');
    if (!a || strip.scrollWidth <= strip.clientWidth) return;
    var s = strip.getBoundingClientRect(), r = a.getBoundingClientRect();
    var fade = 48;
    if (r.right > s.right - fade) strip.scrollLeft += r.right - s.right + fade;
    else if (r.left < s.left) strip.scrollLeft -= s.left - r.left + 8;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
