/* The header search box on every page (overrides/partials/ib-zoekvak.html).

   Why this shape:
   - Enhancement only. The box is a form that opens the results page
     /zoeken/?zoek=... (/en/zoeken/); that works without JavaScript. This script adds
     suggestions as you type: the best chapter sections and examples, from the same
     index as the overview (ib-zoekindex.js), so the header finds what the
     overview finds ("huurachterstanden", "mantelzorg", typing errors).
   - Light until used: the index loads when the field gets focus, never on a page
     view (a first visit stays within its budget).
   - Accessible combobox (WAI-ARIA 1.2 pattern, "list autocomplete"): the field is
     the combobox, focus stays in it, arrow keys move the active option
     (aria-activedescendant), Enter opens it, Escape closes the list, and a live
     region says how many suggestions there are once typing pauses. "/" or "s"
     anywhere else on the page focuses the field.
   - No text here: every label comes from the form's data attributes (labels.py). */
(function () {
  "use strict";

  const ROOT = new URL("../../", document.currentScript.src);
  const MIN_LENGTH = 3; // shorter text matches nearly everything
  const SECTIONS = 3;
  const EXAMPLES = 5;
  const ANNOUNCE_DELAY_MS = 500;
  const LIST_ID = "ib-zoekvak-lijst";

  function start() {
    const form = document.querySelector("[data-ib-zoekvak]");
    if (!form || form.dataset.ibGestart) return;
    form.dataset.ibGestart = "ja";
    new Box(form).begin();
  }

  function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function editable(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  class Box {
    constructor(form) {
      this.form = form;
      this.input = form.querySelector("input[type=search]");
      this.panel = form.querySelector("[data-ib-zoekvak-paneel]");
      this.status = form.querySelector("[data-ib-zoekvak-status]");
      this.lang = form.dataset.ibTaal || document.documentElement.lang || "nl";
      this.loading = null;
      this.options = [];
      this.active = -1;
      this.run = 0;
      this.shown = 0; // number of the input whose suggestions are on screen
      this.announceTimer = 0;
    }

    label(key) {
      return this.form.dataset["ib" + key.replace(/(^|_)([a-z])/g, (_, __, c) => c.toUpperCase())] || "";
    }

    begin() {
      this.list = element("div", "ib-zoekvak__lijst");
      this.list.id = LIST_ID;
      this.list.setAttribute("role", "listbox");
      this.list.setAttribute("aria-label", this.label("box_suggestions"));
      this.panel.append(this.list);
      this.input.setAttribute("role", "combobox");
      this.input.setAttribute("aria-autocomplete", "list");
      this.input.setAttribute("aria-expanded", "false");
      this.input.setAttribute("aria-controls", LIST_ID);
      this.input.value = new URLSearchParams(location.search).get(this.input.name) || "";
      this.input.addEventListener("focus", () => this.load());
      this.input.addEventListener("input", () => this.suggest());
      this.input.addEventListener("keydown", (event) => this.key(event));
      this.form.addEventListener("submit", (event) => {
        if (this.active >= 0) {
          event.preventDefault();
          this.open(this.options[this.active]);
        }
      });
      this.list.addEventListener("mousedown", (event) => event.preventDefault()); // focus stays in the field
      this.list.addEventListener("click", (event) => {
        const option = event.target.closest("[role=option]");
        if (option) this.open(option);
      });
      document.addEventListener("click", (event) => {
        if (!this.form.contains(event.target)) this.close();
      });
      document.addEventListener("keydown", (event) => {
        if ((event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey && !editable(event.target)) {
          event.preventDefault();
          this.input.focus();
          this.input.select();
        }
      });
    }

    load() {
      if (!this.loading) {
        this.loading = window.ibZoekindex.open(ROOT, this.lang).catch((error) => {
          this.loading = null; // the form still opens the results page
          console.error(error);
          return null;
        });
      }
      return this.loading;
    }

    async suggest() {
      const run = ++this.run;
      performance.mark("ib-zoekvak-invoer", { detail: run });
      const text = this.input.value.trim();
      if (text.length < MIN_LENGTH) {
        this.close();
        this.announce("");
        performance.mark("ib-zoekvak-getoond", { detail: run }); // the box shows what this input asks: nothing
        return;
      }
      const index = await this.load();
      if (!index || run !== this.run) return;
      const found = await index.search(text, {});
      if (run !== this.run) return;
      const sections = found.sections.slice(0, SECTIONS);
      const examples = found.results.slice(0, EXAMPLES);
      const cards = await index.cards(sections.concat(examples));
      if (run !== this.run) return;
      this.show(text, cards);
      this.shown = run;
      performance.mark("ib-zoekvak-getoond", { detail: run });
    }

    // The suggestions: chapter sections, then examples, then "all results".
    show(text, cards) {
      const groups = [
        [this.label("search_chapters"), cards.filter((card) => card.section)],
        [this.label("box_examples"), cards.filter((card) => !card.section)],
      ];
      const nodes = [];
      this.options = [];
      groups.forEach(([name, items]) => {
        if (!items.length) return;
        const group = element("div", "ib-zoekvak__groep");
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", name);
        const title = element("div", "ib-zoekvak__groepnaam", name);
        title.setAttribute("aria-hidden", "true");
        group.append(title);
        items.forEach((card) => group.append(this.option(card.url, card.title, card.place, card.titleLang)));
        nodes.push(group);
      });
      const results = new URL(this.form.action);
      results.searchParams.set(this.input.name, text);
      const none = !cards.length;
      const all = this.option(results.pathname + results.search, (none ? this.label("box_none") : this.label("box_all")).replace("{q}", text), "", "");
      all.classList.add("ib-zoekvak__alle");
      nodes.push(all);
      this.list.replaceChildren(...nodes);
      this.active = -1;
      this.input.removeAttribute("aria-activedescendant");
      this.panel.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
      this.announce(none ? this.label("box_none").replace("{q}", text) : this.label("box_count").replace("{n}", String(cards.length)));
    }

    option(url, title, detail, lang) {
      const option = element("div", "ib-zoekvak__optie");
      option.id = "ib-zoekvak-optie-" + this.options.length;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.ibAdres = url;
      const name = element("span", "ib-zoekvak__titel", title);
      if (lang) name.lang = lang;
      option.append(name);
      if (detail) option.append(element("span", "ib-zoekvak__detail", detail));
      this.options.push(option);
      return option;
    }

    key(event) {
      const open = !this.panel.hidden && this.options.length > 0;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!open) {
          this.suggest();
          return;
        }
        const step = event.key === "ArrowDown" ? 1 : -1;
        const count = this.options.length;
        this.select(this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count);
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = "";
        }
      } else if (event.key === "Tab") {
        this.close();
      }
    }

    select(i) {
      this.options.forEach((option, k) => option.setAttribute("aria-selected", String(k === i)));
      this.active = i;
      const option = this.options[i];
      this.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    open(option) {
      location.href = option.dataset.ibAdres;
    }

    close() {
      this.panel.hidden = true;
      this.active = -1;
      this.input.setAttribute("aria-expanded", "false");
      this.input.removeAttribute("aria-activedescendant");
    }

    announce(text) {
      clearTimeout(this.announceTimer);
      this.announceTimer = setTimeout(() => {
        this.status.textContent = text;
      }, ANNOUNCE_DELAY_MS);
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else {
    start();
  }
})();
