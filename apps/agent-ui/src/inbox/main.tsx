import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { InboxApp } from './inbox-app.js';
import './inbox.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <InboxApp />
  </StrictMode>,
);
