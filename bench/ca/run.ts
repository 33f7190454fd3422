// `npm run bench:ca`: the built-in CA's speed, in one process, interleaved with anchors measured in the same run
// (../shared/guide/BENCHMARKS.md): a raw P-256 signature (the floor of an issuance), async P-256 / RSA-2048 key
// generation (the floor of CSR creation). Medians of ROUNDS; every loop bounded in time and count. Prints JSON.
//   BENCH_ROUNDS (3)  BENCH_SECONDS (3 per measurement)
import { generateKeyPair, generateKeyPairSync, sign, type webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { openStore } from '../../src/persistence/store.ts';
import { SandboxClock } from '../../src/core/clock.ts';
import { openCa } from '../../src/ca/authority.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const MAX_OPS = 200_000;
const DAY = 86_400_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** ops per second of `op` (awaited one after another) for SECONDS, at most MAX_OPS */
async function rate(op: (i: number) => unknown | Promise<unknown>, seconds = SECONDS): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  while (n < MAX_OPS && performance.now() - t0 < seconds * 1000) await op(n++);
  return n / ((performance.now() - t0) / 1000);
}

/** ops per second with `parallel` in flight (for async key generation on the thread pool) */
async function rateParallel(op: () => Promise<unknown>, parallel: number, seconds = SECONDS): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  const worker = async () => {
    while (n < MAX_OPS && performance.now() - t0 < seconds * 1000) {
      await op();
      n++;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return n / ((performance.now() - t0) / 1000);
}

const genAsync = (type: 'rsa' | 'ec') => new Promise<void>((resolve, reject) => (type === 'rsa' ? generateKeyPair('rsa', { modulusLength: 2048 }, (e) => (e ? reject(e) : resolve())) : generateKeyPair('ec', { namedCurve: 'P-256' }, (e) => (e ? reject(e) : resolve()))));

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'rb-bench-ca-'));
  const file = join(dir, 'ca.sqlite');
  const clock = new SandboxClock({ offsetMs: 0, frozenAt: new Date('2026-06-01T12:00:00Z') });
  try {
    let t = performance.now();
    const store = await openStore({ sqliteFile: file });
    const ca = await openCa({ store, clock, publicUrl: 'http://127.0.0.1:8080', pool: { size: { rsa2048: 64 } } });
    const firstStartMs = performance.now() - t;
    await ca.close();
    t = performance.now();
    const ca2 = await openCa({ store, clock, publicUrl: 'http://127.0.0.1:8080', pool: { size: { rsa2048: 64 }, parallel: 2 } });
    const restartMs = performance.now() - t;

    const now = clock.now();
    const validTo = new Date(now.getTime() + 365 * DAY);
    const warm = (await ca2.createCsr({ commonName: 'bench.example.com', sans: ['www.bench.example.com'], keyType: 'ecdsa256' })).csrPem;
    // distinct, never-seen CSRs for the cold measurement (each is verified on first use)
    const cold: string[] = [];
    for (let i = 0; i < 3000; i++) cold.push((await ca2.createCsr({ commonName: `c${i}.bench.example.com`, keyType: 'ecdsa256' })).csrPem);
    let coldAt = 0;

    const issuerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const tbs = Buffer.alloc(520, 7);
    const peculiarKeys = (await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const leafKeys = (await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const naiveExts = [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]), new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'bench.example.com' }])];

    const r: Record<string, number[]> = { rawSign: [], peculiar: [], issueWarm: [], issueCold: [], ecKeygen: [], csrEc: [], rsaKeygen2: [], csrRsaPool: [] };
    for (let i = 0; i < ROUNDS; i++) {
      r.rawSign.push(await rate(() => sign('sha256', tbs, issuerKey)));
      r.issueWarm.push(await rate(() => ca2.issue({ csrPem: warm, commonName: 'bench.example.com', sans: ['www.bench.example.com'], validFrom: now, validTo, profile: 'dv' })));
      r.peculiar.push(await rate(() => x509.X509CertificateGenerator.create({ subject: 'CN=bench.example.com', issuer: 'CN=issuer', notBefore: now, notAfter: validTo, publicKey: leafKeys.publicKey, signingKey: peculiarKeys.privateKey, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' }, extensions: naiveExts }), 1));
      r.issueCold.push(await rate(() => ca2.issue({ csrPem: cold[coldAt++ % cold.length], commonName: 'cold.bench.example.com', sans: [], validFrom: now, validTo, profile: 'dv' }), Math.min(SECONDS, 1)));
      r.ecKeygen.push(await rate(() => genAsync('ec')));
      r.csrEc.push(await rate(() => ca2.createCsr({ commonName: 'ec.bench.example.com', keyType: 'ecdsa256' })));
      r.rsaKeygen2.push(await rateParallel(() => genAsync('rsa'), 2));
      // sustained RSA-2048 CSR creation through an empty pool refilled with 2 generations in flight (a fresh CA each
      // round, stopped after, so no background generation runs during the other measurements)
      const rsaCa = await openCa({ store, clock, publicUrl: 'http://127.0.0.1:8080', pool: { size: { rsa2048: 2 }, parallel: 2 } });
      r.csrRsaPool.push(await rate(() => rsaCa.createCsr({ commonName: 'rsa.bench.example.com', keyType: 'rsa2048' })));
      await rsaCa.close();
    }
    // burst: CSRs served from a full pool (RSA generation off the request path); the pool is filled first, untimed
    ca2.pool.prefill();
    const fillT0 = performance.now();
    while (ca2.pool.available('rsa2048') < 64 && performance.now() - fillT0 < 30_000) await new Promise((res) => setTimeout(res, 50));
    const burstN = ca2.pool.available('rsa2048');
    const bt0 = performance.now();
    for (let i = 0; i < burstN; i++) await ca2.createCsr({ commonName: 'burst.bench.example.com', keyType: 'rsa2048' });
    const burstRate = burstN / ((performance.now() - bt0) / 1000);
    await ca2.close();
    await store.close();

    const m = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v)]));
    console.log(JSON.stringify({
      rounds: ROUNDS, seconds: SECONDS, cores: 'both shared with the OS; one process',
      issuance: {
        per_second_warm_csr: round(m.issueWarm), per_second_cold_csr: round(m.issueCold),
        anchor_raw_p256_sign_per_second: round(m.rawSign), ratio_warm_to_raw_sign: round(m.issueWarm / m.rawSign, 3),
        anchor_peculiar_naive_per_second: round(m.peculiar), ratio_warm_to_peculiar_naive: round(m.issueWarm / m.peculiar, 2),
        note: 'warm = the CSR was already checked (decoded at order time, as the SSL flows do); cold = a CSR never seen, verified first',
      },
      csr_creation: {
        ecdsa256_per_second: round(m.csrEc), anchor_async_p256_keygen_per_second: round(m.ecKeygen), ecdsa256_ratio: round(m.csrEc / m.ecKeygen, 3),
        rsa2048_sustained_per_second: round(m.csrRsaPool), anchor_async_rsa2048_keygen_2_in_flight_per_second: round(m.rsaKeygen2), rsa2048_ratio: round(m.csrRsaPool / m.rsaKeygen2, 3),
        rsa2048_burst_from_full_pool_per_second: round(burstRate), burst_size: burstN,
      },
      start: { first_start_ms: round(firstStartMs), restart_ms: round(restartMs) },
      peak_rss_mib: round(process.resourceUsage().maxRSS / 1024),
      raw_medians: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.map((x) => round(x))])),
    }, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
