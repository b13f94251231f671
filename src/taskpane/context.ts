import { createContext, useContext } from 'react';
import type { Host, UserSettings } from '../host/host';
import type { Lang, UiText } from '../i18n/ui';
import type { Applier } from './hooks/useApplier';
import type { SheetState } from './hooks/useSheetAnalysis';

export type StatusIntent = 'info' | 'success' | 'warning' | 'error';

export interface PaneContextValue {
  host: Host;
  lang: Lang;
  t: UiText;
  settings: UserSettings;
  saveSettings(next: UserSettings): Promise<void>;
  sheet: SheetState;
  applier: Applier;
  /** Shows (and announces, through the pane's live region) the result of an action. */
  announce(text: string, intent?: StatusIntent): void;
  /** Runs an action; an exception becomes an error message in the live region. */
  attempt<T>(action: () => Promise<T>): Promise<T | undefined>;
}

export const PaneContext = createContext<PaneContextValue | null>(null);

export function usePane(): PaneContextValue {
  const value = useContext(PaneContext);
  if (!value) throw new Error('usePane outside the task pane');
  return value;
}
