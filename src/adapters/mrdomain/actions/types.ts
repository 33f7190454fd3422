// What an action handler gets and gives: parsed parameters and the authenticated caller in, responseData out.
import type { Services } from '../../../core/runner.ts';
import type { Actor } from '../../../core/users/model.ts';
import type { Params } from '../params.ts';
import type { Wire } from '../wire.ts';
import type { Subuser } from '../../../core/subusers/model.ts';

export interface ActionContext {
  params: Params;
  actor: Actor;
  services: Services;
  /** the caller's IP address as the API sees it */
  ip: string;
  /** set when an external user of the account (user module) is calling: its permissions apply (actions/user.ts) */
  subuser?: Subuser;
}

export interface ActionResult {
  responseData: Wire;
  /** `["Operation done correctly."]` on the mutating actions whose seed example carries it */
  messages?: string[];
}

export type ActionHandler = (c: ActionContext) => Promise<ActionResult>;

export const DONE = ['Operation done correctly.'];
