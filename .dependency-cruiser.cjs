/** Import boundaries of DESIGN.md and STYLE.md, checked in `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'no-service-imports-another-service',
      comment: 'Services talk over HTTP (HAL links) and events only.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'platform-imports-no-service',
      comment: 'platform/ is the domain-free kit.',
      severity: 'error',
      from: { path: '^platform/' },
      to: { path: '^(services|gateway|desk|deploy|contracts)/' },
    },
    {
      name: 'gateway-reaches-services-over-http-only',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^(services|deploy)/' },
    },
    {
      name: 'desk-reaches-services-over-http-only',
      comment:
        "The editors' desk is a client of the services' HAL and HAL-FORMS, like the gateway. Its browser test starts a whole platform to drive.",
      severity: 'error',
      from: { path: '^desk/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(services|gateway|deploy|contracts)/' },
    },
    {
      name: 'services-do-not-import-gateway-or-deploy',
      severity: 'error',
      from: { path: '^services/' },
      to: { path: '^(gateway|desk|deploy|contracts)/' },
    },
    {
      name: 'edge-knows-only-the-platform-kit',
      comment: 'The edge (VCL, invalidator) reads events and HTTP answers; it imports no service or gateway code.',
      severity: 'error',
      from: { path: '^edge/' },
      to: { path: '^(services|gateway|deploy|contracts)/' },
    },
    {
      name: 'nothing-in-the-product-imports-the-edge',
      severity: 'error',
      from: { path: '^(platform|services|gateway)/' },
      to: { path: '^edge/' },
    },
    {
      name: 'domain-imports-no-io',
      comment: 'domain/ holds pure types and functions; adapters live in store/ and http/.',
      severity: 'error',
      from: { path: '^services/[^/]+/domain/' },
      to: {
        path: '^(services/[^/]+/(store|http|use-cases|messages)/|platform/(storage|http|outbox)/)|^(pg|koa|amqplib|mongodb|@koa/router|@electric-sql/pglite)$',
        dependencyTypes: ['local', 'npm', 'core'],
      },
    },
    {
      name: 'use-cases-do-not-import-each-other',
      severity: 'error',
      from: { path: '^services/([^/]+)/use-cases/([^/]+)/' },
      to: { path: '^services/$1/use-cases/', pathNot: '^services/$1/use-cases/$2/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|data|dist)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
