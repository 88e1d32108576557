-- Migration: Count tags per post (SQLite trigger)
-- Database: sqlite
-- Description: a trigger body holds semicolons; the splitter keeps it one statement

-- === UP Migration ===
ALTER TABLE posts ADD COLUMN tag_count integer NOT NULL DEFAULT 0;
CREATE TRIGGER post_tags_count AFTER INSERT ON post_tags
BEGIN
    UPDATE posts SET tag_count = tag_count + 1 WHERE id = NEW.post_id;
    SELECT CASE WHEN NEW.tag_id < 0 THEN RAISE(ABORT, 'negative tag; refused') END;
END;

-- === DOWN Migration ===
DROP TRIGGER post_tags_count;
ALTER TABLE posts DROP COLUMN tag_count;
