// Pure rules about CSRs, shared by the CA implementation and anyone who checks a decoded CSR:
// which signature algorithms exist (by OID) and which keys/signatures are too weak for the Web PKI
// (CA/B Baseline Requirements 6.1.5 and 7.1.3: RSA >= 2048 bits, ECDSA P-256/P-384/P-521, no SHA-1 or MD5).

export interface SignatureAlgorithm {
  name: string;
  /** node:crypto digest name; null for algorithms we refuse */
  hash: 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | 'md5' | null;
  key: 'RSA' | 'EC';
}

export const SIGNATURE_ALGORITHMS: Record<string, SignatureAlgorithm> = {
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5', key: 'RSA' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1', key: 'RSA' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'sha224', key: 'RSA' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256', key: 'RSA' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384', key: 'RSA' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512', key: 'RSA' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1', key: 'EC' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', hash: 'sha224', key: 'EC' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256', key: 'EC' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384', key: 'EC' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512', key: 'EC' },
};

export const CURVES: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: 'P-256', bits: 256 },
  secp384r1: { name: 'P-384', bits: 384 },
  secp521r1: { name: 'P-521', bits: 521 },
};

/** why a key/signature is too weak for a publicly trusted certificate, or null when it is fine */
export function csrWeakness(k: { keyType: 'RSA' | 'EC'; keySize: number; curve?: string; signatureHash: string | null }): string | null {
  if (k.signatureHash === 'md5' || k.signatureHash === 'sha1') return `The CSR is signed with ${k.signatureHash.toUpperCase()}; SHA-256 or stronger is required`;
  if (k.signatureHash === 'sha224') return 'The CSR is signed with SHA-224; SHA-256 or stronger is required';
  if (k.keyType === 'RSA' && k.keySize < 2048) return `The CSR has an RSA key of ${k.keySize} bits; at least 2048 bits are required`;
  if (k.keyType === 'RSA' && k.keySize % 8 !== 0) return `The CSR has an RSA key of ${k.keySize} bits; the modulus size must be a multiple of 8`;
  if (k.keyType === 'EC' && !['P-256', 'P-384', 'P-521'].includes(k.curve ?? '')) return `The CSR has an EC key on curve ${k.curve ?? 'unknown'}; P-256, P-384 or P-521 is required`;
  return null;
}
