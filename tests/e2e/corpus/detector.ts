// The detector of the injection suites (tests/e2e/injection.spec.ts, the app rendering hostile
// data; tests/e2e/injection-static.spec.ts, the prerendered HTML of a hostile site).
//
// A payload that runs calls `__xss(N)` (N names the field and the payload, corpus/documents.ts),
// alert/confirm/prompt/print, opens a window, navigates to `/?navigated=N` or loads from
// evil.example: `watch` sees each of these. `provoke` gives every handler its chance (images
// settle, the page is scrolled, hovered and tabbed through, and every element of the sanitised
// content gets the events inline handlers listen for), and `expectNothingGotThrough` asserts that
// nothing ran, navigated or leaked and audits the DOM: no element anywhere has an on* attribute;
// no URL attribute holds a javascript:, vbscript: or document data: URL; no script, iframe,
// object, embed, base or meta in the body; no styles or form controls in sanitised HTML; no id or
// name from untrusted content shadows `document`, a form, or an id the app itself uses.
import type { Page } from '@playwright/test';
import { expect } from '../helpers';
import { describe } from './documents';

// ── the page under attack ────────────────────────────────────────────────────────────────────

export interface Arena {
  /** Payloads that ran: markers, dialogs, print, popups. */
  hits: string[];
  /** Main-frame URLs other than the ones the test went to. */
  navigations: string[];
  /** Requests no sanitised page would make. */
  leaks: string[];
  /** URLs the test itself goes to. */
  allowed: Set<string>;
}

/**
 * Watches `page` for payloads that run, navigate or load from elsewhere (requests that leave
 * 127.0.0.1 are aborted and counted as leaks), and gives it the audit and poke functions.
 */
export async function watch(page: Page): Promise<Arena> {
  const arena: Arena = { hits: [], navigations: [], leaks: [], allowed: new Set() };
  await page.exposeFunction('__xss', (n: unknown) => {
    arena.hits.push(`marker ${describe(n)}`);
  });
  await page.addInitScript({
    content: `window.print = () => window.__xss('print()');
      window.__fronteraAudit = ${auditInPage.toString()};
      window.__fronteraPoke = ${pokeInPage.toString()};`,
  });
  page.on('dialog', (d) => {
    arena.hits.push(`${d.type()}(${describe(d.message())})`);
    d.dismiss().catch(() => {});
  });
  page.on('popup', (p) => arena.hits.push(`popup ${p.url()}`));
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame() && !arena.allowed.has(f.url())) arena.navigations.push(f.url());
  });
  page.on('request', (r) => {
    if (r.url().includes('navigated=')) arena.leaks.push(`${r.resourceType()} ${r.url()}`);
  });

  // Nothing leaves the machine; a request for evil.example (base, CSS) is a leak.
  await page.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      arena.leaks.push(`${route.request().resourceType()} ${route.request().url()}`);
      return route.abort('blockedbyclient');
    },
  );
  return arena;
}

/** What a compromised Isso on the page's own origin (`/comments/`) answers. */
export interface Isso {
  /** Its answer to GET /comments/?uri=… */
  thread?: unknown;
  /** Its answer to POST /comments/preview, from the text sent. */
  preview?: (text: string) => string;
}

/** Answers for Isso at `/comments/`, as `isso` says (an empty thread by default). */
export async function routeIsso(page: Page, isso: Isso = {}) {
  const emptyThread = { id: null, total_replies: 0, hidden_replies: 0, replies: [] };
  await page.route(
    (url) => url.pathname.startsWith('/comments/'),
    (route) => {
      const req = route.request();
      const { pathname } = new URL(req.url());
      if (pathname === '/comments/' && req.method() === 'GET') return route.fulfill({ json: isso.thread ?? emptyThread });
      if (pathname === '/comments/config') {
        return route.fulfill({ json: { config: { 'require-author': false, 'require-email': false, 'reply-to-self': false } } });
      }
      if (pathname === '/comments/count') {
        return route.fulfill({ json: (JSON.parse(req.postData() || '[]') as unknown[]).map(() => 0) });
      }
      if (pathname === '/comments/preview') {
        const text = (JSON.parse(req.postData() || '{}') as { text?: string }).text ?? '';
        return route.fulfill({ json: { text: isso.preview?.(text) ?? '' } });
      }
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' });
    },
  );
}

// ── provoking and auditing ───────────────────────────────────────────────────────────────────

/** Where untrusted text and HTML end up. */
export const UNTRUSTED = [
  '.prose',
  '.post-title',
  '.byline',
  '.post-footer',
  '.post-nav',
  '.comment-meta',
  '.comment-preview',
  '.masthead .brand',
  '.labels-widget',
  'h1.list-heading',
  'footer',
].join(', ');

/** Where sanitised HTML ends up: the only untrusted content that can hold elements of its own. */
export const SANITISED = '.prose';

/**
 * Runs in the page: every element with attributes inside the sanitised content receives the
 * events inline handlers listen for. Synthetic clicks and submits have their default action
 * prevented, so nothing navigates; handlers would still run.
 */
function pokeInPage(selector: string) {
  const w = window as any;
  if (!w.__fronteraGuard) {
    w.__fronteraGuard = true;
    const guard = (e: Event) => {
      if (!e.isTrusted) e.preventDefault();
    };
    window.addEventListener('click', guard, true);
    window.addEventListener('submit', guard, true);
  }
  const mouse = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'mouseout', 'mouseleave', 'dblclick', 'auxclick', 'contextmenu'];
  const pointer = ['pointerover', 'pointerenter', 'pointermove', 'pointerdown', 'pointerup', 'pointerrawupdate'];
  const focus = ['focus', 'focusin', 'blur', 'focusout'];
  const plain = [
    'load', 'error', 'toggle', 'beforetoggle', 'scroll', 'scrollend', 'input', 'beforeinput', 'change', 'copy',
    'cut', 'paste', 'selectstart', 'dragstart', 'animationstart', 'animationend', 'webkitAnimationStart',
    'transitionrun', 'transitionend', 'beginEvent', 'endEvent', 'start', 'finish', 'close', 'cancel',
    'contentvisibilityautostatechange', 'pageshow', 'message', 'show', 'invalid', 'search', 'wheel',
  ];
  for (const root of document.querySelectorAll(selector)) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      // An inline handler is an attribute: an element without attributes has none to fire.
      if (el.attributes.length === 0) continue;
      for (const t of mouse) el.dispatchEvent(new MouseEvent(t, { cancelable: true }));
      if (!el.closest('a, button, summary, label')) el.dispatchEvent(new MouseEvent('click', { cancelable: true }));
      for (const t of pointer) el.dispatchEvent(new PointerEvent(t, { cancelable: true }));
      for (const t of focus) el.dispatchEvent(new FocusEvent(t));
      for (const t of ['keydown', 'keyup', 'keypress']) el.dispatchEvent(new KeyboardEvent(t, { key: 'x' }));
      for (const t of plain) el.dispatchEvent(new Event(t, { cancelable: true }));
    }
  }
}

/**
 * Gives every handler its chance: images settle, the page is scrolled and hovered with the real
 * mouse, tabbed through, and the untrusted content is poked; then a settle for animations, media
 * errors and timers.
 */
export async function provoke(page: Page) {
  await page
    .waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 5_000 })
    .catch(() => {});
  // The real mouse across the first and the middle screen (a list of every payload is tens of
  // thousands of pixels tall; the synthetic events reach every element).
  const vp = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (const y of [0, 0.5].map((f) => Math.round(f * Math.max(0, height - vp.height)))) {
    await page.evaluate((y) => window.scrollTo(0, y), y);
    await page.mouse.move(4, 4);
    await page.mouse.move(vp.width - 4, vp.height - 4, { steps: 2 });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let i = 0; i < 2; i++) await page.keyboard.press('Tab');
  await page.evaluate((selector) => (window as any).__fronteraPoke(selector), SANITISED);
  await page.waitForTimeout(600);
}

export interface Audit {
  handlers: string[];
  urls: string[];
  elements: string[];
  styling: string[];
  clobbering: string[];
  globals: string[];
}

/**
 * Runs in the page: reads the whole document (template contents and open shadow roots too) for
 * what must not be there. Each finding says where it is (post, comment, field). `own` selects
 * elements the app itself writes into the body that the element check would otherwise report.
 */
function auditInPage(untrusted: string, scope?: string, own?: string): Audit {
  const out = { handlers: [] as string[], urls: [] as string[], elements: [] as string[], styling: [] as string[], clobbering: [] as string[], globals: [] as string[] };
  const where = (el: Element) => {
    const post = el.closest('article.post');
    const c = el.closest('article.comment');
    const field = [
      ['.comment-preview', 'preview'],
      ['.comment-text', 'comment text'],
      ['.comment-author', 'comment author'],
      ['.prose', 'body'],
      ['.post-title', 'title'],
      ['.byline', 'byline'],
      ['.source', 'source'],
      ['.post-labels', 'labels'],
      ['.post-nav', 'newer/older'],
      ['.masthead', 'masthead'],
      ['.labels-widget', 'labels widget'],
      ['.list-heading', 'heading'],
    ].find(([s]) => el.closest(s))?.[1];
    const bits = [
      post ? `post ${post.querySelector('.post-title a')?.getAttribute('href') ?? location.pathname}` : '',
      c ? `comment ${c.getAttribute('data-id')}` : '',
      field ?? '',
    ].filter(Boolean);
    return bits.join(', ') || `${el.parentElement?.tagName.toLowerCase() ?? 'document'} at ${location.pathname}`;
  };
  const show = (el: Element) => {
    const attrs = [...el.attributes].map((a) => `${a.name}="${a.value.slice(0, 80)}"`).join(' ');
    return `<${el.tagName.toLowerCase()}${attrs ? ' ' + attrs : ''}> in ${where(el)}`;
  };
  const walk = (root: ParentNode, acc: Element[]) => {
    for (const el of root.querySelectorAll('*')) {
      acc.push(el);
      if (el instanceof HTMLTemplateElement) walk(el.content, acc);
      if (el.shadowRoot) walk(el.shadowRoot, acc);
    }
    return acc;
  };
  const everything = walk(scope ? document.querySelector(scope)! : document, []);

  // 1. Inline event handlers, anywhere.
  for (const el of everything) {
    for (const a of el.attributes) if (/^on/i.test(a.name)) out.handlers.push(`${a.name} on ${show(el)}`);
  }

  // 2. URLs that run script or load a document, in any attribute that takes one. Browsers drop
  // tabs, newlines and leading controls from a scheme, so those are squashed out first.
  const squash = (v: string) => v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scripting = (v: string) => /^(javascript|vbscript|livescript|mocha):/.test(squash(v));
  const dataUrl = (v: string) => /^data:/.test(squash(v));
  const documentData = (v: string) => /^data:(text\/html|application\/xhtml|text\/xml|application\/xml|image\/svg)/.test(squash(v));
  // Media elements may load data: images and sounds; they never run or show them as documents.
  const media = new Set(['img', 'source', 'video', 'audio', 'track', 'input', 'picture']);
  const urlAttrs = new Set([
    'href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'cite', 'ping',
    'codebase', 'longdesc', 'lowsrc', 'dynsrc', 'manifest', 'profile', 'classid', 'archive', 'icon',
  ]);
  for (const el of everything) {
    const tag = el.tagName.toLowerCase();
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name === 'srcdoc') out.urls.push(`srcdoc on ${show(el)}`);
      else if (['values', 'to', 'from', 'by'].includes(name) && squash(a.value).includes('javascript:')) out.urls.push(`${name} on ${show(el)}`);
      // An image candidate (img/source srcset) is never run or shown as a document, whatever its
      // scheme; DOMPurify leaves srcset alone, and need not check it.
      else if (name === 'srcset' && !media.has(tag) && a.value.split(/[\s,]+/).some((v) => scripting(v) || dataUrl(v))) {
        out.urls.push(`srcset on ${show(el)}`);
      } else if (urlAttrs.has(name)) {
        for (const v of name === 'ping' ? a.value.split(/\s+/) : [a.value]) {
          const bad = scripting(v) || (dataUrl(v) && (!media.has(tag) || (documentData(v) && name !== 'src' && name !== 'poster')));
          if (bad) out.urls.push(`${name} on ${show(el)}`);
        }
      }
    }
    if ((el instanceof HTMLAnchorElement || el instanceof HTMLAreaElement) && el.hasAttribute('href')) {
      if (['javascript:', 'vbscript:', 'data:'].includes(el.protocol)) out.urls.push(`resolved ${el.protocol} href on ${show(el)}`);
    }
  }

  // 3. Elements that run or load things, or change the document's URL (index.html's <base href="/">
  // and metas in <head> are the app's own).
  for (const el of (scope ? document.querySelector(scope)! : document.body).querySelectorAll(
    'script, iframe, frame, frameset, object, embed, applet, portal, base, meta, link, style, noscript, template[shadowrootmode], template[shadowroot]',
  )) {
    if (!(own && el.matches(own))) out.elements.push(show(el));
  }
  // index.html's own Content-Security-Policy (scripts/postbuild.mjs) is the first element after
  // <meta charset>; any other http-equiv meta (refresh, a second policy) came from content.
  const ownPolicy = document.head.querySelector('meta[charset] + meta[http-equiv="Content-Security-Policy"]');
  for (const el of document.querySelectorAll('meta[http-equiv]')) if (el !== ownPolicy) out.elements.push(show(el));
  const bases = [...document.querySelectorAll('base')];
  if (bases.length !== 1 || bases[0].getAttribute('href') !== '/') out.elements.push(`base elements: ${bases.map(show).join(', ')}`);
  if (document.baseURI !== `${location.origin}/`) out.elements.push(`document.baseURI is ${document.baseURI}`);
  if (window.frames.length !== 0) out.elements.push(`${window.frames.length} frame(s) in the page`);

  // 4. Sanitised HTML keeps to the article profile of safe_html.rs: no styles, no form controls.
  for (const prose of (scope ? document.querySelector(scope)! : document).querySelectorAll('.prose')) {
    for (const el of prose.querySelectorAll('*')) {
      if (el.hasAttribute('style')) out.styling.push(`style attribute on ${show(el)}`);
      if (el.matches('style, link, form, input, button, textarea, select, option, dialog, keygen, isindex')) out.styling.push(show(el));
    }
  }

  // 5. DOM clobbering: an id or name from untrusted content must not shadow a property of
  // `document`, of a form or of an element, nor take an id the app itself uses (the comment
  // section's `comments`, `comments-title`, `comment-text`, `comment-<id>` …).
  const appIds = new Set<string>();
  for (const el of document.querySelectorAll('[id]')) if (!el.parentElement?.closest(untrusted)) appIds.add(el.id);
  const shadows = (v: string) =>
    v === 'location' || v in Document.prototype || v in HTMLDocument.prototype || v in HTMLFormElement.prototype || v in HTMLElement.prototype;
  for (const el of document.querySelectorAll(untrusted)) {
    for (const inner of el.querySelectorAll('[id], [name]')) {
      if (inner.parentElement?.closest(untrusted) !== el) continue;
      for (const key of ['id', 'name']) {
        const v = inner.getAttribute(key);
        if (v === null) continue;
        if (shadows(v)) out.clobbering.push(`${key}="${v}" shadows a DOM property: ${show(inner)}`);
        if (appIds.has(v)) out.clobbering.push(`${key}="${v}" is an id the app uses: ${show(inner)}`);
      }
    }
  }

  // 6. The globals the app and DOMPurify rely on are intact.
  const checks: [string, boolean][] = [
    ['document.getElementById', typeof document.getElementById === 'function'],
    ['document.querySelector', typeof document.querySelector === 'function'],
    ['document.createElement', typeof document.createElement === 'function'],
    ['document.body', document.body instanceof HTMLBodyElement],
    ['document.documentElement', document.documentElement instanceof HTMLHtmlElement],
    ['document.defaultView', document.defaultView === window],
    ['document.forms', document.forms instanceof HTMLCollection],
    ['document.cookie', typeof document.cookie === 'string'],
    ['document.location', document.location === window.location],
    ['window.location', window.location instanceof Location],
    ['window.wasmBindings', !((window as any).wasmBindings instanceof Element)],
    ['window.__xss', typeof (window as any).__xss === 'function'],
  ];
  for (const [name, ok] of checks) if (!ok) out.globals.push(name);
  return out;
}

/**
 * Audits the page, or only what is inside `scope` (the other checks still see the whole page);
 * `own`: elements of the app's own that the element check leaves alone.
 */
export const audit = (page: Page, scope?: string, own?: string): Promise<Audit> =>
  page.evaluate(([u, s, o]) => (window as any).__fronteraAudit(u, s, o), [UNTRUSTED, scope, own] as const);

export function expectClean(found: Audit, label: string) {
  expect(found.handlers, `${label}: inline event handlers in the DOM`).toEqual([]);
  expect(found.urls, `${label}: script or document URLs in the DOM`).toEqual([]);
  expect(found.elements, `${label}: active elements in the page`).toEqual([]);
  expect(found.styling, `${label}: styles or form controls in sanitised HTML`).toEqual([]);
  expect(found.clobbering, `${label}: DOM clobbering`).toEqual([]);
  expect(found.globals, `${label}: clobbered globals`).toEqual([]);
}

/**
 * Asserts that nothing ran, navigated, leaked or got through; `label` names the page, `own`
 * selects elements of the app's own that the audit leaves alone.
 */
export async function expectNothingGotThrough(page: Page, arena: Arena, label: string, own?: string) {
  const found = await audit(page, undefined, own);
  expect(arena.hits, `${label}: payloads that ran`).toEqual([]);
  expect(arena.navigations, `${label}: the page navigated away`).toEqual([]);
  expect(arena.leaks, `${label}: requests a sanitised page would never make`).toEqual([]);
  expectClean(found, label);
  expect(page.frames(), `${label}: frames`).toHaveLength(1);
  expect(new URL(page.url()).search, `${label}: the URL gained a query`).toBe('');
}

/** The frame of the app is there and no crash or error view replaced the content. */
export async function expectAppIntact(page: Page) {
  await expect(page.locator('header.masthead a.site-title')).toBeVisible();
  await expect(page.locator('[data-error="crash"]')).toHaveCount(0);
  await expect(page.locator('main .error-view, section#comments .comments-error')).toHaveCount(0);
}
