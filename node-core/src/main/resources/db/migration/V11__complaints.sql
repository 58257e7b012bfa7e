-- The 12319 public channel at the national node: complaints, enquiries and suggestions from the public. Written only by
-- cn.cityops.core.complaint. A complaint is forwarded to the city owning its location (complaint.forward), the city's
-- result comes back (complaint.result), the complainant's satisfaction goes down again (satisfaction.result);
-- enquiries and suggestions are answered here. The complainant follows an item by a token; only its SHA-256 is kept.

CREATE TABLE cmp_complaint (
    id                   bigserial    PRIMARY KEY,
    complaint_id         varchar(64)  NOT NULL UNIQUE,
    token_sha256         char(64)     NOT NULL UNIQUE,
    kind                 varchar(12)  NOT NULL CHECK (kind IN ('COMPLAINT', 'ENQUIRY', 'SUGGESTION')),
    channel              varchar(8)   NOT NULL,
    -- RECEIVED (being answered here) | UNROUTED (no city node for the location) | FORWARDED (with the city) |
    -- RESULT_RECEIVED (the city closed it; waiting for the complainant's rating) | REOPENED (不满意: with the city
    -- again) | ANSWERED (enquiry/suggestion answered here) | CLOSED (rated 满意 / 基本满意)
    status               varchar(16)  NOT NULL CHECK (status IN ('RECEIVED', 'UNROUTED', 'FORWARDED',
                                                                 'RESULT_RECEIVED', 'REOPENED', 'ANSWERED', 'CLOSED')),
    title                varchar(200),
    text                 text         NOT NULL,
    matter_class         char(5),
    division_code        varchar(9),
    address              varchar(256),
    lon                  varchar(16),  -- decimal strings as they travel (EPSG:4490)
    lat                  varchar(16),
    contact_name         varchar(50),
    contact_phone        varchar(32),
    anonymous            boolean      NOT NULL DEFAULT false,
    reply_requested      boolean      NOT NULL DEFAULT true,
    photos               text         NOT NULL DEFAULT '[]',  -- JSON array of attachment references
    city_node            varchar(6),
    received_at          timestamptz  NOT NULL,
    handle_deadline      timestamptz,
    rounds               integer      NOT NULL DEFAULT 0,     -- times forwarded to the city (1 + reopenings)
    answer               text,
    answered_by          varchar(100),
    answered_at          timestamptz,
    result_outcome       varchar(16),
    result_text          text,
    result_case_id       varchar(64),
    result_handler       text,
    result_at            timestamptz,
    satisfaction         varchar(20)  CHECK (satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    satisfaction_method  varchar(8),
    satisfaction_comment text,
    rated_by             varchar(100),
    rated_at             timestamptz,
    created_by           varchar(100) NOT NULL,
    version              bigint       NOT NULL DEFAULT 0
);
CREATE INDEX cmp_complaint_queue ON cmp_complaint (status, id DESC);
CREATE INDEX cmp_complaint_city ON cmp_complaint (city_node, id DESC);

-- What happened to an item, in order; shown to staff, and (without who) to the complainant.
CREATE TABLE cmp_complaint_event (
    id        bigserial   PRIMARY KEY,
    complaint bigint      NOT NULL REFERENCES cmp_complaint (id),
    at        timestamptz NOT NULL,
    action    varchar(24) NOT NULL,
    note      text,
    actor     varchar(100),
    package_id uuid
);
CREATE INDEX cmp_complaint_event_of ON cmp_complaint_event (complaint, id);
CREATE UNIQUE INDEX cmp_complaint_event_package ON cmp_complaint_event (package_id) WHERE package_id IS NOT NULL;
