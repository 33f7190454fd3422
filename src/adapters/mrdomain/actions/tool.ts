// tool/hello (seed L183-220): reachability check; echoes the caller's IP, the API language and version.
import type { ActionHandler } from './types.ts';
import { API_VERSION } from '../wire.ts';

export const toolHello: ActionHandler = async ({ ip }) => ({ responseData: { ip, lang: 'en', version: API_VERSION } });
