/*
 * termsite's script for the site's own pages (linked by partials/termsite-head.html):
 * - `termsite:term-shown` when a term link's definition shows (hover or keyboard focus), with
 *   {slug, title, page, source: "site"}: the same event termsite-embed.js sends on other sites;
 * - the copy button of a term page's "Embed this definition" code;
 * - for print: links to other sites marked, so that the print stylesheet writes out their
 *   address (the theme makes every link's href absolute, so CSS alone cannot tell them
 *   apart), and collapsed sections opened.
 * Plain JavaScript, no dependency; listeners sit on the document, so pages that the theme's
 * instant navigation swaps in are served too.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? new URL("../../", script.src) : new URL("/", location.href);
  var titles = null;
  var current = null;

  function termTitles() {
    if (!titles) {
      titles = fetch(new URL("termsite-names.json", root).href)
        .then(function (response) { return response.ok ? response.json() : { terms: {} }; })
        .then(function (index) { return index.terms || {}; })
        .catch(function () { return {}; });
    }
    return titles;
  }

  function slugOf(link) {
    var path = new URL(link.href, location.href).pathname.replace(/\/index\.html$/, "/").replace(/\.html$/, "");
    var parts = path.split("/").filter(Boolean);
    return parts.length ? decodeURIComponent(parts[parts.length - 1]) : "";
  }

  function termLink(target) {
    return target && target.closest ? target.closest("a.termsite-term, a.termsite-ref") : null;
  }

  function shown(link) {
    if (current === link) {
      return;
    }
    current = link;
    var slug = slugOf(link);
    termTitles().then(function (known) {
      var names = known[slug];
      link.dispatchEvent(new CustomEvent("termsite:term-shown", {
        bubbles: true,
        detail: { slug: slug, title: names ? names[0] : link.textContent.trim(), page: link.href, source: "site" }
      }));
    });
  }

  document.addEventListener("mouseover", function (event) {
    var link = termLink(event.target);
    if (link) {
      shown(link);
    } else if (current && !current.contains(event.target)) {
      current = null;
    }
  });
  document.addEventListener("focusin", function (event) {
    var link = termLink(event.target);
    if (link) {
      shown(link);
    }
  });
  document.addEventListener("focusout", function (event) {
    if (termLink(event.target) === current) {
      current = null;
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-termsite-copy]") : null;
    if (!button) {
      return;
    }
    var code = document.getElementById(button.getAttribute("data-termsite-copy"));
    var status = button.parentNode.querySelector(".termsite-copy-status");
    if (!code) {
      return;
    }
    var say = function (text) {
      if (status) {
        status.textContent = text;
      }
    };
    var select = function () {
      var range = document.createRange();
      range.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      say("Selected: press Ctrl+C (⌘C on a Mac) to copy.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code.textContent).then(function () { say("Copied."); }, select);
    } else {
      select();
    }
  });

  function markExternalLinks() {
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var target = new URL(link.href, location.href);
      if (/^https?:$/.test(target.protocol) && target.host !== location.host) {
        link.setAttribute("data-termsite-external", "");
      }
    });
  }

  // A link to a page in another language (the language switcher, a term not translated yet) loads that
  // page afresh rather than through the theme's instant navigation: the page's language decides which
  // search index the theme's search loads, once per page load.
  window.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[hreflang]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey || (link.target && link.target !== "_self")) {
      return;
    }
    var language = (document.documentElement.lang || "").toLowerCase();
    if (link.getAttribute("hreflang").toLowerCase() === language) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    location.assign(link.href);
  }, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markExternalLinks);
  } else {
    markExternalLinks();
  }

  window.addEventListener("beforeprint", function () {
    markExternalLinks();
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.setAttribute("open", "");
      details.setAttribute("data-termsite-opened-for-print", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-termsite-opened-for-print]").forEach(function (details) {
      details.removeAttribute("open");
      details.removeAttribute("data-termsite-opened-for-print");
    });
  });
})();
