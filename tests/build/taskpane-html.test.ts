/** @jest-environment jsdom */
/** The task pane's HTML template: Office.js from Microsoft's CDN, no inline script, a strict CSP. */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const html = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'taskpane', 'taskpane.html'), 'utf8');
const doc = new DOMParser().parseFromString(html, 'text/html');

function csp(): Map<string, string[]> {
  const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const directives = (meta?.getAttribute('content') ?? '').split(';').map((d) => d.trim().split(/\s+/));
  return new Map(directives.filter((d) => d[0]).map(([name, ...sources]) => [name, sources]));
}

describe('src/taskpane/taskpane.html', () => {
  it('is a Mongolian page with a React root that loads Office.js from Microsoft', () => {
    expect(doc.documentElement.lang).toBe('mn');
    expect(doc.getElementById('root')).not.toBeNull();
    const scripts = Array.from(doc.querySelectorAll('script'));
    expect(scripts.map((s) => s.getAttribute('src'))).toEqual([
      'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
    ]);
    expect(scripts.every((s) => s.textContent === '')).toBe(true);
    expect(doc.querySelectorAll('[style], style')).toHaveLength(0);
  });

  it('allows only what the task pane uses', () => {
    const emptyStyle = `'sha256-${createHash('sha256').update('').digest('base64')}'`;
    expect(Object.fromEntries(csp())).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'", 'https://appsforoffice.microsoft.com'],
      'style-src': ["'self'", emptyStyle],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'", 'https://graph.microsoft.com', 'https://login.microsoftonline.com'],
    });
  });
});
