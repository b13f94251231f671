/**
 * A local stand-in for the Microsoft Graph endpoints the shared-workbook destination uses,
 * with the request and response shapes of Microsoft's documentation: shares/driveItem, drive
 * items, workbook sessions, worksheets, tables, table rows, ranges and their formats, JSON
 * batching with dependsOn, and the error body `{ error: { code, message, innerError } }`.
 *
 * The workbook lives in memory and behaves like Excel where it matters here: a string written
 * to a cell that is not formatted as text becomes a formula (when it starts with = + - @),
 * a number or a boolean; new table rows do NOT inherit the text format (the worst case); a
 * table always keeps one body row.
 *
 * Faults are armed per test and fire once each: an HTTP status (429 with Retry-After, 503…)
 * on the first matching request, an expired session, a connection dropped in the middle of
 * a batch, and a concurrent writer that changes the workbook right after a table was read.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cellAddress, parseRange, type CellRange, type CellValue } from '../../../src/core/snapshot';
import { decodeSharingUrl } from '../../../src/targets/graph/link';

export interface FakeCell {
  v: string | number | boolean;
  f?: string;
  nf: string;
}

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  /** No cell below this row (an upper bound): shifting rows below it moves nothing. */
  private maxRow = 0;
  merges: CellRange[] = [];
  /** Every format request applied, for assertions: { address, kind, body }. */
  formats: { address: string; kind: string; body: unknown }[] = [];
  constructor(
    public id: string,
    public name: string,
  ) {}

  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.get(`${r},${c}`);
  }

  value(r: number, c: number): CellValue {
    const x = this.cell(r, c);
    return x ? x.v : '';
  }

  /** Excel's reading of a value typed into a cell with number format `nf`. */
  setValue(r: number, c: number, v: CellValue): void {
    if (v === null) return; // null: leave the cell as it is
    const old = this.cell(r, c);
    const nf = old?.nf ?? 'General';
    const next: FakeCell = { v: '', nf };
    if (typeof v === 'string') {
      if (v === '') next.v = '';
      else if (nf === '@') next.v = v;
      else if (v.startsWith('=') || (/^[+\-@]/.test(v) && !NUMERIC.test(v))) {
        next.f = v;
        next.v = '#NAME?';
      } else if (NUMERIC.test(v)) next.v = Number(v);
      else if (/^(true|false)$/i.test(v)) next.v = v.toLowerCase() === 'true';
      else next.v = v;
    } else next.v = v;
    this.cells.set(`${r},${c}`, next);
    if (r > this.maxRow) this.maxRow = r;
  }

  put(r: number, c: number, cell: FakeCell): void {
    this.cells.set(`${r},${c}`, cell);
    if (r > this.maxRow) this.maxRow = r;
  }

  setFormat(r: number, c: number, nf: string | null): void {
    if (nf === null) return;
    const old = this.cell(r, c);
    this.cells.set(`${r},${c}`, { v: old?.v ?? '', f: old?.f, nf });
    if (r > this.maxRow) this.maxRow = r;
  }

  /** Moves cells of columns [left, right] at rows ≥ from down by n (n < 0: up, dropping rows from..from-n-1). */
  shiftRows(from: number, n: number, left: number, right: number): void {
    if (from > this.maxRow) return;
    const moved: [string, FakeCell][] = [];
    for (const [k, cell] of [...this.cells]) {
      const [r, c] = k.split(',').map(Number);
      if (c < left || c > right || r < from) continue;
      this.cells.delete(k);
      if (n < 0 && r < from - n) continue;
      moved.push([`${r + n},${c}`, cell]);
    }
    for (const [k, cell] of moved) this.cells.set(k, cell);
    if (n > 0) this.maxRow += n;
  }

  usedRange(valuesOnly: boolean): CellRange | null {
    let box: CellRange | null = null;
    for (const [k, cell] of this.cells) {
      if (valuesOnly ? cell.v === '' && !cell.f : cell.v === '' && !cell.f && cell.nf === 'General') continue;
      const [r, c] = k.split(',').map(Number);
      box = box
        ? {
            top: Math.min(box.top, r),
            left: Math.min(box.left, c),
            bottom: Math.max(box.bottom, r),
            right: Math.max(box.right, c),
          }
        : { top: r, left: c, bottom: r, right: c };
    }
    return box;
  }
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export interface FakeTable {
  id: string;
  name: string;
  sheet: FakeSheet;
  top: number;
  left: number;
  right: number;
  bodyRows: number;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  private seq = 0;

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name || s.id === name);
  }

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(`{sheet-${++this.seq}}`, name);
    this.sheets.push(s);
    return s;
  }

  table(nameOrId: string): FakeTable | undefined {
    return this.tables.find((t) => t.name === nameOrId || t.id === nameOrId);
  }

  addTable(sheet: FakeSheet, range: CellRange, hasHeaders: boolean): FakeTable {
    const t: FakeTable = {
      id: `{table-${++this.seq}}`,
      name: `Table${this.tables.length + 1}`,
      sheet,
      top: range.top,
      left: range.left,
      right: range.right,
      bodyRows: hasHeaders ? Math.max(1, range.bottom - range.top) : range.bottom - range.top + 1,
    };
    this.tables.push(t);
    return t;
  }

  tableRange(t: FakeTable): CellRange {
    return { top: t.top, left: t.left, bottom: t.top + t.bodyRows, right: t.right };
  }

  /** The table as values, header first (what `GET tables/{name}/range` returns). */
  tableValues(t: FakeTable): CellValue[][] {
    return rangeValues(t.sheet, this.tableRange(t));
  }

  /** Adds rows to a table as Excel does (cells below shift down; no format is inherited). */
  addRows(t: FakeTable, values: CellValue[][], index: number | null = null, asText = false): number {
    const at = index ?? t.bodyRows;
    const sheetRow = t.top + 1 + at;
    t.sheet.shiftRows(sheetRow, values.length, t.left, t.right);
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        // A careful writer (another copy of this add-in) formats text cells as text first.
        if (asText && typeof v === 'string') t.sheet.setFormat(sheetRow + i, t.left + j, '@');
        t.sheet.setValue(sheetRow + i, t.left + j, v);
      }),
    );
    t.bodyRows += values.length;
    return at;
  }

  deleteRow(t: FakeTable, index: number): void {
    const sheetRow = t.top + 1 + index;
    if (t.bodyRows === 1) {
      for (let c = t.left; c <= t.right; c++) t.sheet.cells.delete(`${sheetRow},${c}`);
      return;
    }
    t.sheet.shiftRows(sheetRow, -1, t.left, t.right);
    t.bodyRows--;
  }
}

export function rangeValues(sheet: FakeSheet, r: CellRange): CellValue[][] {
  const out: CellValue[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: CellValue[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(sheet.value(row, col));
    out.push(line);
  }
  return out;
}

function qualified(sheet: FakeSheet, r: CellRange): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  const name = /^[\p{L}\p{N}_]+$/u.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
  return `${name}!${a === b ? a : `${a}:${b}`}`;
}

function rangeResource(sheet: FakeSheet, r: CellRange) {
  const values = rangeValues(sheet, r);
  const numberFormat: string[][] = [];
  const formulas: CellValue[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const nf: string[] = [];
    const fl: CellValue[] = [];
    for (let col = r.left; col <= r.right; col++) {
      const c = sheet.cell(row, col);
      nf.push(c?.nf ?? 'General');
      fl.push(c?.f ?? c?.v ?? '');
    }
    numberFormat.push(nf);
    formulas.push(fl);
  }
  return {
    '@odata.type': '#microsoft.graph.workbookRange',
    address: qualified(sheet, r),
    addressLocal: qualified(sheet, r),
    cellCount: (r.bottom - r.top + 1) * (r.right - r.left + 1),
    columnCount: r.right - r.left + 1,
    rowCount: r.bottom - r.top + 1,
    columnIndex: r.left - 1,
    rowIndex: r.top - 1,
    values,
    numberFormat,
    formulas,
  };
}

export interface FakeItem {
  driveId: string;
  itemId: string;
  name: string;
  link: string;
  driveType: 'business' | 'documentLibrary' | 'personal';
  /** The tenant lets this site be written only with Sites.ReadWrite.All. */
  requiresSites?: boolean;
  /** No access at all for this user. */
  forbidden?: boolean;
  workbook: FakeWorkbook;
  mimeType?: string;
}

export interface ReqInfo {
  method: string;
  path: string;
  inBatch: boolean;
  /** A $batch envelope. */
  isBatch: boolean;
  /** A $batch envelope holding at least one write, or a write itself. */
  writes: boolean;
  session: string | null;
}

export type Trigger =
  'any' | 'read' | 'write' | 'write-batch' | 'read-batch' | 'table-read' | ((r: ReqInfo) => boolean);

export type Fault =
  | {
      kind: 'status';
      status: number;
      code?: string;
      inner?: string;
      message?: string;
      retryAfter?: number;
      on?: Trigger;
      times?: number;
    }
  | { kind: 'expire-session'; on?: Trigger; style?: 'nested' | 'legacy' }
  | { kind: 'drop'; on?: Trigger; after?: number }
  | { kind: 'mutate'; on?: Trigger; mutate: (fake: FakeGraph, item: FakeItem) => void };

interface Armed {
  fault: Fault;
  left: number;
}

export interface LoggedRequest extends ReqInfo {
  query: string;
  body: unknown;
  status: number;
  batch?: number;
}

type Res = { status: number; headers?: Record<string, string>; body?: unknown };

const WRITE = (m: string, p: string) =>
  m !== 'GET' && !/\/(createSession|closeSession)$/.test(p) && p !== '/$batch';

function err(
  status: number,
  code: string,
  message: string,
  inner?: string,
  headers?: Record<string, string>,
): Res {
  return {
    status,
    headers,
    body: { error: { code, message, ...(inner ? { innerError: { code: inner, message } } : {}) } },
  };
}

function decodeSegments(path: string): string {
  return path
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .join('/');
}

export class FakeGraph {
  items: FakeItem[] = [];
  /** Token → delegated scopes. */
  tokens = new Map<string, string[]>();
  sessions = new Map<string, { item: FakeItem; expired: boolean }>();
  log: LoggedRequest[] = [];
  batches = 0;
  /**
   * Graph's documented limits, enforced when set: a request body over `maxBodyBytes` answers
   * 413 payloadTooLarge (more than 20 requests in a batch always answers 400), and every
   * `throttleEvery`-th request (a $batch, or a request inside one) answers 429 with a
   * Retry-After of `retryAfter` seconds before doing anything.
   */
  limits: { maxBodyBytes?: number; throttleEvery?: number; retryAfter?: number } = {};
  /** What the limits did, and the largest request body (bytes) and batch (requests) seen. */
  enforced = { tooLarge: 0, throttled: 0, largestBody: 0, largestBatch: 0 };
  private served = 0;
  private armed: Armed[] = [];
  private server: http.Server | null = null;
  private seq = 0;
  baseUrl = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/v1.0`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections?.();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  addItem(item: Omit<FakeItem, 'workbook'> & { workbook?: FakeWorkbook }): FakeItem {
    const full: FakeItem = { workbook: new FakeWorkbook(), ...item };
    if (!item.workbook) full.workbook.addSheet('Sheet1');
    this.items.push(full);
    return full;
  }

  arm(...faults: Fault[]): void {
    for (const f of faults) this.armed.push({ fault: f, left: f.kind === 'status' ? (f.times ?? 1) : 1 });
  }

  /** Faults armed but never fired. */
  pending(): Fault[] {
    return this.armed.filter((a) => a.left > 0).map((a) => a.fault);
  }

  clearLog(): void {
    this.log = [];
  }

  /** Requests that change the workbook (inner requests of batches included). */
  writes(): LoggedRequest[] {
    return this.log.filter((r) => !r.isBatch && WRITE(r.method, r.path));
  }

  private matches(t: Trigger | undefined, r: ReqInfo, fallback: Trigger): boolean {
    const trig = t ?? fallback;
    if (typeof trig === 'function') return trig(r);
    switch (trig) {
      case 'any':
        return true;
      case 'read':
        return !r.isBatch && r.method === 'GET';
      case 'write':
        return !r.isBatch && r.writes;
      case 'write-batch':
        return r.isBatch && r.writes;
      case 'read-batch':
        return r.isBatch && !r.writes;
      case 'table-read':
        return !r.isBatch && r.method === 'GET' && /\/tables\/[^/]+\/range$/.test(r.path);
    }
  }

  private take(kind: Fault['kind'], r: ReqInfo, fallback: Trigger): Fault | null {
    for (const a of this.armed) {
      if (a.left <= 0 || a.fault.kind !== kind) continue;
      if (!this.matches(a.fault.on, r, fallback)) continue;
      a.left--;
      return a.fault;
    }
    return null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    this.enforced.largestBody = Math.max(this.enforced.largestBody, bytes.length);
    if (this.limits.maxBodyBytes !== undefined && bytes.length > this.limits.maxBodyBytes) {
      this.enforced.tooLarge++;
      return this.reply(res, err(413, 'payloadTooLarge', 'The request size exceeds the maximum limit.'));
    }
    if (this.throttle()) return this.reply(res, this.throttled());
    const raw = bytes.toString('utf8');
    // Decoding replaces bytes that are not UTF-8 (a lone surrogate sent raw): such a body is refused, as Graph refuses it.
    if (!Buffer.from(raw, 'utf8').equals(bytes))
      return this.reply(res, err(400, 'BadRequest', 'body is not UTF-8'));
    let body: unknown = undefined;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return this.reply(res, err(400, 'BadRequest', 'body is not JSON'));
      }
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/v1\.0/, '');
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const session = (req.headers['workbook-session-id'] as string | undefined) ?? null;
    if (path === '/$batch' && req.method === 'POST') return this.batch(req, res, body, token);
    const info: ReqInfo = {
      method: req.method ?? 'GET',
      path: decodeSegments(path),
      inBatch: false,
      isBatch: false,
      writes: WRITE(req.method ?? 'GET', path),
      session,
    };
    const out = this.process(info, url.search, body, token);
    this.reply(res, out);
  }

  /** Whether the limits throttle the request being served now. */
  private throttle(): boolean {
    const every = this.limits.throttleEvery;
    if (!every || ++this.served % every !== 0) return false;
    this.enforced.throttled++;
    return true;
  }

  private throttled(): Res {
    return err(429, 'tooManyRequests', 'The app or user has been throttled.', undefined, {
      'Retry-After': String(this.limits.retryAfter ?? 1),
    });
  }

  private reply(res: http.ServerResponse, out: Res): void {
    const headers: Record<string, string> = { ...(out.headers ?? {}) };
    if (out.body !== undefined) headers['Content-Type'] = 'application/json';
    res.writeHead(out.status, headers);
    res.end(out.body === undefined ? undefined : JSON.stringify(out.body));
  }

  private async batch(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: unknown,
    token: string,
  ): Promise<void> {
    const requests = (
      body as {
        requests?: {
          id: string;
          method: string;
          url: string;
          headers?: Record<string, string>;
          body?: unknown;
          dependsOn?: string[];
        }[];
      }
    )?.requests;
    if (!Array.isArray(requests))
      return this.reply(res, err(400, 'BadRequest', 'Invalid batch payload format.'));
    this.enforced.largestBatch = Math.max(this.enforced.largestBatch, requests.length);
    if (requests.length > 20)
      return this.reply(res, err(400, 'BadRequest', 'The number of requests in a batch exceeds 20.'));
    const ids = new Set<string>();
    for (const r of requests) {
      if (ids.has(String(r.id))) return this.reply(res, err(400, 'BadRequest', 'Duplicate request id.'));
      ids.add(String(r.id));
    }
    const batchNo = ++this.batches;
    const envelope: ReqInfo = {
      method: 'POST',
      path: '/$batch',
      inBatch: false,
      isBatch: true,
      writes: requests.some((r) => WRITE(r.method, new URL(r.url, 'http://x').pathname)),
      session: null,
    };
    this.log.push({ ...envelope, query: '', body: null, status: 0, batch: batchNo });
    const top = this.take('status', envelope, () => false) as Extract<Fault, { kind: 'status' }> | null;
    if (top) {
      this.log[this.log.length - 1].status = top.status;
      return this.reply(
        res,
        err(
          top.status,
          top.code ?? 'tooManyRequests',
          top.message ?? 'Too many requests',
          top.inner,
          top.retryAfter !== undefined ? { 'Retry-After': String(top.retryAfter) } : undefined,
        ),
      );
    }
    const authFail = this.authorize(token, null);
    if (authFail) return this.reply(res, authFail);
    const drop = this.take('drop', envelope, 'write-batch') as Extract<Fault, { kind: 'drop' }> | null;
    const dropAfter = drop ? (drop.after ?? Math.max(1, Math.floor(requests.length / 2))) : Infinity;
    const status = new Map<string, number>();
    const responses: { id: string; status: number; headers: Record<string, string>; body?: unknown }[] = [];
    let processed = 0;
    for (const r of requests) {
      if (processed >= dropAfter) {
        // The connection dies after part of the batch was applied: the client sees no answer.
        this.log[this.log.length - 1 - processed].status = -1;
        req.socket.destroy();
        return;
      }
      processed++;
      const failedDep = (r.dependsOn ?? []).some((d) => {
        const s = status.get(String(d));
        return s === undefined || s < 200 || s >= 300;
      });
      let out: Res;
      const u = new URL(r.url.startsWith('/') ? r.url : `/${r.url}`, 'http://x');
      const headers = Object.fromEntries(
        Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const info: ReqInfo = {
        method: r.method,
        path: decodeSegments(u.pathname),
        inBatch: true,
        isBatch: false,
        writes: WRITE(r.method, u.pathname),
        session: headers['workbook-session-id'] ?? null,
      };
      if (failedDep) {
        out = err(424, 'failedDependency', 'A dependent request failed.');
        this.log.push({ ...info, query: u.search, body: r.body, status: 424, batch: batchNo });
      } else if (this.throttle()) {
        out = this.throttled();
        this.log.push({ ...info, query: u.search, body: r.body, status: 429, batch: batchNo });
      } else out = this.process(info, u.search, r.body, token, batchNo);
      status.set(String(r.id), out.status);
      responses.push({
        id: String(r.id),
        status: out.status,
        headers: out.headers ?? {},
        ...(out.body !== undefined ? { body: out.body } : {}),
      });
    }
    const env = this.log.find((l) => l.isBatch && l.batch === batchNo);
    if (env) env.status = 200;
    this.reply(res, { status: 200, body: { responses } });
  }

  private authorize(token: string, item: FakeItem | null): Res | null {
    const scopes = this.tokens.get(token);
    if (!scopes) {
      // A careless service echoes the token it refused: the client must never repeat it.
      return err(
        401,
        'InvalidAuthenticationToken',
        `Access token validation failure. Token '${token}' is expired or invalid.`,
      );
    }
    if (item?.forbidden)
      return err(
        403,
        'accessDenied',
        'Access denied. You do not have permission to perform this action or access this resource.',
      );
    if (item?.requiresSites && !scopes.includes('Sites.ReadWrite.All'))
      return err(403, 'accessDenied', 'Either scp or roles claim need to be present in the token.');
    if (
      item &&
      !scopes.some(
        (s) => s === 'Files.ReadWrite' || s === 'Files.ReadWrite.All' || s === 'Sites.ReadWrite.All',
      )
    )
      return err(403, 'accessDenied', 'Access denied');
    return null;
  }

  private process(info: ReqInfo, query: string, body: unknown, token: string, batch?: number): Res {
    const entry: LoggedRequest = { ...info, query, body, status: 0, batch };
    this.log.push(entry);
    const out = this.processInner(info, query, body, token);
    entry.status = out.status;
    return out;
  }

  private processInner(info: ReqInfo, query: string, body: unknown, token: string): Res {
    const status = this.take('status', info, 'write') as Extract<Fault, { kind: 'status' }> | null;
    if (status)
      return err(
        status.status,
        status.code ?? (status.status === 429 ? 'tooManyRequests' : 'serviceUnavailable'),
        status.message ?? 'Please retry.',
        status.inner,
        status.retryAfter !== undefined ? { 'Retry-After': String(status.retryAfter) } : undefined,
      );
    const { method, path } = info;
    let m = /^\/shares\/([^/]+)\/driveItem$/.exec(path);
    if (m && method === 'GET') {
      let link = '';
      try {
        link = decodeSharingUrl(m[1]);
      } catch {
        return err(400, 'invalidRequest', 'Invalid shares key.');
      }
      const item = this.items.find((i) => i.link === link);
      const a = this.authorize(token, item ?? null);
      if (a) return a;
      if (!item)
        return err(
          404,
          'itemNotFound',
          'The sharing link no longer exists, or you do not have permission to access it.',
        );
      return { status: 200, body: driveItem(item) };
    }
    m = /^\/drives\/([^/]+)\/items\/([^/]+)(\/workbook(\/.*)?)?$/.exec(path);
    if (!m) return err(400, 'BadRequest', `Unsupported segment in ${path}`);
    const item = this.items.find((i) => i.driveId === m![1] && i.itemId === m![2]);
    const a = this.authorize(token, item ?? null);
    if (a) return a;
    if (!item) return err(404, 'itemNotFound', 'The resource could not be found.');
    if (!m[3])
      return method === 'GET' ? { status: 200, body: driveItem(item) } : err(405, 'methodNotAllowed', 'no');
    if (
      item.mimeType &&
      item.mimeType !== 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
      return err(400, 'notSupported', 'Could not obtain a WAC access token.');
    const rest = m[4] ?? '';
    if (rest === '/createSession' && method === 'POST') {
      const id = `session-${++this.seq}-${Math.random().toString(36).slice(2)}`;
      this.sessions.set(id, { item, expired: false });
      return {
        status: 201,
        body: {
          '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.workbookSessionInfo',
          id,
          persistChanges: (body as { persistChanges?: boolean })?.persistChanges ?? false,
        },
      };
    }
    if (info.session) {
      const expire = this.take('expire-session', info, 'write') as Extract<
        Fault,
        { kind: 'expire-session' }
      > | null;
      const s = this.sessions.get(info.session);
      if (expire && s) s.expired = true;
      if (!s || s.expired || s.item !== item) {
        return (expire?.style ?? 'nested') === 'legacy'
          ? err(400, 'InvalidSessionReOpen', 'The session has expired. Please open a new session.')
          : err(404, 'itemNotFound', 'The target session is invalid.', 'invalidSessionReCreatable');
      }
    }
    if (rest === '/closeSession' && method === 'POST') {
      if (info.session) this.sessions.delete(info.session);
      return { status: 204 };
    }
    const out = this.workbookRoute(item, method, rest, query, body);
    if (out.status === 200 && method === 'GET' && /^\/tables\/[^/]+\/range$/.test(rest)) {
      const mutate = this.take('mutate', info, 'table-read');
      if (mutate && mutate.kind === 'mutate') queueMicrotask(() => mutate.mutate(this, item));
    }
    return out;
  }

  private workbookRoute(item: FakeItem, method: string, rest: string, query: string, body: unknown): Res {
    const wb = item.workbook;
    const b = (body ?? {}) as Record<string, unknown>;
    if (rest === '/worksheets' && method === 'GET') {
      return {
        status: 200,
        body: {
          value: wb.sheets.map((s, i) => ({ id: s.id, name: s.name, position: i, visibility: 'Visible' })),
        },
      };
    }
    if (rest === '/worksheets/add' && method === 'POST') {
      const name = String(b.name ?? `Sheet${wb.sheets.length + 1}`);
      if (wb.sheet(name)) return err(409, 'itemAlreadyExists', 'A worksheet with that name already exists.');
      const s = wb.addSheet(name);
      return {
        status: 201,
        body: { id: s.id, name: s.name, position: wb.sheets.length - 1, visibility: 'Visible' },
      };
    }
    if (rest === '/tables' && method === 'GET') {
      const expand = /\$expand=worksheet/.test(decodeURIComponent(query));
      return {
        status: 200,
        body: {
          value: wb.tables.map((t) => ({
            id: t.id,
            name: t.name,
            showHeaders: true,
            ...(expand ? { worksheet: { id: t.sheet.id, name: t.sheet.name } } : {}),
          })),
        },
      };
    }
    let m = /^(?:\/worksheets\/([^/]+))?\/tables\/add$/.exec(rest);
    if (m && method === 'POST') {
      const address = String(b.address ?? '');
      const at = address.lastIndexOf('!');
      const sheet = m[1] ? wb.sheet(m[1]) : wb.sheet(address.slice(0, at).replace(/^'|'$/g, ''));
      if (!sheet) return err(404, 'itemNotFound', 'The worksheet could not be found.');
      let range: CellRange;
      try {
        range = parseRange(at >= 0 ? address.slice(at + 1) : address);
      } catch {
        return err(400, 'invalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      }
      const overlap = wb.tables.some(
        (t) =>
          t.sheet === sheet &&
          !(
            range.bottom < t.top ||
            range.top > t.top + t.bodyRows ||
            range.right < t.left ||
            range.left > t.right
          ),
      );
      if (overlap) return err(400, 'invalidArgument', 'A table can’t overlap another table.');
      const t = wb.addTable(sheet, range, b.hasHeaders !== false);
      return {
        status: 201,
        body: { id: t.id, name: t.name, showHeaders: true, showTotals: false, style: 'TableStyleMedium2' },
      };
    }
    m = /^\/tables\/([^/]+)(\/.*)?$/.exec(rest);
    if (m) {
      const t = wb.table(m[1]);
      if (!t) return err(404, 'itemNotFound', `The requested resource doesn't exist.`);
      const sub = m[2] ?? '';
      if (sub === '' && method === 'PATCH') {
        const name = String(b.name ?? t.name);
        if (wb.tables.some((o) => o !== t && o.name === name))
          return err(409, 'itemAlreadyExists', 'A table with that name already exists.');
        t.name = name;
        return { status: 200, body: { id: t.id, name: t.name } };
      }
      if (sub === '/range' && method === 'GET')
        return { status: 200, body: rangeResource(t.sheet, wb.tableRange(t)) };
      if (sub === '/headerRowRange' && method === 'GET')
        return {
          status: 200,
          body: rangeResource(t.sheet, { top: t.top, left: t.left, bottom: t.top, right: t.right }),
        };
      if (sub === '/rows/add' && method === 'POST') {
        const values = b.values as CellValue[][];
        const width = t.right - t.left + 1;
        if (!Array.isArray(values) || values.some((r) => !Array.isArray(r) || r.length !== width))
          return err(400, 'invalidArgument', 'The number of values does not match the table columns.');
        const index = b.index === null || b.index === undefined ? null : Number(b.index);
        const at = wb.addRows(t, values, index);
        return {
          status: 201,
          body: { '@odata.type': '#microsoft.graph.workbookTableRow', index: at, values: [values[0]] },
        };
      }
      const r = /^\/rows\/itemAt\(index=(\d+)\)$/.exec(sub);
      if (r) {
        const index = Number(r[1]);
        if (index >= t.bodyRows) return err(400, 'invalidArgument', 'The index is out of range.');
        if (method === 'GET')
          return {
            status: 200,
            body: {
              index,
              values: rangeValues(t.sheet, {
                top: t.top + 1 + index,
                left: t.left,
                bottom: t.top + 1 + index,
                right: t.right,
              }),
            },
          };
        if (method === 'DELETE') {
          wb.deleteRow(t, index);
          return { status: 204 };
        }
      }
      return err(400, 'BadRequest', `Unsupported table segment ${sub}`);
    }
    m =
      /^\/worksheets\/([^/]+)\/(usedRange(?:\(valuesOnly=(true|false)\))?|range\(address='([^']*)'\))(\/.*)?$/.exec(
        rest,
      );
    if (m) {
      const sheet = wb.sheet(m[1]);
      if (!sheet) return err(404, 'itemNotFound', 'The worksheet could not be found.');
      const sub = m[5] ?? '';
      if (m[2].startsWith('usedRange')) {
        const box = sheet.usedRange(m[3] === 'true') ?? { top: 1, left: 1, bottom: 1, right: 1 };
        if (method === 'GET' && !sub) return { status: 200, body: rangeResource(sheet, box) };
        return err(400, 'BadRequest', 'unsupported');
      }
      const address = m[4];
      let range: CellRange;
      const whole = /^([A-Z]+):([A-Z]+)$/i.exec(address);
      try {
        range = whole
          ? { ...parseRange(`${whole[1]}1:${whole[2]}1`), top: 1, bottom: 1048576 }
          : parseRange(address);
      } catch {
        return err(400, 'invalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      }
      const h = range.bottom - range.top + 1;
      const w = range.right - range.left + 1;
      if (!sub && method === 'GET') {
        if (whole) return err(400, 'rangeExceedsLimit', 'too large');
        return { status: 200, body: rangeResource(sheet, range) };
      }
      if (!sub && method === 'PATCH') {
        const fits = (x: unknown) =>
          Array.isArray(x) && x.length === h && x.every((r) => Array.isArray(r) && r.length === w);
        for (const k of ['numberFormat', 'values', 'formulas'] as const) {
          if (b[k] !== undefined && !fits(b[k]))
            return err(
              400,
              'invalidArgument',
              `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
            );
        }
        // Number format first, then values, as Excel applies a combined update.
        if (b.numberFormat)
          (b.numberFormat as (string | null)[][]).forEach((row, i) =>
            row.forEach((f, j) => sheet.setFormat(range.top + i, range.left + j, f)),
          );
        if (b.values)
          (b.values as CellValue[][]).forEach((row, i) =>
            row.forEach((v, j) => sheet.setValue(range.top + i, range.left + j, v)),
          );
        if (b.formulas)
          (b.formulas as (string | null)[][]).forEach((row, i) =>
            row.forEach((f, j) => {
              if (f === null) return;
              const nf = sheet.cell(range.top + i, range.left + j)?.nf ?? 'General';
              sheet.put(
                range.top + i,
                range.left + j,
                typeof f === 'string' && f.startsWith('=') ? { v: 0, f, nf } : { v: f, nf },
              );
            }),
          );
        return { status: 200, body: rangeResource(sheet, range) };
      }
      if (method === 'PATCH' && (sub === '/format' || sub === '/format/font' || sub === '/format/fill')) {
        sheet.formats.push({ address, kind: sub.slice(1), body });
        return { status: 200, body: {} };
      }
      if (method === 'POST' && sub === '/clear') {
        for (const k of [...sheet.cells.keys()]) {
          const [r, c] = k.split(',').map(Number);
          if (r >= range.top && r <= range.bottom && c >= range.left && c <= range.right)
            sheet.cells.delete(k);
        }
        sheet.formats = sheet.formats.filter((f) => {
          if (/^[A-Z]+:[A-Z]+$/i.test(f.address)) return true;
          const fr = parseRange(f.address);
          return (
            fr.bottom < range.top || fr.top > range.bottom || fr.right < range.left || fr.left > range.right
          );
        });
        return { status: 204 };
      }
      if (method === 'POST' && sub === '/merge') {
        sheet.merges.push(range);
        return { status: 204 };
      }
      if (method === 'POST' && sub === '/unmerge') {
        sheet.merges = sheet.merges.filter(
          (g) => g.bottom < range.top || g.top > range.bottom || g.right < range.left || g.left > range.right,
        );
        return { status: 204 };
      }
      return err(400, 'BadRequest', `Unsupported range segment ${sub}`);
    }
    return err(400, 'BadRequest', `Unsupported workbook segment ${rest}`);
  }
}

function driveItem(item: FakeItem) {
  return {
    id: item.itemId,
    name: item.name,
    webUrl: item.link,
    file: { mimeType: item.mimeType ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    parentReference: { driveId: item.driveId, driveType: item.driveType },
  };
}
