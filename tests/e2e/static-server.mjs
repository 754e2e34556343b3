// A plain static host with no rewrite rules, as a bucket or CDN serves files: `/a/b` is the file
// `a/b` or the folder's `a/b/index.html`; anything else is `404.html` with status 404. Used by
// tests/e2e/prerender.spec.ts to prove that every page exists without an SPA fallback. With a
// PREFIX (e.g. /blog/) the folder is served under that path only, as a sub-path deployment is.
// Usage: node tests/e2e/static-server.mjs DIR PORT [PREFIX]
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

const [dir, port, prefix = '/'] = process.argv.slice(2);
const root = path.resolve(dir);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.png': 'image/png' };

const file = (p) => {
  try {
    return fs.statSync(p).isFile() ? p : null;
  } catch {
    return null;
  }
};

http
  .createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const inside = url.startsWith(prefix) || `${url}/` === prefix;
    const target = path.join(root, url.slice(prefix.length - 1));
    const found = inside && (target === root || target.startsWith(root + path.sep)) ? file(target) || file(path.join(target, 'index.html')) : null;
    const served = found || path.join(root, '404.html');
    res.writeHead(found ? 200 : 404, { 'content-type': types[path.extname(served)] || 'application/octet-stream' });
    fs.createReadStream(served).pipe(res);
  })
  .listen(Number(port), '127.0.0.1', () => console.log(`listening on ${port}`));
