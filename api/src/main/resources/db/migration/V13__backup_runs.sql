-- One row per run of the `backup` command, written by the command itself. Every API pod reads the
-- newest successful one into the gauge backup_newest_success_timestamp_seconds (the "backup stale"
-- alert), so the outcome of a nightly job is visible where the other metrics are.
CREATE TABLE backup_runs (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    bucket      text        NOT NULL,
    key         text        NOT NULL,
    sha256      text,
    bytes       bigint,
    ok          boolean     NOT NULL DEFAULT false,
    error       text
);
CREATE INDEX backup_runs_newest_ok ON backup_runs (finished_at DESC) WHERE ok;
