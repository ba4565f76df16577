CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `password_resets_person` ON `password_resets` (`person_id`);--> statement-breakpoint
ALTER TABLE `applied_mutations` ADD `member_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `applied_mutations` ADD `fingerprint` text DEFAULT '' NOT NULL;