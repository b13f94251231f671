import { amountText } from '../../src/i18n/ui';

describe('amounts in the pane', () => {
  test('thousands separated, one decimal', () => {
    expect(amountText(5297.4)).toBe('5,297.4');
    expect(amountText(2571)).toBe('2,571.0');
    expect(amountText(32829.94)).toBe('32,829.9');
    expect(amountText(1234567.25)).toBe('1,234,567.3');
    expect(amountText(999)).toBe('999.0');
    expect(amountText(-1500)).toBe('−1,500.0');
  });
});
