/* search.js — the dossier's offline search.

   On every page: "/" or Ctrl+K (Cmd+K) focuses the search box, unless the
   reader is typing in another field.

   On the search page (#search-app): answers as the reader types from the
   index the build writes beside the page (internal/search, index.go): a
   manifest, window.DOSSIER_SEARCH, loaded with the page, and shards this
   script loads as a query needs them by adding <script> tags (a page
   opened from disk may load scripts but may not fetch); each shard calls
   window.DOSSIER_SEARCH_SHARD(version, name, data).

   Manifest: {version, kinds, kindStart: where each kind's documents
   start, themes: [[slug, title]], stop: words left out, words: the first
   word of each word shard after the first, docs: the number of
   documents in each document shard, as varints}.
   Word shard "w<n>": {word: postings}, a posting being the document's
   number less the one before's, as a varint, then the word's score in
   that document in two digits. Document shard "d<n>": [[title, href,
   [theme...], text]], hrefs relative to the site root; an href that is
   only "#anchor" is on the page of the document before it. Theme shard
   "t<n>": the theme's documents, as varint differences.

   A query's words must all match, the last one also as a prefix (from
   three letters), and a word of six letters or more also with a typo or
   two among the words that share its first two letters (or three, or
   more, where the words with those two letters fill more than two
   shards). Ranking is
   MiniSearch's (BM25+ scores computed by the build; a prefix match
   weighs 0.375 and a typo 0.45, less the further the word), which the
   page used before the index was cut into shards.

   Results are filtered by kind and theme, show a snippet with the
   matched words in <mark>, and link to the page or passage. The query
   and filters live in the URL (?q=&kind=&theme=), so a search can be
   bookmarked and the header's plain GET form lands here with its query. */
(function () {
  "use strict";
  if (!document.querySelector || !window.addEventListener) return;

  var PAGE = 20;          // results shown at first, and per "show more"
  var WINDOW = 200;       // snippet length in characters
  // The build cuts words at these (internal/search's tokenizer);
  // queries and highlighting must cut them the same way.
  var SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;
  var WORD = /[^\n\r\p{Z}\p{P}]+/gu;
  var MARKS = /\p{M}+/gu;
  var NON_ASCII = /[^\x00-\x7f]/;
  // Words so common that they match nearly every document, which the
  // index leaves out: the manifest lists them.
  var STOP = {};
  var PREFIX = 0.375, FUZZY = 0.45; // MiniSearch's weights
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var VALUE = {};
  for (var di = 0; di < DIGITS.length; di++) VALUE[DIGITS.charCodeAt(di)] = di;

  // fold is what the index did to each word: case and accents do not
  // count, so "kulob" finds "Kŭlob". Most words are ASCII and skip the
  // costly normalisation.
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
    if (!data || data.format !== 2) {
      status.textContent = "The search index did not load: rebuild the site.";
      return;
    }
    new SearchPage(app, status, data).start();
  }

  // varints decodes a string of varints: five bits a digit, lowest
  // first, digits from 32 on saying that more follow.
  function varints(s) {
    var out = [];
    for (var i = 0; i < s.length;) {
      var v = 0, mul = 1, c;
      while ((c = VALUE[s.charCodeAt(i++)]) >= 32) { v += (c - 32) * mul; mul *= 32; }
      out.push(v + c * mul);
    }
    return out;
  }

  // postings decodes a word's postings into [documents, scores].
  function postings(s) {
    var docs = [], scores = [], doc = 0;
    for (var i = 0; i < s.length;) {
      var v = 0, mul = 1, c;
      while ((c = VALUE[s.charCodeAt(i++)]) >= 32) { v += (c - 32) * mul; mul *= 32; }
      doc += v + c * mul;
      docs.push(doc);
      scores.push((VALUE[s.charCodeAt(i)] * 64 + VALUE[s.charCodeAt(i + 1)]) / 32);
      i += 2;
    }
    return [docs, scores];
  }

  // within is the Levenshtein distance of a and b if it is at most max,
  // else max + 1.
  function within(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev = [], cur = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
        cur[j] = d;
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  function SearchPage(app, status, data) {
    this.app = app;
    this.root = app.getAttribute("data-root") || "";
    this.status = status;
    this.data = data;
    this.form = app.querySelector("form");
    this.box = document.getElementById("search-q");
    this.theme = document.getElementById("search-theme");
    this.kinds = app.querySelectorAll('input[name="kind"]');
    this.list = document.getElementById("search-results");
    this.more = document.getElementById("search-more");
    this.results = [];
    this.shown = 0;         // results drawn
    this.drawing = 0;       // results drawn once their documents load
    this.ready = false;
    this.seq = 0;           // the number of the latest query
    this.shards = {};       // name -> data, once loaded
    this.loading = {};      // name -> promise of the data
    this.decoded = {};      // word -> [documents, scores]
  }

  SearchPage.prototype.start = function () {
    var self = this;
    var data = this.data;
    data.stop.forEach(function (w) { STOP[w] = true; });
    this.count = data.kindStart[data.kindStart.length - 1];
    // Word shard n holds the words from starts[n] on.
    this.starts = [""].concat(data.words);
    // Document shard n holds the documents from docStart[n] on.
    this.docStart = [0];
    var sizes = varints(data.docs);
    for (var i = 0; i < sizes.length; i++) this.docStart.push(this.docStart[i] + sizes[i]);
    window.DOSSIER_SEARCH_SHARD = function (version, name, shard) {
      if (version === data.version) self.shards[name] = shard;
    };
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
      self.render(self.shown + PAGE).then(function () {
        var a = self.list.children[first] && self.list.children[first].querySelector("a");
        if (a) a.focus();
      }, function (err) { self.failed(err); });
    });
    this.box.addEventListener("keydown", function (e) { self.keyFromBox(e); });
    this.list.addEventListener("keydown", function (e) { self.keyFromList(e); });
    this.ready = true;
    // Exposed for tests and for timing in the console.
    window.dossierSearch = {
      isReady: function () { return self.ready; },
      // time resolves to the milliseconds q took to answer and draw.
      time: function (q) {
        var t = performance.now();
        self.box.value = q;
        return self.update().then(function () { return performance.now() - t; });
      }
    };
    this.update();
  };

  // load resolves to the shard's data once its script has run.
  SearchPage.prototype.load = function (name) {
    var self = this;
    if (this.shards[name]) return Promise.resolve(this.shards[name]);
    if (this.loading[name]) return this.loading[name];
    var p = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = "shards/" + name + ".js?v=" + self.data.version;
      s.async = true;
      s.onload = function () {
        s.remove();
        if (self.shards[name]) resolve(self.shards[name]);
        else reject(new Error(name + " is of another build"));
      };
      s.onerror = function () {
        s.remove();
        delete self.loading[name];
        reject(new Error(name + " did not load"));
      };
      document.head.appendChild(s);
    });
    this.loading[name] = p;
    return p;
  };

  SearchPage.prototype.loadAll = function (names) {
    var self = this;
    return Promise.all(names.map(function (n) { return self.load(n); }));
  };

  // shardOf is the word shard that holds word, if the index has it.
  SearchPage.prototype.shardOf = function (word) {
    var lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= word) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  // shardsFrom lists the word shards that hold the words starting with
  // prefix.
  SearchPage.prototype.shardsFrom = function (prefix, into) {
    var last = this.shardOf(prefix + "\uffff");
    for (var n = this.shardOf(prefix); n <= last; n++) into["w" + n] = true;
  };

  // terms are the query's words, each with how it may match: the last
  // also as a prefix from three letters on, words of six letters or more
  // with one typo, of ten or more with two.
  function terms(q) {
    var out = [];
    var words = q.split(SEPARATOR);
    for (var i = 0; i < words.length; i++) {
      var t = fold(words[i]);
      if (t) out.push({ term: t, prefix: false, fuzzy: t.length > 5 ? Math.min(6, Math.round(t.length * 0.15)) : 0 });
    }
    if (out.length) out[out.length - 1].prefix = out[out.length - 1].term.length >= 3;
    return out;
  }

  // fuzzyHead is the prefix a word shares with the words a typo may have
  // meant: its first two letters, or more where the words starting with
  // those fill more than FUZZY_SHARDS shards.
  var FUZZY_SHARDS = 2;
  SearchPage.prototype.fuzzyHead = function (term) {
    for (var n = 2; n < term.length; n++) {
      var head = term.slice(0, n);
      if (this.shardOf(head + "\uffff") - this.shardOf(head) < FUZZY_SHARDS) return head;
    }
    return term;
  };

  // words lists the shards' words that match the term, each with its
  // weight.
  SearchPage.prototype.matches = function (t) {
    var out = [];
    var first = this.shardOf(t.term);
    var exact = this.shards["w" + first];
    if (exact && Object.prototype.hasOwnProperty.call(exact, t.term)) out.push([t.term, 1]);
    var seen = {};
    seen[t.term] = true;
    var n, w;
    if (t.prefix) {
      var last = this.shardOf(t.term + "\uffff");
      for (n = first; n <= last; n++) {
        for (w in this.shards["w" + n]) {
          if (!seen[w] && w.lastIndexOf(t.term, 0) === 0) {
            seen[w] = true;
            out.push([w, PREFIX * w.length / (w.length + 0.3 * (w.length - t.term.length))]);
          }
        }
      }
    }
    if (t.fuzzy) {
      var head = this.fuzzyHead(t.term);
      var end = this.shardOf(head + "\uffff");
      for (n = this.shardOf(head); n <= end; n++) {
        for (w in this.shards["w" + n]) {
          if (seen[w] || w.lastIndexOf(head, 0) !== 0) continue;
          var d = within(t.term, w, t.fuzzy);
          if (d <= t.fuzzy) {
            seen[w] = true;
            out.push([w, FUZZY * w.length / (w.length + d)]);
          }
        }
      }
    }
    return out;
  };

  SearchPage.prototype.postings = function (word) {
    var p = this.decoded[word];
    if (!p) p = this.decoded[word] = postings(this.shards["w" + this.shardOf(word)][word]);
    return p;
  };

  // search ranks the documents that match every term: the sum, over the
  // terms, of each matching word's score times its weight.
  SearchPage.prototype.search = function (ts, allowed) {
    var n = this.count;
    var score = new Float64Array(n), hits = new Uint8Array(n);
    var matched = [];
    for (var i = 0; i < ts.length; i++) {
      var ms = this.matches(ts[i]);
      for (var m = 0; m < ms.length; m++) {
        var p = this.postings(ms[m][0]), weight = ms[m][1];
        var docs = p[0], scores = p[1];
        for (var j = 0; j < docs.length; j++) {
          var doc = docs[j];
          if (hits[doc] < i) continue; // missed an earlier term
          if (hits[doc] === i) hits[doc] = i + 1;
          score[doc] += weight * scores[j];
          (matched[doc] || (matched[doc] = [])).push(ms[m][0]);
        }
      }
    }
    var out = [];
    for (var d = 0; d < n; d++) {
      if (hits[d] === ts.length && ts.length && (!allowed || allowed[d])) out.push({ id: d, score: score[d], terms: matched[d] });
    }
    out.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return out;
  };

  SearchPage.prototype.kindOf = function (doc) {
    var k = 0;
    while (this.data.kindStart[k + 1] <= doc) k++;
    return k;
  };

  SearchPage.prototype.docShard = function (doc) {
    var lo = 0, hi = this.docStart.length - 2;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.docStart[mid] <= doc) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  // doc is a document of a loaded document shard: [title, href, themes,
  // text], its href resolved.
  SearchPage.prototype.doc = function (id) {
    var n = this.docShard(id);
    var shard = this.shards["d" + n];
    if (!shard.resolved) {
      var page = "";
      for (var i = 0; i < shard.length; i++) {
        if (shard[i][1].charAt(0) === "#") shard[i][1] = page + shard[i][1];
        page = shard[i][1].split("#")[0];
      }
      shard.resolved = true;
    }
    return shard[id - this.docStart[n]];
  };

  // needDocs starts loading the document shards of results[from:to],
  // all at once; render waits for them in turn.
  SearchPage.prototype.needDocs = function (results, from, to) {
    var names = {};
    for (var i = from; i < Math.min(to, results.length); i++) names["d" + this.docShard(results[i].id)] = true;
    this.loadAll(Object.keys(names)).catch(function () { /* render reports it */ });
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

  // update answers the query in the box: it loads the shards the query
  // needs, then the documents of the first results, and draws them,
  // unless a newer query came meanwhile. Only the first result's
  // document shard is loaded before anything is drawn, and the others
  // after: at 10,000 notes a page of results spans a dozen shards or
  // more, and a query typed quickly would load them for every word it
  // passes through. It resolves when the first page is drawn.
  SearchPage.prototype.update = function () {
    if (!this.ready) return Promise.resolve();
    var self = this;
    var seq = ++this.seq;
    var q = this.box.value.trim();
    var kinds = this.checkedKinds();
    var themeSlug = this.theme.value;
    this.writeURL(q, kinds, themeSlug);
    var theme = -1;
    for (var t = 0; t < this.data.themes.length; t++) {
      if (this.data.themes[t][0] === themeSlug) theme = t;
    }
    var ts = terms(q);
    var need = {};
    for (var i = 0; i < ts.length; i++) {
      need["w" + this.shardOf(ts[i].term)] = true;
      if (ts[i].prefix) this.shardsFrom(ts[i].term, need);
      if (ts[i].fuzzy) this.shardsFrom(this.fuzzyHead(ts[i].term), need);
    }
    if (theme >= 0 && ts.length) need["t" + theme] = true;
    return this.loadAll(Object.keys(need)).then(function () {
      if (seq !== self.seq) return;
      var allowed = null;
      if (theme >= 0 && ts.length) {
        allowed = new Uint8Array(self.count);
        varints(self.shards["t" + theme]).reduce(function (doc, d) { allowed[doc + d] = 1; return doc + d; }, 0);
      }
      var all = self.search(ts, allowed);
      // Counts per kind before the kind filter, so each checkbox says
      // what ticking it would add.
      var kindNames = self.data.kinds;
      var counts = kindNames.map(function () { return 0; });
      var wanted = kindNames.map(function (k) { return kinds.indexOf(k) >= 0; });
      var results = [];
      for (var i = 0; i < all.length; i++) {
        var kind = self.kindOf(all[i].id);
        counts[kind]++;
        if (wanted[kind]) results.push(all[i]);
      }
      var first = results.length ? self.load("d" + self.docShard(results[0].id)) : Promise.resolve();
      return first.then(function () {
        if (seq !== self.seq) return;
        for (var k = 0; k < self.kinds.length; k++) {
          self.setCount(self.kinds[k], q ? counts[kindNames.indexOf(self.kinds[k].value)] : null);
        }
        self.results = results;
        self.unfiltered = all.length;
        self.query = q;
        self.list.textContent = "";
        self.shown = 0;
        return self.render(PAGE);
      });
    }).catch(function (err) {
      if (seq === self.seq) self.failed(err);
    });
  };

  SearchPage.prototype.failed = function (err) {
    this.status.textContent = "The search index did not load (" + err.message + "): reload the page, or rebuild the site.";
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

  // say updates the status line, which a screen reader announces. It
  // counts the results being drawn, not those drawn so far, so that it
  // is announced once.
  SearchPage.prototype.say = function () {
    var q = this.query, n = this.results.length, unfiltered = this.unfiltered;
    var text;
    if (!q) {
      text = "Type to search " + this.count + " passages, notes, themes, entities and sources.";
    } else if (n === 0) {
      text = "No results for “" + q + "”" + (unfiltered ? " among the ticked kinds (" + unfiltered + " of other kinds)." : ".");
    } else {
      text = (n === 1 ? "1 result" : n + " results") + " for “" + q + "”" +
        (this.drawing < n ? ", showing " + this.drawing + "." : ".");
    }
    this.status.textContent = text;
  };

  // render draws the results up to upTo in order, each as soon as its
  // document shard has loaded, and resolves once all are drawn. While
  // some are still loading, "show more" stays hidden.
  SearchPage.prototype.render = function (upTo) {
    var self = this;
    var results = this.results;
    var end = Math.min(upTo, results.length);
    this.drawing = end;
    var frag = document.createDocumentFragment();
    while (this.shown < end && this.shards["d" + this.docShard(results[this.shown].id)]) {
      frag.appendChild(this.item(results[this.shown++]));
    }
    this.list.appendChild(frag);
    this.more.parentNode.hidden = this.shown < end || this.shown >= results.length;
    this.say();
    if (this.shown >= end) return Promise.resolve();
    this.needDocs(results, this.shown, end);
    return this.load("d" + this.docShard(results[this.shown].id)).then(function () {
      if (self.results === results) return self.render(upTo);
    });
  };

  SearchPage.prototype.item = function (r) {
    var d = this.doc(r.id);
    var terms = {};
    for (var t = 0; t < r.terms.length; t++) terms[r.terms[t]] = true;
    var kind = this.data.kinds[this.kindOf(r.id)];

    var li = document.createElement("li");
    li.className = "search-result k-" + kind;
    var head = document.createElement("p");
    head.className = "search-result-head";
    var a = document.createElement("a");
    a.href = this.root + d[1];
    highlight(a, d[0], terms, 0, d[0].length);
    head.appendChild(a);
    var badge = document.createElement("span");
    badge.className = "kind";
    badge.textContent = kind;
    head.appendChild(document.createTextNode(" "));
    head.appendChild(badge);
    li.appendChild(head);

    var p = document.createElement("p");
    p.className = "snippet";
    snippet(p, d[3], terms);
    li.appendChild(p);

    if (d[2].length) {
      var ul = document.createElement("ul");
      ul.className = "search-themes";
      ul.setAttribute("aria-label", "Themes");
      for (var j = 0; j < d[2].length; j++) {
        var th = this.data.themes[d[2][j]];
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
  // search page's manifest comes after this script, so wait.
  if (document.readyState === "complete") {
    init();
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
