/** The renderer's entry: obtain the DeskApi, build the stores, wire the side effects, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { obtainDeskApi } from './api/desk-api';
import { App } from './app/App';
import { AppBoundary } from './ui/PaneBoundary';
import { StoresContext } from './app/hooks';
import { createStores } from './app/stores';
import { bootstrap } from './bootstrap';
import './styles.css';

const connection = obtainDeskApi();
const stores = createStores(connection.api);
bootstrap(connection, stores);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoresContext.Provider value={stores}>
      <AppBoundary>
        <App />
      </AppBoundary>
    </StoresContext.Provider>
  </StrictMode>,
);
