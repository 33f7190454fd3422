import { describe, it, expect } from 'vitest';
import { bodyText } from '../../src/app/journal.ts';

describe('journal bodies', () => {
  it('masks secrets in parsed JSON, in JSON text and in XML text', () => {
    expect(bodyText({ username: 'u', password: 'hunter22', nested: { apipasswd: 'x' } })).toBe('{"username":"u","password":"***","nested":{"apipasswd":"***"}}');
    expect(bodyText('{"code":0,"data":{"token":"abc123"}}')).toBe('{"code":0,"data":{"token":"***"}}');
    expect(bodyText('not json "password": "pw\\"x" <token>zz</token>')).toBe('not json "password": "***" <token>***</token>');
  });

  it('cuts a large body to 16 KiB before masking, and still masks the part kept', () => {
    const big = JSON.stringify({ data: { token: 'secret-token', results: Array.from({ length: 5000 }, (_, i) => ({ name: `domain${i}.com`, status: 'ACT' })) } });
    expect(big.length).toBeGreaterThan(16 * 1024);
    const t = bodyText(big);
    expect(t.length).toBeLessThanOrEqual(16 * 1024 + 1);
    expect(t).not.toContain('secret-token');
    expect(t).toContain('"token":"***"');
  });
});
