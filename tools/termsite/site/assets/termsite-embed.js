/*
 * termsite-embed.js: a termsite glossary's definitions on any page.
 *
 *   <script src="https://GLOSSARY/termsite-embed.js" defer></script>
 *   <span data-term="mark-price">mark price</span>
 *   <div data-termsite-autolink> ...terms found by name... </div>
 *
 * Each marked term becomes a link to its page in the glossary; once the term's JSON has
 * arrived, the link describes itself with the definition (aria-describedby) and shows it as
 * a tooltip on hover and keyboard focus (Escape hides it). A tooltip is positioned over the
 * page, so nothing moves. When the JSON cannot be fetched (no CORS header, offline), the
 * link stays a plain link. Every tooltip shown dispatches `termsite:term-shown` with
 * {slug, title, page, source: "embed"}, for analytics.
 *
 * No dependency; the build writes this file minified, with the glossary's addresses in
 * place of the configuration below. Source of termsite (docs/sharing.md).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.termsiteEmbed) {
    return;
  }
  var config = JSON.parse("__TERMSITE_CONFIG__");
  var base = new URL(".", script.src);
  var records = {};
  var tips = 0;
  var shown = null;
  var hideTimer = 0;
  var SKIPPED = /^(A|BUTTON|CODE|H[1-6]|KBD|MATH|OPTION|PRE|SAMP|SCRIPT|SELECT|STYLE|SVG|TEXTAREA)$/i;
  var WORD = /[\p{L}\p{N}_]/u;
  var SPACE = /\s/;

  window.termsiteEmbed = { enhance: enhanceWithin };

  function address(pattern, slug) {
    return new URL(pattern.split("{slug}").join(encodeURIComponent(slug)), base).href;
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "omit" }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    });
  }

  function record(slug) {
    if (!records[slug]) {
      records[slug] = fetchJson(address(config.data, slug)).catch(function () {
        return null;
      });
    }
    return records[slug];
  }

  function addStyles() {
    var style = document.createElement("style");
    style.textContent =
      "a.termsite-embed-link{text-decoration-line:underline;text-decoration-style:dotted}" +
      ".termsite-embed-tip{position:absolute;z-index:2147483000;box-sizing:border-box;" +
      "max-width:min(22rem,calc(100vw - 16px));padding:.55em .75em;border-radius:6px;" +
      "background:#1e1b4b;color:#fff;font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;" +
      "text-align:left;box-shadow:0 4px 14px rgba(0,0,0,.25)}" +
      ".termsite-embed-tip[hidden]{display:none}" +
      ".termsite-embed-tip strong{display:block;margin-bottom:.15em}" +
      ".termsite-embed-tip small{display:block;margin-top:.35em;opacity:.8}";
    document.head.appendChild(style);
  }

  function position(link, tip) {
    var rect = link.getBoundingClientRect();
    var root = document.documentElement;
    var gap = 6;
    var left = Math.min(rect.left, root.clientWidth - tip.offsetWidth - 8);
    var top = rect.bottom + gap;
    if (top + tip.offsetHeight > root.clientHeight && rect.top > tip.offsetHeight + gap) {
      top = rect.top - tip.offsetHeight - gap;
    }
    tip.style.left = Math.max(8, left) + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    var state = link.termsite;
    clearTimeout(hideTimer);
    if (shown === link) {
      return;
    }
    if (shown) {
      hide();
    }
    state.tip.hidden = false;
    position(link, state.tip);
    shown = link;
    link.dispatchEvent(new CustomEvent("termsite:term-shown", {
      bubbles: true,
      detail: { slug: state.slug, title: state.data.title, page: link.href, source: "embed" }
    }));
  }

  function hide() {
    clearTimeout(hideTimer);
    if (shown) {
      shown.termsite.tip.hidden = true;
      shown = null;
    }
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 150);
  }

  function describe(link, slug, data) {
    var tip = document.createElement("span");
    var title = document.createElement("strong");
    var source = document.createElement("small");
    tip.id = "termsite-tip-" + ++tips;
    tip.className = "termsite-embed-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    title.textContent = data.title;
    source.textContent = config.site;
    tip.appendChild(title);
    tip.appendChild(document.createTextNode(data.summary));
    tip.appendChild(source);
    document.body.appendChild(tip);
    var described = link.getAttribute("aria-describedby");
    link.setAttribute("aria-describedby", (described ? described + " " : "") + tip.id);
    link.termsite = { slug: slug, data: data, tip: tip };
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("mouseleave", hideSoon);
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", hide);
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", hideSoon);
    if (link.matches(":hover") || document.activeElement === link) {
      show(link);
    }
  }

  function enhance(element) {
    var slug = element.getAttribute("data-term");
    var link = element;
    if (!slug || element.termsite || element.hasAttribute("data-termsite-done")) {
      return;
    }
    if (element.tagName !== "A") {
      link = document.createElement("a");
      for (var i = 0; i < element.attributes.length; i++) {
        link.setAttribute(element.attributes[i].name, element.attributes[i].value);
      }
      while (element.firstChild) {
        link.appendChild(element.firstChild);
      }
      element.parentNode.replaceChild(link, element);
    }
    if (!link.getAttribute("href")) {
      link.href = address(config.pages, slug);
    }
    link.classList.add("termsite-embed-link");
    link.setAttribute("data-termsite-done", "");
    record(slug).then(function (data) {
      if (data && data.title && data.summary) {
        describe(link, slug, data);
      }
    });
  }

  // Finding terms by name: a trie of the names, folded to lower case character by character,
  // with each run of white space as one space; a name matches whole words only, the longest
  // at each place, and an abbreviation (ADL, OI) only as written.
  function fold(character) {
    var lower = character.toLowerCase();
    return lower.length === 1 ? lower : character;
  }

  function isAbbreviation(name) {
    var letters = name.split("").filter(function (c) { return /\p{L}/u.test(c); });
    var upper = letters.filter(function (c) { return c !== c.toLowerCase(); }).length;
    var laterLower = letters.slice(1).some(function (c) { return c !== c.toUpperCase(); });
    return name.length <= 8 && upper >= 2 && !laterLower;
  }

  function squeeze(text) {
    return text.replace(/\s+/g, " ");
  }

  function buildTrie(index) {
    var root = {};
    var manual = {};
    (index.manual || []).forEach(function (slug) { manual[slug] = true; });
    Object.keys(index.terms).forEach(function (slug) {
      if (manual[slug]) {
        return;
      }
      index.terms[slug].forEach(function (name) {
        var node = root;
        var written = squeeze(name.trim());
        for (var i = 0; i < written.length; i++) {
          var key = fold(written[i]);
          node = node[key] || (node[key] = {});
        }
        node["$end"] = { slug: slug, exact: isAbbreviation(written) ? written : "" };
      });
    });
    return root;
  }

  function findIn(text, trie) {
    var found = [];
    var i = 0;
    while (i < text.length) {
      if ((i > 0 && WORD.test(text[i - 1])) || !WORD.test(text[i])) {
        i++;
        continue;
      }
      var node = trie;
      var best = null;
      var j = i;
      while (j < text.length && node) {
        var character = text[j];
        var next = j + 1;
        if (SPACE.test(character)) {
          character = " ";
          while (next < text.length && SPACE.test(text[next])) {
            next++;
          }
        }
        node = node[fold(character)];
        j = next;
        if (node && node["$end"] && (j >= text.length || !WORD.test(text[j]))) {
          if (!node["$end"].exact || squeeze(text.slice(i, j)) === node["$end"].exact) {
            best = { start: i, end: j, slug: node["$end"].slug };
          }
        }
      }
      if (best) {
        found.push(best);
        i = best.end;
      } else {
        i++;
      }
    }
    return found;
  }

  function skipped(node, container) {
    for (var element = node.parentNode; element && element !== container; element = element.parentNode) {
      if (SKIPPED.test(element.nodeName) || element.hasAttribute("data-term") ||
          element.hasAttribute("data-termsite-skip") || element.isContentEditable) {
        return true;
      }
    }
    return false;
  }

  function autolink(container, trie) {
    var linked = {};
    container.querySelectorAll("[data-term]").forEach(function (element) {
      linked[element.getAttribute("data-term")] = true;
    });
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      if (!skipped(walker.currentNode, container)) {
        nodes.push(walker.currentNode);
      }
    }
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var matches = findIn(text, trie).filter(function (match) {
        var first = !linked[match.slug];
        linked[match.slug] = true;
        return first;
      });
      if (!matches.length) {
        return;
      }
      var pieces = document.createDocumentFragment();
      var position = 0;
      matches.forEach(function (match) {
        pieces.appendChild(document.createTextNode(text.slice(position, match.start)));
        var link = document.createElement("a");
        link.setAttribute("data-term", match.slug);
        link.textContent = text.slice(match.start, match.end);
        pieces.appendChild(link);
        position = match.end;
      });
      pieces.appendChild(document.createTextNode(text.slice(position)));
      node.parentNode.replaceChild(pieces, node);
    });
  }

  function enhanceWithin(root) {
    var containers = root.querySelectorAll("[data-termsite-autolink]");
    var done = containers.length ?
      fetchJson(new URL(config.names, base).href).then(function (index) {
        var trie = buildTrie(index);
        containers.forEach(function (container) { autolink(container, trie); });
      }).catch(function () {}) : Promise.resolve();
    return done.then(function () {
      root.querySelectorAll("[data-term]").forEach(enhance);
    });
  }

  function start() {
    addStyles();
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && shown) {
        hide();
      }
    });
    window.addEventListener("resize", hide);
    enhanceWithin(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
