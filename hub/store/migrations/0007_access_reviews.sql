CREATE TABLE `access_review_items` (
	`review_id` text NOT NULL,
	`member_id` text NOT NULL,
	`display_name` text NOT NULL,
	`email` text NOT NULL,
	`level` text NOT NULL,
	`member_status` text NOT NULL,
	`invited_at` integer NOT NULL,
	`last_seen_at` integer,
	`member_version` integer NOT NULL,
	`decision` text,
	`outcome` text,
	`refusal_code` text,
	`refusal_message` text,
	`heir_member_id` text,
	`contacts_affected` integer,
	`decided_by_member_id` text,
	`decided_at` integer,
	PRIMARY KEY(`review_id`, `member_id`),
	FOREIGN KEY (`review_id`) REFERENCES `access_reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `access_review_schedules` (
	`member_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`every_days` integer NOT NULL,
	`next_due_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_review_schedules_workspace` ON `access_review_schedules` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `access_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`started_by_member_id` text NOT NULL,
	`started_by_name` text NOT NULL,
	`started_at` integer NOT NULL,
	`criteria` text NOT NULL,
	`not_seen_days` integer,
	`left_out` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`completed_at` integer,
	`completed_by_member_id` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_reviews_workspace` ON `access_reviews` (`workspace_id`,`started_at`);