CREATE TABLE IF NOT EXISTS programmes (
  programme_id bigint PRIMARY KEY,
  title text NOT NULL,
  channel text NOT NULL,
  synopsis text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
