// Pact tests run in order, apart from the main suite: consumers write contracts/pacts, then the
// providers verify them (`npm run contracts`, chained from `npm test`). Files of one stage may
// run side by side: each consumer file owns its own pact files.
export default {
  files: ['contracts/**/*.pact.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx', '--no-warnings'],
  workerThreads: false,
  concurrency: 2,
  timeout: '2m',
};
