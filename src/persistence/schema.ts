// The tables as Kysely sees them. Dates are ISO-8601 text, booleans 0/1 integers, JSON text: the same on
// SQLite and PostgreSQL, so one set of repositories serves both (docs/adr/0002-persistence.md).
import type { Generated } from 'kysely';

export interface AccountsTable {
  id: Generated<number>;
  code: string;
  name: string;
  currency: string;
  api_key: string;
  status: string;
  settings: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UsersTable {
  id: Generated<number>;
  account_id: number;
  username: string;
  username_lc: string;
  email: string;
  email_lc: string;
  password_hash: string;
  api_key: string;
  role: string;
  kind: string;
  is_active: number;
  api_access_enabled: number;
  data: string;
  last_login_at: string | null;
  last_api_call_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TokensTable {
  token_hash: string;
  user_id: number;
  account_id: number;
  ip: string;
  issued_at: string;
  expires_at: string;
}

export interface ContactsTable {
  id: Generated<number>;
  account_id: number;
  handle: string;
  handle_lc: string;
  ref: string;
  ref_lc: string;
  kind: string;
  first_name: string;
  last_name: string;
  company_name: string;
  email: string;
  /** "|key=value|key=value|" for tag search */
  tags: string;
  email_verification: string;
  data: string;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TagsTable {
  id: Generated<number>;
  account_id: number;
  key: string;
  value: string;
  created_at: string;
}

export interface VerificationsTable {
  id: Generated<number>;
  account_id: number;
  email: string;
  email_lc: string;
  handle: string;
  status: string;
  token: string;
  language: string;
  is_suspended: number;
  created_at: string;
  expires_at: string;
  verified_at: string | null;
  updated_at: string;
}

export interface LedgerTable {
  id: Generated<number>;
  account_id: number;
  kind: string;
  amount_minor: number;
  currency: string;
  description: string;
  reference: string;
  created_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  account_id: number | null;
  to_addr: string;
  to_lc: string;
  from_addr: string;
  subject: string;
  body: string;
  links: string;
  kind: string;
  created_at: string;
}

export interface JournalTable {
  id: Generated<number>;
  face: string;
  account_id: number | null;
  method: string;
  path: string;
  status: number;
  request_body: string;
  response_body: string;
  duration_ms: number;
  ip: string;
  created_at: string;
}

export interface ClockStateTable {
  id: number;
  offset_ms: number;
  frozen_at: string | null;
}

export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  tokens: TokensTable;
  contacts: ContactsTable;
  tags: TagsTable;
  email_verifications: VerificationsTable;
  ledger_entries: LedgerTable;
  outbox: OutboxTable;
  journal: JournalTable;
  clock_state: ClockStateTable;
}
