import { AppShell, Button, Group, Kbd, NavLink, Text } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { notifications } from '@mantine/notifications';
import { IconLock, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { WorkspaceStatus } from '../../../../shared/types';
import { call, errorMessage, useEvent } from '../../ipc';
import { AuditScreen } from '../audit/AuditScreen';
import { CasesScreen } from '../cases/CasesScreen';
import type { CaseDraft } from '../cases/NewCaseModal';
import { ScreenBoundary } from '../diagnostics/ScreenBoundary';
import { DuplicatesScreen } from '../duplicates/DuplicatesScreen';
import { ExportsScreen } from '../exports/ExportsScreen';
import { HomeScreen } from '../home/HomeScreen';
import { ProfileScreen } from '../profile/ProfileScreen';
import { QualityScreen } from '../quality/QualityScreen';
import { CustomerSpotlight } from '../search/CustomerSpotlight';
import { SearchScreen, type SearchState } from '../search/SearchScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { SyncScreen } from '../sync/SyncScreen';
import { SCREENS, type ScreenId } from './screens';
import { ThemeToggle } from './ThemeToggle';

const EMPTY_SEARCH: SearchState = { text: '', filters: { statuses: [], tags: [] } };

interface Props {
  status: WorkspaceStatus;
  onChange: (status: WorkspaceStatus) => void;
}

/** The open workspace: header with lock and theme, navigation, and the chosen screen. */
export function AppLayout({ status, onChange }: Props) {
  const [screen, setScreen] = useState<ScreenId>('home');
  /** The open profile, shown in place of the search screen; search keeps its query meanwhile. */
  const [profileId, setProfileId] = useState<number | null>(null);
  const [search, setSearch] = useState<SearchState>(EMPTY_SEARCH);
  const [caseId, setCaseId] = useState<string | null>(null);
  const [caseDraft, setCaseDraft] = useState<CaseDraft | null>(null);
  const [locking, setLocking] = useState(false);

  // The app menu and the notifications lead here (in Electron only).
  useEvent('app:navigate', (to) => {
    setScreen(to.screen);
    if (to.screen === 'search') setProfileId(null);
    if (to.screen === 'cases') setCaseId(to.caseId);
  });

  function openProfile(customerId: number) {
    setScreen('search');
    setProfileId(customerId);
  }

  function startCase(draft: CaseDraft) {
    setCaseId(null);
    setCaseDraft(draft);
    setScreen('cases');
  }

  async function lock() {
    setLocking(true);
    try {
      onChange(await call('workspace:lock', {}));
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not lock', message: errorMessage(error) });
      setLocking(false);
    }
  }

  // A screen that failed is shown afresh when the officer opens it (or another record) again.
  const shown = screen === 'search' && profileId !== null ? 'profile' : screen;
  const shownLabel =
    shown === 'profile' ? 'Profile' : (SCREENS.find((s) => s.id === shown)?.label ?? shown);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            {/* Not a heading: each screen's own title is the page's main heading. */}
            <Text fw={700}>Reflect Privacy Desk</Text>
            <Text size="sm" c="dimmed" data-testid="workspace-name">
              {status.workspace?.name}
            </Text>
          </Group>
          <Group gap="sm">
            <Button
              variant="default"
              size="xs"
              leftSection={<IconSearch size={14} />}
              onClick={() => spotlight.open()}
              aria-label="Find a person (Ctrl+K)"
            >
              Find a person{' '}
              <Kbd size="xs" ml={6}>
                Ctrl K
              </Kbd>
            </Button>
            <ThemeToggle />
            <Button
              variant="default"
              size="xs"
              leftSection={<IconLock size={14} />}
              loading={locking}
              onClick={() => void lock()}
            >
              Lock
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Screens">
        {SCREENS.map((item) => (
          <NavLink
            key={item.id}
            component="button"
            label={item.label}
            leftSection={<item.icon size={18} stroke={1.6} />}
            active={item.id === screen}
            aria-current={item.id === screen ? 'page' : undefined}
            onClick={() => {
              setScreen(item.id);
              if (item.id === 'search') setProfileId(null);
              if (item.id === 'cases') setCaseId(null);
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <CustomerSpotlight
          onOpen={openProfile}
          onOpenCase={(id) => {
            setCaseId(id);
            setScreen('cases');
          }}
          onOpenScreen={(id) => {
            setScreen(id);
            if (id === 'search') setProfileId(null);
            if (id === 'cases') setCaseId(null);
          }}
        />
        <ScreenBoundary
          key={shown === 'profile' ? `profile-${String(profileId)}` : shown}
          screen={shown}
          label={shownLabel}
        >
          {screen === 'search' ? (
            profileId === null ? (
              <SearchScreen state={search} onChange={setSearch} onOpen={openProfile} />
            ) : (
              <ProfileScreen
                key={profileId}
                customerId={profileId}
                onBack={() => setProfileId(null)}
                onOpen={openProfile}
                onStartCase={startCase}
                onOpenCase={(id) => {
                  setCaseId(id);
                  setScreen('cases');
                }}
              />
            )
          ) : screen === 'cases' ? (
            <CasesScreen
              openCaseId={caseId}
              onOpenCase={setCaseId}
              draft={caseDraft}
              onDraftDone={() => setCaseDraft(null)}
              onOpenProfile={openProfile}
            />
          ) : screen === 'exports' ? (
            <ExportsScreen
              onOpenCase={(id) => {
                setCaseId(id);
                setScreen('cases');
              }}
            />
          ) : screen === 'duplicates' ? (
            <DuplicatesScreen onOpenProfile={openProfile} />
          ) : screen === 'quality' ? (
            <QualityScreen onOpenProfile={openProfile} />
          ) : screen === 'home' ? (
            <HomeScreen
              onOpenCase={(id) => {
                setCaseId(id);
                setScreen('cases');
              }}
              onOpenScreen={setScreen}
            />
          ) : screen === 'audit' ? (
            <AuditScreen />
          ) : screen === 'settings' ? (
            <SettingsScreen status={status} />
          ) : (
            <SyncScreen onOpenSettings={() => setScreen('settings')} />
          )}
        </ScreenBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
