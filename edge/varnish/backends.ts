/** The origins Varnish routes to, by the path prefix each serves. */
export const BACKEND_NAMES = ['gateway', 'catalogue', 'guidance', 'licencing', 'availability'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendOrigins = Readonly<Record<BackendName, string>>;

/** Every backend at one origin: the embedded mode, where one process serves all of them. */
export const oneOrigin = (origin: string): BackendOrigins =>
  Object.fromEntries(BACKEND_NAMES.map((name) => [name, origin])) as BackendOrigins;

/**
 * `backends.vcl` for the edge VCL (edge/vcl/vod.vcl includes it): one backend per origin, each
 * probed on `/health/live` every second, so that Varnish knows an outage (and may then answer
 * stale-if-error) within two to three seconds. Generated because VCL backends are static.
 */
export const backendsVcl = (origins: BackendOrigins): string =>
  BACKEND_NAMES.map((name) => {
    const url = new URL(origins[name]);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return [
      `backend ${name} {`,
      `  .host = "${url.hostname}";`,
      `  .port = "${port}";`,
      '  .connect_timeout = 1s;',
      '  .first_byte_timeout = 10s;',
      '  .probe = { .url = "/health/live"; .interval = 1s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2; }',
      '}',
    ].join('\n');
  }).join('\n\n') + '\n';
