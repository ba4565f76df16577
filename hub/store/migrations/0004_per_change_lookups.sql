CREATE INDEX `contacts_team` ON `contacts` (`team_id`);--> statement-breakpoint
CREATE INDEX `members_team` ON `members` (`team_id`);--> statement-breakpoint
CREATE INDEX `members_workspace_level_status` ON `members` (`workspace_id`,`level`,`status`);