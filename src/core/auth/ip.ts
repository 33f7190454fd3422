// Client IP allow/deny lists: CIDRs or single addresses, checked with node's BlockList.
import { BlockList, isIP } from 'node:net';

function family(ip: string): 'ipv4' | 'ipv6' | null {
  const f = isIP(ip);
  return f === 4 ? 'ipv4' : f === 6 ? 'ipv6' : null;
}

/** Normalises "::ffff:127.0.0.1" to "127.0.0.1". */
export function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

export function isCidr(text: string): boolean {
  const [addr, bits, ...rest] = text.split('/');
  if (rest.length || !family(addr)) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return Number.isInteger(n) && n >= 0 && n <= (family(addr) === 'ipv4' ? 32 : 128) && /^\d+$/.test(bits);
}

function listOf(cidrs: string[]): BlockList {
  const b = new BlockList();
  for (const c of cidrs) {
    const [addr, bits] = c.split('/');
    const f = family(addr);
    if (!f) continue;
    if (bits === undefined) b.addAddress(addr, f);
    else b.addSubnet(addr, Number(bits), f);
  }
  return b;
}

/** true when `ip` may call: not denied, and allowed when an allow list exists ("0.0.0.0" / "0.0.0.0/0" allow all). */
export function ipPermitted(ip: string, lists: { allow: string[]; deny: string[] }): boolean {
  const a = normaliseIp(ip);
  const f = family(a);
  if (!f) return lists.allow.length === 0;
  if (lists.deny.length && listOf(lists.deny).check(a, f)) return false;
  if (!lists.allow.length || lists.allow.some((x) => x === '0.0.0.0' || x === '0.0.0.0/0' || x === '::/0')) return true;
  return listOf(lists.allow).check(a, f);
}
