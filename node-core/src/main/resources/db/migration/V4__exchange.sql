-- Exchange layer: node directory, outbox, inbox, stream positions and the hash-chained message log.
-- Spec: exchange-protocol/SPEC.md. Every table here is written only by cn.cityops.core.exchange.

-- The federation's node directory as last received in a directory.update package (on the national node: as
-- maintained by its operators). One row per node, including this node itself.
CREATE TABLE exchange_node (
    node_id          varchar(6)   PRIMARY KEY CHECK (node_id ~ '^[0-9]{6}$'),
    name             varchar(200) NOT NULL,
    level            varchar(12)  NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL')),
    parent_id        varchar(6),
    base_url         varchar(500),
    transport        varchar(10)  NOT NULL DEFAULT 'HTTP' CHECK (transport IN ('HTTP', 'FERRY')),
    certificate_pem  text,
    schema_versions  text         NOT NULL DEFAULT '{}',
    updated_at       timestamptz  NOT NULL DEFAULT now()
);

-- Singleton row: the version of the directory this node holds and the federation CRL that came with it.
CREATE TABLE exchange_directory_state (
    singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    version     bigint      NOT NULL,
    issued_at   timestamptz NOT NULL,
    crl_pem     text
);

-- Outgoing packages (written in the same transaction as the business change that caused them) and packages this
-- node forwards for others. Status machine: READY → SENDING → WAITING_RECEIPT → ACKNOWLEDGED, or → RETRYING → …,
-- or → FAILED (dead letter, resendable by an operator).
CREATE TABLE exchange_outbox (
    id               uuid         PRIMARY KEY,
    type             varchar(64)  NOT NULL,
    receiver         varchar(6)   NOT NULL,
    correlation_id   varchar(128) NOT NULL,
    sequence         bigint,
    origin           varchar(8)   NOT NULL CHECK (origin IN ('LOCAL', 'FORWARD')),
    package_json     bytea        NOT NULL,  -- canonical package (LOCAL, signed at each attempt) or signed wire (FORWARD)
    digest           varchar(60)  NOT NULL,
    size_bytes       integer      NOT NULL,
    status           varchar(16)  NOT NULL CHECK (status IN ('READY', 'SENDING', 'WAITING_RECEIPT', 'ACKNOWLEDGED',
                                                             'RETRYING', 'FAILED')),
    next_hop         varchar(6),
    attempts         integer      NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL DEFAULT now(),
    created_at       timestamptz  NOT NULL DEFAULT now(),
    first_sent_at    timestamptz,
    last_sent_at     timestamptz,
    acknowledged_at  timestamptz,
    last_code        varchar(40),
    last_error       text,
    receipt_outcome  varchar(12),
    latency_ms       integer
);
CREATE INDEX exchange_outbox_due ON exchange_outbox (next_attempt_at) WHERE status IN ('READY', 'RETRYING');
CREATE INDEX exchange_outbox_hop_status ON exchange_outbox (next_hop, status);
CREATE INDEX exchange_outbox_waiting ON exchange_outbox (last_sent_at) WHERE status IN ('SENDING', 'WAITING_RECEIPT');

-- Status history of every outgoing package (the operator's "what happened to it").
CREATE TABLE exchange_outbox_event (
    id          bigserial    PRIMARY KEY,
    package_id  uuid         NOT NULL REFERENCES exchange_outbox (id) ON DELETE CASCADE,
    at          timestamptz  NOT NULL DEFAULT now(),
    status      varchar(16)  NOT NULL,
    code        varchar(40),
    detail      text
);
CREATE INDEX exchange_outbox_event_pkg ON exchange_outbox_event (package_id, id);

-- Next sequence number per outgoing stream (receiver, correlation id).
CREATE TABLE exchange_stream_out (
    receiver        varchar(6)   NOT NULL,
    correlation_id  varchar(128) NOT NULL,
    last_sequence   bigint       NOT NULL,
    PRIMARY KEY (receiver, correlation_id)
);

-- Incoming packages, stored once per id. APPLIED: handled here; STORED: kept, no handler for its type on this
-- node; WAITING: its stream has a gap;
-- FORWARDED: addressed to another node and queued in the outbox.
CREATE TABLE exchange_inbox (
    id              uuid         PRIMARY KEY,
    type            varchar(64)  NOT NULL,
    sender          varchar(6)   NOT NULL,
    receiver        varchar(6)   NOT NULL,
    hop_from        varchar(6)   NOT NULL,
    correlation_id  varchar(128) NOT NULL,
    sequence        bigint,
    digest          varchar(60)  NOT NULL,
    size_bytes      integer      NOT NULL,
    transport       varchar(10)  NOT NULL,
    wire            bytea        NOT NULL,
    status          varchar(10)  NOT NULL CHECK (status IN ('APPLIED', 'STORED', 'WAITING', 'FORWARDED')),
    received_at     timestamptz  NOT NULL DEFAULT now(),
    applied_at      timestamptz
);
CREATE INDEX exchange_inbox_waiting ON exchange_inbox (sender, correlation_id, sequence) WHERE status = 'WAITING';
CREATE INDEX exchange_inbox_received ON exchange_inbox (received_at);

-- Last applied sequence per incoming stream (sender, correlation id).
CREATE TABLE exchange_stream_in (
    sender          varchar(6)   NOT NULL,
    correlation_id  varchar(128) NOT NULL,
    last_applied    bigint       NOT NULL,
    PRIMARY KEY (sender, correlation_id)
);

-- Rejected incoming packages (what arrived, why it was refused) for monitoring; bounded by retention.
CREATE TABLE exchange_rejection (
    id           bigserial    PRIMARY KEY,
    at           timestamptz  NOT NULL DEFAULT now(),
    package_id   uuid,
    sender       varchar(6),
    hop_from     varchar(40),
    type         varchar(64),
    code         varchar(40)  NOT NULL,
    reason       text         NOT NULL,
    size_bytes   integer      NOT NULL,
    transport    varchar(10)  NOT NULL
);
CREATE INDEX exchange_rejection_at ON exchange_rejection (at);

-- Tamper-evident message log: every package and receipt sent or received. Each entry's hash covers the previous
-- entry's hash and the entry's own fields (exchange-protocol HashChain); the head row serialises appends.
CREATE TABLE exchange_message_log (
    seq          bigint       PRIMARY KEY,
    at           timestamptz  NOT NULL,
    direction    varchar(3)   NOT NULL CHECK (direction IN ('IN', 'OUT')),
    kind         varchar(8)   NOT NULL CHECK (kind IN ('PACKAGE', 'RECEIPT')),
    package_id   uuid,
    type         varchar(64),
    peer         varchar(6),
    sender       varchar(6),
    receiver     varchar(6),
    digest       varchar(60),
    size_bytes   integer      NOT NULL,
    outcome      varchar(40)  NOT NULL,
    duration_ms  integer,
    prev_hash    varchar(60)  NOT NULL,
    hash         varchar(60)  NOT NULL
);
CREATE INDEX exchange_message_log_pkg ON exchange_message_log (package_id);
CREATE INDEX exchange_message_log_peer_at ON exchange_message_log (peer, at);

CREATE TABLE exchange_message_log_head (
    singleton  boolean      PRIMARY KEY DEFAULT true CHECK (singleton),
    seq        bigint       NOT NULL,
    hash       varchar(60)  NOT NULL,
    archived_through bigint NOT NULL DEFAULT 0,
    archived_hash varchar(60)
);
INSERT INTO exchange_message_log_head (seq, hash) VALUES (0, 'GENESIS');

-- Entries are never changed; only the retention job may delete a prefix of the chain (after recording the hash it
-- ended with in the head row, so verification can resume from there).
CREATE FUNCTION exchange_message_log_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'exchange_message_log is append-only';
    END IF;
    IF current_setting('cityops.log_retention', true) IS DISTINCT FROM 'on' THEN
        RAISE EXCEPTION 'exchange_message_log entries are deleted only by the retention job';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER exchange_message_log_no_change BEFORE UPDATE OR DELETE ON exchange_message_log
    FOR EACH ROW EXECUTE FUNCTION exchange_message_log_immutable();
