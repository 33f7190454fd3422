// The request journal: every API call, with secrets masked, kept for a configurable window.
export interface JournalEntry {
  id: number;
  face: string;
  accountId: number | null;
  method: string;
  path: string;
  status: number;
  requestBody: string;
  responseBody: string;
  durationMs: number;
  ip: string;
  createdAt: Date;
}

/** the keys whose values are secrets, wherever they appear in a body */
export const SECRET_KEY_NAMES = ['password', 'apipasswd', 'p', 'k', 'token', 'secret_key', 'api_key', 'apikey', 'authorization', 'new_password', 'privatekey', 'private_key'] as const;
const SECRET_KEYS = new RegExp(`^(${SECRET_KEY_NAMES.join('|')})$`, 'i');
export const MASK = '***';

/** A deep copy of a parsed body with every secret value masked. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) && v !== '' && v !== null && v !== undefined ? MASK : maskSecrets(v);
    return out;
  }
  return value;
}
