// What the pages need of a script, in place of the theme's own (34 KB compressed with Material for
// MkDocs, 56 KB with Zensical, on every page's load; see generator/overrides/main.html):
// - the colour scheme: the one the resident chose, or else the one their device asks for, and the
//   header's toggle, by pointer or keyboard;
// - the back-to-top button, shown while scrolling back up a long page;
// - keyboard access to the menu button, which the theme draws as a <label> for a hidden checkbox.
// Without JavaScript the page is light, the menu still opens by click, and every page is linked
// from the home page and the A to Z index.
(function () {
  "use strict";

  function visible(element) {
    return element !== null && element.getClientRects().length > 0;
  }

  // Focus an element as soon as it is shown (drawers slide in); try for about half a second.
  function focusSoon(find) {
    var frames = 0;
    var attempt = function () {
      var target = find();
      if (target) {
        target.focus();
      }
      if ((!target || document.activeElement !== target) && frames++ < 30) {
        window.requestAnimationFrame(attempt);
      }
    };
    window.requestAnimationFrame(attempt);
  }

  function button(toggleId, name, findInside) {
    var toggle = document.getElementById(toggleId);
    var label = document.querySelector('label.md-header__button[for="' + toggleId + '"]');
    if (!toggle || !label) {
      return;
    }
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", name);
    var sync = function () {
      label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") {
        return;
      }
      event.preventDefault();
      event.stopPropagation(); // Material's own key handler would toggle a second time
      toggle.click();
      sync();
      if (toggle.checked) {
        focusSoon(findInside);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && visible(label)) {
        toggle.click();
        sync();
        label.focus();
      }
    });
    toggle.addEventListener("change", sync);
    sync();
  }

  // Names in the page's language, from the theme's own translated labels.
  function labelOf(selector, fallback) {
    var element = document.querySelector(selector);
    return (element && element.getAttribute("aria-label")) || fallback;
  }

  button("__drawer", labelOf("nav.md-nav--primary", "Menu"), function () {
    var links = document.querySelectorAll(".md-sidebar--primary a.md-nav__link[href]");
    for (var i = 0; i < links.length; i++) {
      if (visible(links[i])) {
        return links[i];
      }
    }
    return null;
  });

  // The colour scheme. The theme draws one radio button per scheme, each followed by the label
  // that switches to the next; the choice is kept where the theme keeps it (`__md_set`), so a
  // page built by either engine, or by the theme's own script, reads the same choice.
  // A site with its own page template (`main.html`) loads the theme's script, which does both.
  var themed = document.querySelector('script[src*="javascripts/bundle."]') !== null;
  var form = themed ? null : document.querySelector('[data-md-component="palette"]');
  var schemes = form ? form.querySelectorAll('input[name="__palette"]') : [];
  var keep = typeof window.__md_set === "function" ? window.__md_set : function () {};
  var kept = typeof window.__md_get === "function" ? window.__md_get("__palette") : null;

  function colourOf(input) {
    var colour = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      colour[key] = input.getAttribute("data-md-color-" + key);
    });
    return colour;
  }

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    if (!element) {
      element = document.createElement("meta");
      element.setAttribute("name", name);
      document.head.appendChild(element);
    }
    return element;
  }

  function useScheme(index) {
    var input = schemes[index];
    var colour = colourOf(input);
    input.checked = true;
    Object.keys(colour).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, colour[key]);
    });
    for (var i = 0; i < schemes.length; i++) {
      var label = schemes[i].nextElementSibling;
      if (label && label.tagName === "LABEL") {
        label.hidden = i !== index;
      }
    }
    var header = document.querySelector(".md-header");
    if (header) {
      var style = window.getComputedStyle(header);
      meta("color-scheme").setAttribute("content", style.colorScheme || "normal");
      meta("theme-color").setAttribute("content", style.backgroundColor);
    }
    return { index: index, color: colour };
  }

  function schemeOfDevice() {
    for (var i = 0; i < schemes.length; i++) {
      var media = schemes[i].getAttribute("data-md-color-media");
      if (media && window.matchMedia(media).matches) {
        return i;
      }
    }
    return 0;
  }

  if (schemes.length > 0) {
    var chosen = kept && typeof kept.index === "number" && kept.index >= 0 && kept.index < schemes.length;
    useScheme(chosen ? kept.index : schemeOfDevice());
    Array.prototype.forEach.call(schemes, function (input, index) {
      input.addEventListener("change", function () {
        keep("__palette", useScheme(index));
      });
    });
    // Enter on the focused scheme switches to the next, as pressing its label does.
    form.addEventListener("keydown", function (event) {
      var index = Array.prototype.indexOf.call(schemes, event.target);
      if (event.key !== "Enter" || index < 0) {
        return;
      }
      event.preventDefault();
      var next = (index + 1) % schemes.length;
      keep("__palette", useScheme(next));
      schemes[next].focus();
    });
    // Until the resident chooses, follow the device when it changes (at dusk, for instance).
    Array.prototype.forEach.call(schemes, function (input) {
      var media = input.getAttribute("data-md-color-media");
      var query = media ? window.matchMedia(media) : null;
      if (query && typeof query.addEventListener === "function") {
        query.addEventListener("change", function () {
          var now = typeof window.__md_get === "function" ? window.__md_get("__palette") : null;
          if (!now) {
            useScheme(schemeOfDevice());
          }
        });
      }
    });
  }

  // Back to top: shown while the resident scrolls back up, once a screen or more down the page;
  // out of the Tab order while hidden. Going up moves focus to the page's heading.
  var top = themed ? null : document.querySelector('[data-md-component="top"]');
  if (top) {
    var last = window.scrollY;
    var show = function (shown) {
      top.hidden = !shown;
      if (shown) {
        top.removeAttribute("tabindex");
      } else {
        top.setAttribute("tabindex", "-1");
      }
    };
    show(false);
    window.addEventListener(
      "scroll",
      function () {
        var y = window.scrollY;
        show(y < last && y > window.innerHeight);
        last = y;
      },
      { passive: true }
    );
    top.addEventListener("click", function () {
      var heading = document.querySelector(".md-content h1");
      window.scrollTo(0, 0);
      show(false);
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
      }
    });
  }
})();
