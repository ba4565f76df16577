CREATE TABLE `ended_accesses` (
	`workspace_id` text NOT NULL,
	`person_id` text NOT NULL,
	`access_until` integer NOT NULL,
	`ended_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `person_id`)
);
--> statement-breakpoint
ALTER TABLE `members` ADD `access_until` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `access_heir_member_id` text;--> statement-breakpoint
ALTER TABLE `members` ADD `access_warned_for` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `access_end_held_for` integer;--> statement-breakpoint
CREATE INDEX `members_access_until` ON `members` (`access_until`);--> statement-breakpoint
ALTER TABLE `workspaces` ADD `access_end_warning_days` integer DEFAULT 3 NOT NULL;