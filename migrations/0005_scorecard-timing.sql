CREATE TABLE `scorecard_draft_snapshots` (
	`scorecard_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`content` text NOT NULL,
	PRIMARY KEY(`scorecard_id`, `revision`),
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `scorecards` ADD `clock_started_at` integer;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `answer_start_seconds` integer;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `answer_end_seconds` integer;