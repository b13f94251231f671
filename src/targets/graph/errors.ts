/**
 * Typed errors of the shared-workbook destination. `reason` is what the task pane shows (its
 * words live in src/i18n/graph.ts); `message` is a technical English line for logs, always
 * redacted, never holding the access token.
 */
import { graphErrorMessage, type GraphErrorReason, type Lang } from '../../i18n/graph';

export type { GraphErrorReason } from '../../i18n/graph';

export class GraphError extends Error {
  readonly reason: GraphErrorReason;
  /** HTTP status of the failed request, when there was one. */
  readonly status?: number;
  /** Graph error codes, outermost first (`itemNotFound`, `invalidSessionReCreatable`). */
  readonly codes: string[];

  constructor(reason: GraphErrorReason, message: string, opts: { status?: number; codes?: string[] } = {}) {
    super(message);
    this.name = 'GraphError';
    this.reason = reason;
    this.status = opts.status;
    this.codes = opts.codes ?? [];
  }

  /** The words for the user, in Mongolian by default. */
  userMessage(lang: Lang = 'mn'): string {
    return graphErrorMessage(this.reason, lang);
  }
}

export function isGraphError(e: unknown): e is GraphError {
  return e instanceof GraphError;
}

/** The error object of a Graph response body: `{ error: { code, message, innerError: { code, … } } }`. */
export interface GraphErrorBody {
  code?: string;
  message?: string;
  innerError?: GraphErrorBody;
  innererror?: GraphErrorBody;
}

export function errorCodes(body: unknown): string[] {
  const codes: string[] = [];
  let e = (body as { error?: GraphErrorBody } | null)?.error;
  for (let depth = 0; e && depth < 6; depth++) {
    if (typeof e.code === 'string' && e.code) codes.push(e.code);
    e = e.innerError ?? e.innererror;
  }
  return codes;
}

export function errorText(body: unknown): string {
  const e = (body as { error?: GraphErrorBody } | null)?.error;
  return typeof e?.message === 'string' ? e.message.slice(0, 300) : '';
}

const has = (codes: string[], re: RegExp) => codes.some((c) => re.test(c));

/**
 * The session named in the request is gone and a new one may be created (Microsoft: "Error
 * handling for Excel APIs": invalidSessionReCreatable, and the older InvalidSessionReOpen /
 * SessionNotFound style codes). Session errors that say the workbook itself is gone, locked or
 * not allowed are classified by `reasonOf` instead.
 */
export function isSessionExpired(status: number, codes: string[]): boolean {
  if (status < 400) return false;
  if (has(codes, /^invalidSession(NotFound|AccessConflict|Authentication|Restricted|UnsupportedWorkbook)$/i))
    return false;
  return has(
    codes,
    /^(invalidSession\w*|InvalidSessionReOpen|SessionNotFound|SessionExpired|sessionInvalid\w*)$/i,
  );
}

/** Statuses worth a retry after the cooldown (Retry-After) or a back-off. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

export function reasonOf(status: number, codes: string[]): GraphErrorReason {
  if (isSessionExpired(status, codes)) return 'session-expired';
  if (
    has(
      codes,
      /^(accessConflict|invalidSessionAccessConflict|resourceLocked|notAllowed|lockMismatch|fileLocked|editModeRequired)$/i,
    ) ||
    status === 423
  )
    return 'locked';
  if (has(codes, /^invalidSessionNotFound$/i)) return 'not-found';
  if (
    has(
      codes,
      /^(invalidSessionAuthentication|accessDenied|forbidden\w*|unauthorized\w*|InvalidAuthenticationToken|authenticationError)$/i,
    )
  )
    return 'no-permission';
  if (status === 401 || status === 403) return 'no-permission';
  if (status === 404 || has(codes, /^(itemNotFound|notFound\w*)$/i)) return 'not-found';
  if (status === 409) return 'locked';
  if (
    isTransientStatus(status) ||
    has(codes, /^(tooManyRequests\w*|serviceUnavailable\w*|transientFailure|activityLimitReached)$/i)
  )
    return 'throttled';
  return 'unknown';
}

/** Seconds (or an HTTP date) of a Retry-After header, in ms; null when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined || value === '') return null;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return Math.round(s * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** An error that ends the current attempt but may succeed on a later one (the engine decides). */
export class TransientError extends Error {
  constructor(
    message: string,
    readonly kind: 'throttled' | 'network' | 'session' | 'conflict',
    readonly waitMs: number | null = null,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransientError';
  }
}
