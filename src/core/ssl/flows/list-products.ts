// The product catalogue, filtered, sorted and paged (Openprovider products, MrDomain productlist, SSL247 product
// list), one product by any face's id, and the approver addresses of a hostname. Pure reads of catalogue.ts.
// Errors: ssl.product_not_found (getProduct), request.invalid (approverEmails)
import type { PageOf } from '../../ports.ts';
import { DomainError } from '../../errors.ts';
import type { Face, ProductKind, SslProduct, ValidationLevel } from '../catalogue.ts';
import { SSL_PRODUCTS, productByFaceId } from '../catalogue.ts';
import { approverEmailsFor } from '../model.ts';

export interface ProductFilter {
  validation?: ValidationLevel;
  kind?: ProductKind;
  trial?: boolean;
  brand?: string;
  orderBy?: { field: 'name' | 'brand' | 'validation' | 'kind' | 'brandSeqno' | 'productSeqno'; desc: boolean };
}

export function listProducts(f: ProductFilter = {}, page = { limit: 1000, offset: 0 }): PageOf<SslProduct> {
  const hits = SSL_PRODUCTS.filter((p) =>
    (!f.validation || p.validation === f.validation) && (!f.kind || p.kind === f.kind)
    && (f.trial === undefined || !!p.trialDays === f.trial) && (!f.brand || p.brand.toLowerCase() === f.brand.toLowerCase()));
  const by = f.orderBy;
  const sorted = by ? [...hits].sort((a, b) => {
    const ka = by.field === 'brandSeqno' ? a.brandSeqno : by.field === 'productSeqno' ? a.productSeqno : String(a[by.field]);
    const kb = by.field === 'brandSeqno' ? b.brandSeqno : by.field === 'productSeqno' ? b.productSeqno : String(b[by.field]);
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return by.desc ? -c : c;
  }) : hits;
  return { results: sorted.slice(page.offset, page.offset + page.limit), total: hits.length };
}

export function getProduct(face: Face, id: number | string): SslProduct {
  const p = productByFaceId(face, id);
  if (!p) throw new DomainError('ssl.product_not_found', `SSL product ${id} not found`);
  return p;
}

/** the approver addresses of a hostname (for a product: every product accepts the same list here) */
export function approverEmails(hostname: string): string[] {
  return approverEmailsFor(hostname);
}
