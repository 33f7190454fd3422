// What every area's registration function receives.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../core/runner.ts';
import type { SandboxClock } from '../../../core/clock.ts';

export interface AreaContext {
  services: Services;
  clock: SandboxClock;
}

export type RegisterArea = (app: FastifyInstance, ctx: AreaContext) => void;
