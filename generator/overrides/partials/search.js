// The search button (see search.html). Pagefind and the stylesheet are loaded on first use only.
(function () {
  "use strict";
  var box = document.querySelector(".ck-search");
  if (!box || !window.Promise || !window.DOMParser) {
    return;
  }
  var button = box.querySelector(".ck-search__open");
  var panel = box.querySelector(".ck-search__panel");
  var input = box.querySelector(".ck-search__input");
  var status = box.querySelector(".ck-search__status");
  var list = box.querySelector(".ck-search__results");
  var texts = JSON.parse(box.getAttribute("data-texts"));
  var site = new URL(box.getAttribute("data-site"), window.location.href);
  var styled = null;
  var engine = null;
  var timer = 0;
  var asked = 0;

  function stylesheet() {
    if (!styled) {
      styled = new Promise(function (done) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = box.getAttribute("data-css");
        link.onload = link.onerror = done;
        document.head.appendChild(link);
      });
    }
    return styled;
  }

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", site).href).then(function (found) {
        return found.options({ baseUrl: site.pathname }).then(function () {
          return found;
        });
      });
    }
    return engine;
  }

  function show(open) {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      input.focus();
      pagefind().catch(function () {
        status.textContent = texts.failed;
      });
    }
  }

  // An excerpt as plain text: a parsed document runs no script and loads no image.
  function plain(markup) {
    return new DOMParser().parseFromString(markup || "", "text/html").body.textContent || "";
  }

  function count(n) {
    return n === 0 ? texts.none : n === 1 ? texts.one : texts.other.replace("#", String(n));
  }

  function find() {
    var query = input.value.trim();
    var ask = ++asked;
    if (!query) {
      list.textContent = "";
      status.textContent = texts.placeholder;
      return;
    }
    pagefind()
      .then(function (engine) {
        return engine.search(query);
      })
      .then(function (found) {
        var shown = found && ask === asked ? found.results.slice(0, 10) : [];
        return Promise.all(
          shown.map(function (result) {
            return result.data();
          })
        ).then(function (pages) {
          if (ask !== asked) {
            return;
          }
          list.textContent = "";
          pages.forEach(function (page) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            var excerpt = document.createElement("p");
            link.href = page.url;
            link.textContent = (page.meta && page.meta.title) || page.url;
            excerpt.textContent = plain(page.excerpt);
            item.appendChild(link);
            item.appendChild(excerpt);
            list.appendChild(item);
          });
          status.textContent = count(found.results.length);
        });
      })
      .catch(function () {
        status.textContent = texts.failed;
      });
  }

  button.style.display = "";
  button.addEventListener("click", function () {
    if (panel.hidden) {
      stylesheet().then(function () {
        show(true);
      });
    } else {
      show(false);
    }
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(find, 200);
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      show(false);
      button.focus();
    }
  });
  // Close when focus moves on, so the panel never covers what Tab reaches next.
  box.addEventListener("focusout", function (event) {
    if (!panel.hidden && event.relatedTarget && !box.contains(event.relatedTarget)) {
      show(false);
    }
  });
})();
