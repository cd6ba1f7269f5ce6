/** Initial schema: entries, images, feedback, escalations. */
export default /* sql */ `
-- Journal entries. The raw text is stored only with consent, and then only as AES-256-GCM ciphertext.
CREATE TABLE entries (
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  text_ciphertext bytea,
  seed integer NOT NULL,
  crisis jsonb NOT NULL,
  emotions jsonb,
  visuals jsonb,
  scene jsonb,
  fibo_prompt jsonb,
  image_id text
);
CREATE INDEX entries_created_at ON entries (created_at DESC);

-- Every image rendered for an entry (the first one and each slider refinement).
-- The id is a content hash; two entries may hold identical images, so the key includes the entry.
CREATE TABLE images (
  id text NOT NULL,
  entry_id uuid NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  renderer text NOT NULL,
  seed integer NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  mime text NOT NULL,
  note text,
  bytes bytea NOT NULL,
  PRIMARY KEY (entry_id, id)
);
CREATE INDEX images_id ON images (id);

CREATE TABLE feedback (
  id uuid PRIMARY KEY,
  entry_id uuid NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  payload jsonb NOT NULL
);
CREATE INDEX feedback_entry ON feedback (entry_id);
CREATE INDEX feedback_kind ON feedback (kind);

-- Crisis escalations: what fired and whether a human was notified; never the raw text.
CREATE TABLE escalations (
  id uuid PRIMARY KEY,
  entry_id uuid REFERENCES entries (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  risk_score real NOT NULL,
  categories jsonb NOT NULL,
  signal_ids jsonb NOT NULL,
  notified boolean NOT NULL DEFAULT false,
  notify_error text
);
`;
