/**
 * The access token never reaches a log line or an error: every error path of the destination
 * is driven with the default logger (console.warn) spied on, and each error is searched in
 * every form it can take (message, stack, String, JSON, util.inspect).
 */
import util from 'node:util';
import {
  GraphError,
  addinTokenSource,
  createGraphDestination,
  redact,
  type GraphDestinationOptions,
} from '../../../src/targets/graph';
import type { GetToken } from '../../../src/targets/graph/client';
import type { Fault } from './fakeGraph';
import { FILES_TOKEN, LINK, samplePushes, startRig, type Rig } from './helpers';

const UNKNOWN_TOKEN = 'unknown-9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c';
const SECRETS = [FILES_TOKEN, UNKNOWN_TOKEN];
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  for (const m of METHODS)
    jest
      .spyOn(console, m)
      .mockImplementation(
        (...args: unknown[]) =>
          void lines.push(
            args.map((a) => (typeof a === 'string' ? a : util.inspect(a, { depth: 10 }))).join(' '),
          ),
      );
});
afterEach(() => jest.restoreAllMocks());

function leaks(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s) || text.includes(s.slice(0, 20)));
}

function forms(e: unknown): string {
  const err = e as GraphError;
  return [
    String(e),
    err?.message,
    err?.stack,
    JSON.stringify(e),
    util.inspect(e, { depth: 10, showHidden: true }),
    err?.userMessage?.(),
    err?.userMessage?.('en'),
  ].join('\n');
}

/** A destination with the default logger: what it logs goes to the spied console. */
function destination(rig: Rig, o: Partial<GraphDestinationOptions> = {}) {
  return createGraphDestination({
    getToken: async () => FILES_TOKEN,
    baseUrl: rig.fake.baseUrl,
    sleep: async () => {},
    ...o,
  });
}

type Case = [string, (rig: Rig) => Promise<unknown>, string];

const push = async (
  rig: Rig,
  o: Partial<GraphDestinationOptions> = {},
  faults: Fault[] = [],
  signal?: AbortSignal,
) => {
  const dest = destination(rig, o);
  await dest.resolveWorkbook(LINK);
  rig.fake.arm(...faults);
  return dest.push(await samplePushes(), { signal });
};

const many = (f: Fault, n = 50): Fault[] => Array.from({ length: n }, () => f);

const CASES: Case[] = [
  [
    'a refused token that the service echoes (401)',
    (rig) => push(rig, { getToken: async () => UNKNOWN_TOKEN }),
    'no-permission',
  ],
  [
    'a workbook the user may not open (403)',
    async (rig) => ((rig.item.forbidden = true), push(rig)),
    'no-permission',
  ],
  [
    'a link that leads nowhere (404)',
    (rig) => destination(rig).resolveWorkbook('https://contoso.sharepoint.com/:x:/s/unit/Gone'),
    'not-found',
  ],
  [
    'throttling that does not end (429)',
    (rig) => push(rig, {}, many({ kind: 'status', status: 429, retryAfter: 5, on: 'any' })),
    'throttled',
  ],
  [
    'a service that stays unavailable (503)',
    (rig) => push(rig, {}, many({ kind: 'status', status: 503, on: 'write' })),
    'throttled',
  ],
  [
    'no server',
    async (rig) => {
      const dest = destination(rig);
      await dest.resolveWorkbook(LINK);
      await rig.fake.stop();
      return dest.push(await samplePushes());
    },
    'offline',
  ],
  [
    'a locked workbook (409 accessConflict)',
    (rig) =>
      push(rig, {}, [
        {
          kind: 'status',
          status: 409,
          code: 'conflict',
          inner: 'accessConflict',
          on: 'write',
          message: `locked; request had Bearer ${FILES_TOKEN}`,
        },
      ]),
    'locked',
  ],
  [
    'a session that keeps expiring',
    (rig) => push(rig, {}, many({ kind: 'expire-session', on: 'write' })),
    'session-expired',
  ],
  [
    'connections that keep dropping',
    (rig) => push(rig, {}, many({ kind: 'drop', on: 'write-batch', after: 1 })),
    'offline',
  ],
  [
    'a server error that echoes the Authorization header',
    (rig) =>
      push(
        rig,
        {},
        many({
          kind: 'status',
          status: 500,
          code: 'generalException',
          on: 'write',
          message: `Authorization: Bearer ${FILES_TOKEN} not accepted; token=${FILES_TOKEN}`,
        }),
      ),
    'unknown',
  ],
  [
    'a token provider whose error holds the token',
    (rig) =>
      push(rig, {
        getToken: async () => {
          throw new Error(`refresh failed for {"access_token":"${FILES_TOKEN}"} Bearer ${FILES_TOKEN}`);
        },
      }),
    'no-permission',
  ],
  [
    'an on-behalf-of exchange that fails with the SSO token in its message',
    (rig) => {
      const getToken: GetToken = addinTokenSource({
        sso: {
          office: { auth: { getAccessToken: async () => UNKNOWN_TOKEN } },
          exchange: async (sso) => {
            throw new Error(`AADSTS50013: assertion ${sso} is invalid`);
          },
        },
      });
      return push(rig, { getToken });
    },
    'no-permission',
  ],
  [
    'a cancelled push',
    async (rig) => {
      const ac = new AbortController();
      const dest = destination(rig);
      await dest.resolveWorkbook(LINK);
      return dest.push(await samplePushes(), {
        signal: ac.signal,
        onProgress: (p) => p.phase === 'write' && ac.abort(),
      });
    },
    'cancelled',
  ],
];

describe('no token in any log line or error message', () => {
  test.each(CASES)('%s', async (_name, run, reason) => {
    const rig = await startRig();
    try {
      let caught: unknown = null;
      try {
        await run(rig);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(GraphError);
      expect((caught as GraphError).reason).toBe(reason);
      expect(leaks(forms(caught))).toEqual([]);
      expect(leaks(lines.join('\n'))).toEqual([]);
    } finally {
      await rig.fake.stop();
    }
  });

  test('the retries of a push that succeeds are logged without the token', async () => {
    const rig = await startRig();
    try {
      await push(rig, {}, [
        { kind: 'status', status: 429, retryAfter: 1, on: 'write', message: `slow down ${FILES_TOKEN}` },
        { kind: 'expire-session', on: 'write' },
        { kind: 'drop', on: 'write-batch' },
      ]);
      expect(lines.length).toBeGreaterThan(0);
      expect(leaks(lines.join('\n'))).toEqual([]);
    } finally {
      await rig.fake.stop();
    }
  });

  test('the destination object does not hold the token', async () => {
    const rig = await startRig();
    try {
      const dest = destination(rig);
      await dest.resolveWorkbook(LINK);
      const result = await dest.push(await samplePushes());
      expect(leaks(util.inspect(dest, { depth: 20, showHidden: true }))).toEqual([]);
      expect(leaks(JSON.stringify(result))).toEqual([]);
    } finally {
      await rig.fake.stop();
    }
  });

  test('redact() blanks known secrets (also URL- and JSON-escaped), bearer headers and JWTs', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl';
    const text = `a ${FILES_TOKEN} b ${encodeURIComponent('x/y+z==' + FILES_TOKEN)} Authorization: Bearer abc.def-ghi c ${jwt} "access_token":"zzz"`;
    const out = redact(text, [FILES_TOKEN]);
    expect(out).not.toContain(FILES_TOKEN);
    expect(out).not.toContain('abc.def-ghi');
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('zzz');
    expect(out).toContain('[redacted]');
  });
});
