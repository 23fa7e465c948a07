// Site search: one language; the engine (search-engine.js) and the index are fetched when the
// reader first focuses the search field, never with the page.
// Without JavaScript the search block is hidden by no-js.css; opened from a file (the offline
// copy), where the index cannot be fetched, this script hides it.
(function () {
  "use strict";

  var box = document.querySelector("[data-site-search]");
  if (!box) return;
  // Pages opened from a file (the offline copy) cannot fetch the index: no search there.
  if (!window.fetch || !window.URL || !window.Promise || location.protocol === "file:") { box.hidden = true; return; }
  var ui = box.dataset, input = box.querySelector("input"), status = box.querySelector("[role=status]"),
      results = box.querySelector("ol"), indexUrl = new URL(ui.index, location.href).href,
      engine = null, loading = null, timer = 0, LETTER;
  try { LETTER = new RegExp("[\\p{L}\\p{N}]", "u"); } catch (e) { LETTER = /[0-9a-zа-яёәғқңөұүһі]/i; }

  function say(text) { status.textContent = text; }

  function script(src) {
    if (window.siteSearch && window.siteSearch.Engine) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  function load() {
    if (engine) return Promise.resolve(engine);
    if (!loading) {
      say(ui.loading);
      var index = fetch(indexUrl, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      loading = Promise.all([index, script(new URL(ui.engine, location.href).href)]).then(function (loaded) {
        engine = window.siteSearch.engine = new window.siteSearch.Engine(loaded[0]);
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
    if (!LETTER.test(query)) { say(""); return; }
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

  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 100); });
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
