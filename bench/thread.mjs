// Section 3 of the benchmark (docs/benchmarks.md): a 1,000-comment thread, the app against plain
// JavaScript inserting the same comments, with the app's "load more" clicked as soon as it can be.
import { fmt, log, ratio, stats, timedLoad } from './lib.mjs';

// ---- 3. long threads ------------------------------------------------------------------------------
export async function commentsSection(browser, { site, postPath, thread, runs: RUNS, timeout: THREAD_TIMEOUT, fullThread, results, md }) {
  const total = thread.comments.reduce((n, c) => n + 1 + c.replies.length, 0);
  const watches = [
    { name: 'article', sel: 'main article.post' },
    { name: 'first', cls: 'comment' },
    { name: 'all', cls: 'comment', count: total },
  ];
  // Both opened at their comments, as a reader following a link to them: the app asks for its
  // comment module when the section is near the viewport, and a thread drawn on screen costs more
  // than one drawn below it, so both sides are drawn where the reader looks.
  const sides = { app: `${site}${postPath}#comments`, 'plain JS': `${site}/bench/static-thread.html#comments` };
  const raw = { app: [], 'plain JS': [] };
  const firstData = (r) => {
    const e = r.resources.find((x) => x.name.includes('uri=') && !x.name.includes('parent='));
    return e ? e.end : null;
  };
  // The app's own marks, when the build makes them: `frontera:comments` once its first page is
  // painted, `frontera:comments-all` after each page (the last is the whole thread). Without them
  // (older builds) and for plain JS: the MutationObserver's next frame after the comments exist.
  const perfMark = (r, name, last) => {
    const m = r.perfMarks.filter((x) => x.name === name);
    return m.length ? m[last ? m.length - 1 : 0].t : null;
  };
  // The protocol is RUNS alternating runs; while one app run takes over a minute (it did: the
  // thread is paged and re-rendered), 2 runs per side keep the bench within minutes.
  let runs = RUNS;
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? ['plain JS', 'app'] : ['app', 'plain JS'];
    for (const n of order) {
      const r = await timedLoad(browser, sides[n], {
        watches,
        ready: 'all',
        autoclick: n === 'app' ? { sel: 'button.load-more', cls: 'comment' } : null,
        timeout: THREAD_TIMEOUT,
        settle: 300,
        waitMark: n === 'app' ? 'frontera:comments-all' : null,
      });
      r.firstDataEnd = firstData(r);
      const first = perfMark(r, 'frontera:comments', false);
      const all = perfMark(r, 'frontera:comments-all', true);
      r.timing = first !== null && all !== null ? 'performance.mark' : 'MutationObserver';
      r.firstPainted = first ?? r.marks.first.frame;
      r.allPainted = all ?? r.marks.all.frame;
      raw[n].push(r);
      if (n === 'app' && i === 0 && r.allPainted > 60_000 && !fullThread) runs = Math.min(RUNS, 2);
      log(`thread run ${i + 1}/${runs} ${n}: first screenful ${Math.round(r.firstPainted)} ms (data at ${Math.round(r.firstDataEnd)}), all ${total} ${Math.round(r.allPainted)} ms (${r.timing}; observer: ${Math.round(r.marks.first.frame)}, ${Math.round(r.marks.all.frame)}), ${r.clicks} clicks`);
    }
  }
  const summary = {};
  for (const n of Object.keys(raw)) {
    summary[n] = {
      timing: [...new Set(raw[n].map((r) => r.timing))].join(', '),
      wholeThreadPainted: stats(raw[n].map((r) => r.allPainted)),
      firstCommentPainted: stats(raw[n].map((r) => r.firstPainted)),
      firstDataArrived: stats(raw[n].map((r) => r.firstDataEnd)),
      firstScreenAfterData: stats(raw[n].map((r) => r.firstPainted - r.firstDataEnd)),
      threadAfterFirstData: stats(raw[n].map((r) => r.allPainted - r.firstDataEnd)),
      observerWholeThreadPainted: stats(raw[n].map((r) => r.marks.all.frame)),
      observerFirstCommentPainted: stats(raw[n].map((r) => r.marks.first.frame)),
      requests: stats(raw[n].map((r) => r.requestsTotal)),
      loadMoreClicks: stats(raw[n].map((r) => r.clicks)),
    };
  }
  const wholeRatio = ratio(summary.app.wholeThreadPainted, summary['plain JS'].wholeThreadPainted);
  // Not a goal: the thread's own cost, without the app's start (wasm, config, post) before it.
  const afterDataRatio = ratio(summary.app.threadAfterFirstData, summary['plain JS'].threadAfterFirstData);
  results.comments = {
    thread: { uri: thread.uri, topLevel: thread.comments.length, replies: total - thread.comments.length, jsonBytes: Buffer.byteLength(JSON.stringify(thread.comments)) },
    summary,
    ratios: { wholeThread: wholeRatio, threadAfterFirstData: afterDataRatio },
    goals: {
      wholeThread: { ratio: 1.2, met: wholeRatio !== null && wholeRatio <= 1.2 },
      firstScreenAfterDataMs: { goal: 100, met: (summary.app.firstScreenAfterData?.median ?? Infinity) <= 100 },
    },
  };
  results.comments.runs = runs;
  md.push(`## 3. Long thread (${thread.comments.length} top-level + ${total - thread.comments.length} replies; ms from navigation; ${runs} alternating runs${runs < RUNS ? ' — cut from ' + RUNS + ' because one app run took over 60 s; --full-thread runs all' : ''})`, '',
    '| side | timed by | whole thread painted | first screenful painted | first thread data arrived | first screenful after its data | whole thread after first data | requests | "load more" clicks |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of Object.keys(summary)) {
    const s = summary[n];
    md.push(`| ${n} | ${s.timing} | ${fmt(s.wholeThreadPainted)} | ${fmt(s.firstCommentPainted)} | ${fmt(s.firstDataArrived)} | ${fmt(s.firstScreenAfterData)} | ${fmt(s.threadAfterFirstData)} | ${s.requests?.median ?? '–'} | ${s.loadMoreClicks?.median ?? '–'} |`);
  }
  md.push('', `Whole thread, app / plain JS: **${wholeRatio}×** (goal ≤ 1.2×). First screenful after its data (goal ≤ 100 ms): **${fmt(summary.app.firstScreenAfterData)} ms**. Whole thread after the first thread data, app / plain JS (the thread's own cost, without the app's start): ${afterDataRatio}×.`, '');
}
