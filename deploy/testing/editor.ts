import { bearer } from '#platform/testing/http';

/** An instant as the licencing API takes it: whole seconds, `Z`. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * An editor of a running platform, sending the editors' commands over HTTP with a token holding
 * every write role: what end-to-end tests use to make domain state the real way (events and all).
 */
export const editorOf = async (url: string) => {
  const authorization = await bearer('catalogue:write', 'guidance:write', 'licencing:write');
  const send = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  return {
    publishProgramme: (programmeId: number, title: string, channel = 'ITV') =>
      send('PUT', `/catalogue/programmes/${programmeId}`, { title, channel, synopsis: `All about ${title}.` }, { 'if-none-match': '*' }),
    publishEpisode: (episodeId: number, programmeId: number, title: string, order = 1) =>
      send(
        'PUT',
        `/catalogue/episodes/${episodeId}`,
        {
          programmeId,
          title,
          synopsis: `${title}, in which things happen.`,
          seriesNumber: 1,
          orderInSeries: order,
          orderInProgramme: order,
          durationSeconds: 2700,
        },
        { 'if-none-match': '*' },
      ),
    /** Grants a licence and answers its id (from the Location of the 201). */
    async grantLicence(episodeId: number, platform: string, startMs: number, endMs: number): Promise<string> {
      const response = await send('POST', '/licencing/licences', {
        episodeId,
        platform,
        startDate: isoSeconds(startMs),
        endDate: isoSeconds(endMs),
      });
      return response.headers.get('location')!.split('/').at(-1)!;
    },
    revokeLicence: (licenceId: string) => send('POST', `/licencing/licences/${licenceId}/revocation`, {}),
    setGuidance: async (episodeId: number, restricted: boolean, message: string | null) => {
      const current = await fetch(`${url}/guidance/episodes/${episodeId}`);
      const etag = current.headers.get('etag');
      return send(
        'PUT',
        `/guidance/episodes/${episodeId}`,
        { restricted, message },
        etag ? { 'if-match': etag } : { 'if-none-match': '*' },
      );
    },
  };
};

export type Editor = Awaited<ReturnType<typeof editorOf>>;
