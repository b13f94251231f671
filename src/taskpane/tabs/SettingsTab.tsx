import { Button, Checkbox, Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { UserSettings } from '../../host/host';
import { DEFAULT_USER_SETTINGS, validThresholds, validYear, withDefaults } from '../../host/settings';
import { UI, type Lang } from '../../i18n/ui';
import { usePane } from '../context';
import { usePaneStyles } from '../styles';
import { Outcome } from './Outcome';

interface Draft {
  thresholds: [string, string, string];
  third: '30' | '40';
  rounding: 'half-up' | 'truncate';
  year: string;
}

const draftOf = (s: UserSettings): Draft => ({
  thresholds: s.scale.thresholds.map(String) as [string, string, string],
  third: String(s.scale.thirdLevelLabel) as '30' | '40',
  rounding: s.scale.rounding,
  year: s.yearOverride === null ? '' : String(s.yearOverride),
});

const num = (s: string) => (s.trim() === '' ? NaN : Number(s));

export function SettingsTab() {
  const { t, settings, saveSettings, announce, attempt } = usePane();
  const styles = usePaneStyles();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const thresholds = draft.thresholds.map(num);
  const thresholdsOk = validThresholds(thresholds);
  const year = draft.year.trim() === '' ? null : Number(draft.year);
  const yearOk = year === null || validYear(year);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!thresholdsOk || !yearOk) return;
    const next: UserSettings = {
      ...settings,
      scale: {
        thresholds: [thresholds[0], thresholds[1], thresholds[2]],
        thirdLevelLabel: draft.third === '40' ? 40 : 30,
        rounding: draft.rounding,
      },
      yearOverride: year,
    };
    void attempt(async () => {
      await saveSettings(next);
      announce(t.settings.saved, 'success', 'settings-save');
    });
  };

  // Language and live checking take effect at once, like the header's language button.
  const saveNow = (change: Partial<UserSettings>) =>
    void attempt(async () => {
      const next = { ...settings, ...change };
      await saveSettings(next);
      announce(UI[next.lang].settings.saved, 'success', 'settings-now');
    }, 'settings-now');

  const setThreshold = (i: 0 | 1 | 2, value: string) => {
    const next = [...draft.thresholds] as [string, string, string];
    next[i] = value;
    setDraft({ ...draft, thresholds: next });
  };

  return (
    <section className={styles.section} aria-labelledby="settings-heading">
      <h2 id="settings-heading" className={styles.heading}>
        {t.settings.heading}
      </h2>
      <form className={styles.form} onSubmit={submit}>
        <Field label={t.settings.language}>
          <RadioGroup value={settings.lang} onChange={(_, d) => saveNow({ lang: d.value as Lang })}>
            <Radio value="mn" label="Монгол" lang="mn" />
            <Radio value="en" label="English" lang="en" />
          </RadioGroup>
        </Field>
        <Field hint={t.settings.liveCheckHint}>
          <Checkbox
            label={t.settings.liveCheck}
            checked={settings.liveCheck}
            onChange={(_, d) => saveNow({ liveCheck: d.checked === true })}
          />
        </Field>
        <Outcome at="settings-now" />

        <fieldset className={styles.fieldset}>
          <legend className={styles.heading}>{t.settings.scale}</legend>
          {([t.settings.threshold100, t.settings.threshold70, t.settings.threshold30] as const).map(
            (label, i) => (
              <Field
                key={i}
                label={label}
                validationMessage={!thresholdsOk && i === 0 ? t.settings.invalidThresholds : undefined}
              >
                <Input
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={100}
                  value={draft.thresholds[i]}
                  onChange={(_, d) => setThreshold(i as 0 | 1 | 2, d.value)}
                />
              </Field>
            ),
          )}
        </fieldset>

        <Field label={t.settings.thirdLabel}>
          <RadioGroup
            value={draft.third}
            onChange={(_, d) => setDraft({ ...draft, third: d.value as '30' | '40' })}
          >
            <Radio value="30" label={t.settings.third30} />
            <Radio value="40" label={t.settings.third40} />
          </RadioGroup>
        </Field>

        <Field label={t.settings.rounding}>
          <RadioGroup
            value={draft.rounding}
            onChange={(_, d) => setDraft({ ...draft, rounding: d.value as Draft['rounding'] })}
          >
            <Radio value="half-up" label={t.settings.halfUp} />
            <Radio value="truncate" label={t.settings.truncate} />
          </RadioGroup>
        </Field>

        <Field
          label={t.settings.yearOverride}
          hint={t.settings.yearOverrideHint}
          validationMessage={yearOk ? undefined : t.settings.invalidYear}
        >
          <Input
            type="number"
            inputMode="numeric"
            value={draft.year}
            onChange={(_, d) => setDraft({ ...draft, year: d.value })}
          />
        </Field>

        <div className={styles.row}>
          <Button appearance="primary" type="submit" disabled={!thresholdsOk || !yearOk}>
            {t.settings.save}
          </Button>
          <Button onClick={() => setDraft(draftOf(withDefaults(DEFAULT_USER_SETTINGS)))}>
            {t.settings.reset}
          </Button>
        </div>
        <Outcome at="settings-save" />
      </form>
    </section>
  );
}
