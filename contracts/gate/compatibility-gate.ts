import { readPacts } from '../support/pact-files.ts';
import { PROVIDERS, checkProvider } from '../providers/check-provider.ts';
import type { VerificationRow } from '../providers/support/verification-rows.ts';

/**
 * Checks every consumer's current pact against the current provider: each provider named by a
 * pact in contracts/pacts is started and verified in turn. A pact naming a provider the
 * platform does not have is a failure, not a silent skip.
 */
export const runCompatibilityGate = async (): Promise<VerificationRow[]> => {
  const named = [...new Set(readPacts().map((pact) => pact.provider))].sort();
  const rows: VerificationRow[] = [];
  for (const provider of named) {
    if (!Object.hasOwn(PROVIDERS, provider)) {
      for (const pact of readPacts(provider))
        rows.push({ consumer: pact.consumer, provider, interaction: '(all)', ok: false, detail: 'no such provider in the platform' });
      continue;
    }
    rows.push(...(await checkProvider(provider)));
  }
  return rows;
};
