// What every face shares about HTTP: the request decorations and the face's dependencies.
import type { Services } from '../../core/runner.ts';
import type { SandboxClock } from '../../core/clock.ts';
import type { Actor } from '../../core/users/model.ts';
import { normaliseIp } from '../../core/auth/ip.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** the authenticated caller, set by the face's auth step */
    actor?: Actor;
    /** the parsed body as the journal keeps it (faces with their own parsers set it) */
    journalBody?: unknown;
  }
}

export interface FaceOptions {
  services: Services;
  clock: SandboxClock;
  /** the largest body accepted, bytes */
  bodyLimit: number;
}

export function clientIp(req: { ip: string }): string {
  return normaliseIp(req.ip);
}

/** Integer query/body parameter parsing shared by faces: "500" → 500, junk → undefined. */
export function intOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}
