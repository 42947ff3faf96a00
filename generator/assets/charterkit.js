// Keyboard access to two controls that Material for MkDocs draws as <label>s for hidden checkboxes:
// the menu button and, on small screens, the search button. Each becomes a real button:
// focusable, opened with Enter or Space, announced as expanded or collapsed, closed with Escape,
// and focus moves into what it opened. Without JavaScript the menu still opens by click, and
// every page is linked from the home page and the A to Z index.
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
  button("__search", labelOf(".md-search__input", "Search"), function () {
    return document.querySelector(".md-search__input");
  });

  // Close search when keyboard focus moves on; otherwise its overlay stays over the page and
  // hides the links that Tab reaches next.
  var search = document.querySelector(".md-search");
  var toggle = document.getElementById("__search");
  if (search && toggle) {
    search.addEventListener("focusout", function (event) {
      if (toggle.checked && !search.contains(event.relatedTarget)) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
      }
    });
  }
})();
