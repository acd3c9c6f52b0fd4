CREATE TABLE `calibration_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`interview_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`agreed_reading` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`follow_ups` text DEFAULT '' NOT NULL,
	`opened_by` integer NOT NULL,
	`opened_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`closed_by` integer,
	`closed_at` text,
	FOREIGN KEY (`interview_id`) REFERENCES `interviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "calibration_reviews_status" CHECK("calibration_reviews"."status" in ('open','closed')),
	CONSTRAINT "calibration_reviews_closed" CHECK(("calibration_reviews"."status" = 'closed') = ("calibration_reviews"."closed_at" is not null)),
	CONSTRAINT "calibration_reviews_lengths" CHECK(length("calibration_reviews"."agreed_reading") <= 5000 and length("calibration_reviews"."notes") <= 10000 and length("calibration_reviews"."follow_ups") <= 5000)
);
--> statement-breakpoint
CREATE INDEX `calibration_reviews_interview` ON `calibration_reviews` (`interview_id`);--> statement-breakpoint
CREATE TABLE `exemplars` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`answer` text NOT NULL,
	`source` text NOT NULL,
	`level` text NOT NULL,
	`rubric_version_id` integer NOT NULL,
	`reference_key` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`rubric_version_id`) REFERENCES `rubric_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `interviews` ADD `exemplar_id` integer REFERENCES exemplars(id);