/**
 * The real shared-workbook destination of the task pane. Loaded lazily (its own chunk, with
 * the Graph client) by sharedWorkbook.ts when the user first previews or pushes to it.
 */
import type { Settings } from '../core/measure';
import { createGraphDestination, type TokenSource } from '../targets/graph';
import type { OfficeAuthLike } from '../targets/graph/auth';
import { createPaneTokenSource } from './graphAuth';
import type { SharedDestination } from './sharedWorkbook';

/** One token source for the pane's lifetime: switching tabs or settings does not sign in again. */
let tokens: { clientId: string; source: TokenSource } | null = null;

export function createPaneDestination(
  clientId: string,
  settings: Settings,
  office?: OfficeAuthLike,
): SharedDestination {
  if (!tokens || tokens.clientId !== clientId)
    tokens = { clientId, source: createPaneTokenSource({ clientId, sso: { office } }) };
  return createGraphDestination({ getToken: tokens.source, settings });
}
