// pinzhi's search page: finds every page that shows the query, as typed,
// Chinese included, from the index files pinzhi writes (see index.go).
// It loads nothing until the reader searches. The index holds no text of
// the pages: what a result shows of its page, and whether a query of
// more than two characters is on it, are read from the page itself.
(() => {
  "use strict";

  // SIMPLIFIED maps traditional characters to their simplified forms: the
  // part of OpenCC's table (traditional.txt) whose simplified characters
  // the site has, which the manifest carries (see useTraditional).
  const SIMPLIFIED = new Map();
  // useTraditional takes the manifest's table: a traditional character,
  // then its simplified form, each in the Basic Multilingual Plane.
  const useTraditional = (pairs) => {
    for (let i = 0; i + 1 < pairs.length; i += 2) SIMPLIFIED.set(pairs[i], pairs[i + 1]);
  };
  const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
  const simplify = (s) => s.replace(HAN, (ch) => SIMPLIFIED.get(ch) || ch);

  // fold mirrors Fold in fold.go: a traditional character as its
  // simplified form, full-width ASCII as ASCII, the ideographic space as a
  // space, lower case where it is one character.
  const fold = (ch) => {
    const simple = SIMPLIFIED.get(ch);
    if (simple) return simple;
    const c = ch.codePointAt(0);
    if (c >= 0xff01 && c <= 0xff5e) ch = String.fromCodePoint(c - 0xfee0);
    if (c === 0x3000) return " ";
    if (c === 0x130) return ch;
    const l = ch.toLowerCase();
    return l.length === ch.length ? l : ch;
  };
  // isSeparator mirrors IsSeparator: Go's unicode.IsSpace and U+FEFF.
  const isSeparator = (ch) => /^[\s\u0085]$/u.test(ch);
  // isIgnorable mirrors Ignorable, of a folded character: separators and
  // punctuation are not indexed, and the characters on either side of
  // them are adjacent (居民众筹自治工程 finds “居民众筹”自治工程).
  const IGNORABLE = /[\s\u0085\p{P}]/u;
  const IGNORABLES = /[\s\u0085\p{P}]+/gu;
  const isIgnorable = (ch) => IGNORABLE.test(ch);
  // squeeze leaves the ignorable characters out of a folded text.
  const squeeze = (folded) => folded.replace(IGNORABLES, "");
  // squeezed is squeeze, with the position in folded of each of its
  // UTF-16 units, and the end of folded after the last.
  const squeezed = (folded) => {
    let s = "";
    const at = [];
    for (let i = 0; i < folded.length; ) {
      const ch = String.fromCodePoint(folded.codePointAt(i));
      if (!isIgnorable(ch)) {
        s += ch;
        for (let k = 0; k < ch.length; k++) at.push(i + k);
      }
      i += ch.length;
    }
    at.push(folded.length);
    return { s, at };
  };
  // foldText folds every character of s. Lowering the whole string at once
  // is many times faster and the same, but for İ (whose lower case is two
  // characters) and Σ (lowered as ς at the end of a word).
  const foldText = (s) => {
    if (/[\u0130\u03a3]/.test(s)) return Array.from(s, fold).join("");
    return simplify(s).replace(/[\uff01-\uff5e\u3000]/g, fold).toLowerCase();
  };

  // words are the folded query's words, without what is ignorable:
  // whitespace separates them. A
  // query is read up to its first MAX_QUERY characters: a pasted page, or
  // an address made to hang the page, costs no more than a long sentence.
  const MAX_QUERY = 200;
  // read returns the part of q that is read, and whether q was cut.
  const read = (q) => {
    let text = "", n = 0;
    for (const ch of q) {
      if (++n > MAX_QUERY) return [text, true];
      text += ch;
    }
    return [text, false];
  };
  const words = (q) => {
    const out = [];
    let w = "";
    for (const ch of read(q)[0]) {
      if (isSeparator(ch)) {
        if (w) out.push(w);
        w = "";
      } else if (!isIgnorable(fold(ch))) w += fold(ch);
    }
    if (w) out.push(w);
    return [...new Set(out)];
  };

  // grams of a word: itself when it is one character, else its pairs of
  // adjacent characters (春菊, 菊服, 服务 for 春菊服务), all of which a text
  // holding it holds. A word of more than five characters takes only the
  // pairs that cover it (外来, 务工, 人员 for 外来务工人员): a shard more per
  // pair would cost more than the few candidates the others rule out.
  // Texts are checked for the whole word anyway.
  const grams = (word) => {
    const cs = Array.from(word);
    if (cs.length === 1) return cs;
    const out = [];
    const step = cs.length > 5 ? 2 : 1;
    for (let i = 0; i + 1 < cs.length; i += step) out.push(cs[i] + cs[i + 1]);
    if (cs.length % 2 && step === 2) out.push(cs[cs.length - 2] + cs[cs.length - 1]);
    return out;
  };
  // lookedUp are the grams a query's candidates are found by: its words'
  // grams, the first MAX_GRAMS of them. A query with more is no less
  // exact, since its texts are checked for its words; it only has more
  // candidates to check, and asks for no more than MAX_GRAMS shards.
  const MAX_GRAMS = 12;
  const lookedUp = (ws) => [...new Set(ws.flatMap(grams))].slice(0, MAX_GRAMS);
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

  // The text of a page as the index has it (PageText in extract.go): the
  // text of its elements marked data-search, a line for each block, runs
  // of separators as one space; alt text counts, scripts and styles not.
  const BLOCKS = new Set(["p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th",
    "br", "hr", "dt", "dd", "figcaption", "section", "article"]);
  const UNREAD = new Set(["script", "style", "template"]);
  const SEPARATOR = /[\s\u0085]/u;
  const textWriter = () => {
    let out = "", space = false, line = false;
    const separate = () => {
      if (out) out += line ? "\n" : space ? " " : "";
      space = line = false;
    };
    return {
      write(s) {
        s.split(SEPARATOR).forEach((run, i) => {
          if (i > 0) space = true;
          if (run) {
            separate();
            out += run;
          }
        });
      },
      line() { line = true; },
      text: () => out,
    };
  };
  const walk = (node, w) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === Node.TEXT_NODE) w.write(c.data);
      if (c.nodeType !== Node.ELEMENT_NODE || UNREAD.has(c.localName)) continue;
      if (c.localName === "img") {
        w.write(c.getAttribute("alt") || "");
        continue;
      }
      const block = BLOCKS.has(c.localName);
      if (block) w.line();
      walk(c, w);
      if (block) w.line();
    }
  };
  const pageText = (html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const w = textWriter();
    for (const el of doc.querySelectorAll("[data-search]")) {
      if (el.parentElement && el.parentElement.closest("[data-search]")) continue;
      w.line();
      walk(el, w);
      w.line();
    }
    return w.text();
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
  // count is the number of ids in a set.
  const count = (set) => {
    let n = 0;
    for (let w = 0; w < set.length; w++) {
      let v = set[w] - ((set[w] >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      n += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
    }
    return n;
  };
  // firstIDs appends to out, up to n in all, the ids that keep accepts,
  // ascending, of the set whose words word(w) makes: a page of results is
  // read from the bits, never from a list of every match (20,000 for 社区
  // in the bench corpus).
  const firstIDs = (length, word, n, keep, out) => {
    for (let w = 0; w < length && out.length < n; w++) {
      for (let bits = word(w); bits && out.length < n; bits &= bits - 1) {
        const id = lowestID(w, bits);
        if (keep(id)) out.push(id);
      }
    }
    return out;
  };
  // lowestID is the id of the lowest bit set in bits, the set's word w.
  const lowestID = (w, bits) => 32 * w + 31 - Math.clz32(bits & -bits);
  const has = (set, id) => (set[id >>> 5] >>> (id & 31)) & 1;
  const drop = (set, id) => (set[id >>> 5] &= ~(1 << (id & 31)));

  // blockName is the name of block b: the manifest lists the hash of
  // each shard's and block's content, which names the file with its kind
  // and number.
  const blockName = (m, b) => `b${b}.${m.blocks[b]}.json`;

  class Index {
    // url is the manifest's address; inline its content, when the page
    // carries it.
    constructor(url, inline) {
      this.url = new URL(url, location.href);
      this.inline = inline;
      if (inline) this.read(JSON.parse(inline));
      this.site = new URL("../../", this.url);
      this.files = new Map();
      this.postings = new Map();
      this.pages = new Map();
    }
    // get fetches url once, read as read reads the response.
    get(cache, url, read) {
      if (!cache.has(url)) {
        const p = fetch(url).then((r) => {
          if (!r.ok) throw new Error(`${url}: ${r.status}`);
          return read(r);
        });
        p.catch(() => cache.delete(url)); // a failed load is tried again by the next query
        cache.set(url, p);
      }
      return cache.get(url);
    }
    load(name) {
      return this.get(this.files, new URL(name, this.url).href, (r) => r.json());
    }
    // text returns the text of a document's page; an entry of the brand
    // list, which has no page of its own, has none.
    text(path) {
      if (path.includes("#")) return Promise.resolve("");
      return this.get(this.pages, new URL(path, this.site).href, async (r) => pageText(await r.text()));
    }
    async manifest() {
      if (!this.m) this.read(this.inline ? JSON.parse(this.inline) : await this.load(this.url.href));
      return this.m;
    }
    // read takes the manifest; a page that carries it gives it at once,
    // so that queries are folded before anything is loaded.
    read(m) {
      this.m = m;
      useTraditional(m.traditional || "");
    }
    // districts returns each document's district, -1 for none.
    async districts() {
      const m = await this.manifest();
      if (!this.district) this.district = numbers(await this.load(m.district)).map((n) => n - 1);
      return this.district;
    }
    // shardOf returns the name of the shard that holds gram, marked or not.
    shardOf(gram) {
      const n = hash(gram.replace(HEAD, "")) % this.m.shards.length;
      return `s${n}.${this.m.shards[n]}.json`;
    }
    // posting returns the set of documents holding gram. A head gram
    // (marked) sits in the same shard as the unmarked one.
    posting(gram) {
      if (!this.postings.has(gram)) {
        const p = this.manifest().then(async (m) => {
          const shard = await this.load(this.shardOf(gram));
          return bitset(shard[gram] || "", m.docs);
        });
        p.catch(() => this.postings.delete(gram));
        this.postings.set(gram, p);
      }
      return this.postings.get(gram);
    }
    // doc returns a document with the text of its page.
    async doc(id) {
      const m = await this.manifest();
      const block = await this.load(blockName(m, Math.floor(id / m.block)));
      const [path, head, district, label, aliases] = block[id % m.block];
      const body = await this.text(path);
      const headText = foldText(head), bodyText = foldText(body), aliasText = squeeze(foldText(aliases || ""));
      const inHead = squeeze(headText), inBody = squeeze(bodyText);
      return {
        id, path, head, body, district, label,
        text: headText + "\n" + bodyText, headText,
        // holds and heads tell whether the page and its head show word
        // w, as the index reads them: head, text and aliases each on
        // their own, without what is ignorable.
        holds: (w) => inHead.includes(w) || aliasText.includes(w) || inBody.includes(w),
        heads: (w) => inHead.includes(w) || aliasText.includes(w),
      };
    }
    // entry returns what the block of a document says of it: its path
    // and head, without reading its page.
    async entry(id) {
      const m = await this.manifest();
      const block = await this.load(blockName(m, Math.floor(id / m.block)));
      const [path, head] = block[id % m.block];
      return { path, head };
    }
    // candidates returns the set of documents holding every gram of gs
    // (each marked with mark).
    async candidates(gs, mark) {
      const sets = await Promise.all(gs.map((g) => this.posting(mark + g)));
      const docs = sets[0].slice();
      for (const set of sets.slice(1)) for (let w = 0; w < docs.length; w++) docs[w] &= set[w];
      return docs;
    }
  }

  // search returns the matching documents: a set of them, and the set of
  // those whose title or leader (the head) holds every word, the first to
  // be listed. Both sets are exact when no word is longer than two
  // characters; else they hold candidates until their pages are read.
  // exact says whether count is the number of matches or an upper bound.
  // A page of results reads as many pages of the site, for their
  // snippets: five, what a phone's screen holds; "more" adds five.
  const PAGE = 5;
  // FIRST is how many results are shown before the rest of a page.
  const FIRST = 5;
  async function search(index, q, districtSlug) {
    const ws = words(q);
    if (!ws.length) return { words: ws, docs: new Uint32Array(0), head: new Uint32Array(0), count: 0, exact: true, checked: new Map() };
    const m = await index.manifest();
    // Load every file the query needs at once, not one after another.
    const all = lookedUp(ws);
    const d = m.districts.findIndex(([slug]) => slug === districtSlug);
    const loads = all.flatMap((g) => [index.posting(g), index.posting(HEAD + g)]);
    if (d >= 0) loads.push(index.districts());
    // The paths of the first results are needed next. For a common query
    // they are the first documents in reading order: asking for their
    // block now, beside the shards, spares a round trip to the host, when
    // a connection is free for it.
    if (new Set(all.map(index.shardOf, index)).size < 6) index.load(blockName(m, 0)).catch(() => {});
    await Promise.all(loads);
    const docs = await index.candidates(all, "");
    if (d >= 0) for (let id = 0; id < m.docs; id++) if (has(docs, id) && index.district[id] !== d) drop(docs, id);
    const head = await index.candidates(all, HEAD);
    for (let w = 0; w < docs.length; w++) head[w] &= docs[w];
    const result = { words: ws, docs, head, count: count(docs), checked: new Map() };
    result.unchecked = result.count; // candidates whose pages are not read
    // The candidates hold the words when every word is a gram looked up.
    result.exact = result.count === 0 || ws.every((w) => Array.from(w).length <= 2 && all.includes(w));
    return result;
  }

  // ranked lists the first n results that keep accepts (all, without it):
  // those in the head first, then the others, each in reading order.
  function ranked(result, n, keep = () => true) {
    const { docs, head } = result;
    const out = firstIDs(head.length, (w) => head[w], n, keep, []);
    return firstIDs(docs.length, (w) => docs[w] & ~head[w], n, keep, out);
  }

  // verify reads the pages of the first n results not read yet; drops
  // those that hold the grams but not the words, and takes out of the head
  // those whose head does not hold them. Until the pages are read, a
  // candidate may be one of those, which lets the next one up: reading one
  // more page in the same round spares a round trip to the host for the
  // commonest case (南春菊社区“水菊服务站” among the heads holding 春菊服务's
  // pairs). When every candidate is read, the count is exact.
  async function verify(index, result, n) {
    const todo = ranked(result, result.exact ? n : n + 1, (id) => !result.checked.has(id));
    const docs = await Promise.all(todo.map((id) => index.doc(id)));
    for (const doc of docs) {
      result.checked.set(doc.id, doc);
      result.unchecked--;
      if (!result.words.every(doc.holds)) {
        drop(result.docs, doc.id);
        drop(result.head, doc.id);
        result.count--;
      } else if (!result.words.every(doc.heads)) drop(result.head, doc.id);
    }
    if (result.unchecked === 0) result.exact = true;
  }

  // shown returns the first n results with their texts, checked.
  async function shown(index, result, n) {
    while (true) {
      const want = ranked(result, n);
      if (want.every((id) => result.checked.has(id))) return want.map((id) => result.checked.get(id));
      await verify(index, result, n);
    }
  }

  // marked splits raw[start, end) into text and marked matches of the
  // words, found in folded (the folded raw) without what is ignorable:
  // a match of 居民众筹自治 marks 居民众筹”自治.
  function marked(raw, folded, ws, start, end) {
    const { s, at } = squeezed(folded);
    const marks = [];
    for (const w of ws) {
      for (let i = s.indexOf(w); i >= 0; i = s.indexOf(w, i + w.length)) {
        const from = at[i], to = at[i + w.length - 1] + 1;
        if (to > start && from < end) marks.push([Math.max(from, start), Math.min(end, to)]);
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
    // The page shows its title again (its heading): a line that repeats a
    // line of the head says nothing the result's link does not.
    const heads = new Set(doc.head.split("\n"));
    const lineEnd = (p) => {
      const nl = raw.indexOf("\n", p);
      return nl < 0 ? raw.length : nl;
    };
    const repeats = (p) => heads.has(raw.slice(raw.lastIndexOf("\n", p - 1) + 1, lineEnd(p)));
    const sq = squeezed(doc.text);
    // find returns where the first match of w at or after p starts in raw.
    const find = (w, p) => {
      let i = 0;
      while (sq.at[i] < p) i++;
      i = sq.s.indexOf(w, i);
      return i < 0 ? -1 : sq.at[i];
    };
    let at = -1;
    for (const w of ws) {
      let p = find(w, bodyStart);
      while (p >= 0 && repeats(p)) p = find(w, p + 1);
      if (p >= 0 && (at < 0 || p < at)) at = p;
    }
    if (at < 0) {
      // Only the head matched. A match in the leader's name or role
      // shows them, marked; else the page's first line of its own.
      const people = doc.head.split("\n").slice(1).join("　");
      if (people && ws.some((w) => squeeze(foldText(people)).includes(w))) {
        return { parts: marked(people, foldText(people), ws, 0, people.length), cutStart: false, cutEnd: false };
      }
      at = bodyStart;
      while (at < raw.length && repeats(at)) at = lineEnd(at) + 1;
      if (at >= raw.length) at = bodyStart;
    }
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

  // resultItem is the list item of one result: its title and labels
  // linking to the page, and a snippet of its text.
  function resultItem(index, result, doc) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    const url = new URL(doc.path, index.site);
    a.href = url.pathname + url.hash;
    const titleEnd = doc.head.indexOf("\n") < 0 ? doc.head.length : doc.head.indexOf("\n");
    appendParts(a, marked(doc.head, doc.headText, result.words, 0, titleEnd));
    li.append(a);
    for (const label of [doc.district >= 0 ? index.m.districts[doc.district][1] : "", doc.label || ""]) {
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
  }

  // afterPaint resolves once the next frame is painted, or after 100 ms in
  // a hidden tab, which paints no frames.
  const afterPaint = () =>
    new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve));
      setTimeout(resolve, 100);
    });

  function status(result, q) {
    if (!result.words.length) return "";
    if (!result.count) {
      // The query as read: a pasted page is not written out whole.
      const [text, cut] = read(q);
      return `没有找到含有“${text.trim()}${cut ? "…" : ""}”的页面。`;
    }
    return `找到${result.exact ? "" : "约"} ${result.count} 个结果。`;
  }

  // nearest returns up to n documents whose heads share the query's
  // rarer characters (those on at most a quarter of the documents), the
  // most of them first: what a reader may have meant when nothing holds
  // the query as typed.
  async function nearest(index, ws, n) {
    const m = await index.manifest();
    const chars = [...new Set(ws.flatMap((w) => Array.from(w)))].slice(0, MAX_GRAMS);
    const sets = await Promise.all(chars.map((ch) => index.posting(HEAD + ch)));
    const score = new Map();
    for (const set of sets) {
      const k = count(set);
      if (!k || k > m.docs / 4) continue;
      for (const id of firstIDs(set.length, (w) => set[w], k, () => true, [])) score.set(id, (score.get(id) || 0) + 1 / k);
    }
    const best = [...score].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, n);
    return Promise.all(best.map(([id]) => index.entry(id)));
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
      none: document.getElementById("search-none"),
      near: document.getElementById("search-near"),
    };
    const index = new Index(form.dataset.searchIndex, form.dataset.searchManifest);
    let shownCount = PAGE, run = 0, timer = 0;
    const update = async () => {
      const q = ui.input.value, district = ui.district ? ui.district.value : "";
      const params = new URLSearchParams();
      if (q) params.set("q", q);
      if (district) params.set("district", district);
      const address = params.toString() ? "?" + params : location.pathname;
      if (location.search !== (params.toString() ? "?" + params : "")) history.replaceState(null, "", address);
      const mine = ++run;
      const current = () => mine === run;
      try {
        const result = await search(index, q, district);
        // A new query shows its first screen of results as soon as their
        // texts are read, then the rest of the page; more results simply
        // follow those shown.
        const shownBefore = shownCount > PAGE ? shownCount - PAGE : 0;
        let docs = await shown(index, result, shownBefore || FIRST);
        if (!current()) return;
        ui.list.replaceChildren(...docs.map((doc) => resultItem(index, result, doc)));
        // A count that may still fall waits for the rest of the page: "约
        // 1" and then "1" would be read out twice, and flicker.
        if (result.exact) showStatus(result, q);
        else if (ui.status.textContent) ui.status.textContent = "";
        await suggest(result);
        const before = docs.length;
        // The rest is asked for once the first screen is painted: its
        // requests and their answers held that paint up by 50 ms.
        await afterPaint();
        if (!current()) return;
        document.documentElement.dataset.answered = q; // for tests: the first results of q are painted
        docs = await shown(index, result, shownCount);
        if (!current()) return;
        ui.list.append(...docs.slice(before).map((doc) => resultItem(index, result, doc)));
        showStatus(result, q);
        await afterPaint();
        if (!current()) return;
        document.documentElement.dataset.searched = q; // for tests: the results of q are painted
      } catch (e) {
        if (current()) ui.status.textContent = "搜索索引未能载入，请检查网络后再试。";
      }
    };
    // showStatus writes the count, only when it changed: the status is read
    // out at each change. "More" is offered when the page being shown is
    // not all there is.
    const showStatus = (result, q) => {
      const text = status(result, q);
      if (ui.status.textContent !== text) ui.status.textContent = text;
      if (ui.more) ui.more.hidden = result.count <= shownCount;
    };
    // suggest offers, when nothing is found, the titles nearest the query
    // and the ways to browse that the page lists.
    const suggest = async (result) => {
      if (!ui.none) return;
      const none = result.words.length > 0 && result.count === 0;
      const near = none ? await nearest(index, result.words, 3) : [];
      if (ui.near) {
        const links = near.map(({ path, head }) => {
          const a = document.createElement("a");
          const url = new URL(path, index.site);
          a.href = url.pathname + url.hash;
          a.textContent = head.split("\n")[0];
          return a;
        });
        ui.near.lastElementChild.replaceChildren(...links.flatMap((a, i) => (i ? ["、", a] : [a])));
        ui.near.hidden = !links.length;
      }
      ui.none.hidden = !none;
    };
    const later = () => {
      // The shards the query will need load while the reader pauses, so
      // the search the pause starts finds them there.
      for (const g of lookedUp(words(ui.input.value))) {
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
      fold, isSeparator, isIgnorable, foldText, words, lookedUp, pageText, useTraditional,
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
