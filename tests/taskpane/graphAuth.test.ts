/**
 * The task pane's token source: Office SSO first, MSAL nested app authentication only when SSO
 * cannot give a token — and the MSAL module itself is loaded (imported) only then.
 */
import type { OfficeAuthLike } from '../../src/targets/graph/auth';

const mockMsalLoaded = jest.fn();
const mockCreateNestable = jest.fn();

jest.mock('@azure/msal-browser', () => {
  mockMsalLoaded();
  return { createNestablePublicClientApplication: mockCreateNestable };
});

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const SSO_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c3NvLXRva2Vu.c2ln';
const GRAPH_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.b2JvLWdyYXBo.c2ln';
const MSAL_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.bXNhbC1ncmFwaA.c2ln';

function fakeMsalApp() {
  return {
    getActiveAccount: jest.fn(() => null),
    getAllAccounts: jest.fn(() => [{ username: 'a@contoso.mn' }]),
    setActiveAccount: jest.fn(),
    acquireTokenSilent: jest.fn(async () => ({
      accessToken: MSAL_TOKEN,
      account: { username: 'a@contoso.mn' },
    })),
    acquireTokenPopup: jest.fn(),
  };
}

function office(getAccessToken: () => Promise<string>): OfficeAuthLike {
  return { auth: { getAccessToken: jest.fn(getAccessToken) } };
}

/** A fresh module registry per test, so that "imported" means imported by this test. */
async function loadGraphAuth() {
  return import('../../src/taskpane/graphAuth');
}

let consoleSpies: jest.SpyInstance[];

beforeEach(() => {
  jest.resetModules();
  mockMsalLoaded.mockClear();
  mockCreateNestable.mockReset();
  consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    jest.spyOn(console, m).mockImplementation(() => undefined),
  );
});

afterEach(() => {
  // No token is ever logged.
  for (const spy of consoleSpies) {
    const logged = JSON.stringify(spy.mock.calls);
    for (const token of [SSO_TOKEN, GRAPH_TOKEN, MSAL_TOKEN]) expect(logged).not.toContain(token);
    spy.mockRestore();
  }
});

describe('graphAuth: the task pane token source', () => {
  test('SSO gives the token: MSAL is never imported', async () => {
    const { createPaneTokenSource } = await loadGraphAuth();
    const exchange = jest.fn(async (sso: string, scopes: string[]) => {
      expect(sso).toBe(SSO_TOKEN);
      expect(scopes).toEqual(['Files.ReadWrite']);
      return GRAPH_TOKEN;
    });
    const source = createPaneTokenSource({
      clientId: CLIENT_ID,
      sso: { office: office(async () => SSO_TOKEN), exchange },
    });
    await expect(source({ scopes: ['Files.ReadWrite'] })).resolves.toBe(GRAPH_TOKEN);
    // Cached in memory: no second exchange.
    await expect(source({ scopes: ['Files.ReadWrite'] })).resolves.toBe(GRAPH_TOKEN);
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(mockMsalLoaded).not.toHaveBeenCalled();
    expect(mockCreateNestable).not.toHaveBeenCalled();
  });

  test('making the token source imports nothing; SSO failing imports MSAL once, with nested app authentication', async () => {
    const { createPaneTokenSource, MSAL_AUTHORITY } = await loadGraphAuth();
    const app = fakeMsalApp();
    mockCreateNestable.mockResolvedValue(app);
    const getAccessToken = jest.fn(async () => {
      throw Object.assign(new Error('SSO is not supported'), { code: 13012 });
    });
    const source = createPaneTokenSource({
      clientId: CLIENT_ID,
      sso: { office: { auth: { getAccessToken } }, exchange: async () => GRAPH_TOKEN },
      redirectUri: 'https://localhost:3000/taskpane.html',
    });
    expect(mockMsalLoaded).not.toHaveBeenCalled();

    await expect(source({ scopes: ['Files.ReadWrite'] })).resolves.toBe(MSAL_TOKEN);
    expect(getAccessToken).toHaveBeenCalledTimes(1);
    expect(mockMsalLoaded).toHaveBeenCalledTimes(1);
    expect(mockCreateNestable).toHaveBeenCalledTimes(1);
    expect(mockCreateNestable).toHaveBeenCalledWith({
      auth: {
        clientId: CLIENT_ID,
        authority: MSAL_AUTHORITY,
        redirectUri: 'https://localhost:3000/taskpane.html',
      },
      cache: { cacheLocation: 'memoryStorage' },
    });
    expect(MSAL_AUTHORITY).toBe('https://login.microsoftonline.com/organizations');
    expect(app.acquireTokenSilent).toHaveBeenCalledWith(
      expect.objectContaining({ scopes: ['Files.ReadWrite'] }),
    );

    // Another scope set: MSAL's application is reused, not made again.
    await expect(source({ scopes: ['Sites.ReadWrite.All'] })).resolves.toBe(MSAL_TOKEN);
    expect(mockCreateNestable).toHaveBeenCalledTimes(1);
    expect(app.acquireTokenSilent).toHaveBeenCalledTimes(2);
  });

  test('without an on-behalf-of exchange SSO steps aside at once and MSAL serves', async () => {
    const { createPaneTokenSource } = await loadGraphAuth();
    mockCreateNestable.mockResolvedValue(fakeMsalApp());
    const getAccessToken = jest.fn(async () => SSO_TOKEN);
    const source = createPaneTokenSource({
      clientId: CLIENT_ID,
      sso: { office: { auth: { getAccessToken } } },
    });
    await expect(source({ scopes: ['Files.ReadWrite'] })).resolves.toBe(MSAL_TOKEN);
    // Office's token is for the add-in, not for Graph: not even asked for.
    expect(getAccessToken).not.toHaveBeenCalled();
    expect(mockMsalLoaded).toHaveBeenCalledTimes(1);
  });

  test('MSAL that cannot be loaded is "offline"; no client id is refused', async () => {
    const { createPaneTokenSource } = await loadGraphAuth();
    const { GraphError } = await import('../../src/targets/graph/errors');
    const source = createPaneTokenSource({
      clientId: CLIENT_ID,
      loadMsal: async () => {
        throw Object.assign(new Error('Loading chunk msal failed.'), { name: 'ChunkLoadError' });
      },
    });
    const failure = await source({ scopes: ['Files.ReadWrite'] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GraphError);
    expect((failure as InstanceType<typeof GraphError>).reason).toBe('offline');
    expect(() => createPaneTokenSource({ clientId: '' })).toThrow(GraphError);
  });
});
