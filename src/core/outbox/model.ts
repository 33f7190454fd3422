// Every email the platform sends is kept here; a configured SMTP server also receives it.
export interface OutboxMail {
  id: number;
  accountId: number | null;
  to: string;
  from: string;
  subject: string;
  body: string;
  /** the links in the body, in order */
  links: string[];
  /** what the mail is, e.g. "email-verification" */
  kind: string;
  createdAt: Date;
}

export type NewMail = Omit<OutboxMail, 'id' | 'createdAt' | 'links'> & { links?: string[] };

export function linksIn(body: string): string[] {
  return [...body.matchAll(/https?:\/\/[^\s<>"')]+/g)].map((m) => m[0]);
}
