// Site search: one language, index fetched when the reader first focuses the search field.
// Without JavaScript (or opened from a file) the search block stays hidden: only this shows it.
// The index (search/<lang>.json, written by hooks/search_index.py) lists word forms; they are
// stemmed here, with the same code as the query: Russian by the Snowball algorithm, Kyrgyz and
// Kazakh by stripping case, possessive and plural endings (repeatedly, like the text stacks them).
(function () {
  "use strict";

  // --- words and stems ------------------------------------------------------------------
  var WORD;
  try { WORD = new RegExp("[\\p{L}\\p{N}]+", "gu"); } catch (e) { WORD = /[0-9a-zа-яёәғқңөұүһі]+/g; }

  function words(text) {
    return (text.toLowerCase().replace(/ё/g, "е").match(WORD) || []).filter(function (w) { return w.length <= 40; });
  }

  // A list of endings, for lookups by length: {set: {ending: 1}, lengths: [longest first]}.
  function list(s) {
    var ends = { set: {}, lengths: [] };
    s.split(" ").forEach(function (e) {
      ends.set[e] = 1;
      if (ends.lengths.indexOf(e.length) < 0) ends.lengths.push(e.length);
    });
    ends.lengths.sort(function (a, b) { return b - a; });
    return ends;
  }

  // The endings of `ends` that `w` ends with, leaving at least `min` letters, longest first.
  function endings(w, ends, min) {
    var found = [];
    for (var i = 0; i < ends.lengths.length; i++) {
      var n = ends.lengths[i], s = w.slice(-n);
      if (w.length - n >= min && ends.set[s]) found.push(s);
    }
    return found;
  }

  function ending(w, ends, min) { return endings(w, ends, min)[0] || ""; }

  // Russian: the Snowball stemmer (snowballstem.org/algorithms/russian/stemmer.html).
  var RU = {
    gerund: [list("в вши вшись"), list("ив ивши ившись ыв ывши ывшись")],
    adjective: [null, list("ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею")],
    participle: [list("ем нн вш ющ щ"), list("ивш ывш ующ")],
    reflexive: [null, list("ся сь")],
    verb: [list("ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно"),
           list("ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю")],
    noun: [null, list("а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я")],
    derivational: list("ост ость"),
    tidy: list("ейш ейше н ь"),
    n: list("н")
  };

  function stemRu(w) {
    var n = w.length, rv = n, p2 = n;
    function vowel(c) { return "аеиоуыэюя".indexOf(c) >= 0; }
    function past(i, v) { while (i < n && vowel(w[i]) !== v) i++; return i < n ? i + 1 : -1; }
    var i = past(0, true);
    if (i >= 0) {
      rv = i;
      i = past(i, false);
      if (i >= 0) i = past(i, true);
      if (i >= 0) i = past(i, false);
      if (i >= 0) p2 = i;
    }
    // Remove the longest ending of a group lying after rv; group[0]'s must follow а or я.
    function cut(group) {
      var a = group[0] ? ending(w, group[0], rv) : "", b = ending(w, group[1], rv);
      if (b.length >= a.length) {
        if (!b) return false;
        w = w.slice(0, -b.length);
        return true;
      }
      var c = w[w.length - a.length - 1];
      if (w.length - a.length - 1 < rv || (c !== "а" && c !== "я")) return false;
      w = w.slice(0, -a.length);
      return true;
    }
    if (!cut(RU.gerund)) {
      cut(RU.reflexive);
      if (cut(RU.adjective)) cut(RU.participle);
      else if (!cut(RU.verb)) cut(RU.noun);
    }
    if (w.length - 1 >= rv && w.slice(-1) === "и") w = w.slice(0, -1);
    var d = ending(w, RU.derivational, rv);
    if (d && w.length - d.length >= p2) w = w.slice(0, -d.length);
    var t = ending(w, RU.tidy, rv);
    if (t === "ь") return w.slice(0, -1);
    if (t.length > 1) { w = w.slice(0, -t.length); t = ending(w, RU.n, rv); }
    if (t === "н" && w.length - 2 >= rv && w.slice(-2) === "нн") w = w.slice(0, -1);
    return w;
  }

  // Kyrgyz and Kazakh: strip endings while a stem of three letters with a vowel remains, drop a
  // final vowel, then write a final г/ғ/б as к/қ/п (укугу → укуг → укук, құқығы → құқық). Where two endings fit,
  // the one that leaves a word the site uses wins (кызматы: кызмат+ы, not кызма+ты), else
  // the longest.
  function turkic(ends, vowels) {
    ends = list(ends);
    function hard(w) { return w.replace(/г$/, "к").replace(/ғ$/, "қ").replace(/б$/, "п"); }
    return function (w, known) {
      for (var k = 0; k < 8; k++) {
        var best = "", real = 0, fit = endings(w, ends, 3);
        for (var i = 0; i < fit.length; i++) {
          var rest = w.slice(0, -fit[i].length);
          if (!vowels.test(rest)) continue;
          var r = known && (known[rest] !== undefined || known[hard(rest)] !== undefined) ? 1 : 0;
          if (!best || r > real) { best = fit[i]; real = r; }
        }
        if (!best) break;
        w = w.slice(0, -best.length);
      }
      // A verb's last vowel merges with -оо/-уу (карма-са, карм-оо): stems end without it.
      var rest = w.slice(0, -1);
      if (rest.length >= 3 && vowels.test(w.slice(-1)) && vowels.test(rest)) w = rest;
      return hard(w);
    };
  }

  var STEM = {
    ru: stemRu,
    ky: turkic(
      // plural
      "лар лер лор лөр дар дер дор дөр тар тер тор төр " +
      // genitive, dative, accusative, locative, ablative, instrumental
      "нын нин нун нүн дын дин дун дүн тын тин тун түн га ге го гө ка ке ко кө на не но нө " +
      "ны ни ну нү ды ди ду дү ты ти ту тү да де до дө та те то тө нда нде ндо ндө " +
      "дан ден дон дөн тан тен тон төн нан нен нон нөн менен " +
      // "in, at" adjectives (-дагы), possessives (my, your, his/her, our), 3rd person + accusative
      "дагы деги догу дөгү тагы теги тогу төгү ндагы ндеги ндогу ндөгү " +
      "ым им ум үм ың иң уң үң ыңыз иңиз уңуз үңүз ңыз ңиз ңуз ңүз ы и у ү сы си су сү " +
      "ыбыз ибиз убуз үбүз ын ин ун үн сын син сун сүн " +
      // verbal noun, past participle, "if" (кармаса)
      "уу үү оо өө ган ген гон гөн кан кен кон көн са се со сө",
      /[аеиоуыэюяөү]/),
    kk: turkic(
      "лар лер дар дер тар тер " +
      "ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті да де та те нда нде " +
      "дан ден тан тен нан нен мен бен пен менен " +
      "дағы дегі тағы тегі ндағы ндегі " +
      "ым ім ың ің ыңыз іңіз ңыз ңіз ы і сы сі ымыз іміз ын ін сын сін " +
      // verbal noun, past participle, present tense (-ады/-еді), -атын/-етін participle, "if"
      "у ған ген қан кен ады еді йды йді атын етін йтын йтін са се",
      /[аәеиоөуұүыіэюя]/)
  };

  // --- the index ------------------------------------------------------------------------
  // index.words: {form: "0 5 17"} (section numbers); built here: stem -> forms, per page the
  // title's forms, per section the heading's forms.
  function Engine(index) {
    var self = this, stemmer = STEM[index.lang] || STEM.ru;
    function stem(w) { return stemmer(w, index.words); }
    self.index = index;
    self.stem = stem;
    self.forms = Object.keys(index.words);
    self.byStem = {};
    self.forms.forEach(function (form) {
      var key = stem(form);
      (self.byStem[key] = self.byStem[key] || []).push(form);
    });
    self.titles = index.pages.map(function (p) { return words(p[1]); });
    self.headings = index.sections.map(function (s) { return words(s[2]); });
    self.postings = {};
  }

  Engine.prototype.sections = function (form) {
    var p = this.postings[form];
    if (!p) p = this.postings[form] = (this.index.words[form] || "").split(" ").filter(Boolean).map(Number);
    return p;
  };

  // The forms a query word stands for: same stem (or the word itself), plus, for the word
  // being typed, every form it begins.
  Engine.prototype.match = function (term, opts) {
    var found = {};
    if (opts.stem === false) { if (this.index.words[term] !== undefined) found[term] = 1; }
    else (this.byStem[this.stem(term)] || []).forEach(function (f) { found[f] = 1; });
    if (opts.prefix && term.length >= 3) {
      this.forms.forEach(function (f) { if (f.lastIndexOf(term, 0) === 0) found[f] = 1; });
    }
    return found;
  };

  // Results, best first: [{url, page, title, heading, score}]; sections that match more of the
  // query's words first, then by score (a word in the page title or the section heading counts
  // more). At most 3 sections of one page. opts: {stem, prefix (default: unless the query ends
  // in a space, its last word may be unfinished), limit (10), indexUrl (to resolve page URLs)}.
  Engine.prototype.search = function (query, opts) {
    opts = opts || {};
    var self = this, terms = words(query), score = {}, hits = {}, exact = {}, limit = opts.limit || 10;
    if (opts.prefix === undefined) opts.prefix = !/\s$/.test(query);
    terms = terms.filter(function (t, i) { return terms.indexOf(t) === i; });
    terms.forEach(function (term, i) {
      var found = self.match(term, { stem: opts.stem, prefix: opts.prefix && i === terms.length - 1 });
      function has(list) { return list.some(function (f) { return found[f]; }); }
      var seen = {};
      // The form typed comes first: between equals, a section that has it exactly wins.
      Object.keys(found).sort(function (a, b) { return (b === term) - (a === term); }).forEach(function (form) {
        self.sections(form).forEach(function (s) {
          if (seen[s]) return;
          seen[s] = 1;
          var section = self.index.sections[s], top = !section[1];
          score[s] = (score[s] || 0) + 1 + (has(self.headings[s]) ? 3 : 0) +
            (has(self.titles[section[0]]) ? (top ? 4 : 1) : 0);
          exact[s] = (exact[s] || 0) + (form === term ? 1 : 0);
          hits[s] = (hits[s] || 0) + 1;
        });
      });
    });
    // Remaining ties go to the page where more sections match (the page about it, not a passing
    // mention), then to the order of the site.
    var base = new URL("..", opts.indexUrl || "http://x/search/"), perPage = {}, out = [], onPage = {};
    var order = Object.keys(score).map(Number);
    order.forEach(function (s) { var p = self.index.sections[s][0]; onPage[p] = (onPage[p] || 0) + 1; });
    function spread(s) { return onPage[self.index.sections[s][0]]; }
    order.sort(function (a, b) {
      return hits[b] - hits[a] || score[b] - score[a] || exact[b] - exact[a] || spread(b) - spread(a) || a - b;
    }).forEach(function (s) {
      var section = self.index.sections[s], page = self.index.pages[section[0]];
      perPage[section[0]] = (perPage[section[0]] || 0) + 1;
      if (out.length >= limit || perPage[section[0]] > 3) return;
      out.push({
        url: new URL(page[0] + (section[1] ? "#" + section[1] : ""), base).href,
        page: page[0], title: page[1], heading: section[2], score: score[s]
      });
    });
    return out;
  };

  window.siteSearch = { words: words, stem: function (lang, w, known) { return STEM[lang](w, known); }, Engine: Engine };

  // --- the interface --------------------------------------------------------------------
  // Pages opened from a file (the offline copy) cannot fetch the index: no search there.
  var box = document.querySelector("[data-site-search]");
  if (!box || !window.fetch || !window.URL || location.protocol === "file:") return;
  var ui = box.dataset, input = box.querySelector("input"), status = box.querySelector("[role=status]"),
      results = box.querySelector("ol"), indexUrl = new URL(ui.index, location.href).href,
      engine = null, loading = null, timer = 0;

  function say(text) { status.textContent = text; }

  function load() {
    if (engine) return Promise.resolve(engine);
    if (!loading) {
      say(ui.loading);
      loading = fetch(indexUrl, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (index) {
        engine = window.siteSearch.engine = new Engine(index);
        say("");
        return engine;
      }, function (error) {
        loading = null;
        say(ui.error);
        throw error;
      });
    }
    return loading;
  }

  function show() {
    var query = input.value;
    results.textContent = "";
    if (!words(query).length) { say(""); return; }
    load().then(function (engine) {
      if (query !== input.value) return;
      var found = engine.search(query, { indexUrl: indexUrl });
      results.textContent = "";
      found.forEach(function (r) {
        var li = document.createElement("li"), a = document.createElement("a"), title = document.createElement("span");
        a.href = r.url;
        title.className = "site-search__page";
        title.textContent = r.title;
        a.appendChild(title);
        if (r.heading) {
          a.appendChild(document.createTextNode(" "));
          var heading = document.createElement("span");
          heading.className = "site-search__heading";
          heading.textContent = r.heading;
          a.appendChild(heading);
        }
        li.appendChild(a);
        results.appendChild(li);
      });
      say(found.length ? ui.found.replace("{n}", found.length) : ui.none);
      box.setAttribute("data-shown", query);
    }, function () {});
  }

  box.hidden = false;
  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 150); });
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    show();
    load().then(function () { var first = results.querySelector("a"); if (first) first.focus(); }, function () {});
  });
  // Arrow keys move between the field and the results.
  box.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = [input].concat([].slice.call(results.querySelectorAll("a"))), i = links.indexOf(document.activeElement);
    if (i < 0 || links.length < 2) return;
    event.preventDefault();
    links[Math.max(0, Math.min(links.length - 1, i + (event.key === "ArrowDown" ? 1 : -1)))].focus();
  });
})();
