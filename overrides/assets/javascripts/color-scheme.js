// The dark scheme follows the phone's setting (Material's palette toggle needs its bundle, which the
// site does not load). A file, not an inline script: the Content-Security-Policy runs no inline code.
if (matchMedia("(prefers-color-scheme: dark)").matches) document.body.setAttribute("data-md-color-scheme", "slate");
