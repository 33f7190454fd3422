// Lists the account's orders as they are now, filtered, sorted and paged; `total` counts every match before paging.
// Filters: states, common-name pattern (`*` wildcards), a contact (any role; handle, ref or id), product, renewable,
// expiring (term ends within 30 days: Openprovider show_expiring), renewal of an order.
// Errors: request.invalid
import type { Flow } from '../../runner.ts';
import type { Page, PageOf } from '../../ports.ts';
import { invalid } from '../../errors.ts';
import { globMatch } from '../../contacts/model.ts';
import type { SslState } from '../model.ts';
import { SSL_STATES, factsOf, projectOrder } from '../model.ts';
import { productByCode } from '../catalogue.ts';
import type { OrderView } from './get-order.ts';

export interface OrderFilter {
  states?: SslState[];
  commonNamePattern?: string;
  contactKey?: string;
  productCode?: string;
  renewable?: boolean;
  expiring?: boolean;
  orderBy?: { field: 'id' | 'commonName' | 'orderedAt' | 'activatedAt' | 'termEndsAt' | 'state' | 'productName'; desc: boolean };
}

export const searchOrders: Flow<{ accountId: number; filter?: OrderFilter; page: Page }, PageOf<OrderView>> = async (ctx, i) => {
  const f = i.filter ?? {};
  for (const s of f.states ?? []) if (!SSL_STATES.includes(s)) throw invalid('status', `unknown status ${s}`);
  let contactId: number | null = null;
  if (f.contactKey) {
    const c = await ctx.uow.contacts.byKey(i.accountId, f.contactKey);
    if (!c) return { results: [], total: 0 };
    contactId = c.id;
  }
  const all = (await ctx.uow.ssl.listByAccount(i.accountId)).map((o) => {
    const p = projectOrder(o, ctx.now);
    return { ...p, facts: factsOf(p, ctx.now) };
  });
  const hits = all.filter((o) =>
    (!f.states?.length || f.states.includes(o.state))
    && (!f.commonNamePattern || globMatch(f.commonNamePattern, o.commonName))
    && (contactId === null || Object.values(o.contacts).includes(contactId))
    && (!f.productCode || o.productCode === f.productCode)
    && (f.renewable === undefined || o.facts.renewable === f.renewable)
    && (f.expiring === undefined || o.facts.expiring === f.expiring));
  const by = f.orderBy ?? { field: 'id', desc: false };
  const key = (o: OrderView): string | number => {
    switch (by.field) {
      case 'commonName': return o.commonName;
      case 'orderedAt': return o.orderedAt.getTime();
      case 'activatedAt': return o.activatedAt?.getTime() ?? 0;
      case 'termEndsAt': return o.termEndsAt?.getTime() ?? 0;
      case 'state': return o.state;
      case 'productName': return productByCode(o.productCode)?.name ?? o.productCode;
      default: return o.id;
    }
  };
  hits.sort((a, b) => {
    const ka = key(a), kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
    return by.desc ? -c : c;
  });
  return { results: hits.slice(i.page.offset, i.page.offset + i.page.limit), total: hits.length };
};
