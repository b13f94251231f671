/** Natural order of names people read: `2` before `10` before `100`, letters as the locale sorts them. */
const collator = new Intl.Collator('mn', { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
