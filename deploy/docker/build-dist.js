#!/usr/bin/env node
// Transpiles one service (plus the shared libs and the ops tools) from TypeScript to CommonJS in
// dist/, with the same swc settings as tools/ts-register.js and jest.preset.js, so the image runs
// `node dist/services/<name>/src/main.js` with production dependencies only (docs/adr/0008).
//
//   node deploy/docker/build-dist.js --service order [--out dist] [--root .]
//
// `@askfirst/<lib>` imports are rewritten to relative paths (swc `jsc.paths`), so the image needs
// no workspace links and no require hook. After writing, it checks the output:
//   - every relative require resolves to a file in dist/ (a lib or asset that was left out fails here);
//   - every bare import is a Node builtin or a *production* dependency of the repo root or of an
//     included workspace (importing a devDependency would crash the image at run time).
// Any failure exits non-zero, so `docker build` fails instead of shipping a broken image.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');

const LIBS = ['contracts', 'messaging', 'platform']; // libs/testing is test-only and never shipped
const TOOLS = ['tools/dlq-replay.ts'];
const SKIP = /(\.spec\.ts|\.int-spec\.ts|\.e2e-spec\.ts|\.d\.ts)$/;

function parseArgs(argv) {
  const args = { out: 'dist', root: path.resolve(__dirname, '../..') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--service') args.service = value;
    else if (flag === '--out') args.out = value;
    else if (flag === '--root') args.root = path.resolve(value);
    else throw new Error(`unknown argument ${flag}`);
    i++;
  }
  if (!args.service) throw new Error('usage: build-dist.js --service <name> [--out dist] [--root .]');
  args.out = path.resolve(args.root, args.out);
  return args;
}

function swcOptions(root, filename) {
  return {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
      baseUrl: root,
      paths: { '@askfirst/*': ['./libs/*/src/index.ts'] },
    },
    module: { type: 'commonjs' },
    sourceMaps: true,
    sourceFileName: path.relative(root, filename),
  };
}

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** Transpiles .ts files, copies every other file (templates, pages, JSON) as is. Returns written .js files. */
function build({ service, out, root }) {
  const { transformSync } = require('@swc/core');
  const sources = [...LIBS.map((l) => `libs/${l}/src`), `services/${service}/src`];
  if (!fs.existsSync(path.join(root, `services/${service}/src/main.ts`))) throw new Error(`services/${service}/src/main.ts not found`);
  fs.rmSync(out, { recursive: true, force: true });
  const files = [];
  for (const rel of sources) for (const file of walk(path.join(root, rel))) files.push(file);
  for (const tool of TOOLS) if (fs.existsSync(path.join(root, tool))) files.push(path.join(root, tool));
  const written = [];
  for (const file of files) {
    const rel = path.relative(root, file);
    if (SKIP.test(rel)) continue;
    const target = path.join(out, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!rel.endsWith('.ts')) {
      fs.copyFileSync(file, target);
      continue;
    }
    const js = target.replace(/\.ts$/, '.js');
    const { code, map } = transformSync(fs.readFileSync(file, 'utf8'), swcOptions(root, file));
    fs.writeFileSync(js, `${code}\n//# sourceMappingURL=${path.basename(js)}.map\n`);
    if (map) fs.writeFileSync(`${js}.map`, map);
    written.push(js);
  }
  return written;
}

function requiresOf(code) {
  const found = new Set();
  for (const m of code.matchAll(/\brequire\(\s*(["'])([^"']+)\1\s*\)/g)) found.add(m[2]);
  return [...found];
}

function resolvesInDist(fromFile, request) {
  const base = path.resolve(path.dirname(fromFile), request);
  return ['', '.js', '.json', '/index.js', '/index.json'].some((ext) => fs.existsSync(base + ext) && fs.statSync(base + ext).isFile());
}

function packageNameOf(request) {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Production dependencies the image installs (`npm ci --omit=dev`): root + included workspaces. */
function productionDependencies(root, service) {
  const manifests = ['package.json', ...LIBS.map((l) => `libs/${l}/package.json`), `services/${service}/package.json`];
  const deps = new Set();
  for (const m of manifests) {
    const file = path.join(root, m);
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) deps.add(name);
  }
  return deps;
}

/** Returns a list of problems (empty when the output is self-contained). */
function check({ service, out, root }, written) {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const deps = productionDependencies(root, service);
  const problems = [];
  for (const file of written) {
    const code = fs.readFileSync(file, 'utf8');
    for (const request of requiresOf(code)) {
      if (request.startsWith('.') || request.startsWith('/')) {
        if (!resolvesInDist(file, request)) problems.push(`${path.relative(out, file)}: require('${request}') does not resolve inside ${path.relative(root, out) || out}`);
      } else if (!builtins.has(request) && !builtins.has(packageNameOf(request)) && !deps.has(packageNameOf(request))) {
        problems.push(`${path.relative(out, file)}: '${packageNameOf(request)}' is not a production dependency (root or included workspace package.json "dependencies")`);
      }
    }
  }
  return problems;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const written = build(args);
  const problems = check(args, written);
  if (problems.length) {
    console.error(`build-dist: ${problems.length} problem(s) in the ${args.service} build:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`build-dist: ${args.service}: ${written.length} files transpiled into ${path.relative(args.root, args.out) || args.out}`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(`build-dist: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}

module.exports = { build, check, LIBS };
