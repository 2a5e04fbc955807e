// The repo's shared preset (@swc/jest, legacy decorators + metadata, CommonJS; NestJS 12 is loaded
// through require(esm), hence NODE_OPTIONS=--experimental-vm-modules in package.json's scripts).
module.exports = require('../../jest.preset')({
  rootDir: __dirname,
  // class-validator/class-transformer decorators in specs read design-time metadata.
  setupFiles: ['reflect-metadata'],
});
