// The one table that turns every core error into SSL247's error envelope: the HTTP status and `Response.Error.Code`.
// The seed documents no codes and no statuses (inventory §1.4, A2), so we follow the inventory's recommendation:
// the HTTP status says what kind of failure it is, and `Code` repeats that status as a string, so a client that
// reads only the body sees the same thing as one that reads only the status. docs/ssl247-errors.md lists this table
// (test/ssl247/errors-doc.test.ts keeps them in step).
import type { ErrorCode } from '../../core/errors.ts';

export interface Ssl247Error {
  http: number;
  code: string;
}

const e = (http: number): Ssl247Error => ({ http, code: String(http) });

export const SSL247_ERRORS = {
  'request.malformed': e(400),
  'request.invalid': e(400),
  'request.too_large': e(413),
  'request.unknown_route': e(404),
  // a documented route this server does not serve yet: not "unknown" (404), not "wrong method" (405)
  'request.not_implemented': e(501),
  'request.method_not_allowed': e(405),
  'auth.required': e(401),
  'auth.failed': e(401),
  'auth.token_invalid': e(401),
  'auth.ip_denied': e(403),
  'auth.api_disabled': e(403),
  'auth.forbidden': e(403),
  'account.not_found': e(404),
  'account.inactive': e(403),
  'user.not_found': e(404),
  'user.username_taken': e(409),
  'user.email_taken': e(409),
  'user.update_refused': e(400),
  'contact.not_found': e(404),
  'contact.invalid': e(400),
  'contact.in_use': e(409),
  'contact.name_immutable': e(400),
  'tag.not_found': e(404),
  'tag.exists': e(409),
  'verification.in_progress': e(409),
  'verification.not_found': e(404),
  'verification.link_invalid': e(400),
  'billing.insufficient_funds': e(402),
  'billing.invalid_amount': e(400),
  'sandbox.invalid_clock_change': e(400),
  // SSL247 has no DNS operations; these rows only keep the table complete
  'dns.zone_not_found': e(404),
  'dns.zone_exists': e(409),
  'dns.zone_name_invalid': e(400),
  'dns.record_invalid': e(400),
  'dns.record_duplicate': e(409),
  'dns.record_not_found': e(404),
  'dns.record_readonly': e(400),
  'dns.cname_conflict': e(409),
  'dns.template_not_found': e(404),
  'dns.template_exists': e(409),
  'ssl.product_not_found': e(404),
  'ssl.order_not_found': e(404),
  'ssl.csr_invalid': e(400),
  'ssl.csr_weak': e(400),
  'ssl.invalid_state': e(409),
  'ssl.too_many_domains': e(400),
  'ssl.approver_email_invalid': e(400),
  'ssl.renew_too_early': e(400),
  'ssl.link_invalid': e(400),
  'domain.name_invalid': e(400),
  'domain.tld_not_supported': e(400),
  'domain.not_found': e(404),
  'domain.taken': e(409),
  'domain.reserved': e(409),
  'domain.premium_not_accepted': e(400),
  'domain.transfer_not_allowed': e(400),
  'domain.auth_code_invalid': e(400),
  'domain.renew_not_allowed': e(400),
  'domain.invalid_state': e(409),
  'domain.update_blocked': e(409),
  'domain.trade_not_allowed': e(400),
  'domain.additional_data_required': e(400),
  'domain.not_supported': e(400),
  'domain.link_invalid': e(400),
  'domain.contact_required': e(400),
  'domain.whois_not_allowed': e(403),
  'domain.expiry_mismatch': e(400),
  'conflict.concurrent_update': e(409),
  internal: e(500),
} satisfies Record<ErrorCode, Ssl247Error>;
