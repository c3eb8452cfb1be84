import { escapeHtml } from '#platform/http/html';
import type { LiveReport } from '../live.ts';
import type { TrackedChange } from '../session.ts';
import { when } from './layout.ts';

const seconds = (from: number, to: number | undefined) => (to === undefined ? '' : `${((to - from) / 1000).toFixed(1)} s after the save`);

/** A saved change on its way: saved, applied by availability, then live per platform. */
export const livePage = (change: TrackedChange, report: LiveReport): string => {
  const rows = report.platforms
    .map(
      (p) =>
        `<tr><th scope="row">${escapeHtml(p.platform)}</th><td>${p.live ? '<strong class="ok">live</strong>' : 'not yet'}</td><td>${escapeHtml(p.live ? `${when(p.liveAt)} (${seconds(change.savedAt, p.liveAt)})` : p.detail)}</td><td>${escapeHtml(p.cacheMayServeOldUntil ? when(p.cacheMayServeOldUntil) : '')}</td></tr>`,
    )
    .join('');
  const status = report.allLiveAt
    ? `<p class="ok" role="status" id="live-status">Live on every platform, ${escapeHtml(seconds(change.savedAt, report.allLiveAt))}.</p>`
    : `<p role="status" id="live-status">On its way… this page refreshes every second.</p>`;
  return (
    `${status}<ol>` +
    `<li>Saved: ${escapeHtml(change.what)} at ${escapeHtml(when(change.savedAt))}, ${escapeHtml(change.subject)} version ${escapeHtml(change.version)}${report.position === undefined ? '' : `, ${escapeHtml(change.service)} log position ${escapeHtml(report.position)}`}.</li>` +
    `<li>${report.applied ? `Applied by availability ${escapeHtml(seconds(change.savedAt, report.appliedAt))}` : 'Not yet applied by availability'} (availability holds ${escapeHtml(change.service)} up to position ${escapeHtml(report.availabilityPosition ?? 'unknown')}, see <a href="/availability/status">/availability/status</a>).</li>` +
    `<li>Each platform's answer through the gateway:<table><thead><tr><th scope="col">Platform</th><th scope="col">State</th><th scope="col">Since / why not</th><th scope="col">A cache may serve the old answer until</th></tr></thead><tbody>${rows}</tbody></table></li></ol>` +
    `<p><a href="/desk/episodes/${escapeHtml(change.episodeId)}">Back to the episode</a></p>`
  );
};
