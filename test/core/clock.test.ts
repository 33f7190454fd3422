import { describe, it, expect } from 'vitest';
import { SandboxClock, parseDuration } from '../../src/core/clock.ts';

describe('sandbox clock', () => {
  it('parses durations like 5d, 36h, 1d12h, 90m, 30s and refuses junk', () => {
    expect(parseDuration('5d')).toBe(5 * 86_400_000);
    expect(parseDuration('36h')).toBe(36 * 3_600_000);
    expect(parseDuration('1d12h')).toBe(36 * 3_600_000);
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('30s')).toBe(30_000);
    for (const bad of ['', '5', 'd', '5x', '1d 2h', 'abc']) expect(parseDuration(bad)).toBeNull();
  });

  it('moves with real time when not frozen, offset by what was advanced', () => {
    let real = 1_000_000;
    const c = new SandboxClock({ offsetMs: 0, frozenAt: null }, () => real);
    c.setState(c.advanced(5000));
    expect(c.now().getTime()).toBe(1_005_000);
    real += 10;
    expect(c.now().getTime()).toBe(1_005_010);
  });

  it('stands still when frozen, and advancing moves the frozen instant', () => {
    let real = 0;
    const c = new SandboxClock({ offsetMs: 0, frozenAt: new Date('2027-01-01T00:00:00Z') }, () => real);
    real += 99_999;
    expect(c.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    c.setState(c.advanced(parseDuration('1d')!));
    expect(c.now().toISOString()).toBe('2027-01-02T00:00:00.000Z');
  });

  it('set then unfreeze continues from the set instant', () => {
    let real = 0;
    const c = new SandboxClock(undefined, () => real);
    c.setState(c.setTo(new Date('2030-05-05T00:00:00Z')));
    expect(c.now().toISOString()).toBe('2030-05-05T00:00:00.000Z');
    c.setState(c.frozen(true));
    real += 1000;
    expect(c.now().toISOString()).toBe('2030-05-05T00:00:00.000Z');
    c.setState(c.frozen(false));
    real += 1000;
    expect(c.now().toISOString()).toBe('2030-05-05T00:00:01.000Z');
  });
});

describe('sandbox clock changes through the flow', () => {
  it('set together with freeze stands still at exactly the instant set', async () => {
    const { testServices } = await import('../harness/services.ts');
    const { runFlow } = await import('../../src/core/runner.ts');
    const { changeClock } = await import('../../src/core/sandbox/flows/change-clock.ts');
    const s = await testServices();
    s.clock.setState({ offsetMs: 0, frozenAt: null });
    for (let i = 0; i < 20; i++) {
      await runFlow(s, changeClock, { clock: s.clock, change: { set: '2026-06-01T12:00:00.000Z', freeze: true } });
      expect(s.clock.now().toISOString()).toBe('2026-06-01T12:00:00.000Z');
      await runFlow(s, changeClock, { clock: s.clock, change: { freeze: false } });
    }
    await s.drop();
  });
});
