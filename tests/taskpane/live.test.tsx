/** @jest-environment jsdom */
import './setup';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SETTINGS_KEY } from '../../src/host/settings';
import { LIVE_CHECK_DELAY_MS } from '../../src/taskpane/hooks/useSheetAnalysis';
import { Pane } from '../../src/taskpane/App';
import { departmentsHost, fixtureHost } from './helpers';

const user = userEvent.setup();
const H10 = /^H10 — гүйцэтгэлийн хувь бичээгүй байна/;
const later = { timeout: LIVE_CHECK_DELAY_MS * 4 };

describe('live checking', () => {
  test('activating another sheet checks it after the quiet second, without «Дахин шалгах»', async () => {
    const host = await departmentsHost();
    const reads = jest.spyOn(host, 'readSheet');
    render(<Pane host={host} />);
    await screen.findByText('Хуудас: hyanalt');
    reads.mockClear();
    act(() => host.activate('orlogo'));
    // Debounced: nothing read at once.
    expect(reads).not.toHaveBeenCalled();
    await screen.findByText('Хуудас: orlogo', {}, later);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  test('an edit re-checks in place: the list updates, the focused issue keeps its focus', async () => {
    const host = await fixtureHost('fulfilment-2024-h1.xlsx');
    render(<Pane host={host} />);
    const h10 = await screen.findByRole('button', { name: H10 });
    const h15 = screen.getByRole('button', { name: /^H15 — / });
    h15.focus();
    const reads = jest.spyOn(host, 'readSheet');
    const cells = jest.spyOn(host, 'readCells');
    // Three quick edits are one re-check, and it reads only the edited cells.
    act(() => {
      for (let i = 0; i < 3; i++) host.editCell({ sheet: '2024 хагас жил', row: 10, col: 8 }, 100);
    });
    await waitFor(() => expect(h10.isConnected).toBe(false), later);
    expect(reads).not.toHaveBeenCalled();
    expect(cells).toHaveBeenCalledTimes(1);
    expect(cells.mock.calls[0][1]).toEqual(Array(3).fill({ top: 10, left: 8, bottom: 10, right: 8 }));
    expect(h15.isConnected).toBe(true);
    expect(document.activeElement).toBe(h15);
    // No «loading» state: the button never went disabled.
    expect(screen.getByRole('button', { name: 'Дахин шалгах' }).hasAttribute('disabled')).toBe(false);
  });

  test('turned off in settings: no listening; on again: registered once, removed when the pane closes', async () => {
    const storage = new Map([[SETTINGS_KEY, JSON.stringify({ liveCheck: false })]]);
    const host = await departmentsHost(storage);
    const real = host.watchSheets.bind(host);
    const stops: jest.Mock[] = [];
    const watch = jest.spyOn(host, 'watchSheets').mockImplementation(async (listener) => {
      const stop = jest.fn(await real(listener));
      stops.push(stop);
      return stop;
    });
    const view = render(<Pane host={host} />);
    await screen.findByText('Хуудас: hyanalt');
    expect(watch).not.toHaveBeenCalled();
    act(() => host.activate('orlogo'));
    await new Promise((r) => setTimeout(r, LIVE_CHECK_DELAY_MS * 1.5));
    expect(screen.getByText('Хуудас: hyanalt')).toBeTruthy();

    await user.click(screen.getByRole('tab', { name: 'Тохиргоо' }));
    await user.click(screen.getByRole('checkbox', { name: 'Хуудас солих, засах бүрт дахин шалгах' }));
    await user.click(screen.getByRole('tab', { name: 'Шалгах' }));
    act(() => host.activate('tetgever'));
    await screen.findByText('Хуудас: tetgever', {}, later);
    expect(watch).toHaveBeenCalledTimes(1);
    expect(stops[0]).not.toHaveBeenCalled();
    view.unmount();
    await waitFor(() => expect(stops[0]).toHaveBeenCalledTimes(1));
  });

  test('the patched snapshot is the sheet as a full read sees it: the same issues after an edit', async () => {
    const host = await fixtureHost('fulfilment-2024-h1.xlsx');
    render(<Pane host={host} />);
    await screen.findByRole('button', { name: H10 });
    act(() => {
      host.editCell({ sheet: '2024 хагас жил', row: 10, col: 8 }, 100);
      host.editCell({ sheet: '2024 хагас жил', row: 15, col: 8 }, null);
    });
    await waitFor(() => expect(screen.queryByRole('button', { name: H10 })).toBeNull(), later);
    const patched = screen.getAllByRole('button', { name: /^[A-Z]+\d+ — / }).map((b) => b.textContent);
    // «Дахин шалгах» reads the whole sheet: the list is the same.
    await user.click(screen.getByRole('button', { name: 'Дахин шалгах' }));
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: /^[A-Z]+\d+ — / }).map((b) => b.textContent)).toEqual(
        patched,
      ),
    );
  });

  test('a structural change or an edit without an address reads the whole sheet; an edit on another sheet reads only its cells', async () => {
    const host = await departmentsHost();
    let emit: Parameters<typeof host.watchSheets>[0] = () => undefined;
    const real = host.watchSheets.bind(host);
    jest.spyOn(host, 'watchSheets').mockImplementation(async (listener) => {
      emit = listener;
      return real(listener);
    });
    render(<Pane host={host} />);
    await screen.findByText('Хуудас: hyanalt');
    const reads = jest.spyOn(host, 'readSheet');
    const cells = jest.spyOn(host, 'readCells');
    const settle = () => new Promise((r) => setTimeout(r, LIVE_CHECK_DELAY_MS * 1.5));

    act(() => emit('changed', { sheet: 'hyanalt', address: '5:5', structural: true }));
    await settle();
    expect([reads.mock.calls.length, cells.mock.calls.length]).toEqual([1, 0]);

    act(() => emit('changed'));
    await settle();
    expect([reads.mock.calls.length, cells.mock.calls.length]).toEqual([2, 0]);

    // Another sheet's edit: its cells are read (one round trip), the checked sheet stays.
    act(() => host.editCell({ sheet: 'orlogo', row: 10, col: 8 }, 100));
    await settle();
    expect([reads.mock.calls.length, cells.mock.calls.length]).toEqual([2, 1]);
    expect(screen.getByText('Хуудас: hyanalt')).toBeTruthy();
  });
});
