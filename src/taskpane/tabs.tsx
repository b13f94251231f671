/**
 * The pane's tabs, in order. Adding a tab is adding one entry here with its label and panel;
 * the tab list, ids and panels follow.
 */
import type { ComponentType } from 'react';
import type { UiText } from '../i18n/ui';
import { CheckTab } from './tabs/CheckTab';
import { ComputeTab } from './tabs/ComputeTab';
import { ConsolidateTab } from './tabs/ConsolidateTab';
import { FormatTab } from './tabs/FormatTab';
import { PlanTab } from './tabs/PlanTab';
import { SettingsTab } from './tabs/SettingsTab';

export type TabId = keyof UiText['tabs'];

export interface TabDefinition {
  id: TabId;
  label: (t: UiText) => string;
  Panel: ComponentType;
}

export const TABS: TabDefinition[] = [
  { id: 'check', label: (t) => t.tabs.check, Panel: CheckTab },
  { id: 'compute', label: (t) => t.tabs.compute, Panel: ComputeTab },
  { id: 'format', label: (t) => t.tabs.format, Panel: FormatTab },
  { id: 'consolidate', label: (t) => t.tabs.consolidate, Panel: ConsolidateTab },
  { id: 'plan', label: (t) => t.tabs.plan, Panel: PlanTab },
  { id: 'settings', label: (t) => t.tabs.settings, Panel: SettingsTab },
];
