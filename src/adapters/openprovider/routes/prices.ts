// Domain prices (DomainPriceService, seed 000:5997-6037): GET /domains/prices?domain.name&domain.extension&
// operation&period. The price of the operation for that name (premium applied), per year times `period` for
// create/renew/transfer, in the TLD's currency as both product and reseller price. Choices: `operation` defaults
// to create and is one of create, renew, transfer, restore, soft-restore (= restore), trade, update; no tiers or
// promotions in the sandbox, so `membership_price` and `tier_price` equal `price` and `is_promotion` is false.
import type { RegisterArea } from './area.ts';
import { invalid } from '../../../core/errors.ts';
import { parseDomainName } from '../../../core/registry/names.ts';
import type { PriceOperation } from '../../../core/registry/policy.ts';
import { actorOf } from '../auth.ts';
import { intParam, ok, one, queryOf } from '../wire.ts';
import { priceGroup } from '../domain-mapping.ts';
import { registry } from './domain-support.ts';

const OPERATIONS: Record<string, PriceOperation> = { create: 'create', renew: 'renew', transfer: 'transfer', restore: 'restore', 'soft-restore': 'restore', soft_restore: 'restore', trade: 'trade', update: 'update' };
const YEARLY: PriceOperation[] = ['create', 'renew', 'transfer'];

export const priceRoutes: RegisterArea = (app, { services }) => {
  app.get('/domains/prices', async (req) => {
    actorOf(req);
    const q = queryOf(req);
    const name = one(q, 'domain.name');
    const extension = one(q, 'domain.extension');
    if (!name) throw invalid('domain.name', 'is required');
    if (!extension) throw invalid('domain.extension', 'is required');
    const opName = (one(q, 'operation') || 'create').toLowerCase();
    const op = OPERATIONS[opName];
    if (!op) throw invalid('operation', `must be one of ${Object.keys(OPERATIONS).join(', ')}`);
    const n = parseDomainName({ name, extension: extension.replace(/^\./, '') });
    const reg = registry(services);
    const policy = reg.policy(n.tld);
    const period = intParam(q, 'period') ?? policy.periods[0];
    if (YEARLY.includes(op) && !policy.periods.includes(period)) throw invalid('period', `.${policy.tld} allows ${policy.periods[0]}-${policy.periods[policy.periods.length - 1]} year(s)`);
    const minor = reg.price(n, op) * (YEARLY.includes(op) ? period : 1);
    const g = priceGroup(minor, policy.currency);
    return ok({ is_premium: reg.premiumPrice(n) !== null, is_promotion: false, membership_price: g, price: g, promotion_data: { end_date: '', start_date: '' }, tier_price: g });
  });
};
