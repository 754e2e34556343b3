// The test Isso servers. The shared one is a `webServer` of playwright.config.ts; a test that needs
// other settings, or stops the server, gets its own through the `ownIsso` fixture. Moderation goes
// through `scripts/isso` (docs/comments-server.md).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, test as base } from './helpers';

export const APP_ORIGIN = `http://127.0.0.1:${process.env.FRONTERA_E2E_PORT || 4178}`;

/** Runs `scripts/isso ARGS…` and returns its standard output (it throws on a non-zero exit). */
export function issoCli(...args: string[]): string {
  return execFileSync(path.join(repoRoot, 'scripts/isso'), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One Isso of a test's own: `scripts/isso run` on its own port and data folder. */
export class OwnIsso {
  readonly url: string;
  private child?: ChildProcess;

  constructor(
    readonly data: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts Isso (again: same port, same database) and waits until GET /config answers 200. */
  async start() {
    const log = fs.openSync(path.join(this.data, 'isso.log'), 'a');
    const child = spawn(path.join(repoRoot, 'scripts/isso'), ['run', '--data', this.data, '--port', String(this.port), '--origin', APP_ORIGIN], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    this.child = child;
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${this.url}/config`).then((r) => r.status, () => 0)) !== 200) {
      if (child.exitCode !== null || Date.now() > deadline) {
        const tail = fs.readFileSync(path.join(this.data, 'isso.log'), 'utf8').slice(-2000);
        throw new Error(`Isso did not answer on ${this.url} (exit ${child.exitCode}):\n${tail}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops Isso with SIGTERM (SIGKILL after 10 s) and waits until it has exited. */
  async stop() {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** `test` with `ownIsso(env)`: a fresh Isso (with these ISSO_* settings), stopped after the test. */
export const test = base.extend<{ ownIsso: (env?: Record<string, string>) => Promise<OwnIsso> }>({
  ownIsso: async ({}, use) => {
    const started: OwnIsso[] = [];
    await use(async (env = {}) => {
      const isso = new OwnIsso(fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-e2e-own-isso-')), await freePort(), env);
      started.push(isso);
      await isso.start();
      return isso;
    });
    for (const isso of started) {
      await isso.stop();
      fs.rmSync(isso.data, { recursive: true, force: true });
    }
  },
});
