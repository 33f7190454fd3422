// The spec's own response examples (the `example` of each operation's 200 `…Response` definition) and the four
// obvious typos in them, corrected. Uncorrected, exactly these examples fail the gated schema:
//   1. zone history `is` written as the boolean `true` (GetZone, ListZones) — `is`/`was` are strings ("New value");
//   2. `sku_values: null` in a license item (ListItems) — the spec has no null; a map left out rather than filled;
//   3. currency codes in lower case under `settings.payment_methods[].settings.limit.{maximum,minimum}` (GetReseller,
//      GetSettings) — the spec's PaymentMethodLimit properties are `AUD` … `ZAR`;
//   4. statuses in lower case under `statistics.{domain,ssl}.by_status` (GetStatistics) — properties `ACT FAI NSR PEN
//      REJ REQ`.
import { operations, swagger } from '../contract/swagger.ts';

export interface SpecExample {
  operationId: string;
  method: string;
  template: string;
  definition: string;
  example: unknown;
}

/** One entry per operation whose 200 definition has an example (106 of 111; the five license GET/list operations have none). */
export function specExamples(): SpecExample[] {
  const out: SpecExample[] = [];
  for (const e of operations()) {
    const definition = e.op.responses['200'].schema!.$ref!.split('/').pop()!;
    const example = swagger().definitions[definition].example;
    if (example !== undefined) out.push({ operationId: e.operationId, method: e.method, template: e.template, definition, example: structuredClone(example) });
  }
  return out;
}

export type Typo = 'history-is-boolean' | 'sku-values-null' | 'currency-lower-case' | 'by-status-lower-case';
export const TYPOS: readonly Typo[] = ['history-is-boolean', 'sku-values-null', 'currency-lower-case', 'by-status-lower-case'];

const upperKeys = (o: unknown): unknown => (o && typeof o === 'object' && !Array.isArray(o) ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toUpperCase(), v])) : o);

/** A deep copy of `value` with the given typos corrected wherever they occur. */
export function correct(value: unknown, typos: readonly Typo[] = TYPOS): unknown {
  const fix = (v: unknown, key: string | undefined, parentKey: string | undefined): unknown => {
    if (Array.isArray(v)) return v.map((x) => fix(x, undefined, key ?? parentKey));
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typos.includes('sku-values-null') && k === 'sku_values' && x === null) continue;
      let y = fix(x, k, key);
      if (typos.includes('history-is-boolean') && key === undefined && parentKey === 'history' && (k === 'is' || k === 'was') && typeof y === 'boolean') y = String(y);
      if (typos.includes('currency-lower-case') && key === 'limit' && (k === 'maximum' || k === 'minimum')) y = upperKeys(y);
      if (typos.includes('by-status-lower-case') && k === 'by_status') y = upperKeys(y);
      out[k] = y;
    }
    return out;
  };
  return fix(structuredClone(value), undefined, undefined);
}

export function example(operationId: string, typos: readonly Typo[] = TYPOS): unknown {
  const found = specExamples().find((e) => e.operationId === operationId);
  if (!found) throw new Error(`no example for ${operationId}`);
  return correct(found.example, typos);
}
