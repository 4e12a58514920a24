import {
  IconArrowsExchange,
  IconChartBar,
  IconHome,
  IconCopy,
  IconFileExport,
  IconFolderOpen,
  IconSearch,
  IconSettings,
  IconShieldCheck,
  type Icon,
} from '@tabler/icons-react';

export type ScreenId =
  | 'home'
  | 'search'
  | 'duplicates'
  | 'quality'
  | 'cases'
  | 'exports'
  | 'sync'
  | 'audit'
  | 'settings';

export interface ScreenInfo {
  id: ScreenId;
  label: string;
  icon: Icon;
}

export const SCREENS: readonly ScreenInfo[] = [
  { id: 'home', label: 'Today', icon: IconHome },
  {
    id: 'search',
    label: 'Search',
    icon: IconSearch,
  },
  {
    id: 'duplicates',
    label: 'Duplicates',
    icon: IconCopy,
  },
  { id: 'quality', label: 'Data quality', icon: IconChartBar },
  {
    id: 'cases',
    label: 'Cases',
    icon: IconFolderOpen,
  },
  {
    id: 'exports',
    label: 'Exports',
    icon: IconFileExport,
  },
  {
    id: 'sync',
    label: 'Sync',
    icon: IconArrowsExchange,
  },
  { id: 'audit', label: 'Audit', icon: IconShieldCheck },
  { id: 'settings', label: 'Settings', icon: IconSettings },
];
