-- The read-only role Grafana's analytics-postgres data source logs in as (grafana_ro).
--
-- docker-compose mounts this file into the timescaledb container's /docker-entrypoint-initdb.d,
-- so it runs once, when the data volume is first initialised, through psql as POSTGRES_USER (the
-- role that later runs the services' Flyway migrations and so owns every table). The password
-- comes from the container's environment (GRAFANA_DB_PASSWORD, from .env); it is never in a file.
-- It is idempotent: on a volume that already exists, run it by hand (see grafana/README.md).
--
-- What grafana_ro may do: connect, and SELECT from every table and view of schema public,
-- including tables created later by the role running this script (default privileges). Nothing
-- else: no INSERT/UPDATE/DELETE/TRUNCATE, no CREATE (PostgreSQL 15+ grants no CREATE on public to
-- PUBLIC), and its sessions default to read-only transactions with a statement timeout.

\set ON_ERROR_STOP on
\getenv grafana_password GRAFANA_DB_PASSWORD
\if :{?grafana_password}
\else
DO $$ BEGIN RAISE EXCEPTION 'GRAFANA_DB_PASSWORD is not set: the grafana_ro role needs a password'; END $$;
\endif
SELECT :'grafana_password' = '' AS grafana_password_empty \gset
\if :grafana_password_empty
DO $$ BEGIN RAISE EXCEPTION 'GRAFANA_DB_PASSWORD is empty: the grafana_ro role needs a password'; END $$;
\endif

SELECT 'CREATE ROLE grafana_ro LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'grafana_ro') \gexec
ALTER ROLE grafana_ro WITH LOGIN PASSWORD :'grafana_password' CONNECTION LIMIT 10;
ALTER ROLE grafana_ro SET default_transaction_read_only = on;
ALTER ROLE grafana_ro SET statement_timeout = '60s';

SELECT format('GRANT CONNECT ON DATABASE %I TO grafana_ro', current_database()) \gexec
GRANT USAGE ON SCHEMA public TO grafana_ro;
-- tables that exist already (when run by hand on an existing volume) ...
GRANT SELECT ON ALL TABLES IN SCHEMA public TO grafana_ro;
-- ... and those the migrations create later (owned by the role running this script)
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO grafana_ro;
