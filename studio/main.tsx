/** Studio entry: mounts the app. */
import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/editor.css';
import './styles/canvas.css';
import './styles/inspector.css';
import './styles/forms.css';
import './styles/panels.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
