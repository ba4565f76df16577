-- Issue 14.2: hub instances sharing this database hear what the others commit.
-- The notifications are sent by the commits themselves (a NOTIFY inside a
-- transaction is delivered when, and only if, it commits, in commit order),
-- so an instance that dies right after a commit still tells the others.
-- `origin` is the committing connection's application_name, which a hub sets
-- to its instance name so it can skip what it already delivered itself.

-- A workspace's sequence moved: every instance delivers up to `seq` to its sockets.
CREATE FUNCTION gatehouse_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gatehouse_changes', json_build_object('workspaceId', NEW.id, 'seq', NEW.seq, 'origin', current_setting('application_name'))::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER workspaces_seq_notify AFTER UPDATE OF seq ON workspaces
  FOR EACH ROW WHEN (NEW.seq IS DISTINCT FROM OLD.seq) EXECUTE FUNCTION gatehouse_notify_change();
--> statement-breakpoint
-- Sessions ended (sign-out, password change or reset, expiry): every instance
-- closes their sockets. One notification per statement and per 100 hashes,
-- which keeps each payload under PostgreSQL's 8000 bytes.
CREATE FUNCTION gatehouse_notify_sessions_ended() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch text[];
BEGIN
  FOR batch IN
    SELECT array_agg(token_hash) FROM (SELECT token_hash, (row_number() OVER () - 1) / 100 AS chunk FROM ended) AS numbered GROUP BY chunk
  LOOP
    PERFORM pg_notify('gatehouse_sessions_ended', json_build_object('sessionHashes', batch, 'origin', current_setting('application_name'))::text);
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_ended_notify AFTER DELETE ON sessions
  REFERENCING OLD TABLE AS ended FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_notify_sessions_ended();
