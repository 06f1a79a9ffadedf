/**
 * The app shell: checks the session, then shows the page for the current hash route with the
 * top navigation. Unknown routes go to the workflows list.
 */
import { useEffect, useState } from 'react';
import { ApiError } from './api/http.ts';
import { api, type User } from './api/studio-api.ts';
import { Icon } from './components/Icon.tsx';
import { Toasts } from './components/Toasts.tsx';
import { useRoute } from './lib/hash-route.ts';
import { EditorPage } from './pages/EditorPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { RunsPage } from './pages/RunsPage.tsx';
import { WorkflowsPage } from './pages/WorkflowsPage.tsx';

/** The studio. */
export function App() {
  const route = useRoute();
  const [user, setUser] = useState<User | null>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    api
      .me()
      .then(setUser, (e: Error) =>
        e instanceof ApiError && e.status === 401 ? setUser(null) : setError(e.message),
      );
  }, []);

  if (error) return <div className="page error-box">The studio cannot reach the host: {error}</div>;
  if (user === undefined) return <div className="page muted">Loading…</div>;
  if (user === null) {
    return (
      <>
        <LoginPage onSignedIn={setUser} />
        <Toasts />
      </>
    );
  }
  const [section, id] = route.segments;
  const page =
    section === 'workflows' && id ? (
      <EditorPage key={id} workflowId={id} runId={route.query.get('run') ?? undefined} />
    ) : section === 'runs' ? (
      <RunsPage initialWorkflow={route.query.get('workflow') ?? undefined} />
    ) : (
      <WorkflowsPage />
    );
  const inEditor = section === 'workflows' && !!id;
  return (
    <div className={`app${inEditor ? ' in-editor' : ''}`}>
      <nav className="topnav">
        <a href="#/workflows" className="brand">
          <Icon name="workflow" size={18} /> Flow Studio
        </a>
        <a href="#/workflows" className={section !== 'runs' ? 'on' : ''}>
          Workflows
        </a>
        <a href="#/runs" className={section === 'runs' ? 'on' : ''}>
          Runs
        </a>
        <span className="spacer" />
        <span className="muted small">
          <Icon name="user" size={14} /> {user.name ?? user.email}
        </span>
        <button type="button" className="link" onClick={() => void api.logout().finally(() => setUser(null))}>
          Sign out
        </button>
      </nav>
      {page}
      <Toasts />
    </div>
  );
}
