CREATE INDEX IF NOT EXISTS licences_by_platform ON licences (platform, start_date, licence_id);
