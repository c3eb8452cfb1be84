CREATE INDEX IF NOT EXISTS outbox_by_subject ON outbox (subject, position);
