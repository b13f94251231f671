/** Tokens for Graph: Office SSO (with an on-behalf-of exchange), the MSAL fallback, the in-memory cache. */
import {
  GraphError,
  TokenUnavailableError,
  addinTokenSource,
  createTokenSource,
  msalProvider,
  officeSsoProvider,
  type MsalLike,
  type OfficeAuthLike,
} from '../../../src/targets/graph';

const SSO_TOKEN = 'sso-bootstrap-for-the-addin-0123456789abcdef';
const GRAPH_TOKEN = 'graph-token-fedcba9876543210fedcba9876543210';

function office(result: string | { code: number; message?: string }): OfficeAuthLike & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    auth: {
      getAccessToken: async (options?: Office.AuthOptions) => {
        calls.push(options);
        if (typeof result === 'string') return result;
        throw Object.assign(new Error(result.message ?? 'sso failed'), result);
      },
    },
  };
}

function msal(
  opts: { silent?: 'ok' | 'interaction' | 'broken'; popup?: 'ok' | 'cancel' } = {},
): MsalLike & { log: string[] } {
  const log: string[] = [];
  let active: unknown = opts.silent === 'ok' ? { username: 'a@b' } : null;
  return {
    log,
    getActiveAccount: () => active,
    getAllAccounts: () => (active ? [active] : []),
    setActiveAccount: (a) => {
      active = a;
    },
    acquireTokenSilent: async (r) => {
      log.push(`silent ${r.scopes.join(' ')}${r.forceRefresh ? ' force' : ''}`);
      if (opts.silent === 'ok') return { accessToken: GRAPH_TOKEN, account: active };
      if (opts.silent === 'broken')
        throw Object.assign(new Error('network_error'), { errorCode: 'network_error' });
      throw Object.assign(new Error('interaction_required: AADSTS50058'), {
        errorCode: 'interaction_required',
      });
    },
    acquireTokenPopup: async (r) => {
      log.push(`popup ${r.scopes.join(' ')}`);
      if (opts.popup === 'cancel')
        throw Object.assign(new Error('user_cancelled: User cancelled the flow.'), {
          errorCode: 'user_cancelled',
        });
      return { accessToken: GRAPH_TOKEN, account: { username: 'a@b' } };
    },
  };
}

const files = { scopes: ['Files.ReadWrite'] };

describe('Office single sign-on', () => {
  test('asks Office with sign-in and consent prompts for Graph access, then exchanges the token on behalf of the user', async () => {
    const o = office(SSO_TOKEN);
    const exchanged: unknown[] = [];
    const p = officeSsoProvider({
      office: o,
      exchange: async (t, scopes) => (exchanged.push([t, scopes]), GRAPH_TOKEN),
    });
    await expect(p.getToken(files)).resolves.toBe(GRAPH_TOKEN);
    expect(o.calls).toEqual([{ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: true }]);
    expect(exchanged).toEqual([[SSO_TOKEN, ['Files.ReadWrite']]]);
  });

  test('without an exchange the SSO token (audience: the add-in) is not used for Graph: MSAL takes over', async () => {
    const o = office(SSO_TOKEN);
    const m = msal({ silent: 'ok' });
    const source = addinTokenSource({ sso: { office: o }, msal: m });
    await expect(source(files)).resolves.toBe(GRAPH_TOKEN);
    expect(m.log).toEqual(['silent Files.ReadWrite']);
  });

  test.each([13003, 13006, 13007, 13010, 13012, 13013])('SSO error %i falls back to MSAL', async (code) => {
    const m = msal({ silent: 'interaction', popup: 'ok' });
    const source = addinTokenSource({
      sso: { office: office({ code }), exchange: async () => GRAPH_TOKEN },
      msal: m,
    });
    await expect(source(files)).resolves.toBe(GRAPH_TOKEN);
    expect(m.log).toEqual(['silent Files.ReadWrite', 'popup Files.ReadWrite']);
  });

  test('the user cancelling sign-in (13001, 13002) is "no-permission" and does not pop up MSAL', async () => {
    for (const code of [13001, 13002]) {
      const m = msal({ popup: 'ok' });
      const source = addinTokenSource({
        sso: { office: office({ code }), exchange: async () => GRAPH_TOKEN },
        msal: m,
      });
      const e = await source(files).catch((x) => x);
      expect(e).toBeInstanceOf(GraphError);
      expect(e.reason).toBe('no-permission');
      expect(m.log).toEqual([]);
    }
  });

  test('outside Office, SSO steps aside', async () => {
    await expect(
      officeSsoProvider({ exchange: async () => GRAPH_TOKEN }).getToken(files),
    ).rejects.toBeInstanceOf(TokenUnavailableError);
  });
});

describe('MSAL fallback', () => {
  test('silent first, a popup when interaction is required, the account remembered', async () => {
    const m = msal({ silent: 'interaction', popup: 'ok' });
    const p = msalProvider(m);
    await expect(p.getToken(files)).resolves.toBe(GRAPH_TOKEN);
    expect(m.log).toEqual(['silent Files.ReadWrite', 'popup Files.ReadWrite']);
    expect(m.getActiveAccount()).toEqual({ username: 'a@b' });
  });

  test('a cancelled popup is "no-permission"; interactive "none" never pops up', async () => {
    const cancelled = await msalProvider(msal({ silent: 'interaction', popup: 'cancel' }))
      .getToken(files)
      .catch((e) => e);
    expect(cancelled).toBeInstanceOf(GraphError);
    expect(cancelled.reason).toBe('no-permission');
    expect(cancelled.message).toBe('sign-in was cancelled');
    const m = msal({ silent: 'interaction', popup: 'ok' });
    const quiet = await msalProvider(m, { interactive: 'none' })
      .getToken(files)
      .catch((e) => e);
    expect(quiet.reason).toBe('no-permission');
    expect(m.log).toEqual(['silent Files.ReadWrite']);
  });

  test('the MSAL instance may be created lazily (nested app authentication is async)', async () => {
    let made = 0;
    const p = msalProvider(async () => (made++, msal({ silent: 'ok' })));
    await p.getToken(files);
    await p.getToken(files);
    expect(made).toBe(1);
  });
});

describe('the token source', () => {
  test('keeps one token per scope set in memory, refreshes on demand, forgets on clear', async () => {
    let n = 0;
    const source = createTokenSource([
      {
        name: 'counter',
        getToken: async ({ scopes }) => `${scopes.join('+')}-token-number-${++n}-0123456789`,
      },
    ]);
    const a = await source(files);
    expect(await source(files)).toBe(a);
    const sites = await source({ scopes: ['Sites.ReadWrite.All'] });
    expect(sites).not.toBe(a);
    const fresh = await source({ ...files, forceRefresh: true });
    expect(fresh).not.toBe(a);
    source.clear();
    expect(await source(files)).not.toBe(fresh);
    expect(n).toBe(4);
  });

  test('expires cached tokens after maxAge', async () => {
    let now = 0;
    let n = 0;
    const source = createTokenSource([{ name: 'c', getToken: async () => `token-${++n}-abcdefghijklmnop` }], {
      maxAgeMs: 1000,
      now: () => now,
    });
    await source(files);
    now = 999;
    await source(files);
    now = 1001;
    await source(files);
    expect(n).toBe(2);
  });

  test('no provider able to serve: "no-permission" naming why', async () => {
    const source = createTokenSource([officeSsoProvider({ office: office(SSO_TOKEN) })]);
    const e = await source(files).catch((x) => x);
    expect(e).toBeInstanceOf(GraphError);
    expect(e.reason).toBe('no-permission');
    expect(e.message).toMatch(/on-behalf-of/);
    expect(e.message).not.toContain(SSO_TOKEN);
  });
});
