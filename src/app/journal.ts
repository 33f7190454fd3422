// The request journal: every API call is recorded after its response, batched, secrets masked.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../core/ports.ts';
import type { Clock } from '../core/clock.ts';
import type { JournalEntry } from '../core/journal/model.ts';
import { maskSecrets, MASK, SECRET_KEY_NAMES } from '../core/journal/model.ts';
import { parseDuration } from '../core/clock.ts';

const MAX_BODY = 64 * 1024;

export function faceOf(url: string): string | null {
  if (url.startsWith('/_sandbox') || url === '/favicon.ico') return null;
  if (url.startsWith('/v1beta')) return 'openprovider';
  if (url.startsWith('/api/v3')) return 'ssl247';
  return 'mrdomain';
}

// a JSON text in which no key can be a secret: no quoted secret name, no \u escape that could spell one
const PLAIN_JSON = /^\s*[[{]/;
const SECRET_HINT = new RegExp(`\\\\u|"(?:${SECRET_KEY_NAMES.join('|')})"`, 'i');

/** masks secret values in JSON or XML text without parsing it */
function maskText(t: string): string {
  return t
    .replace(/("(?:password|apipasswd|token|p|k|secret_key|api_key|apikey|new_password|private_key|privatekey)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, `$1${MASK}"`)
    .replace(/<(token|password|apipasswd)>[^<]*<\/\1>/g, `<$1>${MASK}</$1>`);
}

export function bodyText(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  let t: string;
  if (typeof v === 'string') {
    // a large body is cut first and masked by pattern: parsing and walking a 200 KB list page costs milliseconds
    if (v.length > MAX_BODY) t = maskText(v.slice(0, MAX_BODY));
    else if (PLAIN_JSON.test(v) && !SECRET_HINT.test(v)) t = v; // JSON naming no secret (nor escaping any name): kept as sent
    else {
      try {
        t = JSON.stringify(maskSecrets(JSON.parse(v)));
      } catch {
        t = maskText(v);
      }
    }
  } else if (Buffer.isBuffer(v)) t = `<${v.length} bytes>`;
  else t = JSON.stringify(maskSecrets(v));
  return t.length > MAX_BODY ? `${t.slice(0, MAX_BODY)}…` : t;
}

export function installJournal(app: FastifyInstance, store: Store, clock: Clock, retention: string): { flush: () => Promise<void>; stop: () => void } {
  let buffer: Array<Omit<JournalEntry, 'id'>> = [];
  const retentionMs = parseDuration(retention) ?? 7 * 86_400_000;
  const flush = async () => {
    if (!buffer.length) return;
    const batch = buffer;
    buffer = [];
    try {
      await store.transaction((uow) => uow.journal.add(...batch));
    } catch (err) {
      app.log.warn({ err }, 'journal flush failed');
    }
  };
  const prune = async () => {
    try {
      await store.transaction((uow) => uow.journal.prune(new Date(clock.now().getTime() - retentionMs)));
    } catch (err) {
      app.log.warn({ err }, 'journal prune failed');
    }
  };
  const timer = setInterval(() => void flush(), 250);
  const pruner = setInterval(() => void prune(), 60_000);
  timer.unref();
  pruner.unref();

  // callback hooks, not async ones: they run on every call and a promise per hook costs more than the hook
  app.addHook('onSend', (req, _reply, payload, done) => {
    (req as unknown as { journalResponse: unknown }).journalResponse = payload;
    done(null, payload);
  });
  app.addHook('onResponse', (req, reply, done) => {
    const face = faceOf(req.url);
    if (face) {
      buffer.push({
        face,
        accountId: req.actor?.accountId ?? null,
        method: req.method,
        path: req.url.split('?')[0],
        status: reply.statusCode,
        requestBody: bodyText(req.journalBody ?? req.body),
        responseBody: bodyText((req as unknown as { journalResponse: unknown }).journalResponse),
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        ip: req.ip,
        createdAt: clock.now(),
      });
      if (buffer.length >= 500) void flush();
    }
    done();
  });
  return { flush, stop: () => (clearInterval(timer), clearInterval(pruner)) };
}
