/** @jest-environment jsdom */
import './setup';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Push } from '../../src/core/consolidate';
import { GRAPH_MESSAGES, GRAPH_REASONS, type GraphErrorReason } from '../../src/i18n/graph';
import type { GraphPreview, GraphPushOptions, GraphPushResult } from '../../src/targets/graph';
import { GraphError } from '../../src/targets/graph/errors';
import type { WorkbookRef } from '../../src/targets/graph/link';
import { Pane } from '../../src/taskpane/App';
import {
  SharedWorkbookContext,
  type SharedDestination,
  type SharedWorkbookConfig,
} from '../../src/taskpane/sharedWorkbook';
import { departmentsHost, result } from './helpers';

const user = userEvent.setup();

// user-event walks radio groups with CSS.escape, which jsdom lacks.
if (typeof CSS === 'undefined' || !CSS.escape)
  Object.assign(globalThis, { CSS: { escape: (s: string) => s.replace(/["\\\]]/g, '\\$&') } });

const LINK = 'https://contoso.sharepoint.com/:x:/s/ndeg/EaBcDeFgHiJkLmNoPqRsTuV?e=4hYt2q';
const SHARED = 'Хуваалцсан ажлын ном (OneDrive/SharePoint)';
const LINK_LABEL = 'Хуваалцсан ажлын номын холбоос';
const WORKBOOK: WorkbookRef = { driveId: 'b!drive', itemId: '01ITEM', name: 'НД-Нэгтгэл-2024.xlsx' };
/** Looks like an access token: it must never reach the screen. */
const SECRET = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJl';

const status = () => result().textContent;

function previewCount(label: string): string | null | undefined {
  const dt = screen.getAllByText(label).find((e) => e.tagName === 'DT');
  return dt?.nextElementSibling?.textContent;
}

const counts = (added: number, updated: number, removed: number, unchanged: number) => ({
  added,
  updated,
  removed,
  unchanged,
});

/**
 * A destination standing in for Microsoft Graph: records what it is given; `push` reports
 * progress and then waits for `finish()` or the abort signal (then it fails as the real one does).
 */
function fakeDestination() {
  let finish: (() => void) | null = null;
  let pushSignal: AbortSignal | undefined;
  const previewPushes: Push[][] = [];
  const destination = {
    resolveWorkbook: jest.fn(async (_link: unknown) => WORKBOOK),
    preview: jest.fn(async (pushes: Push[]): Promise<GraphPreview> => {
      previewPushes.push(pushes);
      return {
        ...counts(10, 0, 0, 0),
        workbook: WORKBOOK,
        changes: { added: [], updated: [], removed: [] },
        debt: counts(0, 0, 0, 0),
        rows: 10,
        exists: false,
      };
    }),
    push: jest.fn(
      (pushes: Push[], opts: GraphPushOptions = {}): Promise<GraphPushResult> =>
        new Promise((resolve, reject) => {
          pushSignal = opts.signal;
          opts.onProgress?.({ phase: 'write', done: 3, total: 12, round: 1 });
          const rows = pushes.flatMap((p) => p.rows);
          finish = () =>
            resolve({
              rows,
              debt: [],
              ...counts(rows.length - 2, 2, 0, 0),
              changes: { added: [], updated: [], removed: [] },
              target: 'https://contoso.sharepoint.com/…',
              workbook: WORKBOOK,
              debtChanges: counts(0, 0, 0, 0),
              summaryWritten: true,
              rounds: 1,
              restored: 0,
              requests: {} as GraphPushResult['requests'],
              skippedOps: [],
            });
          const stop = () => reject(new GraphError('cancelled', `cancelled; Bearer ${SECRET}`));
          if (opts.signal?.aborted) stop();
          else opts.signal?.addEventListener('abort', stop);
        }),
    ),
  };
  return {
    destination: destination satisfies SharedDestination,
    previewPushes,
    finish: () => finish?.(),
    pushSignal: () => pushSignal,
  };
}

function configWith(destination: SharedDestination, clientId = 'test-client-id') {
  const config: SharedWorkbookConfig = { clientId, create: jest.fn(async () => destination) };
  return config;
}

async function openConsolidate(config: SharedWorkbookConfig) {
  const host = await departmentsHost();
  render(
    <SharedWorkbookContext.Provider value={config}>
      <Pane host={host} />
    </SharedWorkbookContext.Provider>,
  );
  await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
  await user.click(screen.getByRole('tab', { name: 'Нэгтгэх' }));
  await screen.findByRole('group', { name: 'Нэгтгэх хуудас' });
  return host;
}

/** Consolidate, then the confirm step's yes: the push starts only then. */
async function pushConfirmed(): Promise<void> {
  await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
  await user.click(await screen.findByRole('button', { name: 'Тийм, илгээх' }));
}

/** Chooses the shared workbook and pastes `link` into its (lazily loaded) field. */
async function chooseShared(link = LINK): Promise<HTMLInputElement> {
  await user.click(screen.getByRole('radio', { name: SHARED }));
  const input = (await screen.findByLabelText(LINK_LABEL)) as HTMLInputElement;
  await user.click(input);
  if (link) await user.paste(link);
  return input;
}

describe('Consolidate tab: the shared workbook', () => {
  test('choose it, paste a link, preview shows the counts of the pushes of the selected sheets', async () => {
    const fake = fakeDestination();
    const config = configWith(fake.destination);
    const host = await openConsolidate(config);
    expect(screen.getByRole('radio', { name: /^Энэ ажлын ном/, checked: true })).toBeTruthy();
    expect(screen.queryByLabelText(LINK_LABEL)).toBeNull();

    const input = await chooseShared();
    expect(screen.getByRole('radio', { name: SHARED, checked: true })).toBeTruthy();
    expect(input.value).toBe(LINK);
    expect(input.getAttribute('aria-invalid')).not.toBe('true');

    await user.click(screen.getByRole('button', { name: 'Урьдчилан харах' }));
    await waitFor(() =>
      expect(status()).toBe('Урьдчилан харлаа: 10 нэмэгдэх, 0 шинэчлэгдэх, 0 хасагдах, 0 өөрчлөгдөхгүй мөр.'),
    );
    expect(previewCount('Нэмэгдэх')).toBe('10');
    expect(previewCount('Өөрчлөгдөхгүй')).toBe('0');
    expect(screen.getByText('Ажлын ном: НД-Нэгтгэл-2024.xlsx')).toBeTruthy();
    expect(screen.getByText('Тэнд нэгтгэл хараахан алга: эхний илгээлт үүсгэнэ.')).toBeTruthy();

    expect(config.create).toHaveBeenCalledTimes(1);
    expect(fake.destination.resolveWorkbook).toHaveBeenCalledWith(LINK, expect.anything());
    // The same pushes as for this workbook: one per selected sheet, with this workbook as the source file.
    const pushes = fake.previewPushes[0];
    expect(pushes.map((p) => p.source.sheet).sort()).toEqual(['hyanalt', 'orlogo', 'tetgever']);
    const rows = pushes.flatMap((p) => p.rows);
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.file === 'departments.xlsx')).toBe(true);
    // Nothing is written into this workbook.
    expect(host.workbook.getWorksheet('Нэгтгэл')).toBeUndefined();

    // Unchecking a sheet makes the preview stale; the next preview sends only the others.
    await user.click(screen.getByRole('checkbox', { name: /^orlogo/ }));
    expect(screen.queryByText('Ажлын ном: НД-Нэгтгэл-2024.xlsx')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Урьдчилан харах' }));
    await waitFor(() => expect(fake.previewPushes).toHaveLength(2));
    expect(fake.previewPushes[1].map((p) => p.source.sheet).sort()).toEqual(['hyanalt', 'tetgever']);
    // The link was resolved once; the destination made once.
    expect(fake.destination.resolveWorkbook).toHaveBeenCalledTimes(1);
    expect(config.create).toHaveBeenCalledTimes(1);
  });

  test('push shows the phase and requests of its progress, then the counts', async () => {
    const fake = fakeDestination();
    await openConsolidate(configWith(fake.destination));
    await chooseShared();
    await pushConfirmed();

    const bar = await screen.findByRole('progressbar');
    expect(bar).toBeTruthy();
    const progress = screen.getByRole('region', { name: 'Нэгтгэлийг бичиж байна' });
    expect(within(progress).getByText('Мөрүүдийг бичиж байна')).toBeTruthy();
    expect(within(progress).getByText('12 хүсэлтээс 3')).toBeTruthy();
    expect(bar.getAttribute('aria-valuenow')).toBe(String(3 / 12));
    // Nothing else can start meanwhile.
    expect(screen.getByRole('button', { name: 'Нэгтгэх' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Урьдчилан харах' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('checkbox', { name: /^orlogo/ }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('radio', { name: /^Энэ ажлын ном/ }).hasAttribute('disabled')).toBe(true);

    fake.finish();
    await waitFor(() =>
      expect(status()).toBe(
        '«НД-Нэгтгэл-2024.xlsx» ажлын номын «Нэгтгэл» хүснэгтэд одоо 10 мөр байна: 8 нэмсэн, 2 шинэчилсэн, 0 хассан, 0 өөрчлөгдөөгүй.',
      ),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(previewCount('Нэмэгдэх')).toBe('8');
    expect(previewCount('Шинэчлэгдэх')).toBe('2');
    expect(screen.getByRole('button', { name: 'Нэгтгэх' }).hasAttribute('disabled')).toBe(false);
    expect(fake.destination.push).toHaveBeenCalledTimes(1);
  });

  test('Cancel aborts the push: the signal is aborted and the cancelled message shown', async () => {
    const fake = fakeDestination();
    await openConsolidate(configWith(fake.destination));
    await chooseShared();
    await pushConfirmed();
    await screen.findByRole('progressbar');
    expect(fake.pushSignal()?.aborted).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Цуцлах' }));
    await waitFor(() => expect(status()).toBe(GRAPH_MESSAGES.mn.cancelled));
    expect(fake.pushSignal()?.aborted).toBe(true);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(status()).not.toContain(SECRET);
  });

  test('Cancel ends a preview at once even when a step ignores the signal (a sign-in window)', async () => {
    const fake = fakeDestination();
    // Like MSAL's sign-in popup: takes no signal, never settles on its own.
    fake.destination.resolveWorkbook.mockImplementation(() => new Promise<WorkbookRef>(() => undefined));
    await openConsolidate(configWith(fake.destination));
    await chooseShared();
    await user.click(screen.getByRole('button', { name: 'Урьдчилан харах' }));
    await user.click(await screen.findByRole('button', { name: 'Цуцлах' }));
    await waitFor(() => expect(status()).toBe(GRAPH_MESSAGES.mn.cancelled));
    expect(screen.getByRole('button', { name: 'Урьдчилан харах' }).hasAttribute('disabled')).toBe(false);
    expect(fake.destination.preview).not.toHaveBeenCalled();
  });

  test.each(GRAPH_REASONS)(
    'a GraphError "%s" shows its Mongolian message, and its English one after the switch',
    async (reason: GraphErrorReason) => {
      const fake = fakeDestination();
      fake.destination.preview.mockRejectedValue(
        new GraphError(reason, `HTTP 403 from Graph; Authorization: Bearer ${SECRET}`, { status: 403 }),
      );
      await openConsolidate(configWith(fake.destination));
      await chooseShared();
      await user.click(screen.getByRole('button', { name: 'Урьдчилан харах' }));
      await waitFor(() => expect(status()).toBe(GRAPH_MESSAGES.mn[reason]));
      expect(document.body.textContent).not.toContain(SECRET);
      expect(document.body.textContent).not.toContain('HTTP 403');

      await user.click(screen.getByRole('button', { name: 'Switch the language to English' }));
      await user.click(await screen.findByRole('button', { name: 'Preview' }));
      await waitFor(() => expect(status()).toBe(GRAPH_MESSAGES.en[reason]));
      expect(document.body.textContent).not.toContain(SECRET);
    },
  );

  test('a failing push, and an error that is not a GraphError, never show the raw error', async () => {
    const fake = fakeDestination();
    fake.destination.push.mockRejectedValueOnce(new GraphError('locked', `resourceLocked ${SECRET}`));
    fake.destination.resolveWorkbook.mockRejectedValueOnce(new TypeError(`fetch failed: token=${SECRET}`));
    await openConsolidate(configWith(fake.destination));
    await chooseShared();

    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() => expect(status()).toBe(GRAPH_MESSAGES.mn.unknown));
    // The failed link is resolved again next time.
    await pushConfirmed();
    await waitFor(() => expect(status()).toBe(GRAPH_MESSAGES.mn.locked));
    expect(fake.destination.resolveWorkbook).toHaveBeenCalledTimes(2);
    expect(document.body.textContent).not.toContain(SECRET);
    expect(document.body.textContent).not.toContain('fetch failed');
  });

  test('an invalid or missing link is refused and never sent', async () => {
    const fake = fakeDestination();
    const config = configWith(fake.destination);
    await openConsolidate(config);
    const input = await chooseShared('');

    await user.click(screen.getByRole('button', { name: 'Урьдчилан харах' }));
    await waitFor(() => expect(status()).toBe('Хуваалцсан ажлын номын холбоосыг буулгана уу.'));

    await user.click(input);
    await user.paste('https://example.com/files/plan.xlsx');
    const invalid = 'Энэ нь OneDrive эсвэл SharePoint-ын https:// холбоос биш байна.';
    // Shown at the field, tied to it.
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = (input.getAttribute('aria-describedby') ?? '').split(/\s+/);
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(invalid);

    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() => expect(status()).toBe(invalid));
    await user.clear(input);
    await user.paste('http://contoso.sharepoint.com/:x:/s/ndeg/Eabc');
    await user.click(screen.getByRole('button', { name: 'Урьдчилан харах' }));
    await waitFor(() => expect(status()).toBe(invalid));

    expect(config.create).not.toHaveBeenCalled();
    expect(fake.destination.resolveWorkbook).not.toHaveBeenCalled();
    expect(fake.destination.preview).not.toHaveBeenCalled();
    expect(fake.destination.push).not.toHaveBeenCalled();

    // A good link clears the message.
    await user.clear(input);
    await user.paste(LINK);
    await waitFor(() => expect(input.getAttribute('aria-invalid')).not.toBe('true'));
  });

  test('Consolidate asks first: where, which units, how many rows; nothing is written before yes', async () => {
    const fake = fakeDestination();
    await openConsolidate(configWith(fake.destination));
    await user.type(screen.getByLabelText(/^Нэгтгэсэн/), 'Орхон аймгийн НДХ');
    await chooseShared();
    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));

    const step = await screen.findByRole('region', { name: 'Илгээхээс өмнө шалгана уу' });
    const previewed = fake.previewPushes[0];
    const units = [
      ...new Set(previewed.map((x) => [x.source.unit, x.source.person].filter(Boolean).join(' · '))),
    ];
    expect(units.length).toBeGreaterThan(0);
    expect(within(step).getByText('Хаашаа: «НД-Нэгтгэл-2024.xlsx» хуваалцсан ажлын ном')).toBeTruthy();
    expect(within(step).getByText(`Юуг: ${units.length} нэгж — ${units.join(', ')}`)).toBeTruthy();
    expect(within(step).getByText('Нэгтгэсэн: Орхон аймгийн НДХ')).toBeTruthy();
    expect(
      within(step).getByText('Мөр: 10 нэмэгдэнэ, 0 шинэчлэгдэнэ, 0 хасагдана, 0 өөрчлөгдөхгүй'),
    ).toBeTruthy();
    expect(within(step).getByText(/анхны илгээлт хуудас, хүснэгтийг нь үүсгэнэ/)).toBeTruthy();
    expect(fake.destination.push).not.toHaveBeenCalled();

    // Go back: nothing written, the step closes.
    await user.click(within(step).getByRole('button', { name: 'Болих' }));
    expect(screen.queryByRole('region', { name: 'Илгээхээс өмнө шалгана уу' })).toBeNull();
    expect(fake.destination.push).not.toHaveBeenCalled();

    // Yes: exactly the pushes that were shown go.
    await pushConfirmed();
    await waitFor(() => expect(fake.destination.push).toHaveBeenCalledTimes(1));
    expect(fake.destination.push.mock.calls[0][0]).toEqual(fake.previewPushes[1]);
    fake.finish();
    await waitFor(() => expect(status()).toMatch(/^«НД-Нэгтгэл-2024.xlsx» ажлын номын «Нэгтгэл» хүснэгтэд/));

    // In English.
    await user.click(screen.getByRole('button', { name: 'Switch the language to English' }));
    await user.click(await screen.findByRole('button', { name: 'Consolidate' }));
    const en = await screen.findByRole('region', { name: 'Check before pushing' });
    expect(within(en).getByText('Where: the shared workbook «НД-Нэгтгэл-2024.xlsx»')).toBeTruthy();
    expect(within(en).getByRole('button', { name: 'Yes, push' })).toBeTruthy();
  });

  test('a sheet whose title names no person is not pushed until the unit and person are confirmed', async () => {
    const fake = fakeDestination();
    const host = await departmentsHost();
    host.workbook.getWorksheet('orlogo')!.getCell('A1').value = '2024 ОНЫ ГҮЙЦЭТГЭЛИЙН ТАЙЛАН';
    render(
      <SharedWorkbookContext.Provider value={configWith(fake.destination)}>
        <Pane host={host} />
      </SharedWorkbookContext.Provider>,
    );
    await user.click(await screen.findByRole('tab', { name: 'Нэгтгэх' }));
    await screen.findByRole('group', { name: 'Нэгтгэх хуудас' });
    await chooseShared();
    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    await waitFor(() =>
      expect(status()).toBe('Нэгж, албан хаагчийг баталгаажуулна уу: гарчигт нь заагаагүй хуудас байна.'),
    );
    expect(fake.destination.preview).not.toHaveBeenCalled();
    await user.type(screen.getByRole('textbox', { name: 'Нэгж' }), 'Орлогын тасаг');
    await user.type(screen.getByRole('textbox', { name: 'Албан хаагч' }), 'Б.ГАНТУЯА');
    await pushConfirmed();
    await waitFor(() => expect(fake.destination.push).toHaveBeenCalledTimes(1));
    const orlogo = fake.destination.push.mock.calls[0][0].filter((x) => x.source.sheet === 'orlogo');
    expect(orlogo.map((x) => [x.source.unit, x.source.person])).toEqual([['Орлогын тасаг', 'Б.ГАНТУЯА']]);
  });

  test('without a client id the shared destination is disabled and says why', async () => {
    const fake = fakeDestination();
    await openConsolidate(configWith(fake.destination, ''));
    const radio = screen.getByRole('radio', { name: SHARED });
    expect(radio.hasAttribute('disabled')).toBe(true);
    const note = document.getElementById(radio.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toBe(
      'Админ тохируулаагүй: байгууллагын админ нэмэлтийг Microsoft 365-д бүртгэж, бүртгэлийн дугаартай нь бүтээх шаардлагатай.',
    );
    await user.click(radio);
    expect(screen.getByRole('radio', { name: /^Энэ ажлын ном/, checked: true })).toBeTruthy();
    expect(screen.queryByLabelText(LINK_LABEL)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Switch the language to English' }));
    expect(await screen.findByRole('radio', { name: 'Shared workbook (OneDrive/SharePoint)' })).toBeTruthy();
    expect(
      screen.getByText(
        'Not configured: the administrator registers the add-in in Entra ID and builds it with its client ID.',
      ),
    ).toBeTruthy();
  });

  test('the destinations are reachable with the keyboard', async () => {
    const fake = fakeDestination();
    await openConsolidate(configWith(fake.destination));
    const local = screen.getByRole('radio', { name: /^Энэ ажлын ном/ });
    local.focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('radio', { name: SHARED, checked: true })).toBeTruthy();
    const input = await screen.findByLabelText(LINK_LABEL);
    // (Tab order itself is left to the browser tests: jsdom cannot run Fluent's tabster.)
    screen.getByRole('button', { name: 'Урьдчилан харах' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(status()).toBe('Хуваалцсан ажлын номын холбоосыг буулгана уу.'));
    input.focus();
    await user.paste(LINK);
    screen.getByRole('button', { name: 'Урьдчилан харах' }).focus();
    await user.keyboard(' ');
    await waitFor(() => expect(status()).toMatch(/^Урьдчилан харлаа: 10 нэмэгдэх/));
  });
});
