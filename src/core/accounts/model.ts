// The reseller account: the tenant. Every object belongs to exactly one account.

export interface AccountSettings {
  /** the company name shown on the reseller's own records */
  companyName: string;
  country: string;
  /** the monthly allowance (in minor units) SSL247 shows; 0 = none (docs/adr/0006-ssl247-deposit-allowance.md) */
  monthlyAllowanceMinor: number;
  /** free-form settings faces may show (e.g. default locale) */
  locale: string;
  [key: string]: unknown;
}

export interface Account {
  id: number;
  /** a short public code for the account (e.g. "RB100001") */
  code: string;
  name: string;
  currency: string;
  /** the account-wide API key some faces use with a user's password (SSL247 `k`) */
  apiKey: string;
  status: 'active' | 'inactive';
  settings: AccountSettings;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const DEFAULT_SETTINGS: AccountSettings = { companyName: '', country: 'NL', monthlyAllowanceMinor: 0, locale: 'en_GB' };

export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
