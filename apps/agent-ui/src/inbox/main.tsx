import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../shared/app-shell.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App product="chat" />
  </StrictMode>,
);
