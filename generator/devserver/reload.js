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

  function showError(text) {
    hideError();
    overlay = document.createElement("div");
    overlay.id = "pinzhi-error";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
      "margin:0;padding:1rem 1.2rem;background:#fff5f5;color:#5c0a0a;border-bottom:4px solid #c8102e;" +
      "font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,'Noto Sans Mono CJK SC',monospace;" +
      "white-space:pre-wrap;overflow-wrap:anywhere;box-shadow:0 4px 16px rgba(0,0,0,.2)";
    const title = document.createElement("strong");
    title.textContent = "构建失败 · the site has errors; the page shows the last good build\n\n";
    overlay.append(title, document.createTextNode(text));
    document.documentElement.append(overlay);
  }
  function hideError() {
    if (overlay) overlay.remove();
    overlay = null;
  }
})();
