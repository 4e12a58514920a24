import { Button, Group, Loader, Menu, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CaseDetail, CaseFilters, CaseList } from '../../../../shared/cases';
import { call, errorMessage, useEvent } from '../../ipc';
import { BulkBar } from './BulkBar';
import { CaseCalendarView } from './CaseCalendarView';
import { CaseDashboardView } from './CaseDashboardView';
import { CaseDetailView } from './CaseDetailView';
import { CaseFilterBar } from './CaseFilterBar';
import { CaseTable } from './CaseTable';
import { NewCaseModal, type CaseDraft } from './NewCaseModal';
import { useRoleRefusal } from '../access/useDeskAccess';

export const NO_CASE_FILTERS: CaseFilters = {
  statuses: [],
  requestTypes: [],
  jurisdictions: [],
  assignee: null,
  dueWithinDays: null,
  overdueOnly: false,
  text: '',
};

interface Props {
  openCaseId: string | null;
  onOpenCase: (caseId: string | null) => void;
  /** A case to start, handed over from a subject's profile. */
  draft: CaseDraft | null;
  onDraftDone: () => void;
  onOpenProfile: (customerId: number) => void;
}

/** The case list (soonest due first) with filters, counts and bulk actions, and the dashboard. */
export function CasesScreen({ openCaseId, onOpenCase, draft, onDraftDone, onOpenProfile }: Props) {
  const [filters, setFilters] = useState<CaseFilters>(NO_CASE_FILTERS);
  const [debounced] = useDebouncedValue(filters, 150);
  const [list, setList] = useState<CaseList | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [creating, setCreating] = useState(false);
  const [defaultZone, setDefaultZone] = useState('UTC');
  const [refresh, setRefresh] = useState(0);
  const createRefusal = useRoleRefusal('change-records');
  useEvent('sync:state-changed', (overview) => {
    if (overview.state === 'idle') setRefresh((n) => n + 1);
  });
  useEffect(() => {
    void call('cases:settings', {}).then((s) => setDefaultZone(s.defaultTimeZone));
  }, []);
  useEffect(() => {
    let live = true;
    call('cases:list', { filters: debounced }).then(
      (loaded) => {
        if (!live) return;
        setList(loaded);
        const shown = new Set(loaded.cases.map((c) => c.caseId));
        setSelected((s) => new Set([...s].filter((id) => shown.has(id))));
      },
      (error: unknown) =>
        notifications.show({ color: 'red', title: 'Cases', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [debounced, refresh, openCaseId]);

  async function exportRegister(format: 'xlsx' | 'csv') {
    try {
      const written = await call('cases:export-register', { format });
      if (written) {
        notifications.show({
          color: 'green',
          title: 'Register saved',
          message: `${written.cases} cases written to ${written.path}`,
        });
      }
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Register not saved',
        message: errorMessage(error),
      });
    }
  }

  // A draft from a profile opens the form at once.
  const modal = (creating || draft !== null) && (
    <NewCaseModal
      draft={draft}
      defaultTimeZone={defaultZone}
      onClose={() => {
        setCreating(false);
        onDraftDone();
      }}
      onCreated={(detail: CaseDetail) => {
        setCreating(false);
        onDraftDone();
        onOpenCase(detail.caseId);
      }}
    />
  );

  if (openCaseId) {
    return (
      <>
        {modal}
        <CaseDetailView
          key={openCaseId}
          caseId={openCaseId}
          onBack={() => onOpenCase(null)}
          onOpenCase={onOpenCase}
          onOpenProfile={onOpenProfile}
        />
      </>
    );
  }
  const chosen = list?.cases.filter((c) => selected.has(c.caseId)) ?? [];
  return (
    <Stack>
      {modal}
      <Group justify="space-between">
        <Title order={2}>Cases</Title>
        <Group gap="xs">
          <Menu>
            <Menu.Target>
              <Button variant="default" leftSection={<IconDownload size={16} />}>
                Register of requests
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void exportRegister('xlsx')}>
                Save as Excel workbook
              </Menu.Item>
              <Menu.Item onClick={() => void exportRegister('csv')}>Save as CSV</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          {createRefusal === null ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New request
            </Button>
          ) : (
            // Hoverable while unusable, so the reason shows (a disabled button gets no hover).
            <Tooltip label={createRefusal} multiline w={320}>
              <Button
                leftSection={<IconPlus size={16} />}
                data-disabled
                aria-disabled
                onClick={(e) => e.preventDefault()}
              >
                New request
              </Button>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Tabs defaultValue="list" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="list">List</Tabs.Tab>
          <Tabs.Tab value="calendar">Calendar</Tabs.Tab>
          <Tabs.Tab value="dashboard">Dashboard</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="md">
          <Stack>
            <CaseFilterBar filters={filters} list={list} onChange={setFilters} />
            {list === null ? (
              <Loader aria-label="Loading cases" />
            ) : (
              <>
                <Text size="sm" c="dimmed" data-testid="case-counts">
                  {list.total} case{list.total === 1 ? '' : 's'} · {list.overdue} overdue ·{' '}
                  {list.dueSoon} due within {list.dueSoonDays} days
                </Text>
                {chosen.length > 0 && createRefusal === null && (
                  <BulkBar
                    selected={chosen}
                    onDone={() => {
                      setSelected(new Set());
                      setRefresh((n) => n + 1);
                    }}
                  />
                )}
                {list.cases.length === 0 ? (
                  <Text c="dimmed">No cases match.</Text>
                ) : (
                  <CaseTable
                    cases={list.cases}
                    selected={selected}
                    onSelect={setSelected}
                    onOpen={onOpenCase}
                  />
                )}
              </>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="calendar" pt="md">
          <CaseCalendarView onOpen={onOpenCase} />
        </Tabs.Panel>
        <Tabs.Panel value="dashboard" pt="md">
          <CaseDashboardView refresh={refresh} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
