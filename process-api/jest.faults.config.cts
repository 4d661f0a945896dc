/*
 * Fault tests (`npm run test:faults`): real API processes (the built bundle) killed and restarted against one
 * embedded PostgreSQL. Slow by nature, so kept out of `npm test`; .ci/run runs them after it.
 */
const base = require('./jest.config.cts');

module.exports = {
  ...base,
  displayName: 'process-api faults',
  roots: ['<rootDir>/src/faults'],
  testMatch: ['**/*.faults.ts'],
  testTimeout: 15 * 60_000,
};
