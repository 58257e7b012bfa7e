-- A province keeps a read-only copy of the opinion items the ministry sends to its cities, with the cities' results
-- (SPEC §6.6): direction WATCHED.
ALTER TABLE op_item DROP CONSTRAINT op_item_direction_check;
ALTER TABLE op_item ADD CONSTRAINT op_item_direction_check CHECK (direction IN ('ISSUED', 'RECEIVED', 'WATCHED'));
