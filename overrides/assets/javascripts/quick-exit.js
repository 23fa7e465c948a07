// Quick exit: leave for a neutral site so that Back does not return to this page.
// Without JavaScript each control (one in the header, one at the end of the page) is a plain link
// to the same site.
// Keyboard: Escape twice within one second, unless the reader is typing in a field
// (GOV.UK's "Exit this page" uses Shift three times, which phone keyboards trigger by accident).
(function () {
  "use strict";
  var controls = document.querySelectorAll("[data-quick-exit]");
  if (!controls.length) return;
  var target = controls[0].href;

  function leave() {
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    window.location.replace(target);
  }

  Array.prototype.forEach.call(controls, function (control) {
    control.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
  });

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || typing(event.target)) return;
    var now = Date.now();
    if (now - lastEscape < 1000) {
      leave();
    }
    lastEscape = now;
  });
})();
