/* cite.js — copy a citation from a source page; progressive enhancement only.

   Select words in a passage and a popover offers three things to copy:
   the wikilink [[key#"words"]], grown to the shortest quote that matches one
   passage only; the passage's reference ("Kucera 2012, p. 4, ¶7"); and a
   permalink to the passage. Each ¶ number gets a button that opens the same
   popover for the whole passage.

   The quote rules are the build's (internal/resolve/fold.go, quotes.go):
   text is folded (lower case, typographic quotes straight, ligatures spelt
   out, whitespace runs one space, hyphens and dashes dropped with the
   whitespace around them) and a quote is good when its folding occurs in
   exactly one passage of the source, headings included. Keep the two in
   step: the browser test compares fold here with the Go fold. */
(function () {
  "use strict";
  if (!document.querySelector || !window.addEventListener || !String.prototype.codePointAt) return;

  // ---------- Folding, as resolve.foldTo ----------

  var ligatures = {
    0xfb00: "ff", 0xfb01: "fi", 0xfb02: "fl", 0xfb03: "ffi", 0xfb04: "ffl", 0xfb05: "st", 0xfb06: "st"
  };

  function isDash(c) {
    switch (c) {
      case 0x2d: case 0xad: case 0x2010: case 0x2011: case 0x2012: case 0x2013:
      case 0x2014: case 0x2015: case 0x2212: case 0xfe58: case 0xfe63: case 0xff0d:
        return true;
    }
    return false;
  }

  // isSpace is Go's unicode.IsSpace (JavaScript's \s differs: it takes
  // U+FEFF and leaves U+0085).
  function isSpace(c) {
    if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
    return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
      c === 0x202f || c === 0x205f || c === 0x3000;
  }

  function foldRune(c) {
    switch (c) {
      case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x60: case 0xb4:
        return "'";
      case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033: case 0xab: case 0xbb:
        return '"';
    }
    if (c < 0x80) return (c >= 0x41 && c <= 0x5a) ? String.fromCharCode(c + 32) : String.fromCharCode(c);
    // Go lowers one rune to one rune (simple case mapping); JavaScript
    // uses the full mapping, which turns only U+0130 into two.
    if (c === 0x130) return "i";
    var s = String.fromCodePoint(c), l = s.toLowerCase();
    return l.length === s.length ? l : s;
  }

  function fold(s) {
    var out = "", pending = false;
    for (var i = 0; i < s.length;) {
      var c = s.codePointAt(i), size = c > 0xffff ? 2 : 1;
      if (isDash(c)) {
        pending = false;
        i += size;
        while (i < s.length && isSpace(s.charCodeAt(i))) i++;
        if (out.length > 0 && out.charAt(out.length - 1) === " ") out = out.slice(0, -1);
        continue;
      }
      if (isSpace(c) || c === 0) {
        pending = out.length > 0;
        i += size;
        continue;
      }
      if (pending) {
        out += " ";
        pending = false;
      }
      out += ligatures[c] || foldRune(c);
      i += size;
    }
    return out;
  }

  // ---------- The source's passages ----------

  var article = null, key = "", passages = null;

  // contentOf is the element holding a passage's words: the heading itself,
  // or the paragraph (or quote) of a numbered passage.
  function contentOf(el) {
    if (/^H[1-6]$/.test(el.tagName)) return el;
    for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (c.tagName === "P" || c.tagName === "BLOCKQUOTE") return c;
    }
    return null;
  }

  // skipped is markup inside a passage that is not its text: footnote
  // markers, and the popover itself.
  function skipped(node) {
    return node.nodeType === 1 && (node.tagName === "SUP" && node.classList.contains("fnref") ||
      node.classList.contains("cite-copy"));
  }

  // Passage is one passage: its element, words and folding. segments map
  // the text nodes to offsets of text.
  function Passage(el, content) {
    this.el = el;
    this.content = content;
    this.segments = [];
    var text = "";
    var walk = function (node) {
      for (var n = node.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3) {
          this.segments.push({ node: n, start: text.length });
          text += n.nodeValue;
        } else if (n.nodeType === 1 && !skipped(n)) {
          walk(n);
        }
      }
    }.bind(this);
    walk(content);
    this.text = text;
    this.folded = fold(text);
    this.number = el.querySelector(".pnum") ? (el.querySelector(".pnum").textContent || "").replace(/^¶/, "") : "";
    // Words: maximal runs of non-space, with their offsets.
    this.words = [];
    var re = /\S+/g, m;
    while ((m = re.exec(text))) this.words.push({ start: m.index, end: m.index + m[0].length });
  }

  // offsetOf maps a DOM boundary point inside the passage's content to an
  // offset of its text.
  Passage.prototype.offsetOf = function (container, offset) {
    for (var i = 0; i < this.segments.length; i++) {
      if (this.segments[i].node === container) return this.segments[i].start + Math.min(offset, container.nodeValue.length);
    }
    var point = document.createRange();
    try {
      point.setStart(container, offset);
    } catch (e) {
      return this.text.length;
    }
    for (var j = 0; j < this.segments.length; j++) {
      if (point.comparePoint(this.segments[j].node, 0) >= 0) return this.segments[j].start;
    }
    return this.text.length;
  };

  function load() {
    if (passages) return passages;
    passages = [];
    var els = article.querySelectorAll(".passage");
    for (var i = 0; i < els.length; i++) {
      var content = contentOf(els[i]);
      if (content) passages.push(new Passage(els[i], content));
    }
    return passages;
  }

  function passageOf(node) {
    var list = load();
    for (; node && node !== article; node = node.parentNode) {
      if (node.nodeType === 1 && node.classList.contains("cite-copy")) return null;
      for (var i = 0; i < list.length; i++) {
        if (list[i].content === node) return list[i];
      }
    }
    return null;
  }

  // matches counts the passages whose folded text holds the quote's.
  function matches(quote) {
    var f = fold(quote), n = 0;
    if (!f) return 0;
    var list = load();
    for (var i = 0; i < list.length; i++) {
      if (list[i].folded.indexOf(f) >= 0) n++;
    }
    return n;
  }

  // trim drops what is not a letter or digit from both ends of a quote:
  // a quote need not carry the sentence's punctuation.
  var edge = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  function trim(s) { return s.replace(/\s+/g, " ").replace(edge, ""); }

  // sentenceEnd matches a word that ends a sentence.
  var sentenceEnd = /[.!?…]["'”’)\]]*$/;

  // quoteFor returns the shortest quote of passage p that covers its text
  // from start to end, whole words, and matches p alone. Of quotes of the
  // same length it takes the one that runs over the fewest sentence ends,
  // then the one with more words after the selection than before. unique
  // is false when even the whole passage matches elsewhere too.
  function quoteFor(p, start, end) {
    var w = p.words, a = -1, b = -1;
    for (var i = 0; i < w.length; i++) {
      if (w[i].end > start && w[i].start < end) {
        if (a < 0) a = i;
        b = i;
      }
    }
    if (a < 0) return null;
    var first = "";
    // ends[i] is whether word i ends a sentence.
    var ends = [];
    for (var j = 0; j < w.length; j++) ends.push(sentenceEnd.test(p.text.slice(w[j].start, w[j].end)));
    for (var k = 0; k <= a + (w.length - 1 - b); k++) {
      var best = null, bestCost = 0;
      for (var right = k; right >= 0; right--) {
        var left = k - right;
        if (a - left < 0 || b + right >= w.length) continue;
        var q = trim(p.text.slice(w[a - left].start, w[b + right].end));
        if (!q) continue;
        if (!first) first = q;
        var cost = 0;
        for (var x = a - left; x < b + right; x++) if (ends[x]) cost++;
        if ((!best || cost < bestCost) && matches(q) === 1) {
          best = q;
          bestCost = cost;
        }
      }
      if (best) return { quote: best, unique: true, grown: k > 0 };
    }
    return first ? { quote: first, unique: false, grown: false } : null;
  }

  function wikilink(quote) { return "[[" + key + '#"' + quote + '"]]'; }

  function permalink(p) {
    return location.href.replace(/#.*$/, "") + "#" + p.el.id;
  }

  // describe works out what the popover offers for the text of passage p
  // from start to end: a selection, or (whole) the passage's first word.
  function describe(p, start, end, crosses, whole) {
    var d = { passage: p, warnings: [] };
    var q = quoteFor(p, start, end);
    if (!q) {
      d.warnings.push("Select some words of the passage to quote.");
    } else {
      d.wikilink = wikilink(q.quote);
      if (!q.unique) d.warnings.push("These words are in other passages too, even with the whole passage quoted: the build would call this quote ambiguous.");
      else if (q.grown && !whole) d.notes = "Quote grown to words found in this passage only.";
    }
    if (crosses) d.warnings.unshift("The selection runs over more than one passage; a quote cites one, so this one quotes " + label(p) + " only.");
    d.reference = p.el.getAttribute("data-mark") || label(p);
    d.link = permalink(p);
    return d;
  }

  function label(p) { return p.number ? "¶" + p.number : "this heading"; }

  // ---------- The popover ----------

  var pop = null, fields = {}, warn = null, status = null, head = null, note = null;
  var opener = null, shown = null, suppress = false;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function build() {
    pop = el("div", "cite-copy");
    pop.id = "cite-copy";
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-labelledby", "cite-copy-head");
    pop.hidden = true;
    head = el("p", "cite-copy-head");
    head.id = "cite-copy-head";
    pop.appendChild(head);
    warn = el("p", "cite-copy-warn");
    warn.hidden = true;
    pop.appendChild(warn);
    var rows = [["wikilink", "Wikilink"], ["reference", "Reference"], ["link", "Link"]];
    for (var i = 0; i < rows.length; i++) {
      var row = el("div", "cite-copy-row");
      var value = el("code", "cite-copy-value cite-copy-" + rows[i][0]);
      var button = el("button", "cite-copy-button", "Copy");
      button.type = "button";
      button.setAttribute("data-copy", rows[i][0]);
      button.setAttribute("aria-label", "Copy the " + rows[i][1].toLowerCase());
      row.appendChild(el("span", "cite-copy-label", rows[i][1]));
      row.appendChild(value);
      row.appendChild(button);
      pop.appendChild(row);
      fields[rows[i][0]] = { row: row, value: value };
    }
    note = el("p", "cite-copy-note");
    pop.appendChild(note);
    status = el("p", "cite-copy-status");
    status.setAttribute("role", "status");
    pop.appendChild(status);
    var close = el("button", "cite-copy-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    pop.appendChild(close);

    // A press inside the popover keeps the reader's selection and focus.
    pop.addEventListener("mousedown", function (e) {
      if (e.target.closest("button")) e.preventDefault();
    });
    pop.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (!b) return;
      if (b === close) {
        hide(true);
        return;
      }
      var kind = b.getAttribute("data-copy");
      if (!kind || !shown || !shown[kind]) return;
      copy(shown[kind], function (ok) {
        status.textContent = ok ? "Copied the " + kind + "." : "Could not copy: select the text and copy it yourself.";
        if (ok) pop.setAttribute("data-copied", shown[kind]);
      });
    });
  }

  function show(d, anchor, from) {
    if (!pop) build();
    shown = d;
    opener = from || null;
    head.textContent = "Cite " + label(d.passage);
    warn.textContent = d.warnings.join(" ");
    warn.hidden = d.warnings.length === 0;
    note.textContent = d.notes || "";
    note.hidden = !d.notes;
    status.textContent = "";
    pop.removeAttribute("data-copied");
    fields.wikilink.row.hidden = !d.wikilink;
    fields.wikilink.value.textContent = d.wikilink || "";
    fields.reference.value.textContent = d.reference;
    fields.link.value.textContent = d.link;
    // In the passage, after its words: Tab from the selection, or from the
    // ¶ button, reaches the popover's buttons next.
    var content = d.passage.content;
    if (pop.previousSibling !== content) content.parentNode.insertBefore(pop, content.nextSibling);
    pop.hidden = false;
    place(anchor);
    setExpanded(true);
  }

  function setExpanded(on) {
    var buttons = article.querySelectorAll(".pcopy[aria-expanded]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-expanded", on && buttons[i] === opener ? "true" : "false");
    }
  }

  // place puts the popover below the anchor rectangle (in the viewport),
  // inside the window, in the coordinates of the passage (or, beside a
  // heading, the text) it is positioned in.
  function place(r) {
    var parent = pop.offsetParent || document.documentElement;
    var pr = parent.getBoundingClientRect();
    var vw = document.documentElement.clientWidth, margin = 8;
    pop.style.left = "0px";
    pop.style.top = "0px";
    var w = pop.offsetWidth;
    var left = Math.min(Math.max(margin, r.left), Math.max(margin, vw - w - margin));
    pop.style.left = Math.round(left - pr.left) + "px";
    pop.style.top = Math.round(r.bottom + 6 - pr.top) + "px";
  }

  function hide(restoreFocus) {
    if (!pop || pop.hidden) return;
    var inside = pop.contains(document.activeElement);
    pop.hidden = true;
    shown = null;
    setExpanded(false);
    // Focus goes back where it came from: to the ¶ button that opened
    // the popover, or, from a selection, to the passage's ¶ button.
    if (inside || (restoreFocus && opener)) {
      var to = opener || (pop.parentNode && pop.parentNode.querySelector(".pcopy"));
      if (to) to.focus();
    }
    opener = null;
  }

  // ---------- Copying ----------

  // copy writes text to the clipboard: through navigator.clipboard where
  // the page may use it, otherwise (file:// in some browsers) by selecting
  // it in a text area and copying that. The reader's selection and focus
  // are put back afterwards.
  function copy(text, done) {
    function fallback() {
      var sel = window.getSelection(), ranges = [];
      for (var i = 0; sel && i < sel.rangeCount; i++) ranges.push(sel.getRangeAt(i));
      var active = document.activeElement;
      var area = el("textarea", "cite-copy-buffer");
      area.value = text;
      area.setAttribute("readonly", "");
      area.setAttribute("aria-hidden", "true");
      area.tabIndex = -1;
      pop.appendChild(area);
      suppress = true;
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      pop.removeChild(area);
      if (active && active.focus && active !== document.body) active.focus({ preventScroll: true });
      if (sel) {
        sel.removeAllRanges();
        for (var j = 0; j < ranges.length; j++) sel.addRange(ranges[j]);
      }
      setTimeout(function () { suppress = false; }, 0);
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  // ---------- Selections ----------

  var pointerDown = false, timer = 0;

  // fromSelection shows the popover for the current selection, or hides
  // it when nothing in a passage is selected.
  function fromSelection() {
    if (suppress) return;
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) {
      if (pop && !pop.hidden && !opener && !pop.contains(document.activeElement)) hide(false);
      return;
    }
    var r = sel.getRangeAt(0);
    var ps = passageOf(r.startContainer), pe = passageOf(r.endContainer);
    if (!ps && !pe) {
      // A selection inside the popover, or outside the text, is left alone.
      if (pop && !pop.hidden && !pop.contains(r.commonAncestorContainer) && !opener) hide(false);
      return;
    }
    var list = load(), p = ps || pe, start, end;
    start = ps ? ps.offsetOf(r.startContainer, r.startOffset) : 0;
    end = pe === p ? p.offsetOf(r.endContainer, r.endOffset) : p.text.length;
    // Any other passage touched, or one between the two ends.
    var crosses = ps !== pe || (ps && list.some(function (q) { return q !== ps && r.intersectsNode(q.content); }));
    if (p.text.slice(start, end).trim() === "") {
      if (pop && !pop.hidden && !opener) hide(false);
      return;
    }
    var rect = r.getClientRects();
    var anchor = rect.length ? rect[rect.length - 1] : r.getBoundingClientRect();
    show(describe(p, start, end, crosses), anchor, null);
  }

  function later() {
    clearTimeout(timer);
    if (pointerDown) return;
    timer = setTimeout(fromSelection, 120);
  }

  // ---------- ¶ buttons ----------

  function addButtons() {
    var list = load();
    for (var i = 0; i < list.length; i++) {
      var p = list[i], num = p.el.querySelector(".pnum");
      if (!num) continue;
      var b = el("button", "pcopy");
      b.type = "button";
      b.setAttribute("aria-label", "Cite ¶" + p.number + ": copy its link or reference");
      b.setAttribute("aria-haspopup", "dialog");
      b.setAttribute("aria-expanded", "false");
      b.setAttribute("aria-controls", "cite-copy");
      b.appendChild(el("span", "pcopy-icon"));
      num.parentNode.insertBefore(b, num.nextSibling);
    }
  }

  function onButton(b) {
    var p = passageOf(contentOf(b.parentNode));
    if (!p) return;
    if (pop && !pop.hidden && opener === b) {
      hide(true);
      return;
    }
    var first = p.words.length ? p.words[0] : { start: 0, end: 0 };
    var d = describe(p, first.start, first.end, false, true);
    show(d, b.getBoundingClientRect(), b);
    var button = pop.querySelector(".cite-copy-row:not([hidden]) .cite-copy-button");
    if (button) button.focus();
  }

  function init() {
    article = document.querySelector(".source-text[data-source]");
    if (!article) return;
    key = article.getAttribute("data-source");
    article.classList.add("has-cite");
    addButtons();
    article.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest(".pcopy");
      if (b) onButton(b);
    });
    document.addEventListener("selectionchange", later);
    document.addEventListener("mousedown", function (e) {
      pointerDown = true;
      if (pop && !pop.hidden && !pop.contains(e.target) && !(e.target.closest && e.target.closest(".pcopy"))) hide(false);
    });
    document.addEventListener("mouseup", function () {
      pointerDown = false;
      later();
    });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && pop && !pop.hidden) {
        e.preventDefault();
        hide(true);
      }
    });
    window.addEventListener("resize", function () { if (pop && !pop.hidden) hide(false); });
  }

  // For tests: the folding and the quote rule.
  window.dossierCite = {
    fold: fold,
    matches: matches,
    quote: function (passageID, start, end) {
      var list = load();
      for (var i = 0; i < list.length; i++) {
        if (list[i].el.id === passageID) return quoteFor(list[i], start, end);
      }
      return null;
    }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
