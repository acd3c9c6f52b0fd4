-- panel_assignments.submitted follows the seat's scorecard: set when it is submitted, cleared when
-- it is not (or is gone). Triggers, not the app, so every path that writes scorecards or panels
-- (saves, submits, imports, the seed, a panel rebuilt by a schedule edit) keeps it true.
UPDATE panel_assignments SET submitted = EXISTS (
  SELECT 1 FROM scorecards s
  WHERE s.interview_id = panel_assignments.interview_id AND s.interviewer_id = panel_assignments.interviewer_id
    AND s.status = 'submitted');
--> statement-breakpoint
CREATE TRIGGER panel_seat_scorecard_insert AFTER INSERT ON scorecards
BEGIN
  UPDATE panel_assignments SET submitted = (NEW.status = 'submitted')
  WHERE interview_id = NEW.interview_id AND interviewer_id = NEW.interviewer_id;
END;
--> statement-breakpoint
CREATE TRIGGER panel_seat_scorecard_update AFTER UPDATE OF status, interview_id, interviewer_id ON scorecards
WHEN OLD.status IS NOT NEW.status OR OLD.interview_id <> NEW.interview_id OR OLD.interviewer_id <> NEW.interviewer_id
BEGIN
  UPDATE panel_assignments SET submitted = 0
  WHERE interview_id = OLD.interview_id AND interviewer_id = OLD.interviewer_id;
  UPDATE panel_assignments SET submitted = (NEW.status = 'submitted')
  WHERE interview_id = NEW.interview_id AND interviewer_id = NEW.interviewer_id;
END;
--> statement-breakpoint
CREATE TRIGGER panel_seat_scorecard_delete AFTER DELETE ON scorecards
BEGIN
  UPDATE panel_assignments SET submitted = 0
  WHERE interview_id = OLD.interview_id AND interviewer_id = OLD.interviewer_id;
END;
--> statement-breakpoint
CREATE TRIGGER panel_seat_insert AFTER INSERT ON panel_assignments
BEGIN
  UPDATE panel_assignments SET submitted = EXISTS (
    SELECT 1 FROM scorecards s
    WHERE s.interview_id = NEW.interview_id AND s.interviewer_id = NEW.interviewer_id AND s.status = 'submitted')
  WHERE interview_id = NEW.interview_id AND interviewer_id = NEW.interviewer_id;
END;
--> statement-breakpoint
CREATE TRIGGER panel_seat_update AFTER UPDATE OF interview_id, interviewer_id ON panel_assignments
BEGIN
  UPDATE panel_assignments SET submitted = EXISTS (
    SELECT 1 FROM scorecards s
    WHERE s.interview_id = NEW.interview_id AND s.interviewer_id = NEW.interviewer_id AND s.status = 'submitted')
  WHERE interview_id = NEW.interview_id AND interviewer_id = NEW.interviewer_id;
END;
