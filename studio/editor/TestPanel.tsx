/**
 * The test panel: run the workflow with a JSON input or as a chat, and watch the nodes light up
 * from the live trace. The run uses the current draft text, so a builder can test before saving.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/studio-api.ts';
import { watchRun } from '../api/watch-run.ts';
import { Icon } from '../components/Icon.tsx';
import { useEditor, useEditorStore } from './editor-context.tsx';
import { Json } from './NodeRunDetails.tsx';
import { selectRun, selectWorkflow } from './selectors.ts';
import { sampleInput } from './workflow-fields.ts';

/** The text of a reply in a run output: `reply`, `text`, `answer`, `message`, or the JSON. */
export function replyText(output: unknown): string {
  if (typeof output === 'string') return output;
  const o = (output ?? {}) as Record<string, unknown>;
  for (const k of ['reply', 'text', 'answer', 'message', 'output'])
    if (typeof o[k] === 'string') return o[k] as string;
  return JSON.stringify(output);
}

type ChatLine = { id: number; who: 'user' | 'bot' | 'error'; text: string };
let lineId = 0;

/** The test panel of the editor in context. */
export function TestPanel({ workflowId }: { workflowId: string }) {
  const store = useEditorStore();
  const workflow = useEditor(selectWorkflow);
  const run = useEditor(selectRun);
  const [mode, setMode] = useState<'json' | 'chat'>(workflow.inputs?.message ? 'chat' : 'json');
  const sample = useMemo(() => sampleInput(workflow.inputs), [workflow.inputs]);
  const [input, setInput] = useState(sample);
  // Follow the declared inputs while the builder has not typed their own input.
  const shownSample = useRef(sample);
  useEffect(() => {
    const previous = shownSample.current;
    shownSample.current = sample;
    setInput((cur) => (cur === previous ? sample : cur));
  }, [sample]);
  const [message, setMessage] = useState('');
  const [chat, setChat] = useState<ChatLine[]>([]);
  const [error, setError] = useState<string>();
  const stop = useRef<(() => void) | undefined>(undefined);
  const chatRun = useRef<string | undefined>(undefined);

  useEffect(() => () => stop.current?.(), []);
  useEffect(() => {
    if (!chatRun.current || run.runId !== chatRun.current || run.status === 'running') return;
    chatRun.current = undefined;
    setChat((c) => [
      ...c,
      run.status === 'completed'
        ? { id: ++lineId, who: 'bot', text: replyText(run.output) }
        : { id: ++lineId, who: 'error', text: run.error?.message ?? `Run ${run.status}` },
    ]);
  }, [run]);

  const start = async (value: unknown) => {
    setError(undefined);
    stop.current?.();
    try {
      const s = store.getState();
      const runId = await api.startRun({ workflowId, input: value, yaml: s.text });
      s.startRun(runId);
      stop.current = watchRun(runId, (event) => store.getState().traceEvent(event));
      return runId;
    } catch (e) {
      setError((e as Error).message);
      return undefined;
    }
  };

  const runJson = () => {
    let value: unknown;
    try {
      value = JSON.parse(input || '{}');
    } catch (e) {
      setError(`The input is not valid JSON: ${(e as Error).message}`);
      return;
    }
    void start(value);
  };

  const send = async () => {
    const text = message.trim();
    if (!text) return;
    setMessage('');
    setChat((c) => [...c, { id: ++lineId, who: 'user', text }]);
    chatRun.current = await start({ message: text });
  };

  return (
    <div className="test-panel" data-testid="test-panel">
      <div className="segmented">
        <button type="button" className={mode === 'json' ? 'on' : ''} onClick={() => setMode('json')}>
          JSON input
        </button>
        <button type="button" className={mode === 'chat' ? 'on' : ''} onClick={() => setMode('chat')}>
          Chat
        </button>
      </div>
      {mode === 'json' ? (
        <>
          <label htmlFor="run-input">Input</label>
          <textarea
            id="run-input"
            className="mono"
            rows={6}
            value={input}
            onChange={(e) => setInput(e.target.value)}
          />
          <button type="button" className="primary" onClick={runJson} disabled={run.status === 'running'}>
            <Icon name="play" size={14} /> Run
          </button>
        </>
      ) : (
        <div className="chat">
          <div className="chat-log" data-testid="chat-log">
            {chat.length === 0 && (
              <div className="muted small">Send a message to start a test conversation.</div>
            )}
            {chat.map((line) => (
              <div key={line.id} className={`bubble ${line.who}`}>
                {line.text}
              </div>
            ))}
          </div>
          <form
            className="chat-input"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <input
              placeholder="Type a message"
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              aria-label="Message"
            />
            <button type="submit" className="primary" aria-label="Send">
              <Icon name="send" size={14} />
            </button>
          </form>
        </div>
      )}
      {error && <div className="error-box">{error}</div>}
      {run.runId && (
        <div className="run-summary" data-testid="run-summary" data-status={run.status}>
          <div className="run-meta">
            <span className={`status-badge status-${run.status}`}>{run.status}</span>
            <span className="muted small mono">{run.runId}</span>
            {run.status === 'running' && (
              <button type="button" className="link" onClick={() => void api.cancelRun(run.runId!)}>
                Cancel
              </button>
            )}
          </div>
          {run.error && <div className="error-box">{run.error.message}</div>}
          {run.status === 'completed' && (
            <>
              <h5>Output</h5>
              <Json value={run.output} />
            </>
          )}
          <p className="muted small">Click a node to see its input and output in this run.</p>
        </div>
      )}
    </div>
  );
}
