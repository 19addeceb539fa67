/* Find examples: search and filters on the example overview (/voorbeelden/, /en/voorbeelden/).

   Why this shape:
   - Enhancement only. The page already lists every example, grouped by factor. This
     script shows the form, and replaces that list with results only while a search
     word or filter is active. If the index cannot load, the page stays as it was.
   - No text and no lists here. Labels, filter values and their names are in the
     page (rendered by scripts/search.py from data/ in the page's language).
   - Results come from Pagefind's index of the page's language (chosen from
     <html lang>), with Dutch stemming: "schulden" also finds "schuld". Cards are
     built from Pagefind's data a page at a time, so the script never needs every
     example in the DOM, also not with thousands of examples.
   - State lives in the URL (?factor=zorg&provincie=utrecht&zoek=eenzaamheid), so a
     view can be shared; "q" is left to Material's header search. */
(function () {
  "use strict";

  const PAGE_SIZE = 20;
  const ANNOUNCE_DELAY_MS = 400;
  // This file is assets/javascripts/ib-zoeken.js: the site root is two folders up.
  const ROOT = new URL("../../", document.currentScript.src);

  function start() {
    const box = document.querySelector("[data-ib-zoeker]");
    if (!box || box.dataset.ibGestart) return;
    box.dataset.ibGestart = "ja";
    setUp(box).catch(function (error) {
      box.hidden = true;
      const list = document.querySelector("[data-ib-lijst]");
      if (list) list.hidden = false;
      console.error("Zoeken in de voorbeelden werkt niet; de volledige lijst blijft staan.", error);
    });
  }

  async function setUp(box) {
    const pagefind = await import(new URL("pagefind/pagefind.js", ROOT).href);
    await pagefind.options({ baseUrl: ROOT.pathname });
    await pagefind.init();
    // Loads every filter's data now, so each search reports counts for every filter.
    await pagefind.filters();
    new Finder(box, pagefind).begin();
  }

  class Finder {
    constructor(box, pagefind) {
      this.box = box;
      this.pagefind = pagefind;
      this.form = box.querySelector("[data-ib-formulier]");
      this.input = this.form.querySelector("input[type=search]");
      this.selects = Array.from(this.form.querySelectorAll("select"));
      this.status = box.querySelector("[data-ib-status]");
      this.empty = box.querySelector("[data-ib-leeg]");
      this.section = box.querySelector("[data-ib-resultaten]");
      this.list = box.querySelector("[data-ib-resultatenlijst]");
      this.more = box.querySelector("[data-ib-toon-meer]");
      this.staticList = document.querySelector("[data-ib-lijst]");
      this.run = 0;
      this.results = [];
      this.shown = 0;
      this.announceTimer = 0;
    }

    begin() {
      this.readUrl();
      this.box.hidden = false;
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.update();
      });
      this.input.addEventListener("input", () => {
        performance.mark("ib-zoeken-invoer");
        this.update(true);
      });
      this.selects.forEach((select) => select.addEventListener("change", () => this.update()));
      this.box.querySelectorAll("[data-ib-wis]").forEach((button) => button.addEventListener("click", () => this.reset()));
      this.more.addEventListener("click", () => this.showMore());
      this.update(false, true);
    }

    // --- State and URL ---------------------------------------------------------

    state() {
      const filters = {};
      this.selects.forEach((select) => {
        if (select.value) filters[select.name] = select.value;
      });
      return { words: this.input.value.trim(), filters: filters };
    }

    readUrl() {
      const params = new URLSearchParams(location.search);
      this.input.value = params.get(this.input.name) || "";
      this.selects.forEach((select) => {
        const wanted = params.get(select.name) || "";
        const known = Array.from(select.options).some((option) => option.value === wanted);
        select.value = known ? wanted : "";
      });
    }

    writeUrl(state) {
      const params = new URLSearchParams(location.search);
      this.selects.forEach((select) => params.delete(select.name));
      params.delete(this.input.name);
      this.selects.forEach((select) => {
        if (state.filters[select.name]) params.set(select.name, state.filters[select.name]);
      });
      if (state.words) params.set(this.input.name, state.words);
      const query = params.toString();
      const url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
    }

    reset() {
      this.input.value = "";
      this.selects.forEach((select) => {
        select.value = "";
      });
      this.update();
      this.input.focus();
    }

    // --- Searching ---------------------------------------------------------------

    search(words, filters, sorted) {
      const options = { filters: filters };
      if (sorted) options.sort = { titel: "asc" };
      return this.pagefind.search(words || null, options);
    }

    async update(fromTyping, first) {
      const run = ++this.run;
      const state = this.state();
      this.writeUrl(state);
      const active = Boolean(state.words) || Object.keys(state.filters).length > 0;
      const main = await this.search(state.words, state.filters, !state.words);
      // Counts of a filter that has a choice: how many results each other value would give.
      const counts = await Promise.all(
        this.selects.map((select) => {
          if (!state.filters[select.name]) return main.filters[select.name] || {};
          const others = Object.assign({}, state.filters);
          delete others[select.name];
          return this.search(state.words, others, false).then((result) => result.filters[select.name] || {});
        })
      );
      if (run !== this.run) return;
      this.selects.forEach((select, index) => this.showCounts(select, counts[index]));
      this.results = main.results;
      this.shown = 0;
      this.list.replaceChildren();
      this.staticList.hidden = active;
      this.section.hidden = !active || main.results.length === 0;
      this.empty.hidden = !active || main.results.length > 0;
      this.more.hidden = true;
      if (active && main.results.length) await this.renderNext(run);
      if (run !== this.run) return;
      this.announce(this.countText(active, main.results.length), first);
      this.box.dataset.ibToont = location.search;
      if (fromTyping && performance.getEntriesByName("ib-zoeken-invoer").length) {
        performance.measure("ib-zoeken", "ib-zoeken-invoer");
        performance.clearMarks("ib-zoeken-invoer");
      }
    }

    async renderNext(run) {
      const slice = this.results.slice(this.shown, this.shown + PAGE_SIZE);
      const data = await Promise.all(slice.map((result) => result.data()));
      if (run !== this.run) return [];
      const withExcerpt = Boolean(this.state().words);
      const items = data.map((item) => this.card(item, withExcerpt));
      this.list.append(...items);
      this.shown += slice.length;
      this.more.hidden = this.shown >= this.results.length;
      return items;
    }

    async showMore() {
      const items = await this.renderNext(this.run);
      const link = items.length ? items[0].querySelector("a") : null;
      if (link) link.focus();
    }

    // --- Showing -----------------------------------------------------------------

    showCounts(select, counts) {
      Array.from(select.options).forEach((option) => {
        if (!option.value) return;
        const count = counts[option.value] || 0;
        option.textContent = option.dataset.ibNaam + " (" + count + ")";
        option.disabled = count === 0 && !option.selected;
      });
    }

    countText(active, count) {
      if (active && count === 0) return this.empty.querySelector("p").textContent;
      const template = !active ? this.status.dataset.ibAlle : count === 1 ? this.status.dataset.ibEen : this.status.dataset.ibMeer;
      return template.replace("{n}", String(count));
    }

    announce(text, now) {
      // Screen readers read the live region; wait until typing pauses so they are not flooded.
      clearTimeout(this.announceTimer);
      if (now) {
        this.status.textContent = text;
        return;
      }
      this.announceTimer = setTimeout(() => {
        this.status.textContent = text;
      }, ANNOUNCE_DELAY_MS);
    }

    card(data, withExcerpt) {
      const meta = data.meta || {};
      const item = element("li", "ib-kaart ib-resultaat");
      const heading = element("h3", "ib-resultaat__titel");
      const link = element("a", "", meta.title || data.url);
      link.href = data.url;
      if (meta.titel_taal) link.lang = meta.titel_taal;
      heading.append(link);
      item.append(heading);
      if (meta.plaats) item.append(element("p", "ib-kaart__plaats", meta.plaats));
      if (meta.samenvatting) {
        const summary = element("p", "ib-kaart__samenvatting", meta.samenvatting);
        if (meta.samenvatting_taal) summary.lang = meta.samenvatting_taal;
        item.append(summary);
      }
      if (withExcerpt && data.excerpt) item.append(excerpt(data.excerpt));
      return item;
    }
  }

  function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt is escaped text with <mark> around the matched words. Copy only
  // text and <mark>, so nothing else from the index can ever become markup.
  function excerpt(html) {
    const source = document.createElement("template");
    source.innerHTML = html;
    const paragraph = element("p", "ib-resultaat__fragment");
    paragraph.append("… ");
    source.content.childNodes.forEach((node) => {
      if (node.nodeName === "MARK") paragraph.append(element("mark", "", node.textContent));
      else paragraph.append(node.textContent);
    });
    paragraph.append(" …");
    return paragraph;
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else {
    start();
  }
})();
