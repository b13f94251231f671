import { createContext, useContext } from 'react';
import type { Host, UserSettings } from '../host/host';
import type { Lang, UiText } from '../i18n/ui';
import type { Applier } from './hooks/useApplier';
import type { SheetState } from './hooks/useSheetAnalysis';

export type StatusIntent = 'info' | 'success' | 'warning' | 'error';

/** A button on a result that helps with it («Хуудас руу очих»). */
export interface OutcomeAction {
  label: string;
  run(): Promise<void>;
}

/** The latest result; `at` names the place (an Outcome beside the button that caused it) where it shows. */
export interface Status {
  text: string;
  intent: StatusIntent;
  at?: string;
  action?: OutcomeAction;
}

export interface PaneContextValue {
  host: Host;
  lang: Lang;
  t: UiText;
  settings: UserSettings;
  saveSettings(next: UserSettings): Promise<void>;
  sheet: SheetState;
  applier: Applier;
  status: Status | null;
  /**
   * Shows (and announces) the result of an action: beside the button that caused it when `at`
   * names an Outcome there, else in the pane's status line.
   */
  announce(text: string, intent?: StatusIntent, at?: string, action?: OutcomeAction): void;
  /** Runs an action; an exception becomes an error message (at `at`, as announce). */
  attempt<T>(action: () => Promise<T>, at?: string): Promise<T | undefined>;
}

export const PaneContext = createContext<PaneContextValue | null>(null);

export function usePane(): PaneContextValue {
  const value = useContext(PaneContext);
  if (!value) throw new Error('usePane outside the task pane');
  return value;
}
