CREATE TABLE IF NOT EXISTS episode_guidance (
  episode_id bigint PRIMARY KEY,
  restricted boolean NOT NULL,
  message text,
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
