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
 * Certificate products sold on the platform (`internal_product` of `orders/certificates/import`), by product id.
 * Until the core has an SSL product catalogue this list is the face's own; the catalogue issue should make these
 * lookups read it instead (same ids).
 */
export const INTERNAL_PRODUCTS: Readonly<Record<string, string>> = Object.freeze({
  '101': 'DigiCert Secure Site SSL', '102': 'DigiCert Secure Site Pro SSL', '103': 'DigiCert Secure Site EV SSL', '104': 'DigiCert Secure Site Wildcard SSL',
  '111': 'GeoTrust QuickSSL Premium', '112': 'GeoTrust True BusinessID', '113': 'GeoTrust True BusinessID EV', '114': 'GeoTrust True BusinessID Wildcard',
  '121': 'Thawte SSL 123', '122': 'Thawte SSL Web Server', '123': 'Thawte SSL Web Server EV',
  '131': 'RapidSSL Standard DV', '132': 'RapidSSL Wildcard DV',
  '141': 'Sectigo PositiveSSL', '142': 'Sectigo PositiveSSL Wildcard', '143': 'Sectigo OV SSL', '144': 'Sectigo EV SSL', '145': 'Sectigo Multi-Domain SSL',
  '151': 'GlobalSign DomainSSL', '152': 'GlobalSign OrganizationSSL', '153': 'GlobalSign ExtendedSSL', '154': 'GlobalSign OrganizationSSL Wildcard',
});

/** Products a certificate bought elsewhere can be imported as (`external_product`), by product id */
export const EXTERNAL_PRODUCTS: Readonly<Record<string, string>> = Object.freeze({
  '901': 'External DV certificate', '902': 'External OV certificate', '903': 'External EV certificate',
  '904': 'External DV wildcard certificate', '905': 'External OV wildcard certificate', '906': 'External multi-domain certificate',
});
