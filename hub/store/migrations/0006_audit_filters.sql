CREATE INDEX `audit_workspace_action` ON `audit_log` (`workspace_id`,`action`,`id`);--> statement-breakpoint
CREATE INDEX `audit_workspace_actor` ON `audit_log` (`workspace_id`,`actor_member_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_workspace_target` ON `audit_log` (`workspace_id`,`target_member_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_workspace_at` ON `audit_log` (`workspace_id`,`at`);