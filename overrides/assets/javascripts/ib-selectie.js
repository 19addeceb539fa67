/* Take a selection along: print it or download it (overview and results page).

   Why this file: a filtered overview is a real answer to a question ("debt
   examples in Brabant"), and readers want it on paper or in Excel. ib-zoeken.js
   calls it with the results of the current view:
   - describe(): the query, filters and sort in words, for the print line.
   - printList(): every selected example (not only the first page of results)
     under that line, each with its full address, in a list only paper shows.
   - download(): the selection as CSV or JSON. The rows are copied from the
     site's own open data (voorbeelden.csv / voorbeelden.json of the page's
     language), so the columns and the Excel conventions (byte-order mark, ";",
     " | ", the apostrophe before a formula-like cell) are exactly those of
     scripts/inspiratieboek/publish/opendata.py, never a second copy of them.
   No text here: labels come from the page (data attributes, labels.py). */
(function () {
  "use strict";

  const BOM = "\ufeff";

  // The query, filters and sort of a view in words: "Zoekwoord: ‘ouderen’ · Provincie: Utrecht of Zeeland".
  function describe(state, groups, sorter, labels) {
    const parts = [];
    if (state.typed) parts.push(labels.word + ": ‘" + state.typed + "’");
    groups.forEach((group) => {
      const values = state.filters[group.param];
      if (!values) return;
      const names = group.boxes.filter((box) => values.includes(box.value)).map((box) => box.dataset.ibNaam);
      parts.push(group.name + ": " + names.join(" " + labels.or + " "));
    });
    if (state.sort) parts.push(labels.sorted + ": " + sorter.options[sorter.selectedIndex].textContent);
    return parts.join(" · ");
  }

  // The print-only list: a line with the selection, then each example with its address.
  // `site`: the public address the page was built for (its print header), so paper
  // names the real site even when the page was opened from a copy.
  function printList(target, line, cards, site) {
    const heading = document.createElement("p");
    heading.className = "ib-afdruklijst__regel";
    heading.textContent = line;
    const list = document.createElement("ol");
    list.className = "ib-afdruklijst__lijst";
    cards.forEach((card) => {
      const item = document.createElement("li");
      const title = document.createElement("strong");
      title.textContent = card.title;
      if (card.titleLang) title.lang = card.titleLang;
      item.append(title);
      if (card.place) item.append(" – " + card.place);
      const address = document.createElement("span");
      address.className = "ib-afdruklijst__adres";
      address.textContent = new URL(card.url, site || location.href).href;
      item.append(document.createElement("br"), address);
      list.append(item);
    });
    target.replaceChildren(heading, list);
  }

  // Records of a CSV text (quoted fields may hold ";" and line breaks), each as its raw text.
  function csvRecords(text) {
    const records = [];
    let start = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && c === "\r" && text[i + 1] === "\n") {
        records.push(text.slice(start, i));
        start = i + 2;
        i += 1;
      }
    }
    if (start < text.length) records.push(text.slice(start));
    return records;
  }

  function save(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // The selection (example ids in result order) as CSV or JSON, from the open data of `base`.
  async function download(kind, base, ids, line) {
    const wanted = new Map(ids.map((id, i) => [id, i]));
    if (kind === "csv") {
      const response = await fetch(new URL("voorbeelden.csv", base));
      const text = (await response.text()).replace(/^\ufeff/, "");
      const [header, ...rows] = csvRecords(text);
      const chosen = rows
        .filter((row) => wanted.has(row.split(";", 1)[0]))
        .sort((a, b) => wanted.get(a.split(";", 1)[0]) - wanted.get(b.split(";", 1)[0]));
      save("voorbeelden-selectie.csv", "text/csv;charset=utf-8", BOM + [header, ...chosen].join("\r\n") + "\r\n");
      return chosen.length;
    }
    const response = await fetch(new URL("voorbeelden.json", base));
    const data = await response.json();
    const chosen = data.voorbeelden
      .filter((item) => wanted.has(item.id))
      .sort((a, b) => wanted.get(a.id) - wanted.get(b.id));
    const selection = Object.assign({}, data, { selectie: line, adres: location.href, aantal: chosen.length, voorbeelden: chosen });
    save("voorbeelden-selectie.json", "application/json", JSON.stringify(selection, null, 2) + "\n");
    return chosen.length;
  }

  window.ibSelectie = { describe: describe, printList: printList, download: download, csvRecords: csvRecords };
})();
