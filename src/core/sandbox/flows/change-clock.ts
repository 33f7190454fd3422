// Moves the sandbox clock: advance by a duration, set to an instant, freeze or unfreeze. The state is stored so
// every process on the same database (server, CLI) sees the same time.
// Errors: sandbox.invalid_clock_change
import type { Flow } from '../../runner.ts';
import type { ClockState } from '../../clock.ts';
import { SandboxClock, parseDuration } from '../../clock.ts';
import { DomainError } from '../../errors.ts';

export interface ClockChange {
  advance?: string;
  set?: string;
  freeze?: boolean;
  reset?: boolean;
}

export const changeClock: Flow<{ clock: SandboxClock; change: ClockChange }, ClockState> = async (ctx, { clock, change }) => {
  const stored = (await ctx.uow.clock.load()) ?? clock.getState();
  const work = new SandboxClock(stored);
  let state = stored;
  if (change.reset) state = { offsetMs: 0, frozenAt: null };
  if (change.set !== undefined) {
    const at = new Date(change.set);
    if (typeof change.set !== 'string' || Number.isNaN(at.getTime())) throw new DomainError('sandbox.invalid_clock_change', 'set: not an ISO 8601 date-time');
    work.setState(state);
    state = work.setTo(at);
  }
  if (change.advance !== undefined) {
    const ms = typeof change.advance === 'string' ? parseDuration(change.advance) : null;
    if (ms === null) throw new DomainError('sandbox.invalid_clock_change', 'advance: not a duration like 5d, 36h or 90m');
    if (ms < 0) throw new DomainError('sandbox.invalid_clock_change', 'advance: the clock only moves forward; use set to go back');
    work.setState(state);
    state = work.advanced(ms);
  }
  if (change.freeze !== undefined) {
    work.setState(state);
    // freezing right after a set stands still at exactly the instant set (not a millisecond later)
    state = change.freeze && change.set !== undefined && change.advance === undefined ? { offsetMs: state.offsetMs, frozenAt: new Date(change.set) } : work.frozen(!!change.freeze);
  }
  await ctx.uow.clock.save(state);
  clock.setState(state);
  return state;
};
