// Steps the SSL flows share: load and project an order, resolve contacts, charge the ledger, build the DCV entries,
// mail approvers, and issue through the CA once everything is validated. Errors are listed on each helper.
import type { FlowContext } from '../runner.ts';
import type { Account } from '../accounts/model.ts';
import { DomainError, invalid } from '../errors.ts';
import { allowanceOf, monthWindow } from '../billing/model.ts';
import { parseDuration } from '../clock.ts';
import { sendMail } from '../outbox/send-mail.ts';
import type { DcvMethod, SslProduct } from './catalogue.ts';
import { productByCode } from './catalogue.ts';
import type { DcvEntry, SslContacts, SslOrder } from './model.ts';
import {
  APPROVAL_TTL_MS, DEFAULT_ORG_CHECK_DELAY_MS, addMs, approverEmailsFor, checkMethod, hostnamesOf, isApproverFor, projectOrder, termEndFor, validityFor,
} from './model.ts';
import type { CsrInfo, SslCa } from './ports.ts';
import type { IssueProfile } from './ca-port.ts';

/** Errors: ssl.order_not_found */
export async function loadOrder(ctx: FlowContext, accountId: number, id: number): Promise<SslOrder> {
  const o = Number.isInteger(id) ? await ctx.uow.ssl.get(accountId, id) : null;
  if (!o) throw new DomainError('ssl.order_not_found', `SSL order ${id} not found`, { id });
  return projectOrder(o, ctx.now);
}

/** Errors: ssl.product_not_found */
export function productOf(code: string): SslProduct {
  const p = productByCode(code);
  if (!p) throw new DomainError('ssl.product_not_found', `SSL product ${code} not found`);
  return p;
}

/** Errors: account.not_found */
export async function accountOf(ctx: FlowContext, accountId: number): Promise<Account> {
  const a = await ctx.uow.accounts.get(accountId);
  if (!a) throw new DomainError('account.not_found');
  return a;
}

export type ContactKeys = Partial<Record<keyof SslContacts, string | number | null>>;

/** Contact keys (handle, ref or id) to contact ids; keys left out keep `base`. Errors: contact.not_found */
export async function resolveContacts(ctx: FlowContext, accountId: number, keys: ContactKeys | undefined, base: SslContacts): Promise<SslContacts> {
  const out = { ...base };
  for (const role of ['organization', 'admin', 'technical', 'billing'] as const) {
    const k = keys?.[role];
    if (k === undefined) continue;
    if (k === null || k === '') {
      out[role] = null;
      continue;
    }
    const c = await ctx.uow.contacts.byKey(accountId, String(k));
    if (!c || c.deletedAt) throw new DomainError('contact.not_found', `Contact ${k} not found`, { field: `${role}_handle` });
    out[role] = c.id;
  }
  return out;
}

/** Errors: contact.not_found (a required role is not set) */
export function assertContacts(product: SslProduct, c: SslContacts): void {
  for (const role of product.requiredContacts) {
    if (c[role] === null) throw new DomainError('contact.not_found', `${product.name} needs a${role === 'admin' ? 'n' : ''} ${role} contact`, { field: `${role}_handle`, reason: 'is required' });
  }
}

/**
 * Debits the ledger in the current transaction. The money is there when the balance covers the amount, or the
 * monthly allowance (docs/adr/0006-ssl247-deposit-allowance.md) still has room for it. Errors: billing.insufficient_funds
 */
export async function charge(ctx: FlowContext, account: Account, amountMinor: number, description: string, reference: string): Promise<void> {
  if (amountMinor <= 0) return;
  const balance = await ctx.uow.ledger.balanceMinor(account.id);
  if (balance < amountMinor) {
    const { from, to } = monthWindow(ctx.now);
    const allowance = allowanceOf(account.settings.monthlyAllowanceMinor ?? 0, await ctx.uow.ledger.sumMinor(account.id, 'charge', from, to), await ctx.uow.ledger.sumMinor(account.id, 'refund', from, to));
    if (allowance.remainingMinor < amountMinor) throw new DomainError('billing.insufficient_funds', undefined, { needed: amountMinor, balance });
  }
  await ctx.uow.ledger.append({ accountId: account.id, kind: 'charge', amountMinor: -amountMinor, currency: account.currency, description, reference, createdAt: ctx.now });
}

export async function refund(ctx: FlowContext, o: SslOrder, amountMinor: number, description: string): Promise<void> {
  if (amountMinor <= 0) return;
  await ctx.uow.ledger.append({ accountId: o.accountId, kind: 'refund', amountMinor, currency: o.currency, description, reference: `ssl_order:${o.id}`, createdAt: ctx.now });
}

/** Errors: ssl.csr_invalid, ssl.csr_weak (from the CA; not with `allowWeak`, which only decoders use) */
export async function decodeCsr(ca: SslCa, pem: string, opts: { allowWeak?: boolean } = {}): Promise<CsrInfo> {
  const text = String(pem ?? '').trim();
  if (!text.includes('-----BEGIN CERTIFICATE REQUEST-----') && !text.includes('-----BEGIN NEW CERTIFICATE REQUEST-----')) throw new DomainError('ssl.csr_invalid', 'The CSR must be a PEM certificate request', { field: 'csr' });
  try {
    return await ca.decodeCsr(text, opts);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('ssl.csr_invalid', 'The CSR cannot be decoded', { field: 'csr' }, { cause: e });
  }
}

/** what an order carries besides its product and period: shared by placing an order and changing a draft */
export interface OrderFields {
  csr?: string;
  privateKey?: string;
  /** the common name when there is no CSR yet (a draft) */
  commonName?: string;
  /** SANs besides the common name; multi-domain products only */
  sans?: string[];
  domainAmount?: number;
  dcv?: DcvChoice[];
  /** the method of hostnames not named in `dcv` (default: email when `approverEmail` is set, else dns) */
  defaultMethod?: string;
  approverEmail?: string;
  software?: 'linux' | 'windows';
  signatureHash?: string;
  contacts?: ContactKeys;
  autorenew?: boolean;
  enableDnsAutomation?: boolean;
}

export interface DcvChoice {
  hostname: string;
  method: string;
  approverEmail?: string;
}

/**
 * One DCV entry per hostname of the order. A hostname named in `choices` takes that method; the others take
 * `defaultMethod` (email when an approver address is known, else dns). A hostname already validated with the same
 * method stays validated (CAs reuse domain validation). Hostnames in `choices` must belong to the order
 * (Openprovider 002:52). Errors: request.invalid, ssl.approver_email_invalid
 */
export function buildDcv(ctx: FlowContext, product: SslProduct, o: Pick<SslOrder, 'commonName' | 'sans' | 'approverEmail' | 'dcv'>, choices: DcvChoice[] | undefined, defaultMethod?: string, whois: Map<string, string[]> = new Map()): DcvEntry[] {
  const names = hostnamesOf(o);
  const byHost = new Map<string, DcvChoice>();
  for (const c of choices ?? []) {
    const h = String(c.hostname ?? '').trim().toLowerCase().replace(/\.$/, '');
    if (!names.includes(h)) throw invalid('domain_validation_methods', `${c.hostname} is not a hostname of the order`);
    byHost.set(h, c);
  }
  return names.map((hostname) => {
    const chosen = byHost.get(hostname);
    const previous = o.dcv.find((d) => d.hostname === hostname);
    const fallback = defaultMethod ?? previous?.method ?? (o.approverEmail ? 'email' : 'dns');
    const method: DcvMethod = checkMethod(product, hostname, chosen?.method ?? fallback);
    let approverEmail = '';
    if (method === 'email') {
      const known = whois.get(hostname) ?? [];
      approverEmail = (chosen?.approverEmail || (previous?.method === 'email' ? previous.approverEmail : '') || o.approverEmail || approverEmailsFor(hostname, known)[0]).trim().toLowerCase();
      if (!isApproverFor(hostname, approverEmail, known)) throw new DomainError('ssl.approver_email_invalid', `${approverEmail} may not approve ${hostname}`, { field: 'approver_email', allowed: approverEmailsFor(hostname, known) });
    }
    // validated stays validated for the same method; an unchanged method and address keep their approval link
    const keep = previous && previous.status === 'validated' && previous.method === method;
    const same = previous && previous.method === method && previous.approverEmail === approverEmail;
    return {
      hostname, method, approverEmail,
      status: keep ? 'validated' : 'pending',
      validatedAt: keep ? previous.validatedAt : null,
      token: same ? previous.token : ctx.random.hex(16),
      mailsSent: same ? previous.mailsSent : 0,
    };
  });
}

/** The approver mail of each pending email-validated hostname (all, or those in `only`), with its approval link. */
export async function mailApprovers(ctx: FlowContext, o: SslOrder, only?: string[]): Promise<SslOrder> {
  const dcv: DcvEntry[] = [];
  for (const d of o.dcv) {
    if (d.method !== 'email' || d.status !== 'pending' || (only && !only.includes(d.hostname))) {
      dcv.push(d);
      continue;
    }
    if (!(await ctx.uow.ssl.token(d.token))) await ctx.uow.ssl.insertToken({ token: d.token, kind: 'approve', orderId: o.id, hostname: d.hostname, createdAt: ctx.now, expiresAt: addMs(ctx.now, APPROVAL_TTL_MS) });
    const link = `${ctx.publicUrl}/_sandbox/ssl/approve/${d.token}`;
    await sendMail(ctx, {
      accountId: o.accountId,
      to: d.approverEmail,
      from: 'dcv@resellbox.test',
      subject: `Approve the SSL certificate for ${d.hostname}`,
      body: `Hello,\n\nA certificate was requested for ${d.hostname} (order ${o.id}, common name ${o.commonName}).\n`
        + `If you are responsible for this domain and want the certificate issued, approve it by following this link:\n\n${link}\n\n`
        + `If you did not expect this request, ignore this mail.\n`,
      links: [link],
      kind: 'ssl-approval',
    });
    dcv.push({ ...d, mailsSent: d.mailsSent + 1 });
  }
  return { ...o, dcv };
}

/** the sandbox settings of an account: approve everything at once, and the OV/EV organisation-check delay */
export function sslSettingsOf(a: Account): { autoApprove: boolean; orgCheckDelayMs: number | null } {
  const s = a.settings as Record<string, unknown>;
  const delay = typeof s.sslOrgCheckDelay === 'string' ? parseDuration(s.sslOrgCheckDelay) : null;
  return { autoApprove: s.sslAutoApprove === true, orgCheckDelayMs: delay !== null && delay >= 0 ? delay : null };
}

/**
 * Moves a requested order on as far as it can go now: once every hostname is validated it starts the OV/EV
 * organisation check (a delay on the clock) and, when that is done (DV at once), issues through the CA.
 * Returns the order (not yet saved).
 */
export async function advance(ctx: FlowContext, o: SslOrder, ca: SslCa, account: Account): Promise<SslOrder> {
  if (o.state !== 'requested' || o.cancelAt) return o;
  if (o.dcv.some((d) => d.status !== 'validated')) return o;
  const product = productOf(o.productCode);
  let next: SslOrder = o.validatedAt ? o : { ...o, validatedAt: ctx.now };
  if (product.validation !== 'dv' && !next.orgCheckDoneAt) {
    // a reissue or renewal of an order that already passed the organisation check does not wait again
    const delay = next.activatedAt ? 0 : (sslSettingsOf(account).orgCheckDelayMs ?? DEFAULT_ORG_CHECK_DELAY_MS[product.validation]);
    next = { ...next, orgCheckDoneAt: addMs(next.validatedAt ?? ctx.now, delay) };
  }
  if (next.orgCheckDoneAt && ctx.now < next.orgCheckDoneAt) return next;
  return issue(ctx, next, product, ca);
}

/**
 * The CA profile of an order: DV carries the common name only; OV/EV carry the organisation contact's company,
 * locality, state and country (EV also its registration number as serialNumber, CA/B EV Guidelines 7.1.4.2).
 */
export async function issueProfile(ctx: FlowContext, o: SslOrder, product: SslProduct): Promise<IssueProfile> {
  const signatureHash = o.signatureHash === 'sha384' || o.signatureHash === 'sha512' ? o.signatureHash : 'sha256';
  if (product.validation === 'dv') return { validation: 'DV', signatureHash };
  const org = o.contacts.organization !== null ? await ctx.uow.contacts.get(o.accountId, o.contacts.organization) : null;
  const subject = org ? {
    organization: org.companyName || `${org.name.firstName} ${org.name.lastName}`.trim(),
    locality: org.address.city, state: org.address.state, country: org.address.country,
  } : {};
  if (product.validation === 'ov') return { validation: 'OV', signatureHash, ...subject };
  return { validation: 'EV', signatureHash, ...subject, serialNumber: org?.registrationNumber || `RB-${o.accountId}`, jurisdictionCountry: org?.address.country, businessCategory: 'Private Organization' };
}

/** issues the certificate for the order's current request and makes it active */
async function issue(ctx: FlowContext, o: SslOrder, product: SslProduct, ca: SslCa): Promise<SslOrder> {
  const activatedAt = o.activatedAt ?? ctx.now;
  const termEndsAt = o.termEndsAt ?? termEndFor(o, product, ctx.now);
  const { validFrom, validTo } = validityFor(ctx.now, termEndsAt);
  const cert = await ca.issue({ csrPem: o.csr, commonName: o.commonName, sans: hostnamesOf(o), validFrom, validTo, profile: await issueProfile(ctx, o, product) });
  return {
    ...o,
    state: 'active',
    activatedAt,
    issuedAt: ctx.now,
    termEndsAt,
    certificate: { serial: cert.serial, certPem: cert.certPem, chainPem: cert.chainPem, notBefore: new Date(cert.notBefore), notAfter: new Date(cert.notAfter) },
    updatedAt: ctx.now,
  };
}

/** marks every pending hostname validated (sandbox approve-all) and, optionally, the organisation check done */
export function approveEverything(ctx: FlowContext, o: SslOrder, orgToo: boolean): SslOrder {
  return {
    ...o,
    dcv: o.dcv.map((d) => (d.status === 'validated' ? d : { ...d, status: 'validated', validatedAt: ctx.now })),
    validatedAt: o.validatedAt ?? ctx.now,
    orgCheckDoneAt: orgToo ? ctx.now : o.orgCheckDoneAt,
  };
}

/**
 * Sends a draft to the CA: checks what the CA needs (a CSR, the contacts the product requires), mails the approvers
 * and, with the sandbox switch on, approves everything. Errors: ssl.csr_invalid, contact.not_found
 */
export async function submit(ctx: FlowContext, o: SslOrder, ca: SslCa, account: Account, kind: SslOrder['requestKind'] = 'new'): Promise<SslOrder> {
  const product = productOf(o.productCode);
  if (!o.csr) throw new DomainError('ssl.csr_invalid', 'A CSR is needed before the order goes to the CA', { field: 'csr', reason: 'is required' });
  if (!o.commonName) throw invalid('common_name', 'is required');
  assertContacts(product, o.contacts);
  let next: SslOrder = { ...o, state: 'requested', requestKind: kind, requestedAt: ctx.now, validatedAt: null, updatedAt: ctx.now };
  if (!next.activatedAt) next.orgCheckDoneAt = null;
  next = sslSettingsOf(account).autoApprove ? approveEverything(ctx, next, true) : await mailApprovers(ctx, next);
  return advance(ctx, next, ca, account);
}
