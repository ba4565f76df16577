-- Fixed statistics for the query planner (sqlite_stat1), as SQLite advises
-- for an application that knows the shape of its data: without them the
-- planner takes any equality on an indexed column for a few rows, and would
-- sort 95,000 active members for every window of "status = active, by
-- name" instead of walking the name index. They describe a workspace of
-- 100,000 members (2 statuses, 3 levels, about 100 teams, online or not);
-- only the ratios matter, so they stay right as the workspace grows. The
-- catch-up puts them back when it rebuilds an index.
-- ANALYZE on the one-row identity table creates sqlite_stat1 where it is missing.
ANALYZE `replica_identity`;
--> statement-breakpoint
DELETE FROM sqlite_stat1 WHERE tbl IN ('replica_member_fields', 'replica_contact_fields');
--> statement-breakpoint
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('replica_member_fields', 'replica_member_fields_key', '100000 100000 1'),
  ('replica_member_fields', 'replica_member_fields_by_name', '100000 100000 2 1 1 1 1 1 1'),
  ('replica_member_fields', 'replica_member_fields_by_level', '100000 100000 33334 2 1'),
  ('replica_member_fields', 'replica_member_fields_by_team', '100000 100000 1000'),
  ('replica_member_fields', 'replica_member_fields_by_presence', '100000 100000 50000 2 1'),
  ('replica_member_fields', 'replica_member_fields_by_last_seen', '100000 100000 2 1'),
  ('replica_member_fields', 'replica_member_fields_by_invited', '100000 100000 2 1'),
  ('replica_member_fields', 'replica_member_fields_by_joined', '100000 100000 2 1'),
  ('replica_contact_fields', 'replica_contact_fields_key', '100000 100000 1'),
  ('replica_contact_fields', 'replica_contact_fields_by_name', '100000 100000 2 1 1 1 1 1'),
  ('replica_contact_fields', 'replica_contact_fields_by_assignee', '100000 100000 100');
