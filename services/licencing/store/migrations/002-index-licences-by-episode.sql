CREATE INDEX IF NOT EXISTS licences_by_episode ON licences (episode_id, start_date, licence_id);
