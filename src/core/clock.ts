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

/** A clock computed from a state and the real time: the sandbox clock. */
export class SandboxClock implements Clock {
  private state: ClockState;
  private readonly realNow: () => number;

  constructor(state: ClockState = REAL_TIME, realNow: () => number = () => Date.now()) {
    this.state = state;
    this.realNow = realNow;
  }

  now(): Date {
    return this.state.frozenAt ? new Date(this.state.frozenAt) : new Date(this.realNow() + this.state.offsetMs);
  }

  getState(): ClockState {
    return { ...this.state };
  }

  setState(state: ClockState): void {
    this.state = { ...state };
  }

  /** The state after moving the clock forward by `ms`. */
  advanced(ms: number): ClockState {
    const s = this.state;
    return s.frozenAt ? { offsetMs: s.offsetMs, frozenAt: new Date(s.frozenAt.getTime() + ms) } : { offsetMs: s.offsetMs + ms, frozenAt: null };
  }

  /** The state after setting the clock to `at`. */
  setTo(at: Date): ClockState {
    return this.state.frozenAt ? { offsetMs: this.state.offsetMs, frozenAt: new Date(at) } : { offsetMs: at.getTime() - this.realNow(), frozenAt: null };
  }

  frozen(freeze: boolean): ClockState {
    const now = this.now();
    if (freeze) return { offsetMs: this.state.offsetMs, frozenAt: now };
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
