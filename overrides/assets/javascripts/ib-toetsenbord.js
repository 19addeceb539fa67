/* Keyboard use of Material's navigation drawer on narrow screens (phones, zoom).

   Material opens the drawer and its sub-levels with <label for="..."> elements
   (the checkbox hack). A keyboard cannot reach or press a label, so below
   76.25em keyboard users could not open the menu at all, and Tab still walked
   through links of levels that were out of sight. Here we:
   - make the menu button and the level labels buttons (Tab stop, role, name,
     aria-expanded; Enter is Material's, Space is added), Escape closes the
     drawer and returns focus to the menu button;
   - keep only the level on screen in the Tab order (tabindex -1 on the rest),
     and close the drawer when focus leaves it.
   The closed drawer itself is hidden from Tab by ib.css, also without JavaScript.
   Wide screens are left as Material made them. */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 76.234375em)");
  var FOCUSABLE = "a[href], label[for]";

  function drawer() {
    return document.getElementById("__drawer");
  }

  function primaryNav() {
    return document.querySelector(".md-sidebar--primary .md-nav--primary");
  }

  function menuButton() {
    return document.querySelector('.md-header label[for="__drawer"]');
  }

  /* The level the reader sees: the deepest nested nav whose toggle is checked. */
  function shownLevel(nav) {
    var level = nav;
    for (;;) {
      var open = null;
      level.querySelectorAll(":scope > .md-nav__list > .md-nav__item > .md-nav__toggle").forEach(function (t) {
        if (t.checked && t.parentElement.querySelector(":scope > nav.md-nav")) open = t;
      });
      if (!open) return level;
      level = open.parentElement.querySelector(":scope > nav.md-nav");
    }
  }

  function levelOf(element) {
    return element.closest("nav.md-nav");
  }

  function makeButton(label, expanded) {
    label.setAttribute("role", "button");
    label.setAttribute("aria-expanded", expanded ? "true" : "false");
    if (!label.dataset.ibKey) {
      label.dataset.ibKey = "true";
      // Material itself clicks a focused label on Enter; Space is ours.
      label.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          label.click();
        }
      });
    }
  }

  /* Tab order inside the open drawer: only the shown level's own links and labels. */
  function updateLevels() {
    var nav = primaryNav();
    if (!nav) return;
    var narrow = NARROW.matches;
    var shown = shownLevel(nav);
    nav.querySelectorAll(FOCUSABLE).forEach(function (element) {
      if (!("ibTabindex" in element.dataset)) element.dataset.ibTabindex = element.getAttribute("tabindex") || "";
      if (!narrow) {
        restore(element);
        return;
      }
      // The drawer's own title bar (the site name) closes it on click; keyboard
      // users have Escape for that, so it is no extra Tab stop.
      var closesDrawer = element.tagName === "LABEL" && element.htmlFor === "__drawer";
      var toggle = element.tagName === "LABEL" ? document.getElementById(element.htmlFor) : null;
      if (toggle && !closesDrawer) makeButton(element, toggle.checked);
      element.setAttribute("tabindex", levelOf(element) === shown && !closesDrawer ? "0" : "-1");
    });
  }

  function restore(element) {
    var original = element.dataset.ibTabindex;
    if (original) element.setAttribute("tabindex", original);
    else element.removeAttribute("tabindex");
    if (element.tagName === "LABEL" && element.dataset.ibKey) {
      element.removeAttribute("role");
      element.removeAttribute("aria-expanded");
    }
  }

  function firstInShownLevel() {
    var nav = primaryNav();
    if (!nav) return null;
    var shown = shownLevel(nav);
    var items = Array.prototype.filter.call(shown.querySelectorAll(FOCUSABLE), function (e) {
      return levelOf(e) === shown && e.getAttribute("tabindex") !== "-1";
    });
    return items[0] || null;
  }

  function mount() {
    var toggle = drawer();
    var button = menuButton();
    var nav = primaryNav();
    if (!toggle || !button || !nav || button.dataset.ibMounted) return;
    button.dataset.ibMounted = "true";
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", nav.getAttribute("aria-label") || "Menu");
    makeButton(button, toggle.checked);

    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      updateLevels();
      if (toggle.checked && NARROW.matches) {
        var first = firstInShownLevel();
        if (first) window.setTimeout(function () { first.focus(); }, 0);
      }
    });
    nav.addEventListener("change", function (event) {
      if (!event.target.classList.contains("md-nav__toggle")) return;
      updateLevels();
      var first = firstInShownLevel();
      if (first && NARROW.matches) first.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && NARROW.matches) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
        button.focus();
      }
    });
    // Tab past the last menu item (or Shift+Tab out of it) closes the menu, so
    // focus never lands on the page behind the drawer's shade.
    var sidebar = nav.closest(".md-sidebar--primary");
    document.addEventListener("focusin", function (event) {
      if (toggle.checked && NARROW.matches && sidebar && !sidebar.contains(event.target)) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
      }
    });
    NARROW.addEventListener("change", updateLevels);
    updateLevels();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
