// The language switcher keeps the section: the same page in another language opens at the same
// section (#kazakhstan, #pep …; section ids are the same in every language). Without JavaScript
// the links still open the same page, at its top.
(function () {
  "use strict";
  var links = document.querySelectorAll(".md-select__link[hreflang]");

  function follow() {
    var hash = window.location.hash;
    Array.prototype.forEach.call(links, function (link) {
      link.href = link.href.split("#")[0] + hash;
    });
  }

  follow();
  window.addEventListener("hashchange", follow);
})();
