-- 12319 complaints forwarded by the national node (complaint.forward), each handled as a city case of source
-- NATIONAL_12319. Written only by cn.cityops.municipal.complaint. Closing the case sends complaint.result up (same
-- transaction); the national satisfaction.result is recorded here and 不满意 reopens the case.

CREATE TABLE city_complaint (
    id              bigserial    PRIMARY KEY,
    origin_node     varchar(6)   NOT NULL,   -- who forwarded it (the national node)
    complaint_id    varchar(64)  NOT NULL,
    kind            varchar(12)  NOT NULL,
    channel         varchar(8)   NOT NULL,
    title           varchar(200),
    text            text         NOT NULL,
    matter_code     char(11),
    division_code   varchar(9)   NOT NULL,
    address         varchar(256),
    lon             double precision,
    lat             double precision,
    contact_name    varchar(50),
    contact_phone   varchar(32),
    reply_requested boolean      NOT NULL DEFAULT true,
    photos          text         NOT NULL DEFAULT '[]',
    received_at     timestamptz  NOT NULL,
    handle_deadline timestamptz  NOT NULL,
    forwarded_at    timestamptz  NOT NULL,   -- when this node stored it
    -- PENDING_CASE: no case yet (location or matter to be completed by an intake operator) | IN_CASE | RESULT_SENT |
    -- CLOSED (rated 满意 / 基本满意)
    status          varchar(12)  NOT NULL CHECK (status IN ('PENDING_CASE', 'IN_CASE', 'RESULT_SENT', 'CLOSED')),
    note            text,                    -- why no case was opened automatically
    case_id         bigint       UNIQUE REFERENCES city_case (id),
    rounds          integer      NOT NULL DEFAULT 0,
    result_sent_at  timestamptz,
    satisfaction    varchar(20),
    satisfaction_comment text,
    rated_at        timestamptz,
    package_id      uuid         NOT NULL,
    UNIQUE (origin_node, complaint_id)
);
CREATE INDEX city_complaint_status ON city_complaint (status, id DESC);

-- The reopen transition (CLOSED → PENDING_DISPATCH, clock REOPEN) for a workflow installed before this version; a
-- fresh node gets it from transitions.csv (WorkflowStore seeds only an empty table, so nothing is inserted then).
INSERT INTO city_workflow_transition (from_state, action, role, to_state, clock, assignee, needs, label_zh)
SELECT 'CLOSED', 'reopen', 'intake-operator', 'PENDING_DISPATCH', 'REOPEN', 'ANY', 'reason', '回访不满意重新办理'
WHERE EXISTS (SELECT 1 FROM city_workflow_transition)
ON CONFLICT (from_state, action, role) DO NOTHING;
