// An email-address verification: a mail with a link; following the link verifies the address.
export type VerificationStatus = 'in progress' | 'verified' | 'failed' | 'expired';

export interface EmailVerification {
  id: number;
  accountId: number;
  email: string;
  /** the contact handle that asked for it, if any */
  handle: string;
  status: VerificationStatus;
  /** the secret in the link */
  token: string;
  language: string;
  isSuspended: boolean;
  createdAt: Date;
  expiresAt: Date;
  verifiedAt: Date | null;
  updatedAt: Date;
}

/** How long a verification link stays valid, on the sandbox clock. */
export const VERIFICATION_TTL_MS = 15 * 86_400_000;

export function projectVerification(v: EmailVerification, now: Date): VerificationStatus {
  if (v.status === 'in progress' && now.getTime() > v.expiresAt.getTime()) return 'expired';
  return v.status;
}
