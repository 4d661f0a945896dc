import baseConfig from '../eslint.config.mjs';

// Playwright's own output (HTML report, traces) is generated, minified code: not ours to lint.
export default [...baseConfig, { ignores: ['**/playwright-report/**', '**/test-results/**'] }];
