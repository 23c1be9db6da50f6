/* dossier.js — progressive enhancement only; every page works without it.
   Citation previews: a.cite-mark[title] gets a popover on hover and keyboard
   focus (Escape dismisses; the pointer may move onto it) that shows the cited
   words marked in their sentence, the source, and a link to the passage. The
   title is moved to data-preview so the browser's own tooltip does not double
   up. Where there is no hover (phones), a first tap opens the popover and the
   link in it, or a second tap, follows the citation.
   Arrival: following a citation to a source page marks that citation's words
   distinctly, and the other cited words of the passage more quietly.
   Margins: on phones, the notes beside each passage close into "Cited by N".
   Outline: the contents of a long page mark the section being read. */
(function () {
  "use strict";
  if (!document.querySelector || !window.addEventListener) return;

  var tip = null, head = null, source = null, grade = null, body = null, go = null;
  var current = null, hideTimer = 0;

  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  }

  function build() {
    tip = el("div", "cite-pop");
    tip.id = "cite-pop";
    tip.hidden = true;
    head = el("span", "cite-pop-head");
    source = el("span", "cite-pop-source");
    grade = el("span", "cite-pop-grade");
    body = el("span", "cite-pop-body");
    go = el("a", "cite-pop-go");
    tip.appendChild(head);
    tip.appendChild(source);
    tip.appendChild(grade);
    tip.appendChild(body);
    tip.appendChild(go);
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

  // fill writes the preview of a citation mark: the excerpt, with the cited
  // words (data-words, written in the excerpt between “ and ”) marked.
  function fill(a) {
    var text = a.getAttribute("data-preview") || "";
    var words = a.getAttribute("data-words") || "";
    head.textContent = a.textContent || "";
    source.textContent = a.getAttribute("data-source") || "";
    source.hidden = !source.textContent;
    grade.textContent = a.getAttribute("data-grade") || "";
    grade.hidden = !grade.textContent;
    while (body.firstChild) body.removeChild(body.firstChild);
    var quoted = "\u201c" + words + "\u201d";
    var at = words ? text.indexOf(quoted) : -1;
    if (at < 0) {
      body.textContent = text;
    } else {
      body.appendChild(document.createTextNode(text.slice(0, at) + "\u201c"));
      var m = el("mark", "");
      m.textContent = words;
      body.appendChild(m);
      body.appendChild(document.createTextNode("\u201d" + text.slice(at + quoted.length)));
    }
    go.href = a.href;
    go.textContent = "Go to the passage \u2192";
  }

  function show(a) {
    clearTimeout(hideTimer);
    if (!tip) build();
    if (current && current !== a) current.removeAttribute("aria-describedby");
    current = a;
    fill(a);
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

  function noHover() {
    return !!(window.matchMedia && window.matchMedia("(hover: none)").matches);
  }

  function previews() {
    var marks = document.querySelectorAll("a.cite-mark[title]");
    if (!marks.length) return;
    for (var i = 0; i < marks.length; i++) {
      var t = marks[i].getAttribute("title");
      if (!t) continue;
      marks[i].setAttribute("data-preview", t);
      marks[i].removeAttribute("title");
    }
    document.addEventListener("mouseover", function (e) {
      if (noHover()) return;
      var a = markOf(e.target);
      if (a) show(a);
    });
    document.addEventListener("mouseout", function (e) {
      var a = markOf(e.target);
      if (a && a === current && !(e.relatedTarget && a.contains(e.relatedTarget))) scheduleHide();
    });
    document.addEventListener("click", function (e) {
      var a = markOf(e.target);
      if (a && noHover() && a !== current) {
        e.preventDefault();
        show(a);
      } else if (!a && current && tip && !tip.contains(e.target)) {
        hide();
      }
    });
    document.addEventListener("focusin", function (e) {
      var a = markOf(e.target);
      if (a) show(a); else if (current && tip && !tip.contains(e.target)) hide();
    });
    document.addEventListener("focusout", function (e) {
      if (markOf(e.target) === current && !(e.relatedTarget && tip && tip.contains(e.relatedTarget))) scheduleHide();
    });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && tip && !tip.hidden) {
        var back = current;
        hide();
        if (back && tip.contains(document.activeElement)) back.focus();
      }
    });
    window.addEventListener("resize", function () { if (current && tip && !tip.hidden) place(current); });
  }

  // arrive marks the words of the citation whose anchor the address names
  // (an empty span.cite-anchor where the words start), and the other cited
  // words of the passage more quietly.
  function arrive() {
    var marked = document.querySelectorAll("mark.quoted.current, mark.quoted.quiet");
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("current", "quiet");
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    var anchor = id && document.getElementById(id);
    if (!anchor || !anchor.classList.contains("cite-anchor")) return;
    var passage = anchor.closest ? anchor.closest(".passage") : null;
    var marks = (passage || document).querySelectorAll("mark.quoted[data-q]");
    var first = null;
    for (var j = 0; j < marks.length; j++) {
      var ids = " " + marks[j].getAttribute("data-q") + " ";
      if (ids.indexOf(" " + id + " ") >= 0) {
        marks[j].classList.add("current");
        if (!first) first = marks[j];
      } else {
        marks[j].classList.add("quiet");
      }
    }
    if (first && first.scrollIntoView) first.scrollIntoView({ block: "center" });
  }

  // margins closes the notes beside each passage into their "Cited by N"
  // summaries where there is no margin column (phones), and opens them all
  // to print.
  function margins() {
    var notes = document.querySelectorAll("details.annotations");
    if (!notes.length || !window.matchMedia) return;
    if (!window.matchMedia("(min-width: 1100px)").matches) {
      for (var i = 0; i < notes.length; i++) notes[i].open = false;
    }
    window.addEventListener("beforeprint", function () {
      var all = document.querySelectorAll("details.annotations, details.more-annotations");
      for (var j = 0; j < all.length; j++) all[j].open = true;
    });
  }

  // outline marks, in a page's outline, the section being read: the last
  // whose heading has passed the top third of the window.
  function outline() {
    var links = document.querySelectorAll(".outline a[href^='#']");
    if (!links.length) return;
    var targets = [];
    for (var i = 0; i < links.length; i++) {
      var t = document.getElementById(decodeURIComponent(links[i].getAttribute("href").slice(1)));
      if (t) targets.push({ link: links[i], el: t });
    }
    var marked = null, queued = false;
    function update() {
      queued = false;
      var line = window.innerHeight / 3, now = null;
      for (var j = 0; j < targets.length; j++) {
        if (targets[j].el.getBoundingClientRect().top <= line) now = targets[j].link;
      }
      if (now === marked) return;
      if (marked) marked.removeAttribute("aria-current");
      if (now) now.setAttribute("aria-current", "location");
      marked = now;
    }
    window.addEventListener("scroll", function () {
      if (!queued) { queued = true; window.requestAnimationFrame(update); }
    }, { passive: true });
    update();
  }

  function init() {
    previews();
    margins();
    outline();
    arrive();
    window.addEventListener("hashchange", arrive);
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
