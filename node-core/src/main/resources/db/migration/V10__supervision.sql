-- Supervision and inspection (监督检查) shared by every level: tasks (指挥派遣) with feedback (工作反馈), urgings (督办)
-- with replies, and notices (监督通报) with read receipts. Written only by cn.cityops.core.supervision.
-- A node holds the items it issued (direction ISSUED) and the items it received from above (direction RECEIVED);
-- business ids are unique per issuing node, the local bigserial id is what the REST API uses.

CREATE TABLE sup_task (
    id                bigserial    PRIMARY KEY,
    issuer_node       varchar(6)   NOT NULL,
    task_id           varchar(64)  NOT NULL,
    direction         varchar(8)   NOT NULL CHECK (direction IN ('ISSUED', 'RECEIVED')),
    -- ISSUED: DRAFT → PUBLISHED; RECEIVED: RECEIVED → ACKNOWLEDGED → IN_PROGRESS → COMPLETED
    status            varchar(12)  NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'RECEIVED', 'ACKNOWLEDGED',
                                                              'IN_PROGRESS', 'COMPLETED')),
    kind              varchar(16)  NOT NULL,
    title             varchar(200) NOT NULL,
    content           text         NOT NULL,
    requirements      text,
    document_no       varchar(100),
    priority          varchar(8)   NOT NULL DEFAULT 'NORMAL',
    issuer_department varchar(100),
    issuer_person     varchar(50),
    issued_at         timestamptz,
    deadline          timestamptz,
    time_limit        varchar(32),  -- e.g. 10工作日: the deadline is computed at publication in working time
    feedback_cycle    varchar(8)   NOT NULL DEFAULT 'ONCE' CHECK (feedback_cycle IN ('ONCE', 'DAILY', 'WEEKLY', 'MONTHLY')),
    refs              text         NOT NULL DEFAULT '[]',  -- JSON array of reference texts / links
    targets           text         NOT NULL DEFAULT '[]',  -- JSON array of node ids as issued (RECEIVED: the package's)
    -- a relay (转发) of a received task: the received task it relays and the original task's identity
    relay_of          bigint       REFERENCES sup_task (id),
    origin_node       varchar(6),
    origin_task_id    varchar(64),
    origin_deadline   timestamptz,
    -- RECEIVED: internal assignment and own progress
    assignee          varchar(100),
    assigned_at       timestamptz,
    percent           integer      CHECK (percent BETWEEN 0 AND 100),
    completed_at      timestamptz,
    created_by        varchar(100),
    created_at        timestamptz  NOT NULL DEFAULT now(),
    package_id        uuid,         -- RECEIVED: the package that brought it
    UNIQUE (issuer_node, task_id)
);
CREATE INDEX sup_task_direction ON sup_task (direction, id DESC);
CREATE UNIQUE INDEX sup_task_one_relay ON sup_task (relay_of) WHERE relay_of IS NOT NULL;

-- The addressees of an issued task.
CREATE TABLE sup_task_target (
    task            bigint       NOT NULL REFERENCES sup_task (id),
    node_id         varchar(6)   NOT NULL,
    node_name       varchar(200) NOT NULL,
    province_node   varchar(6)   NOT NULL,  -- the target itself for a province, its parent for a city
    PRIMARY KEY (task, node_id)
);

-- Feedback on a task: on an ISSUED task the rows the targets sent (direction IN), on a RECEIVED task what this node
-- sent up (direction OUT). kind RECEIVED is the receiving node's automatic receipt, ACKNOWLEDGED a person's 签收.
CREATE TABLE sup_task_feedback (
    id            bigserial    PRIMARY KEY,
    task          bigint       NOT NULL REFERENCES sup_task (id),
    node_id       varchar(6)   NOT NULL,
    direction     varchar(3)   NOT NULL CHECK (direction IN ('IN', 'OUT')),
    kind          varchar(12)  NOT NULL CHECK (kind IN ('RECEIVED', 'ACKNOWLEDGED', 'PROGRESS', 'COMPLETION')),
    percent       integer      NOT NULL CHECK (percent BETWEEN 0 AND 100),
    text          text         NOT NULL,
    figures       text,        -- JSON array [{name, value, unit}]
    breakdown     text,        -- JSON array [{nodeId, percent, note}] (a province's roll-up of its cities)
    reporter      varchar(200),
    reported_at   timestamptz  NOT NULL,
    package_id    uuid         UNIQUE,   -- IN: the package it came in (a duplicate is not stored twice)
    created_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX sup_task_feedback_rollup ON sup_task_feedback (task, node_id, reported_at DESC, id DESC);

CREATE TABLE sup_urging (
    id              bigserial    PRIMARY KEY,
    issuer_node     varchar(6)   NOT NULL,
    urging_id       varchar(64)  NOT NULL,
    direction       varchar(8)   NOT NULL CHECK (direction IN ('ISSUED', 'RECEIVED')),
    task            bigint       REFERENCES sup_task (id),  -- the local task it is about (when known)
    target_node     varchar(6)   NOT NULL,                  -- who is urged (RECEIVED: this node)
    level           varchar(8)   NOT NULL DEFAULT 'NORMAL' CHECK (level IN ('NORMAL', 'KEY', 'LISTED')),
    subject         varchar(200) NOT NULL,
    content         text         NOT NULL,
    ref_kind        varchar(16),
    ref_id          varchar(64),
    ref_node        varchar(6),
    issuer_person   varchar(50),
    issued_at       timestamptz  NOT NULL,
    reply_deadline  timestamptz  NOT NULL,
    created_by      varchar(100),
    package_id      uuid,
    UNIQUE (issuer_node, urging_id)
);
CREATE INDEX sup_urging_task ON sup_urging (task, target_node);

CREATE TABLE sup_urging_reply (
    id          bigserial    PRIMARY KEY,
    urging      bigint       NOT NULL REFERENCES sup_urging (id),
    status      varchar(12)  NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED', 'EXPLAINED')),
    text        text         NOT NULL,
    replier     varchar(200),
    replied_at  timestamptz  NOT NULL,
    package_id  uuid         UNIQUE
);
CREATE INDEX sup_urging_reply_urging ON sup_urging_reply (urging, replied_at DESC);

CREATE TABLE sup_notice (
    id                      bigserial    PRIMARY KEY,
    publisher_node          varchar(6)   NOT NULL,
    notice_id               varchar(64)  NOT NULL,
    direction               varchar(8)   NOT NULL CHECK (direction IN ('ISSUED', 'RECEIVED')),
    status                  varchar(10)  NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'RECEIVED')),
    kind                    varchar(12)  NOT NULL CHECK (kind IN ('COMMENDATION', 'CRITICISM', 'CIRCULAR')),
    title                   varchar(200) NOT NULL,
    content                 text         NOT NULL,
    document_no             varchar(100),
    subjects                text         NOT NULL DEFAULT '[]',
    read_receipt_requested  boolean      NOT NULL,
    publisher_person        varchar(50),
    published_at            timestamptz,
    created_by              varchar(100),
    created_at              timestamptz  NOT NULL DEFAULT now(),
    package_id              uuid,
    UNIQUE (publisher_node, notice_id)
);
CREATE INDEX sup_notice_direction ON sup_notice (direction, id DESC);

CREATE TABLE sup_notice_target (
    notice      bigint       NOT NULL REFERENCES sup_notice (id),
    node_id     varchar(6)   NOT NULL,
    node_name   varchar(200) NOT NULL,
    PRIMARY KEY (notice, node_id)
);

-- Who read a notice and when: on the receiving node its own readers (node_id = this node), on the publisher the
-- read receipts that came back. One row per node and reader (the first read counts).
CREATE TABLE sup_notice_read (
    notice      bigint       NOT NULL REFERENCES sup_notice (id),
    node_id     varchar(6)   NOT NULL,
    reader      varchar(100) NOT NULL,  -- this node: the user name; the publisher: the person named in the receipt
    reader_name varchar(100),
    department  varchar(100),
    read_at     timestamptz  NOT NULL,
    package_id  uuid,
    PRIMARY KEY (notice, node_id, reader)
);
