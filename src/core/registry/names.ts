// Domain names at the boundary of the registry: Unicode or punycode in, one canonical ASCII (punycode) form out.
// IDNA conversion is Node's own WHATWG/UTS #46 implementation (`node:url` domainToASCII / domainToUnicode, the
// same code every URL parser in Node uses); the split into label and extension is tldts (public suffix list,
// ICANN section only, so `co.uk` is an extension and `blogspot.com` is not).
// Errors: domain.name_invalid, domain.tld_not_supported
import { domainToASCII, domainToUnicode } from 'node:url';
import { getPublicSuffix } from 'tldts';
import { DomainError } from '../errors.ts';
import { DELEGATED } from './policy.ts';

export interface DomainName {
  /** the full name in ASCII (punycode), lower case: `xn--espaa-rta.com` */
  name: string;
  /** the full name in Unicode: `españa.com` */
  unicode: string;
  /** the label left of the extension, ASCII */
  sld: string;
  /** the extension, ASCII, without a leading dot: `com`, `co.uk`, `xn--p1ai` */
  tld: string;
  /** whether any label is an IDN */
  idn: boolean;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const PLAIN_ASCII = /^[A-Za-z0-9.-]+$/;

function bad(input: string, reason: string): DomainError {
  return new DomainError('domain.name_invalid', `Invalid domain name ${JSON.stringify(input)}: ${reason}`, { field: 'domain', reason });
}

/** `sld` + `extension` (either may be Unicode) or a full name; throws domain.name_invalid / domain.tld_not_supported */
export function parseDomainName(input: string | { name: string; extension: string }): DomainName {
  const raw = typeof input === 'string' ? input : `${input.name ?? ''}.${String(input.extension ?? '').replace(/^\./, '')}`;
  const text = String(raw).trim().replace(/\.$/, '');
  if (!text || text.length > 253 * 4) throw bad(text, 'empty or too long');
  if (/[\s/:@]/.test(text)) throw bad(text, 'contains characters not allowed in a domain name');
  // plain ASCII needs no IDNA mapping (the label checks below reject what domainToASCII would)
  const ascii = PLAIN_ASCII.test(text) ? text.toLowerCase() : domainToASCII(text).toLowerCase();
  if (!ascii) throw bad(text, 'not a valid IDN or hostname');
  const labels = ascii.split('.');
  if (labels.length < 2) throw bad(text, 'a domain name needs a label and an extension');
  if (ascii.length > 253) throw bad(text, 'longer than 253 characters');
  for (const l of labels) if (!LABEL.test(l)) throw bad(text, `label ${JSON.stringify(l)} is not a valid hostname label`);
  if (labels.some((l) => l.length > 3 && l[2] === '-' && l[3] === '-' && !l.startsWith('xn--'))) throw bad(text, 'hyphens in the third and fourth position are reserved for IDNs');
  const top = labels[labels.length - 1];
  if (!DELEGATED.has(top)) throw new DomainError('domain.tld_not_supported', `TLD .${top} is not supported`, { field: 'extension', reason: top });
  let tld = getPublicSuffix(ascii, { allowPrivateDomains: false }) ?? top;
  // a name that is itself a public suffix (`co.uk`) registers under the top level
  if (tld === ascii) tld = top;
  const sldPart = ascii.slice(0, ascii.length - tld.length - 1);
  if (!sldPart || sldPart.includes('.')) throw bad(text, `must be a label directly under .${tld}`);
  const idn = labels.some((l) => l.startsWith('xn--'));
  const unicode = idn ? domainToUnicode(ascii) : ascii;
  if (idn && unicode === '') throw bad(text, 'not a valid IDN');
  return { name: ascii, unicode, sld: sldPart, tld, idn };
}

/** a host name (nameserver, glue record) in ASCII; throws request.invalid */
export function parseHostName(input: string, field = 'name'): string {
  const ascii = domainToASCII(String(input ?? '').trim().replace(/\.$/, '')).toLowerCase();
  const labels = ascii.split('.');
  if (!ascii || labels.length < 2 || ascii.length > 253 || labels.some((l) => !LABEL.test(l))) {
    throw new DomainError('request.invalid', `${field}: ${JSON.stringify(input)} is not a valid host name`, { field, reason: 'not a valid host name' });
  }
  return ascii;
}

/** whether `host` is the domain itself or below it (in-bailiwick) */
export function isInBailiwick(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
