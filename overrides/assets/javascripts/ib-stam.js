/* Words and word stems for the example search: the browser's copy of scripts/stemming.py.

   The index holds stems that Python made; what the reader types is stemmed here.
   Both must cut every word the same way, or a search silently misses, so this file
   mirrors scripts/stemming.py rule for rule and tests/test_stemming.py compares the
   two over every word of the collection. Change both together.
   - Dutch: Snowball's classic Dutch stemmer (dutch_porter.sbl, as snowballstemmer
     3.0.1 runs it), written out by hand.
   - English: Harman's S-stemmer (plural endings only).
   Exposes window.ibStam = { fold, words, stem, stems }. */
(function () {
  "use strict";

  const WORD = /[\p{L}\p{N}]+/gu;
  const MIN_WORD = 2;
  const VOWEL = new Set(["a", "e", "i", "o", "u", "y", "è"]);
  const ACCENT = { á: "a", ä: "a", é: "e", ë: "e", í: "i", ï: "i", ó: "o", ö: "o", ú: "u", ü: "u" };

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  }

  function words(text) {
    return (fold(text).match(WORD) || []).filter((w) => w.length >= MIN_WORD);
  }

  // --- Dutch (Snowball dutch_porter) ---------------------------------------------

  const isVowel = (c) => VOWEL.has(c);

  // Accents off; y at the start, y after a vowel and i between vowels become consonants (Y, I).
  function prelude(w) {
    for (let i = 0; i < w.length; i++) if (ACCENT[w[i]]) w[i] = ACCENT[w[i]];
    if (w[0] === "y") w[0] = "Y";
    let c = 0;
    for (;;) {
      while (c < w.length && !isVowel(w[c])) c++;
      if (c >= w.length) return;
      c++;
      if (w[c] === "i") {
        c++;
        if (c < w.length && isVowel(w[c])) w[c - 1] = "I";
      } else if (w[c] === "y") {
        w[c] = "Y";
        c++;
      }
    }
  }

  // R1 and R2: after the first (and second) non-vowel that follows a vowel; R1 starts at 3 or later.
  function regions(w) {
    const n = w.length;
    const r = { p1: n, p2: n };
    if (n < 3) return r;
    let c = 0;
    const past = (wantVowel) => {
      while (c < n && isVowel(w[c]) !== wantVowel) c++;
      if (c >= n) return false;
      c++;
      return true;
    };
    if (!past(true) || !past(false)) return r;
    r.p1 = Math.max(c, 3);
    if (!past(true) || !past(false)) return r;
    r.p2 = c;
    return r;
  }

  function dutchStem(word) {
    const w = Array.from(word);
    prelude(w);
    const { p1, p2 } = regions(w);
    let s = w.join("");
    const ends = (x) => s.endsWith(x);
    const charBefore = (suffix) => (s.length > suffix.length ? s[s.length - suffix.length - 1] : null);
    const nonVowelBefore = (suffix) => {
      const c = charBefore(suffix);
      return c !== null && !isVowel(c);
    };
    const cut = (n) => {
      s = s.slice(0, s.length - n);
    };
    const undouble = () => {
      if (ends("kk") || ends("dd") || ends("tt")) cut(1);
    };
    const start = (suffix) => s.length - suffix.length;
    // A valid en-ending: in R1, after a non-vowel, not after "gem".
    const enEnding = (suffix) => {
      if (start(suffix) < p1 || !nonVowelBefore(suffix)) return false;
      if (s.slice(0, start(suffix)).endsWith("gem")) return false;
      cut(suffix.length);
      undouble();
      return true;
    };
    let eFound = false;
    const eEnding = () => {
      eFound = false;
      if (!ends("e") || start("e") < p1 || !nonVowelBefore("e")) return false;
      cut(1);
      eFound = true;
      undouble();
      return true;
    };

    // Step 1: the longest of heden, ene, en, se, s
    const step1 = ["heden", "ene", "en", "se", "s"].find(ends);
    if (step1 === "heden") {
      if (start(step1) >= p1) s = s.slice(0, start(step1)) + "heid";
    } else if (step1 === "ene" || step1 === "en") {
      enEnding(step1);
    } else if (step1) {
      const before = charBefore(step1);
      if (start(step1) >= p1 && before !== null && !isVowel(before) && before !== "j") cut(step1.length);
    }
    // Step 2: e
    eEnding();
    // Step 3a: heid
    if (ends("heid") && start("heid") >= p2 && charBefore("heid") !== "c") {
      cut(4);
      if (ends("en")) enEnding("en");
    }
    // Step 3b: the longest of end, ing, ig, lijk, baar, bar
    const step3 = ["lijk", "baar", "end", "ing", "bar", "ig"].find(ends);
    if (step3 && start(step3) >= p2) {
      if (step3 === "end" || step3 === "ing") {
        cut(step3.length);
        if (ends("ig") && start("ig") >= p2 && charBefore("ig") !== "e") cut(2);
        else undouble();
      } else if (step3 === "ig") {
        if (charBefore("ig") !== "e") cut(2);
      } else if (step3 === "lijk") {
        cut(4);
        eEnding();
      } else if (step3 === "baar") {
        cut(4);
      } else if (step3 === "bar" && eFound) {
        cut(3);
      }
    }
    // Step 4: a double vowel before a final consonant loses one ("maan" -> "man")
    const n = s.length;
    if (
      n >= 4 &&
      !isVowel(s[n - 1]) &&
      s[n - 1] !== "I" &&
      ["aa", "ee", "oo", "uu"].includes(s.slice(n - 3, n - 1)) &&
      !isVowel(s[n - 4])
    ) {
      s = s.slice(0, n - 2) + s[n - 1];
    }
    return s.replace(/Y/g, "y").replace(/I/g, "i");
  }

  // --- English (Harman's S-stemmer) ------------------------------------------------

  function englishStem(word) {
    const n = word.length;
    if (n > 3 && word.endsWith("ies") && !word.endsWith("eies") && !word.endsWith("aies")) return word.slice(0, -3) + "y";
    if (n > 3 && word.endsWith("es") && !["aes", "ees", "oes"].some((e) => word.endsWith(e))) return word.slice(0, -1);
    if (n > 2 && word.endsWith("s") && !word.endsWith("us") && !word.endsWith("ss")) return word.slice(0, -1);
    return word;
  }

  const cache = new Map();

  function stem(word, lang) {
    const key = lang + ":" + word;
    let found = cache.get(key);
    if (found === undefined) {
      found = lang === "nl" ? dutchStem(word) : englishStem(word);
      if (cache.size > 5000) cache.clear();
      cache.set(key, found);
    }
    return found;
  }

  function stems(text, lang) {
    return words(text).map((w) => stem(w, lang));
  }

  window.ibStam = { fold: fold, words: words, stem: stem, stems: stems };
})();
