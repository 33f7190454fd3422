// Every authenticated Openprovider route of the foundation, with a harmless valid request, for table-driven tests
// (auth, isolation, oversized bodies).
export interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** the URL, given the first account's customer handle, contact id and reseller id */
  url: (ids: { handle: string; contactId: number; resellerId: number }) => string;
  json?: unknown;
}

export const ROUTES: RouteCase[] = [
  { name: 'ListCustomers', method: 'GET', url: () => '/v1beta/customers' },
  { name: 'CreateCustomer', method: 'POST', url: () => '/v1beta/customers', json: { name: { first_name: 'A', last_name: 'B' }, address: { country: 'NL' }, phone: { country_code: '+31', subscriber_number: '201234567' }, email: 'a@b.example' } },
  { name: 'GetCustomer', method: 'GET', url: (i) => `/v1beta/customers/${i.handle}` },
  { name: 'UpdateCustomer', method: 'PUT', url: (i) => `/v1beta/customers/${i.handle}`, json: { comments: 'changed' } },
  { name: 'DeleteCustomer', method: 'DELETE', url: (i) => `/v1beta/customers/${i.handle}` },
  { name: 'ListContacts', method: 'GET', url: () => '/v1beta/contacts' },
  { name: 'CreateContact', method: 'POST', url: () => '/v1beta/contacts', json: { username: 'intruder-contact', password: 'long enough password', email: 'intruder@example.test', name: { first_name: 'I', last_name: 'N' } } },
  { name: 'GetContact', method: 'GET', url: (i) => `/v1beta/contacts/${i.contactId}` },
  { name: 'UpdateContact', method: 'PUT', url: (i) => `/v1beta/contacts/${i.contactId}`, json: { comments: 'changed' } },
  { name: 'DeleteContact', method: 'DELETE', url: (i) => `/v1beta/contacts/${i.contactId}` },
  { name: 'ListTags', method: 'GET', url: () => '/v1beta/tags' },
  { name: 'CreateTag', method: 'POST', url: () => '/v1beta/tags', json: { key: 'customer', value: 'intruder' } },
  { name: 'DeleteTag', method: 'DELETE', url: () => '/v1beta/tags?key=customer&value=VIP' },
  { name: 'StartEmailVerification', method: 'POST', url: () => '/v1beta/customers/verifications/emails/start', json: { email: 'someone@example.test' } },
  { name: 'RestartEmailVerification', method: 'POST', url: () => '/v1beta/customers/verifications/emails/restart', json: { email: 'someone@example.test' } },
  { name: 'ListDomainEmailVerifications', method: 'GET', url: () => '/v1beta/customers/verifications/emails/domains' },
  { name: 'GetReseller', method: 'GET', url: () => '/v1beta/resellers' },
  { name: 'UpdateReseller', method: 'PUT', url: (i) => `/v1beta/resellers/${i.resellerId}`, json: { comments: 'changed' } },
  { name: 'GetSettings', method: 'GET', url: () => '/v1beta/resellers/settings' },
  { name: 'GetStatistics', method: 'GET', url: () => '/v1beta/resellers/statistics' },
];
