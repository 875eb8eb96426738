-- Up Migration
CREATE TABLE plugs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  board_id bigint NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  url text NOT NULL,
  position integer NOT NULL
);
CREATE INDEX plugs_board_id_position ON plugs (board_id, position);

-- Down Migration
DROP TABLE plugs;
