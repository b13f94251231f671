/**
 * User settings as stored by a host: defaults, and a reader that keeps only what is valid
 * (a stored value may come from an older version or be edited by hand).
 */
import { DEFAULT_SETTINGS, type Settings } from '../core/measure';
import type { UserSettings } from './host';

/** The key under which both hosts store the settings (Office roaming settings, localStorage). */
export const SETTINGS_KEY = 'ndplan.settings';

export const DEFAULT_USER_SETTINGS: UserSettings = {
  lang: 'mn',
  scale: { ...DEFAULT_SETTINGS, thresholds: [...DEFAULT_SETTINGS.thresholds] },
  yearOverride: null,
  liveCheck: true,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isPercent = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;

/** Thresholds of the levels 100, 70 and 30: within 0–100 and strictly decreasing. */
export function validThresholds(t: readonly unknown[]): t is [number, number, number] {
  return (
    t.length === 3 &&
    t.every(isPercent) &&
    (t[0] as number) > (t[1] as number) &&
    (t[1] as number) > (t[2] as number)
  );
}

export function validYear(y: unknown): y is number {
  return typeof y === 'number' && Number.isInteger(y) && y >= 2000 && y <= 2100;
}

/** The valid part of a stored value (a JSON string or an object); anything else is dropped. */
export function sanitizeSettings(raw: unknown): Partial<UserSettings> {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  if (!isObject(value)) return {};
  const out: Partial<UserSettings> = {};
  if (value.lang === 'mn' || value.lang === 'en') out.lang = value.lang;
  if (value.yearOverride === null || validYear(value.yearOverride))
    out.yearOverride = value.yearOverride as number | null;
  if (typeof value.liveCheck === 'boolean') out.liveCheck = value.liveCheck;
  if (isObject(value.scale)) {
    const s = value.scale;
    const scale: Settings = { ...DEFAULT_USER_SETTINGS.scale };
    if (Array.isArray(s.thresholds) && validThresholds(s.thresholds))
      scale.thresholds = [s.thresholds[0], s.thresholds[1], s.thresholds[2]];
    if (s.thirdLevelLabel === 30 || s.thirdLevelLabel === 40) scale.thirdLevelLabel = s.thirdLevelLabel;
    if (s.rounding === 'half-up' || s.rounding === 'truncate') scale.rounding = s.rounding;
    out.scale = scale;
  }
  return out;
}

/** Stored settings over the defaults. */
export function withDefaults(partial: Partial<UserSettings>): UserSettings {
  return {
    lang: partial.lang ?? DEFAULT_USER_SETTINGS.lang,
    scale: partial.scale
      ? { ...partial.scale, thresholds: [...partial.scale.thresholds] }
      : { ...DEFAULT_USER_SETTINGS.scale, thresholds: [...DEFAULT_USER_SETTINGS.scale.thresholds] },
    yearOverride: partial.yearOverride ?? null,
    liveCheck: partial.liveCheck ?? DEFAULT_USER_SETTINGS.liveCheck,
  };
}
