// The openprovider face. (Being built: see the issue notes.)
import type { FastifyInstance } from 'fastify';
import type { FaceOptions } from '../shared/http.ts';

export async function openproviderPlugin(_app: FastifyInstance, _o: FaceOptions): Promise<void> {}
