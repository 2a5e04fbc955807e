module.exports = require('../jest.preset')({ rootDir: __dirname, testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts', '<rootDir>/**/*.e2e-spec.ts'] });
