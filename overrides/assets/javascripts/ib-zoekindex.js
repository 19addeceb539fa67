/* The book's search index in the browser: loads what scripts/inspiratieboek/search/zoekindex.py
   wrote (examples and chapter sections of one language) and answers a search with
   arithmetic on data it already holds. Used by the header box on every page
   (ib-zoekvak.js), the results page /zoeken/ and the example overview (ib-zoeken.js).

   Why so: a keystroke must show results within 50 ms, also with 5,000 examples.
   - Entries: examples first (numbers 0 .. examples-1), then chapter sections.
     Filters are bitsets over the examples (bit i = example i), so combining them
     and counting every filter value is a few thousand word operations.
   - Words: the reader's words are stemmed like the index (ib-stam.js). The term file
     for a word's first two letters is fetched once and kept. The last word also
     matches as the start of a longer word, because the reader may still be typing
     it ("hou" finds "housing").
   - Several words: entries with every word come first, then those with some of
     them (most words first); each result knows which words it has. A word that
     stands in most entries ("in", "de") ranks but never makes a match on its own.
   - Ranking: weight by where the word stands (title, summary and facts, text; set
     by zoekindex.py) times how rare it is; ties keep title order.
   - Cards (title, place, summary) come in files of 50 entries, fetched only for
     the results on screen: the reader never downloads every record.
   - Typing errors: a word of five letters or more that matches nothing also finds
     the stems one edit away (two from eight letters; a swap of two neighbouring
     letters is one edit), at a lower weight, in the same term file: the first two
     letters must be right. The search says which words it replaced this way.
   - Nothing found: near() offers the nearest words of the collection, as written.
   Exposes window.ibZoekindex.open(siteRoot, lang) -> Promise<Index>. */
(function () {
  "use strict";

  // The index files' shape (FORMAT_VERSION in zoekindex.py, which describes it): an
  // index of another version is refused, and the page stays as it was without search.
  const FORMAT_VERSION = 2;
  const PREFIX_MIN = 3; // a shorter last word only matches whole
  const PREFIX_FACTOR = 0.6; // "hou" counts less for "housing" than "housing" itself
  const CLOSE_MIN = 5; // a shorter word is too easily one letter away from another word
  const CLOSE_FACTOR = 0.4; // "scimmel" counts less for "schimmel" than "schimmel" itself
  const COMMON = 0.4; // a word in more than this share of the entries never makes a match alone
  const NEAR_MAX = 5; // nearest words offered when nothing is found

  function fetchJson(url) {
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function decodeBits(text, words) {
    const bytes = new Uint8Array(words * 4);
    const raw = atob(text);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return new Uint32Array(bytes.buffer);
  }

  function popcount(x) {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }

  function countAnd(a, b) {
    let n = 0;
    for (let i = 0; i < a.length; i++) n += popcount(a[i] & b[i]);
    return n;
  }

  function andInto(target, other) {
    for (let i = 0; i < target.length; i++) target[i] &= other[i];
    return target;
  }

  // Edit distance of a and b (a swap of two neighbouring letters counts as one edit),
  // or max + 1 as soon as it must be larger: most stems are rejected after a few letters.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let least = i;
      for (let j = 1; j <= b.length; j++) {
        let cost = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
        row.push(cost);
        if (cost < least) least = cost;
      }
      if (least > max) return max + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // First index in a sorted list whose value is >= key.
  function lowerBound(list, key) {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  class Index {
    static async open(siteRoot, lang) {
      const base = new URL("zoekindex/" + lang + "/", siteRoot);
      const meta = await fetchJson(new URL("index.json", base));
      if (meta.versie !== FORMAT_VERSION) {
        throw new Error(`zoekindex/${lang}/index.json: versie ${meta.versie}, dit script leest versie ${FORMAT_VERSION}`);
      }
      return new Index(siteRoot, base, meta, lang);
    }

    constructor(siteRoot, base, meta, lang) {
      this.siteRoot = siteRoot;
      this.base = base;
      this.lang = lang;
      this.examples = meta.aantal;
      this.sections = meta.hoofdstukken || 0;
      this.size = this.examples + this.sections;
      this.words32 = Math.ceil(this.size / 32);
      this.all = new Uint32Array(this.words32);
      for (let i = 0; i < this.examples; i++) this.all[i >>> 5] |= 1 << (i & 31);
      this.filters = {};
      Object.entries(meta.filters).forEach(([param, values]) => {
        this.filters[param] = {};
        Object.entries(values).forEach(([value, bits]) => {
          this.filters[param][value] = decodeBits(bits, this.words32);
        });
      });
      this.termParts = meta.termen;
      this.cardFiles = meta.kaarten;
      this.orderFile = meta.volgorde;
      this.perCardFile = meta.kaarten_per_bestand;
      this.loaded = new Map(); // file name -> Promise of its JSON
    }

    load(name) {
      if (!this.loaded.has(name)) {
        const promise = fetchJson(new URL(name, this.base));
        promise.catch(() => this.loaded.delete(name));
        this.loaded.set(name, promise);
      }
      return this.loaded.get(name);
    }

    termFile(word) {
      const key = word.slice(0, 2);
      let found = null;
      for (const [start, name] of this.termParts) {
        if (start <= key) found = name;
        else break;
      }
      return found;
    }

    // The reader's words, stemmed; the last one may still be half typed.
    parse(text) {
      const words = Array.from(new Set(window.ibStam.words(text)));
      return words.map((word, i) => ({
        word: word,
        stem: window.ibStam.stem(word, this.lang),
        prefix: i === words.length - 1 && word.length >= PREFIX_MIN,
      }));
    }

    // Fetch the term files a search for `text` needs (while the reader types on).
    preload(text) {
      this.parse(text).forEach((q) => {
        const name = this.termFile(q.stem);
        if (name) this.load(name);
      });
    }

    // Counts of every filter value over all examples.
    totals() {
      return this.counts(this.all, {});
    }

    // Counts of each value of each filter, given the words' matches and the other
    // filters' choices: what picking that value would give.
    counts(matching, chosen) {
      const counts = {};
      Object.entries(this.filters).forEach(([param, values]) => {
        const base = matching.slice();
        Object.entries(chosen).forEach(([other, otherValues]) => {
          if (other !== param) andInto(base, this.anyOf(other, otherValues));
        });
        counts[param] = {};
        Object.entries(values).forEach(([value, bits]) => {
          counts[param][value] = countAnd(base, bits);
        });
      });
      return counts;
    }

    // Scores of every example for one word (0 = no match), the stems it matched, and
    // whether those are only close to the word (a typing error).
    async score(q) {
      const scores = new Float32Array(this.size);
      const matched = [];
      const name = this.termFile(q.stem);
      if (!name) return { scores: scores, matched: matched, close: false, common: false };
      const part = await this.load(name);
      let most = 0; // entries of the most frequent stem matched
      const add = (i, factor) => {
        const list = part.lijsten[i];
        most = Math.max(most, list.length / 2);
        const idf = Math.log(1 + this.size / (list.length / 2));
        let number = 0;
        for (let k = 0; k < list.length; k += 2) {
          number += list[k];
          const value = list[k + 1] * idf * factor;
          if (value > scores[number]) scores[number] = value;
        }
        matched.push(part.stammen[i]);
      };
      const stems = part.stammen;
      const exact = lowerBound(stems, q.stem);
      if (stems[exact] === q.stem) add(exact, 1);
      if (q.prefix) {
        // Longer stems that start with the stem or with the word as typed
        const starts = q.stem === q.word ? [q.stem] : [q.stem, q.word];
        const seen = new Set([q.stem]);
        starts.forEach((start) => {
          for (let i = lowerBound(stems, start); i < stems.length && stems[i].startsWith(start); i++) {
            if (!seen.has(stems[i])) {
              seen.add(stems[i]);
              add(i, PREFIX_FACTOR);
            }
          }
        });
      }
      const common = most > COMMON * this.size;
      if (matched.length || q.word.length < CLOSE_MIN) return { scores: scores, matched: matched, close: false, common: common };
      const max = q.stem.length >= 8 ? 2 : 1;
      for (let i = 0; i < stems.length; i++) {
        if (distance(q.stem, stems[i], max) <= max) add(i, CLOSE_FACTOR);
      }
      return { scores: scores, matched: matched, close: matched.length > 0, common: false };
    }

    // Words of the collection (as written) nearest to what the reader typed, for a
    // search that found nothing: up to two edits away, or starting with the same
    // three letters; the most used first.
    async near(text) {
      const found = new Map();
      for (const q of this.parse(text)) {
        const name = this.termFile(q.stem);
        if (!name || q.word.length < PREFIX_MIN) continue;
        const part = await this.load(name);
        const max = q.word.length >= 8 ? 2 : q.word.length >= 4 ? 2 : 1;
        part.stammen.forEach((stem, i) => {
          const shown = part.woorden[i] || stem;
          if (stem === q.stem || shown === q.word) return;
          const close = distance(q.word, shown, max) <= max || distance(q.stem, stem, max) <= max;
          if (close || shown.startsWith(q.word.slice(0, 4))) {
            const uses = part.lijsten[i].length / 2 + (close ? this.size : 0);
            if (!found.has(shown) || found.get(shown) < uses) found.set(shown, uses);
          }
        });
      }
      return Array.from(found.entries())
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, NEAR_MAX)
        .map((entry) => entry[0]);
    }

    // Search: `text` (may be empty) and `chosen` filters ({param: [values]}: any value
    // of a filter, every filter). Returns {
    //   results: example numbers in order (every word first, then some words),
    //   complete: how many of those have every word,
    //   sections: chapter section numbers in order (filters do not apply),
    //   counts: per filter value, what choosing it would give,
    //   matched: stems that matched, close: the reader's words found only through a
    //   close word, words: the reader's words, has(n): which of them entry n has }.
    async search(text, chosen) {
      const queries = this.parse(text);
      const perWord = await Promise.all(queries.map((q) => this.score(q)));
      const hits = new Uint8Array(this.size); // how many of the words each entry has
      const total = new Float32Array(this.size);
      const strong = new Uint8Array(this.size); // has a word that is not in most entries
      // Words in most entries ("in", "de") add to the score but count as no match.
      const allCommon = perWord.every((word) => word.common);
      const counted = perWord.map((word) => !word.common || allCommon);
      const wanted = counted.filter(Boolean).length;
      perWord.forEach((word, w) => {
        for (let i = 0; i < this.size; i++) {
          if (word.scores[i] > 0) {
            total[i] += word.scores[i];
            if (counted[w]) {
              hits[i] += 1;
              strong[i] = 1;
            }
          }
        }
      });
      const matching = new Uint32Array(this.words32);
      if (!queries.length) matching.set(this.all);
      else for (let i = 0; i < this.size; i++) if (strong[i]) matching[i >>> 5] |= 1 << (i & 31);
      const selected = matching.slice();
      andInto(selected, this.all);
      Object.entries(chosen).forEach(([param, values]) => andInto(selected, this.anyOf(param, values)));
      const results = [];
      const sections = [];
      for (let w = 0; w < this.words32; w++) {
        let bits = selected[w];
        while (bits) {
          const low = bits & -bits;
          results.push(w * 32 + 31 - Math.clz32(low));
          bits ^= low;
        }
      }
      if (queries.length) for (let i = this.examples; i < this.size; i++) if (strong[i]) sections.push(i);
      const order = (a, b) => hits[b] - hits[a] || total[b] - total[a] || a - b;
      if (queries.length) {
        results.sort(order);
        sections.sort(order);
      }
      const words = queries.map((q) => q.word).filter((_, w) => counted[w]);
      const scored = perWord.filter((_, w) => counted[w]);
      return {
        results: results,
        complete: queries.length ? results.filter((n) => hits[n] === wanted).length : results.length,
        sections: sections,
        counts: this.counts(andInto(matching, this.all), chosen),
        matched: new Set(perWord.flatMap((word) => word.matched)),
        close: queries.filter((q, i) => perWord[i].close).map((q) => q.word),
        words: words,
        has: (n) => words.filter((_, i) => scored[i].scores[n] > 0),
      };
    }

    // Examples with any of the given values of one filter.
    anyOf(param, values) {
      const bits = new Uint32Array(this.words32);
      values.forEach((value) => {
        const more = (this.filters[param] || {})[value];
        if (more) for (let i = 0; i < bits.length; i++) bits[i] |= more[i];
      });
      return bits;
    }

    // Position of each example in a sort order ("nieuwste", "plaats"; zoekindex.py
    // SORTS), from a file fetched on first use: rank[example number].
    async ranks(name) {
      const orders = await this.load(this.orderFile);
      const rank = new Int32Array(this.examples);
      (orders[name] || []).forEach((n, position) => {
        rank[n] = position;
      });
      return rank;
    }

    // Cards of the given entries, in the same order: {url, title, place, summary,
    // titleLang, summaryLang, section}. For a chapter section `place` is the chapter's title.
    async cards(numbers) {
      const files = numbers.map((n) => this.cardFiles[Math.floor(n / this.perCardFile)]);
      const loaded = await Promise.all(files.map((name) => this.load(name)));
      return numbers.map((n, i) => {
        const row = loaded[i][n % this.perCardFile];
        return {
          url: new URL(row[0], this.siteRoot).pathname,
          title: row[1],
          place: row[2],
          summary: row[3],
          titleLang: row[4],
          summaryLang: row[5],
          section: n >= this.examples,
        };
      });
    }
  }

  window.ibZoekindex = { open: Index.open };
})();
