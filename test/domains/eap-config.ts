// An app whose simulated registry puts `.shop` in early access (EAP), configured the way an operator does it: a JSON
// file named by REGISTRY_CONFIG. Two phases with a falling fee, on the sandbox clock that starts at START
// (2026-06-01T12:00Z): BEFORE → phase 1 (250.00 EUR) → phase 2 (50.00 EUR) → AFTER.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp, START, type TestApp } from '../harness/app.ts';
import { runFlow } from '../../src/core/runner.ts';
import { changeClock } from '../../src/core/sandbox/flows/change-clock.ts';

export const EAP_CONFIG = {
  tlds: {
    shop: {
      eap: [
        // listed out of order on purpose: the registry sorts them
        { from: '2026-06-02T00:00:00Z', until: '2026-06-02T12:00:00Z', feeMinor: 5_000 },
        { from: '2026-06-01T18:00:00Z', until: '2026-06-02T00:00:00Z', feeMinor: 25_000 },
      ],
    },
  },
};

/** instants on the sandbox clock: before the first phase, inside each phase, after the last */
export const AT = { before: START, phase1: '2026-06-01T20:00:00.000Z', phase2: '2026-06-02T06:00:00.000Z', after: '2026-06-02T18:00:00.000Z' } as const;
/** the fee due at each of them, minor units */
export const FEE = { before: 0, phase1: 25_000, phase2: 5_000, after: 0 } as const;
/** `.shop` has no seed override: the default create price, minor units */
export const SHOP_CREATE = 1000;

/** the test app built with REGISTRY_CONFIG pointing at EAP_CONFIG (the variable is restored at once) */
export async function eapApp(): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'resellbox-eap-'));
  const file = join(dir, 'registry.json');
  writeFileSync(file, JSON.stringify(EAP_CONFIG));
  const before = process.env.REGISTRY_CONFIG;
  process.env.REGISTRY_CONFIG = file;
  try {
    return await testApp();
  } finally {
    if (before === undefined) delete process.env.REGISTRY_CONFIG;
    else process.env.REGISTRY_CONFIG = before;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** sets the (frozen) sandbox clock to an instant, forwards or back */
export async function setClock(app: TestApp, iso: string): Promise<void> {
  await runFlow(app.services, changeClock, { clock: app.clock, change: { set: iso, freeze: true } });
}
