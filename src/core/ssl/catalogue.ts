// The one SSL product catalogue the three faces share. Each product carries the id each face shows for it
// (`faceIds`: the Openprovider product id, the MrDomain `productID`, the SSL247 product code) so an order placed
// through one face is the same product seen through the others. The seeds' own examples are included:
// Openprovider 5 (RapidSSL, seed 000/002 throughout), 24 "EV SSL" and 33 "EVSSL multi-domain" (000:1619-1698),
// "EssentialSSL" (Comodo, delivery "10m"); MrDomain 1 "Sectigo Domain Premium", 17 "Sectigo Multi-Domain EV SSL"
// (sanMaxDomains 210, sanPrice 106) and 58 "DonDominio Trial SSL" (seed 003 L6025-6108); SSL247's example code
// `com-ent-ssl-pro-wildcard` (seed 004 L999). Openprovider 33 and
// MrDomain 17 are the same product (EV multi-domain, 3 included, 210 maximum), so they share one row.
// Prices are the reseller's cost per period in minor units, per account currency; a period is whole years.
// SSL247 product codes are not documented beyond that example (inventory A20-A22): ours are lower-case slugs.

export type ValidationLevel = 'dv' | 'ov' | 'ev';
export type ProductKind = 'single' | 'wildcard' | 'multi';
export type DcvMethod = 'email' | 'dns' | 'http' | 'https';
export type Currency = 'EUR' | 'USD' | 'GBP';
export type PriceSet = Record<Currency, number>;

export interface ProductPrice {
  /** years */
  period: number;
  /** the price of the certificate with its included domains */
  price: PriceSet;
  /** each additional (non-wildcard) domain beyond the included ones */
  extraDomain: PriceSet;
  /** each additional wildcard domain (multi-domain products that accept wildcards) */
  extraWildcardDomain: PriceSet;
}

export interface SslProduct {
  /** the core's own key */
  code: string;
  faceIds: { openprovider: number; mrdomain: number; ssl247: string };
  name: string;
  brand: string;
  validation: ValidationLevel;
  kind: ProductKind;
  /** domains included in the base price (the common name counts); -1 for a wildcard product, as Openprovider shows it */
  includedDomains: number;
  /** the most domains an order may carry, common name included */
  maxDomains: number;
  /** whether a multi-domain product accepts wildcard SANs */
  wildcardSans: boolean;
  periods: number[];
  prices: ProductPrice[];
  /** renewal prices where they differ from creation (MrDomain `renew` block); else the creation prices */
  renewPrices?: ProductPrice[];
  /** a free trial: the certificate lives this many days and costs nothing */
  trialDays?: number;
  dcvMethods: DcvMethod[];
  /** contact roles an order must name before it goes to the CA */
  requiredContacts: Array<'organization' | 'admin' | 'technical'>;
  deliveryTime: string;
  /** a cancel within this many days of activation is refunded in full (Openprovider 000:2744) */
  freeRefundDays: number;
  /** reissues allowed over the order's life; -1 = unlimited (Openprovider `free_reissue_period` "lifetime") */
  reissues: number;
  warranty: PriceSet;
  keyLength: number;
  encryption: number;
  isIdnSupported: boolean;
  description: string;
  /** sort keys Openprovider exposes */
  brandSeqno: number;
  productSeqno: number;
}

const p = (eur: number): PriceSet => ({ EUR: Math.round(eur * 100), USD: Math.round(eur * 108), GBP: Math.round(eur * 86) });
const ZERO = p(0);
function prices(y1: number, extra = 0, extraWild = 0): ProductPrice[] {
  // two years cost 1.8 times one year, as resellers commonly price multi-year terms
  return [
    { period: 1, price: p(y1), extraDomain: p(extra), extraWildcardDomain: p(extraWild) },
    { period: 2, price: p(y1 * 1.8), extraDomain: p(extra * 1.8), extraWildcardDomain: p(extraWild * 1.8) },
  ];
}

const DV_METHODS: DcvMethod[] = ['email', 'dns', 'http', 'https'];
const WILDCARD_METHODS: DcvMethod[] = ['email', 'dns'];
const base = { periods: [1, 2], freeRefundDays: 30, reissues: -1, keyLength: 2048, encryption: 256, isIdnSupported: true, wildcardSans: false };

export const SSL_PRODUCTS: readonly SslProduct[] = [
  {
    ...base, code: 'rapidssl-standard', faceIds: { openprovider: 5, mrdomain: 5, ssl247: 'rapidssl-standard' }, name: 'RapidSSL Standard', brand: 'RapidSSL',
    validation: 'dv', kind: 'single', includedDomains: 1, maxDomains: 1, prices: prices(7.53), dcvMethods: DV_METHODS, requiredContacts: ['organization'],
    deliveryTime: 'within 1 day', warranty: p(10000), description: 'Domain-validated certificate for one hostname (and its www).', brandSeqno: 10, productSeqno: 1,
  },
  {
    ...base, code: 'rapidssl-wildcard', faceIds: { openprovider: 6, mrdomain: 6, ssl247: 'rapidssl-wildcard' }, name: 'RapidSSL Wildcard', brand: 'RapidSSL',
    validation: 'dv', kind: 'wildcard', includedDomains: -1, maxDomains: 1, prices: prices(98), dcvMethods: WILDCARD_METHODS, requiredContacts: ['organization'],
    deliveryTime: 'within 1 day', warranty: p(10000), description: 'Domain-validated certificate for a domain and all its first-level subdomains.', brandSeqno: 10, productSeqno: 2,
  },
  {
    ...base, code: 'sectigo-essentialssl', faceIds: { openprovider: 19, mrdomain: 19, ssl247: 'sectigo-essentialssl' }, name: 'EssentialSSL', brand: 'Comodo',
    validation: 'dv', kind: 'single', includedDomains: 1, maxDomains: 1, prices: prices(12.5), dcvMethods: DV_METHODS, requiredContacts: ['organization'],
    deliveryTime: '10m', warranty: p(10000), description: 'Domain-validated certificate, issued in minutes.', brandSeqno: 20, productSeqno: 1,
  },
  {
    ...base, code: 'sectigo-domain-premium', faceIds: { openprovider: 1, mrdomain: 1, ssl247: 'sectigo-domain-premium' }, name: 'Sectigo Domain Premium', brand: 'Sectigo',
    validation: 'dv', kind: 'single', includedDomains: 1, maxDomains: 1, prices: prices(4.95), renewPrices: prices(39.95), dcvMethods: DV_METHODS, requiredContacts: ['organization'],
    deliveryTime: '10m', warranty: p(50000), description: 'Domain-validated certificate with a larger warranty.', brandSeqno: 20, productSeqno: 2,
  },
  {
    ...base, code: 'sectigo-positivessl-wildcard', faceIds: { openprovider: 20, mrdomain: 20, ssl247: 'sectigo-positivessl-wildcard' }, name: 'PositiveSSL Wildcard', brand: 'Sectigo',
    validation: 'dv', kind: 'wildcard', includedDomains: -1, maxDomains: 1, prices: prices(69), dcvMethods: WILDCARD_METHODS, requiredContacts: ['organization'],
    deliveryTime: '10m', warranty: p(10000), description: 'Domain-validated wildcard certificate.', brandSeqno: 20, productSeqno: 3,
  },
  {
    ...base, code: 'sectigo-positivessl-multi-domain', faceIds: { openprovider: 21, mrdomain: 21, ssl247: 'sectigo-positivessl-multi-domain' }, name: 'PositiveSSL Multi-Domain', brand: 'Sectigo',
    validation: 'dv', kind: 'multi', includedDomains: 3, maxDomains: 250, wildcardSans: false, prices: prices(29, 9.5), dcvMethods: DV_METHODS, requiredContacts: ['organization'],
    deliveryTime: '10m', warranty: p(10000), description: 'Domain-validated certificate for up to 250 hostnames, 3 included.', brandSeqno: 20, productSeqno: 4,
  },
  {
    ...base, code: 'sectigo-ev', faceIds: { openprovider: 24, mrdomain: 16, ssl247: 'sectigo-ev' }, name: 'EV SSL', brand: 'Comodo',
    validation: 'ev', kind: 'single', includedDomains: 1, maxDomains: 1, prices: prices(99), dcvMethods: DV_METHODS, requiredContacts: ['organization', 'admin', 'technical'],
    deliveryTime: '5 days', warranty: p(1750000), description: 'Extended-validation certificate for one hostname.', brandSeqno: 20, productSeqno: 5,
  },
  {
    ...base, code: 'sectigo-ev-multi-domain', faceIds: { openprovider: 33, mrdomain: 17, ssl247: 'sectigo-ev-multi-domain' }, name: 'EVSSL multi-domain', brand: 'Sectigo',
    validation: 'ev', kind: 'multi', includedDomains: 3, maxDomains: 210, prices: prices(383.95, 106), dcvMethods: DV_METHODS, requiredContacts: ['organization', 'admin', 'technical'],
    deliveryTime: '5 days', warranty: p(1750000), description: 'Extended-validation certificate for up to 210 hostnames, 3 included (MrDomain "Sectigo Multi-Domain EV SSL").', brandSeqno: 20, productSeqno: 6,
  },
  {
    // the SSL247 seed's example product code (L999, L1066, L1133): Comodo Enterprise SSL Pro Wildcard
    ...base, code: 'com-ent-ssl-pro-wildcard', faceIds: { openprovider: 25, mrdomain: 25, ssl247: 'com-ent-ssl-pro-wildcard' }, name: 'Enterprise SSL Pro Wildcard', brand: 'Comodo',
    validation: 'ov', kind: 'wildcard', includedDomains: -1, maxDomains: 1, prices: prices(449), dcvMethods: WILDCARD_METHODS, requiredContacts: ['organization', 'admin', 'technical'],
    deliveryTime: '2 days', warranty: p(125000), description: 'Organisation-validated wildcard certificate with an enterprise warranty.', brandSeqno: 20, productSeqno: 7,
  },
  {
    ...base, code: 'geotrust-quickssl-premium', faceIds: { openprovider: 40, mrdomain: 40, ssl247: 'geotrust-quickssl-premium' }, name: 'GeoTrust QuickSSL Premium', brand: 'GeoTrust',
    validation: 'dv', kind: 'single', includedDomains: 1, maxDomains: 1, prices: prices(45), dcvMethods: DV_METHODS, requiredContacts: ['organization'],
    deliveryTime: 'within 1 day', warranty: p(50000), description: 'Domain-validated certificate.', brandSeqno: 30, productSeqno: 1,
  },
  {
    ...base, code: 'geotrust-true-businessid', faceIds: { openprovider: 41, mrdomain: 41, ssl247: 'geotrust-true-businessid' }, name: 'GeoTrust True BusinessID', brand: 'GeoTrust',
    validation: 'ov', kind: 'single', includedDomains: 1, maxDomains: 1, prices: prices(99), dcvMethods: DV_METHODS, requiredContacts: ['organization', 'admin', 'technical'],
    deliveryTime: '2 days', warranty: p(125000), description: 'Organisation-validated certificate.', brandSeqno: 30, productSeqno: 2,
  },
  {
    ...base, code: 'geotrust-true-businessid-wildcard', faceIds: { openprovider: 42, mrdomain: 42, ssl247: 'geotrust-true-businessid-wildcard' }, name: 'GeoTrust True BusinessID Wildcard', brand: 'GeoTrust',
    validation: 'ov', kind: 'wildcard', includedDomains: -1, maxDomains: 1, prices: prices(299), dcvMethods: WILDCARD_METHODS, requiredContacts: ['organization', 'admin', 'technical'],
    deliveryTime: '2 days', warranty: p(125000), description: 'Organisation-validated wildcard certificate.', brandSeqno: 30, productSeqno: 3,
  },
  {
    ...base, code: 'digicert-secure-site', faceIds: { openprovider: 50, mrdomain: 50, ssl247: 'digicert-secure-site' }, name: 'DigiCert Secure Site', brand: 'DigiCert',
    validation: 'ov', kind: 'single', includedDomains: 1, maxDomains: 1, prices: prices(299), dcvMethods: DV_METHODS, requiredContacts: ['organization', 'admin', 'technical'],
    deliveryTime: '2 days', warranty: p(175000), description: 'Organisation-validated certificate.', brandSeqno: 40, productSeqno: 1,
  },
  {
    ...base, code: 'digicert-secure-site-ev-multi-domain', faceIds: { openprovider: 51, mrdomain: 51, ssl247: 'digicert-secure-site-ev-multi-domain' }, name: 'DigiCert Secure Site EV Multi-Domain', brand: 'DigiCert',
    validation: 'ev', kind: 'multi', includedDomains: 2, maxDomains: 250, prices: prices(495, 225), dcvMethods: DV_METHODS, requiredContacts: ['organization', 'admin', 'technical'],
    deliveryTime: '5 days', warranty: p(200000), description: 'Extended-validation certificate for up to 250 hostnames, 2 included.', brandSeqno: 40, productSeqno: 2,
  },
  {
    ...base, code: 'thawte-ssl123', faceIds: { openprovider: 60, mrdomain: 60, ssl247: 'thawte-ssl123' }, name: 'Thawte SSL123', brand: 'Thawte',
    validation: 'dv', kind: 'single', includedDomains: 1, maxDomains: 1, prices: prices(39), dcvMethods: DV_METHODS, requiredContacts: ['organization'],
    deliveryTime: 'within 1 day', warranty: p(50000), description: 'Domain-validated certificate.', brandSeqno: 50, productSeqno: 1,
  },
  {
    ...base, code: 'thawte-ssl-webserver-multi-domain-wildcard', faceIds: { openprovider: 61, mrdomain: 61, ssl247: 'thawte-ssl-webserver-multi-domain-wildcard' }, name: 'Thawte SSL Web Server Multi-Domain Wildcard', brand: 'Thawte',
    validation: 'ov', kind: 'multi', includedDomains: 1, maxDomains: 100, wildcardSans: true, prices: prices(399, 99, 349), dcvMethods: WILDCARD_METHODS, requiredContacts: ['organization', 'admin', 'technical'],
    deliveryTime: '2 days', warranty: p(125000), description: 'Organisation-validated certificate for up to 100 hostnames, wildcards allowed.', brandSeqno: 50, productSeqno: 2,
  },
  {
    ...base, code: 'trial-dv', faceIds: { openprovider: 58, mrdomain: 58, ssl247: 'trial-dv' }, name: 'DonDominio Trial SSL', brand: 'DonDominio',
    validation: 'dv', kind: 'single', includedDomains: 1, maxDomains: 1, periods: [1], prices: [{ period: 1, price: ZERO, extraDomain: ZERO, extraWildcardDomain: ZERO }], trialDays: 90,
    dcvMethods: DV_METHODS, requiredContacts: ['organization'], deliveryTime: '10m', warranty: ZERO, reissues: 0, description: 'A free 90-day trial certificate.', brandSeqno: 90, productSeqno: 1,
  },
];

export type Face = keyof SslProduct['faceIds'];

export function productByCode(code: string): SslProduct | null {
  return SSL_PRODUCTS.find((x) => x.code === code) ?? null;
}

/** the product a face knows by its own id (number for Openprovider and MrDomain, code for SSL247) */
export function productByFaceId(face: Face, id: number | string): SslProduct | null {
  const want = String(id).trim().toLowerCase();
  return SSL_PRODUCTS.find((x) => String(x.faceIds[face]).toLowerCase() === want) ?? null;
}

export function priceFor(product: SslProduct, period: number, kind: 'create' | 'renew' = 'create'): ProductPrice | null {
  const table = kind === 'renew' && product.renewPrices ? product.renewPrices : product.prices;
  return table.find((x) => x.period === period) ?? null;
}

export function currencyOf(c: string): Currency {
  return c === 'USD' || c === 'GBP' ? c : 'EUR';
}
