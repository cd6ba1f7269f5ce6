'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  JOURNAL_TEXT_MAX,
  STUDIO_EMOTIONS,
  VISUAL_PARAMS,
  type EntrySummary,
  type HelpResource,
  type JournalEntry,
  type VisualParam,
  type VisualParams,
} from '@studio/core';

const SLIDER_LABELS: Record<VisualParam, [string, string, string]> = {
  light_level: ['Light', 'dim', 'bright'],
  warmth: ['Warmth', 'cool', 'warm'],
  saturation: ['Colour', 'muted', 'vivid'],
  openness: ['Space', 'enclosed', 'open'],
  camera_distance: ['Distance', 'close', 'far'],
  contrast: ['Contrast', 'soft', 'strong'],
};

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new Error(body.error ?? `Request failed (${res.status})`);
  return body as T;
}

export function StudioApp() {
  const [text, setText] = useState('');
  const [storeText, setStoreText] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [entry, setEntry] = useState<JournalEntry | null>(null);
  const [resources, setResources] = useState<HelpResource[] | null>(null);
  const [history, setHistory] = useState<EntrySummary[]>([]);

  const loadHistory = useCallback(async () => {
    try {
      setHistory(await api<EntrySummary[]>('/api/entries'));
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await api<JournalEntry>('/api/analyze', {
        method: 'POST',
        body: JSON.stringify({ journal_text: text, store_text: storeText }),
      });
      // Resources first, so the crisis screen never appears without its helplines.
      const help = saved.crisis.is_crisis ? await api<HelpResource[]>('/api/resources') : null;
      setEntry(saved);
      setResources(help);
      setText('');
      await loadHistory();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function open(id: string) {
    setError(null);
    try {
      const loaded = await api<JournalEntry>(`/api/entries/${id}`);
      const help = loaded.crisis.is_crisis ? await api<HelpResource[]>('/api/resources') : null;
      setEntry(loaded);
      setResources(help);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function deleteEverything() {
    if (!window.confirm('Delete every entry, image and feedback record? This cannot be undone.')) return;
    await api('/api/entries', { method: 'DELETE' });
    setEntry(null);
    await loadHistory();
  }

  return (
    <main className="studio">
      <section className="write">
        <h1>Emotion Studio</h1>
        <p className="lede">Write what is on your mind. It stays on this machine.</p>
        <form onSubmit={submit}>
          <label htmlFor="journal" className="sr-only">
            Journal entry
          </label>
          <textarea
            id="journal"
            name="journal_text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Today I…"
            rows={9}
            maxLength={JOURNAL_TEXT_MAX}
          />
          <div className="form-row">
            <label className="consent">
              <input type="checkbox" checked={storeText} onChange={(e) => setStoreText(e.target.checked)} /> Keep my words
              (encrypted). Otherwise only the reading and the image are kept.
            </label>
            <span className="count">
              {text.length.toLocaleString()} / {JOURNAL_TEXT_MAX.toLocaleString()}
            </span>
          </div>
          <button type="submit" disabled={busy || text.trim().length === 0}>
            {busy ? 'Listening…' : 'Reflect'}
          </button>
        </form>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <History entries={history} onOpen={open} activeId={entry?.id} />
        <p className="privacy">
          <a href="/api/export" download>
            Export my data
          </a>{' '}
          ·{' '}
          <button type="button" className="link" onClick={deleteEverything}>
            Delete everything
          </button>
        </p>
      </section>
      <section className="result" aria-live="polite">
        {entry ? (
          entry.crisis.is_crisis ? (
            <CrisisScreen resources={resources ?? []} />
          ) : (
            <Reading entry={entry} onChange={setEntry} onError={setError} />
          )
        ) : (
          <div className="empty">Your image will appear here.</div>
        )}
      </section>
    </main>
  );
}

function History({ entries, onOpen, activeId }: { entries: EntrySummary[]; onOpen: (id: string) => void; activeId?: string }) {
  if (entries.length === 0) return null;
  return (
    <nav className="history" aria-label="History">
      <h2>Past entries</h2>
      <ul>
        {entries.map((e) => (
          <li key={e.id}>
            <button type="button" className={e.id === activeId ? 'active' : ''} onClick={() => onOpen(e.id)} data-entry-id={e.id}>
              {e.image_id ? <img src={`/api/images/${e.image_id}`} alt="" width={44} height={44} /> : <span className="dot" />}
              <span>
                <time dateTime={e.created_at}>{new Date(e.created_at).toLocaleString()}</time>
                <small>{e.is_crisis ? 'a moment to reach out' : (e.metaphor ?? e.primary ?? '')}</small>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function CrisisScreen({ resources }: { resources: HelpResource[] }) {
  return (
    <div className="crisis" data-testid="crisis">
      <h2>You don’t have to carry this alone.</h2>
      <p>
        What you wrote sounds really heavy. Your entry is saved, and you can come back to it any time. Right now, talking to
        someone can help — these people are there for exactly this, day and night:
      </p>
      <ul className="resources">
        {resources.map((r) => (
          <li key={r.name}>
            <strong>{r.name}</strong>
            <span className="contact">{r.contact}</span>
            <span>{r.description}</span>
            {r.url && (
              <a href={r.url} target="_blank" rel="noreferrer">
                {r.url.replace(/^https?:\/\//, '')}
              </a>
            )}
          </li>
        ))}
      </ul>
      <p className="small">If you are in immediate danger, call your local emergency number now.</p>
    </div>
  );
}

function Reading({
  entry,
  onChange,
  onError,
}: {
  entry: JournalEntry;
  onChange: (e: JournalEntry) => void;
  onError: (m: string | null) => void;
}) {
  const [visuals, setVisuals] = useState<VisualParams>(entry.visuals!);
  const [rendering, setRendering] = useState(false);
  const [sent, setSent] = useState<Record<string, string>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const emotions = entry.emotions!;

  useEffect(() => {
    setVisuals(entry.visuals!);
    setSent({});
  }, [entry.id]); // eslint-disable-line react-hooks/exhaustive-deps

  function slide(param: VisualParam, value: number) {
    const next = { ...visuals, [param]: value };
    setVisuals(next);
    if (timer.current) clearTimeout(timer.current);
    // Re-render when the hand rests, not on every pixel of the drag.
    timer.current = setTimeout(() => void regenerate({ overrides: next }), 350);
  }

  async function regenerate(body: { overrides?: VisualParams; seed?: number }) {
    setRendering(true);
    try {
      onChange(await api<JournalEntry>('/api/generate', { method: 'POST', body: JSON.stringify({ entry_id: entry.id, ...body }) }));
      onError(null);
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setRendering(false);
    }
  }

  async function feedback(kind: 'thumbs' | 'resonance', value: string | boolean) {
    const body = kind === 'thumbs' ? { kind, entry_id: entry.id, value } : { kind, entry_id: entry.id, resonated: value };
    try {
      await api('/api/feedback', { method: 'POST', body: JSON.stringify(body) });
      setSent((s) => ({ ...s, [kind]: String(value) }));
    } catch (err) {
      onError((err as Error).message);
    }
  }

  const ranked = [...STUDIO_EMOTIONS].sort((a, b) => emotions.scores[b] - emotions.scores[a]).slice(0, 5);
  return (
    <div className="reading">
      <figure className={rendering ? 'rendering' : ''}>
        {entry.image && (
          <img
            src={`/api/images/${entry.image.id}`}
            alt={entry.scene?.metaphor ?? 'Generated image'}
            width={512}
            height={512}
            data-testid="entry-image"
          />
        )}
        <figcaption>
          {entry.scene?.metaphor}
          {entry.image?.note && <span className="note">{entry.image.note}</span>}
        </figcaption>
      </figure>

      <div className="panel">
        <h2>What I hear</h2>
        <p className="primary">
          Mostly <strong>{emotions.primary}</strong>
          {emotions.secondary && (
            <>
              , with some <strong>{emotions.secondary}</strong>
            </>
          )}
          <span className="confidence"> · confidence {Math.round(emotions.confidence * 100)}%</span>
        </p>
        <ul className="bars">
          {ranked.map((e) => (
            <li key={e}>
              <span className="name">{e}</span>
              <span className="bar">
                <span style={{ width: `${Math.round(emotions.scores[e] * 100)}%` }} />
              </span>
              <span className="why">{emotions.explanations?.[e]?.slice(0, 3).map((t) => t.token).join(', ')}</span>
            </li>
          ))}
        </ul>

        <h2>Adjust the image</h2>
        <div className="sliders">
          {VISUAL_PARAMS.map((p) => (
            <label key={p}>
              <span>{SLIDER_LABELS[p][0]}</span>
              <small>{SLIDER_LABELS[p][1]}</small>
              <input
                type="range"
                min={0}
                max={1}
                step={0.01}
                value={visuals[p]}
                name={p}
                onChange={(e) => slide(p, Number(e.target.value))}
              />
              <small>{SLIDER_LABELS[p][2]}</small>
            </label>
          ))}
        </div>
        <button type="button" className="secondary" onClick={() => regenerate({ seed: Math.floor(Math.random() * 2 ** 31) })}>
          Another scene
        </button>

        <div className="feedback">
          <span>Did this resonate?</span>
          <button type="button" aria-pressed={sent.resonance === 'true'} onClick={() => feedback('resonance', true)}>
            Yes
          </button>
          <button type="button" aria-pressed={sent.resonance === 'false'} onClick={() => feedback('resonance', false)}>
            Not really
          </button>
          <button type="button" aria-label="Thumbs up" aria-pressed={sent.thumbs === 'up'} onClick={() => feedback('thumbs', 'up')}>
            <Thumb />
          </button>
          <button type="button" aria-label="Thumbs down" aria-pressed={sent.thumbs === 'down'} onClick={() => feedback('thumbs', 'down')}>
            <Thumb down />
          </button>
        </div>

        <details>
          <summary>FIBO structured prompt</summary>
          <pre data-testid="fibo-json">{JSON.stringify(entry.fibo_prompt, null, 2)}</pre>
        </details>
        <details>
          <summary>Safety check</summary>
          <p className="small">
            No crisis signals found (risk {Math.round(entry.crisis.risk_score * 100)}%). If things ever feel like too much, help
            is a call or text away.
          </p>
        </details>
      </div>
    </div>
  );
}

/** Drawn, not an emoji: emoji fonts are missing on many machines. (Material Icons "thumb_up", Apache-2.0.) */
function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" style={down ? { transform: 'rotate(180deg)' } : undefined}>
      <path
        fill="currentColor"
        d="M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z"
      />
    </svg>
  );
}
