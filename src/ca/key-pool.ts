// Keys for generated CSRs. RSA generation is slow (tens per second on two cores), so RSA keys come from a bounded
// pool refilled in the background with the async `crypto.generateKeyPair` (libuv's thread pool, never the event
// loop); a request only waits when the pool is empty. ECDSA keys are cheap and made on demand.
import { generateKeyPair, type KeyObject } from 'node:crypto';
import type { CsrKeyType } from '../core/ssl/ca-port.ts';

export interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

function generate(type: CsrKeyType): Promise<KeyPair> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, publicKey: KeyObject, privateKey: KeyObject) => (err ? reject(err) : resolve({ publicKey, privateKey }));
    if (type === 'rsa2048' || type === 'rsa4096') generateKeyPair('rsa', { modulusLength: type === 'rsa2048' ? 2048 : 4096, publicExponent: 0x10001 }, done);
    else generateKeyPair('ec', { namedCurve: type === 'ecdsa256' ? 'P-256' : 'P-384' }, done);
  });
}

export interface KeyPoolOptions {
  /** how many keys each RSA pool keeps ready */
  size?: Partial<Record<'rsa2048' | 'rsa4096', number>>;
  /** RSA generations running at once per key type (1 keeps one core free for requests) */
  parallel?: number;
}

class RsaPool {
  private ready: KeyPair[] = [];
  private waiting: Array<{ resolve: (k: KeyPair) => void; reject: (e: unknown) => void }> = [];
  private running = 0;
  private stopped = false;
  private type: CsrKeyType;
  private size: number;
  private parallel: number;
  constructor(type: CsrKeyType, size: number, parallel: number) {
    this.type = type;
    this.size = size;
    this.parallel = parallel;
  }

  get available(): number {
    return this.ready.length;
  }

  take(): Promise<KeyPair> {
    const k = this.ready.shift();
    const p = k ? Promise.resolve(k) : new Promise<KeyPair>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.fill();
    return p;
  }

  fill(): void {
    if (this.stopped) return;
    while (this.running < this.parallel && this.ready.length + this.running < this.size + this.waiting.length) {
      this.running++;
      generate(this.type).then(
        (k) => {
          this.running--;
          const w = this.waiting.shift();
          if (w) w.resolve(k);
          else if (!this.stopped) this.ready.push(k);
          this.fill();
        },
        (e) => {
          this.running--;
          this.waiting.shift()?.reject(e);
        },
      );
    }
  }

  stop(): void {
    this.stopped = true;
    this.ready = [];
    for (const w of this.waiting.splice(0)) w.reject(new Error('key pool stopped'));
  }
}

export class KeyPool {
  private rsa: Record<'rsa2048' | 'rsa4096', RsaPool>;
  constructor(o: KeyPoolOptions = {}) {
    const parallel = o.parallel ?? 1;
    this.rsa = { rsa2048: new RsaPool('rsa2048', o.size?.rsa2048 ?? 16, parallel), rsa4096: new RsaPool('rsa4096', o.size?.rsa4096 ?? 2, parallel) };
  }

  /** starts filling the RSA pools in the background */
  prefill(): void {
    this.rsa.rsa2048.fill();
    this.rsa.rsa4096.fill();
  }

  available(type: 'rsa2048' | 'rsa4096'): number {
    return this.rsa[type].available;
  }

  take(type: CsrKeyType): Promise<KeyPair> {
    return type === 'rsa2048' || type === 'rsa4096' ? this.rsa[type].take() : generate(type);
  }

  stop(): void {
    this.rsa.rsa2048.stop();
    this.rsa.rsa4096.stop();
  }
}
