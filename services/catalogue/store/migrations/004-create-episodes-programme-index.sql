CREATE INDEX IF NOT EXISTS episodes_by_programme ON episodes (programme_id, order_in_programme, episode_id);
