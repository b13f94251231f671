/**
 * Redaction of secrets in text that may reach a log line or an error message. The access token
 * lives only in a closure of the token source and the HTTP client; everything they put into
 * an error or a log goes through a redactor that knows the tokens seen so far, and also
 * blanks anything shaped like a bearer header or a JSON web token.
 */

export const REDACTED = '[redacted]';

const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
/** A JWT: three base64url parts, the first one a JSON header ("eyJ" is `{"`). */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const ACCESS_TOKEN_FIELD =
  /("?(?:access_?token|id_?token|refresh_?token|authorization)"?\s*[:=]\s*"?)([^"\s,}&]+)/gi;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes each secret (also URL- and JSON-escaped forms) and every token-shaped string from `text`. */
export function redact(text: string, secrets: Iterable<string | null | undefined> = []): string {
  let out = String(text);
  for (const s of secrets) {
    if (!s || s.length < 8) continue;
    for (const form of new Set([s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)])) {
      out = out.replace(new RegExp(escapeRegExp(form), 'g'), REDACTED);
    }
    // A secret cut in half by a message limit still leaks: blank any long prefix of it too.
    if (s.length >= 24)
      out = out.replace(new RegExp(escapeRegExp(s.slice(0, 16)) + '[A-Za-z0-9\\-._~+/=]*', 'g'), REDACTED);
  }
  return out
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(ACCESS_TOKEN_FIELD, `$1${REDACTED}`);
}

/** A redactor bound to a growing set of secrets (the tokens a client has used). */
export class Redactor {
  private readonly secrets = new Set<string>();

  remember(secret: string | null | undefined): void {
    if (secret) this.secrets.add(secret);
  }

  text(text: unknown): string {
    return redact(typeof text === 'string' ? text : describe(text), this.secrets);
  }
}

/** A one-line description of anything thrown (never its stack, never request headers). */
export function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const causeText =
      cause instanceof Error
        ? `${cause.name}: ${cause.message}`
        : cause && typeof cause === 'object' && 'code' in cause
          ? String((cause as { code: unknown }).code)
          : '';
    return `${e.name}: ${e.message}${causeText ? ` (${causeText})` : ''}`;
  }
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}
