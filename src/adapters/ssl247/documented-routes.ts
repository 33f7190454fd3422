// The 43 routes of the seed (../shared/specs/ssl247-routes.txt), all POST under /api/v3, with the constraints
// inventory §1.8 puts on their parameters. The plugin uses them to tell a wrong method on a documented route (405)
// and a documented route this server does not serve yet (501) from an unknown route (404).
const CERT_TYPES = ['x509', 'pkcs7', 'intermediate', 'root', 'bundle'];
const CERT_STATUSES = ['Incomplete', 'Expiring', 'External', 'Issued', 'Stock', 'Pending', 'ReadyToReview', 'Expired', 'Subscription', 'Cancelled', 'Archived', 'TemporaryCertificate'];
const ORDER_STATUSES = ['Stock', 'Expiring', 'Subscription', 'Issued', 'Pending', 'Expired', 'Deactivated', 'External', 'Cancelled', 'Archived', 'Incomplete'];

export const DOCUMENTED_ROUTES = [
  '/account', '/account/users', '/account/deposit', '/account/monthly-allowance', '/account/user/{id}', '/account/users/add',
  '/account/user/{id}/edit', '/account/contact-profile/{id}', '/account/contact-profile/add', '/account/contact-profile/{id}/edit',
  '/certificates', '/certificates/{status}', '/certificates/get-approver-email/{product-code}/{common-name}',
  '/certificates/check-common-name/{product-code}/{common-name}', '/certificates/check-san/{product-code}/{common-name}/{san}',
  '/certificate/{id}', '/certificate/{id}/{type}', '/certificate/{id}/request-health-check', '/certificate/{original_certificate_id}/renew',
  '/certificate/{id}/reissue', '/orders/certificates/{status}', '/certificate/{id}/cancel', '/certificate/{id}/revoke',
  '/orders/certificates/import', '/order/certificate/validate', '/order/certificate/place-order', '/order/certificate/complete',
  '/order/certificate/place-quick-order', '/product-types', '/products/{product-type}', '/product/{product-code}',
  '/product/{product-code}/requirements', '/product/{product-code}/addons', '/product/{product-code}/prices', '/orders',
  '/orders/invoice/{invoice-id}/{download}', '/orders/{order-id}', '/generic/get-country-list', '/generic/get-user-titles',
  '/generic/get-us-state-list', '/generic/get-internal-product-list', '/generic/get-external-product-list', '/generic/get-websites-list',
] as const;

/** parameters whose value must come from a list; another value makes the path an unknown route */
const ENUMS: Record<string, Record<string, string[]>> = {
  '/certificate/{id}/{type}': { type: CERT_TYPES },
  '/certificates/{status}': { status: CERT_STATUSES },
  '/orders/certificates/{status}': { status: ORDER_STATUSES },
};

function matcher(route: string): (segments: string[]) => boolean {
  const parts = route.split('/').slice(1);
  const enums = ENUMS[route] ?? {};
  return (segs) =>
    segs.length === parts.length &&
    parts.every((p, i) => {
      const param = /^\{(.+)\}$/.exec(p);
      if (!param) return p === segs[i];
      return segs[i] !== '' && (!enums[param[1]] || enums[param[1]].includes(segs[i]));
    });
}

const MATCHERS = DOCUMENTED_ROUTES.map((r) => ({ route: r, match: matcher(r) }));

/** The documented route a path (below /api/v3, no query) is, if any. */
export function documentedRoute(path: string): string | undefined {
  const segs = path.replace(/\/+$/, '').split('/').slice(1).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  // literal segments win over parameters (inventory §1.8): try the routes with more literal segments first
  return MATCHERS.filter((m) => m.match(segs)).sort((a, b) => literals(b.route) - literals(a.route))[0]?.route;
}

function literals(route: string): number {
  return route.split('/').filter((p) => p && !p.startsWith('{')).length;
}
