import { testAuth } from '#platform/testing/http';

/**
 * The environment of an embedded platform under test: PGlite in `dataDir`, no demo data, tokens
 * signed with `testAuth`. Shared by the end-to-end platform and the Pact provider host.
 */
export const embeddedTestVariables = (dataDir: string, port: number | string) => ({
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  DEMO_DATA: 'false',
  TOKEN_SECRET: testAuth.secret,
  TOKEN_ISSUER: testAuth.issuer,
  TOKEN_AUDIENCE: testAuth.audience,
});
