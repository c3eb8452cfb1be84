import { HttpProblem } from '#platform/http/problem';
import { HTML, SUPPORTED_VERSIONS, parameterForm, suffixForm, supportedMediaTypes, type Chosen, type Version } from './media-types.ts';

interface Range {
  readonly type: string;
  readonly params: Record<string, string>;
  readonly q: number;
}

const MAX_RANGES = 32;

/**
 * Splits an Accept header into media ranges with lower-cased types and their parameters.
 * Hand-written rather than `negotiator`: given the served types, negotiator answers the any-type
 * and application-wildcard ranges and the unversioned production type with a version (checked:
 * v1 for each), where the rule is a 406 ("No version? No JSON!", negotiate.test.ts).
 */
export const parseAccept = (header: string): Range[] =>
  header
    .split(',')
    .slice(0, MAX_RANGES)
    .map((part) => {
      const [type = '', ...rest] = part.split(';').map((s) => s.trim());
      const params: Record<string, string> = {};
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0)
          params[p.slice(0, eq).trim().toLowerCase()] = p
            .slice(eq + 1)
            .trim()
            .replace(/^"|"$/g, '');
      }
      const q = params.q === undefined ? 1 : Number(params.q);
      return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? Math.min(1, Math.max(0, q)) : 0 };
    })
    .filter((r) => r.type.includes('/'));

const isVersion = (n: number): n is Version => (SUPPORTED_VERSIONS as readonly number[]).includes(n);

/** What one range selects, if anything: a versioned JSON spelling or the HTML page. */
const select = (range: Range): Chosen | undefined => {
  const suffix = /^application\/vnd\.itv\.ctv\.production\.v(\d{1,3})\+hal\+json$/.exec(range.type);
  if (suffix) {
    const version = Number(suffix[1]);
    return isVersion(version) ? { kind: 'json', version, contentType: suffixForm(version) } : undefined;
  }
  if (range.type === 'application/vnd.itv.ctv.production+hal+json') {
    const version = Number(range.params.version);
    return isVersion(version) ? { kind: 'json', version, contentType: parameterForm(version) } : undefined;
  }
  if (range.type === 'text/html') return { kind: 'html', contentType: HTML };
  return undefined;
};

/** "No version? No JSON!": the 406 that lists every media type the gateway serves. */
export const notAcceptable = (): HttpProblem =>
  new HttpProblem(
    406,
    'Not Acceptable',
    'No version? No JSON! Ask for a versioned media type, e.g. Accept: application/vnd.itv.ctv.production.v2+hal+json.',
    { supported: supportedMediaTypes() },
  );

/**
 * Chooses the representation for an Accept header. Only explicit versions (either spelling) or
 * text/html are served: wildcards, application/json and application/hal+json name no version, so
 * they are not enough on their own. Among the ranges that select something, the highest q wins;
 * ties go to the first listed. q=0 excludes.
 */
export const negotiate = (accept: string | undefined): Chosen => {
  let best: { chosen: Chosen; q: number } | undefined;
  for (const range of parseAccept(accept ?? '')) {
    if (range.q <= 0) continue;
    const chosen = select(range);
    if (chosen && (!best || range.q > best.q)) best = { chosen, q: range.q };
  }
  if (!best) throw notAcceptable();
  return best.chosen;
};
