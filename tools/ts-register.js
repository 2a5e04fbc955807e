// Runs the TypeScript sources directly on Node 24 (CommonJS + require(esm) for NestJS 12):
// `node -r ./tools/ts-register.js services/order/src/main.ts`. Same swc settings as Jest.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const libs = ['contracts', 'messaging', 'platform', 'testing'];
const aliases = Object.fromEntries(libs.map((l) => [`@askfirst/${l}`, path.join(root, 'libs', l, 'src', 'index.ts')]));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, aliases[request] ?? request, ...rest);
};

process.setSourceMapsEnabled(true);
require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
