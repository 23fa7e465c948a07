// Site search engine, loaded by search.js with the index when the reader first focuses the
// search field (not with the page). The index (search/<lang>.json, written by
// hooks/search_index.py) lists word forms; they are stemmed here, with the same code as the
// query: Russian by the Snowball algorithm, Kyrgyz and Kazakh by stripping case, possessive and
// plural endings (repeatedly, like the text stacks them).
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

  // Endings, as one string per language (verbs' person endings at the end of each).
  var ENDINGS = {
    ky:
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
      "уу үү оо өө ган ген гон гөн кан кен кон көн са се со сө " +
      // past tense with its person: I, you, you (polite) (кармалдым, кармадыңыз); not "we"
      // (-дык, -дук …), which is also the ending of nouns and adjectives (иммундук, сөздүк)
      "дым дим дум дүм тым тим тум түм дың диң дуң дүң тың тиң туң түң " +
      "дыңыз диңиз дуңуз дүңүз тыңыз тиңиз туңуз түңүз " +
      // present tense person endings (жүрөмүн, барабыз) and 3rd person plural past (кармашты)
      "мын мин мун мүн быз биз буз бүз сыз сиз суз сүз шты шти штү шту",
    kk:
      "лар лер дар дер тар тер " +
      "ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті да де та те нда нде " +
      "дан ден тан тен нан нен мен бен пен менен " +
      "дағы дегі тағы тегі ндағы ндегі " +
      "ым ім ың ің ыңыз іңіз ңыз ңіз ы і сы сі ымыз іміз ын ін сын сін " +
      // verbal noun, past participle, present tense (-ады/-еді), -атын/-етін participle, "if"
      "у ған ген қан кен ады еді йды йді атын етін йтын йтін са се " +
      // past tense with its person: I, you, you (polite) (ұсталдым, бардыңыз); not "we" (-дық,
      // -тік …), which is also the ending of nouns and adjectives (зорлық, денсаулық)
      "дым дім тым тім дың дің тың тің дыңыз діңіз тыңыз тіңіз " +
      // present tense person endings (барамын, барасыз, барамыз)
      "мын мін бын бін пын пін сың сің сыз сіз мыз міз быз біз пыз піз"
  };
  var VOWELS = { ky: /[аеиоуыэюяөү]/, kk: /[аәеиоөуұүыіэюя]/ };

  // Kyrgyz and Kazakh letters typed on a Russian keyboard: ә→а, ғ→г, қ→к, ң→н, ө→о, ұ→у,
  // ү→у, і→и, һ→х. Used on both sides (the index's forms and the query) as a fallback only.
  var FOLD = { "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "і": "и", "һ": "х" };
  function fold(w) { return w.replace(/[әғқңөұүіһ]/g, function (c) { return FOLD[c]; }); }
  function foldRegExp(re) { return new RegExp(fold(re.source)); }

  var STEM = { ru: stemRu }, FOLDED = {};
  Object.keys(ENDINGS).forEach(function (lang) {
    STEM[lang] = turkic(ENDINGS[lang], VOWELS[lang]);
    FOLDED[lang] = turkic(fold(ENDINGS[lang]), foldRegExp(VOWELS[lang]));
  });

  // Is `b` one edit (a letter changed, added, left out, or two swapped) away from `a`?
  function oneEdit(a, b) {
    var n = a.length, m = b.length;
    if (Math.abs(n - m) > 1 || a === b) return false;
    var i = 0;
    while (i < n && i < m && a[i] === b[i]) i++;
    if (n === m) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return n > m ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  var MIN_PREFIX = 5;

  // --- the index ------------------------------------------------------------------------
  // index.words: {form: "0 5 17"} (section numbers); built here: stem -> forms (and, for
  // Kyrgyz and Kazakh, folded stem -> forms), per page the title's forms, per section the
  // heading's forms, the glossary's synonyms as lists of words.
  // On the wire (sitebuild/search.py, dumps) words is ["form form …", "gaps,gaps,…"]: each
  // form's section numbers as gaps from the previous one.
  function unpack(words) {
    if (!Array.isArray(words)) return words;
    var out = {}, forms = words[0] ? words[0].split(" ") : [], gaps = words[1].split(",");
    forms.forEach(function (form, i) {
      var total = 0;
      out[form] = gaps[i].split(" ").map(function (g) { return (total += +g); }).join(" ");
    });
    return out;
  }

  function Engine(index) {
    index.words = unpack(index.words);
    var self = this, lang = index.lang, stemmer = STEM[lang] || STEM.ru, folded = FOLDED[lang];
    function stem(w) { return stemmer(w, index.words); }
    self.index = index;
    self.stem = stem;
    self.forms = Object.keys(index.words);
    self.byStem = {};
    self.forms.forEach(function (form) {
      var key = stem(form);
      (self.byStem[key] = self.byStem[key] || []).push(form);
    });
    self.fold = folded ? fold : function (w) { return w; };
    self.folded = self.forms.map(self.fold);
    if (folded) {
      var known = {};
      self.folded.forEach(function (f) { known[f] = 1; });
      self.foldStem = function (w) { return folded(fold(w), known); };
      self.byFold = {};
      self.folded.forEach(function (f, i) {
        var key = self.foldStem(f);
        (self.byFold[key] = self.byFold[key] || []).push(self.forms[i]);
      });
    }
    self.prefixes = new Prefixes(self.forms, self.forms);
    if (folded) self.foldedPrefixes = new Prefixes(self.folded, self.forms);
    self.synonyms = (index.synonyms || []).map(function (group) { return group.map(words); });
    self.titles = index.pages.map(function (p) { return words(p[1]); });
    self.headings = index.sections.map(function (s) { return words(s[2]); });
    self.postings = {};
  }

  Engine.prototype.sections = function (form) {
    var p = this.postings[form];
    if (!p) p = this.postings[form] = (this.index.words[form] || "").split(" ").filter(Boolean).map(Number);
    return p;
  };

  function add(found, forms) { (forms || []).forEach(function (f) { found[f] = 1; }); return found; }
  function empty(found) { for (var k in found) return false; return true; }

  // Forms (of `forms`, sorted by their `keys`) whose key begins with `start`: a binary search.
  function Prefixes(keys, forms) {
    var order = keys.map(function (_, i) { return i; }).sort(function (a, b) {
      return keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0;
    });
    this.keys = order.map(function (i) { return keys[i]; });
    this.forms = order.map(function (i) { return forms[i]; });
  }
  Prefixes.prototype.find = function (start) {
    var lo = 0, hi = this.keys.length, out = [];
    while (lo < hi) { var mid = (lo + hi) >> 1; if (this.keys[mid] < start) lo = mid + 1; else hi = mid; }
    while (lo < this.keys.length && this.keys[lo].lastIndexOf(start, 0) === 0) out.push(this.forms[lo++]);
    return out;
  };

  // The forms a query word stands for: same stem (or the word itself), plus, for the word
  // being typed, every form it begins. In Kyrgyz and Kazakh, a word typed without the letters
  // of a Russian keyboard lacks (ә ғ қ ң ө ұ ү і һ) also stands for the forms that match once
  // those letters are folded on both sides (зорлыктан: зорлықтан). When all that finds nothing
  // (opts.stem not false): the forms that begin with the word's longest known beginning (at
  // least 5 letters, all but at most 3 of the word), then the forms one edit away (and the
  // other forms of their stems), then a shorter known beginning.
  Engine.prototype.match = function (term, opts) {
    var self = this, found = {};
    if (opts.stem === false) { if (self.index.words[term] !== undefined) found[term] = 1; }
    else add(found, self.byStem[self.stem(term)]);
    if (opts.prefix && term.length >= 3) add(found, self.prefixes.find(term));
    if (opts.stem === false) return found;
    var t = self.fold(term);
    if (self.byFold && t === term) {
      add(found, self.byFold[self.foldStem(t)]);
      if (opts.prefix && t.length >= 3) add(found, self.foldedPrefixes.find(t));
    }
    if (!empty(found)) return found;
    var shorter = null, index = self.foldedPrefixes || self.prefixes;
    for (var k = t.length - 1; k >= MIN_PREFIX && !shorter; k--) {
      var hits = index.find(t.slice(0, k));
      if (hits.length) {
        if (k >= t.length - 3) return add(found, hits);
        shorter = hits;
      }
    }
    self.folded.forEach(function (f, i) {
      if (oneEdit(t, f)) add(found, self.byStem[self.stem(self.forms[i])] || [self.forms[i]]);
    });
    return empty(found) && shorter ? add(found, shorter) : found;
  };

  // The query's words as units: a word, or a run of words that names a glossary synonym group
  // (then the unit matches the sections where any of the group's names occurs).
  Engine.prototype.units = function (terms, opts) {
    var self = this, out = [], i = 0;
    function same(a, b) { return a === b || self.stem(a) === self.stem(b); }
    function phraseSections(name) {
      var sets = name.map(function (w) {
        var s = {};
        Object.keys(self.match(w, { stem: opts.stem })).forEach(function (f) {
          self.sections(f).forEach(function (n) { s[n] = 1; });
        });
        return s;
      });
      return Object.keys(sets[0] || {}).filter(function (n) {
        return sets.every(function (s) { return s[n]; });
      }).map(Number);
    }
    while (i < terms.length) {
      var unit = null;
      for (var g = 0; g < self.synonyms.length && !unit; g++) {
        var group = self.synonyms[g];
        for (var j = 0; j < group.length && !unit; j++) {
          var name = group[j];
          if (!name.length || i + name.length > terms.length) continue;
          if (name.every(function (w, k) { return same(w, terms[i + k]); })) {
            var only = {}, found = {};
            group.forEach(function (other) {
              phraseSections(other).forEach(function (n) { only[n] = 1; });
              other.forEach(function (w) { add(found, Object.keys(self.match(w, { stem: opts.stem }))); });
            });
            unit = { term: terms.slice(i, i + name.length).join(" "), found: found, only: only, size: name.length };
          }
        }
      }
      if (!unit) {
        unit = { term: terms[i], found: self.match(terms[i], { stem: opts.stem, prefix: opts.prefix && i === terms.length - 1 }), size: 1 };
      }
      out.push(unit);
      i += unit.size;
    }
    return out;
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
    self.units(terms, opts).forEach(function (unit) {
      var found = unit.found, term = unit.term;
      function has(list) { return list.some(function (f) { return found[f]; }); }
      var seen = {};
      // The form typed comes first: between equals, a section that has it exactly wins.
      Object.keys(found).sort(function (a, b) { return (b === term) - (a === term); }).forEach(function (form) {
        self.sections(form).forEach(function (s) {
          if (seen[s] || (unit.only && !unit.only[s])) return;
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

  window.siteSearch = window.siteSearch || {};
  window.siteSearch.words = words;
  window.siteSearch.stem = function (lang, w, known) { return STEM[lang](w, known); };
  window.siteSearch.Engine = Engine;
})();
