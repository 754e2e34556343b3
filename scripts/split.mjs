// The wasm modules of the comment section and of search (docs/decisions.md, "Comments and search
// in wasm modules of their own"). scripts/bin/wasm-bindgen, which trunk runs, leaves the split files in trunk's
// wasm-bindgen folder: the link module `__wasm_split.js` (which the main bindings import, and
// which loads each split module when the app first calls into it), one wasm file per split and
// one per chunk of code that several splits share.
// Here they join dist/ like every other asset: optimised (release), named by their content, the
// wasm fetched with its integrity, the link module listed in the import map's integrity by
// postbuild.mjs.
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const LINK = './__wasm_split.js';

// trunk's wasm-bindgen output folder: <cargo target dir>/wasm-bindgen/<release|debug>.
function splitDir(release) {
  const meta = spawnSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline'], { encoding: 'utf8' });
  if (meta.status !== 0) throw new Error('split.mjs: cargo metadata failed:\n' + meta.stderr);
  const target = JSON.parse(meta.stdout).target_directory;
  return path.join(target, 'wasm-bindgen', release ? 'release' : 'debug', 'frontera-split');
}

const contentName = (stem, ext, data) => `${stem}-${crypto.createHash('sha256').update(data).digest('hex').slice(0, 16)}${ext}`;
const sri = (data) => `sha384-${crypto.createHash('sha384').update(data).digest('base64')}`;

/**
 * Places the split modules beside the main bindings (`jsFile`, in trunk's staging folder) and points
 * the bindings at them. Returns the link module's file name, or null when the build has no split.
 */
export function placeSplit({ jsFile, release }) {
  const bindings = fs.readFileSync(jsFile, 'utf8');
  // A split build that the real wasm-bindgen processed alone imports a module nobody wrote, and
  // the app would not start: say how to build instead.
  if (bindings.includes('__wasm_split_placeholder__')) {
    throw new Error('split.mjs: the wasm was not split: build with scripts/bin first on PATH (source scripts/env.sh), whose wasm-bindgen splits it');
  }
  // The bindings name the link module in their import statements, which are renamed below, and
  // as the keys of the wasm's import modules, which must stay as the wasm names them.
  const importOf = `from "${LINK}"`;
  if (!bindings.includes(importOf)) return null;
  const dir = splitDir(release);
  const linkPath = path.join(dir, '__wasm_split.js');
  if (!fs.existsSync(linkPath)) throw new Error(`split.mjs: ${jsFile} imports ${LINK} but ${linkPath} is missing (was scripts/bin first on PATH?)`);
  let link = fs.readFileSync(linkPath, 'utf8');
  const jsDir = path.dirname(jsFile);

  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.wasm'))) {
    const src = path.join(dir, file);
    if (release) {
      // The same optimisation as the main module (index.html's data-wasm-opt and its params).
      const opt = spawnSync('wasm-opt', ['-Oz', '--converge', src, '-o', src], { stdio: 'inherit' });
      if (opt.status !== 0) throw new Error(`split.mjs: wasm-opt failed on ${src}`);
    }
    const data = fs.readFileSync(src);
    const name = contentName(path.basename(file, '.wasm'), '.wasm', data);
    fs.writeFileSync(path.join(jsDir, name), data);
    const fetchOf = `fetch(new URL("./${file}", import.meta.url))`;
    if (link.split(fetchOf).length !== 2) throw new Error(`split.mjs: ${linkPath} does not fetch ${file} exactly once`);
    link = link.replace(fetchOf, `fetch(new URL("./${name}", import.meta.url), { integrity: "${sri(data)}" })`);
  }
  // The link module asks the main bindings for the memory and the function table: the same
  // module the loader imported, so the same URL relative to the same folder.
  const mainImport = /import \{ initSync \} from "\.\/[^"]+";/;
  if (!mainImport.test(link)) throw new Error(`split.mjs: ${linkPath} has no import of the main bindings`);
  link = link.replace(mainImport, `import { initSync } from "./${path.basename(jsFile)}";`);
  const linkName = contentName('__wasm_split', '.js', link);
  fs.writeFileSync(path.join(jsDir, linkName), link);
  // (once per split module: the same module each time)
  fs.writeFileSync(jsFile, bindings.replaceAll(importOf, `from "./${linkName}"`));
  return linkName;
}
