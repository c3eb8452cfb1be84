import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import { issueToken, type TokenSettings } from '#platform/auth/tokens';
import { assertProductionSecret, type Config } from '#platform/config/config';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import { createMetrics } from '#platform/metrics/metrics';
import type { Database } from '#platform/storage/database';
import { lockDataDir } from '#platform/storage/data-dir-lock';
import { createCatalogueService } from '../services/catalogue/service.ts';
import { createGuidanceService } from '../services/guidance/service.ts';
import { createLicencingService } from '../services/licencing/service.ts';
import { createAvailabilityComponent } from './availability-component.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import { createGateway } from '../gateway/gateway.ts';
import { readDeskConfig } from '../desk/config.ts';
import { createDesk } from '../desk/desk.ts';
import { createInvalidatorComponent } from './invalidator-component.ts';
import type { Component } from './component.ts';
import { loadDemoOnce } from './demo/load-demo-data.ts';
import { createBus, createDatabaseOpener } from './infrastructure.ts';
import { instrumentBus } from './instrument-bus.ts';
import { observePlatform } from './observe-platform.ts';
import { ALL_SECTIONS, pageNav } from '#platform/http/page-nav';
import { warmUpRequestsFor } from './warm-up.ts';

export const COMPONENT_NAMES = ['catalogue', 'guidance', 'licencing', 'availability', 'gateway', 'invalidator', 'desk'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];
const DOMAIN_SERVICES: readonly ComponentName[] = ['catalogue', 'guidance', 'licencing'];

/**
 * Whether a component holds the token secret: the services check editors' tokens with it and
 * the desk signs each signed-in editor's own; the gateway and the invalidator only read.
 */
export const verifiesTokens = (name: ComponentName): boolean => name !== 'gateway' && name !== 'invalidator';

/**
 * Where a page of this process sends a browser for the editors' desk: `/desk` when the desk is
 * here, or when the gateway is here and redirects `/desk` to the desk's own origin; that origin's
 * `/desk` from a service process that knows it (DESK_PUBLIC_URL); otherwise nowhere.
 */
const deskHref = (deskHere: boolean, gatewayHere: boolean, deskOrigin: string | undefined): string | undefined => {
  if (deskHere || (gatewayHere && deskOrigin)) return '/desk';
  return deskOrigin ? new URL('/desk', deskOrigin).href : undefined;
};

/**
 * The one composition root: builds the chosen components (all of them by default) on the
 * adapters the configuration selects. `deploy/all-in-one.ts` serves them all in one process;
 * `deploy/one-service.ts` serves one per process. No code moves between the two. Metrics and
 * traces are wired here too (a registry per process, the bus wrapped), not inside services.
 * `env` is where the gateway's own variables are read (validate it first: readConfiguration).
 */
export const composePlatform = async (
  config: Config,
  logger: Logger,
  names: readonly ComponentName[] = COMPONENT_NAMES,
  env: Record<string, string | undefined> = process.env,
) => {
  assertProductionSecret(config, names.some(verifiesTokens));
  // Embedded stores live under DATA_DIR: one process at a time, or both would acknowledge writes
  // that one of them loses. Taken before anything opens, released after the stores closed.
  const dataDirLock =
    !config.DATABASE_URL && names.some((name) => DOMAIN_SERVICES.includes(name)) ? await lockDataDir(config.DATA_DIR) : undefined;
  const metrics = createMetrics();
  const wanted = (name: ComponentName) => names.includes(name);
  // The gateway and the desk publish and consume nothing, so they need no broker connection.
  const needsBus = names.some((name) => name !== 'gateway' && name !== 'desk');
  const rawBus = needsBus ? await createBus(config, logger, names.length === 1 ? names[0]! : 'vod') : createInProcessBus({ logger });
  // Only the gateway calls other processes while serving: there requests and events run in the
  // async trace scope, which costs every promise a hook on Node 20 (see createHttpApp).
  const asyncTraceScope = wanted('gateway');
  const bus = instrumentBus(rawBus, { metrics, logger: logger.child({ component: 'consumer' }), asyncTraceScope });
  const auth: TokenSettings = { secret: config.TOKEN_SECRET, issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE };
  const databases: Database[] = [];
  const openDatabase = createDatabaseOpener(config);
  /** A service's store, and on PostgreSQL a separate two-connection pool for its outbox relay. */
  const open = async (service: string) => {
    const db = await openDatabase(service);
    const relayDb = config.DATABASE_URL ? await openDatabase(service, 2) : db;
    databases.push(...new Set([db, relayDb]));
    return { db, relayDb };
  };
  const components: Component[] = [];

  const opening = performance.now();
  if (wanted('catalogue') || wanted('guidance') || wanted('licencing'))
    logger.info('opening the domain stores and applying their migrations');
  const catalogue = wanted('catalogue')
    ? await createCatalogueService({ ...(await open('catalogue')), bus, logger: logger.child({ service: 'catalogue' }), auth })
    : undefined;
  const guidance = wanted('guidance')
    ? await createGuidanceService({ ...(await open('guidance')), bus, logger: logger.child({ service: 'guidance' }), auth })
    : undefined;
  const licencing = wanted('licencing')
    ? await createLicencingService({
        ...(await open('licencing')),
        bus,
        logger: logger.child({ service: 'licencing' }),
        auth,
        platforms: config.PLATFORMS,
      })
    : undefined;
  for (const service of [catalogue, guidance, licencing]) if (service) components.push(service);
  if (catalogue || guidance || licencing) logger.info({ ms: Math.round(performance.now() - opening) }, 'domain stores open and migrated');

  let ownOrigin = `http://127.0.0.1:${config.PORT}`;
  let ownListener: RequestListener | undefined;
  const availability = wanted('availability')
    ? await createAvailabilityComponent(config, {
        bus,
        auth,
        logger: logger.child({ service: 'availability' }),
        ownOrigin: () => ownOrigin,
      })
    : undefined;
  if (availability) components.push(availability.component);

  // The gateway's upstream pools are made now, so in one process they need the port up front.
  const gatewaySettings = readGatewayConfig(`http://127.0.0.1:${config.PORT}`, env);
  const deskConfig = readDeskConfig(env);
  const gateway = wanted('gateway')
    ? createGateway({
        upstreams: gatewaySettings.upstreams,
        logger: logger.child({ service: 'gateway' }),
        platforms: config.PLATFORMS,
        rateLimitPerMinute: gatewaySettings.rateLimit.perMinute,
        appRateLimits: gatewaySettings.rateLimit.perApp,
        apiKeysFile: gatewaySettings.apiKeysFile,
        corsOrigins: gatewaySettings.corsOrigins,
        upstreamTimeoutMs: gatewaySettings.upstreamTimeoutMs,
        deadlineMs: gatewaySettings.deadlineMs,
        // Services in this process and given no URL are called through the app, not a socket;
        // services elsewhere are passed through read-only, so the gateway's links resolve here.
        inProcess: { upstreams: gatewaySettings.unconfigured.filter((name) => wanted(name)), listener: () => ownListener },
        passthrough: (['catalogue', 'guidance', 'licencing', 'availability'] as const).filter((name) => !wanted(name)),
        // The platform root links /desk; where the desk runs in its own process, /desk redirects there.
        desk: { here: wanted('desk'), ...(deskConfig.DESK_PUBLIC_URL ? { origin: deskConfig.DESK_PUBLIC_URL } : {}) },
        registry: metrics.registry,
      })
    : undefined;
  if (gateway) components.push(gateway);

  // The editors' desk, in every mode (its own process in the distributed one): like the gateway
  // it reaches the services over HTTP only, and it reads each platform's gateway answer
  // (GATEWAY_URL, else this process's) to tell editors when their change is live.
  if (wanted('desk')) {
    components.push(
      createDesk({
        config: deskConfig,
        auth,
        logger: logger.child({ service: 'desk' }),
        origins: () => ({ ...gatewaySettings.upstreams, gateway: deskConfig.GATEWAY_URL ?? ownOrigin }),
        ownOrigin: () => ownOrigin,
        // Editors stay signed in across a restart of the desk (one desk process: docs/desk.md).
        sessionsFile: `${config.DATA_DIR.replace(/\/$/, '')}/desk-sessions.json`,
      }),
    );
  }

  // The edge invalidator, only where there is an edge to purge (VARNISH_URL): `npm start` has none.
  if (wanted('invalidator') && config.VARNISH_URL) {
    const availabilityUrl = config.AVAILABILITY_URL;
    components.push(
      createInvalidatorComponent({
        bus,
        logger,
        registry: metrics.registry,
        varnishUrl: config.VARNISH_URL,
        availabilityUrl: () => availabilityUrl ?? ownOrigin,
      }),
    );
  }

  // Reported in /health/ready: the broker connection and, for consumers, queue depth and dead
  // letters. Not a reason to leave rotation: commits wait in the outbox while the broker is away.
  if (needsBus)
    components.push({
      name: 'bus',
      routers: [],
      readiness: { bus: async () => ({ ...(await bus.status()), ok: true }) },
      start: () => undefined,
      stop: async () => undefined,
    });

  observePlatform(metrics, {
    ...(needsBus ? { bus } : {}),
    services: [catalogue, guidance, licencing].filter((s) => s !== undefined),
    ...(availability ? { availability: availability.service } : {}),
    ...(gateway ? { gateway } : {}),
  });

  return {
    components,
    bus,
    metrics,
    /** The components' hot paths, sent to itself before readiness says ok: pass it to serveComponents. */
    warmUp: warmUpRequestsFor(names),
    /** Whether requests run in the async trace scope: pass it to serveComponents. */
    asyncTraceScope,
    /** The header of this process's HTML pages, with no dead link: pass it to serveComponents. */
    pageNav: pageNav({
      // The gateway answers every section: the services here in process, the others passed through.
      sections: wanted('gateway') ? ALL_SECTIONS : ALL_SECTIONS.filter((section) => wanted(section)),
      desk: deskHref(wanted('desk'), wanted('gateway'), deskConfig.DESK_PUBLIC_URL),
    }),
    services: { catalogue, guidance, licencing, availability: availability?.service },
    /** Tells components that call their own process (the embedded feeds, the gateway) where it listens and how to hand it a request. */
    listening(url: string, listener?: RequestListener) {
      ownOrigin = url;
      ownListener = listener;
    },
    /** Runs once everything started: loads the demo catalogue on a first start (or finishes an interrupted load), when asked to. */
    async afterStart() {
      if (!config.DEMO_DATA || !catalogue || !guidance || !licencing) return;
      const token = await issueToken(auth, ['catalogue:write', 'guidance:write', 'licencing:write'], 'demo-loader', '1h');
      await loadDemoOnce({ catalogue: ownOrigin, guidance: ownOrigin, licencing: ownOrigin, token }, { dataDir: config.DATA_DIR, logger });
    },
    async close() {
      await bus.close();
      await Promise.all(databases.map((db) => db.close()));
      await dataDirLock?.release();
    },
  };
};
