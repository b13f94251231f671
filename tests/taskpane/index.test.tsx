/** @jest-environment jsdom */
import './setup';
import type { WorkbookHost } from '../../src/host/workbookHost';
import { screen } from '@testing-library/react';
import { fixtureHost } from './helpers';

/**
 * The entry starts itself when window.Office exists, so each test imports it afresh in its own
 * module registry, with its own copy of React: the test's act() cannot wrap those updates.
 * These tests therefore run as a browser would (no act environment) and poll for the result.
 */
type OnReady = (info: { host: string | null }) => void;

function stubOffice(): { ready(host: string | null): void } {
  let callback: OnReady = () => {};
  (window as { Office?: unknown }).Office = {
    HostType: { Excel: 'Excel' },
    onReady: (cb: OnReady) => ((callback = cb), Promise.resolve()),
  };
  return { ready: (host) => callback({ host }) };
}

async function importEntry(officeHost?: WorkbookHost): Promise<typeof import('../../src/taskpane/index')> {
  let entry!: typeof import('../../src/taskpane/index');
  await jest.isolateModulesAsync(async () => {
    if (officeHost) jest.doMock('../../src/host/officeHost', () => ({ createOfficeHost: () => officeHost }));
    entry = await import('../../src/taskpane/index');
  });
  return entry;
}

async function eventually<T>(fn: () => T, timeout = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if (Date.now() - start > timeout) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const g13 = () => screen.getByRole('button', { name: /^G13 — дуусах огноо/ });

describe('entry', () => {
  let host: WorkbookHost;
  beforeEach(async () => {
    Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: false });
    host = await fixtureHost('report-2024-annual.xlsx');
    document.body.replaceChildren(Object.assign(document.createElement('div'), { id: 'root' }));
  });
  afterEach(() => {
    delete (window as { Office?: unknown }).Office;
    Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
  });

  test('mount(host, element) renders the pane over any host and returns the unmount', async () => {
    const { mount } = await importEntry();
    const element = document.getElementById('root')!;
    const unmount = mount(host, element);
    await eventually(g13);
    unmount();
    expect(element.childElementCount).toBe(0);
  });

  test('inside Excel it waits for Office.onReady and mounts over the Office host', async () => {
    const office = stubOffice();
    await importEntry(host);
    expect(document.getElementById('root')!.childElementCount).toBe(0);
    office.ready('Excel');
    await eventually(g13);
  });

  test('outside Excel it says where to open it', async () => {
    const office = stubOffice();
    await importEntry();
    office.ready(null);
    await eventually(() => screen.getByText('Open ND Plan inside Excel: Home → Add-ins.'));
  });
});
