// No orphans. scripts/serve's processes under honcho: the Procfile's own `isso:` line (on a free
// port and a scratch data folder instead of 8081 and .data/isso) beside a stand-in for trunk (the
// static server on dist/, since trunk serve would rebuild the app). However honcho is stopped, and
// whichever process dies, nothing of the run may be left. And `scripts/isso run` alone: Isso stops
// when whatever started it is killed, even by SIGKILL. No page: `test` is Playwright's own.
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { distDir, repoRoot } from './helpers';
import { freePort } from './isso';

const HONCHO = path.join(repoRoot, '.tools/isso-venv/bin/honcho');

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Pids of live processes (zombies excluded) whose command line contains `text` or whose process
 * group is one of `groups`; with `prefix`, only those whose command line starts with `text`. */
function processes(text: string, groups: number[], prefix = false): number[] {
  const found: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const named = prefix ? cmdline.startsWith(text) : cmdline.includes(text);
      if (state !== 'Z' && (named || groups.includes(Number(pgrp)))) found.push(Number(pid));
    } catch {
      // the process exited while being read
    }
  }
  return found;
}

/** Whether a process exists and has not exited. Its command line is emptied while it exits, before
 * its sockets close, so a process found by name is followed by pid from then on. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

interface Run {
  honcho: ChildProcess;
  output: () => string;
  data: string;
  issoPort: number;
  webPort: number;
  /** Every process of the run, found before any signal. */
  found: number[];
  /** The pids honcho reports for each Procfile process: the shell running its command, which
   * leads the process group of everything the command starts. */
  pids: { isso: number; web: number };
  /** How many comments Isso has on the seeded thread (-1 while it does not answer). */
  seeded?: () => Promise<number>;
}

/** Starts honcho on a Procfile made of the real `isso:` line and a static web server, and waits
 * until Isso answers with the seeded comments and the web server answers. A run that does not
 * come up at all is stopped, its output printed, and started once more on other ports: once in
 * CI (stop 33) Isso never answered in 60 s, and the message could not say why (what the tests
 * check is how the run stops, which a start on a port another process took says nothing of). */
async function startRun(): Promise<Run> {
  for (let attempt = 1; ; attempt++) {
    const run = await launch();
    if (await cameUp(run)) return await checked(run);
    const why = `scripts/serve under honcho did not come up (attempt ${attempt}); its output:\n${run.output()}`;
    await stopRun(run);
    runs.splice(runs.indexOf(run), 1);
    if (attempt === 2) throw new Error(why);
    console.warn(why);
  }
}

async function launch(): Promise<Run> {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-e2e-serve-'));
  const [issoPort, webPort] = [await freePort(), await freePort()];
  const real = fs.readFileSync(path.join(repoRoot, 'Procfile'), 'utf8');
  const issoLine = real.split('\n').find((l) => l.startsWith('isso:'))!;
  expect(issoLine).toContain(' --port 8081 ');
  expect(issoLine).toContain(' --data .data/isso ');
  expect(issoLine).toContain(' --seed ');
  const procfile = path.join(data, 'Procfile');
  fs.writeFileSync(
    procfile,
    `${issoLine.replace(' --port 8081 ', ` --port ${issoPort} `).replace(' --data .data/isso ', ` --data ${data}/isso `)}\n` +
      `web: node tests/e2e/static-server.mjs ${distDir} ${webPort}\n`,
  );
  // Its own process group, as a command started from a terminal has.
  const honcho = spawn(HONCHO, ['start', '--procfile', procfile, '--app-root', repoRoot, '--no-colour'], {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  honcho.stdout!.on('data', (d) => (out += d));
  honcho.stderr!.on('data', (d) => (out += d));
  const run: Run = { honcho, output: () => out, data, issoPort, webPort, found: [], pids: { isso: 0, web: 0 } };
  runs.push(run);
  const seeded = async () => {
    try {
      const res = await fetch(`http://127.0.0.1:${issoPort}/?uri=/2026/11/ocaso-wells-elects-mayor&limit=0`);
      return res.ok ? (await res.json()).total_replies : -1;
    } catch {
      return -1;
    }
  };
  run.seeded = seeded;
  return run;
}

/** Whether the run's Isso answers with the seeded comments within a minute. */
async function cameUp(run: Run): Promise<boolean> {
  try {
    await expect.poll(run.seeded!, { timeout: 60_000 }).toBe(6);
    return true;
  } catch {
    return false;
  }
}

/** Waits for the web server, and finds every process of the run before any signal. */
async function checked(run: Run): Promise<Run> {
  const { data, issoPort, webPort } = run;
  await expect.poll(() => fetch(`http://127.0.0.1:${webPort}/config.json`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
  const out = run.output();
  for (const name of ['isso', 'web'] as const) {
    run.pids[name] = Number(out.match(new RegExp(`${name}\\.1 started \\(pid=(\\d+)\\)`))![1]);
  }
  // Before any signal, the run's processes are found the way expectAllGone looks for them: Isso
  // itself (the one process named with its isso.cfg), and the web server.
  const isso = processes(`${data}/isso/isso.cfg`, []);
  const web = processes(`node tests/e2e/static-server.mjs ${distDir} ${webPort}`, [], true);
  expect([isso.length, web.length]).toEqual([1, 1]);
  expect(await listening(issoPort)).toBe(true);
  run.found = leftOf(run);
  expect(run.found).toEqual(expect.arrayContaining([isso[0], web[0], run.pids.isso, run.pids.web]));
  return run;
}

/** The processes of a run: by name (the data folder, the web server's port) and by group. */
function leftOf(run: Run): number[] {
  const named = [...processes(`${run.data}/isso`, [run.pids.isso]), ...processes(`static-server.mjs ${distDir} ${run.webPort}`, [run.pids.web])];
  return [...new Set([...named, ...run.found.filter(alive)])].sort();
}

/** Waits until honcho has exited and asserts that nothing of the run is left. */
async function expectAllGone(run: Run) {
  const exit = () => run.honcho.exitCode ?? run.honcho.signalCode;
  await expect.poll(exit, { timeout: 20_000, message: `honcho has not exited:\n${run.output()}` }).not.toBeNull();
  const state = async () => ({ left: leftOf(run), isso: await listening(run.issoPort), web: await listening(run.webPort) });
  await expect.poll(state, { timeout: 10_000, message: `left:\n${run.output()}` }).toEqual({ left: [], isso: false, web: false });
  // Isso stopped on honcho's SIGTERM, without needing the SIGKILL that comes 5 s later.
  expect(run.output()).toMatch(/isso\.1 stopped \(rc=/);
  expect(run.output()).not.toContain('SIGKILL to isso.1');
}

/** The runs of this worker; a failed test's are stopped in afterEach. */
const runs: Run[] = [];

/** Stops a run however far it got: SIGTERM to honcho's group, then SIGKILL to what is left (an
 * orphan keeps honcho waiting for its output), and removes its data folder. */
async function stopRun(run: Run) {
  const alive = () => run.honcho.exitCode === null && run.honcho.signalCode === null;
  if (alive()) process.kill(-run.honcho.pid!, 'SIGTERM');
  for (const deadline = Date.now() + 10_000; alive() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
  for (const pid of processes(run.data, [run.honcho.pid!, run.pids.isso, run.pids.web].filter((p) => p > 0))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  fs.rmSync(run.data, { recursive: true, force: true });
}

test.describe('scripts/serve under honcho', () => {
  test.describe.configure({ timeout: 120_000 });

  test.afterEach(async () => {
    for (const run of runs.splice(0)) await stopRun(run);
  });

  test('Ctrl-C (SIGINT to the terminal\'s process group) stops Isso and the web server', async () => {
    const run = await startRun();
    process.kill(-run.honcho.pid!, 'SIGINT');
    await expectAllGone(run);
    expect(run.honcho.exitCode).toBe(130);
  });

  test('SIGTERM to honcho alone stops Isso and the web server', async () => {
    const run = await startRun();
    run.honcho.kill('SIGTERM');
    await expectAllGone(run);
    expect(run.honcho.exitCode).toBe(143);
  });

  test('the web server dying (SIGKILL, as a crash of trunk) makes honcho stop Isso too', async () => {
    const run = await startRun();
    const server = processes(`node tests/e2e/static-server.mjs ${distDir} ${run.webPort}`, [], true);
    expect(server).toHaveLength(1);
    process.kill(server[0], 'SIGKILL');
    await expectAllGone(run);
    expect(run.output()).toMatch(/web\.1 stopped \(rc=137\)/);
    expect(run.output()).toMatch(/sending SIGTERM to isso\.1/);
  });
});

test('scripts/isso run: Isso stops when the process that started it is killed with SIGKILL', async () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-e2e-parent-'));
  const port = await freePort();
  // A shell that starts Isso in the background and waits: Isso's parent, killed below.
  const parent = spawn('sh', ['-c', `scripts/isso run --data ${data}/isso --port ${port} 2>${data}/isso.log & wait`], { cwd: repoRoot, stdio: 'ignore' });
  try {
    await expect.poll(() => fetch(`http://127.0.0.1:${port}/config`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
    const isso = processes(`${data}/isso/isso.cfg`, []);
    expect(isso).toHaveLength(1);
    parent.kill('SIGKILL');
    const state = async () => ({ alive: alive(isso[0]), listening: await listening(port) });
    await expect.poll(state, { timeout: 10_000 }).toEqual({ alive: false, listening: false });
  } finally {
    for (const pid of processes(`${data}/isso/isso.cfg`, [])) process.kill(pid, 'SIGKILL');
    fs.rmSync(data, { recursive: true, force: true });
  }
});

test('scripts/isso seed: two seeds at once post the sample threads once', async () => {
  // Parallel tests each seed the one test Isso; unserialised, both saw an empty thread and posted
  // it twice (CI showed "5 comments" and 12 where the sample has 6).
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-e2e-seed-'));
  const port = await freePort();
  const isso = spawn('sh', ['-c', `exec scripts/isso run --data ${data} --port ${port} 2>${data}/isso.log`], { cwd: repoRoot, stdio: 'ignore' });
  try {
    await expect.poll(() => fetch(`http://127.0.0.1:${port}/config`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
    const seed = () =>
      new Promise<number | null>((resolve) => spawn('scripts/isso', ['seed', '--data', data], { cwd: repoRoot, stdio: 'ignore' }).once('exit', resolve));
    expect(await Promise.all([seed(), seed()])).toEqual([0, 0]);
    type Seeded = { uri: string; comments: { replies?: unknown[] }[] };
    const posts: Seeded[] = JSON.parse(fs.readFileSync(path.join(repoRoot, 'isso/seed.json'), 'utf8')).posts;
    const body = JSON.stringify(posts.map((p) => p.uri));
    const res = await fetch(`http://127.0.0.1:${port}/count`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    // seed.json's replies are one level deep.
    expect(await res.json()).toEqual(posts.map((p) => p.comments.reduce((n, c) => n + 1 + (c.replies?.length ?? 0), 0)));
  } finally {
    isso.kill('SIGTERM');
    fs.rmSync(data, { recursive: true, force: true });
  }
});
