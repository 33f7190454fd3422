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

describe('sandbox clock shared across threads', () => {
  it('a clock attached to another clock’s buffer reads and moves the same time', () => {
    let real = 5_000;
    const a = new SandboxClock({ offsetMs: 1000, frozenAt: null }, () => real);
    const b = SandboxClock.attach(a.buffer, () => real);
    expect(b.now().getTime()).toBe(6_000);
    b.setState({ offsetMs: 0, frozenAt: new Date('2030-01-01T00:00:00Z') });
    real += 1;
    expect(a.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(a.getState()).toEqual({ offsetMs: 0, frozenAt: new Date('2030-01-01T00:00:00Z') });
  });

  it('setStateIf refuses a state read before another move (a stale poll does not undo it)', () => {
    const a = new SandboxClock({ offsetMs: 0, frozenAt: null }, () => 0);
    const v = a.version();
    SandboxClock.attach(a.buffer, () => 0).setState({ offsetMs: 42, frozenAt: null });
    expect(a.setStateIf(v, { offsetMs: 7, frozenAt: null })).toBe(false);
    expect(a.now().getTime()).toBe(42);
    expect(a.setStateIf(a.version(), { offsetMs: 7, frozenAt: null })).toBe(true);
    expect(a.now().getTime()).toBe(7);
  });
});
