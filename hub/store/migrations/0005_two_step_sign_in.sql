CREATE TABLE `two_step_pending_sign_ins` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `two_step_pending_sign_ins_person` ON `two_step_pending_sign_ins` (`person_id`);--> statement-breakpoint
CREATE TABLE `two_step_recovery_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `two_step_recovery_codes_person` ON `two_step_recovery_codes` (`person_id`);--> statement-breakpoint
CREATE TABLE `two_step_secrets` (
	`person_id` text PRIMARY KEY NOT NULL,
	`encrypted_secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`last_used_step` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `workspace_two_step_rules` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`required_at` integer NOT NULL,
	`deadline` integer NOT NULL,
	`required_by_member_id` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `sessions` ADD `second_step_at` integer;