/**
 * The Node.js flags every server process of the platform runs with: `npm run start:service`, `npm run start:distributed`'s children, the Docker image (as
 * NODE_OPTIONS) and the benchmarks' servers under test, kept equal by node-flags.test.ts.
 *
 * `--max-semi-space-size=64`: a young generation of up to 64 MB instead of 16. Each scavenge
 * of the embedded projection's process costs about 3 ms whatever it collects, because it walks
 * every page of a large old generation (100,000 episodes); a cached page allocates ~20 KB, so
 * with 16 MB it scavenged every ~800 requests. Four times fewer scavenges took the cached page
 * query from ~70 to ~55 µs of CPU per request, two such processes loaded in turn by wrk.
 *
 * Not `npm start`: the embedded laptop mode holds the 714-episode demo, whose old generation is
 * small, so scavenges cost little, while a young generation grown to 64 MB during the demo load
 * stays resident: 547 MB with the flag, 472 MB without, after the demo load.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
