/**
 * The task pane's access tokens for the shared workbook (docs/shared-workbook.md, section 4):
 * Office single sign-on first (it reaches Graph only through a unit's on-behalf-of exchange,
 * otherwise it steps aside at once), then MSAL nested app authentication — Office signs the user
 * in, no server needed. MSAL is loaded with a dynamic import, so it is a chunk of its own that
 * the pane fetches only when SSO could not give a token; it never weighs on the pane's start.
 *
 * Tokens stay in memory: in the token source's closure, and MSAL's cache is `memoryStorage`
 * (nothing in localStorage or sessionStorage). Nothing here logs a token.
 */
import type { Configuration } from '@azure/msal-browser';
import {
  addinTokenSource,
  type MsalLike,
  type OfficeSsoOptions,
  type TokenSource,
} from '../targets/graph/auth';
import { GraphError } from '../targets/graph/errors';

/** Work and school accounts of any tenant (the app registration is multitenant). */
export const MSAL_AUTHORITY = 'https://login.microsoftonline.com/organizations';

/** What the pane uses of `@azure/msal-browser`. */
export interface MsalModule {
  createNestablePublicClientApplication(configuration: Configuration): Promise<MsalLike>;
}

export interface PaneAuthOptions {
  /** Application (client) ID of the Entra ID registration (the build's NDPLAN_GRAPH_CLIENT_ID). */
  clientId: string;
  /** Office SSO: `office` comes from the host (src/host/officeHost.ts); `exchange` is a unit's on-behalf-of server. */
  sso?: OfficeSsoOptions;
  /** Loads MSAL; defaults to `import('@azure/msal-browser')` (a separate chunk). */
  loadMsal?: () => Promise<MsalModule>;
  /** The SPA redirect URI registered for the popup fallback; defaults to this page without its query. */
  redirectUri?: string;
}

const importMsal = (): Promise<MsalModule> => import(/* webpackChunkName: "msal" */ '@azure/msal-browser');

function pageAddress(): string | undefined {
  if (typeof window === 'undefined' || !window.location?.origin) return undefined;
  // Office adds ?_host_Info=… to the page's address; the registered redirect URI has no query.
  return window.location.origin + window.location.pathname;
}

/** The MSAL application: nested app authentication inside Office, a standard one (popup) elsewhere. */
export async function createPaneMsal(opts: PaneAuthOptions): Promise<MsalLike> {
  let msal: MsalModule;
  try {
    msal = await (opts.loadMsal ?? importMsal)();
  } catch {
    // A chunk that cannot be fetched: the network is down (never the error text: it holds no
    // token, but nothing of it helps the user either).
    throw new GraphError('offline', 'the sign-in module (MSAL) could not be loaded');
  }
  return msal.createNestablePublicClientApplication({
    auth: {
      clientId: opts.clientId,
      authority: MSAL_AUTHORITY,
      redirectUri: opts.redirectUri ?? pageAddress(),
    },
    cache: { cacheLocation: 'memoryStorage' },
  });
}

/** Office SSO, then MSAL (loaded on first need); tokens cached in memory per scope set. */
export function createPaneTokenSource(opts: PaneAuthOptions): TokenSource {
  if (!opts.clientId)
    throw new GraphError('no-permission', 'the shared workbook is not configured (no client id)');
  return addinTokenSource({
    sso: opts.sso,
    msal: () => createPaneMsal(opts),
    msalOptions: { interactive: 'popup' },
  });
}
