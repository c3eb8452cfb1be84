// Chaos tests restart or disrupt the shared broker, so they run alone and one at a time,
// after the main suite (`npm run test:chaos`, chained from `npm test`).
export default {
  files: ['**/*.chaos.test.ts', '!node_modules/**'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx', '--no-warnings'],
  serial: true,
  concurrency: 1,
  timeout: '3m',
};
