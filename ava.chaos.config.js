// Chaos tests restart or disrupt the shared broker, so they run alone and one file at a time,
// after the main suite (`npm run test:chaos`, chained from `npm test`). Each file runs in a
// child process: isolated from the others' sockets, and tsx's loader is applied reliably there.
export default {
  files: ['**/*.chaos.test.ts', '!node_modules/**'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx', '--no-warnings'],
  workerThreads: false,
  serial: true,
  concurrency: 1,
  timeout: '3m',
};
