-- Issue 13.2, temporary access: the Users page filters members whose access
-- ends soon or has an end at all, and sorts by the end date. The end date is
-- a field like the others (0001, 0002): a column, its index, read from the
-- JSON by the view, and logged by the update trigger when it changes.
ALTER TABLE `replica_member_fields` ADD `access_until` integer;--> statement-breakpoint
ALTER TABLE `replica_member_fields` ADD `access_until_key` integer;--> statement-breakpoint
CREATE INDEX `replica_member_fields_by_access_until` ON `replica_member_fields` (`workspace_id`,`access_until_key`,`id`);--> statement-breakpoint
DROP VIEW `replica_member_fields_source`;--> statement-breakpoint
-- No end date sorts as the latest (9007199254740991 = Number.MAX_SAFE_INTEGER, as replica-list-tables.ts binds it).
CREATE VIEW `replica_member_fields_source` AS SELECT
  workspace_id,
  id,
  json_extract(data, '$.displayName') AS display_name,
  json_extract(data, '$.email') AS email,
  lower(json_extract(data, '$.displayName')) AS name_key,
  json_extract(data, '$.level') AS level,
  CASE json_extract(data, '$.level') WHEN 'owner' THEN 0 WHEN 'manager' THEN 1 WHEN 'agent' THEN 2 ELSE 3 END AS level_rank,
  json_extract(data, '$.restrictions') AS restrictions,
  json_extract(data, '$.status') AS status,
  json_extract(data, '$.teamId') AS team_id,
  json_extract(data, '$.isOnline') AS is_online,
  json_extract(data, '$.lastSeenAt') AS last_seen_at,
  coalesce(json_extract(data, '$.lastSeenAt'), 0) AS last_seen_key,
  json_extract(data, '$.invitedAt') AS invited_at,
  json_extract(data, '$.joinedAt') AS joined_at,
  coalesce(json_extract(data, '$.joinedAt'), 0) AS joined_key,
  json_extract(data, '$.accessUntil') AS access_until,
  coalesce(json_extract(data, '$.accessUntil'), 9007199254740991) AS access_until_key
FROM `replica_members`;
--> statement-breakpoint
DROP TRIGGER `replica_members_logged_update`;
--> statement-breakpoint
CREATE TRIGGER `replica_members_logged_update` AFTER UPDATE OF data ON `replica_members`
WHEN json_extract(old.data, '$.displayName', '$.email', '$.level', '$.restrictions', '$.status', '$.teamId', '$.invitedAt', '$.joinedAt', '$.accessUntil')
  IS NOT json_extract(new.data, '$.displayName', '$.email', '$.level', '$.restrictions', '$.status', '$.teamId', '$.invitedAt', '$.joinedAt', '$.accessUntil') BEGIN
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('members', new.workspace_id, new.id, 'row');
END;
--> statement-breakpoint
-- Few members have an end date: an equality on the key is rarely more than a handful of rows.
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('replica_member_fields', 'replica_member_fields_by_access_until', '100000 100000 2 1');
--> statement-breakpoint
-- A replica from the previous schema: its members' end dates (if its hub sent any) are read by the first catch-up.
INSERT INTO `replica_list_pending` (list, workspace_id, id, change) SELECT 'members', workspace_id, id, 'row' FROM `replica_members`;
