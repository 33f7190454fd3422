// The WHOIS contacts of a hostname's registrable domain, when that domain is held on this instance: the owner's and
// the admin contact's addresses may approve a certificate for it (with the five generic mailboxes; the seeds'
// approver list). A domain with WHOIS privacy shows no contact addresses.
import { getDomain } from 'tldts';
import type { FlowContext } from '../runner.ts';
import { normalizeHostname, stripWildcard } from './model.ts';

export async function whoisEmailsOf(ctx: Pick<FlowContext, 'uow'>, hostname: string): Promise<string[]> {
  const h = normalizeHostname(hostname);
  if (!h) return [];
  let bare = stripWildcard(h);
  if (bare.startsWith('www.')) bare = bare.slice(4);
  const registrable = getDomain(bare, { allowPrivateDomains: false }) ?? bare;
  const d = await ctx.uow.domains.holderOf(registrable);
  if (!d || d.whoisPrivacy) return [];
  const out: string[] = [];
  for (const id of [d.contacts.owner, d.contacts.admin]) {
    if (!id) continue;
    const c = await ctx.uow.contacts.get(d.accountId, id);
    const e = c?.email.trim().toLowerCase();
    if (e && !out.includes(e)) out.push(e);
  }
  return out;
}

/** the WHOIS addresses of each hostname, for the order flows */
export async function whoisEmailsFor(ctx: Pick<FlowContext, 'uow'>, hostnames: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const h of hostnames) out.set(h, await whoisEmailsOf(ctx, h));
  return out;
}
