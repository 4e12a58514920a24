import {
  IconArrowsExchange,
  IconCopy,
  IconFileExport,
  IconFolderOpen,
  IconSearch,
  IconSettings,
  IconShieldCheck,
  type Icon,
} from '@tabler/icons-react';

export type ScreenId =
  'search' | 'duplicates' | 'cases' | 'exports' | 'sync' | 'audit' | 'settings';

export interface ScreenInfo {
  id: ScreenId;
  label: string;
  icon: Icon;
  /** What the screen is for, said plainly on screens that are not built yet. */
  purpose: string;
}

export const SCREENS: readonly ScreenInfo[] = [
  {
    id: 'search',
    label: 'Search',
    icon: IconSearch,
    purpose:
      'Find every record of a person by name, email, phone, customer or order id, street or postcode, forgiving typos, and open their full profile.',
  },
  {
    id: 'duplicates',
    label: 'Duplicates',
    icon: IconCopy,
    purpose:
      'Review records that are probably the same person, with each pair explained field by field, and merge them with full provenance and undo.',
  },
  {
    id: 'cases',
    label: 'Cases',
    icon: IconFolderOpen,
    purpose:
      'Data subject requests (GDPR and CCPA) from intake to closure: legal deadlines, identity verification, approvals, notes and timeline.',
  },
  {
    id: 'exports',
    label: 'Exports',
    icon: IconFileExport,
    purpose:
      'Access reports and portability packages written to disk with a checksummed manifest, and re-verification of packages already sent.',
  },
  {
    id: 'sync',
    label: 'Sync',
    icon: IconArrowsExchange,
    purpose:
      'The state of the replica against the central customer database: last sync, lag, pending operations and conflicts to resolve.',
  },
  { id: 'audit', label: 'Audit', icon: IconShieldCheck, purpose: 'The audit trail.' },
  { id: 'settings', label: 'Settings', icon: IconSettings, purpose: 'Settings.' },
];
