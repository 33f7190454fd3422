// The anchor: a bare node:http server answering every request with a fixed 299-byte JSON body.
// ANCHOR_BYTES=n pads the body to n bytes instead (the list benchmark's second anchor answers as many bytes as a
// page of 100 domains, so the cost of moving ~235 KB through loopback and wrk is measured apart from ours).
import { createServer } from 'node:http';

const size = Math.max(299, Number(process.env.ANCHOR_BYTES ?? 299));
const body = Buffer.from(JSON.stringify({ code: 0, data: { results: [{ domain: { name: 'example', extension: 'com' }, status: 'free', is_premium: false, price: { product: { currency: 'EUR', price: 8.5 }, reseller: { currency: 'EUR', price: 8.5 } }, whois: '' }] }, desc: '' }).padEnd(size, ' '));
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`anchor listening on ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
