-- A rating must lie on the scale of the rubric version its scorecard was started with.
-- A CHECK constraint cannot read another table, so triggers enforce it on insert and update.
CREATE TRIGGER ratings_scale_insert BEFORE INSERT ON ratings
WHEN NEW.score < (SELECT rv.scale_min FROM scorecards s JOIN rubric_versions rv ON rv.id = s.rubric_version_id WHERE s.id = NEW.scorecard_id)
  OR NEW.score > (SELECT rv.scale_max FROM scorecards s JOIN rubric_versions rv ON rv.id = s.rubric_version_id WHERE s.id = NEW.scorecard_id)
BEGIN
  SELECT RAISE(ABORT, 'rating outside the rubric scale');
END;
--> statement-breakpoint
CREATE TRIGGER ratings_scale_update BEFORE UPDATE OF score ON ratings
WHEN NEW.score < (SELECT rv.scale_min FROM scorecards s JOIN rubric_versions rv ON rv.id = s.rubric_version_id WHERE s.id = NEW.scorecard_id)
  OR NEW.score > (SELECT rv.scale_max FROM scorecards s JOIN rubric_versions rv ON rv.id = s.rubric_version_id WHERE s.id = NEW.scorecard_id)
BEGIN
  SELECT RAISE(ABORT, 'rating outside the rubric scale');
END;
