CREATE INDEX IF NOT EXISTS programmes_by_channel ON programmes (channel, programme_id);
