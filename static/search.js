/* search.js — the dossier's offline search.

   On every page: "/" or Ctrl+K (Cmd+K) focuses the search box, unless the
   reader is typing in another field.

   On the search page (#search-app): indexes window.DOSSIER_SEARCH, which
   the build writes as a script beside the page (a script, not JSON, since
   a page opened from disk may not fetch), with MiniSearch 7.2.0
   (static/vendor/minisearch: dist/umd/index.js of the npm package,
   verbatim, sha256 03c27931eb60...; MIT, see its LICENSE.txt), and answers as
   the reader types. Results are filtered by kind and theme, show a snippet
   with the matched words in <mark>, and link to the page or passage. The
   query and filters live in the URL (?q=&kind=&theme=), so a search can be
   bookmarked and the header's plain GET form lands here with its query.

   Data format: {kinds: [...], themes: [[slug, title]], docs: [[kind,
   title, href, [theme...], text]]}, kind and themes as list indexes,
   hrefs relative to the site root; an href that is only "#anchor" is on
   the page of the document before it. */
(function () {
  "use strict";
  if (!document.querySelector || !window.addEventListener) return;

  var PAGE = 20;          // results shown at first, and per "show more"
  var WINDOW = 200;       // snippet length in characters
  // MiniSearch's own tokenizer splits on this; highlighting must cut
  // words the same way to find what the index matched.
  var SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;
  var WORD = /[^\n\r\p{Z}\p{P}]+/gu;
  var MARKS = /\p{M}+/gu;
  var NON_ASCII = /[^\x00-\x7f]/;
  // Words so common that they match nearly every document: indexing them
  // costs time and memory and ranks nothing.
  var STOP = {};
  ("a an and are as at be by for from has have in is it its of on or that the " +
    "this to was were will with").split(" ").forEach(function (w) { STOP[w] = true; });

  // fold is the index's processTerm: case and accents do not count, so
  // "kulob" finds "Kŭlob". Most words are ASCII and skip the costly
  // normalisation.
  function fold(term) {
    var t = term.toLowerCase();
    if (NON_ASCII.test(t)) t = t.normalize("NFD").replace(MARKS, "");
    return t && !STOP[t] ? t : null;
  }

  function typing(el) {
    if (!el || el === document.body) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  function searchBox() {
    return document.getElementById("search-q") || document.getElementById("site-search-q");
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey) return;
    var ctrlK = (e.ctrlKey || e.metaKey) && (e.key === "k" || e.key === "K");
    var slash = e.key === "/" && !e.ctrlKey && !e.metaKey;
    if (!ctrlK && !slash) return;
    var box = searchBox();
    if (!box) return;
    if (e.target === box) {
      // Ctrl+K in the box would otherwise reach the browser's own
      // search; "/" in the box is just a slash.
      if (ctrlK) { e.preventDefault(); box.select(); }
      return;
    }
    if (typing(e.target)) return;
    e.preventDefault();
    box.focus();
    box.select();
  });

  function init() {
    var app = document.getElementById("search-app");
    if (!app) return;
    var status = document.getElementById("search-status");
    var data = window.DOSSIER_SEARCH;
    if (!data || !window.MiniSearch) {
      status.textContent = "The search index did not load: rebuild the site.";
      return;
    }
    new SearchPage(app, status, data).start();
  }

  function SearchPage(app, status, data) {
    this.app = app;
    this.root = app.getAttribute("data-root") || "";
    this.status = status;
    this.data = data;
    this.docs = data.docs;
    this.form = app.querySelector("form");
    this.box = document.getElementById("search-q");
    this.theme = document.getElementById("search-theme");
    this.kinds = app.querySelectorAll('input[name="kind"]');
    this.list = document.getElementById("search-results");
    this.more = document.getElementById("search-more");
    this.results = [];
    this.shown = 0;
    this.ready = false;
  }

  SearchPage.prototype.start = function () {
    var self = this;
    var docs = this.docs;
    var page = "";
    for (var i = 0; i < docs.length; i++) {
      var d = docs[i];
      if (d[2].charAt(0) === "#") d[2] = page + d[2];
      page = d[2].split("#")[0];
      d[5] = i;
    }
    this.index = new window.MiniSearch({
      fields: ["title", "text"],
      extractField: function (d, field) {
        return field === "id" ? d[5] : field === "title" ? d[1] : d[4];
      },
      tokenize: function (s) { return s.split(SEPARATOR); },
      processTerm: fold,
      searchOptions: {
        boost: { title: 3 },
        // Every word must match, the last one also as a prefix since it
        // may be half typed (from three letters: a prefix of one or two
        // matches most of the vocabulary); long words forgive a typo.
        combineWith: "AND",
        prefix: function (term, i, terms) { return i === terms.length - 1 && term.length >= 3; },
        fuzzy: function (term) { return term.length > 5 ? 0.15 : false; }
      }
    });
    this.readURL();
    this.box.addEventListener("input", function () { self.update(); });
    this.theme.addEventListener("change", function () { self.update(); });
    for (var k = 0; k < this.kinds.length; k++) {
      this.kinds[k].addEventListener("change", function () { self.update(); });
    }
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.update();
    });
    this.more.addEventListener("click", function () {
      var first = self.shown;
      self.render(self.shown + PAGE);
      var a = self.list.children[first] && self.list.children[first].querySelector("a");
      if (a) a.focus();
    });
    this.box.addEventListener("keydown", function (e) { self.keyFromBox(e); });
    this.list.addEventListener("keydown", function (e) { self.keyFromList(e); });

    var done = function () {
      self.ready = true;
      self.update();
    };
    // A large dossier is indexed in chunks so the page stays responsive.
    if (docs.length > 3000) {
      this.status.textContent = "Indexing " + docs.length + " documents…";
      this.index.addAllAsync(docs, { chunkSize: 500 }).then(done);
    } else {
      this.index.addAll(docs);
      done();
    }
    // Exposed for tests and for timing in the console.
    window.dossierSearch = {
      isReady: function () { return self.ready; },
      time: function (q) {
        var t = performance.now();
        self.box.value = q;
        self.update();
        return performance.now() - t;
      }
    };
  };

  SearchPage.prototype.readURL = function () {
    var params = new URLSearchParams(window.location.search);
    this.box.value = params.get("q") || "";
    var kinds = params.getAll("kind");
    if (kinds.length) {
      for (var i = 0; i < this.kinds.length; i++) {
        this.kinds[i].checked = kinds.indexOf(this.kinds[i].value) >= 0;
      }
    }
    var theme = params.get("theme");
    if (theme && this.theme.querySelector('option[value="' + CSS.escape(theme) + '"]')) {
      this.theme.value = theme;
    }
  };

  // writeURL keeps the address in step with the search, so it can be
  // bookmarked or shared, once typing pauses: rewriting the address takes
  // Chromium 10-20 ms on a file:// page, as long as a query, and it
  // throttles pages that rewrite it on every key. Some browsers refuse to
  // rewrite file:// URLs; the search works the same without.
  SearchPage.prototype.writeURL = function (q, kinds, theme) {
    var self = this;
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(function () { self.replaceURL(q, kinds, theme); }, 400);
  };

  SearchPage.prototype.replaceURL = function (q, kinds, theme) {
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    if (kinds.length < this.kinds.length) {
      kinds.forEach(function (k) { params.append("kind", k); });
    }
    if (theme) params.set("theme", theme);
    var s = params.toString();
    try {
      window.history.replaceState(null, "", s ? "?" + s : window.location.pathname);
    } catch (err) { /* file:// in some browsers */ }
  };

  SearchPage.prototype.checkedKinds = function () {
    var out = [];
    for (var i = 0; i < this.kinds.length; i++) {
      if (this.kinds[i].checked) out.push(this.kinds[i].value);
    }
    return out;
  };

  SearchPage.prototype.update = function () {
    if (!this.ready) return;
    var q = this.box.value.trim();
    var kinds = this.checkedKinds();
    var themeSlug = this.theme.value;
    this.writeURL(q, kinds, themeSlug);
    var kindNames = this.data.kinds;
    var theme = -1;
    for (var t = 0; t < this.data.themes.length; t++) {
      if (this.data.themes[t][0] === themeSlug) theme = t;
    }
    var docs = this.docs;
    var all = q ? this.index.search(q, {
      filter: theme < 0 ? undefined : function (r) { return docs[r.id][3].indexOf(theme) >= 0; }
    }) : [];
    // Counts per kind before the kind filter, so each checkbox says what
    // ticking it would add.
    var counts = kindNames.map(function () { return 0; });
    var wanted = kindNames.map(function (k) { return kinds.indexOf(k) >= 0; });
    var results = [];
    for (var i = 0; i < all.length; i++) {
      var kind = docs[all[i].id][0];
      counts[kind]++;
      if (wanted[kind]) results.push(all[i]);
    }
    for (var k = 0; k < this.kinds.length; k++) {
      this.setCount(this.kinds[k], q ? counts[kindNames.indexOf(this.kinds[k].value)] : null);
    }
    this.results = results;
    this.unfiltered = all.length;
    this.query = q;
    this.list.textContent = "";
    this.shown = 0;
    this.render(PAGE);
  };

  SearchPage.prototype.setCount = function (input, n) {
    var label = input.parentNode;
    var span = label.querySelector(".count");
    if (!span) {
      span = document.createElement("span");
      span.className = "count";
      label.appendChild(span);
    }
    span.textContent = n === null ? "" : " " + n;
  };

  // say updates the status line, which a screen reader announces.
  SearchPage.prototype.say = function () {
    var q = this.query, n = this.results.length, unfiltered = this.unfiltered;
    var text;
    if (!q) {
      text = "Type to search " + this.docs.length + " passages, notes, themes, entities and sources.";
    } else if (n === 0) {
      text = "No results for “" + q + "”" + (unfiltered ? " among the ticked kinds (" + unfiltered + " of other kinds)." : ".");
    } else {
      text = (n === 1 ? "1 result" : n + " results") + " for “" + q + "”" +
        (this.shown < n ? ", showing " + this.shown + "." : ".");
    }
    this.status.textContent = text;
  };

  SearchPage.prototype.render = function (upTo) {
    var end = Math.min(upTo, this.results.length);
    var frag = document.createDocumentFragment();
    for (var i = this.shown; i < end; i++) frag.appendChild(this.item(this.results[i]));
    this.list.appendChild(frag);
    this.shown = end;
    this.more.parentNode.hidden = this.shown >= this.results.length;
    this.say();
  };

  SearchPage.prototype.item = function (r) {
    var d = this.docs[r.id];
    var terms = {};
    for (var t = 0; t < r.terms.length; t++) terms[r.terms[t]] = true;
    var kind = this.data.kinds[d[0]];

    var li = document.createElement("li");
    li.className = "search-result k-" + kind;
    var head = document.createElement("p");
    head.className = "search-result-head";
    var a = document.createElement("a");
    a.href = this.root + d[2];
    highlight(a, d[1], terms, 0, d[1].length);
    head.appendChild(a);
    var badge = document.createElement("span");
    badge.className = "kind";
    badge.textContent = kind;
    head.appendChild(document.createTextNode(" "));
    head.appendChild(badge);
    li.appendChild(head);

    var p = document.createElement("p");
    p.className = "snippet";
    snippet(p, d[4], terms);
    li.appendChild(p);

    if (d[3].length) {
      var ul = document.createElement("ul");
      ul.className = "search-themes";
      ul.setAttribute("aria-label", "Themes");
      for (var j = 0; j < d[3].length; j++) {
        var th = this.data.themes[d[3][j]];
        var tli = document.createElement("li");
        tli.className = "theme-mark t-" + th[0];
        tli.textContent = th[1];
        ul.appendChild(tli);
      }
      li.appendChild(ul);
    }
    return li;
  };

  // Arrow keys walk from the box through the result links and back.
  SearchPage.prototype.keyFromBox = function (e) {
    if (e.key !== "ArrowDown") return;
    var a = this.list.querySelector("a");
    if (a) { e.preventDefault(); a.focus(); }
  };

  SearchPage.prototype.keyFromList = function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = this.list.querySelectorAll(".search-result-head a");
    var i = Array.prototype.indexOf.call(links, document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === "ArrowDown") {
      if (i + 1 < links.length) links[i + 1].focus();
    } else if (i > 0) {
      links[i - 1].focus();
    } else {
      this.box.focus();
    }
  };

  // words lists the words of text that the index matched, as [start, end]
  // offsets.
  function words(text, terms, from, to) {
    var out = [];
    WORD.lastIndex = from;
    var m;
    while ((m = WORD.exec(text)) !== null && m.index < to) {
      if (terms[fold(m[0])]) out.push([m.index, m.index + m[0].length]);
    }
    return out;
  }

  // highlight appends text[from:to] to el with the matched words marked.
  function highlight(el, text, terms, from, to) {
    var at = from;
    var hits = words(text, terms, from, to);
    for (var i = 0; i < hits.length; i++) {
      var h = hits[i];
      if (h[1] > to) break;
      if (h[0] > at) el.appendChild(document.createTextNode(text.slice(at, h[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(h[0], h[1]);
      el.appendChild(mark);
      at = h[1];
    }
    if (at < to) el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  // snippet shows the window of text with the most matched words, cut at
  // word boundaries.
  function snippet(el, text, terms) {
    if (text.length <= WINDOW) {
      highlight(el, text, terms, 0, text.length);
      return;
    }
    var hits = words(text, terms, 0, text.length);
    // Score each window that starts at a hit by its distinct words, then
    // by its hits; hits[i..j] is the window starting at hit i.
    var best = 0, bestScore = 0;
    for (var i = 0, j = 0; i < hits.length; i++) {
      if (j < i) j = i;
      while (j + 1 < hits.length && hits[j + 1][1] - hits[i][0] <= WINDOW) j++;
      var distinct = {};
      for (var k = i; k <= j; k++) distinct[fold(text.slice(hits[k][0], hits[k][1]))] = true;
      var score = Object.keys(distinct).length * 1000 + (j - i);
      if (score > bestScore) { bestScore = score; best = hits[i][0]; }
    }
    // Start a little before the first hit, at a word boundary.
    var start = Math.max(0, best - 40);
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      start = sp >= 0 && sp < best ? sp + 1 : best;
    }
    var end = Math.min(text.length, start + WINDOW);
    if (end < text.length) {
      var last = text.lastIndexOf(" ", end);
      if (last > start) end = last;
    }
    if (start > 0) el.appendChild(document.createTextNode("… "));
    highlight(el, text, terms, start, end);
    if (end < text.length) el.appendChild(document.createTextNode(" …"));
  }

  // Deferred scripts run before DOMContentLoaded, in document order; the
  // search page's index and MiniSearch come after this script, so wait.
  if (document.readyState === "complete") {
    init();
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
