import { productByCode } from '../../../core/ssl/catalogue.ts';

// The data behind the `generic/…` lookups other than countries. The seed types each `Data` as "string" and gives no
// values (inventory A19). We answer `Data` as a JSON object mapping id or code to label, the inventory's
// recommendation: a client that expects a list can iterate it, a client that expects text gets well-formed JSON.

/** ISO 3166-2:US: the 50 states, the District of Columbia and the inhabited territories */
export const US_STATES: Readonly<Record<string, string>> = Object.freeze({
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware',
  DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa',
  KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota',
  MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey',
  NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
  PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  AS: 'American Samoa', GU: 'Guam', MP: 'Northern Mariana Islands', PR: 'Puerto Rico', UM: 'United States Minor Outlying Islands', VI: 'Virgin Islands, U.S.',
});

/** the titles a user or contact profile may carry (`title`) */
export const USER_TITLES: Readonly<Record<string, string>> = Object.freeze({
  Mr: 'Mr', Mrs: 'Mrs', Miss: 'Miss', Ms: 'Ms', Mx: 'Mx', Dr: 'Dr', Prof: 'Prof', Sir: 'Sir', Dame: 'Dame', Lord: 'Lord', Lady: 'Lady', Rev: 'Rev',
});

/** SSL247's territories (the national sites it trades under), by website id */
export const WEBSITES: Readonly<Record<string, string>> = Object.freeze({
  '1': 'ssl247.co.uk', '2': 'ssl247.fr', '3': 'ssl247.de', '4': 'ssl247.nl', '5': 'ssl247.es', '6': 'ssl247.it', '7': 'ssl247.be',
  '8': 'ssl247.ie', '9': 'ssl247.ch', '10': 'ssl247.at', '11': 'ssl247.pt', '12': 'ssl247.com',
});

/**
 * Certificate products sold on the platform (`internal_product` of `orders/certificates/import`), by product id: the
 * core SSL catalogue (src/core/ssl/catalogue.ts), names from there. The ids this list had before the catalogue are
 * kept for the products that are in it; catalogue products that had none get ids from 160 on. Ids whose product
 * the catalogue does not sell are gone.
 */
const INTERNAL_PRODUCT_IDS: ReadonlyArray<[id: string, code: string]> = [
  ['101', 'digicert-secure-site'], ['111', 'geotrust-quickssl-premium'], ['112', 'geotrust-true-businessid'], ['114', 'geotrust-true-businessid-wildcard'],
  ['121', 'thawte-ssl123'], ['131', 'rapidssl-standard'], ['132', 'rapidssl-wildcard'], ['142', 'sectigo-positivessl-wildcard'], ['144', 'sectigo-ev'],
  ['145', 'sectigo-positivessl-multi-domain'], ['160', 'sectigo-essentialssl'], ['161', 'sectigo-domain-premium'], ['162', 'sectigo-ev-multi-domain'],
  ['163', 'com-ent-ssl-pro-wildcard'], ['164', 'digicert-secure-site-ev-multi-domain'], ['165', 'thawte-ssl-webserver-multi-domain-wildcard'], ['166', 'trial-dv'],
];

export const INTERNAL_PRODUCTS: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(
  INTERNAL_PRODUCT_IDS.flatMap(([id, code]) => {
    const p = productByCode(code);
    return p ? [[id, p.name]] : [];
  }),
));

/** the catalogue code of an `internal_product` id, or null when the id is not in the list */
export function internalProductCode(id: string): string | null {
  const hit = INTERNAL_PRODUCT_IDS.find(([i]) => i === id);
  return hit && productByCode(hit[1]) ? hit[1] : null;
}

/** Products a certificate bought elsewhere can be imported as (`external_product`), by product id */
export const EXTERNAL_PRODUCTS: Readonly<Record<string, string>> = Object.freeze({
  '901': 'External DV certificate', '902': 'External OV certificate', '903': 'External EV certificate',
  '904': 'External DV wildcard certificate', '905': 'External OV wildcard certificate', '906': 'External multi-domain certificate',
});
