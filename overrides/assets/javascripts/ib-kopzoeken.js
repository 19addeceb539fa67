/* ib-kopzoeken.js: Material's header search loads its index only when the reader
 * wants to search.
 *
 * Why: Material 9.8.2 fetches search/search_index.json (about 160 KiB per language)
 * at the start of every page view, whether or not anyone searches. That was a third
 * of a first visit to the home page (issue #8: at most 400 KiB).
 *
 * How: Material's bundle asks for the index with an XMLHttpRequest. This script holds
 * back send() of exactly that request until the reader shows intent: focus on the
 * search field (Material's keyboard shortcuts focus it too), a click on the search
 * button, or a page opened with Material's ?q= search address. Then the request goes
 * out as Material made it, and Material's search runs as always. Every other request
 * passes through untouched. Without JavaScript nothing changes.
 *
 * It must run before the bundle, so overrides/main.html loads it in the page head.
 * When upgrading Material, check that the bundle still fetches the index this way
 * (tests/test_kopzoeken.py fails if the index is fetched early or search breaks).
 */
(function () {
  "use strict";

  const INDEX = /\/search\/search_index\.json$/;
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const forIndex = new WeakSet();
  const waiting = [];
  let wanted = new URLSearchParams(location.search).has("q");

  XMLHttpRequest.prototype.open = function (method, url) {
    if (INDEX.test(new URL(String(url), location.href).pathname)) forIndex.add(this);
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (wanted || !forIndex.has(this)) return send.apply(this, arguments);
    waiting.push([this, arguments]);
  };

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function ([request, args]) {
      send.apply(request, args);
    });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.closest(".md-search__input")) want();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest('label[for="__search"]')) want();
  }, true);
})();
