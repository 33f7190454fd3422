// The authoritative answer for one question inside one zone (RFC 1034 §4.3.2, RFC 2308, RFC 4592, RFC 8482):
// referrals at delegation points (no AA, NS in authority, glue in additional), CNAME chains followed inside the
// zone, wildcards synthesised with the query name, NODATA and NXDOMAIN with the SOA in the authority section,
// and a minimal answer (one RRset) to ANY.
import type { Answer } from 'dns-packet';
import type { CompiledZone, RRset } from './compile.ts';

export interface Resolution {
  rcode: 'NOERROR' | 'NXDOMAIN';
  aa: boolean;
  answers: Answer[];
  authorities: Answer[];
  additionals: Answer[];
}

const MAX_CHAIN = 8;

const inZone = (name: string, apex: string) => name === apex || name.endsWith(`.${apex}`);

/** the topmost delegation point at or above `name` (below the apex), if any */
function delegationFor(z: CompiledZone, name: string): string | null {
  if (!z.delegations.size) return null;
  let found: string | null = null;
  let n = name;
  while (n.length > z.apex.length) {
    if (z.delegations.has(n)) found = n;
    n = n.slice(n.indexOf('.') + 1);
  }
  return found;
}

function referral(z: CompiledZone, cut: string, answers: Answer[]): Resolution {
  const ns = z.nodes.get(cut)!.get('NS')!;
  const additionals: Answer[] = [];
  for (const r of ns) {
    const target = (r as { data: string }).data;
    if (!inZone(target, z.apex)) continue;
    const node = z.nodes.get(target);
    additionals.push(...(node?.get('A') ?? []), ...(node?.get('AAAA') ?? []));
  }
  return { rcode: 'NOERROR', aa: answers.length > 0, answers, authorities: ns, additionals };
}

const rename = (set: RRset, name: string): Answer[] => set.map((a) => ({ ...a, name }) as Answer);

export function resolve(z: CompiledZone, qname: string, qtype: string): Resolution {
  const answers: Answer[] = [];
  const seen = new Set<string>();
  let name = qname;
  for (let hop = 0; ; hop++) {
    const cut = delegationFor(z, name);
    if (cut && !(qtype === 'DS' && cut === name)) return referral(z, cut, answers);

    let node = z.nodes.get(name);
    let owner = name;
    if (!node) {
      if (z.names.has(name)) return nodata(z, answers); // an empty non-terminal
      // closest encloser, then its wildcard (RFC 4592)
      let ce = name.slice(name.indexOf('.') + 1);
      while (!z.names.has(ce)) ce = ce.slice(ce.indexOf('.') + 1);
      node = z.nodes.get(`*.${ce}`);
      if (!node) return { rcode: 'NXDOMAIN', aa: true, answers, authorities: [z.negativeSoa], additionals: [] };
      owner = name; // synthesised with the query name
    }
    const synth = node !== z.nodes.get(name);
    const out = (set: RRset) => (synth ? rename(set, owner) : set);

    if (qtype === 'ANY') {
      // RFC 8482: one RRset is enough
      const first = node.get('CNAME') ?? node.values().next().value!;
      return { rcode: 'NOERROR', aa: true, answers: [...answers, ...out(first)], authorities: [], additionals: [] };
    }
    const set = node.get(qtype);
    if (set) return { rcode: 'NOERROR', aa: true, answers: [...answers, ...out(set)], authorities: [], additionals: [] };
    const cname = node.get('CNAME');
    if (!cname) return nodata(z, answers);
    answers.push(...out(cname));
    seen.add(name);
    const target = (cname[0] as { data: string }).data;
    if (!inZone(target, z.apex) || seen.has(target) || hop >= MAX_CHAIN) return { rcode: 'NOERROR', aa: true, answers, authorities: [], additionals: [] };
    name = target;
  }
}

function nodata(z: CompiledZone, answers: Answer[]): Resolution {
  return { rcode: 'NOERROR', aa: true, answers, authorities: [z.negativeSoa], additionals: [] };
}
