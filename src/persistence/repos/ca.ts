// The built-in CA's keys, certificates, CRL counter and revocations. Tables declared here (not in schema.ts) so the
// CA stays in its own files.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { CaRepo, CaState, Revocation, RevocationReason } from '../../core/ssl/ca-port.ts';
import { iso, date } from './util.ts';

export interface CaStateTable {
  id: number;
  root_key_pem: string;
  root_cert_pem: string;
  intermediate_key_pem: string;
  intermediate_cert_pem: string;
  crl_number: number;
  created_at: string;
}
export interface CaRevocationsTable {
  serial: string;
  reason: string;
  revoked_at: string;
}
export interface CaTables {
  ca_state: CaStateTable;
  ca_revocations: CaRevocationsTable;
}

export function caRepo(anyDb: Kysely<any>): CaRepo {
  const db = anyDb as Kysely<CaTables>;
  return {
    async load() {
      const r = await db.selectFrom('ca_state').selectAll().where('id', '=', 1).executeTakeFirst();
      if (!r) return null;
      return { rootKeyPem: r.root_key_pem, rootCertPem: r.root_cert_pem, intermediateKeyPem: r.intermediate_key_pem, intermediateCertPem: r.intermediate_cert_pem, crlNumber: Number(r.crl_number), createdAt: date(r.created_at) } satisfies CaState;
    },
    async create(s) {
      const res = await db.insertInto('ca_state')
        .values({ id: 1, root_key_pem: s.rootKeyPem, root_cert_pem: s.rootCertPem, intermediate_key_pem: s.intermediateKeyPem, intermediate_cert_pem: s.intermediateCertPem, crl_number: s.crlNumber, created_at: iso(s.createdAt) })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async nextCrlNumber() {
      await db.updateTable('ca_state').set({ crl_number: sql<number>`crl_number + 1` }).where('id', '=', 1).execute();
      const r = await db.selectFrom('ca_state').select('crl_number').where('id', '=', 1).executeTakeFirstOrThrow();
      return Number(r.crl_number);
    },
    async addRevocation(r: Revocation) {
      // the first revocation of a serial is the one that counts
      await db.insertInto('ca_revocations').values({ serial: r.serial, reason: r.reason, revoked_at: iso(r.revokedAt) }).onConflict((oc) => oc.column('serial').doNothing()).execute();
    },
    async revocations() {
      const rows = await db.selectFrom('ca_revocations').selectAll().orderBy('revoked_at').orderBy('serial').execute();
      return rows.map((r) => ({ serial: r.serial, reason: r.reason as RevocationReason, revokedAt: date(r.revoked_at) }));
    },
  };
}
