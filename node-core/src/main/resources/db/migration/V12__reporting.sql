-- Upward reporting, emergencies and public opinion (issue 5). Payloads are kept as received/sent (JSON text); the
-- columns beside them are what lists filter and sort on.

-- Reports of cities (statistics.report / basicdata.report) stored by a province and the national node.
CREATE TABLE rep_city_report (
    id            bigserial    PRIMARY KEY,
    city_node     varchar(6)   NOT NULL,
    kind          varchar(10)  NOT NULL CHECK (kind IN ('STATISTICS', 'BASICDATA')),
    report_id     varchar(64)  NOT NULL,
    period_kind   varchar(10),             -- STATISTICS
    period_from   date,
    period_to     date,
    as_of         date,                    -- BASICDATA
    generated_at  timestamptz  NOT NULL,
    received_at   timestamptz  NOT NULL DEFAULT now(),
    payload       text         NOT NULL,
    package_id    uuid         NOT NULL UNIQUE,
    UNIQUE (city_node, kind, report_id)
);
CREATE INDEX rep_city_report_latest ON rep_city_report (city_node, kind, received_at DESC);

-- Emergencies (突发事件): REPORTED at the city that entered them, RECEIVED at its province and the national node.
CREATE TABLE emg_event (
    id                 bigserial    PRIMARY KEY,
    city_node          varchar(6)   NOT NULL,
    event_id           varchar(64)  NOT NULL,
    direction          varchar(8)   NOT NULL CHECK (direction IN ('REPORTED', 'RECEIVED')),
    update_no          integer      NOT NULL,
    status             varchar(10)  NOT NULL CHECK (status IN ('ONGOING', 'CONTROLLED', 'CLOSED')),
    latest             text         NOT NULL,      -- the emergency.report payload of update_no
    first_reported_at  timestamptz  NOT NULL,
    last_reported_at   timestamptz  NOT NULL,
    last_received_at   timestamptz  NOT NULL DEFAULT now(),
    created_by         varchar(100),
    UNIQUE (city_node, event_id)
);
CREATE INDEX emg_event_open ON emg_event (status, last_reported_at DESC);

CREATE TABLE emg_update (
    id           bigserial    PRIMARY KEY,
    event        bigint       NOT NULL REFERENCES emg_event (id),
    update_no    integer      NOT NULL,
    payload      text         NOT NULL,
    reported_at  timestamptz  NOT NULL,
    received_at  timestamptz  NOT NULL DEFAULT now(),
    package_id   uuid,
    UNIQUE (event, update_no)
);

-- Public-opinion items (舆情): ISSUED at the national or provincial node, RECEIVED at the city concerned.
CREATE TABLE op_item (
    id               bigserial    PRIMARY KEY,
    issuer_node      varchar(6)   NOT NULL,
    opinion_id       varchar(64)  NOT NULL,
    direction        varchar(8)   NOT NULL CHECK (direction IN ('ISSUED', 'RECEIVED')),
    city_node        varchar(6)   NOT NULL,
    status           varchar(12)  NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'HANDLED', 'UNFOUNDED', 'CLOSED')),
    sentiment        varchar(8)   NOT NULL CHECK (sentiment IN ('POSITIVE', 'NEUTRAL', 'NEGATIVE')),
    major            boolean      NOT NULL,
    division_code    varchar(9)   NOT NULL,
    published_at     timestamptz  NOT NULL,
    handle_deadline  timestamptz,
    payload          text         NOT NULL,   -- the opinion.item payload
    created_by       varchar(100),
    created_at       timestamptz  NOT NULL DEFAULT now(),
    closed_at        timestamptz,
    closed_by        varchar(100),
    package_id       uuid,
    UNIQUE (issuer_node, opinion_id)
);
CREATE INDEX op_item_status ON op_item (direction, status, published_at DESC);

CREATE TABLE op_result (
    id          bigserial    PRIMARY KEY,
    item        bigint       NOT NULL REFERENCES op_item (id),
    status      varchar(12)  NOT NULL CHECK (status IN ('IN_PROGRESS', 'HANDLED', 'UNFOUNDED')),
    text        text         NOT NULL,
    case_id     varchar(64),
    handler     varchar(200),
    handled_at  timestamptz  NOT NULL,
    package_id  uuid         UNIQUE
);
CREATE INDEX op_result_item ON op_result (item, handled_at);
