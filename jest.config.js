// The whole test suite: every package's unit specs and integration specs, against the real Kafka and
// PostgreSQL named by KAFKA_BROKERS / DATABASE_URL (or testcontainers when those are unset).
const path = require('node:path');

const projects = ['libs/contracts', 'libs/messaging', 'libs/platform', 'libs/testing', 'services/order', 'services/inventory', 'services/notification', 'services/customer-service', 'tests']
  .map((p) => path.join(__dirname, p))
  .filter((p) => require('node:fs').existsSync(path.join(p, 'jest.config.js')));

module.exports = {
  projects,
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest-global-teardown.ts',
  testTimeout: 60_000,
  // A worker may take more than Jest's default 500 ms to exit after its last suite on a loaded two-core
  // VM: in session 12 the default gave "a worker process has failed to exit gracefully" in 5 of 5 full
  // runs, and 5 s in none. A handle that never closes is still reported, after 5 s.
  workerGracefulExitTimeout: 5_000,
};
