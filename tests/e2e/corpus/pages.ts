// The pages of the injection corpus (injection.spec.ts, injection-comments.spec.ts): documents and
// threads that carry the payloads, the armed page (routes for the app's documents and a
// compromised Isso on the same origin, the detector watching), and how a test walks a page.
import type { Page } from '@playwright/test';
import { xssPayloads } from './xss-payloads';
import { fill, item, N, type Field } from './documents';
import { routeIsso, SANITISED, UNTRUSTED, watch, type Arena, type Audit } from './detector';
import { expect, readDist, test } from '../helpers';

// ── documents ────────────────────────────────────────────────────────────────────────────────

export const POST_PATH = '/2024/03/xss-post';
export const harmlessPost = () => item('xss-post', 'Harmless post');

export interface IssoComment {
  id: number;
  parent: number | null;
  text: string;
  author: string | null;
  website: string | null;
  mode: number;
  created: number;
  modified: null;
  likes: number;
  dislikes: number;
  total_replies: number;
  hidden_replies: number;
  replies: IssoComment[];
}

export function comment(id: number, parent: number | null, over: Partial<IssoComment>): IssoComment {
  return {
    id,
    parent,
    text: `<p>Harmless comment ${id}.</p>`,
    author: 'Vecina',
    website: 'https://example.org/vecina',
    mode: 1,
    created: 1_710_500_000 + id,
    modified: null,
    likes: 0,
    dislikes: 0,
    total_replies: 0,
    hidden_replies: 0,
    replies: [],
    ...over,
  };
}

/** Every REPLY_EVERY-th comment also has a reply carrying its payload (replies use the same view). */
export const REPLY_EVERY = 8;
export const REPLIES = Math.ceil(N / REPLY_EVERY);

/** Isso's answer for a thread: a comment per payload (and some replies), with it in each of `fields`. */
export function thread(fields: Partial<Record<'text' | 'author' | 'website', Field>>) {
  const replies = xssPayloads.map((p, i) => {
    const over: Partial<IssoComment> = {};
    for (const [key, field] of Object.entries(fields)) (over as any)[key] = fill(p, i, field);
    const top = comment(i + 1, null, over);
    if (i % REPLY_EVERY === 0) {
      top.total_replies = 1;
      top.replies = [comment(10_000 + i, i + 1, over)];
    }
    return top;
  });
  return { id: null, total_replies: N + REPLIES, hidden_replies: 0, replies };
}

// ── the page under attack ────────────────────────────────────────────────────────────────────

export interface Setup {
  /** Data documents by path under /data/ (`home/1.json`); the rest come from the built data. */
  data?: Record<string, unknown> | ((doc: string) => unknown);
  /** Isso's answer to GET /comments/?uri=… */
  thread?: unknown;
  /** Isso's answer to POST /comments/preview, from the text sent. */
  preview?: (text: string) => string;
  /** Keys replacing those of config.json. */
  config?: Record<string, unknown>;
}

export const appUrl = (path: string) => new URL(path, test.info().project.use.baseURL).href;

export async function arm(page: Page, setup: Setup = {}): Promise<Arena> {
  const arena = await watch(page);
  const base = readDist<Record<string, unknown>>('config.json');
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { ...base, comments: { server: '/comments/', policy_url: null }, ...setup.config } }),
  );
  const data = setup.data ?? {};
  const docOf = (url: URL) => url.pathname.slice('/data/'.length);
  const lookup = (doc: string) => (typeof data === 'function' ? data(doc) : data[doc]);
  await page.route(
    (url) => url.pathname.startsWith('/data/') && lookup(docOf(url)) !== undefined,
    (route) => route.fulfill({ json: lookup(docOf(new URL(route.request().url()))) }),
  );
  // A compromised Isso on the same origin.
  await routeIsso(page, { thread: setup.thread, preview: setup.preview });
  return arena;
}

export async function visit(page: Page, arena: Arena, path: string) {
  arena.allowed.add(appUrl(path));
  await page.goto(path);
}

/**
 * Runs in the page: goes to each post by a client-side route change, waits for it, its images
 * and a moment for handlers, pokes its sanitised content and returns the sync paragraphs found
 * in `syncIn` and an audit of the page.
 */
export async function walkPosts(page: Page, arena: Arena, posts: { path: string; title: string }[], syncIn: string) {
  for (const p of posts) arena.allowed.add(appUrl(p.path));
  return page.evaluate(
    async ({ posts, syncIn, untrusted, sanitised }) => {
      const w = window as any;
      const until = async (ok: () => boolean, ms: number) => {
        const start = performance.now();
        while (!ok()) {
          if (performance.now() - start > ms) return false;
          await new Promise((r) => setTimeout(r, 5));
        }
        return true;
      };
      const out: { path: string; rendered: boolean; sync: number[]; audit: Audit }[] = [];
      for (const { path, title } of posts) {
        if (location.pathname !== path) {
          history.pushState(null, '', path);
          dispatchEvent(new PopStateEvent('popstate'));
        }
        const rendered = await until(
          () => document.querySelector('main h1.post-title')?.textContent === title && !document.querySelector('main .skeleton'),
          10_000,
        );
        await until(() => [...document.images].every((i) => i.complete), 2_000);
        await new Promise((r) => setTimeout(r, 30));
        w.__fronteraPoke(sanitised);
        const sync = [...document.querySelectorAll(`${syncIn} p[title^="sync-"]`)].map((p) => Number(p.getAttribute('title')!.slice(5)));
        out.push({ path, rendered, sync, audit: w.__fronteraAudit(untrusted) });
      }
      return out;
    },
    { posts, syncIn, untrusted: UNTRUSTED, sanitised: SANITISED },
  );
}

/** Shows every batch of a long list (model::batches: 20 first, then 40 a press or a scroll). */
export async function showAll(page: Page) {
  const more = page.locator('main .list-more button');
  // Every list here is longer than one batch: the button must come (after the prerendered page
  // it replaces).
  await expect(more).toBeVisible();
  // isVisible does not wait; a click that finds the button gone (a scroll revealed the last
  // batch first) is not a failure.
  while (await more.isVisible()) await more.click({ timeout: 5_000 }).catch(() => {});
}
