// Transactions (seed 000:9040-9090 shape only; [SW] transactionListTransactionsResponseDataResults): the account's
// ledger as Openprovider transactions, newest first. Every debit and refund of a domain operation is one line.
// Choices: `action` is the operation of the ledger entry (create, renew, transfer, restore, trade, autorenew,
// delete for an add-grace refund, deposit); `type` is "debit" for charges and "credit" for deposits and refunds;
// `object_type` "domain" for domain entries (the reference's kind otherwise); `subject` the domain name;
// `reference_id` the object id; prices are signed (a refund is positive, a charge negative) in both groups;
// `filter_for_subject` is a `*` pattern on the subject; `order_by` creation_date (the only order) desc by default.
import type { RegisterArea } from './area.ts';
import { runQuery } from '../../../core/runner.ts';
import { invalid } from '../../../core/errors.ts';
import type { LedgerEntry } from '../../../core/billing/model.ts';
import { fromMinor } from '../../../core/billing/model.ts';
import { listLedger } from '../../../core/billing/flows/list-ledger.ts';
import { actorOf } from '../auth.ts';
import { ok, one, opDateTime, paging, queryOf } from '../wire.ts';

function dateParam(v: string | undefined, key: string, end: boolean): Date | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}))?$/.exec(v.trim());
  if (!m) throw invalid(key, 'must be a date YYYY-MM-DD or YYYY-MM-DD HH:MM:SS');
  const d = new Date(`${m[1]}T${m[2] ?? '00:00:00'}Z`);
  if (Number.isNaN(d.getTime())) throw invalid(key, 'is not a valid date');
  return end && !m[2] ? new Date(d.getTime() + 86_400_000) : d;
}

function transactionOut(e: LedgerEntry) {
  const words = e.description.split(' ');
  const op = words[0] ?? '';
  // the object's name: the first word after the operation that looks like a domain name ("domain.transfer failed x.com")
  const subject = words.slice(1).find((w) => /^[^\s()]+\.[^\s()]+$/.test(w)) ?? '';
  const [kind, id] = e.reference.split(':');
  const action = e.kind === 'deposit' ? 'deposit' : op.includes('.') ? op.split('.')[1] : op;
  const refundAction = e.kind === 'refund' && /add grace/.test(e.description) ? 'delete' : action;
  const price = { currency: e.currency, price: fromMinor(e.amountMinor) };
  const group = { product: price, reseller: price };
  const zero = { product: { currency: e.currency, price: 0 }, reseller: { currency: e.currency, price: 0 } };
  return {
    action: refundAction,
    creation_date: opDateTime(e.createdAt),
    discount: 0,
    exchange_rate: 1,
    object_type: kind || 'account',
    price: group,
    quantity: 1,
    reference_id: Number(id) || 0,
    setup: zero,
    subject: kind === 'domain' ? subject : e.description,
    total: group,
    type: e.amountMinor < 0 ? 'debit' : 'credit',
    vat: 0,
  };
}

export const transactionRoutes: RegisterArea = (app, { services }) => {
  app.get('/transactions', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const page = paging(q, { def: 100, max: 1000 });
    const orderBy = one(q, 'order_by');
    if (orderBy && orderBy !== 'creation_date') throw invalid('order_by', 'must be creation_date');
    const order = (one(q, 'order') ?? 'desc').toLowerCase();
    if (!['asc', 'desc', ''].includes(order)) throw invalid('order', 'must be asc or desc');
    const from = dateParam(one(q, 'start_creation_date'), 'start_creation_date', false);
    const to = dateParam(one(q, 'end_creation_date'), 'end_creation_date', true);
    const subject = one(q, 'filter_for_subject');
    const re = subject ? new RegExp(`^${subject.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i') : null;
    // the whole window is read (a sandbox ledger is small) so subject filter, order and total agree
    const all: LedgerEntry[] = [];
    for (let offset = 0; ; offset += 1000) {
      const r = await runQuery(services, listLedger, { accountId: actor.accountId, from, to, page: { limit: 1000, offset } });
      all.push(...r.results);
      if (r.results.length < 1000) break;
    }
    let rows = all.map(transactionOut);
    if (re) rows = rows.filter((t) => re.test(t.subject));
    if (order === 'asc') rows.reverse();
    return ok({ results: rows.slice(page.offset, page.offset + page.limit), total: rows.length });
  });
};
