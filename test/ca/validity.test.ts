// The CA/Browser Forum maximum validity schedule (BR 6.3.2 after ballot SC-081) and how a requested window is cut.
import { describe, expect, it } from 'vitest';
import { capValidity, maxValidityDays } from '../../src/core/ssl/ca-port.ts';

const d = (s: string) => new Date(s);
const DAY = 86_400_000;

describe('maxValidityDays', () => {
  it('allows 398 days up to the last second before 2026-03-15 and 200 days from 2026-03-15T00:00:00Z', () => {
    expect(maxValidityDays(d('2025-01-01T00:00:00Z'))).toBe(398);
    expect(maxValidityDays(d('2026-03-14T23:59:59.999Z'))).toBe(398);
    expect(maxValidityDays(d('2026-03-15T00:00:00Z'))).toBe(200);
  });
  it('allows 100 days from 2027-03-15 and 47 days from 2029-03-15, exactly at midnight UTC', () => {
    expect(maxValidityDays(d('2027-03-14T23:59:59.999Z'))).toBe(200);
    expect(maxValidityDays(d('2027-03-15T00:00:00Z'))).toBe(100);
    expect(maxValidityDays(d('2029-03-14T23:59:59.999Z'))).toBe(100);
    expect(maxValidityDays(d('2029-03-15T00:00:00Z'))).toBe(47);
    expect(maxValidityDays(d('2040-01-01T00:00:00Z'))).toBe(47);
  });
});

describe('capValidity', () => {
  it('cuts a one-year request issued on 2026-06-01 to 200 days counted inclusively (notAfter = notBefore + 200 d - 1 s)', () => {
    const now = d('2026-06-01T12:00:00Z');
    const v = capValidity(now, new Date(now.getTime() + 365 * DAY), now);
    expect(v.validFrom.toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(v.validTo.getTime() - v.validFrom.getTime()).toBe(200 * DAY - 1000);
  });
  it('keeps a request shorter than the cap as asked', () => {
    const now = d('2027-04-01T00:00:00Z');
    const v = capValidity(now, d('2027-05-01T00:00:00Z'), now);
    expect(v.validTo.toISOString()).toBe('2027-05-01T00:00:00.000Z');
  });
  it('uses the maximum in force on the issuing date, not on the start date (47 days from 2029-03-15)', () => {
    const now = d('2029-03-15T00:00:00Z');
    const v = capValidity(now, d('2030-03-15T00:00:00Z'), now);
    expect(v.validTo.getTime() - v.validFrom.getTime()).toBe(47 * DAY - 1000);
  });
  it('does not backdate more than one hour before the issuing moment', () => {
    const now = d('2026-06-01T12:00:00Z');
    const v = capValidity(d('2026-01-01T00:00:00Z'), d('2026-08-01T00:00:00Z'), now);
    expect(v.validFrom.toISOString()).toBe('2026-06-01T11:00:00.000Z');
  });
});
