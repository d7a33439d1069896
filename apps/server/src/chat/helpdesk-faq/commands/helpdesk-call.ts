import { explanationOf, helpdeskFailure, HelpdeskError } from '../../helpdesk/index.js';

/** Runs helpdesk calls for a request: a refusal or failure becomes Chat's 502 with the explanation. */
export async function helpdeskCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof HelpdeskError) throw helpdeskFailure(explanationOf(error));
    throw error;
  }
}
