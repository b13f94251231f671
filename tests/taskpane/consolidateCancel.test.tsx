/** @jest-environment jsdom */
/**
 * Cancel of a consolidation leaves the workbook as it was: the pane reads every sheet first (one
 * unit of progress each, cancellable between them) and writes only at the end, in one plan that
 * is not cut halfway. Cancelled at each step, over the preview's workbook and over the fake Excel.
 */
import './setup';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { WritePlan } from '../../src/core/writeplan';
import type { ApplyOptions, ApplyOutcome } from '../../src/host/host';
import type { WorkbookHost } from '../../src/host/workbookHost';
import { applyWritePlan } from '../../src/office';
import { Pane } from '../../src/taskpane/App';
import { writeContext } from '../office/fakeExcel';
import { departmentsHost, result } from './helpers';

const user = userEvent.setup();

/** Everything a sheet holds (values, styles, merges, widths), for every sheet, in order. */
function state(host: WorkbookHost): string {
  return JSON.stringify(host.workbook.worksheets.map((ws) => [ws.name, ws.model]));
}

/**
 * A host whose `stopAt`-th sheet read, once armed, waits until the test releases it: the test
 * presses Cancel while that read is in flight.
 */
function gatedHost(inner: WorkbookHost, stopAt: number) {
  const host = Object.create(inner) as WorkbookHost;
  let armed = false;
  let reads = 0;
  let release: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const atGate = new Promise<void>((r) => (reached = r));
  host.readSheet = async (name?: string) => {
    if (armed && ++reads === stopAt) {
      reached();
      await new Promise<void>((r) => (release = r));
    }
    return inner.readSheet(name);
  };
  const applied: WritePlan[] = [];
  host.applyPlan = (plan: WritePlan, o?: ApplyOptions) => {
    applied.push(plan);
    return inner.applyPlan(plan, o);
  };
  return { host, applied, arm: () => (armed = true), atGate, release: () => release() };
}

async function openConsolidate(host: WorkbookHost) {
  render(<Pane host={host} />);
  await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
  await user.click(screen.getByRole('tab', { name: 'Нэгтгэх' }));
  await screen.findByRole('group', { name: 'Нэгтгэх хуудас' });
}

async function pushAndCancelAt(inner: WorkbookHost, step: number, total: number) {
  const g = gatedHost(inner, step);
  await openConsolidate(g.host);
  const before = state(inner);
  g.arm();
  await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
  await g.atGate;
  const bar = await screen.findByRole('region', { name: 'Нэгтгэх хуудсуудыг уншиж байна' });
  expect(within(bar).getByRole('progressbar')).toBeTruthy();
  expect(within(bar).getByText(`${total} хуудаснаас ${step - 1}`)).toBeTruthy();
  await user.click(within(bar).getByRole('button', { name: 'Цуцлах' }));
  g.release();
  await waitFor(() => expect(result().textContent).toBe('Нэгтгэлийг цуцаллаа: ажлын номд юу ч бичээгүй.'));
  expect(g.applied).toEqual([]);
  expect(state(inner)).toBe(before);
  expect(screen.queryByRole('progressbar')).toBeNull();
}

describe('Cancelling a consolidation', () => {
  // The first push reads the three department sheets.
  test.each([1, 2, 3])(
    'the first push, cancelled while reading sheet %i of 3, writes nothing',
    async (step) => {
      const host = await departmentsHost();
      await pushAndCancelAt(host, step, 3);
      expect(host.workbook.getWorksheet('Нэгтгэл')).toBeUndefined();
    },
  );

  // Pushing again reads «Нэгтгэл» and «Авлага» first, then the three sheets: the sheets a cancel must not leave half-cleared.
  test.each([1, 2, 3, 4, 5])(
    'a push over an earlier consolidation, cancelled at read %i of 5, leaves it as it was',
    async (step) => {
      const host = await departmentsHost();
      await openConsolidate(host);
      await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
      await waitFor(() => expect(result().textContent).toMatch(/^«Нэгтгэл» хуудсанд одоо 10 мөр/));
      cleanup();
      host.workbook.getWorksheet('orlogo')!.getCell('A1').value = 'ӨӨРЧЛӨГДСӨН';
      await pushAndCancelAt(host, step, 5);
    },
  );

  test('over the fake Excel, a cancel at any read sends Excel nothing; a push that is not cancelled writes in one sync', async () => {
    for (const step of [1, 2, 3, 4]) {
      const inner = await departmentsHost();
      const excel = writeContext([{ name: 'hyanalt' }, { name: 'orlogo' }, { name: 'tetgever' }]);
      const sync = jest.spyOn(excel.context, 'sync');
      const g = gatedHost(inner, step);
      // Reads from the workbook, writes through the Office.js adapter into the fake Excel.
      g.host.applyPlan = async (plan, o: ApplyOptions = {}): Promise<ApplyOutcome> => {
        g.applied.push(plan);
        const r = await applyWritePlan(excel.context, plan, o);
        return { done: r.done, total: r.total, aborted: r.aborted };
      };
      await openConsolidate(g.host);
      g.arm();
      await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
      if (step <= 3) {
        await g.atGate;
        await user.click(await screen.findByRole('button', { name: 'Цуцлах' }));
        g.release();
        await waitFor(() =>
          expect(result().textContent).toBe('Нэгтгэлийг цуцаллаа: ажлын номд юу ч бичээгүй.'),
        );
        expect(excel.log).toEqual([]);
        expect(sync).not.toHaveBeenCalled();
      } else {
        // No fourth read: the push reads three sheets, then writes everything.
        await waitFor(() => expect(result().textContent).toMatch(/^«Нэгтгэл» хуудсанд одоо 10 мөр/));
        expect(g.applied).toHaveLength(1);
        expect(excel.at('worksheets', 'add').map((e) => e.args?.[0])).toEqual([
          'Нэгтгэл',
          'Товчоо',
          'Авлага',
        ]);
        // One sync reads which sheets exist, one writes the plan.
        expect(sync).toHaveBeenCalledTimes(2);
      }
      cleanup();
    }
  });

  test('while the plan is written there is no cancel: a note says the write is not cut halfway', async () => {
    const inner = await departmentsHost();
    const host = Object.create(inner) as WorkbookHost;
    let finish: () => void = () => undefined;
    host.applyPlan = (plan, o: ApplyOptions = {}) =>
      new Promise<ApplyOutcome>((resolve) => {
        o.onProgress?.(1, plan.ops.length);
        finish = () => void inner.applyPlan(plan, o).then(resolve);
      });
    await openConsolidate(host);
    await user.click(screen.getByRole('button', { name: 'Нэгтгэх' }));
    const bar = await screen.findByRole('region', { name: 'Нэгтгэлийг бичиж байна' });
    expect(within(bar).getByRole('progressbar')).toBeTruthy();
    expect(within(bar).queryByRole('button', { name: 'Цуцлах' })).toBeNull();
    expect(
      within(bar).getByText(
        'Бичиж эхэлсэн нэгтгэлийг дундуур нь зогсоохгүй: хагас бичигдсэн хуудас үлдэхгүй.',
      ),
    ).toBeTruthy();
    finish();
    await waitFor(() => expect(result().textContent).toMatch(/^«Нэгтгэл» хуудсанд одоо 10 мөр/));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
