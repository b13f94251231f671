import {
  DEFAULT_USER_SETTINGS,
  sanitizeSettings,
  validThresholds,
  withDefaults,
} from '../../src/host/settings';

describe('settings', () => {
  test('defaults: Mongolian, 90/60/30, third level 30, half-up, no year override, live checking on', () => {
    expect(DEFAULT_USER_SETTINGS).toEqual({
      lang: 'mn',
      scale: { thresholds: [90, 60, 30], thirdLevelLabel: 30, rounding: 'half-up' },
      yearOverride: null,
      liveCheck: true,
    });
    expect(withDefaults({})).toEqual(DEFAULT_USER_SETTINGS);
    expect(withDefaults({}).scale.thresholds).not.toBe(DEFAULT_USER_SETTINGS.scale.thresholds);
  });

  test('reads JSON or objects and keeps only valid parts', () => {
    expect(sanitizeSettings(null)).toEqual({});
    expect(sanitizeSettings('not json')).toEqual({});
    expect(sanitizeSettings('[1,2]')).toEqual({});
    expect(sanitizeSettings({ lang: 'en', yearOverride: 2023 })).toEqual({ lang: 'en', yearOverride: 2023 });
    expect(sanitizeSettings({ lang: 'de', yearOverride: 1850 })).toEqual({});
    expect(sanitizeSettings({ liveCheck: false })).toEqual({ liveCheck: false });
    expect(sanitizeSettings({ liveCheck: 'no' })).toEqual({});
    expect(
      sanitizeSettings(
        JSON.stringify({ scale: { thresholds: [95, 70, 40], thirdLevelLabel: 40, rounding: 'truncate' } }),
      ),
    ).toEqual({
      scale: { thresholds: [95, 70, 40], thirdLevelLabel: 40, rounding: 'truncate' },
    });
    expect(
      sanitizeSettings({ scale: { thresholds: [60, 90, 30], thirdLevelLabel: 35, rounding: 'up' } }),
    ).toEqual({
      scale: { thresholds: [90, 60, 30], thirdLevelLabel: 30, rounding: 'half-up' },
    });
  });

  test('thresholds lie in 0–100 and strictly decrease', () => {
    expect(validThresholds([90, 60, 30])).toBe(true);
    expect(validThresholds([100, 50, 0])).toBe(true);
    expect(validThresholds([90, 90, 30])).toBe(false);
    expect(validThresholds([101, 60, 30])).toBe(false);
    expect(validThresholds([90, 60])).toBe(false);
    expect(validThresholds([90, NaN, 30])).toBe(false);
  });
});
