/* The preview's own: ask the preview for the next build, then load this page again.
   The answer comes as a script from the preview itself, which the pages' content security
   policy allows as it is: the preview loosens nothing. */
(function () {
  "use strict";
  /* The version this page was served at (herladen.js?versie=7): a build that came after
     it, even before this script first asks, loads the page again. */
  var served = (function () {
    var own = document.currentScript;
    var found = own && /[?&]versie=(\d+)/.exec(own.src);
    return found ? found[1] : "";
  })();
  var seen = "";
  window.beslisboomPreview = function (version, warnings) {
    if (version !== (seen || served || version)) {
      location.reload();
      return;
    }
    seen = version;
    if (warnings.length) {
      banner(warnings);
    }
    document.documentElement.setAttribute("data-preview", "verbonden");
    ask();
  };
  /* The build's warnings above the page, styled from here: the page allows no inline style. */
  function banner(warnings) {
    var box = document.createElement("div");
    box.className = "preview-warnings";
    box.setAttribute("role", "status");
    box.style.cssText = "background:#ffeb99;color:#1a1a1a;padding:0.75rem 1.5rem;" +
      "font:1rem/1.5 system-ui,sans-serif;border-bottom:3px solid #8a6d00";
    var title = document.createElement("strong");
    title.textContent = warnings.length === 1 ?
      "1 waarschuwing" : warnings.length + " waarschuwingen";
    box.appendChild(title);
    var list = document.createElement("ul");
    warnings.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }
  function ask() {
    var script = document.createElement("script");
    script.src = "WAIT?na=" + seen + "&t=" + Date.now();
    script.onload = function () { script.remove(); };
    script.onerror = function () { script.remove(); setTimeout(ask, 1000); };
    document.head.appendChild(script);
  }
  if (document.readyState === "complete") {
    ask();
  } else {
    window.addEventListener("load", ask);  /* a held question must not hold up the page */
  }
})();
