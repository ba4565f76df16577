CREATE TABLE `presence_leases` (
	`instance_name` text NOT NULL,
	`member_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`renewed_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`instance_name`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `presence_leases_member` ON `presence_leases` (`member_id`);--> statement-breakpoint
CREATE INDEX `presence_leases_expires` ON `presence_leases` (`expires_at`);