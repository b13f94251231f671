import { Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { PERIODS, type Meta, type Period, type SheetAnalysis, type TemplateId } from '../../core/model';
import type { SheetSnapshot } from '../../core/snapshot';
import { templateById } from '../../core/templates';
import { validYear } from '../../host/settings';
import { fieldName } from '../../i18n/ui';
import { usePane } from '../context';
import {
  columnChoices,
  groupIssues,
  mappingFields,
  rankedTemplates,
  runnerUp,
  templateUnsure,
} from '../logic';
import { usePaneStyles } from '../styles';
import { Tag, Busy } from './Tag';
import { EmptyState } from './EmptyState';
import { IssueList } from './IssueList';
import { MarksSection } from './MarksSection';
import { WordImport } from './WordImport';
import { Outcome } from './Outcome';

const pct = (x: number) => Math.round(x * 100);

export function CheckTab() {
  const { t, sheet, announce, attempt } = usePane();
  const styles = usePaneStyles();

  const recheck = () =>
    attempt(async () => {
      const a = await sheet.reload();
      if (a) {
        const g = groupIssues(a.issues);
        announce(
          t.check.checked(a.sheet, g.error.length, g.warning.length, g.info.length),
          g.error.length ? 'warning' : 'success',
          'check',
        );
      }
    }, 'check');

  const { analysis, snapshot } = sheet;
  return (
    <>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void recheck()} disabled={sheet.pending}>
          {t.check.recheck}
        </Button>
        {sheet.pending && <Busy label={t.common.loading} />}
      </div>
      <Outcome at="check" />
      {sheet.status === 'error' && sheet.error && <Text>{t.common.error(sheet.error)}</Text>}
      {analysis && snapshot && !analysis.template && <EmptyState blank={snapshot.values.length === 0} />}
      {analysis && snapshot && (analysis.template || snapshot.values.length > 0) && (
        <>
          <TemplateSection analysis={analysis} />
          {analysis.template && <IssueList analysis={analysis} />}
          {analysis.template && <MarksSection analysis={analysis} />}
          {analysis.tables.length > 0 && <ColumnsSection analysis={analysis} snapshot={snapshot} />}
          <MetaSection key={`${analysis.sheet}|${JSON.stringify(analysis.meta)}`} analysis={analysis} />
        </>
      )}
      <WordImport />
    </>
  );
}

function TemplateSection({ analysis }: { analysis: SheetAnalysis }) {
  const { t, lang, sheet } = usePane();
  const styles = usePaneStyles();
  const [picking, setPicking] = useState(false);
  const unsure = templateUnsure(analysis);
  const overridden = !!sheet.overrides[analysis.sheet]?.template;
  const next = runnerUp(analysis);
  const name = (id: TemplateId) => templateById(id).name[lang];
  const ranked = rankedTemplates(analysis);
  const current = analysis.template;

  return (
    <section className={styles.section} aria-labelledby="template-heading">
      <h2 id="template-heading" className={styles.heading}>
        {t.check.template}
      </h2>
      <Text className={styles.muted}>{`${t.common.sheet}: ${analysis.sheet}`}</Text>
      <div className={styles.row}>
        {current && <Text weight="semibold">{name(current)}</Text>}
        {current && (
          <Tag color={unsure ? 'warning' : 'success'}>{t.check.confidence(pct(analysis.confidence))}</Tag>
        )}
      </div>
      {unsure && current && <Text>{t.check.unsure}</Text>}
      {next && current && (
        <Text className={styles.muted}>{t.check.runnerUp(name(next.id), pct(next.score))}</Text>
      )}
      {unsure || overridden || picking ? (
        <Field label={t.check.chooseTemplate}>
          {/* A native select: the same choice as Fluent's Dropdown at a fraction of its bundle size. */}
          <Select
            value={current ?? ''}
            onChange={(_, data) => data.value && sheet.setTemplate(data.value as TemplateId)}
          >
            {!current && <option value="">{t.common.none}</option>}
            {ranked.map((c) => (
              <option key={c.id} value={c.id}>
                {t.check.candidate(name(c.id), pct(c.score))}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <div>
          <Button size="small" onClick={() => setPicking(true)}>
            {t.check.changeTemplate}
          </Button>
        </div>
      )}
    </section>
  );
}

function ColumnsSection({ analysis, snapshot }: { analysis: SheetAnalysis; snapshot: SheetSnapshot }) {
  const { t, lang, sheet } = usePane();
  const styles = usePaneStyles();
  const unsure = templateUnsure(analysis);
  const [editing, setEditing] = useState(false);
  const table = analysis.tables[0];
  const tpl = templateById(table.template);
  const choices = columnChoices(snapshot, analysis);
  const fields = mappingFields(analysis, tpl.fields);
  const editable = unsure || editing;
  const choiceText = (letter: string) => {
    const c = choices.find((x) => x.letter === letter);
    return c?.label ? `${letter} — ${c.label}` : letter;
  };

  return (
    <section className={styles.section} aria-labelledby="columns-heading">
      <h2 id="columns-heading" className={styles.heading}>
        {t.check.columns}
      </h2>
      <Text>{t.check.headerRow(table.headerTop, table.headerRow)}</Text>
      {editable ? (
        <div className={styles.form}>
          {fields.map((f) => {
            const letter = table.columns[f];
            return (
              <Field key={f} label={fieldName(lang, f)}>
                <Select
                  value={letter ?? ''}
                  onChange={(_, data) => data.value && sheet.setColumn(f, data.value)}
                >
                  {!letter && <option value="">{t.common.none}</option>}
                  {choices.map((c) => (
                    <option key={c.letter} value={c.letter}>
                      {choiceText(c.letter)}
                    </option>
                  ))}
                </Select>
              </Field>
            );
          })}
        </div>
      ) : (
        <dl className={styles.grid} aria-label={t.check.columns}>
          {fields
            .filter((f) => table.columns[f])
            .map((f) => (
              <div key={f} className={styles.pair}>
                <dt>{fieldName(lang, f)}</dt>
                <dd className={styles.address}>{table.columns[f]}</dd>
              </div>
            ))}
        </dl>
      )}
      {!unsure && (
        <div>
          <Button size="small" onClick={() => setEditing((e) => !e)} aria-pressed={editing}>
            {editing ? t.check.doneColumns : t.check.editColumns}
          </Button>
        </div>
      )}
    </section>
  );
}

interface MetaForm {
  year: string;
  period: Period | '';
  person: string;
  unit: string;
}

function MetaSection({ analysis }: { analysis: SheetAnalysis }) {
  const { t, sheet, announce } = usePane();
  const styles = usePaneStyles();
  const m = analysis.meta;
  const [form, setForm] = useState<MetaForm>({
    year: m.year ? String(m.year) : '',
    period: m.period ?? '',
    person: m.person ?? '',
    unit: m.unit ?? '',
  });
  const year = form.year.trim() === '' ? null : Number(form.year);
  const yearInvalid = year !== null && !validYear(year);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (yearInvalid) return;
    const meta: Partial<Meta> = {
      ...(year !== null ? { year } : {}),
      ...(form.period ? { period: form.period } : {}),
      ...(form.person.trim() ? { person: form.person.trim() } : {}),
      ...(form.unit.trim() ? { unit: form.unit.trim() } : {}),
    };
    sheet.setMeta(meta);
    announce(t.check.metaApplied, 'success', 'meta');
  };

  return (
    <section className={styles.section} aria-labelledby="meta-heading">
      <h2 id="meta-heading" className={styles.heading}>
        {t.check.meta}
      </h2>
      <form className={styles.form} onSubmit={submit}>
        <Field label={t.check.year} validationMessage={yearInvalid ? t.check.invalidYear : undefined}>
          <Input
            type="number"
            inputMode="numeric"
            value={form.year}
            onChange={(_, d) => setForm({ ...form, year: d.value })}
          />
        </Field>
        <Field label={t.check.period}>
          <Select
            value={form.period}
            onChange={(_, d) => setForm({ ...form, period: (d.value as Period) || '' })}
          >
            <option value="">{t.common.none}</option>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t.periods[p]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.check.person}>
          <Input value={form.person} onChange={(_, d) => setForm({ ...form, person: d.value })} />
        </Field>
        <Field label={t.check.unit}>
          <Input value={form.unit} onChange={(_, d) => setForm({ ...form, unit: d.value })} />
        </Field>
        <div>
          <Button type="submit" disabled={yearInvalid}>
            {t.check.applyMeta}
          </Button>
        </div>
        <Outcome at="meta" />
      </form>
    </section>
  );
}
