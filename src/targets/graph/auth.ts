/**
 * Access tokens for Microsoft Graph, kept in memory only (a closure variable), never logged,
 * never stored, never put into an error message.
 *
 * Two providers, tried in order by `createTokenSource`:
 *
 * 1. Office single sign-on: `Office.auth.getAccessToken({ allowSignInPrompt, allowConsentPrompt,
 *    forMSGraphAccess })` with the manifest's `WebApplicationInfo`. That call returns a token
 *    whose audience is the add-in's own API (`api://…/<client-id>`), not Microsoft Graph; Graph
 *    refuses it. It becomes a Graph token only through an on-behalf-of exchange on a server
 *    the unit runs (`exchange`). Without one, SSO steps aside and the next provider is used.
 * 2. MSAL (nested app authentication inside Office, or a popup elsewhere), supplied as any
 *    object with the shape of `@azure/msal-browser`'s PublicClientApplication (`MsalLike`).
 *    The task pane loads it on demand (src/taskpane/graphAuth.ts) and passes
 *    `await createNestablePublicClientApplication({ auth: { clientId, authority } })` here.
 */
import { GraphError } from './errors';
import type { GetToken, TokenRequest } from './client';
import { describe, redact } from './redact';

export type { GetToken, TokenRequest } from './client';

/** The least privilege for a workbook the user can edit. */
export const FILES_SCOPES = ['Files.ReadWrite'];
/** Only for a workbook in a SharePoint site whose tenant requires it. */
export const SITES_SCOPES = ['Sites.ReadWrite.All'];

export interface TokenProvider {
  readonly name: string;
  /** A token, or TokenUnavailableError when this provider cannot serve here (the next one tries). */
  getToken(request: TokenRequest): Promise<string>;
}

/** This provider cannot give a token in this host; try the next one. */
export class TokenUnavailableError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly code?: string | number,
  ) {
    super(message);
    this.name = 'TokenUnavailableError';
  }
}

// ------------------------------------------------------------------------------------------
// Office SSO

/** The part of Office.js the SSO provider uses (Office.auth). */
export interface OfficeAuthLike {
  auth: { getAccessToken(options?: Office.AuthOptions): Promise<string> };
}

export interface OfficeSsoOptions {
  /** Office.js, given by the host (src/host/officeHost.ts); without it SSO steps aside. */
  office?: OfficeAuthLike;
  /**
   * Exchanges the SSO token (audience: the add-in) for a Graph token with `scopes`: the
   * on-behalf-of flow, on a server of the unit. Without it SSO cannot reach Graph.
   */
  exchange?: (ssoToken: string, scopes: string[]) => Promise<string>;
}

/** Office SSO error codes after which another provider should be tried (Microsoft: "Troubleshoot SSO"). */
const SSO_FALLBACK_CODES = new Set([13000, 13003, 13004, 13005, 13006, 13007, 13008, 13010, 13012, 13013]);

export function officeSsoProvider(opts: OfficeSsoOptions = {}): TokenProvider {
  return {
    name: 'office-sso',
    async getToken({ scopes }) {
      const office = opts.office;
      if (!office?.auth?.getAccessToken)
        throw new TokenUnavailableError('office-sso', 'Office single sign-on is not available here');
      if (!opts.exchange)
        throw new TokenUnavailableError(
          'office-sso',
          'the SSO token is for the add-in, not for Graph, and no on-behalf-of exchange is configured',
        );
      let sso: string;
      try {
        sso = await office.auth.getAccessToken({
          allowSignInPrompt: true,
          allowConsentPrompt: true,
          forMSGraphAccess: true,
        });
      } catch (e) {
        const code = Number((e as { code?: unknown })?.code);
        // 13001 not signed in and 13002 the user cancelled: asking again through MSAL would nag.
        if (code === 13001 || code === 13002)
          throw new GraphError('no-permission', `sign-in was cancelled or refused (Office SSO ${code})`);
        if (SSO_FALLBACK_CODES.has(code) || !Number.isFinite(code))
          throw new TokenUnavailableError(
            'office-sso',
            `Office SSO is unavailable (${Number.isFinite(code) ? code : 'no code'})`,
            code,
          );
        throw new TokenUnavailableError('office-sso', `Office SSO failed (${code})`, code);
      }
      try {
        return await opts.exchange(sso, scopes);
      } catch (e) {
        throw new TokenUnavailableError(
          'office-sso',
          `the on-behalf-of exchange failed: ${redact(describe(e), [sso])}`,
        );
      }
    },
  };
}

// ------------------------------------------------------------------------------------------
// MSAL (nested app authentication or popup)

/** The subset of `@azure/msal-browser`'s IPublicClientApplication the fallback uses. */
export interface MsalLike {
  getActiveAccount(): unknown | null;
  getAllAccounts(): unknown[];
  setActiveAccount?(account: unknown): void;
  acquireTokenSilent(request: {
    scopes: string[];
    account?: unknown;
    forceRefresh?: boolean;
  }): Promise<{ accessToken: string; account?: unknown }>;
  acquireTokenPopup(request: { scopes: string[] }): Promise<{ accessToken: string; account?: unknown }>;
}

export interface MsalOptions {
  /** 'popup' (default) signs in interactively when silent acquisition fails; 'none' never prompts. */
  interactive?: 'popup' | 'none';
}

/** MSAL names of errors that mean "ask the user" rather than "broken". */
const INTERACTION_REQUIRED =
  /interaction_required|consent_required|login_required|no_account|no_tokens_found|InteractionRequired/i;
const USER_CANCELLED = /user_cancelled|popup_window_error|empty_window_error|monitor_window_timeout/i;

export function msalProvider(
  msal: MsalLike | (() => Promise<MsalLike>),
  opts: MsalOptions = {},
): TokenProvider {
  let instance: MsalLike | null = typeof msal === 'function' ? null : msal;
  return {
    name: 'msal',
    async getToken({ scopes, forceRefresh }) {
      if (!instance) instance = await (msal as () => Promise<MsalLike>)();
      const app = instance;
      const account = app.getActiveAccount() ?? app.getAllAccounts()[0] ?? undefined;
      try {
        const r = await app.acquireTokenSilent({ scopes, account, forceRefresh });
        if (r.account && app.setActiveAccount) app.setActiveAccount(r.account);
        return r.accessToken;
      } catch (e) {
        const text = describe(e) + ' ' + String((e as { errorCode?: unknown })?.errorCode ?? '');
        if (opts.interactive === 'none' || (!INTERACTION_REQUIRED.test(text) && account)) {
          throw new GraphError('no-permission', `MSAL could not get a token silently: ${redact(text)}`);
        }
      }
      try {
        const r = await app.acquireTokenPopup({ scopes });
        if (r.account && app.setActiveAccount) app.setActiveAccount(r.account);
        return r.accessToken;
      } catch (e) {
        const text = describe(e) + ' ' + String((e as { errorCode?: unknown })?.errorCode ?? '');
        throw new GraphError(
          'no-permission',
          USER_CANCELLED.test(text) ? 'sign-in was cancelled' : `MSAL sign-in failed: ${redact(text)}`,
        );
      }
    },
  };
}

// ------------------------------------------------------------------------------------------
// The token source the destination uses

export interface TokenSource extends GetToken {
  /** Forgets every token (sign-out, or the user switched accounts). */
  clear(): void;
}

/**
 * Tries each provider in order and keeps the token per scope set in this closure for
 * `maxAgeMs` (Graph tokens live about an hour; a 401 asks again with forceRefresh).
 */
export function createTokenSource(
  providers: TokenProvider[],
  opts: { maxAgeMs?: number; now?: () => number } = {},
): TokenSource {
  const cache = new Map<string, { token: string; at: number }>();
  const maxAge = opts.maxAgeMs ?? 45 * 60 * 1000;
  const now = opts.now ?? Date.now;
  const source = (async (request: TokenRequest) => {
    const key = [...request.scopes].sort().join(' ');
    const hit = cache.get(key);
    if (hit && !request.forceRefresh && now() - hit.at < maxAge) return hit.token;
    cache.delete(key);
    const reasons: string[] = [];
    for (const p of providers) {
      try {
        const token = await p.getToken(request);
        if (typeof token !== 'string' || !token) throw new TokenUnavailableError(p.name, 'no token returned');
        cache.set(key, { token, at: now() });
        return token;
      } catch (e) {
        if (e instanceof TokenUnavailableError) {
          reasons.push(`${p.name}: ${e.message}`);
          continue;
        }
        if (e instanceof GraphError) throw e;
        throw new GraphError('no-permission', `${p.name}: ${redact(describe(e))}`);
      }
    }
    throw new GraphError(
      'no-permission',
      `no way to get a Microsoft Graph token here (${reasons.join('; ') || 'no providers'})`,
    );
  }) as TokenSource;
  source.clear = () => cache.clear();
  return source;
}

/**
 * The add-in's token source: Office SSO (with an on-behalf-of exchange when the unit has one),
 * then MSAL when supplied.
 */
export function addinTokenSource(
  opts: {
    sso?: OfficeSsoOptions;
    msal?: MsalLike | (() => Promise<MsalLike>);
    msalOptions?: MsalOptions;
  } = {},
): TokenSource {
  const providers: TokenProvider[] = [officeSsoProvider(opts.sso)];
  if (opts.msal) providers.push(msalProvider(opts.msal, opts.msalOptions));
  return createTokenSource(providers);
}
