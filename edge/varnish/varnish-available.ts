import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

let known: boolean | undefined;

/** Whether Debian's varnishd and vmod xkey are installed here (tests skip loudly otherwise). */
export const varnishAvailable = (): boolean => {
  if (known === undefined) {
    try {
      execFileSync('varnishd', ['-V'], { stdio: 'ignore' });
      known = [
        '/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so',
        '/usr/lib/aarch64-linux-gnu/varnish/vmods/libvmod_xkey.so',
        '/usr/lib/varnish/vmods/libvmod_xkey.so',
      ].some((path) => existsSync(path));
    } catch {
      known = false;
    }
  }
  return known;
};
