// Shared Jest setup: NestJS 12 is ESM-only, so Jest runs CommonJS code through @swc/jest on
// Node 24 with --experimental-vm-modules (require(esm)); see docs/adr/0001-toolchain.md.
const path = require('node:path');

const root = __dirname;
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = ({ rootDir, testMatch, ...rest } = {}) => ({
  rootDir,
  testEnvironment: 'node',
  testTimeout: 60_000,
  testMatch: testMatch ?? ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@askfirst/(contracts|messaging|platform|testing)$': path.join(root, 'libs/$1/src/index.ts'),
  },
  ...rest,
});
