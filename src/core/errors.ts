// The one error type that leaves the core, and the one catalogue of its codes.
// Every face maps every code through a table the compiler checks (`satisfies Record<ErrorCode, …>`).
// docs/errors.md is kept in step with this catalogue by test/core/errors-doc.test.ts.

export const ERROR_CATALOGUE = {
  // request shape (raised by adapters while parsing, so every face answers it in its own envelope)
  'request.malformed': 'The request body could not be parsed',
  'request.invalid': 'A parameter is missing or invalid',
  'request.too_large': 'The request body is too large',
  'request.unknown_route': 'No such operation',
  'request.not_implemented': 'The operation is documented but not implemented by this server',
  'request.method_not_allowed': 'The HTTP method is not allowed here',
  // authentication and authorisation
  'auth.required': 'Credentials are required',
  'auth.failed': 'Authentication failed',
  'auth.token_invalid': 'The token is unknown or expired',
  'auth.ip_denied': 'Calls from this IP address are not allowed',
  'auth.api_disabled': 'API access is disabled for this user',
  'auth.forbidden': 'The user may not perform this operation',
  // accounts and users
  'account.not_found': 'The account does not exist',
  'account.inactive': 'The account is not active',
  'user.not_found': 'The user does not exist',
  'user.username_taken': 'The username is already in use',
  'user.email_taken': 'The email address is already in use by another user',
  'user.update_refused': 'The change to the user was refused (e.g. a domain granted twice, or revoked but not granted)',
  // contacts (customer handles)
  'contact.not_found': 'The contact does not exist',
  'contact.invalid': 'The contact data is invalid',
  'contact.in_use': 'The contact is used by an active product',
  'contact.name_immutable': 'The name of a contact cannot be changed',
  // tags
  'tag.not_found': 'The tag does not exist',
  'tag.exists': 'The tag already exists',
  // email verification
  'verification.in_progress': 'Verification email in progress',
  'verification.not_found': 'No verification is in progress for this email address',
  'verification.link_invalid': 'The verification link is invalid or expired',
  // billing
  'billing.insufficient_funds': 'Insufficient balance',
  'billing.invalid_amount': 'The amount is invalid',
  // sandbox
  'sandbox.invalid_clock_change': 'The clock change is invalid',
  // DNS zones, records and templates
  'dns.zone_not_found': 'The DNS zone does not exist',
  'dns.zone_exists': 'The DNS zone already exists',
  'dns.zone_name_invalid': 'The zone name is not a valid domain name',
  'dns.record_invalid': 'The DNS record is invalid',
  'dns.record_duplicate': 'Duplicate record',
  'dns.record_not_found': 'The DNS record does not exist in the zone',
  'dns.record_readonly': 'SOA and apex NS records are generated and cannot be edited',
  'dns.cname_conflict': 'A CNAME record cannot share its name with other records',
  'dns.template_not_found': 'The DNS template does not exist',
  'dns.template_exists': 'A DNS template with this name already exists',
  // SSL products and orders
  'ssl.product_not_found': 'The SSL product does not exist',
  'ssl.order_not_found': 'The SSL order does not exist',
  'ssl.csr_invalid': 'The certificate signing request is invalid',
  'ssl.csr_weak': 'The key or signature of the certificate signing request is too weak',
  'ssl.invalid_state': 'The SSL order is not in a state that allows this operation',
  'ssl.too_many_domains': 'More domains than the SSL product allows',
  'ssl.approver_email_invalid': 'The approver email address is not allowed for this domain',
  'ssl.renew_too_early': 'SSL renew too early',
  'ssl.link_invalid': 'The approval or panel link is invalid or expired',
  // domains and the simulated registry
  'domain.name_invalid': 'Invalid domain name',
  'domain.tld_not_supported': 'TLD not supported',
  'domain.not_found': 'Domain not found',
  'domain.taken': 'The domain name is already registered',
  'domain.reserved': 'The domain name is reserved by the registry',
  'domain.premium_not_accepted': 'The domain is premium: its price must be accepted',
  'domain.transfer_not_allowed': 'Domain transfer not allowed',
  'domain.auth_code_invalid': 'The auth code is missing or invalid',
  'domain.renew_not_allowed': 'Domain renew not allowed',
  'domain.invalid_state': 'The domain is not in a state that allows this operation',
  'domain.update_blocked': 'Domain update blocked',
  'domain.trade_not_allowed': 'Trade is not allowed for this TLD',
  'domain.additional_data_required': 'Additional data required by the TLD is missing or invalid',
  'domain.not_supported': 'The TLD does not support this feature',
  'domain.link_invalid': 'The transfer approval link is invalid or expired',
  'domain.whois_not_allowed': 'Whois data is shown only for domains of your account',
  'domain.expiry_mismatch': 'The expiry date given is not the current expiry date of the domain',
  'domain.contact_required': 'A contact of a type the operation requires is missing',
  // concurrency
  'conflict.concurrent_update': 'The object was changed by another request; try again',
  // the catch-all: never shows the cause to a client
  internal: 'Internal error',
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export interface ErrorDetails {
  /** the offending field, in core terms or as the client sent it */
  field?: string;
  /** extra public detail for the client */
  reason?: string;
  /** any id the client may need (e.g. the id of an existing verification) */
  id?: number | string;
  [key: string]: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly publicMessage: string;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, publicMessage?: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(publicMessage ?? ERROR_CATALOGUE[code], options);
    this.name = 'DomainError';
    this.code = code;
    this.publicMessage = publicMessage ?? ERROR_CATALOGUE[code];
    this.details = details;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Any thrown value as a DomainError; unknown faults become `internal` with the cause kept for the log. */
export function toDomainError(e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  return new DomainError('internal', undefined, {}, { cause: e });
}

export function invalid(field: string, reason: string): DomainError {
  return new DomainError('request.invalid', `${field}: ${reason}`, { field, reason });
}
