import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import '@mantine/charts/styles.css';
import { createTheme, localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installWindowErrorReports } from './features/diagnostics/error-reports';

const theme = createTheme({
  primaryColor: 'indigo',
  // System fonts only: the CSP allows no remote fonts, and none are needed.
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif',
});

// Light, dark or the OS setting, remembered across restarts; the toggle lives in the header.
const colorSchemeManager = localStorageColorSchemeManager({ key: 'reflect-color-scheme' });

// Before anything renders, so even the first screen's errors reach the log.
installWindowErrorReports();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
    >
      <Notifications position="top-right" />
      <App />
    </MantineProvider>
  </StrictMode>,
);
