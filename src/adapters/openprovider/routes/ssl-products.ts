// SSL products and approver emails (seed 000:1574-1970, 000:9901-9947, 000:11020-11156).
// GET /ssl/products (limit 100 / max 1000, `with_price`, `with_supported_software`, `with_description`, six
// `order_by.<field>` keys), GET /ssl/products/{id}, GET /ssl/approver-emails?domain=…[&product_id=…] → `{results:[…]}`
// (the reference's shape; the guide prints a bare array, inventory C1). The warranty is shown in any case (000:1589).
import type { RegisterArea } from './area.ts';
import type { Services } from '../../../core/runner.ts';
import { runQuery } from '../../../core/runner.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import { getProduct, listProducts } from '../../../core/ssl/flows/list-products.ts';
import { listApproverEmails } from '../../../core/ssl/flows/list-approver-emails.ts';
import { actorOf } from '../auth.ts';
import { dotted, flag, intParam, ok, one, paging, queryOf, type Query } from '../wire.ts';
import { categoryOf, productOut, queryWithBody, type ProductOptions } from '../ssl-mapping.ts';
import type { SslProduct } from '../../../core/ssl/catalogue.ts';

const ORDER_KEYS: Record<string, (p: SslProduct) => string | number> = {
  name: (p) => p.name.toLowerCase(),
  brand_name: (p) => p.brand.toLowerCase(),
  category: (p) => categoryOf(p).category,
  sub_category: (p) => categoryOf(p).sub_category,
  brand_seqno: (p) => p.brandSeqno,
  product_seqno: (p) => p.productSeqno,
};

export async function accountCurrency(services: Services, accountId: number): Promise<string> {
  const a = await runQuery(services, (ctx, id: number) => ctx.uow.accounts.get(id), accountId);
  if (!a) throw new DomainError('account.not_found');
  return a.currency;
}

function options(q: Query, currency: string): ProductOptions {
  return { currency, withPrice: flag(q, 'with_price'), withSupportedSoftware: flag(q, 'with_supported_software'), withDescription: flag(q, 'with_description') };
}

/** a path or query product id: an integer, else the product is unknown */
function productIdOf(v: string | undefined): number {
  if (v === undefined || !/^\s*\d+\s*$/.test(v)) throw new DomainError('ssl.product_not_found', `SSL product ${v ?? ''} not found`);
  return Number(v);
}

export const sslProductRoutes: RegisterArea = (app, { services }) => {
  app.get('/ssl/products', async (req) => {
    const actor = actorOf(req);
    const q = await queryWithBody(req);
    const sorts = Object.entries(dotted(q, 'order_by'));
    for (const [field, dir] of sorts) {
      if (!ORDER_KEYS[field]) throw invalid(`order_by.${field}`, `is not a sort field (${Object.keys(ORDER_KEYS).join(', ')})`);
      if (!/^(asc|desc)$/i.test(dir)) throw invalid(`order_by.${field}`, 'must be asc or desc');
    }
    const page = paging(q, { def: 100, max: 1000 });
    const o = options(q, await accountCurrency(services, actor.accountId));
    const all = [...listProducts().results];
    if (sorts.length) {
      all.sort((a, b) => {
        for (const [field, dir] of sorts) {
          const ka = ORDER_KEYS[field](a), kb = ORDER_KEYS[field](b);
          const c = ka < kb ? -1 : ka > kb ? 1 : 0;
          if (c) return dir.toLowerCase() === 'desc' ? -c : c;
        }
        return 0;
      });
    }
    return ok({ results: all.slice(page.offset, page.offset + page.limit).map((p) => productOut(p, o)), total: all.length });
  });

  app.get('/ssl/products/:id', async (req) => {
    const actor = actorOf(req);
    const p = getProduct('openprovider', productIdOf((req.params as { id: string }).id));
    // a single product is shown with its prices and software (the reference's sample has them; no query is documented)
    return ok(productOut(p, { currency: await accountCurrency(services, actor.accountId), withPrice: true, withSupportedSoftware: true, withDescription: true }));
  });

  app.get('/ssl/approver-emails', async (req) => {
    actorOf(req);
    const q = queryOf(req);
    const domain = one(q, 'domain');
    if (!domain) throw invalid('domain', 'is required');
    if (intParam(q, 'product_id') !== undefined) getProduct('openprovider', productIdOf(one(q, 'product_id')));
    return ok({ results: await runQuery(services, listApproverEmails, { hostname: domain }) });
  });
};
