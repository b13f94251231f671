/**
 * A small Microsoft Graph HTTP client for the workbook API: bearer token from an injected
 * source (kept in this closure only), JSON batching, the workbook session header, and a
 * bounded retry of 429/503/504 that honours Retry-After.
 *
 * Only requests that cannot have changed anything are retried here (reads, and 429/503
 * answers, which Graph gives before doing the work). A write that timed out (504) or lost
 * its connection is reported as a TransientError: the destination then re-reads the table
 * and recomputes what is left, so a retried write can never apply twice.
 */
import {
  GraphError,
  TransientError,
  errorCodes,
  errorText,
  isTransientStatus,
  reasonOf,
  retryAfterMs,
} from './errors';
import { Redactor, describe } from './redact';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

/** Microsoft's limit of requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

/**
 * Graph's limit on a request body (4 MB; above it the answer is 413 payloadTooLarge), the same
 * limit the Office.js writer keeps its requests under.
 */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** UTF-8 bytes of a string, without encoding it. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Two bytes up to U+07FF, three above; a surrogate pair is four (two code units counted twice).
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

/** UTF-8 bytes of a value as JSON. */
export const jsonBytes = (x: unknown): number => utf8Length(JSON.stringify(x) ?? '');

export interface TokenRequest {
  scopes: string[];
  /** Ask for a fresh token (the last one was refused with 401). */
  forceRefresh?: boolean;
}

/** Returns an access token for Microsoft Graph with the given delegated scopes. */
export type GetToken = (request: TokenRequest) => Promise<string>;

export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<ResponseLike>;

export interface RetryPolicy {
  /** Attempts of one request, the first included. */
  maxAttempts: number;
  /** All waiting of one push together (Retry-After and back-off). */
  maxTotalWaitMs: number;
  /** First back-off when the answer has no Retry-After; doubled each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  maxTotalWaitMs: 30_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
};

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function cancelled(): GraphError {
  return new GraphError('cancelled', 'the push was cancelled');
}

export interface GraphClientOptions {
  getToken: GetToken;
  scopes: string[];
  baseUrl?: string;
  fetch?: FetchLike;
  sleep?: Sleep;
  retry?: Partial<RetryPolicy>;
  /** Receives redacted lines about retries and sessions. */
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface GraphResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

export interface BatchItem {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root: `/drives/{id}/items/{id}/workbook/…`. */
  url: string;
  body?: unknown;
}

export interface ClientStats {
  /** HTTP requests sent (a $batch counts once). */
  requests: number;
  batches: number;
  /** Requests inside batches. */
  batchedRequests: number;
  retries: number;
  waitedMs: number;
  sessions: number;
}

export interface SendOptions {
  /** Safe to repeat after a timeout or a lost connection (GET always is). */
  idempotent?: boolean;
  /** Send even when the push was cancelled (closing the session). */
  ignoreAbort?: boolean;
}

export interface GraphClient {
  readonly stats: ClientStats;
  readonly policy: RetryPolicy;
  readonly signal?: AbortSignal;
  /** One request; a non-2xx answer throws (GraphError, or TransientError for a write that may be retried later). */
  send<T = unknown>(
    method: BatchItem['method'],
    url: string,
    body?: unknown,
    opts?: SendOptions,
  ): Promise<GraphResponse<T>>;
  /** Up to 20 requests in one round trip; `sequential` chains them with dependsOn so they run in order. */
  batch(items: BatchItem[], opts: { sequential: boolean }): Promise<GraphResponse[]>;
  /** Waits within the push's budget (Retry-After or back-off); throws `throttled` when the budget is spent. */
  cooldown(waitMs: number | null, attempt: number, why: string): Promise<void>;
  /** The workbook session sent with every request from now on (null: none). */
  setSession(id: string | null): void;
  readonly session: string | null;
  setScopes(scopes: string[]): void;
  readonly scopes: string[];
  /** Turns a failed answer into a GraphError (redacted). */
  fail(res: GraphResponse, what: string): GraphError;
  log(line: string): void;
  redact(text: unknown): string;
}

function headerRecord(h: ResponseLike['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['retry-after', 'content-type', 'location', 'request-id']) {
    const v = h.get(name);
    if (v !== null) out[name] = v;
  }
  return out;
}

export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const baseUrl = (opts.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const sleep = opts.sleep ?? realSleep;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const redactor = new Redactor();
  const sink = opts.log ?? (() => {});
  const signal = opts.signal;
  const stats: ClientStats = {
    requests: 0,
    batches: 0,
    batchedRequests: 0,
    retries: 0,
    waitedMs: 0,
    sessions: 0,
  };
  // The token lives here and nowhere else: not on the client object, not in an error, not in a log.
  let token: string | null = null;
  let scopes = [...opts.scopes];
  let session: string | null = null;

  const log = (line: string) => sink(redactor.text(line));

  async function currentToken(forceRefresh: boolean): Promise<string> {
    if (token && !forceRefresh) return token;
    token = null;
    let t: string;
    try {
      t = await opts.getToken({ scopes, forceRefresh });
    } catch (e) {
      if (e instanceof GraphError)
        throw new GraphError(e.reason, redactor.text(e.message), { status: e.status, codes: e.codes });
      throw new GraphError('no-permission', `no access token for Microsoft Graph: ${redactor.text(e)}`);
    }
    if (typeof t !== 'string' || !t)
      throw new GraphError('no-permission', 'the token source returned no access token');
    redactor.remember(t);
    token = t;
    return t;
  }

  async function cooldown(waitMs: number | null, attempt: number, why: string): Promise<void> {
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    const ms = waitMs ?? backoff;
    if (stats.waitedMs + ms > policy.maxTotalWaitMs) {
      throw new GraphError(
        why === 'network' ? 'offline' : 'throttled',
        `gave up after waiting ${Math.round(stats.waitedMs / 1000)} s (${why}; next wait ${Math.round(ms / 1000)} s is beyond the ${Math.round(policy.maxTotalWaitMs / 1000)} s budget)`,
      );
    }
    stats.waitedMs += ms;
    stats.retries++;
    log(`graph: ${why}, waiting ${ms} ms before attempt ${attempt + 1}`);
    await sleep(ms, signal);
  }

  function fail(res: GraphResponse, what: string): GraphError {
    const codes = errorCodes(res.body);
    const reason = reasonOf(res.status, codes);
    const text = redactor.text(errorText(res.body));
    return new GraphError(
      reason,
      `${what}: HTTP ${res.status}${codes.length ? ` ${codes.join('/')}` : ''}${text ? ` — ${text}` : ''}`,
      { status: res.status, codes },
    );
  }

  /** Sends one HTTP request with retries; returns any status it ends with. */
  async function raw(
    method: string,
    url: string,
    body: unknown,
    idempotent: boolean,
    ignoreAbort = false,
  ): Promise<GraphResponse> {
    let refreshed = false;
    const sig = ignoreAbort ? undefined : signal;
    for (let attempt = 1; ; attempt++) {
      if (sig?.aborted) throw cancelled();
      const t = await currentToken(false);
      const headers: Record<string, string> = { Authorization: `Bearer ${t}`, Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (session) headers['workbook-session-id'] = session;
      let res: ResponseLike;
      stats.requests++;
      try {
        res = await doFetch(baseUrl + url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: sig,
        });
      } catch (e) {
        if (sig?.aborted) throw cancelled();
        const what = `network error on ${method} ${shortUrl(url)}: ${redactor.text(e)}`;
        if (!idempotent) throw new TransientError(what, 'network');
        if (attempt >= policy.maxAttempts) throw new GraphError('offline', what);
        await cooldown(null, attempt, 'network');
        continue;
      }
      let text = '';
      try {
        text = await res.text();
      } catch (e) {
        if (sig?.aborted) throw cancelled();
        const what = `connection lost while reading ${method} ${shortUrl(url)}: ${redactor.text(e)}`;
        if (!idempotent) throw new TransientError(what, 'network');
        if (attempt >= policy.maxAttempts) throw new GraphError('offline', what);
        await cooldown(null, attempt, 'network');
        continue;
      }
      let parsed: unknown = null;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = { error: { code: 'nonJsonResponse', message: text.slice(0, 200) } };
        }
      }
      const out: GraphResponse = { status: res.status, headers: headerRecord(res.headers), body: parsed };
      if (res.status === 401 && !refreshed) {
        refreshed = true;
        token = null;
        await currentToken(true);
        continue;
      }
      // 429 and 503 come before the work is done; a 504 may come after, so only reads repeat it.
      if (
        (res.status === 429 || res.status === 503 || (res.status === 504 && idempotent)) &&
        attempt < policy.maxAttempts
      ) {
        await cooldown(
          retryAfterMs(out.headers['retry-after']),
          attempt,
          `HTTP ${res.status} on ${method} ${shortUrl(url)}`,
        );
        continue;
      }
      if (res.status === 504 && !idempotent)
        throw new TransientError(
          `HTTP 504 on ${method} ${shortUrl(url)}`,
          'throttled',
          retryAfterMs(out.headers['retry-after']),
          504,
        );
      return out;
    }
  }

  const client: GraphClient = {
    stats,
    policy,
    signal,
    get session() {
      return session;
    },
    get scopes() {
      return [...scopes];
    },
    setSession(id) {
      session = id;
    },
    setScopes(next) {
      scopes = [...next];
      token = null;
    },
    cooldown,
    fail,
    log,
    redact: (t) => redactor.text(t),
    async send<T>(
      method: BatchItem['method'],
      url: string,
      body?: unknown,
      o: SendOptions = {},
    ): Promise<GraphResponse<T>> {
      const res = await raw(method, url, body, o.idempotent ?? method === 'GET', o.ignoreAbort);
      if (res.status >= 200 && res.status < 300) return res as GraphResponse<T>;
      throw fail(res, `${method} ${shortUrl(url)}`);
    },
    async batch(items, { sequential }) {
      if (items.length === 0) return [];
      if (items.length > MAX_BATCH_REQUESTS)
        throw new Error(`a JSON batch holds at most ${MAX_BATCH_REQUESTS} requests`);
      const requests = items.map((it, i) => {
        const headers: Record<string, string> = {};
        if (it.body !== undefined) headers['Content-Type'] = 'application/json';
        if (session) headers['workbook-session-id'] = session;
        return {
          id: String(i + 1),
          method: it.method,
          url: it.url,
          ...(Object.keys(headers).length ? { headers } : {}),
          ...(it.body !== undefined ? { body: it.body } : {}),
          ...(sequential && i > 0 ? { dependsOn: [String(i)] } : {}),
        };
      });
      // The planner keeps batches under the limit; a body over it would only come back as 413.
      const size = jsonBytes({ requests });
      if (size > MAX_REQUEST_BYTES)
        throw new GraphError(
          'unknown',
          `a JSON batch of ${size} bytes is over Graph's ${MAX_REQUEST_BYTES} byte limit`,
        );
      stats.batches++;
      stats.batchedRequests += items.length;
      const res = await raw(
        'POST',
        '/$batch',
        { requests },
        items.every((it) => it.method === 'GET'),
      );
      if (res.status !== 200) {
        if (isTransientStatus(res.status))
          throw new TransientError(
            `$batch: HTTP ${res.status}`,
            'throttled',
            retryAfterMs(res.headers['retry-after']),
            res.status,
          );
        throw fail(res, '$batch');
      }
      const responses =
        (
          res.body as {
            responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
          }
        )?.responses ?? [];
      const byId = new Map(responses.map((r) => [String(r.id), r]));
      return items.map((_, i) => {
        const r = byId.get(String(i + 1));
        if (!r)
          return {
            status: 0,
            headers: {},
            body: { error: { code: 'missingBatchResponse', message: 'no response for this request' } },
          };
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
        return { status: r.status, headers, body: r.body ?? null };
      });
    },
  };
  return client;
}

/** A URL for a log line: the workbook path without drive and item ids. */
export function shortUrl(url: string): string {
  return url.replace(/^\/drives\/[^/]+\/items\/[^/]+/, '…').replace(/^\/shares\/[^/]+/, '/shares/…');
}

export { describe };
