CREATE TABLE `replica_contacts` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `replica_contacts_workspace` ON `replica_contacts` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `replica_identity` (
	`key` text PRIMARY KEY NOT NULL,
	`hub_url` text NOT NULL,
	`person_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `replica_members` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `replica_teams` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `replica_workspaces` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`organization` text NOT NULL,
	`workspace` text NOT NULL,
	`self_member_id` text NOT NULL,
	`preferences` text NOT NULL,
	`synced_at` integer
);
