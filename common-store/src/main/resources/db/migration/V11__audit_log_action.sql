-- query-api's audit search filters by action (GET, POST, SUBSCRIBE …) over a time range.
CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log (action, at);
