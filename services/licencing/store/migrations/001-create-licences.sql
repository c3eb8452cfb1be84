CREATE TABLE IF NOT EXISTS licences (
  licence_id uuid PRIMARY KEY,
  episode_id bigint NOT NULL CHECK (episode_id > 0),
  platform text NOT NULL,
  start_date timestamptz NOT NULL,
  end_date timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'revoked')),
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date > start_date)
);
