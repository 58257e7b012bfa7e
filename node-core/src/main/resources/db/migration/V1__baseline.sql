-- Baseline of every node: PostGIS (created by the superuser beforehand, see deploy/lib/common.sh; this is a no-op
-- then), users and roles, and the append-only hash-chained audit log.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE app_user (
    id                  bigserial PRIMARY KEY,
    username            text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
    display_name        text        NOT NULL,
    password_hash       text        NOT NULL,
    enabled             boolean     NOT NULL DEFAULT true,
    failed_attempts     integer     NOT NULL DEFAULT 0,
    locked_until        timestamptz,
    last_login_at       timestamptz,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint      NOT NULL DEFAULT 0
);

CREATE TABLE app_user_role (
    user_id bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    text   NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE audit_event (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    action      text        NOT NULL,
    target      text,
    detail      text,
    remote_addr text,
    prev_hash   char(64)    NOT NULL,
    hash        char(64)    NOT NULL UNIQUE
);

-- Append-only: the audit trail can be read and extended, never rewritten.
CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_immutable();
