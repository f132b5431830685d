-- alert-service: alert rules as written (the same JSON form as the REST API and the rules file).
-- Deleting a rule keeps its row (deleted_at) so that default rules from the rules file are not
-- brought back on the next start. Every change takes a new revision from the sequence, so an
-- evaluator reloads only what changed since the revision it has.
CREATE SEQUENCE alert_rule_revisions;

CREATE TABLE alert_rules (
    name        text        PRIMARY KEY,
    definition  jsonb       NOT NULL,
    source      text        NOT NULL,
    version     integer     NOT NULL,
    revision    bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text,
    updated_at  timestamptz NOT NULL,
    updated_by  text,
    deleted_at  timestamptz
);

CREATE INDEX alert_rules_revision ON alert_rules (revision);
