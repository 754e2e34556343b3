// The fault proxy of faults.spec.ts (see its header): a Node http server in front of the static
// server or the real Isso that forwards, holds, cuts or replaces answers; the faults it makes and
// what each must look like in each area; the test fixtures that start it and watch for panics.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, fetchOwn, test as base } from './helpers';

export const ISSO = `http://127.0.0.1:${process.env.FRONTERA_E2E_ISSO_PORT || 4179}`;
export const ISSO_DATA = process.env.FRONTERA_E2E_ISSO_DATA || path.join(os.tmpdir(), 'frontera-e2e-isso');
/** request_timeout_ms in the routed config.json. */
export const TIMEOUT_MS = 2000;
/** How long a "slow" answer takes: well past the timeout. */
export const SLOW_MS = TIMEOUT_MS + 3000;

// ------------------------------------------------------------------------------------------------
// The fault proxy.

export type Mode =
  | { kind: 'pass' }
  | { kind: 'status'; status: number; body: string }
  /** 200 with an HTML page: a captive portal or a misrouted host. */
  | { kind: 'malformed' }
  /** Forwarded at once; the answer is held back SLOW_MS (the server did the work). */
  | { kind: 'slow-answer' }
  /** Held SLOW_MS before forwarding, dropped if the client gave up meanwhile (a gateway queue). */
  | { kind: 'slow-queue' }
  /** Forwarded; the answer's headers and half its body are sent, then the socket is destroyed. */
  | { kind: 'drop' }
  /** Forwarded; the answer is held back `ms` (less than the timeout: just a slow server). */
  | { kind: 'delay'; ms: number };

export interface Seen {
  method: string;
  path: string;
  faulted: boolean;
  forwarded: boolean;
  answered: boolean;
}

export class FaultProxy {
  port = 0;
  mode: Mode = { kind: 'pass' };
  /** Which requests the mode applies to; the others pass. */
  applies: (method: string, path: string) => boolean = () => true;
  seen: Seen[] = [];
  private server: http.Server | null = null;
  private sockets = new Set<Socket>();

  constructor(private target: string) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get listening() {
    return this.server !== null;
  }

  async start(port = this.port) {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and cuts every open connection: new requests are refused. */
  async stop() {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    res.on('error', () => {});
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const faulted = this.applies(method, url) && this.mode.kind !== 'pass';
    const mode: Mode = faulted ? this.mode : { kind: 'pass' };
    const seen: Seen = { method, path: url, faulted, forwarded: false, answered: false };
    this.seen.push(seen);
    let clientGone = false;
    res.on('close', () => {
      if (!res.writableFinished) clientGone = true;
    });
    const cors: Record<string, string> = req.headers.origin
      ? { 'access-control-allow-origin': req.headers.origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
      : {};
    if (mode.kind === 'status' || mode.kind === 'malformed') {
      const [status, page] =
        mode.kind === 'status'
          ? [mode.status, mode.body]
          : [200, '<!doctype html><html><head><title>Sign in to the network</title></head><body><form><input name=code></form></body></html>'];
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...cors });
      res.end(page);
      seen.answered = true;
      return;
    }
    if (mode.kind === 'slow-queue') {
      await sleep(SLOW_MS);
      if (clientGone) return;
    }
    let upstream: { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
    try {
      upstream = await forward(this.target, method, url, req.headers, body);
      seen.forwarded = true;
    } catch (e) {
      res.writeHead(599).end(String(e));
      return;
    }
    if (mode.kind === 'slow-answer') await sleep(SLOW_MS);
    if (mode.kind === 'delay') await sleep(mode.ms);
    const headers = { ...upstream.headers };
    for (const h of ['connection', 'keep-alive', 'transfer-encoding', 'content-length']) delete headers[h];
    headers['content-length'] = String(upstream.body.length);
    if (clientGone) {
      seen.answered = true; // sent into the void: the browser had given up
      return;
    }
    res.writeHead(upstream.status, headers);
    if (mode.kind === 'drop') {
      res.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)), () =>
        setTimeout(() => res.socket?.destroy(), 50),
      );
    } else {
      res.end(upstream.body);
    }
    seen.answered = true;
  }
}

export function forward(target: string, method: string, url: string, headers: http.IncomingHttpHeaders, body: Buffer) {
  const t = new URL(target);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const up = http.request(
      { host: t.hostname, port: t.port, method, path: url, headers: { ...headers, host: t.host, connection: 'close' } },
      (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(chunks) }));
        r.on('error', reject);
      },
    );
    up.on('error', reject);
    up.end(body);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const test = base.extend<{ faultProxy: (target: string) => Promise<FaultProxy>; noPanic: void }>({
  // A wasm panic logs "panicked at …" before the crash screen: none may happen.
  noPanic: [
    async ({ page }, use) => {
      const panics: string[] = [];
      page.on('console', (m) => {
        if (m.text().includes('panicked')) panics.push(m.text().slice(0, 300));
      });
      await use();
      expect(panics, 'panics').toEqual([]);
    },
    { auto: true },
  ],
  faultProxy: async ({}, use) => {
    const started: FaultProxy[] = [];
    await use(async (target) => {
      const p = new FaultProxy(target);
      await p.start(0);
      started.push(p);
      return p;
    });
    for (const p of started) await p.stop();
  },
});

// ------------------------------------------------------------------------------------------------
// The faults, and what each must look like in each area.

export type FaultName = 'down' | 'slow' | '500' | '502' | '503' | '403' | '429' | 'offline' | 'drop' | 'malformed';
export interface Fault {
  name: FaultName;
  what: string;
  /** The post data error view: data-error, title, technical detail. */
  post: { kind: string; title: string; detail: RegExp };
  /** The comment section's message: data-error and text. */
  comment: { kind: string; message: string };
}
export const nginx = (status: number, reason: string) =>
  `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
export const STATUS_BODIES: Record<string, string> = {
  '500': '<!doctype html>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error.</p>\n',
  '502': nginx(502, 'Bad Gateway'),
  '503': nginx(503, 'Service Temporarily Unavailable'),
  '403': '<!doctype html><title>403 Forbidden</title><h1>Forbidden</h1><p>Request blocked by the web application firewall.</p>',
  '429': nginx(429, 'Too Many Requests'),
};
export const serverFault = (status: string): Fault => ({
  name: status as FaultName,
  what: `HTTP ${status} with an HTML page`,
  post: { kind: 'server', title: 'The server had a problem', detail: new RegExp(`^server answered HTTP ${status}$`) },
  comment:
    status === '403'
      ? { kind: 'forbidden', message: 'The comment server refused this request.' }
      : { kind: 'server', message: 'The comment server had a problem. Try again in a moment.' },
});
export const FAULTS: Fault[] = [
  {
    name: 'down',
    what: 'server down: connection refused',
    post: { kind: 'network', title: 'You seem to be offline', detail: /^network error: / },
    comment: { kind: 'network', message: 'The comment server cannot be reached right now. Try again later.' },
  },
  {
    name: 'slow',
    what: `no answer within request_timeout_ms (${TIMEOUT_MS} ms)`,
    post: { kind: 'timeout', title: 'This is taking too long', detail: /^timed out$/ },
    comment: { kind: 'timeout', message: 'The comment server did not answer in time. Try again.' },
  },
  serverFault('500'),
  serverFault('502'),
  serverFault('503'),
  serverFault('403'),
  serverFault('429'),
  {
    name: 'offline',
    what: 'the browser is offline',
    post: { kind: 'network', title: 'You seem to be offline', detail: /^network error: / },
    comment: { kind: 'offline', message: 'You are offline. Check your connection and try again.' },
  },
  {
    name: 'drop',
    what: 'the connection drops after the headers and half the body',
    post: { kind: 'network', title: 'You seem to be offline', detail: /^network error: / },
    comment: { kind: 'network', message: 'The comment server cannot be reached right now. Try again later.' },
  },
  {
    name: 'malformed',
    what: 'a 200 answer that is an HTML page',
    post: { kind: 'malformed', title: 'We received damaged data', detail: /^malformed data: / },
    comment: { kind: 'malformed', message: 'The comment server sent an answer we could not read.' },
  },
];

/** Puts a fault in place. `slow` is `slow-answer` unless the request must never reach the server. */
export async function applyFault(fault: FaultName, proxy: FaultProxy, context: BrowserContext, slow: Mode = { kind: 'slow-answer' }) {
  switch (fault) {
    case 'down':
      return proxy.stop();
    case 'offline':
      return context.setOffline(true);
    case 'slow':
      proxy.mode = slow;
      return;
    case 'drop':
      proxy.mode = { kind: 'drop' };
      return;
    case 'malformed':
      proxy.mode = { kind: 'malformed' };
      return;
    default:
      proxy.mode = { kind: 'status', status: Number(fault), body: STATUS_BODIES[fault] };
  }
}

/** Takes a fault away again (whatever it was; safe to call twice). */
export async function removeFault(proxy: FaultProxy, context: BrowserContext) {
  proxy.mode = { kind: 'pass' };
  if (!proxy.listening) await proxy.start();
  await context.setOffline(false);
}

/** The real config.json with a short timeout, and the comment server (or none). */
export async function routeConfig(page: Page, commentServer: () => string | null) {
  await page.route('**/config.json', async (route) => {
    const response = await fetchOwn(route);
    const json = await response.json();
    json.request_timeout_ms = TIMEOUT_MS;
    json.comments = { server: commentServer(), policy_url: null };
    await route.fulfill({ response, json });
  });
}

/**
 * Offline, the page still has to open: the app's own files come from outside the browser (as
 * from a cached shell) while `toNetwork` requests go to the network, which is offline. Registered
 * last, so it is asked first; config.json falls through to its own route.
 */
export async function openWhileOffline(page: Page, toNetwork: (url: URL) => boolean) {
  await page.route(/.*/, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('/config.json')) return route.fallback();
    // A plain continue (the url-rewriting one fails in Chromium after an offline spell).
    if (toNetwork(url)) return route.continue().catch(() => {});
    const response = await fetchOwn(route);
    await route.fulfill({ response });
  });
}

export const firstLines = (e: unknown) => String((e as Error)?.message ?? e).split('\n').filter((l) => l.trim()).slice(0, 6).join(' | ');

/**
 * Runs each cell of a batch as its own step: a failing cell is named in the failure list and the
 * others still run (one page per batch keeps the matrix fast).
 */
export async function runCells<T>(
  cells: T[],
  name: (c: T) => string,
  run: (c: T) => Promise<void>,
  cleanUp: () => Promise<void>,
  state?: () => Promise<string>,
) {
  const failures: string[] = [];
  for (const cell of cells) {
    await test.step(name(cell), async () => {
      try {
        await run(cell);
      } catch (e) {
        // What the page looked like when the cell failed: CI keeps only this text.
        const seen = state ? await state().catch((err) => `(state unavailable: ${firstLines(err)})`) : '';
        failures.push(`${name(cell)}: ${firstLines(e)}${seen ? ` | page: ${seen}` : ''}`);
      } finally {
        await cleanUp();
      }
    });
  }
  expect(failures, `${failures.length} of ${cells.length} cells failed`).toEqual([]);
}

/** Offline last: it needs a route that stays until the end of its page. */
export const faultOrder = [...FAULTS.filter((f) => f.name !== 'offline'), FAULTS.find((f) => f.name === 'offline')!];
