/* Keyboard use of Material's navigation drawer on narrow screens (phones, zoom).

   Material opens the drawer and its sub-levels with <label for="..."> elements
   (the checkbox hack). A keyboard cannot reach or press a label, so below
   76.25em keyboard users could not open the menu at all, and Tab still walked
   through links of levels that were out of sight. Here we:
   - replace the menu label in the header by a real button (named after the
     menu, with aria-expanded); Escape closes the drawer and returns to it;
   - make the labels that open and close a menu level Tab stops (Material
     presses a focused label on Enter; Space is added), as Material itself does
     on wide screens;
   - keep only the level on screen in the Tab order (tabindex -1 on the rest),
     and close the drawer when focus leaves it.
   The closed drawer itself is hidden from Tab by ib.css, also without JavaScript.
   Wide screens are left as Material made them. */
(function () {
  "use strict";

  const NARROW = window.matchMedia("(max-width: 76.234375em)");
  const FOCUSABLE = "a[href], label[for]";

  function primaryNav() {
    return document.querySelector(".md-sidebar--primary .md-nav--primary");
  }

  /* The level the reader sees: the deepest nested nav whose toggle is checked. */
  function shownLevel(nav) {
    let level = nav;
    for (;;) {
      let open = null;
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

  function pressWithSpace(label) {
    if (label.dataset.ibSpatie) return;
    label.dataset.ibSpatie = "true";
    label.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        label.click();
      }
    });
  }

  /* Tab order inside the drawer: only the shown level's own links and labels. */
  function updateLevels(nav) {
    const narrow = NARROW.matches;
    const shown = shownLevel(nav);
    nav.querySelectorAll(FOCUSABLE).forEach(function (element) {
      if (!("ibTabindex" in element.dataset)) element.dataset.ibTabindex = element.getAttribute("tabindex") || "";
      if (!narrow) {
        const original = element.dataset.ibTabindex;
        if (original) element.setAttribute("tabindex", original);
        else element.removeAttribute("tabindex");
        return;
      }
      // The drawer's own title bar (the site name) closes it on click; keyboard
      // users have Escape for that, so it is no extra Tab stop.
      const closesDrawer = element.tagName === "LABEL" && element.htmlFor === "__drawer";
      if (element.tagName === "LABEL" && !closesDrawer) pressWithSpace(element);
      element.setAttribute("tabindex", levelOf(element) === shown && !closesDrawer ? "0" : "-1");
    });
  }

  function firstInShownLevel(nav) {
    const shown = shownLevel(nav);
    const items = Array.prototype.filter.call(shown.querySelectorAll(FOCUSABLE), function (e) {
      return levelOf(e) === shown && e.getAttribute("tabindex") !== "-1";
    });
    return items[0] || null;
  }

  function menuButton(label, nav) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " ib-menuknop";
    button.setAttribute("aria-label", nav.getAttribute("aria-label") || "Menu");
    button.setAttribute("aria-expanded", "false");
    while (label.firstChild) button.appendChild(label.firstChild);
    label.replaceWith(button);
    return button;
  }

  function mount() {
    const toggle = document.getElementById("__drawer");
    const label = document.querySelector('.md-header label[for="__drawer"]');
    const nav = primaryNav();
    if (!toggle || !label || !nav) return;
    const button = menuButton(label, nav);
    const sidebar = nav.closest(".md-sidebar--primary");

    function setOpen(open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }

    button.addEventListener("click", function () {
      setOpen(!toggle.checked);
    });
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      updateLevels(nav);
      const first = toggle.checked && NARROW.matches ? firstInShownLevel(nav) : null;
      if (first) window.setTimeout(function () { first.focus(); }, 0);
    });
    nav.addEventListener("change", function (event) {
      if (!event.target.classList.contains("md-nav__toggle")) return;
      updateLevels(nav);
      const first = NARROW.matches ? firstInShownLevel(nav) : null;
      if (first) first.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && NARROW.matches) {
        setOpen(false);
        button.focus();
      }
    });
    // Tab past the last menu item (or Shift+Tab out of it) closes the menu, so
    // focus never lands on the page behind the drawer's shade.
    document.addEventListener("focusin", function (event) {
      if (toggle.checked && NARROW.matches && sidebar && !sidebar.contains(event.target)) setOpen(false);
    });
    NARROW.addEventListener("change", function () {
      updateLevels(nav);
    });
    updateLevels(nav);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
