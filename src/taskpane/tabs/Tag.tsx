import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/**
 * A small label in the colours of Fluent's Badge, from theme tokens (high contrast follows the
 * theme); the pane's own because Badge and Spinner cost more of the bundle than they give.
 */
const useStyles = makeStyles({
  tag: {
    display: 'inline-flex',
    alignItems: 'center',
    minWidth: '20px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  danger: {
    color: tokens.colorPaletteRedForeground1,
    backgroundColor: tokens.colorPaletteRedBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteRedBorder1}`,
  },
  warning: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    backgroundColor: tokens.colorPaletteYellowBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteYellowBorder1}`,
  },
  success: {
    color: tokens.colorPaletteGreenForeground1,
    backgroundColor: tokens.colorPaletteGreenBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteGreenBorder1}`,
  },
  informative: { color: tokens.colorNeutralForeground2, backgroundColor: tokens.colorNeutralBackground3 },
  busy: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
});

export type TagColor = 'danger' | 'warning' | 'success' | 'informative' | 'neutral';

export function Tag({
  color = 'neutral',
  label,
  children,
}: {
  color?: TagColor;
  label?: string;
  children: ReactNode;
}) {
  const s = useStyles();
  return (
    <span className={mergeClasses(s.tag, color !== 'neutral' && s[color])} aria-label={label}>
      {children}
    </span>
  );
}

/** "Уншиж байна…" while something loads, announced politely. */
export function Busy({ label }: { label: string }) {
  const s = useStyles();
  return (
    <span role="status" className={s.busy}>
      {label}
    </span>
  );
}
