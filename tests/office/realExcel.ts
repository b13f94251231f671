/**
 * Excel request contexts of the real Office.js library, to measure what the adapter sends.
 *
 * @microsoft/office-js's excel-web-16.00.debug.js (the library Excel on the web loads, here from
 * node_modules: no network) runs once per process in a jsdom window. Each context gets its own
 * URL, so Office.js sends its requests as HTTP posts, which a custom send function catches: it
 * records the UTF-8 size of each request's JSON body — what Office.js serialises with
 * JSON.stringify for the host, and what Excel on the web limits to about 5 MB — and answers as
 * Excel answers a write: nothing, except an id for each object an `add` created (as Excel does,
 * so that a sheet added in one request can be used in the next) and the existing sheets, with
 * their charts and tables, for the worksheets load. Any other load is refused: the adapter's
 * reads stay on office-addin-mock (tests/office/fakeExcel.ts). The bodies themselves are kept
 * when asked for (keepBodies), to read what was sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { JSDOM } from 'jsdom';
import type { WriteSheet } from './fakeExcel';

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
}

interface RequestBody {
  Actions: { Id: number; ActionType: number; ObjectPathId: number }[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

interface HttpRequest {
  url: string;
  body: RequestBody;
}

interface OfficeWindow {
  Excel: { RequestContext: new (url: string) => Excel.RequestContext };
  OfficeExtension: {
    HttpUtility: {
      setCustomSendRequestFunc(
        send: (r: HttpRequest) => Promise<{ statusCode: number; headers: object; body: string }>,
      ): void;
    };
  };
}

const ACTION_QUERY = 2;
const ACTION_INSTANTIATE = 1;
const PATH_PROPERTY = 4;
const PATH_METHOD = 3;

export interface RealContext {
  context: Excel.RequestContext;
  /** UTF-8 bytes of each request body, one per sync. */
  requests: number[];
  /** Each request body as sent (JSON text), one per sync, when asked for (the bench's would fill memory). */
  bodies: string[];
}

const contexts = new Map<string, { requests: number[]; bodies: string[] | null; existing: WriteSheet[] }>();
let office: OfficeWindow | undefined;

function load(): OfficeWindow {
  if (office) return office;
  const file = path.join(
    path.dirname(require.resolve('@microsoft/office-js/package.json')),
    'dist/excel-web-16.00.debug.js',
  );
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    runScripts: 'outside-only',
    url: 'https://localhost/',
  });
  new vm.Script(fs.readFileSync(file, 'utf8'), { filename: file }).runInContext(dom.getInternalVMContext());
  const win = dom.window as unknown as OfficeWindow;
  win.OfficeExtension.HttpUtility.setCustomSendRequestFunc(async (request) => {
    const entry = contexts.get(request.url.slice(0, request.url.lastIndexOf('/') + 1));
    if (!entry) throw new Error(`request to an unknown context: ${request.url}`);
    const text = JSON.stringify(request.body);
    entry.requests.push(Buffer.byteLength(text));
    entry.bodies?.push(text);
    return {
      statusCode: 200,
      headers: {},
      body: JSON.stringify({ Results: answers(request.body, entry.existing) }),
    };
  });
  office = win;
  return win;
}

function answers({ Actions, ObjectPaths }: RequestBody, existing: WriteSheet[]) {
  const results: { ActionId: number; Value: unknown }[] = [];
  for (const action of Actions) {
    const target = ObjectPaths[action.ObjectPathId];
    if (action.ActionType === ACTION_QUERY) {
      if (target.ObjectPathType !== PATH_PROPERTY || target.Name !== 'Worksheets')
        throw new Error(`unexpected load of ${target.Name}`);
      const items = (names: string[] = []) => ({ _Items: names.map((Name) => ({ Name })) });
      results.push({
        ActionId: action.Id,
        Value: {
          _Items: existing.map((s, i) => ({
            Id: `{sheet-${i}}`,
            Name: s.name,
            Charts: items(s.charts),
            Tables: items(s.tables),
          })),
        },
      });
    } else if (
      action.ActionType === ACTION_INSTANTIATE &&
      target.ObjectPathType === PATH_METHOD &&
      target.Name === 'Add'
    ) {
      results.push({ ActionId: action.Id, Value: { Id: `{added-${target.Id}}` } });
    }
  }
  return results;
}

let made = 0;

/**
 * A request context of the real library. firstId starts Office.js's object ids there (internal
 * m_nextId): ids are written out in every request, so a context that has already made a million
 * objects sends 7-digit ids. keepBodies keeps each request's JSON in `bodies`.
 */
export function realContext(existing: WriteSheet[] = [], firstId = 0, keepBodies = false): RealContext {
  const url = `https://excel.invalid/${++made}/`;
  const requests: number[] = [];
  const bodies: string[] = [];
  contexts.set(url, { requests, bodies: keepBodies ? bodies : null, existing });
  const context = new (load().Excel.RequestContext)(url);
  if (firstId) (context as unknown as { m_nextId: number }).m_nextId = firstId;
  return { context, requests, bodies };
}
