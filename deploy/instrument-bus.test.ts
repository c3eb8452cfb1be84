import test from 'ava';
import { createLogger, silentLogger } from '#platform/lifecycle/logger';
import { currentTraceparent } from '#platform/lifecycle/trace-scope';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import { createMetrics } from '#platform/metrics/metrics';
import { eventually } from '#platform/testing/eventually';
import { episodeEvent } from '../services/availability/testing/event-builders.ts';
import { instrumentBus } from './instrument-bus.ts';

const TRACE_ID = 'aaaabbbbccccddddeeeeffff00001111';

/** A consumer behind the instrumented bus handles one traced event; returns the log lines and what the handler saw. */
const handleOneEvent = async (asyncTraceScope: boolean) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('bus-test', 'info', {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  const bus = instrumentBus(createInProcessBus({ logger: silentLogger() }), { metrics: createMetrics('test_'), logger, asyncTraceScope });
  const seen: (string | undefined)[] = [];
  await bus.subscribe({ consumer: 'test', patterns: ['catalogue.#'], handle: async () => void seen.push(currentTraceparent()) });
  await bus.publish({ ...episodeEvent({ episodeId: 7 }, 1), traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` });
  const handled = await eventually(() => lines.find((l) => l.msg === 'event handled'), { description: 'the handled line' });
  await bus.close();
  return { handled, seen };
};

test("without the async trace scope, the handled line still carries the event's trace id and a span of its own", async (t) => {
  const { handled, seen } = await handleOneEvent(false);
  t.is(handled.traceId, TRACE_ID);
  t.regex(String(handled.spanId), /^[0-9a-f]{16}$/);
  t.not(handled.spanId, '00f067aa0ba902b7');
  t.deepEqual(seen, [undefined], 'the handler is not in an async scope');
});

test('in the async trace scope, the handler itself finds the trace, and the line carries it', async (t) => {
  const { handled, seen } = await handleOneEvent(true);
  t.is(handled.traceId, TRACE_ID);
  t.regex(seen[0] ?? '', new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
});
