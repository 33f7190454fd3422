// The MrDomain envelope and its two output formats: JSON as PHP's json_encode writes it, and XML (seed 003 §2.3).
//
// JSON: forward slashes escaped (`"tool\/hello"`), non-ASCII as `\uXXXX`, whole floats with `.0` (`124.0`), pretty
// output indented by 4 spaces as JSON_PRETTY_PRINT does (inventory A-7). Floats are marked with `phpFloat()` so that
// `balance: 124` is written `124.0` while integers stay integers.
// XML: `<?xml version="1.0" encoding="UTF-8"?>` then `<data>`; every key an element; `true` → `1`, `false`/null → an
// empty element; lists as `<item>` children (inventory A-6); a map with a key that is not an XML name as
// `<item name="key">` entries (see XML_NAME); pretty output indented by 2 spaces (seed L144-156).
import { XMLBuilder } from 'fast-xml-parser';

export const API_VERSION = '1.0.20';

/** A number PHP holds as a float: written with `.0` when whole. */
export class PhpFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}
export const phpFloat = (n: number): PhpFloat => new PhpFloat(n);

export type Wire = string | number | boolean | null | PhpFloat | Wire[] | { [key: string]: Wire };

export interface Envelope {
  success: boolean;
  errorCode: number;
  errorCodeMsg: string;
  action: string;
  version: string;
  messages?: string[];
  responseData: Wire;
}

/** Builds the envelope with the documented key order. `messages` only when given. */
export function envelope(action: string, errorCode: number, errorCodeMsg: string, responseData: Wire, messages?: string[]): Envelope {
  const e: Envelope = { success: errorCode === 0, errorCode, errorCodeMsg, action, version: API_VERSION } as Envelope;
  if (messages) e.messages = messages;
  e.responseData = responseData;
  return e;
}

function phpString(s: string): string {
  return JSON.stringify(s).replace(/\//g, '\\/').replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function phpNumber(n: number, float: boolean): string {
  if (!Number.isFinite(n)) return '0';
  if (float && Number.isInteger(n) && Math.abs(n) < 1e15) return `${n}.0`;
  return String(n);
}

function encode(v: Wire | undefined, pretty: boolean, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return phpNumber(v, false);
  if (typeof v === 'string') return phpString(v);
  if (v instanceof PhpFloat) return phpNumber(v.value, true);
  const inner = indent + '    ';
  const nl = pretty ? '\n' : '';
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return `[${nl}${v.map((x) => (pretty ? inner : '') + encode(x, pretty, inner)).join(`,${nl}`)}${nl}${pretty ? indent : ''}]`;
  }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (!keys.length) return '{}';
  const sep = pretty ? ': ' : ':';
  return `{${nl}${keys.map((k) => (pretty ? inner : '') + phpString(k) + sep + encode(v[k], pretty, inner)).join(`,${nl}`)}${nl}${pretty ? indent : ''}}`;
}

/** PHP json_encode(value[, JSON_PRETTY_PRINT]). */
export function phpJson(v: Wire | Envelope, pretty = false): string {
  return encode(v as Wire, pretty, '');
}

type XmlNode = string | XmlNode[] | { [key: string]: XmlNode };

function toXml(v: Wire | undefined): XmlNode {
  if (v === null || v === undefined || v === false) return '';
  if (v === true) return '1';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (v instanceof PhpFloat) return String(v.value);
  if (Array.isArray(v)) return v.length ? { item: v.map(toXml) } : '';
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  if (entries.every(([k]) => XML_NAME.test(k))) return Object.fromEntries(entries.map(([k, x]) => [k, toXml(x)]));
  return { item: entries.map(([k, x]) => namedItem(k, toXml(x))) };
}

/**
 * Keys that are valid XML names (ASCII letters, digits, `_`, `-`, `.`, not starting with a digit, `-` or `.`) are
 * element names. A key that is not is data, not a name: a hostname such as `*.example.com` in `validationData.dcv`, a
 * numeric id, an address with `@`. The seed is silent on them. An object with such a key is a map: each of its
 * entries is written as `<item name="*.example.com">…</item>`, the `<item>` of lists (inventory A-6) with the key
 * in a `name` attribute, in order. The output stays well-formed XML, no key is lost, and the map has one shape.
 */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ATTR = '@_';
const TEXT = '#text';

function namedItem(name: string, node: XmlNode): XmlNode {
  if (typeof node === 'string') return node === '' ? { [`${ATTR}name`]: name } : { [`${ATTR}name`]: name, [TEXT]: node };
  if (Array.isArray(node)) return { [`${ATTR}name`]: name, item: node };
  return { [`${ATTR}name`]: name, ...node };
}

const options = { suppressEmptyNode: false, processEntities: true, ignoreAttributes: false, attributeNamePrefix: ATTR, textNodeName: TEXT };
const compact = new XMLBuilder({ ...options, format: false });
const indented = new XMLBuilder({ ...options, format: true, indentBy: '  ' });

export function xml(v: Envelope, pretty = false): string {
  const body = (pretty ? indented : compact).build({ data: toXml(v as unknown as Wire) }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body.trimEnd()}\n`;
}
