// The served copy of dist/ that the benchmark measures (bench/out/site): config.json pointing at
// the bench's comment endpoint, every page prerendered again from it, .br/.gz beside each file,
// and the static baselines (the bare article, and the article with its thread in plain JS).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OUT, ROOT, copyDir, precompress, walk } from './lib.mjs';

export const DIST = path.join(ROOT, 'dist');
export const SITE = path.join(OUT, 'site');

// ---- the served copy of dist/ with .br/.gz beside each file, config pointing at the stub -------
export function readJson(f) { return JSON.parse(fs.readFileSync(f, 'utf8')); }
export const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

// Everything after prepareSite reads the copy in bench/out/site, so a rebuild of dist/ while the
// bench runs changes nothing.
export function appFiles(dir = SITE) {
  const files = fs.readdirSync(dir).filter((f) => !/\.(br|gz)$/.test(f));
  const pick = (re) => files.filter((f) => re.test(f)).map((f) => path.join(dir, f));
  return {
    wasm: pick(/\.wasm$/),
    js: pick(/\.js$/),
    css: pick(/\.css$/),
    html: [path.join(dir, 'index.html')],
    snippets: fs.existsSync(path.join(dir, 'snippets')) ? walk(path.join(dir, 'snippets')).filter((f) => f.endsWith('.js')) : [],
  };
}

export function writeConfig(dir, issoUrl, from = DIST) {
  const cfg = readJson(path.join(from, 'config.json'));
  cfg.comments = { ...(cfg.comments || {}), server: issoUrl + '/' };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(cfg, null, 2));
  // The copy's Content-Security-Policy must let the app reach that endpoint, as
  // scripts/postbuild.mjs writes it for a config.json naming another origin; without this the
  // browser blocks every comment request and the thread never loads.
  const origin = new URL(issoUrl).origin;
  for (const f of ['index.html', '404.html']) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) continue;
    const html = fs.readFileSync(file, 'utf8');
    const out = html.replace(/connect-src [^;"]*/, (m) => (m.split(' ').includes(origin) ? m : `${m} ${origin}`));
    if (out === html && !html.includes(origin) && html.includes('Content-Security-Policy')) throw new Error(`${file}: no connect-src to extend`);
    fs.writeFileSync(file, out);
  }
}

export function staticShell(title, css, body, script = '') {
  return `<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content="width=device-width,initial-scale=1"><title>${esc(title)}</title><link rel=stylesheet href="/${css}"><body><div class=columns><main id=main>${body}</main></div>${script}</body></html>`;
}

export function staticArticle(item) {
  const date = item.date_published ? new Date(item.date_published).toUTCString().slice(0, 16) : '';
  const byline = item._frontera?.byline || item.authors?.[0]?.name || '';
  return `<article class=post lang="${esc(item.language || 'en')}"><header class=post-header><h1 class=post-title>${esc(item.title || '')}</h1><p class=post-date>${esc(date)}</p><p class=byline><span class=author>${esc(byline)}</span></p></header><div class=prose>${item.content_html || ''}</div></article>`;
}

/**
 * The second baseline for the first article: the app's own prerendered page of the post, with
 * the app taken out (its import map and loader, the only module scripts). It is what a static
 * site generator would serve for the same post, chrome and all, so the app's post against it is
 * the app's own cost; the bare article (`staticArticle`) measures the blog around it too.
 */
export function withoutApp(html) {
  const out = html.replace(/<script type=(importmap|module)>[\s\S]*?<\/script>/g, '');
  if (out === html || /type=module/.test(out)) throw new Error('bench: the prerendered post has no loader to take out');
  return out;
}

/** The plain-JS baseline: the same post, then every comment of the same JSON inserted at once. */
export function staticThreadPage(item, css, issoUrl, uri) {
  const script = `<section id=comments class=comments><h2>Comments</h2></section><script type=module>
const r = await fetch(${JSON.stringify(issoUrl)} + '/?uri=' + encodeURIComponent(${JSON.stringify(uri)}), { credentials: 'include' });
const data = await r.json();
const df = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });
const one = (c, num) => {
  const a = document.createElement('article');
  a.className = 'comment';
  a.id = 'comment-' + c.id;
  const h = document.createElement('header'); h.className = 'comment-meta';
  const n = document.createElement('a'); n.className = 'comment-number'; n.href = '#comment-' + c.id; n.textContent = '#' + num;
  const au = document.createElement('span'); au.className = 'comment-author'; au.textContent = c.author || 'Anonymous';
  const t = document.createElement('time'); t.className = 'comment-time'; t.dateTime = new Date(c.created * 1000).toISOString(); t.textContent = df.format(new Date(c.created * 1000));
  h.append(n, ' ', au, ' ', t);
  const body = document.createElement('div'); body.className = 'comment-text prose'; body.innerHTML = c.text;
  const f = document.createElement('footer'); f.className = 'comment-actions'; f.textContent = '▲ ' + c.likes + ' ▼ ' + c.dislikes;
  a.append(h, body, f);
  return a;
};
const ol = document.createElement('ol'); ol.className = 'comment-list';
data.replies.forEach((c, i) => {
  const li = document.createElement('li');
  li.append(one(c, i + 1));
  if (c.replies.length) {
    const sub = document.createElement('ol'); sub.className = 'comment-replies';
    c.replies.forEach((x, j) => { const l2 = document.createElement('li'); l2.append(one(x, (i + 1) + '.' + (j + 1))); sub.append(l2); });
    li.append(sub);
  }
  ol.append(li);
});
document.getElementById('comments').append(ol);
</script>`;
  return staticShell(item.title, css, staticArticle(item) + script);
}

export function prepareSite(issoUrl, thread) {
  fs.rmSync(SITE, { recursive: true, force: true });
  copyDir(DIST, SITE);
  writeConfig(SITE, issoUrl);
  // Every page again, from the copy's config.json and policy: a page carries the fingerprint of
  // each document it was made from, and one made with another config.json would be rendered
  // afresh instead of hydrated (src/lib.rs), which is not what a reader gets.
  execFileSync(path.join(ROOT, 'target', 'tool', 'frontera-prerender'), ['--dist', SITE], { stdio: ['ignore', 'ignore', 'inherit'] });
  const css = path.basename(appFiles(DIST).css.find((f) => /\/main-[0-9a-f]+\.css$/.test(f)));
  const home = readJson(path.join(DIST, 'data', 'home', '1.json'));
  const item = home.items[0];
  const postPath = item._frontera.path;
  const post = readJson(path.join(DIST, 'data', 'posts', postPath.slice(1) + '.json'));
  fs.mkdirSync(path.join(SITE, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(SITE, 'bench', 'static-post.html'), staticShell(post.title, css, staticArticle(post)));
  fs.writeFileSync(path.join(SITE, 'bench', 'static-thread.html'), staticThreadPage(post, css, issoUrl, thread.uri));
  const page = fs.readFileSync(path.join(SITE, postPath.slice(1), 'index.html'), 'utf8');
  fs.mkdirSync(path.join(SITE, 'bench', 'same-post'), { recursive: true });
  fs.writeFileSync(path.join(SITE, 'bench', 'same-post', 'index.html'), withoutApp(page));
  precompress(walk(SITE));
  return { postPath, post };
}
