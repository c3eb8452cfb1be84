import type { Logger } from 'pino';
import type { EventBus } from '#platform/messaging/event-bus';
import { continueTrace, runInTrace } from '#platform/lifecycle/trace-scope';
import type { Metrics } from '#platform/metrics/metrics';

/**
 * Wraps a bus at the composition root, so no service or adapter knows about metrics or traces:
 * confirmed publishes are counted by type, and each handler runs inside the trace its event
 * carries (`traceparent`), logs one line with its trace id when it handled the event (or failed
 * to), and counts it. With `asyncTraceScope` (see createHttpApp) the handler runs inside that
 * trace's async scope, so its own log lines and calls carry it too. Every other member of the
 * bus (status, close, test helpers) is passed through.
 */
export const instrumentBus = <B extends EventBus>(
  bus: B,
  { metrics, logger, asyncTraceScope = false }: { metrics: Metrics; logger: Logger; asyncTraceScope?: boolean },
): B => ({
  ...bus,
  async publish(event) {
    await bus.publish(event);
    metrics.eventsPublished.inc({ type: event.type });
  },
  subscribe(subscription) {
    const log = logger.child({ consumer: subscription.consumer });
    return bus.subscribe({
      ...subscription,
      handle: (event) => {
        const trace = continueTrace(event.traceparent);
        const about = {
          eventId: event.id,
          type: event.type,
          subject: event.subject,
          version: event.version,
          ...(asyncTraceScope ? {} : { traceId: trace.traceId, spanId: trace.spanId }),
        };
        const handle = async () => {
          const started = performance.now();
          try {
            await subscription.handle(event);
          } catch (error) {
            metrics.eventsFailed.inc({ consumer: subscription.consumer, type: event.type });
            log.warn({ ...about, err: error }, 'event handler failed');
            throw error;
          }
          metrics.eventsConsumed.inc({ consumer: subscription.consumer, type: event.type });
          log.info({ ...about, ms: Math.round((performance.now() - started) * 100) / 100 }, 'event handled');
        };
        return asyncTraceScope ? runInTrace(trace, handle) : handle();
      },
    });
  },
});
