-- What the list queries read (0001), and how it follows the replica's own
-- rows (issue 12). Each field is read from the JSON in one place, the views
-- below. Triggers log every write to replica_members and replica_contacts,
-- whichever code makes it; the list queries' connection brings the fields
-- and the search tables up to date from the log before it answers
-- (replica-queries-catch-up.ts). Deleting a row blanks its name and email
-- in the fields at once, so a wipe (V2) takes them along in its own
-- transaction; the catch-up deletes what is left of the row (ids, times).
--
-- Why not keep the fields up to date in the triggers themselves: every
-- index then costs an update per row inside the sync's transaction, which
-- made a snapshot of 100,000 members about 8 times slower, and deleting the
-- fields of a replaced workspace 4 times; after a snapshot the catch-up
-- rebuilds them in bulk (sorted index builds) instead. Blanking the text
-- touches only the two indexes that hold it.
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
  coalesce(json_extract(data, '$.joinedAt'), 0) AS joined_key
FROM `replica_members`;
--> statement-breakpoint
CREATE VIEW `replica_contact_fields_source` AS SELECT
  workspace_id,
  id,
  json_extract(data, '$.name') AS name,
  json_extract(data, '$.email') AS email,
  lower(json_extract(data, '$.name')) AS name_key,
  json_extract(data, '$.assigneeId') AS assignee_id,
  json_extract(data, '$.teamId') AS team_id
FROM `replica_contacts`;
--> statement-breakpoint
CREATE TRIGGER `replica_members_logged_insert` AFTER INSERT ON `replica_members` BEGIN
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('members', new.workspace_id, new.id, 'row');
END;
--> statement-breakpoint
CREATE TRIGGER `replica_members_logged_delete` AFTER DELETE ON `replica_members` BEGIN
  UPDATE `replica_member_fields` SET display_name = NULL, email = NULL, name_key = NULL WHERE workspace_id = old.workspace_id AND id = old.id;
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('members', old.workspace_id, old.id, 'removed');
END;
--> statement-breakpoint
CREATE TRIGGER `replica_members_logged_update` AFTER UPDATE OF data ON `replica_members`
WHEN json_extract(old.data, '$.displayName', '$.email', '$.level', '$.restrictions', '$.status', '$.teamId', '$.invitedAt', '$.joinedAt')
  IS NOT json_extract(new.data, '$.displayName', '$.email', '$.level', '$.restrictions', '$.status', '$.teamId', '$.invitedAt', '$.joinedAt') BEGIN
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('members', new.workspace_id, new.id, 'row');
END;
--> statement-breakpoint
-- Presence rewrites a member's JSON many times a minute: logged apart, so that only its columns (and the
-- indexes holding them) are rewritten. When the fields changed too, the 'row' logged above covers it.
CREATE TRIGGER `replica_members_logged_presence` AFTER UPDATE OF data ON `replica_members`
WHEN json_extract(old.data, '$.isOnline', '$.lastSeenAt') IS NOT json_extract(new.data, '$.isOnline', '$.lastSeenAt') BEGIN
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('members', new.workspace_id, new.id, 'presence');
END;
--> statement-breakpoint
-- No write path renames a row's key today; if one does, its fields follow.
CREATE TRIGGER `replica_members_logged_rekey` AFTER UPDATE OF workspace_id, id ON `replica_members`
WHEN old.workspace_id IS NOT new.workspace_id OR old.id IS NOT new.id BEGIN
  UPDATE `replica_member_fields` SET display_name = NULL, email = NULL, name_key = NULL WHERE workspace_id = old.workspace_id AND id = old.id;
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('members', old.workspace_id, old.id, 'removed');
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('members', new.workspace_id, new.id, 'row');
END;
--> statement-breakpoint
CREATE TRIGGER `replica_contacts_logged_insert` AFTER INSERT ON `replica_contacts` BEGIN
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('contacts', new.workspace_id, new.id, 'row');
END;
--> statement-breakpoint
CREATE TRIGGER `replica_contacts_logged_delete` AFTER DELETE ON `replica_contacts` BEGIN
  UPDATE `replica_contact_fields` SET name = NULL, email = NULL, name_key = NULL WHERE workspace_id = old.workspace_id AND id = old.id;
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('contacts', old.workspace_id, old.id, 'removed');
END;
--> statement-breakpoint
CREATE TRIGGER `replica_contacts_logged_update` AFTER UPDATE OF data ON `replica_contacts`
WHEN json_extract(old.data, '$.name', '$.email', '$.assigneeId', '$.teamId') IS NOT json_extract(new.data, '$.name', '$.email', '$.assigneeId', '$.teamId') BEGIN
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('contacts', new.workspace_id, new.id, 'row');
END;
--> statement-breakpoint
CREATE TRIGGER `replica_contacts_logged_rekey` AFTER UPDATE OF workspace_id, id ON `replica_contacts`
WHEN old.workspace_id IS NOT new.workspace_id OR old.id IS NOT new.id BEGIN
  UPDATE `replica_contact_fields` SET name = NULL, email = NULL, name_key = NULL WHERE workspace_id = old.workspace_id AND id = old.id;
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('contacts', old.workspace_id, old.id, 'removed');
  INSERT INTO `replica_list_pending` (list, workspace_id, id, change) VALUES ('contacts', new.workspace_id, new.id, 'row');
END;
--> statement-breakpoint
-- Substring search on names and emails: FTS5 with the trigram tokenizer (SQLite 3.34 or newer), folding
-- case as FTS5 folds it (replica-queries-fold.ts mirrors it). Contentless, so no name or email is copied
-- into them; contentless_delete lets an entry be removed by its search_key alone. The catch-up fills them.
CREATE VIRTUAL TABLE `replica_members_search` USING fts5(display_name, email, content='', contentless_delete=1, tokenize='trigram case_sensitive 0 remove_diacritics 0');
--> statement-breakpoint
CREATE VIRTUAL TABLE `replica_contacts_search` USING fts5(name, email, content='', contentless_delete=1, tokenize='trigram case_sensitive 0 remove_diacritics 0');
--> statement-breakpoint
-- A replica from the previous schema: every row it holds is logged, and the first catch-up builds the fields from them.
INSERT INTO `replica_list_pending` (list, workspace_id, id, change) SELECT 'members', workspace_id, id, 'row' FROM `replica_members`;
--> statement-breakpoint
INSERT INTO `replica_list_pending` (list, workspace_id, id, change) SELECT 'contacts', workspace_id, id, 'row' FROM `replica_contacts`;
