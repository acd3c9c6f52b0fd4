DROP INDEX `reminder_sends_recipient`;--> statement-breakpoint
CREATE INDEX `reminder_sends_recipient` ON `reminder_sends` (`recipient_id`,`channel`,`status`,`read_at`);