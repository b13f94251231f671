/**
 * The shared workbook on OneDrive/SharePoint as a destination of the consolidate tab: whether
 * the build has it (the Entra ID client id) and how to make one.
 *
 * This module is in the pane's first bundle and stays small. The rest is loaded when needed, each
 * a chunk of its own: the destination's panel when the user chooses it (tabs/SharedPanel.tsx),
 * the Graph client with the first preview or push (graphDestination.ts), MSAL with the first
 * sign-in (graphAuth.ts). Tests give their own `create` through SharedWorkbookContext.
 */
import { createContext, useContext } from 'react';
import type { Settings } from '../core/measure';
import type { OfficeAuthLike } from '../targets/graph/auth';
import type { GraphDestination } from '../targets/graph/destination';

/**
 * Application (client) ID of the add-in's Entra ID registration, set at build time
 * (`NDPLAN_GRAPH_CLIENT_ID=… npm run build`, webpack's DefinePlugin). Empty: not configured.
 */
export const GRAPH_CLIENT_ID: string = process.env.NDPLAN_GRAPH_CLIENT_ID || '';

/** What the consolidate tab uses of a Graph destination. */
export type SharedDestination = Pick<GraphDestination, 'resolveWorkbook' | 'preview' | 'push'>;

export interface SharedWorkbookConfig {
  /** Empty when the administrator has not configured the shared workbook: the destination is off. */
  clientId: string;
  create(options: {
    clientId: string;
    settings: Settings;
    office?: OfficeAuthLike;
  }): Promise<SharedDestination>;
}

export const defaultSharedWorkbook: SharedWorkbookConfig = {
  clientId: GRAPH_CLIENT_ID,
  create: async ({ clientId, settings, office }) =>
    (await import(/* webpackChunkName: "graph" */ './graphDestination')).createPaneDestination(
      clientId,
      settings,
      office,
    ),
};

export const SharedWorkbookContext = createContext<SharedWorkbookConfig>(defaultSharedWorkbook);

export function useSharedWorkbook(): SharedWorkbookConfig {
  return useContext(SharedWorkbookContext);
}
