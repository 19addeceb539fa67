/* Find examples and chapters: search and filters on the example overview
   (/voorbeelden/, /en/voorbeelden/) and on the results page (/zoeken/, /en/zoeken/).

   Why this shape:
   - Enhancement only. The page already lists every example, grouped by factor. This
     script shows the form, and replaces that list with results only while a search
     word or filter is active. If the index cannot load, the page stays as it was.
   - No text and no lists here. Labels, filter values and their names are in the
     page (rendered by scripts/inspiratieboek/site/searchform.py from data/ in the page's language).
   - Results come from our own index of the page's language (chosen from <html lang>;
     scripts/zoekindex.py builds it, ib-zoekindex.js reads it), with Dutch stemming:
     "schulden" also finds "schuld". Cards are fetched and built a page at a time, so
     the script never needs every example, also not with thousands of examples.
   - Fast enough while typing: at most one search runs at a time; keys pressed
     meanwhile lead to one search for the latest text (never a queue of stale ones).
   - State lives in the URL (?factor=zorg&provincie=utrecht&zoek=eenzaamheid), so a
     view can be shared.
   - Several words: examples with every word first, then those with some (each
     says which); chapter sections that match are listed on the results page, and
     on the overview when no example matches. Nothing at all: the nearest words of
     the collection and the filter values whose names match are offered.
   - Enter (or "Zoek" on a phone keyboard) moves focus to the result count, which
     is then read out and scrolled into view with the first result below it. */
(function () {
  "use strict";

  const PAGE_SIZE = 20;
  // The first cards appear as soon as their data is in; the rest of the page follows.
  const FIRST_CARDS = 6;
  // One or two letters match nearly every example and cost the most: search from three.
  const MIN_WORD_LENGTH = 3;
  const ANNOUNCE_DELAY_MS = 400;
  // This file is assets/javascripts/ib-zoeken.js: the site root is two folders up.
  const ROOT = new URL("../../", document.currentScript.src);
  const SECTIONS_SHOWN = 8; // chapter sections on the results page
  const PRINT_DELAY_MS = 500; // the print list is made once the view rests
  const PRINT_MAX = 1000; // examples on paper at most (a book of its own beyond that)
  // Narrow screens fold the filters into one control, so the count and the first
  // results are on the first screen (ib.css uses the same width).
  const NARROW = window.matchMedia("(max-width: 44.984375em)");

  function start() {
    const box = document.querySelector("[data-ib-zoeker]");
    if (!box || box.dataset.ibGestart) return;
    box.dataset.ibGestart = "ja";
    setUp(box).catch(function (error) {
      box.hidden = true;
      box.dataset.ibMislukt = "ja"; // ib.css: no longer hold the form's place
      const list = document.querySelector("[data-ib-lijst]");
      if (list) list.hidden = false;
      const withoutScript = document.querySelector(".ib-zonder-js");
      if (withoutScript) withoutScript.dataset.ibMislukt = "ja";
      console.error("Zoeken in de voorbeelden werkt niet; de volledige lijst blijft staan.", error);
    });
  }

  async function setUp(box) {
    const index = await window.ibZoekindex.open(ROOT, document.documentElement.lang || "nl");
    new Finder(box, index).begin();
  }

  class Finder {
    constructor(box, index) {
      this.box = box;
      this.index = index;
      // Counts of every value over all examples: shown while nothing is chosen.
      this.totals = index.totals();
      this.form = box.querySelector("[data-ib-formulier]");
      this.input = this.form.querySelector("input[type=search]");
      // Filters: a group of checkboxes per filter (several values: any of them; all filters: each).
      this.groups = Array.from(this.form.querySelectorAll("[data-ib-filter]")).map((group) => ({
        param: group.dataset.ibFilter,
        name: group.querySelector("[data-ib-filternaam]").textContent,
        chosen: group.querySelector("[data-ib-gekozen]"),
        boxes: Array.from(group.querySelectorAll("input[type=checkbox]")),
      }));
      this.boxes = this.groups.flatMap((group) => group.boxes);
      this.sorter = this.form.querySelector("#ib-sorteer");
      this.takeAlong = box.querySelector("[data-ib-meenemen]");
      this.printTarget = document.querySelector("[data-ib-afdruk]");
      this.printLine = document.querySelector(".ib-afdrukkop__regel");
      this.printAddress = this.printLine ? this.printLine.textContent : "";
      this.printTimer = 0;
      this.status = box.querySelector("[data-ib-status]");
      this.empty = box.querySelector("[data-ib-leeg]");
      this.section = box.querySelector("[data-ib-resultaten]");
      this.list = box.querySelector("[data-ib-resultatenlijst]");
      this.more = box.querySelector("[data-ib-toon-meer]");
      this.staticList = document.querySelector("[data-ib-lijst]") || element("div");
      this.onPage = box.dataset.ibSoort === "pagina"; // the results page, not the overview
      this.chapterBox = box.querySelector("[data-ib-hoofdstukken]");
      this.chapterList = box.querySelector("[data-ib-hoofdstukkenlijst]");
      this.hints = box.querySelector("[data-ib-suggesties]");
      this.fold = box.querySelector("[data-ib-uitklap]");
      this.foldButton = box.querySelector("[data-ib-uitklapknop]");
      this.foldLabel = this.foldButton.textContent;
      this.sections = [];
      this.complete = 0;
      this.has = () => [];
      this.words = [];
      this.total = Number(this.status.dataset.ibTotaal);
      this.run = 0;
      this.inputs = 0; // keystrokes and filter changes so far (for the timing marks)
      this.seen = 0; // of those, how many the current update reflects
      this.busy = false;
      this.again = false;
      this.results = [];
      this.matched = new Set();
      this.close = []; // words found only through a word that looks like them
      this.shown = 0;
      this.announceTimer = 0;
    }

    begin() {
      this.readUrl();
      this.folding();
      this.box.hidden = false;
      const changed = (step) => {
        this.inputs += 1;
        performance.mark("ib-zoeken-invoer", { detail: this.inputs });
        this.request(false, step === true);
      };
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.focusCount = true;
        this.request();
      });
      this.input.addEventListener("input", changed);
      // A filter or sort change is a step in the history: Back undoes it.
      this.boxes.forEach((box) => box.addEventListener("change", () => changed(true)));
      this.sorter.addEventListener("change", () => changed(true));
      window.addEventListener("popstate", () => {
        this.readUrl();
        this.request();
      });
      this.box.querySelectorAll("[data-ib-wis]").forEach((button) => button.addEventListener("click", () => this.reset()));
      this.more.addEventListener("click", () => this.showMore());
      this.takeAlong.querySelectorAll("[data-ib-download]").forEach((button) =>
        button.addEventListener("click", () => this.download(button.dataset.ibDownload)),
      );
      // Came from the header box with an empty field (a phone's search button): type here.
      const typeHere = this.onPage && new URLSearchParams(location.search).has(this.input.name) && !this.input.value;
      this.request(true);
      if (typeHere) this.input.focus();
    }

    // On a phone the filters start folded; on a wide screen they are always open.
    folding() {
      const apply = () => {
        this.fold.open = !NARROW.matches;
      };
      apply();
      NARROW.addEventListener("change", apply);
    }

    // "Filters (2 actief)": how many filter values are chosen, on the folded control.
    showActive(state) {
      const active = Object.values(state.filters).reduce((n, values) => n + values.length, 0);
      this.foldButton.textContent = active ? this.foldButton.dataset.ibEenActief.replace("{n}", String(active)) : this.foldLabel;
    }

    // --- State and URL ---------------------------------------------------------

    state() {
      const filters = {};
      this.groups.forEach((group) => {
        const values = group.boxes.filter((box) => box.checked).map((box) => box.value);
        if (values.length) filters[group.param] = values;
      });
      const typed = this.input.value.trim();
      const words = typed.length >= MIN_WORD_LENGTH ? typed : "";
      return { typed: typed, words: words, filters: filters, sort: this.sorter.value };
    }

    // ?provincie=noord-brabant,zeeland&factor=zorg&zoek=...&sorteer=nieuwste; unknown values are left out.
    readUrl() {
      const params = new URLSearchParams(location.search);
      this.input.value = params.get(this.input.name) || "";
      this.groups.forEach((group) => {
        const wanted = (params.get(group.param) || "").split(",");
        group.boxes.forEach((box) => {
          box.checked = wanted.includes(box.value);
        });
      });
      const sort = params.get(this.sorter.name) || "";
      this.sorter.value = Array.from(this.sorter.options).some((option) => option.value === sort) ? sort : "";
    }

    writeUrl(state, step) {
      const params = new URLSearchParams(location.search);
      this.groups.forEach((group) => params.delete(group.param));
      params.delete(this.input.name);
      params.delete(this.sorter.name);
      this.groups.forEach((group) => {
        if (state.filters[group.param]) params.set(group.param, state.filters[group.param].join(","));
      });
      if (state.typed) params.set(this.input.name, state.typed);
      if (state.sort) params.set(this.sorter.name, state.sort);
      const query = params.toString().replace(/%2C/g, ",");
      const url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) {
        if (step) history.pushState(null, "", url);
        else history.replaceState(history.state, "", url);
      }
      this.keepInOtherLanguage();
    }

    // The language menu opens the same view in the other language (same slugs in both).
    keepInOtherLanguage() {
      document.querySelectorAll("a[hreflang].md-select__link").forEach((link) => {
        const target = new URL(link.href, location.href);
        target.search = location.search;
        link.href = target.pathname + target.search;
      });
    }

    reset() {
      this.input.value = "";
      this.boxes.forEach((box) => {
        box.checked = false;
      });
      this.sorter.value = "";
      this.request(false, true);
      this.input.focus();
    }

    // --- Searching ---------------------------------------------------------------

    // At most one update at a time. Input that arrives meanwhile sets a flag, and one
    // more update with the latest state follows: typing never builds up a queue.
    request(first, step) {
      const state = this.state();
      this.writeUrl(state, step);
      this.showActive(state);
      // Two letters are no search yet, but they name the term file the third letter
      // will need: fetch it now, so the first real search does not wait for it.
      if (!state.words && state.typed) this.index.preload(state.typed);
      if (this.busy) {
        this.again = true;
        // Fetch the term files for the latest words already, while the running search ends.
        if (state.words) this.index.preload(state.words);
        return;
      }
      this.busy = true;
      this.update(first)
        .catch((error) => console.error(error))
        .finally(() => {
          this.busy = false;
          if (this.again) {
            this.again = false;
            this.request();
          }
        });
    }

    async update(first) {
      const run = ++this.run;
      this.seen = this.inputs;
      const state = this.state();
      const active = Boolean(state.words) || Object.keys(state.filters).length > 0;
      if (!active && !state.sort) {
        this.showCounts(() => this.totals);
        this.results = [];
        this.sections = [];
        this.close = [];
        this.shown = 0;
        this.showSections(run, []);
        this.showList(run, first, false);
        return;
      }
      // Without words, results keep title order; with words, the best match comes first.
      const found = await this.index.search(state.words, state.filters);
      if (state.sort) await this.sortResults(found, state);
      if (run !== this.run) return;
      this.showCounts(() => found.counts);
      this.results = found.results;
      this.complete = found.complete;
      this.has = found.has;
      this.words = found.words;
      this.matched = found.matched;
      this.close = found.close;
      this.shown = 0;
      // Chapter sections: always on the results page, on the overview only when no example matches.
      this.sections = this.onPage || !found.results.length ? found.sections.slice(0, SECTIONS_SHOWN) : [];
      await this.showSections(run, this.sections);
      if (run !== this.run) return;
      if (!found.results.length) {
        if (!this.sections.length) await this.showHints(run, state);
        this.showList(run, first, true);
        return;
      }
      // The old results stay until the first new cards are ready: no flash of an empty list.
      const page = await this.renderNext(run, true);
      page.rest.then(() => this.finish(run, first));
    }

    // Another order than best match: newest, title or place. Examples with every
    // word stay before those with some.
    async sortResults(found, state) {
      const rank = state.sort === "titel" ? null : await this.index.ranks(state.sort);
      const group = (n) => (found.has(n).length === found.words.length ? 0 : 1);
      found.results.sort((a, b) => group(a) - group(b) || (rank ? rank[a] - rank[b] : a - b));
    }

    // No results to show: the full static list (nothing chosen) or the "no results" text.
    showList(run, first, active) {
      this.list.replaceChildren();
      this.staticList.hidden = active;
      this.section.hidden = true;
      this.empty.hidden = !active || this.sections.length > 0;
      this.more.hidden = true;
      this.measure();
      this.finish(run, first);
    }

    finish(run, first) {
      if (run !== this.run) return;
      const state = this.state();
      const active = Boolean(state.words) || Object.keys(state.filters).length > 0 || Boolean(state.sort);
      this.announce(this.countText(active, active ? this.results.length : this.total), first || this.focusCount);
      if (this.focusCount) {
        // Enter: the count is read out, and it and the first results come into view.
        this.focusCount = false;
        this.status.focus({ preventScroll: true });
        this.status.scrollIntoView({ block: "start" });
      }
      this.showTakeAlong(run, active);
      this.box.dataset.ibToont = location.search;
    }

    // --- Taking the selection along (ib-selectie.js) -----------------------------

    // Downloads for a selection; on paper the whole selection under a line in words,
    // and the print header's address with the filters. The print list is made once
    // the view rests (all its cards, not only the first page).
    showTakeAlong(run, active) {
      const selected = active && this.results.length > 0;
      this.takeAlong.hidden = !selected;
      if (selected) document.documentElement.dataset.ibSelectie = "ja";
      else delete document.documentElement.dataset.ibSelectie;
      if (this.printLine) {
        const [address, ...rest] = this.printAddress.split(" · ");
        this.printLine.textContent = [address.replace(/\?.*$/, "") + location.search, ...rest].join(" · ");
      }
      clearTimeout(this.printTimer);
      if (!selected) {
        this.printTarget.replaceChildren();
        return;
      }
      this.printTimer = setTimeout(() => this.preparePrint(run), PRINT_DELAY_MS);
    }

    selectionLine() {
      const labels = this.takeAlong.dataset;
      const words = { word: labels.ibWoord, or: labels.ibOf, sorted: labels.ibGesorteerd };
      const described = window.ibSelectie.describe(this.state(), this.groups, this.sorter, words);
      const count = labels.ibAantalTekst.replace("{n}", String(this.results.length));
      return labels.ibSelectie + ": " + (described ? described + " · " : "") + count;
    }

    async preparePrint(run) {
      const cards = await this.index.cards(this.results.slice(0, PRINT_MAX));
      if (run !== this.run) return;
      let site = location.origin;
      try {
        site = new URL(this.printAddress.split(" · ")[0]).origin;
      } catch (error) {
        // no print header: the address the page was opened from
      }
      window.ibSelectie.printList(this.printTarget, this.selectionLine(), cards, site);
      this.printTarget.dataset.ibKlaar = location.search;
    }

    async download(kind) {
      const cards = await this.index.cards(this.results);
      const ids = cards.map((card) => card.url.replace(/\/$/, "").split("/").pop());
      await window.ibSelectie.download(kind, new URL("../", location.href), ids, this.selectionLine());
    }

    // Chapter sections that match, as links with their chapter and first words.
    async showSections(run, numbers) {
      if (!this.chapterBox) return;
      const cards = numbers.length ? await this.index.cards(numbers) : [];
      if (run !== this.run) return;
      this.chapterList.replaceChildren(...cards.map((data) => this.card(data, this.matched, "h3")));
      this.chapterBox.hidden = !cards.length;
    }

    // Nothing found: the collection's nearest words and the filter values whose
    // names contain what was typed, each a link that searches or filters for it.
    async showHints(run, state) {
      const near = state.words ? await this.index.near(state.words) : [];
      if (run !== this.run) return;
      const words = this.hints.querySelector("[data-ib-woorden]");
      words.replaceChildren(...joined(near.map((word) => this.link({ [this.input.name]: word }, word))));
      words.parentElement.hidden = !near.length;
      const typed = window.ibStam.words(state.words);
      const named = [];
      this.groups.forEach((group) => {
        group.boxes.forEach((box) => {
          if (!typed.length) return;
          const name = window.ibStam.words(box.dataset.ibNaam || "");
          const hit = typed.some((word) => name.some((part) => part.startsWith(word) || (word.startsWith(part) && part.length >= 4)));
          if (hit && this.totals[group.param] && this.totals[group.param][box.value]) {
            named.push(this.link({ [group.param]: box.value }, group.name + ": " + box.dataset.ibNaam));
          }
        });
      });
      // Nothing near and no name matches: offer the factors, so no search ends empty-handed.
      const fallback = !near.length && !named.length;
      if (fallback) {
        const factors = this.groups.find((group) => group.param === "factor");
        (factors ? factors.boxes : []).forEach((box) => named.push(this.link({ factor: box.value }, box.dataset.ibNaam)));
      }
      const names = this.hints.querySelector("[data-ib-namen]");
      names.replaceChildren(...joined(named));
      names.parentElement.hidden = !named.length;
      names.parentElement.querySelector("[data-ib-namen-kop]").textContent = fallback ? this.hints.dataset.ibFactoren : this.hints.dataset.ibFilternamen;
      this.hints.hidden = !near.length && !named.length;
    }

    link(params, text) {
      const link = element("a", "", text);
      link.href = location.pathname + "?" + new URLSearchParams(params).toString();
      return link;
    }

    // Loads and shows the next page of results. With `replace`, the first few cards
    // replace the old results as soon as they are in; `rest` resolves when the page is complete.
    async renderNext(run, replace) {
      const end = Math.min(this.shown + PAGE_SIZE, this.results.length);
      const marked = this.state().words ? this.matched : null;
      const numbers = this.results.slice(this.shown, end);
      const split = replace ? Math.min(FIRST_CARDS, numbers.length) : numbers.length;
      const head = await this.index.cards(numbers.slice(0, split));
      if (run !== this.run) return { items: [], rest: Promise.resolve([]) };
      const items = head.map((data, i) => this.card(data, marked, "h3", numbers[i]));
      if (replace) {
        this.list.replaceChildren(...items);
        this.staticList.hidden = true;
        this.empty.hidden = true;
        this.section.hidden = false;
        this.measure();
      } else {
        this.list.append(...items);
      }
      this.shown += items.length;
      const rest = this.index.cards(numbers.slice(split)).then((tail) => {
        if (run !== this.run) return [];
        const cards = tail.map((data, i) => this.card(data, marked, "h3", numbers[split + i]));
        this.list.append(...cards);
        this.shown += cards.length;
        this.more.hidden = this.shown >= this.results.length;
        return cards;
      });
      this.more.hidden = true;
      return { items: items, rest: rest };
    }

    async showMore() {
      const page = await this.renderNext(this.run, false);
      await page.rest;
      const link = page.items.length ? page.items[0].querySelector("a") : null;
      if (link) link.focus();
    }

    // Timing marks for scripts/benchmark_search.py: "ib-zoeken-invoer" at each keystroke
    // or filter change (detail: its number), "ib-zoeken-getoond" when results for the
    // state after input number `detail` are on screen (first cards, list or message).
    measure() {
      performance.mark("ib-zoeken-getoond", { detail: this.seen });
    }

    // --- Showing -----------------------------------------------------------------

    // Each value's count: what ticking it would give. A value that would give
    // nothing is shown as unavailable (disabled), unless it is ticked already.
    showCounts(countsOf) {
      const chosenText = this.foldButton.dataset.ibGekozenTekst;
      this.groups.forEach((group) => {
        const counts = countsOf()[group.param] || {};
        let chosen = 0;
        group.boxes.forEach((box) => {
          const count = counts[box.value] || 0;
          box.parentElement.querySelector("[data-ib-aantal]").textContent = "(" + count + ")";
          box.disabled = count === 0 && !box.checked;
          if (box.checked) chosen += 1;
        });
        group.chosen.textContent = chosen ? "(" + chosenText.replace("{n}", String(chosen)) + ")" : "";
      });
    }

    countText(active, count) {
      if (!active && this.onPage) return this.status.dataset.ibBegin;
      if (active && count === 0 && !this.sections.length) return this.empty.querySelector("p").textContent;
      const complete = active ? this.complete : count;
      const template = !active ? this.status.dataset.ibAlle : complete === 1 ? this.status.dataset.ibEen : this.status.dataset.ibMeer;
      let text = template.replace("{n}", String(complete));
      if (active && count > complete) text += ". " + this.status.dataset.ibDeel.replace("{n}", String(count - complete));
      if (!active || !this.close.length) return text;
      const words = this.close.map((word) => "‘" + word + "’").join(", ");
      return text + ". " + this.status.dataset.ibBijna.replace("{w}", words);
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

    // One result: title link, place (or chapter), summary. While searching, the words
    // that matched (by stem, as the index saw them) are marked in the summary; an
    // example with only some of several words says which it has.
    card(data, marked, level, number) {
      const item = element("li", "ib-kaart ib-resultaat");
      const heading = element(level, "ib-resultaat__titel");
      const link = element("a", "", data.title);
      link.href = data.url;
      if (data.titleLang) link.lang = data.titleLang;
      heading.append(link);
      item.append(heading);
      if (data.place) item.append(element("p", "ib-kaart__plaats", data.place));
      if (data.summary) {
        const summary = element("p", "ib-kaart__samenvatting");
        if (data.summaryLang) summary.lang = data.summaryLang;
        markWords(summary, data.summary, marked, this.index.lang);
        item.append(summary);
      }
      const has = number === undefined ? [] : this.has(number);
      if (has.length && has.length < this.words.length) {
        const words = has.map((word) => "‘" + word + "’").join(", ");
        item.append(element("p", "ib-resultaat__met", this.status.dataset.ibMet.replace("{w}", words)));
      }
      return item;
    }
  }

  // Nodes separated by ", ".
  function joined(nodes) {
    return nodes.flatMap((node, i) => (i ? [", ", node] : [node]));
  }

  function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Append `text` to `parent` as text nodes, with <mark> around each word whose stem
  // is in `marked`. Only text is ever inserted: nothing from the index becomes markup.
  function markWords(parent, text, marked, lang) {
    if (!marked || !marked.size) {
      parent.textContent = text;
      return;
    }
    text.split(/([\p{L}\p{N}]+)/u).forEach((part, i) => {
      const words = i % 2 ? window.ibStam.words(part) : [];
      if (words.length && marked.has(window.ibStam.stem(words[0], lang))) parent.append(element("mark", "", part));
      else if (part) parent.append(part);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else {
    start();
  }
})();
