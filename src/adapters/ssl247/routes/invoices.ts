// E36 `/orders/invoice/{invoice-id}/{download}`: "Shows invoice pdf in base64 encoded"; `download` is "Url for the
// invoice OR the invoice pdf base64 encoded" (seed L3106-3128). Which values select which is not documented
// (inventory A17): `1`, `true`, `download`, `pdf`, `base64` (any case) give `Data.invoice` = a real PDF (PDF 1.4, one
// A4 page, base64); `0`, `false`, `url` give a URL string; anything else is a 400. The invoice id is the order ref
// (ssl-mapping.ts); its lines are the ledger entries of that order (the charge, and any refund, in the same
// currency). The URL points at this route with `download` = pdf (it needs the caller's credentials, as every SSL247 call).
import type { FastifyInstance } from 'fastify';
import type { FaceOptions } from '../../shared/http.ts';
import { runQuery } from '../../../core/runner.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import { listLedger } from '../../../core/billing/flows/list-ledger.ts';
import { getAccount } from '../../../core/accounts/flows/get-account.ts';
import { idParam, post } from '../route.ts';
import { money, wireDate } from '../wire.ts';
import { orderOf } from './certificates.ts';

const AS_PDF = ['1', 'true', 'download', 'pdf', 'base64'];
const AS_URL = ['0', 'false', 'url'];

/** PDF string literal: the printable ASCII of the text, with ( ) \ escaped */
const pdfText = (t: string) => t.replace(/[^\x20-\x7e]/g, '?').replace(/([()\\])/g, '\\$1');

/** A one-page PDF with lines of text in Helvetica: header, xref table and trailer as PDF 1.4 wants them. */
export function textPdf(lines: string[]): Buffer {
  const content = ['BT', '/F1 11 Tf', '14 TL', '56 790 Td', ...lines.map((l, i) => `${i ? 'T* ' : ''}(${pdfText(l)}) Tj`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export function invoiceRoutes(app: FastifyInstance, o: FaceOptions): void {
  const s = o.services;

  post(app, o, '/orders/invoice/:invoiceId/:download', async ({ actor, params }) => {
    const mode = String(params.download ?? '').trim().toLowerCase();
    if (!AS_PDF.includes(mode) && !AS_URL.includes(mode)) throw invalid('download', `must be one of ${[...AS_PDF, ...AS_URL].join(', ')}`);
    const id = idParam(params.invoiceId, () => new DomainError('ssl.order_not_found', `Invoice ${params.invoiceId ?? ''} not found`));
    const order = await orderOf(s, actor.accountId, String(id)).catch((e) => {
      throw e instanceof DomainError && e.code === 'ssl.order_not_found' ? new DomainError('ssl.order_not_found', `Invoice ${id} not found`) : e;
    });
    if (AS_URL.includes(mode)) return { invoice: `${s.publicUrl}/api/v3/orders/invoice/${id}/pdf` };
    const { account } = await runQuery(s, getAccount, { accountId: actor.accountId });
    const entries = (await runQuery(s, listLedger, { accountId: actor.accountId, page: { limit: 1_000_000, offset: 0 } })).results.filter((e) => e.reference === `ssl_order:${order.id}`);
    const total = entries.reduce((n, e) => n - e.amountMinor, 0);
    const lines = [
      'INVOICE', '', `Invoice: ${id}    Order ref: ${id}`, `Date: ${wireDate(order.orderedAt)}`, `Account: ${account.code} ${account.name}`, '',
      ...entries.map((e) => `${wireDate(e.createdAt)}  ${e.description}  ${money(-e.amountMinor)} ${e.currency}`),
      '', `Total: ${money(total)} ${order.currency}`, 'VAT: 0.00', `Total due: ${money(total)} ${order.currency}`,
    ];
    return { invoice: textPdf(lines).toString('base64') };
  });
}
