// Time is a dependency. Every flow reads `clock.now()`; nothing in the core calls Date.now().

export interface Clock {
  now(): Date;
}

export interface ClockState {
  /** milliseconds added to the real time when not frozen */
  offsetMs: number;
  /** when set, time stands still at this instant */
  frozenAt: Date | null;
}

export const REAL_TIME: ClockState = { offsetMs: 0, frozenAt: null };

// the bytes of a SandboxClock's shared state: sequence and version (2 × Int32), offset and frozen instant (2 × Float64)
const CLOCK_BYTES = 24;

/**
 * A clock computed from a state and the real time: the sandbox clock.
 *
 * The state lives in a SharedArrayBuffer, so every thread that serves calls (src/app/http-threads.ts) can hold a
 * SandboxClock over the same buffer and a move made on one is seen by all at once. The buffer holds a sequence
 * number and a version (Int32, bytes 0-7) and the offset and the frozen instant (Float64, bytes 8-23, NaN when not
 * frozen). A writer makes the sequence odd, writes, and makes it even again; a reader retries while it is odd or
 * moved under it (a seqlock), so no reader sees half of a state.
 */
export class SandboxClock implements Clock {
  private readonly seq: Int32Array;
  private readonly value: Float64Array;
  private readonly realNow: () => number;

  /** a clock with a buffer of its own; `attach` shares another clock's */
  constructor(state: ClockState = REAL_TIME, realNow: () => number = () => Date.now(), buffer?: SharedArrayBuffer) {
    const b = buffer ?? new SharedArrayBuffer(CLOCK_BYTES);
    this.seq = new Int32Array(b, 0, 2);
    this.value = new Float64Array(b, 8, 2);
    this.realNow = realNow;
    if (!buffer) this.setState(state);
  }

  /** a clock over the state of another clock's `buffer` (another thread's): the same time, moved together */
  static attach(buffer: SharedArrayBuffer, realNow: () => number = () => Date.now()): SandboxClock {
    return new SandboxClock(REAL_TIME, realNow, buffer);
  }

  /** the shared state, to hand to another thread */
  get buffer(): SharedArrayBuffer {
    return this.seq.buffer as SharedArrayBuffer;
  }

  /** moves on every setState, on whichever thread */
  version(): number {
    return Atomics.load(this.seq, 1);
  }

  private read(): [offsetMs: number, frozenAt: number] {
    for (;;) {
      const s = Atomics.load(this.seq, 0);
      if (s & 1) continue;
      const offset = this.value[0];
      const frozen = this.value[1];
      if (Atomics.load(this.seq, 0) === s) return [offset, frozen];
    }
  }

  now(): Date {
    const [offset, frozen] = this.read();
    return Number.isNaN(frozen) ? new Date(this.realNow() + offset) : new Date(frozen);
  }

  getState(): ClockState {
    const [offset, frozen] = this.read();
    return { offsetMs: offset, frozenAt: Number.isNaN(frozen) ? null : new Date(frozen) };
  }

  setState(state: ClockState): void {
    this.setStateIf(null, state);
  }

  /** sets the state unless the version moved from `version` (null: in any case); whether it was set */
  setStateIf(version: number | null, state: ClockState): boolean {
    let s: number;
    for (;;) {
      s = Atomics.load(this.seq, 0);
      if (!(s & 1) && Atomics.compareExchange(this.seq, 0, s, s + 1) === s) break;
    }
    if (version !== null && Atomics.load(this.seq, 1) !== version) {
      Atomics.store(this.seq, 0, s + 2);
      return false;
    }
    this.value[0] = state.offsetMs;
    this.value[1] = state.frozenAt ? state.frozenAt.getTime() : NaN;
    Atomics.add(this.seq, 1, 1);
    Atomics.store(this.seq, 0, s + 2);
    return true;
  }

  /** The state after moving the clock forward by `ms`. */
  advanced(ms: number): ClockState {
    const s = this.getState();
    return s.frozenAt ? { offsetMs: s.offsetMs, frozenAt: new Date(s.frozenAt.getTime() + ms) } : { offsetMs: s.offsetMs + ms, frozenAt: null };
  }

  /** The state after setting the clock to `at`. */
  setTo(at: Date): ClockState {
    const s = this.getState();
    return s.frozenAt ? { offsetMs: s.offsetMs, frozenAt: new Date(at) } : { offsetMs: at.getTime() - this.realNow(), frozenAt: null };
  }

  frozen(freeze: boolean): ClockState {
    const now = this.now();
    if (freeze) return { offsetMs: this.getState().offsetMs, frozenAt: now };
    return { offsetMs: now.getTime() - this.realNow(), frozenAt: null };
  }
}

/** A fixed clock for tests of pure rules. */
export class FixedClock implements Clock {
  private t: number;
  constructor(at: Date | string) {
    this.t = new Date(at).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 365 * 86_400_000 };

/** Parses durations like `5d`, `36h`, `1d12h`, `90m`, `30s`, `1y`; negative with a leading `-`. Returns null when invalid. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  const m = /^(-)?((?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y))+)$/.exec(t);
  if (!m) return null;
  let total = 0;
  for (const part of m[2].matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)) total += Number(part[1]) * UNITS[part[2]];
  return m[1] ? -total : total;
}
