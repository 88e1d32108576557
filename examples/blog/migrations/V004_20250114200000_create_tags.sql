-- Migration: Create tags
-- Version: 004
-- Database: any
-- Author: blog team
-- Created: 2025-01-14 20:00:00
-- Description: Tags and the posts they label
-- Dependencies: V002

-- === UP Migration ===
CREATE TABLE tags (
    id integer NOT NULL PRIMARY KEY,
    name varchar(50) NOT NULL UNIQUE  -- shown as '#name'; a ';' in a comment is not the end
);
CREATE TABLE post_tags (
    post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id integer NOT NULL REFERENCES tags (id),
    PRIMARY KEY (post_id, tag_id)
);
INSERT INTO tags (id, name) VALUES (1, 'rust'), (2, 'it''s; fine');

-- === DOWN Migration ===
DROP TABLE post_tags;
DROP TABLE tags;
