// Core services over a fresh database, for flow tests: a frozen sandbox clock, a cheap hash, a seeded random.
import { SandboxClock } from '../../src/core/clock.ts';
import type { Services } from '../../src/core/runner.ts';
import type { Random } from '../../src/core/ports.ts';
import { scryptHasher } from '../../src/app/security.ts';
import { testStore } from './store.ts';

export function seededRandom(seed = 42): Random {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s);
  return {
    digits: (n) => Array.from({ length: n }, () => String(next() % 10)).join(''),
    hex: (bytes) => Array.from({ length: bytes }, () => (next() % 256).toString(16).padStart(2, '0')).join(''),
  };
}

export async function testServices(at = '2026-06-01T12:00:00Z'): Promise<Services & { clock: SandboxClock; drop(): Promise<void> }> {
  const store = await testStore();
  const clock = new SandboxClock({ offsetMs: 0, frozenAt: new Date(at) });
  return { store, clock, hasher: scryptHasher({ cost: 1024 }), random: seededRandom(), publicUrl: 'http://127.0.0.1:8080', drop: () => store.drop() };
}
