CREATE TABLE `evidence_note_flags` (
	`note_id` integer PRIMARY KEY NOT NULL,
	`text_hash` text NOT NULL,
	`analyser_version` text NOT NULL,
	`flags` text NOT NULL,
	FOREIGN KEY (`note_id`) REFERENCES `evidence_notes`(`id`) ON UPDATE no action ON DELETE cascade
);
