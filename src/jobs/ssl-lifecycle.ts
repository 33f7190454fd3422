// The SSL lifecycle job: materialises what the clock implies for every open order (advance-order.ts: cancels that
// took effect, terms that ran out or renewed themselves, OV/EV orders whose organisation check is done; only orders
// where `isDue` says so get a write), and, with DCV ports, checks the DNS/HTTP validation of requested orders
// (validate-order.ts), each order at most once per `dcvEveryMs` of real time. One order's failure does not stop
// the others; it is logged.
import type { Services } from '../core/runner.ts';
import { runFlow, runQuery } from '../core/runner.ts';
import type { SslDeps } from '../core/ssl/ports.ts';
import { isDue } from '../core/ssl/model.ts';
import { advanceOrder } from '../core/ssl/flows/advance-order.ts';
import { validateOrder } from '../core/ssl/flows/validate-order.ts';

export interface SslLifecycleResult {
  checked: number;
  changed: number;
  failed: number;
}

export interface SslLifecycleOptions {
  batch?: number;
  checkDcv?: boolean;
  /** real-time spacing of DCV checks per order (default 0 = every run) */
  dcvEveryMs?: number;
  /** when each order's DCV was last checked (kept by the scheduler between runs) */
  lastChecked?: Map<number, number>;
}

export async function runSslLifecycle(s: Services, deps: SslDeps, o: SslLifecycleOptions = {}): Promise<SslLifecycleResult> {
  const ids = await runQuery(s, (ctx, n: number) => ctx.uow.ssl.openIds(n), o.batch ?? 10_000);
  const out: SslLifecycleResult = { checked: ids.length, changed: 0, failed: 0 };
  for (const id of ids) {
    try {
      const before = await runQuery(s, (ctx, x: number) => ctx.uow.ssl.byId(x), id);
      if (!before) continue;
      let after = isDue(before, s.clock.now()) ? await runFlow(s, advanceOrder, { orderId: id, ca: deps.ca }) : before;
      const pendingNetwork = after.state === 'requested' && !after.cancelAt && after.dcv.some((d) => d.status === 'pending' && d.method !== 'email');
      const last = o.lastChecked?.get(id) ?? 0;
      if (o.checkDcv !== false && pendingNetwork && (deps.dns || deps.http) && Date.now() - last >= (o.dcvEveryMs ?? 0)) {
        o.lastChecked?.set(id, Date.now());
        after = (await validateOrder(s, deps, { accountId: after.accountId, orderId: id })).order;
      }
      if (after.version !== before.version) out.changed++;
    } catch (e) {
      out.failed++;
      s.log?.warn({ err: e, orderId: id }, 'ssl lifecycle: order failed');
    }
  }
  return out;
}

/** runs the job every `everyMs` (DCV look-ups at most every 30 s per order) until stopped; returns the stop function */
export function scheduleSslLifecycle(s: Services, deps: () => SslDeps | null, everyMs = 5000): () => void {
  let running = false;
  const lastChecked = new Map<number, number>();
  const t = setInterval(() => {
    const d = deps();
    if (running || !d) return;
    running = true;
    runSslLifecycle(s, d, { dcvEveryMs: 30_000, lastChecked }).finally(() => (running = false));
  }, everyMs);
  t.unref();
  return () => clearInterval(t);
}
