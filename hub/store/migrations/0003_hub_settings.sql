CREATE TABLE `hub_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`smtp_host` text,
	`smtp_port` integer,
	`smtp_security` text,
	`smtp_user` text,
	`smtp_password` text,
	`mail_from` text,
	`public_url` text,
	`updated_at` integer NOT NULL
);
