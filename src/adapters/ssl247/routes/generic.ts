// Generic lookups (E38–E43). `Data` is an id → label object (see reference/lookups.ts for why not the seed's "string").
import type { FastifyInstance } from 'fastify';
import type { FaceOptions } from '../../shared/http.ts';
import { post } from '../route.ts';
import { COUNTRIES } from '../reference/countries.ts';
import { EXTERNAL_PRODUCTS, INTERNAL_PRODUCTS, US_STATES, USER_TITLES, WEBSITES } from '../reference/lookups.ts';

export function genericRoutes(app: FastifyInstance, o: FaceOptions): void {
  const lookups: Record<string, Readonly<Record<string, string>>> = {
    '/generic/get-country-list': COUNTRIES,
    '/generic/get-user-titles': USER_TITLES,
    '/generic/get-us-state-list': US_STATES,
    '/generic/get-internal-product-list': INTERNAL_PRODUCTS,
    '/generic/get-external-product-list': EXTERNAL_PRODUCTS,
    '/generic/get-websites-list': WEBSITES,
  };
  for (const [path, data] of Object.entries(lookups)) post(app, o, path, async () => data);
}
