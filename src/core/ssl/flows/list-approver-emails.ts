// The addresses that may approve a certificate for a hostname: the five generic mailboxes and, for a domain held on
// this instance without WHOIS privacy, its owner's and admin contact's addresses.
// Errors: request.invalid
import type { Flow } from '../../runner.ts';
import { approverEmailsFor } from '../model.ts';
import { whoisEmailsOf } from '../whois.ts';

export const listApproverEmails: Flow<{ hostname: string }, string[]> = async (ctx, i) => approverEmailsFor(i.hostname, await whoisEmailsOf(ctx, i.hostname));
