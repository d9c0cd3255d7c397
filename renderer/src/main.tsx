import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { prepareTransport } from './api';
import { App } from './app/App';
import './styles.css';

// Take the browser host's token out of the address bar before anything renders.
prepareTransport();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
