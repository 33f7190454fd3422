// Lists ledger entries of an account, newest first.
import type { Flow } from '../../runner.ts';
import type { Page, PageOf } from '../../ports.ts';
import type { LedgerEntry } from '../model.ts';

export const listLedger: Flow<{ accountId: number; kind?: string; from?: Date; to?: Date; page: Page }, PageOf<LedgerEntry>> = (ctx, i) =>
  ctx.uow.ledger.list(i.accountId, { kind: i.kind, from: i.from, to: i.to }, i.page);
