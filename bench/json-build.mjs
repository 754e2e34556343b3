// The five wasm variants of bench/json.mjs: crates/frontera-jsonbench built once per feature set
// (its own workspace: --manifest-path), put through wasm-bindgen --target web and wasm-opt -Oz as
// trunk does for the app, into bench/out/json/site/<variant>, then weighed (raw and brotli).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const OUT = path.join(ROOT, 'bench', 'out');
const WORK = path.join(OUT, 'json');
export const SITE = path.join(WORK, 'site');
export const TARGET_DIR = process.env.JSONBENCH_TARGET_DIR || path.resolve(ROOT, '..', 'target-jsonbench');
const CRATE = 'frontera-jsonbench';
const MANIFEST = path.join(ROOT, 'crates', CRATE, 'Cargo.toml');
export const LIB = 'frontera_jsonbench';

export const log = (...a) => console.error('[json]', ...a);

const VARIANTS = {
  baseline: ['--no-default-features'],
  json: ['--no-default-features', '--features', 'json'],
  'json-bytes': ['--no-default-features', '--features', 'json-bytes'],
  swb: ['--no-default-features', '--features', 'swb'],
  both: ['--no-default-features', '--features', 'json,swb'],
};

// ---- build ----------------------------------------------------------------------------------

function lockedBindgen() {
  const lock = fs.readFileSync(path.join(path.dirname(MANIFEST), 'Cargo.lock'), 'utf8');
  const m = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/);
  if (!m) throw new Error(`wasm-bindgen not in crates/${CRATE}/Cargo.lock`);
  return m[1];
}

export function build() {
  const want = lockedBindgen();
  const have = execFileSync('wasm-bindgen', ['--version']).toString().trim().split(' ')[1];
  if (have !== want) throw new Error(`wasm-bindgen CLI ${have} ≠ crates/${CRATE}/Cargo.lock's ${want} (scripts/setup installs it)`);
  const wasmOpt = path.join(ROOT, 'node_modules', '.bin', 'wasm-opt');
  const cargoOut = path.join(TARGET_DIR, 'wasm32-unknown-unknown', 'release', `${LIB}.wasm`);
  fs.rmSync(SITE, { recursive: true, force: true });
  for (const [name, flags] of Object.entries(VARIANTS)) {
    log(`cargo build ${name} (${flags.join(' ') || 'default features'})`);
    execFileSync('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--manifest-path', MANIFEST, ...flags], {
      cwd: ROOT,
      env: { ...process.env, CARGO_TARGET_DIR: TARGET_DIR },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const dir = path.join(SITE, name);
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', dir, cargoOut]);
    const wasm = path.join(dir, `${LIB}_bg.wasm`);
    execFileSync(wasmOpt, ['-Oz', wasm, '-o', wasm]);
  }
}

// ---- bytes ----------------------------------------------------------------------------------

function sizes(file) {
  const raw = fs.statSync(file).size;
  const brotli = execFileSync('brotli', ['-q', '11', '-c', file], { maxBuffer: 1 << 28 }).length;
  return { raw, brotli };
}

export function weigh() {
  const out = {};
  for (const name of Object.keys(VARIANTS)) {
    const wasm = sizes(path.join(SITE, name, `${LIB}_bg.wasm`));
    const js = sizes(path.join(SITE, name, `${LIB}.js`));
    out[name] = { wasm, js, total: { raw: wasm.raw + js.raw, brotli: wasm.brotli + js.brotli } };
  }
  for (const name of Object.keys(out)) {
    const d = (k, c) => out[name][k][c] - out.baseline[k][c];
    out[name].delta = {
      wasm: { raw: d('wasm', 'raw'), brotli: d('wasm', 'brotli') },
      js: { raw: d('js', 'raw'), brotli: d('js', 'brotli') },
      total: { raw: d('total', 'raw'), brotli: d('total', 'brotli') },
    };
  }
  return out;
}
