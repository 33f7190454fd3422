// Servers beside HTTP that `serve` starts (the DNS server joins here).
import type { App } from './build-app.ts';

export async function startSideServers(_app: App): Promise<{ describe: string[]; close(): Promise<void> }> {
  return { describe: [], close: async () => {} };
}
