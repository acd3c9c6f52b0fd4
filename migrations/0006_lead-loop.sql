CREATE TABLE `calibration_conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`interviewer_id` integer NOT NULL,
	`effect` text NOT NULL,
	`agreed` text NOT NULL,
	`held_on` text NOT NULL,
	`follow_up_on` text,
	`follow_up_done_at` text,
	`follow_up_note` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`interviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "calibration_conversations_lengths" CHECK(length("calibration_conversations"."agreed") between 1 and 5000 and length("calibration_conversations"."follow_up_note") <= 5000)
);
--> statement-breakpoint
CREATE INDEX `calibration_conversations_interviewer` ON `calibration_conversations` (`interviewer_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `debrief_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`interview_id` integer NOT NULL,
	`interviewer_id` integer NOT NULL,
	`round` text NOT NULL,
	`recommendation` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`recorded_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`interview_id`) REFERENCES `debriefs`(`interview_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`interviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "debrief_votes_round_check" CHECK("debrief_votes"."round" in ('independent','revote')),
	CONSTRAINT "debrief_votes_recommendation" CHECK("debrief_votes"."recommendation" in ('strong_no','no','yes','strong_yes')),
	CONSTRAINT "debrief_votes_reason" CHECK(length("debrief_votes"."reason") <= 2000 and ("debrief_votes"."round" = 'independent' or length(trim("debrief_votes"."reason")) > 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `debrief_votes_round` ON `debrief_votes` (`interview_id`,`interviewer_id`,`round`);--> statement-breakpoint
CREATE TABLE `debriefs` (
	`interview_id` integer PRIMARY KEY NOT NULL,
	`opened_by` integer NOT NULL,
	`opened_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`decision` text,
	`decision_note` text DEFAULT '' NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	FOREIGN KEY (`interview_id`) REFERENCES `interviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "debriefs_decision" CHECK("debriefs"."decision" is null or "debriefs"."decision" in ('hire','no_hire')),
	CONSTRAINT "debriefs_decided" CHECK(("debriefs"."decision" is null) = ("debriefs"."decided_at" is null)),
	CONSTRAINT "debriefs_note_length" CHECK(length("debriefs"."decision_note") <= 5000)
);
--> statement-breakpoint
CREATE TABLE `reminder_sends` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`interview_id` integer NOT NULL,
	`interviewer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`step` integer NOT NULL,
	`recipient_id` integer NOT NULL,
	`channel` text NOT NULL,
	`status` text DEFAULT 'claimed' NOT NULL,
	`subject` text NOT NULL,
	`link` text NOT NULL,
	`error` text,
	`claimed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`sent_at` text,
	`read_at` text,
	FOREIGN KEY (`interview_id`) REFERENCES `interviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`interviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reminder_sends_kind" CHECK("reminder_sends"."kind" in ('interviewer','lead')),
	CONSTRAINT "reminder_sends_channel" CHECK("reminder_sends"."channel" in ('email','in_app')),
	CONSTRAINT "reminder_sends_status" CHECK("reminder_sends"."status" in ('claimed','sent','failed')),
	CONSTRAINT "reminder_sends_step" CHECK("reminder_sends"."step" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminder_sends_step` ON `reminder_sends` (`interview_id`,`interviewer_id`,`kind`,`step`,`recipient_id`);--> statement-breakpoint
CREATE INDEX `reminder_sends_recipient` ON `reminder_sends` (`recipient_id`,`channel`);--> statement-breakpoint
ALTER TABLE `scorecards` ADD `import_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `scorecards_import_key` ON `scorecards` (`import_key`);