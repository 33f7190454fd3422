// Products (E29-E34): product types, products of a type, product details, requirements, addons, prices. All read the
// core catalogue (src/core/ssl/catalogue.ts) by the SSL247 product code; prices are in the account's currency.
import type { FastifyInstance } from 'fastify';
import type { FaceOptions } from '../../shared/http.ts';
import type { Services } from '../../../core/runner.ts';
import { runQuery } from '../../../core/runner.ts';
import { getAccount } from '../../../core/accounts/flows/get-account.ts';
import { listProducts } from '../../../core/ssl/flows/list-products.ts';
import type { Currency } from '../../../core/ssl/catalogue.ts';
import { post } from '../route.ts';
import { PRODUCT_TYPES, addonPricesOf, addonsOf, amount, currencyOfCode, pricesOf, productDetail, productOfCode, productTypeOf, requirementsOf } from '../ssl-mapping.ts';

export async function currencyOfAccount(s: Services, accountId: number): Promise<Currency> {
  return currencyOfCode((await runQuery(s, getAccount, { accountId })).account.currency);
}

export function productRoutes(app: FastifyInstance, o: FaceOptions): void {
  const s = o.services;

  // E29: only the types that have products
  post(app, o, '/product-types', async () => {
    const all = listProducts().results;
    return { ProductTypeList: PRODUCT_TYPES.filter((t) => all.some(t.has)).map((t) => ({ code: t.code, name: t.name })) };
  });

  // E30: `Prices.Price[].value` (E30 calls the price `value`, E31/E34 `price`: inventory A21)
  post(app, o, '/products/:productType', async ({ actor, params }) => {
    const type = productTypeOf(params.productType ?? '');
    const cur = await currencyOfAccount(s, actor.accountId);
    const products = listProducts({ orderBy: { field: 'brandSeqno', desc: false } }).results.filter(type.has);
    return {
      Products: {
        Product: products.map((p) => ({
          code: p.faceIds.ssl247,
          brand: p.brand,
          name: p.name,
          Prices: { Price: p.prices.map((x) => ({ years: x.period, value: amount(x.price[cur]), currency: cur })) },
        })),
      },
    };
  });

  // E31
  post(app, o, '/product/:productCode', async ({ actor, params }) => productDetail(productOfCode(params.productCode), await currencyOfAccount(s, actor.accountId)));

  // E32
  post(app, o, '/product/:productCode/requirements', async ({ params }) => ({ ProductRequirements: requirementsOf(productOfCode(params.productCode)) }));

  // E33
  post(app, o, '/product/:productCode/addons', async ({ params }) => ({ ProductAddons: addonsOf(productOfCode(params.productCode)) }));

  // E34
  post(app, o, '/product/:productCode/prices', async ({ actor, params }) => {
    const p = productOfCode(params.productCode);
    const cur = await currencyOfAccount(s, actor.accountId);
    return { ProductPrices: pricesOf(p, cur), ProductAddonPrices: addonPricesOf(p, cur) };
  });
}
