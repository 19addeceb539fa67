/* Afsprakenmaker (/afsprakenmaker/): tick agreements, filter them, and take the
 * draft agenda along as paper, a Word file or plain text.
 *
 * The page already holds every agreement as a checklist (written by
 * scripts/inspiratieboek/site/afsprakenmaker.py) and the same data as JSON in
 * #ib-afspraken-gegevens. This script only adds behaviour:
 * - the choice lives in the address, ?afspraken=id1,id2 (same ids in nl and en),
 *   so a shared link or a reload shows the same agenda; ?factor= and ?partij=
 *   keep the filters;
 * - the agenda groups the chosen agreements by factor and by party, with
 *   indicators and precedents (title, year, full source address);
 * - on paper (print CSS, html.ib-afspraken-gekozen) only the agenda prints, with
 *   the page's own address;
 * - the .docx is made here, with the vendored docx library (vendor/docx/), loaded
 *   from this site only when asked for.
 */
(function () {
  "use strict";

  const root = document.querySelector("[data-ib-afsprakenmaker]");
  const dataNode = document.getElementById("ib-afspraken-gegevens");
  if (!root || !dataNode) return;
  const script = document.currentScript;
  const DOCX_URL = new URL("vendor/docx/docx.iife.js", script ? script.src : location.href).href;

  const data = JSON.parse(dataNode.textContent);
  const t = data.labels;
  const byId = {};
  data.afspraken.forEach(function (a) { byId[a.id] = a; });
  const order = data.afspraken.map(function (a) { return a.id; });
  const boxes = Array.prototype.slice.call(root.querySelectorAll(".ib-afspraak__vink"));
  const items = Array.prototype.slice.call(root.querySelectorAll("[data-ib-afspraak]"));
  const sections = Array.prototype.slice.call(root.querySelectorAll("[data-ib-factor]"));
  const filters = root.querySelector(".ib-afspraken__filters");
  const factorSelect = root.querySelector('[data-ib-filter="factor"]');
  const partySelect = root.querySelector('[data-ib-filter="partij"]');
  const counter = root.querySelector("[data-ib-teller]");
  const agenda = root.querySelector("[data-ib-agenda]");
  const empty = root.querySelector("[data-ib-agenda-leeg]");
  const full = root.querySelector("[data-ib-agenda-vol]");
  const content = root.querySelector("[data-ib-agenda-inhoud]");
  const address = root.querySelector("[data-ib-adres]");
  const notice = root.querySelector("[data-ib-melding]");

  /* --- State in the address ------------------------------------------------ */

  function readList(params, name, allowed) {
    return (params.get(name) || "").split(",").filter(function (v) { return allowed(v); });
  }

  function chosen() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; })
      .sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
  }

  function shareUrl() {
    const params = new URLSearchParams();
    const ids = chosen();
    if (ids.length) params.set("afspraken", ids.join(","));
    if (factorSelect.value) params.set("factor", factorSelect.value);
    if (partySelect.value) params.set("partij", partySelect.value);
    const query = params.toString().replace(/%2C/g, ",");
    return location.origin + location.pathname + (query ? "?" + query : "");
  }

  /* The agenda's address on paper, in the .docx and in the text: the page's public
     address (the print header's, from scripts/paper.py, as ib-zoeken.js does), so
     a draft printed from a test copy still leads to the public site. */
  const printLine = document.querySelector(".ib-afdrukkop__regel");
  const printText = printLine ? printLine.textContent : "";
  const publicPage = printText.split(" · ")[0].replace(/\?.*$/, "") || location.origin + location.pathname;

  function agendaUrl() {
    const ids = chosen();
    return publicPage + (ids.length ? "?afspraken=" + ids.join(",") : "");
  }

  function restore() {
    const params = new URLSearchParams(location.search);
    const ids = readList(params, "afspraken", function (v) { return v in byId; });
    boxes.forEach(function (b) { b.checked = ids.indexOf(b.value) >= 0; });
    const factor = params.get("factor") || "";
    const party = params.get("partij") || "";
    factorSelect.value = data.factoren.some(function (f) { return f.slug === factor; }) ? factor : "";
    partySelect.value = data.partijen.some(function (p) { return p.slug === party; }) ? party : "";
  }

  /* --- Filters ------------------------------------------------------------- */

  function applyFilters() {
    const factor = factorSelect.value;
    const party = partySelect.value;
    let shown = 0;
    items.forEach(function (item) {
      const ok = (!factor || item.dataset.factoren.split(" ").indexOf(factor) >= 0) &&
        (!party || item.dataset.partijen.split(" ").indexOf(party) >= 0);
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("[data-ib-afspraak]:not([hidden])");
    });
    counter.textContent = t.shown.replace("{shown}", shown).replace("{total}", items.length)
      .replace("{chosen}", chosen().length);
  }

  /* --- The agenda: one model, four outputs (screen/print, docx, text) ------ */

  function model() {
    const ids = chosen();
    const list = ids.map(function (id) { return byId[id]; });
    const byFactor = data.factoren.map(function (f) {
      return { naam: f.naam, afspraken: list.filter(function (a) { return a.factoren[0] === f.slug; }) };
    }).filter(function (g) { return g.afspraken.length; });
    const byParty = data.partijen.map(function (p) {
      return { naam: p.naam, afspraken: list.filter(function (a) { return a.partijen.indexOf(p.slug) >= 0; }) };
    }).filter(function (g) { return g.afspraken.length; });
    const sources = [];
    const seen = {};
    list.forEach(function (a) {
      a.voorbeelden.forEach(function (v) {
        if (!seen[v.id]) { seen[v.id] = true; sources.push(v); }
      });
    });
    return { list: list, byFactor: byFactor, byParty: byParty, sources: sources, url: agendaUrl() };
  }

  function precedentText(v) {
    return v.titel + (v.jaar ? " (" + v.jaar + ")" : "") + ", " + (v.afspraak ? t.precedent : t.practice) +
      (v.bron_url ? ": " + v.bron_url : "");
  }

  function el(name, attrs, children) {
    const node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function link(url, text, cls) {
    return el("a", cls ? { href: url, class: cls } : { href: url }, [text || url]);
  }

  function renderAgenda(m) {
    content.textContent = "";
    content.appendChild(el("h3", {}, [t.by_factor]));
    m.byFactor.forEach(function (g) {
      content.appendChild(el("h4", {}, [g.naam]));
      const rows = g.afspraken.map(function (a) {
        const examples = el("ul", {}, a.voorbeelden.map(function (v) {
          return el("li", {}, [
            v.titel + (v.jaar ? " (" + v.jaar + ")" : "") + ", " + (v.afspraak ? t.precedent : t.practice),
            el("br"), v.bron_url ? link(v.bron_url, v.bron_url, "ib-agenda__url") : "",
          ]);
        }));
        return el("tr", { "data-ib-agenda-afspraak": a.id }, [
          el("td", { "data-ib-kop": t.agreement }, [a.tekst]),
          el("td", { "data-ib-kop": t.who }, [a.partij_namen.join(", ") + " (" + a.soort_naam.toLowerCase() + ")"]),
          el("td", { "data-ib-kop": t.indicator }, [a.indicator + " " + t.indicator_source + ": " + a.bron_indicator]),
          el("td", { "data-ib-kop": t.examples }, [examples]),
        ]);
      });
      const head = el("tr", {}, [t.agreement, t.who, t.indicator, t.examples].map(function (h) {
        return el("th", { scope: "col" }, [h]);
      }));
      content.appendChild(el("div", { class: "ib-agenda__tabel" }, [
        el("table", {}, [el("thead", {}, [head]), el("tbody", {}, rows)]),
      ]));
    });
    content.appendChild(el("h3", {}, [t.by_party]));
    m.byParty.forEach(function (g) {
      content.appendChild(el("h4", {}, [g.naam]));
      content.appendChild(el("ul", {}, g.afspraken.map(function (a) { return el("li", {}, [a.tekst]); })));
    });
    content.appendChild(el("h3", {}, [t.sources]));
    content.appendChild(el("ul", { class: "ib-agenda__bronnen" }, m.sources.map(function (v) {
      return el("li", {}, [v.titel + (v.jaar ? " (" + v.jaar + ")" : "") + ": ",
        v.bron_url ? link(v.bron_url, v.bron_url, "ib-agenda__url") : ""]);
    })));
  }

  function plainText(m) {
    const lines = [t.agenda, t.agenda_link + ": " + m.url, ""];
    lines.push(t.by_factor.toUpperCase());
    m.byFactor.forEach(function (g) {
      lines.push("", g.naam);
      g.afspraken.forEach(function (a) {
        lines.push("[ ] " + a.tekst);
        lines.push("    " + t.who + ": " + a.partij_namen.join(", ") + " (" + a.soort_naam.toLowerCase() + ")");
        lines.push("    " + t.indicator + ": " + a.indicator + " " + t.indicator_source + ": " + a.bron_indicator);
        a.voorbeelden.forEach(function (v) { lines.push("    - " + precedentText(v)); });
      });
    });
    lines.push("", t.by_party.toUpperCase());
    m.byParty.forEach(function (g) {
      lines.push("", g.naam);
      g.afspraken.forEach(function (a) { lines.push("- " + a.tekst); });
    });
    lines.push("", t.made_with + " " + t.book + ".");
    return lines.join("\n");
  }

  /* The language menu opens the same choice in the other language (same ids), as on the overview. */
  function keepInOtherLanguage() {
    document.querySelectorAll("a[hreflang].md-select__link").forEach(function (a) {
      const target = new URL(a.href, location.href);
      target.search = location.search;
      a.href = target.pathname + target.search;
    });
  }

  /* --- Update everything after a change ------------------------------------ */

  function update(push) {
    const ids = chosen();
    const url = shareUrl();
    if (url !== location.href) history[push ? "pushState" : "replaceState"](null, "", url);
    applyFilters();
    keepInOtherLanguage();
    agenda.hidden = false;
    empty.hidden = ids.length > 0;
    full.hidden = ids.length === 0;
    document.documentElement.classList.toggle("ib-afspraken-gekozen", ids.length > 0);
    const m = model();
    if (printLine) printLine.textContent = [m.url].concat(printText.split(" · ").slice(1)).join(" · ");
    address.href = m.url;
    address.textContent = m.url;
    renderAgenda(m);
  }

  function say(text) {
    notice.textContent = "";
    window.setTimeout(function () { notice.textContent = text; }, 50);
  }

  /* --- Word (.docx), made in the browser ----------------------------------- */

  let docxLoading = null;
  function loadDocx() {
    if (window.docx) return Promise.resolve(window.docx);
    if (!docxLoading) {
      docxLoading = new Promise(function (resolve, reject) {
        const tag = document.createElement("script");
        tag.src = DOCX_URL;
        tag.onload = function () { resolve(window.docx); };
        tag.onerror = function () { docxLoading = null; reject(new Error("docx")); };
        document.head.appendChild(tag);
      });
    }
    return docxLoading;
  }

  function docxDocument(d, m) {
    const H = d.HeadingLevel;
    function p(text, options) { return new d.Paragraph(Object.assign({ children: [new d.TextRun(text)] }, options || {})); }
    function h(text, level) { return new d.Paragraph({ text: text, heading: level }); }
    function cell(paragraphs, header) {
      return new d.TableCell({
        children: paragraphs.map(function (x) {
          return typeof x === "string" ? new d.Paragraph({ children: [new d.TextRun({ text: x, bold: !!header })] }) : x;
        }),
      });
    }
    function url(u) {
      return new d.Paragraph({ children: [new d.ExternalHyperlink({ link: u, children: [new d.TextRun({ text: u, style: "Hyperlink" })] })] });
    }
    const children = [h(t.agenda, H.TITLE), new d.Paragraph({ children: [new d.TextRun(t.agenda_link + ": "), new d.ExternalHyperlink({ link: m.url, children: [new d.TextRun({ text: m.url, style: "Hyperlink" })] })] })];
    children.push(h(t.by_factor, H.HEADING_1));
    m.byFactor.forEach(function (g) {
      children.push(h(g.naam, H.HEADING_2));
      const rows = [new d.TableRow({ tableHeader: true, children: [t.agreement, t.who, t.indicator, t.examples].map(function (x) { return cell([x], true); }) })];
      g.afspraken.forEach(function (a) {
        rows.push(new d.TableRow({ children: [
          cell([a.tekst]),
          cell([a.partij_namen.join(", ") + " (" + a.soort_naam.toLowerCase() + ")"]),
          cell([a.indicator + " " + t.indicator_source + ": " + a.bron_indicator]),
          cell(a.voorbeelden.map(function (v) { return precedentText(v); })),
        ] }));
      });
      children.push(new d.Table({ rows: rows, width: { size: 100, type: d.WidthType.PERCENTAGE } }));
    });
    children.push(h(t.by_party, H.HEADING_1));
    m.byParty.forEach(function (g) {
      children.push(h(g.naam, H.HEADING_2));
      g.afspraken.forEach(function (a) { children.push(p(a.tekst, { bullet: { level: 0 } })); });
    });
    children.push(h(t.sources, H.HEADING_1));
    m.sources.forEach(function (v) {
      children.push(p(v.titel + (v.jaar ? " (" + v.jaar + ")" : "")));
      if (v.bron_url) children.push(url(v.bron_url));
    });
    children.push(p(t.made_with + " " + t.book + "."));
    return new d.Document({
      creator: t.book,
      title: t.agenda,
      language: data.taal === "en" ? "en-GB" : "nl-NL",
      sections: [{ children: children }],
    });
  }

  function downloadDocx() {
    const m = model();
    loadDocx().then(function (d) {
      return d.Packer.toBlob(docxDocument(d, m));
    }).then(function (blob) {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = t.filename + ".docx";
      document.body.appendChild(a);
      a.click();
      window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }).catch(function () { say(t.docx_failed); });
  }

  /* --- Copy as text ---------------------------------------------------------- */

  function copyText() {
    const text = plainText(model());
    const done = function () { say(t.copied); };
    const fallback = function () {
      const area = el("textarea", { class: "ib-afspraken__kopie", "aria-hidden": "true" }, [text]);
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      say(ok ? t.copied : t.copy_failed);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  /* --- Wiring ---------------------------------------------------------------- */

  restore();
  filters.hidden = false;
  boxes.forEach(function (b) { b.addEventListener("change", function () { update(true); }); });
  [factorSelect, partySelect].forEach(function (s) { s.addEventListener("change", function () { update(true); }); });
  window.addEventListener("popstate", function () { restore(); update(false); });
  root.querySelector('[data-ib-actie="print"]').addEventListener("click", function () { window.print(); });
  root.querySelector('[data-ib-actie="docx"]').addEventListener("click", downloadDocx);
  root.querySelector('[data-ib-actie="tekst"]').addEventListener("click", copyText);
  root.querySelector('[data-ib-actie="wissen"]').addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = false; });
    update(true);
  });
  window.ibAfspraken = { tekst: function () { return plainText(model()); } };
  update(false);
})();
