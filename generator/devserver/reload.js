// pinzhi serve: keeps the page in step with the source. Injected into HTML
// responses by the dev server only; never part of a build.
(() => {
  "use strict";
  // The build this page is of. The server's hello names the build it
  // serves now: if they differ, the page missed a change (it loaded while a
  // rebuild ran, or the server restarted) and reloads.
  const build = document.currentScript && document.currentScript.dataset.build;
  let overlay = null;
  const events = new EventSource("/__pinzhi/events");

  events.addEventListener("hello", (e) => {
    if (build && e.data !== build) location.reload();
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", (e) => swapStylesheet(e.data));
  events.addEventListener("error", (e) => showError(e.data));
  events.addEventListener("ok", () => hideError());

  // A stylesheet's address carries a hash of its content; the new one
  // replaces the link whose address differs only in that hash, and the
  // content of a <style data-asset="site.css"> that inlines it.
  function stem(path) {
    return path.replace(/\.[0-9a-f]{10}(\.[A-Za-z0-9]+)$/, "$1");
  }
  function swapStylesheet(href) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      if (stem(new URL(link.href, location.href).pathname) !== stem(href)) continue;
      const next = link.cloneNode();
      next.href = href;
      next.addEventListener("load", () => link.remove());
      link.after(next);
    }
    const inlined = [...document.querySelectorAll("style[data-asset]")].filter((style) =>
      stem(href).endsWith("/assets/" + style.dataset.asset.replace(/^\/?(assets\/)?/, "")));
    if (!inlined.length) return;
    fetch(href)
      .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
      .then((css) => inlined.forEach((style) => (style.textContent = css)))
      .catch(() => location.reload());
  }

  // showError shows the build's problems over the page as a panel a
  // person reads: a line of what happened, then each problem with its
  // place (file:line) first, what is wrong, and what to do under it. The
  // text is a problem a line, as pinzhi prints them, names escaped.
  function showError(text) {
    hideError();
    overlay = document.createElement("section");
    overlay.id = "pinzhi-error";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:75vh;overflow:auto;z-index:2147483647;" +
      "margin:0;padding:1rem max(1rem,calc(50vw - 24rem));background:#fff;color:#222;border-top:6px solid #c8102e;" +
      "font:16px/1.6 system-ui,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;" +
      "overflow-wrap:anywhere;box-shadow:0 6px 24px rgba(0,0,0,.3)";
    const title = document.createElement("h2");
    title.style.cssText = "margin:0 0 .2rem;font-size:1.15rem;color:#a00d24";
    const lines = text.split("\n").filter(Boolean);
    const errors = lines.filter((l) => !/^[^:]*(:\d+)?: (warning: |警告：)/.test(l)).length;
    title.textContent = `网站有 ${errors || lines.length} 处错误，改好后页面会自动更新`;
    const note = document.createElement("p");
    note.style.cssText = "margin:0 0 .8rem;color:#555;font-size:.9rem";
    note.textContent = "The site has errors; this page shows the last good build until they are fixed.";
    const list = document.createElement("ol");
    list.style.cssText = "margin:0;padding:0 0 0 1.4rem";
    for (const line of lines) {
      const item = document.createElement("li");
      item.style.cssText = "margin:0 0 .7rem";
      const m = /^(.*?:(?:\d+:)?) (.*?)(?:; (.*))?$/.exec(line);
      if (!m) {
        item.textContent = line;
      } else {
        const place = document.createElement("strong");
        place.style.cssText = "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em";
        place.textContent = m[1];
        item.append(place, " " + m[2]);
        if (m[3]) {
          const hint = document.createElement("div");
          hint.style.cssText = "color:#1a5e20;font-size:.95rem";
          hint.textContent = "→ " + m[3];
          item.append(hint);
        }
      }
      list.append(item);
    }
    overlay.append(title, note, list);
    document.documentElement.append(overlay);
  }
  function hideError() {
    if (overlay) overlay.remove();
    overlay = null;
  }
})();
