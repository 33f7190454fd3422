// The ONE table from core error codes to Openprovider's `code` + HTTP status (docs/openprovider-errors.md).
// Documented/production codes are reused where the meaning matches (WIRE-FACTS Openprovider §8 and seed 000):
// 196 "Authentication/Authorization Failed" (HTTP 401), 20001 "Verification email in progress" (seed 000:9006-9011).
// Every other number is Resellbox's own choice, stable from now on: 1xx request shape, 8xx objects and rules.
// HTTP: 401 missing/bad/expired credentials, 403 credentials fine but not allowed, 404 unknown objects,
// 400 validation and business rules, 413 oversized body, 500 internal only.
import type { DomainError, ErrorCode } from '../../core/errors.ts';

export interface OpError {
  code: number;
  http: number;
}

export const OP_ERRORS = {
  'request.malformed': { code: 100, http: 400 },
  'request.invalid': { code: 101, http: 400 },
  'request.too_large': { code: 102, http: 413 },
  'request.unknown_route': { code: 103, http: 404 },
  'request.not_implemented': { code: 104, http: 501 },
  'request.method_not_allowed': { code: 105, http: 405 },
  'auth.required': { code: 196, http: 401 },
  'auth.failed': { code: 196, http: 401 },
  'auth.token_invalid': { code: 196, http: 401 },
  'auth.ip_denied': { code: 196, http: 403 },
  'auth.api_disabled': { code: 196, http: 403 },
  'auth.forbidden': { code: 197, http: 403 },
  'account.not_found': { code: 801, http: 404 },
  'account.inactive': { code: 196, http: 403 },
  'user.not_found': { code: 811, http: 404 },
  'user.username_taken': { code: 812, http: 400 },
  'user.email_taken': { code: 813, http: 400 },
  'user.update_refused': { code: 814, http: 400 },
  'contact.not_found': { code: 821, http: 404 },
  'contact.invalid': { code: 822, http: 400 },
  'contact.in_use': { code: 823, http: 400 },
  'contact.name_immutable': { code: 824, http: 400 },
  'tag.not_found': { code: 831, http: 404 },
  'tag.exists': { code: 832, http: 400 },
  'verification.in_progress': { code: 20001, http: 400 },
  'verification.not_found': { code: 841, http: 404 },
  'verification.link_invalid': { code: 842, http: 400 },
  'billing.insufficient_funds': { code: 851, http: 400 },
  'billing.invalid_amount': { code: 852, http: 400 },
  'sandbox.invalid_clock_change': { code: 861, http: 400 },
  'dns.zone_not_found': { code: 871, http: 404 },
  'dns.zone_exists': { code: 872, http: 400 },
  'dns.zone_name_invalid': { code: 873, http: 400 },
  'dns.record_invalid': { code: 874, http: 400 },
  'dns.record_duplicate': { code: 875, http: 400 },
  'dns.record_not_found': { code: 876, http: 404 },
  'dns.record_readonly': { code: 877, http: 400 },
  'dns.cname_conflict': { code: 878, http: 400 },
  'dns.template_not_found': { code: 879, http: 404 },
  'dns.template_exists': { code: 880, http: 400 },
  'ssl.product_not_found': { code: 901, http: 404 },
  'ssl.order_not_found': { code: 902, http: 404 },
  'ssl.csr_invalid': { code: 903, http: 400 },
  'ssl.csr_weak': { code: 903, http: 400 },
  'ssl.invalid_state': { code: 904, http: 400 },
  'ssl.too_many_domains': { code: 905, http: 400 },
  'ssl.approver_email_invalid': { code: 906, http: 400 },
  'ssl.renew_too_early': { code: 25001, http: 400 },
  'ssl.link_invalid': { code: 907, http: 400 },
  // domains (3xx; 321 "TLD not tradeable" is Openprovider's own, WIRE-FACTS §8)
  'domain.name_invalid': { code: 301, http: 400 },
  'domain.tld_not_supported': { code: 302, http: 400 },
  'domain.not_found': { code: 320, http: 404 },
  'domain.taken': { code: 346, http: 400 },
  'domain.reserved': { code: 347, http: 400 },
  'domain.premium_not_accepted': { code: 348, http: 400 },
  'domain.transfer_not_allowed': { code: 351, http: 400 },
  'domain.auth_code_invalid': { code: 352, http: 400 },
  'domain.renew_not_allowed': { code: 361, http: 400 },
  'domain.invalid_state': { code: 362, http: 400 },
  'domain.update_blocked': { code: 363, http: 400 },
  'domain.trade_not_allowed': { code: 321, http: 400 },
  'domain.additional_data_required': { code: 370, http: 400 },
  'domain.not_supported': { code: 371, http: 400 },
  'domain.link_invalid': { code: 372, http: 400 },
  'domain.whois_not_allowed': { code: 373, http: 403 },
  'domain.expiry_mismatch': { code: 374, http: 400 },
  // WIRE-FACTS §8: 170 "contact type required" (a required owner/admin/tech handle is missing)
  'domain.contact_required': { code: 170, http: 400 },
  'conflict.concurrent_update': { code: 890, http: 409 },
  internal: { code: 1, http: 500 },
} satisfies Record<ErrorCode, OpError>;

/** the public text for a code where Openprovider has its own wording */
const DESC: Partial<Record<ErrorCode, string>> = {
  'auth.required': 'Authentication/Authorization Failed',
  'auth.failed': 'Authentication/Authorization Failed',
  'auth.token_invalid': 'Authentication/Authorization Failed',
  'verification.in_progress': 'Verification email in progress',
};

export interface ErrorBody {
  code: number;
  desc: string;
  data: string;
}

/**
 * The error envelope `{"code","desc","data"}`; `data` is always a string (the spec's errorError): the offending
 * field, a public reason, or — for 20001 — the id of the verification already running (seed 000:9006-9011 shows it
 * as `data.id` on a 200; the spec and WIRE-FACTS §8 want errors non-2xx with a string `data`, see
 * docs/openprovider-errors.md).
 */
export function errorBody(e: DomainError): { status: number; body: ErrorBody } {
  const row = OP_ERRORS[e.code];
  const desc = e.code === 'internal' ? 'Internal error' : (DESC[e.code] ?? e.publicMessage);
  let data = '';
  if (e.code === 'verification.in_progress' && e.details.id !== undefined) data = String(e.details.id);
  else if (e.code !== 'internal' && typeof e.details.field === 'string') data = e.details.field;
  return { status: row.http, body: { code: row.code, desc, data } };
}
