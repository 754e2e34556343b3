// The benchmark's comment server: the real Isso (scripts/isso, the venv scripts/setup makes),
// its thread imported with Isso's own WordPress import (reply parents kept), behind a small
// proxy that compresses its answers as nginx in front of it would (Isso itself sends them
// uncompressed). Paging, counting and CORS are Isso's own.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { ROOT, log, sleep, track } from './lib.mjs';

const ISSO = path.join(ROOT, 'scripts', 'isso');

/**
 * Starts Isso with `threads` ({ uri: [top-level comment with `replies`] }, as makeThread makes
 * them) on port − 1 and its compressing proxy on `port`; `origins` are the sites that may call it.
 * Resolves to { url (the proxy's), stop }.
 */
export async function startIsso(threads, port, origins) {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-bench-isso-'));
  const wxr = path.join(data, 'threads.wxr.xml');
  fs.writeFileSync(wxr, wxrOf(threads));
  const count = Object.values(threads).reduce((n, t) => n + t.reduce((m, c) => m + 1 + c.replies.length, 0), 0);
  const started = Date.now();
  execFileSync(ISSO, ['import', '--data', data, wxr], { stdio: ['ignore', 'ignore', 'inherit'] });
  log(`isso: imported ${count} comments in ${Date.now() - started} ms`);
  const url = `http://127.0.0.1:${port}`;
  const upstream = port - 1;
  const args = ['run', '--data', data, '--port', String(upstream), '--public-endpoint', url];
  for (const o of origins) args.push('--origin', o);
  const child = track(spawn(ISSO, args, { stdio: ['ignore', 'ignore', 'inherit'] }));
  for (let i = 0; ; i++) {
    const up = await fetch(`http://127.0.0.1:${upstream}/config`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 300 || child.exitCode !== null) throw new Error(`Isso did not start on port ${upstream}`);
    await sleep(100);
  }
  const proxy = await compressingProxy(port, upstream);
  return {
    url,
    stop: () => {
      proxy.close();
      child.kill('SIGTERM');
      fs.rmSync(data, { recursive: true, force: true });
    },
  };
}

/** A WordPress export (WXR 1.2) of the threads, as `isso import -t wordpress` reads it
 * (crates/frontera-compile/src/blogger/wxr.rs lists what it needs): per thread, comments
 * numbered 1, 2, … in the order written, so a parent always has the smaller number. The text
 * is Markdown (Isso escapes HTML): the paragraphs of makeThread's HTML, blank-line separated. */
function wxrOf(threads) {
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const gmt = (secs) => new Date(secs * 1000).toISOString().slice(0, 19).replace('T', ' ');
  const markdown = (html) => html.replace(/<\/p>\s*<p>/g, '\n\n').replace(/<\/?p>/g, '');
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>bench</title><wp:wxr_version>1.2</wp:wxr_version>'];
  for (const [uri, top] of Object.entries(threads)) {
    const all = top.flatMap((c) => [c, ...c.replies]).sort((a, b) => a.created - b.created || a.id - b.id);
    const number = new Map(all.map((c, i) => [c.id, i + 1]));
    out.push(`<item><title>${esc(uri)}</title><link>${esc(uri)}</link><wp:post_type>post</wp:post_type>`);
    for (const c of all) {
      out.push('<wp:comment>',
        `<wp:comment_id>${number.get(c.id)}</wp:comment_id>`,
        `<wp:comment_author>${esc(c.author || '')}</wp:comment_author>`,
        '<wp:comment_author_email></wp:comment_author_email>',
        `<wp:comment_author_url>${esc(c.website || '')}</wp:comment_author_url>`,
        '<wp:comment_author_IP>127.0.0.1</wp:comment_author_IP>',
        `<wp:comment_date_gmt>${gmt(c.created)}</wp:comment_date_gmt>`,
        `<wp:comment_content>${esc(markdown(c.text))}</wp:comment_content>`,
        '<wp:comment_approved>1</wp:comment_approved>',
        `<wp:comment_parent>${c.parent ? number.get(c.parent) : 0}</wp:comment_parent>`,
        '</wp:comment>');
    }
    out.push('</item>');
  }
  out.push('</channel></rss>');
  return out.join('\n');
}

/** Forwards every request to Isso on `upstream`, and compresses answers over 1 KB with brotli
 * (quality 4) or gzip when the browser accepts it: the nginx in front of a real Isso. */
function compressingProxy(port, upstream) {
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, host: `127.0.0.1:${upstream}` };
    delete headers['accept-encoding'];
    const up = http.request({ host: '127.0.0.1', port: upstream, method: req.method, path: req.url, headers }, (answer) => {
      const chunks = [];
      answer.on('data', (c) => chunks.push(c));
      answer.on('end', () => {
        let body = Buffer.concat(chunks);
        const out = { ...answer.headers, 'timing-allow-origin': '*' };
        const accepts = String(req.headers['accept-encoding'] || '');
        if (body.length > 1024 && accepts.includes('br')) {
          body = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
          out['content-encoding'] = 'br';
        } else if (body.length > 1024 && accepts.includes('gzip')) {
          body = zlib.gzipSync(body, { level: 6 });
          out['content-encoding'] = 'gzip';
        }
        delete out['transfer-encoding'];
        out['content-length'] = String(body.length);
        out.vary = [answer.headers.vary, 'Accept-Encoding'].filter(Boolean).join(', ');
        res.writeHead(answer.statusCode, out);
        res.end(body);
      });
    });
    up.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
