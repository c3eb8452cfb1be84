CREATE TABLE IF NOT EXISTS episodes (
  episode_id bigint PRIMARY KEY,
  programme_id bigint NOT NULL REFERENCES programmes (programme_id),
  programme_title text NOT NULL,
  channel text NOT NULL,
  title text NOT NULL,
  synopsis text NOT NULL,
  series_number integer NOT NULL CHECK (series_number > 0),
  order_in_series integer NOT NULL CHECK (order_in_series > 0),
  order_in_programme integer NOT NULL CHECK (order_in_programme > 0),
  duration_seconds integer NOT NULL CHECK (duration_seconds > 0),
  status text NOT NULL CHECK (status IN ('published', 'withdrawn')),
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
