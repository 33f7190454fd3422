// The domain lifecycle job: for every domain whose next event is due on the sandbox clock (next_event_at ≤ now),
// settles it (settle-domain.ts): completes registrations and transfers whose time has come, acknowledges transfers
// out, auto-renews at expiry, moves expired domains through grace → redemption → pending delete and frees their
// names. It only writes down what projectAt already implies; flows settle the domains they touch themselves, so
// the job's interval only matters for lists filtered by status. One domain's failure does not stop the others.
import type { Services } from '../core/runner.ts';
import { runFlow, runQuery } from '../core/runner.ts';
import type { Registry } from '../core/registry/registry.ts';
import { registryOf } from '../core/registry/registry.ts';
import { settleDomain } from '../core/domains/flows/settle-domain.ts';

export interface DomainLifecycleResult {
  checked: number;
  changed: number;
  failed: number;
}

export async function runDomainLifecycle(s: Services, o: { batch?: number; registry?: Registry } = {}): Promise<DomainLifecycleResult> {
  const registry = o.registry ?? registryOf(s);
  const out: DomainLifecycleResult = { checked: 0, changed: 0, failed: 0 };
  const failedIds = new Set<number>();
  // a clock moved by years may need several passes (e.g. an auto-renewal, then the next expiry); stop when quiet
  for (let pass = 0; pass < 20; pass++) {
    const ids = (await runQuery(s, (ctx, n: number) => ctx.uow.domains.dueIds(ctx.now, n), o.batch ?? 10_000)).filter((id) => !failedIds.has(id));
    if (!ids.length) break;
    let progressed = false;
    for (const id of ids) {
      out.checked++;
      try {
        const before = await runQuery(s, (ctx, x: number) => ctx.uow.domains.byId(x), id);
        const after = await runFlow(s, settleDomain, { registry, domainId: id });
        if (before && after && after.version !== before.version) {
          out.changed++;
          progressed = true;
        }
      } catch (e) {
        out.failed++;
        failedIds.add(id);
        s.log?.warn({ err: e, domainId: id }, 'domain lifecycle: domain failed');
      }
    }
    if (!progressed) break;
  }
  return out;
}

/** runs the job every `everyMs` until stopped; returns the stop function */
export function scheduleDomainLifecycle(s: Services, everyMs = 5000): () => void {
  let running = false;
  const t = setInterval(() => {
    if (running) return;
    running = true;
    runDomainLifecycle(s).finally(() => (running = false));
  }, everyMs);
  t.unref();
  return () => clearInterval(t);
}
