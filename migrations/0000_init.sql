CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`detail` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`target_level` text NOT NULL,
	`erased_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "candidates_level" CHECK("candidates"."target_level" in ('mid','senior','staff'))
);
--> statement-breakpoint
CREATE TABLE `evidence_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scorecard_id` integer NOT NULL,
	`client_id` text NOT NULL,
	`dimension_key` text NOT NULL,
	`elapsed_seconds` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "evidence_notes_elapsed" CHECK("evidence_notes"."elapsed_seconds" >= 0),
	CONSTRAINT "evidence_notes_length" CHECK(length("evidence_notes"."text") <= 5000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_notes_client` ON `evidence_notes` (`scorecard_id`,`client_id`);--> statement-breakpoint
CREATE TABLE `interviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`rubric_version_id` integer NOT NULL,
	`variant_key` text NOT NULL,
	`scheduled_at` text NOT NULL,
	`duration_minutes` integer DEFAULT 45 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rubric_version_id`,`variant_key`) REFERENCES `variants`(`rubric_version_id`,`key`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "interviews_duration" CHECK("interviews"."duration_minutes" between 5 and 480)
);
--> statement-breakpoint
CREATE INDEX `interviews_scheduled` ON `interviews` (`scheduled_at`);--> statement-breakpoint
CREATE INDEX `interviews_candidate` ON `interviews` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`succeeded` integer NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_email_at` ON `login_attempts` (`email`,`at`);--> statement-breakpoint
CREATE TABLE `panel_assignments` (
	`interview_id` integer NOT NULL,
	`interviewer_id` integer NOT NULL,
	PRIMARY KEY(`interview_id`, `interviewer_id`),
	FOREIGN KEY (`interview_id`) REFERENCES `interviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`interviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `panel_interviewer` ON `panel_assignments` (`interviewer_id`);--> statement-breakpoint
CREATE TABLE `raised_red_flags` (
	`scorecard_id` integer NOT NULL,
	`flag_key` text NOT NULL,
	PRIMARY KEY(`scorecard_id`, `flag_key`),
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ratings` (
	`scorecard_id` integer NOT NULL,
	`dimension_key` text NOT NULL,
	`score` integer NOT NULL,
	`cap_justification` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`scorecard_id`, `dimension_key`),
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ratings_score_integer" CHECK(typeof("ratings"."score") = 'integer'),
	CONSTRAINT "ratings_justification_length" CHECK(length("ratings"."cap_justification") <= 500)
);
--> statement-breakpoint
CREATE TABLE `rubric_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`content` text NOT NULL,
	`scale_min` integer NOT NULL,
	`scale_max` integer NOT NULL,
	`note` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rubric_versions_scale" CHECK("rubric_versions"."scale_max" > "rubric_versions"."scale_min")
);
--> statement-breakpoint
CREATE TABLE `scorecard_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scorecard_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`snapshot` text NOT NULL,
	`reason` text,
	`after_seeing_others` integer DEFAULT false NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scorecard_revisions_unique` ON `scorecard_revisions` (`scorecard_id`,`revision`);--> statement-breakpoint
CREATE TABLE `scorecards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`interview_id` integer NOT NULL,
	`interviewer_id` integer NOT NULL,
	`rubric_version_id` integer NOT NULL,
	`variant_key` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`timer_elapsed_ms` integer DEFAULT 0 NOT NULL,
	`timer_running_since` integer,
	`recommendation` text,
	`recommendation_justification` text DEFAULT '' NOT NULL,
	`weighted_score` real,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`submitted_at` text,
	FOREIGN KEY (`interview_id`,`interviewer_id`) REFERENCES `panel_assignments`(`interview_id`,`interviewer_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rubric_version_id`,`variant_key`) REFERENCES `variants`(`rubric_version_id`,`key`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scorecards_status" CHECK("scorecards"."status" in ('draft','submitted')),
	CONSTRAINT "scorecards_revision" CHECK("scorecards"."revision" >= 0),
	CONSTRAINT "scorecards_timer" CHECK("scorecards"."timer_elapsed_ms" >= 0),
	CONSTRAINT "scorecards_recommendation" CHECK("scorecards"."recommendation" is null or "scorecards"."recommendation" in ('strong_no','no','yes','strong_yes')),
	CONSTRAINT "scorecards_submitted" CHECK(("scorecards"."status" = 'submitted') = ("scorecards"."submitted_at" is not null)),
	CONSTRAINT "scorecards_justification_length" CHECK(length("scorecards"."recommendation_justification") <= 500)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scorecards_one_per_interviewer` ON `scorecards` (`interview_id`,`interviewer_id`);--> statement-breakpoint
CREATE INDEX `scorecards_interviewer` ON `scorecards` (`interviewer_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `star_ticks` (
	`scorecard_id` integer NOT NULL,
	`star_key` text NOT NULL,
	PRIMARY KEY(`scorecard_id`, `star_key`),
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`user_id`, `role`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "user_roles_role" CHECK("user_roles"."role" in ('interviewer','lead','admin'))
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `variants` (
	`rubric_version_id` integer NOT NULL,
	`key` text NOT NULL,
	`company` text,
	`name` text NOT NULL,
	PRIMARY KEY(`rubric_version_id`, `key`),
	FOREIGN KEY (`rubric_version_id`) REFERENCES `rubric_versions`(`id`) ON UPDATE no action ON DELETE no action
);
