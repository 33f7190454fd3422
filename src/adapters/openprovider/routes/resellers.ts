// The reseller = the caller's account (seed 000:9014-9481):
//   GET /resellers (with_additional_data, with_statistics, with_settings, with_contacts), PUT /resellers/{id},
//   GET /resellers/settings, GET /resellers/statistics.
// `id` / `reseller_id` is the account id. Only the caller's own id is accepted on PUT (another id: 404,
// inventory B10). Statistics come from the core's counts; settings from the account.
import type { RegisterArea } from './area.ts';
import type { Services } from '../../../core/runner.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import { getAccount } from '../../../core/accounts/flows/get-account.ts';
import { updateAccount } from '../../../core/accounts/flows/update-account.ts';
import { getStatistics, type AccountStatistics } from '../../../core/accounts/flows/get-statistics.ts';
import { listUsers } from '../../../core/users/flows/list-users.ts';
import { listTags } from '../../../core/tags/flows/list-tags.ts';
import type { Account } from '../../../core/accounts/model.ts';
import { fromMinor } from '../../../core/billing/model.ts';
import { EMPTY_ADDRESS, EMPTY_NAME, type Address, type Phone, type PersonName } from '../../../core/people.ts';
import { intOf } from '../../shared/http.ts';
import { actorOf } from '../auth.ts';
import { S, flag, jsonBody, ok, opDateTime, queryOf, success } from '../wire.ts';
import { ADDRESS, NAME, PHONE, addressIn, addressOut, contactOut, nameIn, nameOut, phoneIn, phoneOut, type WireAddress, type WireName, type WirePhone } from '../mapping.ts';

const COMPANY_SIZE = ['UNKNOWN_COMPANY_SIZE', 'BETWEEN_1_AND_10', 'BETWEEN_11_AND_50', 'BETWEEN_51_AND_200', 'BETWEEN_201_AND_500', 'BETWEEN_501_AND_1000', 'MORE_THAN_1000'];
const DESIGNATION = ['UNKNOWN_DESIGNATION', 'OWNER_FOUNDER_CEOP', 'IT', 'PRODUCT', 'MARKETING', 'PROCUREMENT', 'SALES_BDR', 'OTHER_DESIGNATION'];
const INDUSTRY = ['UNKNOWN_INDUSTRY', 'DOMAIN_REGISTRAR', 'CLOUD_SERVICES', 'MARKETING_AGENCIES', 'NETWORKING_SERVICES', 'WEB_HOSTING', 'SOFTWARE_DEVELOPMENT', 'WEBSITE_BUILDERS', 'SECURITY_SERVICES', 'IT_SERVICES', 'FREELANCER'];
/** printed with a space in the seed (000:9245, inventory D16); the underscore form is accepted too */
const REFERRAL = ['UNKNOWN_REFERRAL_SOURCE', 'SEARCH_ENGINE_RECOMMENDATION', 'SOCIAL_MEDIA', 'INTERNET_ADS', 'EMAIL', 'EVENT', 'CUSTOMER REVIEW_SITES', 'CUSTOMER_REVIEW_SITES', 'PLATFORM_COMPARISON_SITES', 'OTHER_REFERRAL_SOURCE'];

/** `designation` and `referral_source` are in the seed but not the Swagger (inventory D13): accepted and stored */
const UPDATE = S.obj({
  additional_data: S.obj({ cif_nif_number: S.str, gstin: S.str, internal_reference: S.str }),
  address: ADDRESS,
  comments: S.str,
  company_name: S.str,
  company_size: S.oneOf(COMPANY_SIZE),
  designation: S.oneOf(DESIGNATION),
  fax: PHONE,
  id: { type: ['integer', 'string'] },
  industry: S.oneOf(INDUSTRY),
  inn: S.str,
  kpp: S.str,
  locale: S.str,
  name: NAME,
  phone: PHONE,
  referral_source: S.oneOf(REFERRAL),
  vat: S.str,
});

/** The reseller's own contact details, kept in the account settings under `profile`. */
interface Profile {
  name: PersonName;
  address: Address;
  phone: Phone | null;
  fax: Phone | null;
  vat: string;
  comments: string;
  additionalData: { cif_nif_number?: string; gstin?: string; internal_reference?: string };
  companySize: string;
  designation: string;
  industry: string;
  referralSource: string;
  inn: string;
  kpp: string;
}

function profileOf(a: Account): Profile {
  const p = (a.settings.profile ?? {}) as Partial<Profile>;
  return {
    name: { ...EMPTY_NAME, ...p.name },
    address: { ...EMPTY_ADDRESS, country: a.settings.country, ...p.address },
    phone: p.phone ?? null,
    fax: p.fax ?? null,
    vat: p.vat ?? '',
    comments: p.comments ?? '',
    additionalData: p.additionalData ?? {},
    companySize: p.companySize ?? 'UNKNOWN_COMPANY_SIZE',
    designation: p.designation ?? 'UNKNOWN_DESIGNATION',
    industry: p.industry ?? 'UNKNOWN_INDUSTRY',
    referralSource: p.referralSource ?? 'UNKNOWN_REFERRAL_SOURCE',
    inn: p.inn ?? '',
    kpp: p.kpp ?? '',
  };
}

const PRODUCT_STATUSES = ['ACT', 'FAI', 'NSR', 'PEN', 'REJ', 'REQ'] as const;
const byStatus = (m: AccountStatistics['domains']['byStatus']) => Object.fromEntries(PRODUCT_STATUSES.map((s) => [s, m[s]]));

/** statisticsGetStatisticsResponseData; `spam_experts` says "no SpamExperts product" (the sandbox has none) */
function statisticsOut(s: AccountStatistics) {
  return {
    currency: { modified: opDateTime(s.currencySetAt) },
    customer: { modified: opDateTime(s.contacts.lastModified), total: s.contacts.total },
    dns: { total: s.dnsZones },
    domain: { by_status: byStatus(s.domains.byStatus), total: s.domains.total },
    license: { total: s.licenses },
    spam_experts: { activated_at: '', created_at: '', exists: false, expired_at: '', incoming_count: 0, incoming_limit: 0, outgoing_count: 0, outgoing_limit: 0, status: '', with_outgoing_filter: false },
    ssl: { by_status: byStatus(s.certificates.byStatus), total: s.certificates.total },
  };
}

const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);

/**
 * resellerSettings from the account. Payment, contract and notification settings have no meaning in the sandbox:
 * they show what a fresh sandbox reseller has (nothing signed, no payment methods), or what the account stores.
 */
async function settingsOut(services: Services, a: Account) {
  const s = a.settings as Record<string, unknown>;
  const tags = await runQuery(services, listTags, { accountId: a.id });
  return {
    av_handle: str(s.avHandle),
    claims_confirm_url: str(s.claimsConfirmUrl),
    claims_email_subject: str(s.claimsEmailSubject),
    claims_reseller_name: str(s.claimsResellerName, a.name),
    claims_sender_email: str(s.claimsSenderEmail),
    currency: a.currency,
    default_domain_billing_handle: str(s.defaultBillingHandle),
    default_domain_reseller_handle: str(s.defaultResellerHandle),
    foa_confirm_url: str(s.foaConfirmUrl),
    foa_email_subject: str(s.foaEmailSubject),
    foa_reseller_name: str(s.foaResellerName, a.name),
    foa_sender_email: str(s.foaSenderEmail),
    foa_terms_conditions_url: str(s.foaTermsUrl),
    is_auto_renew_enabled: bool(s.autoRenew, false),
    is_custom_nses_enabled: bool(s.customNameservers, false),
    ive2_customized_body: str(s.ive2Body),
    ive2_email_subject: str(s.ive2Subject),
    ive_confirm_url: str(s.iveConfirmUrl),
    ive_customized_body: str(s.iveBody),
    ive_email_subject: str(s.iveSubject, 'Please verify your email address'),
    ive_reseller_name: str(s.iveResellerName, a.name),
    ive_sender_email: str(s.iveSenderEmail, 'verification@resellbox.test'),
    jurisdiction: str(s.jurisdiction),
    language: str(s.language, (a.settings.locale || 'en').slice(0, 2).toUpperCase()),
    maximum_credit: num(s.maximumCredit),
    maximum_credit_card_payment: num(s.maximumCreditCardPayment),
    maximum_i_deal_payment: num(s.maximumIdealPayment),
    maximum_western_union_payment: num(s.maximumWesternUnionPayment),
    minimum_payment: num(s.minimumPayment),
    minimum_western_union_payment: num(s.minimumWesternUnionPayment),
    pay_methods: [] as string[],
    payment_methods: [] as unknown[],
    preregistered_domain_priorities: str(s.preregisteredDomainPriorities),
    recurring_payment_methods: [] as unknown[],
    renew_notification_days: Array.isArray(s.renewNotificationDays) ? (s.renewNotificationDays as number[]) : [],
    renew_notification_every_week: bool(s.renewNotificationEveryWeek, false),
    signed_contracts: [] as unknown[],
    tac_contract: { is_signed: false, name: '', signed_at: '', type: '' },
    tags: tags.map((t) => t.value),
    transaction_fee: { bank: 0, credit_card: 0, ideal: 0, paypal: 0, western_union: 0, yandex: 0 },
    type: str(s.type, 'normal'),
  };
}

export const resellerRoutes: RegisterArea = (app, { services }) => {
  app.get('/resellers', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const { account, balanceMinor } = await runQuery(services, getAccount, { accountId: actor.accountId });
    const p = profileOf(account);
    const users = await runQuery(services, listUsers, { accountId: account.id, page: { limit: 1000, offset: 0 } });
    const first = users.results[0];
    const name = p.name.firstName || p.name.lastName ? p.name : (first?.name ?? p.name);
    const withContacts = flag(q, 'with_contacts');
    const withSettings = flag(q, 'with_settings');
    const withStatistics = flag(q, 'with_statistics');
    const withAdditional = flag(q, 'with_additional_data');
    const settings = withSettings ? await settingsOut(services, account) : {};
    const { signed_contracts: _omit, ...resellerSettings } = settings as Record<string, unknown>;
    const statistics = withStatistics ? { ...statisticsOut(await runQuery(services, getStatistics, { accountId: account.id })), level: 1 } : {};
    return ok({
      additional_data: withAdditional ? { cif_nif_number: p.additionalData.cif_nif_number ?? '', gstin: p.additionalData.gstin ?? '', internal_reference: p.additionalData.internal_reference ?? '' } : {},
      address: addressOut(p.address),
      balance: fromMinor(balanceMinor),
      comments: p.comments,
      company_name: account.settings.companyName || account.name,
      contacts: withContacts ? users.results.map((u) => contactOut(u, withAdditional)) : [],
      email: first?.email ?? '',
      fax: phoneOut(p.fax),
      id: account.id,
      locale: account.settings.locale,
      name: nameOut(name),
      phone: phoneOut(p.phone ?? first?.phone ?? null),
      reserved_balance: 0,
      // resellerSettings documents every settings field but signed_contracts
      settings: resellerSettings,
      statistics,
      status: account.status === 'active' ? 'ACT' : 'DEL',
      tier: 1,
      vat: p.vat,
      vatperc: 0,
    });
  });

  app.put('/resellers/:id', async (req) => {
    const actor = actorOf(req);
    const id = intOf((req.params as { id: string }).id);
    if (id === undefined || id !== actor.accountId) throw new DomainError('account.not_found', 'The reseller does not exist');
    const b = jsonBody<{
      additional_data?: Profile['additionalData']; address?: WireAddress; comments?: string; company_name?: string; company_size?: string; designation?: string; fax?: WirePhone;
      id?: number | string; industry?: string; inn?: string; kpp?: string; locale?: string; name?: WireName; phone?: WirePhone; referral_source?: string; vat?: string;
    }>(req, UPDATE);
    if (b.id !== undefined && intOf(b.id) !== 0 && intOf(b.id) !== id) throw invalid('id', 'does not match the id in the path');
    const { account } = await runQuery(services, getAccount, { accountId: id });
    const p = profileOf(account);
    const next: Profile = {
      ...p,
      name: { ...p.name, ...nameIn(b.name) },
      address: { ...p.address, ...addressIn(b.address) },
      phone: phoneIn(b.phone, p.phone) ?? p.phone,
      fax: phoneIn(b.fax, p.fax) ?? p.fax,
      vat: b.vat ?? p.vat,
      comments: b.comments ?? p.comments,
      additionalData: { ...p.additionalData, ...b.additional_data },
      companySize: b.company_size ?? p.companySize,
      designation: b.designation ?? p.designation,
      industry: b.industry ?? p.industry,
      referralSource: b.referral_source ?? p.referralSource,
      inn: b.inn ?? p.inn,
      kpp: b.kpp ?? p.kpp,
    };
    if (next.address.country && !/^[A-Z]{2}$/.test(next.address.country)) throw invalid('address.country', 'must be an ISO 3166-1 alpha-2 code');
    await runFlow(services, updateAccount, {
      accountId: id,
      settings: { profile: next, ...(b.company_name !== undefined ? { companyName: b.company_name } : {}), ...(b.locale !== undefined ? { locale: b.locale } : {}), ...(next.address.country ? { country: next.address.country } : {}) },
    });
    return success();
  });

  app.get('/resellers/settings', async (req) => {
    const actor = actorOf(req);
    const { account } = await runQuery(services, getAccount, { accountId: actor.accountId });
    return ok(await settingsOut(services, account));
  });

  app.get('/resellers/statistics', async (req) => {
    const actor = actorOf(req);
    return ok(statisticsOut(await runQuery(services, getStatistics, { accountId: actor.accountId })));
  });
};
