/** @jest-environment jsdom */
import './setup';
import { analyzeSheet } from '../../src/core/analyze';
import { Pane } from '../../src/taskpane/App';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtureHost, result, waitingHost } from './helpers';

const user = userEvent.setup();

const SHEET = '2024 хагас жил';

async function openCompute() {
  const host = await fixtureHost('fulfilment-2024-h1.xlsx');
  render(<Pane host={host} />);
  await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
  await user.click(screen.getByRole('tab', { name: 'Тооцоолох' }));
  return host;
}

describe('Compute tab', () => {
  test('per-goal table, overall average 88.9 with bucket counts, debt card', async () => {
    await openCompute();
    expect(screen.getByText('88.9%')).toBeTruthy();
    expect(screen.getByText('15 арга хэмжээнээс 13-ийг үнэлсэн')).toBeTruthy();
    // Levels of DESIGN.md section 6 with their counts (third level labelled 30 by default).
    const levels = screen.getByText('30 — Хэрэгжилт хангалтгүй').parentElement!;
    expect(levels.querySelector('dd')!.textContent).toBe('2');
    expect(screen.getByText('100 — Бүрэн хэрэгжсэн').parentElement!.querySelector('dd')!.textContent).toBe(
      '10',
    );
    // One row per goal: activities, assessed, average.
    const table = screen.getByRole('table', { name: 'Зорилтоор' });
    const rows = [...table.querySelectorAll('tbody')].map((group) =>
      [...group.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(table.querySelectorAll('tbody th[scope=rowgroup]')[1].textContent).toMatch(
      /^“Нийгмийн даатгалын сангийн орлого бүрдүүлэх/,
    );
    expect(rows).toEqual([
      ['2', '2', '100%'],
      ['3', '3', '88.6%'],
      ['1', '0', '—'],
      ['3', '3', '83.3%'],
      ['3', '2', '70%'],
      ['3', '3', '100%'],
    ]);
    // The receivables narrative of row 15: 19.7 % collected against a 30 % target.
    const card = screen.getByRole('group', { name: 'Авлага, 15-р мөр' });
    expect(card.textContent).toContain('19.7%');
    expect(card.textContent).toContain('Зорилтод хүрээгүй');
    expect(card.textContent).toContain('барагдуулалтын хувиар');
    // Amounts: thousands separated, one decimal, whatever the sheet wrote.
    for (const dd of Array.from(card.querySelectorAll('dd')).slice(0, 2))
      expect(dd.textContent).toMatch(/^(\d{1,3}(,\d{3})*\.\d|—)$/);
  });

  test('fill writes the computed 100 into H10 and 65.7 into H15, never over entered values', async () => {
    const host = await openCompute();
    const ws = host.workbook.getWorksheet(SHEET)!;
    const before = analyzeSheet(await host.readSheet(SHEET));
    const entered = before.activities
      .filter((a) => a.percentSource === 'entered')
      .map((a) => [a.row, ws.getCell(a.row, 8).value]);
    await user.click(screen.getByRole('button', { name: 'Тооцоолсон хувийг бичих' }));
    await waitFor(() => expect(result().textContent).toBe('2 нүдэнд тооцоолсон хувь бичлээ: H10, H15.'));
    expect(ws.getCell('H10').value).toBe(100);
    expect(ws.getCell('H15').value).toBe(65.7);
    expect(ws.getCell('H19').value ?? null).toBeNull();
    expect(ws.getCell('H28').value ?? null).toBeNull();
    for (const [row, value] of entered) expect(ws.getCell(row as number, 8).value).toEqual(value);
    // Written values are now entered ones: filling again writes nothing.
    await user.click(screen.getByRole('button', { name: 'Тооцоолсон хувийг бичих' }));
    await waitFor(() => expect(result().textContent).toMatch(/^Бичих тооцоолсон хувь алга/));
    expect(screen.getByText('88.9%')).toBeTruthy();
  });

  test('insert summary sheet writes "Товчоо", and asks before replacing it', async () => {
    const host = await openCompute();
    await user.click(screen.getByRole('button', { name: 'Товчоо хуудас оруулах' }));
    await waitFor(() =>
      expect(result().textContent).toBe(
        '«Товчоо» хуудсыг оруулав (график нь Excel дээр нэмэгдэнэ; энд нүдэн доторх зурвасаар харуулав).',
      ),
    );
    const ws = host.workbook.getWorksheet('Товчоо')!;
    expect(ws).toBeTruthy();
    expect(ws.getCell('A1').value).toBe('ГҮЙЦЭТГЭЛИЙН ҮНЭЛГЭЭНИЙ ТОВЧОО');
    const values = ws
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'number');
    expect(values).toContain(88.9);
    // The sheet itself is untouched apart from that new sheet.
    expect(host.workbook.worksheets.map((w) => w.name)).toEqual([SHEET, 'Товчоо']);

    await user.click(screen.getByRole('button', { name: 'Товчоо хуудас оруулах' }));
    expect(
      screen.getByText('«Товчоо» хуудас аль хэдийн байна. Түүнийг энэ хуудасны товчоогоор солих уу?'),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Солих' }));
    await waitFor(() =>
      expect(result().textContent).toBe(
        '«Товчоо» хуудсыг оруулав (график нь Excel дээр нэмэгдэнэ; энд нүдэн доторх зурвасаар харуулав).',
      ),
    );
    expect(host.workbook.worksheets.map((w) => w.name)).toEqual([SHEET, 'Товчоо']);
  });
});

describe('Format tab', () => {
  test('formats the sheet in one click, values unchanged, and confirms what it did', async () => {
    const host = await fixtureHost('fulfilment-2024-h1.xlsx');
    render(<Pane host={host} />);
    await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    const before = (await host.readSheet(SHEET)).values;
    await user.click(screen.getByRole('tab', { name: 'Хэлбэржүүлэх' }));
    await user.click(screen.getByRole('button', { name: 'Нэг товшилтоор хэлбэржүүлэх' }));
    await waitFor(() =>
      expect(result().textContent).toMatch(
        /^«2024 хагас жил» хуудсыг хэлбэржүүллээ: \d+ мөр, \d+ бүлэг, \d+ зорилт\.$/,
      ),
    );
    const ws = host.workbook.getWorksheet(SHEET)!;
    expect(ws.getCell('A5').font?.bold).toBe(true);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect((await host.readSheet(SHEET)).values).toEqual(before);
  });

  test('a long format shows a determinate bar and a working cancel; values stay as they were', async () => {
    const host = waitingHost(await fixtureHost('fulfilment-2024-h1.xlsx'));
    render(<Pane host={host} />);
    await screen.findByText('Гүйцэтгэлийн төлөвлөгөөний биелэлт');
    const before = (await host.readSheet(SHEET)).values;
    await user.click(screen.getByRole('tab', { name: 'Хэлбэржүүлэх' }));
    await user.click(screen.getByRole('button', { name: 'Нэг товшилтоор хэлбэржүүлэх' }));
    const bar = await screen.findByRole('progressbar');
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    expect(screen.getByText(/^\d+ үйлдлээс 1$/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Болих' }));
    await waitFor(() => expect(result().textContent).toMatch(/^Хэлбэржүүлэлтийг зогсоолоо/));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect((await host.readSheet(SHEET)).values).toEqual(before);
  });
});
