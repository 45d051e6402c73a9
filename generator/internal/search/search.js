// pinzhi's search page: finds every page that shows the query, as typed,
// Chinese included, from the index files pinzhi writes (see index.go).
// It loads nothing until the reader searches.
(() => {
  "use strict";

  // fold mirrors Fold in fold.go: full-width ASCII as ASCII, the
  // ideographic space as a space, lower case where it is one character.
  const fold = (ch) => {
    const c = ch.codePointAt(0);
    if (c >= 0xff01 && c <= 0xff5e) ch = String.fromCodePoint(c - 0xfee0);
    if (c === 0x3000) return " ";
    if (c === 0x130) return ch;
    const l = ch.toLowerCase();
    return l.length === ch.length ? l : ch;
  };
  // isSeparator mirrors IsSeparator: Go's unicode.IsSpace and U+FEFF.
  const isSeparator = (ch) => /^[\s\u0085]$/u.test(ch);
  // foldText folds every character of s. Lowering the whole string at once
  // is many times faster and the same, but for İ (whose lower case is two
  // characters) and Σ (lowered as ς at the end of a word).
  const foldText = (s) => {
    if (/[\u0130\u03a3]/.test(s)) return Array.from(s, fold).join("");
    return s.replace(/[\uff01-\uff5e\u3000]/g, fold).toLowerCase();
  };

  // words are the folded query's words: whitespace separates them.
  const words = (q) => {
    const out = [];
    let w = "";
    for (const ch of q) {
      if (isSeparator(ch)) {
        if (w) out.push(w);
        w = "";
      } else w += fold(ch);
    }
    if (w) out.push(w);
    return [...new Set(out)];
  };

  // grams of a word: itself when it is one character, else pairs of
  // adjacent characters that cover it (外来, 务工, 人员 for 外来务工人员),
  // all of which a text holding it holds. The pairs between them would
  // narrow the candidates little and cost a file each; texts are checked
  // for the whole word anyway.
  const grams = (word) => {
    const cs = Array.from(word);
    if (cs.length === 1) return cs;
    const out = [];
    for (let i = 0; i + 1 < cs.length; i += 2) out.push(cs[i] + cs[i + 1]);
    if (cs.length % 2) out.push(cs[cs.length - 2] + cs[cs.length - 1]);
    return out;
  };
  const HEAD = "\u0001";

  // hash mirrors gram.hash: FNV-1a over the code points.
  const hash = (g) => {
    let h = 2166136261;
    for (const ch of g) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h >>> 0;
  };

  const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const VALUE = new Int8Array(128).fill(-1);
  for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i;
  // numbers decodes the base-64 numbers of posting.appendIDs and of the
  // manifest's districts.
  const numbers = (s) => {
    const out = [];
    let n = 0, shift = 0;
    for (let i = 0; i < s.length; i++) {
      const v = VALUE[s.charCodeAt(i)];
      n += (v & 31) * 2 ** shift;
      if (v & 32) shift += 5;
      else {
        out.push(n);
        n = 0;
        shift = 0;
      }
    }
    return out;
  };
  // bitset decodes a posting into a set of document ids, a bit each:
  // intersecting sets of every document of a large site is then a few
  // hundred ANDs, not a walk through thousands of numbers.
  const bitset = (s, docs) => {
    const set = new Uint32Array(Math.ceil(docs / 32));
    const add = (id) => (set[id >>> 5] |= 1 << (id & 31));
    if (s[0] === "~") {
      // A dense posting: a bitmap, six documents a digit, lowest first.
      for (let i = 1; i < s.length; i++) {
        const v = VALUE[s.charCodeAt(i)];
        for (let bit = 0; bit < 6; bit++) if (v & (1 << bit)) add(6 * (i - 1) + bit);
      }
      return set;
    }
    let next = 0;
    for (const gap of numbers(s)) {
      next += gap;
      add(next);
      next++;
    }
    return set;
  };
  // members lists a set's ids, ascending.
  const members = (set) => {
    const out = [];
    for (let w = 0; w < set.length; w++) {
      for (let bits = set[w]; bits; bits &= bits - 1) out.push(32 * w + 31 - Math.clz32(bits & -bits));
    }
    return out;
  };

  class Index {
    // url is the manifest's address; inline its content, when the page
    // carries it.
    constructor(url, inline) {
      this.url = new URL(url, location.href);
      this.inline = inline;
      this.site = new URL("../../", this.url);
      this.files = new Map();
      this.postings = new Map();
    }
    load(name) {
      const url = new URL(name, this.url).href;
      if (!this.files.has(url)) {
        const p = fetch(url).then((r) => {
          if (!r.ok) throw new Error(`${url}: ${r.status}`);
          return r.json();
        });
        p.catch(() => this.files.delete(url)); // a failed load is tried again by the next query
        this.files.set(url, p);
      }
      return this.files.get(url);
    }
    async manifest() {
      if (!this.m) this.m = this.inline ? JSON.parse(this.inline) : await this.load(this.url.href);
      return this.m;
    }
    // districts returns each document's district, -1 for none.
    async districts() {
      const m = await this.manifest();
      if (!this.district) this.district = numbers(await this.load(m.district)).map((n) => n - 1);
      return this.district;
    }
    // posting returns the set of documents holding gram. A head gram
    // (marked) sits in the same shard as the unmarked one.
    posting(gram) {
      if (!this.postings.has(gram)) {
        const p = this.manifest().then(async (m) => {
          const shard = await this.load(m.shards[hash(gram.replace(HEAD, "")) % m.shards.length]);
          return bitset(shard[gram] || "", m.docs);
        });
        p.catch(() => this.postings.delete(gram));
        this.postings.set(gram, p);
      }
      return this.postings.get(gram);
    }
    async doc(id) {
      const m = await this.manifest();
      const block = await this.load(m.blocks[Math.floor(id / m.block)]);
      const [path, head, body, district, label] = block[id % m.block];
      return { id, path, head, body, district, label, text: foldText(head + "\n" + body), headText: foldText(head) };
    }
    // candidates returns the set of documents holding every gram of every
    // word (marked with mark): all of them hold the words, when no word is
    // longer than two characters.
    async candidates(ws, mark) {
      const sets = await Promise.all(ws.flatMap(grams).map((g) => this.posting(mark + g)));
      const docs = sets[0].slice();
      for (const set of sets.slice(1)) for (let w = 0; w < docs.length; w++) docs[w] &= set[w];
      return docs;
    }
  }

  // search returns the matching documents, ranked: those whose title or
  // leader holds every word first, then the others, each in reading order.
  // exact says whether count is the number of matches or an upper bound.
  const PAGE = 20;
  const VERIFY_BLOCKS = 8;
  async function search(index, q, districtSlug) {
    const ws = words(q);
    if (!ws.length) return { words: ws, ranked: [], count: 0, exact: true };
    const m = await index.manifest();
    // Load every file the query needs at once, not one after another.
    const all = ws.flatMap(grams);
    const d = m.districts.findIndex(([slug]) => slug === districtSlug);
    const loads = all.flatMap((g) => [index.posting(g), index.posting(HEAD + g)]);
    if (d >= 0) loads.push(index.districts());
    // The texts of the first page of results are needed next. For a common
    // query they are the first documents in reading order: asking for
    // their blocks now, beside the shards, spares a round trip to the host.
    for (let b = 0; b < Math.min(m.blocks.length, Math.ceil(PAGE / m.block)); b++) {
      index.load(m.blocks[b]).catch(() => {});
    }
    await Promise.all(loads);
    let docs = members(await index.candidates(ws, ""));
    const head = await index.candidates(ws, HEAD);
    if (d >= 0) docs = docs.filter((id) => index.district[id] === d);
    // matches are in reading order; ranked, as they are listed.
    const result = { words: ws, matches: docs, head, count: docs.length, checked: new Map() };
    rank(result);
    result.exact = ws.every((w) => Array.from(w).length <= 2);
    if (!result.exact && new Set(docs.map((id) => Math.floor(id / m.block))).size <= VERIFY_BLOCKS) {
      await verify(index, result, docs.length);
      result.exact = true;
    }
    return result;
  }

  // rank orders the results: first those whose head holds every word (by
  // their texts when read, else by the head's grams), then the rest, each
  // in reading order.
  function rank(result) {
    const tier = (id) => {
      const doc = result.checked.get(id);
      if (doc) return result.words.every((w) => doc.headText.includes(w)) ? 0 : 1;
      return (result.head[id >>> 5] >>> (id & 31)) & 1 ? 0 : 1;
    };
    const first = [], rest = [];
    for (const id of result.matches) (tier(id) ? rest : first).push(id);
    result.ranked = first.concat(rest);
  }

  // verify reads the texts of the first n ranked documents not read yet,
  // and of every other one in the blocks that hold them, which cost nothing
  // more; drops those that hold the grams but not the words; and ranks again.
  async function verify(index, result, n) {
    const m = await index.manifest();
    const unread = result.ranked.filter((id) => !result.checked.has(id));
    const blocks = new Set(unread.slice(0, n).map((id) => Math.floor(id / m.block)));
    const todo = unread.filter((id) => blocks.has(Math.floor(id / m.block)));
    const docs = await Promise.all(todo.map((id) => index.doc(id)));
    for (const doc of docs) result.checked.set(doc.id, doc);
    const holds = (id) => {
      const doc = result.checked.get(id);
      return !doc || result.words.every((w) => doc.text.includes(w));
    };
    const before = result.matches.length;
    result.matches = result.matches.filter(holds);
    result.count -= before - result.matches.length;
    rank(result);
  }

  // shown returns the first n results with their texts, checked.
  async function shown(index, result, n) {
    while (true) {
      const want = result.ranked.slice(0, n);
      if (want.every((id) => result.checked.has(id))) return want.map((id) => result.checked.get(id));
      await verify(index, result, n);
    }
  }

  // marked splits raw[start, end) into text and marked matches of the
  // words, found in folded (the folded raw).
  function marked(raw, folded, ws, start, end) {
    const marks = [];
    for (const w of ws) {
      for (let i = folded.indexOf(w, start); i >= 0 && i < end; i = folded.indexOf(w, i + w.length)) {
        marks.push([i, Math.min(end, i + w.length)]);
      }
    }
    marks.sort((a, b) => a[0] - b[0]);
    const parts = [];
    let pos = start;
    for (const [s, e] of marks) {
      if (s < pos) continue;
      parts.push([raw.slice(pos, s), false], [raw.slice(s, e), true]);
      pos = e;
    }
    parts.push([raw.slice(pos, end), false]);
    return parts;
  }

  // snippet cuts the body around the first match of the first word, within
  // its paragraph, or shows the body's start when only the head matched;
  // null when the body is empty.
  const BEFORE = 24, AFTER = 72;
  function snippet(doc, ws) {
    if (!doc.body) return null;
    const raw = doc.head + "\n" + doc.body;
    const bodyStart = doc.head.length + 1;
    let at = doc.text.indexOf(ws[0], bodyStart);
    if (at < 0) at = bodyStart;
    let start = Math.max(bodyStart, at - BEFORE);
    if (/[\udc00-\udfff]/.test(raw[start] || "")) start++; // not half a character
    const nl = raw.lastIndexOf("\n", at - 1);
    if (nl >= start) start = nl + 1;
    let end = Math.min(raw.length, at + AFTER);
    const nextNL = raw.indexOf("\n", at);
    if (nextNL >= 0 && nextNL < end) end = nextNL;
    return {
      parts: marked(raw, doc.text, ws, start, end),
      cutStart: start > bodyStart && raw[start - 1] !== "\n",
      cutEnd: end < raw.length && raw[end] !== "\n",
    };
  }

  // appendParts appends text with its marked matches in <mark>.
  function appendParts(el, parts) {
    for (const [text, isMatch] of parts) {
      if (!isMatch) el.append(text);
      else {
        const mark = document.createElement("mark");
        mark.textContent = text;
        el.append(mark);
      }
    }
  }

  function renderResults(ui, index, result, docs) {
    const m = index.m;
    ui.list.replaceChildren(
      ...docs.map((doc) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        const url = new URL(doc.path, index.site);
        a.href = url.pathname + url.hash;
        const titleEnd = doc.head.indexOf("\n") < 0 ? doc.head.length : doc.head.indexOf("\n");
        appendParts(a, marked(doc.head, doc.headText, result.words, 0, titleEnd));
        li.append(a);
        for (const label of [doc.district >= 0 ? m.districts[doc.district][1] : "", doc.label || ""]) {
          if (!label) continue;
          const span = document.createElement("span");
          span.className = "result-label";
          span.textContent = label;
          li.append(" ", span);
        }
        const s = snippet(doc, result.words);
        if (s) {
          const p = document.createElement("p");
          p.className = "result-snippet";
          if (s.cutStart) p.append("…");
          appendParts(p, s.parts);
          if (s.cutEnd) p.append("…");
          li.append(p);
        }
        return li;
      }),
    );
  }

  function status(result, q) {
    if (!result.words.length) return "";
    if (!result.count) return `没有找到含有“${q.trim()}”的页面。`;
    return `找到${result.exact ? "" : "约"} ${result.count} 个结果。`;
  }

  function start() {
    const form = document.querySelector("form[data-search-index]");
    if (!form) return;
    const ui = {
      form,
      input: form.querySelector("input[name=q]"),
      district: form.querySelector("select[name=district]"),
      status: document.getElementById("search-status"),
      list: document.getElementById("search-results"),
      more: document.getElementById("search-more"),
    };
    const index = new Index(form.dataset.searchIndex, form.dataset.searchManifest);
    let shownCount = PAGE, current = null, run = 0, timer = 0;
    const update = async () => {
      const q = ui.input.value, district = ui.district ? ui.district.value : "";
      const params = new URLSearchParams();
      if (q) params.set("q", q);
      if (district) params.set("district", district);
      const address = params.toString() ? "?" + params : location.pathname;
      if (location.search !== (params.toString() ? "?" + params : "")) history.replaceState(null, "", address);
      const mine = ++run;
      try {
        const result = await search(index, q, district);
        const docs = await shown(index, result, shownCount);
        if (mine !== run) return;
        current = result;
        ui.status.textContent = status(result, q);
        renderResults(ui, index, result, docs);
        if (ui.more) ui.more.hidden = result.ranked.length <= docs.length;
        document.documentElement.dataset.searched = q; // for tests: the results of q are shown
      } catch (e) {
        if (mine === run) ui.status.textContent = "搜索索引未能载入，请检查网络后再试。";
      }
    };
    const later = () => {
      // The shards the query will need load while the reader pauses, so
      // the search the pause starts finds them there.
      for (const g of words(ui.input.value).flatMap(grams)) {
        index.posting(g).catch(() => {});
        index.posting(HEAD + g).catch(() => {});
      }
      clearTimeout(timer);
      shownCount = PAGE;
      timer = setTimeout(update, 150);
    };
    ui.input.addEventListener("input", later);
    if (ui.district) ui.district.addEventListener("change", later);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      clearTimeout(timer);
      shownCount = PAGE;
      update();
    });
    if (ui.more) {
      ui.more.addEventListener("click", () => {
        shownCount += PAGE;
        update();
      });
    }
    const params = new URLSearchParams(location.search);
    ui.input.value = params.get("q") || "";
    if (ui.district) ui.district.value = params.get("district") || "";
    if (ui.input.value) update();
    // For the tests: the query semantics without the page around them.
    window.pinzhiSearch = {
      fold, isSeparator, foldText,
      // query finds q and reads the first n results (all, without n).
      query: async (q, district, n) => {
        const result = await search(index, q, district || "");
        const docs = await shown(index, result, n || Infinity);
        return { paths: docs.map((d) => d.path), count: result.count, exact: result.exact };
      },
    };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
