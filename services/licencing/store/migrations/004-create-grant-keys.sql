CREATE TABLE IF NOT EXISTS grant_keys (
  idempotency_key text PRIMARY KEY,
  fingerprint text NOT NULL,
  licence_id uuid NOT NULL REFERENCES licences (licence_id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS licences_active_by_window ON licences (episode_id, platform, start_date, end_date) WHERE status = 'active';
