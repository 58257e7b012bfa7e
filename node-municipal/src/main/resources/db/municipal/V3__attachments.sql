-- Photos and other attachments of cases (report, feedback and check photos). Stored in the database, not on disk:
-- they commit or roll back with the case change that links them, are backed up with the database, and deleting a
-- row can never leave an orphan file. Metadata and bytes are split so that listing attachments never reads bytes.

CREATE TABLE city_attachment (
    id          uuid PRIMARY KEY,
    file_name   text        NOT NULL,
    media_type  text        NOT NULL,
    size_bytes  bigint      NOT NULL CHECK (size_bytes > 0),
    sha256      char(64)    NOT NULL,
    uploaded_by text        NOT NULL,
    uploaded_at timestamptz NOT NULL,
    -- what the attachment belongs to (e.g. 'case-report' + case id); null until linked
    owner_kind  text        NULL,
    owner_id    text        NULL,
    linked_at   timestamptz NULL,
    CONSTRAINT city_attachment_owner_complete
        CHECK ((owner_kind IS NULL) = (owner_id IS NULL) AND (owner_id IS NULL) = (linked_at IS NULL))
);

CREATE INDEX city_attachment_owner ON city_attachment (owner_kind, owner_id) WHERE owner_kind IS NOT NULL;
-- the clean-up job looks for old unlinked uploads
CREATE INDEX city_attachment_unlinked ON city_attachment (uploaded_at) WHERE owner_kind IS NULL;

CREATE TABLE city_attachment_content (
    id      uuid  PRIMARY KEY REFERENCES city_attachment (id) ON DELETE CASCADE,
    content bytea NOT NULL
);
-- images are compressed already: store out of line without trying to compress them again
ALTER TABLE city_attachment_content ALTER COLUMN content SET STORAGE EXTERNAL;
