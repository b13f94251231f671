/** @jest-environment jsdom */
import './setup';
import { SETTINGS_KEY } from '../../src/host/settings';
import { Pane } from '../../src/taskpane/App';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtureHost, result } from './helpers';

const user = userEvent.setup();

describe('Settings tab', () => {
  test('scale, label preset, rounding and report year persist through saveSettings and apply', async () => {
    const storage = new Map<string, string>();
    const host = await fixtureHost('fulfilment-2024-h1.xlsx', storage);
    const saved = jest.spyOn(host, 'saveSettings');
    const first = render(<Pane host={host} />);
    await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    await user.click(screen.getByRole('tab', { name: 'Тохиргоо' }));

    await user.click(screen.getByRole('radio', { name: /^40 / }));
    await user.click(screen.getByRole('radio', { name: /^Таслах/ }));
    const upper = screen.getByLabelText('Бүрэн хэрэгжсэн (100) — доод хязгаар');
    await user.clear(upper);
    await user.type(upper, '95');
    const year = screen.getByLabelText('Тайлант он');
    await user.type(year, '2023');
    await user.click(screen.getByRole('button', { name: 'Хадгалах' }));
    await waitFor(() => expect(result().textContent).toBe('Тохиргоог хадгаллаа.'));

    expect(saved).toHaveBeenCalledTimes(1);
    expect(JSON.parse(storage.get(SETTINGS_KEY)!)).toEqual({
      lang: 'mn',
      scale: { thresholds: [95, 60, 30], thirdLevelLabel: 40, rounding: 'truncate' },
      yearOverride: 2023,
      liveCheck: true,
    });

    // Applied at once: the third level is labelled 40, the year override reaches the analysis.
    await user.click(screen.getByRole('tab', { name: 'Тооцоолох' }));
    expect(screen.getByText('40 — Хэрэгжилт хангалтгүй')).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Шалгах' }));
    expect((screen.getByLabelText('Он') as HTMLInputElement).value).toBe('2023');

    // A new pane over the same storage starts with them.
    first.unmount();
    render(<Pane host={host} />);
    await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    await user.click(screen.getByRole('tab', { name: 'Тохиргоо' }));
    expect(screen.getByRole('radio', { name: /^40 /, checked: true })).toBeTruthy();
    expect(screen.getByRole('radio', { name: /^Таслах/, checked: true })).toBeTruthy();
    expect((screen.getByLabelText('Бүрэн хэрэгжсэн (100) — доод хязгаар') as HTMLInputElement).value).toBe(
      '95',
    );
  });

  test('invalid thresholds cannot be saved', async () => {
    const host = await fixtureHost('fulfilment-2024-h1.xlsx');
    const saved = jest.spyOn(host, 'saveSettings');
    render(<Pane host={host} />);
    await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    await user.click(screen.getByRole('tab', { name: 'Тохиргоо' }));
    const middle = screen.getByLabelText('Хэрэгжих шатандаа (70) — доод хязгаар');
    await user.clear(middle);
    await user.type(middle, '95');
    expect(screen.getByText(/^Хязгаарууд 0–100 хооронд/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Хадгалах' }).hasAttribute('disabled')).toBe(true);
    expect(saved).not.toHaveBeenCalled();
  });

  test('language chosen in settings switches the pane at once, without Save', async () => {
    const storage = new Map<string, string>();
    const host = await fixtureHost('fulfilment-2024-h1.xlsx', storage);
    render(<Pane host={host} />);
    await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    await user.click(screen.getByRole('tab', { name: 'Тохиргоо' }));
    await user.click(screen.getByRole('radio', { name: 'English' }));
    await waitFor(() => expect(result().textContent).toBe('Settings saved.'));
    expect(screen.getByRole('tab', { name: 'Settings' })).toBeTruthy();
    expect(JSON.parse(storage.get(SETTINGS_KEY)!).lang).toBe('en');
  });

  test('live checking is a setting that applies at once and is stored', async () => {
    const storage = new Map<string, string>();
    const host = await fixtureHost('fulfilment-2024-h1.xlsx', storage);
    render(<Pane host={host} />);
    await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    await user.click(screen.getByRole('tab', { name: 'Тохиргоо' }));
    const box = screen.getByRole('checkbox', { name: 'Хуудас солих, засах бүрт дахин шалгах' });
    expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(box);
    await waitFor(() => expect(JSON.parse(storage.get(SETTINGS_KEY)!).liveCheck).toBe(false));
    expect((box as HTMLInputElement).checked).toBe(false);
  });
});
