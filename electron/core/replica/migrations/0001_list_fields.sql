CREATE TABLE `replica_contact_fields` (
	`search_key` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text,
	`email` text,
	`name_key` text,
	`assignee_id` text,
	`team_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `replica_contact_fields_key` ON `replica_contact_fields` (`workspace_id`,`id`);--> statement-breakpoint
CREATE INDEX `replica_contact_fields_by_name` ON `replica_contact_fields` (`workspace_id`,`name_key`,`id`,`name`,`email`,`assignee_id`,`team_id`);--> statement-breakpoint
CREATE INDEX `replica_contact_fields_by_assignee` ON `replica_contact_fields` (`workspace_id`,`assignee_id`);--> statement-breakpoint
CREATE TABLE `replica_list_pending` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list` text NOT NULL,
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`change` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `replica_member_fields` (
	`search_key` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`display_name` text,
	`email` text,
	`name_key` text,
	`level` text,
	`level_rank` integer,
	`restrictions` text,
	`status` text,
	`team_id` text,
	`is_online` integer,
	`last_seen_at` integer,
	`last_seen_key` integer,
	`invited_at` integer,
	`joined_at` integer,
	`joined_key` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `replica_member_fields_key` ON `replica_member_fields` (`workspace_id`,`id`);--> statement-breakpoint
CREATE INDEX `replica_member_fields_by_name` ON `replica_member_fields` (`workspace_id`,`name_key`,`id`,`display_name`,`email`,`level_rank`,`status`,`team_id`);--> statement-breakpoint
CREATE INDEX `replica_member_fields_by_level` ON `replica_member_fields` (`workspace_id`,`level_rank`,`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `replica_member_fields_by_team` ON `replica_member_fields` (`workspace_id`,`team_id`);--> statement-breakpoint
CREATE INDEX `replica_member_fields_by_presence` ON `replica_member_fields` (`workspace_id`,`is_online`,`last_seen_key`,`id`);--> statement-breakpoint
CREATE INDEX `replica_member_fields_by_last_seen` ON `replica_member_fields` (`workspace_id`,`last_seen_key`,`id`);--> statement-breakpoint
CREATE INDEX `replica_member_fields_by_invited` ON `replica_member_fields` (`workspace_id`,`invited_at`,`id`);--> statement-breakpoint
CREATE INDEX `replica_member_fields_by_joined` ON `replica_member_fields` (`workspace_id`,`joined_key`,`id`);