-- The case loop (指挥协同): workflow definition, time-limit standards, cases, stage facts, history, links, alerts.

-- statistics name their street groups from the grids
CREATE INDEX city_grid_street_idx ON city_grid (street_code);

-- The workflow as data (filled from the default definition on first start; replaceable by the operators).
CREATE TABLE city_workflow_state (
    state     text    PRIMARY KEY,
    stage     text,
    terminal  boolean NOT NULL,
    label_zh  text    NOT NULL
);

CREATE TABLE city_workflow_transition (
    id         serial PRIMARY KEY,
    from_state text NOT NULL,
    action     text NOT NULL,
    role       text NOT NULL,
    to_state   text NOT NULL,
    clock      text NOT NULL,
    assignee   text NOT NULL,
    needs      text NOT NULL DEFAULT '',
    label_zh   text NOT NULL,
    UNIQUE (from_state, action, role)
);

-- 立案条件 / 处置时限 / 结案条件 per matter class (GB/T 30428.8-style table); limits are TimeLimit text (5工作时, 1工作日…).
CREATE TABLE city_matter_standard (
    matter_class      char(5) PRIMARY KEY,
    filing_condition  text,
    handling_limit    text NOT NULL,
    closing_condition text,
    difficult_limit   text,
    urgent_limit      text,
    source            text NOT NULL
);

-- Local example standard (济源, reference/case-handling-standard-examples.csv), matched to GB/T 47678.5 matters by name.
INSERT INTO city_matter_standard (matter_class, filing_condition, handling_limit, closing_condition, source)
SELECT c.code, x.filing, x.lim, x.closing, '济源市数字城市管理事件立案、处置与结案标准 (local example, reference/case-handling-standard-examples.csv)'
FROM (VALUES ('违法搭建', '违法搭建的建筑物、构筑物', '15工作日', '拆除'),
             ('暴露垃圾', '成堆、成片的垃圾', '1工作日', '清除'),
             ('积存垃圾渣土', '超过临时堆放时限的建筑垃圾及堆积的渣土', '4工作日', '清除'),
             ('道路不洁', '未按规定及时处理的道路保洁问题', '5工作时', '清除'),
             ('水域不洁', '河道、沟渠淤积、堵塞，有漂浮物、大面积油污', '15工作日', '清除'))
     AS x(name, filing, lim, closing)
JOIN ref_class c ON c.kind = 'MATTER' AND c.name = x.name;

-- Per-stage limits by case class; HANDLING of a GENERAL case comes from the matter standard (this row is the default
-- for matters without one). Our defaults, documented in docs/operators/municipal.md; operators may change them.
CREATE TABLE city_stage_limit (
    stage      text NOT NULL,
    case_class text NOT NULL,
    time_limit text NOT NULL,
    PRIMARY KEY (stage, case_class)
);
INSERT INTO city_stage_limit (stage, case_class, time_limit) VALUES
    ('ACCEPTANCE', 'GENERAL', '1工作时'), ('ACCEPTANCE', 'DIFFICULT', '1工作时'), ('ACCEPTANCE', 'URGENT', '10分钟'),
    ('VERIFICATION', 'GENERAL', '2工作时'), ('VERIFICATION', 'DIFFICULT', '2工作时'), ('VERIFICATION', 'URGENT', '30分钟'),
    ('FILING', 'GENERAL', '1工作时'), ('FILING', 'DIFFICULT', '1工作时'), ('FILING', 'URGENT', '10分钟'),
    ('DISPATCH', 'GENERAL', '1工作时'), ('DISPATCH', 'DIFFICULT', '2工作时'), ('DISPATCH', 'URGENT', '10分钟'),
    ('HANDLING', 'GENERAL', '1工作日'), ('HANDLING', 'DIFFICULT', '5工作日'), ('HANDLING', 'URGENT', '2小时'),
    ('CHECK', 'GENERAL', '4工作时'), ('CHECK', 'DIFFICULT', '4工作时'), ('CHECK', 'URGENT', '1小时'),
    ('CLOSING', 'GENERAL', '1工作时'), ('CLOSING', 'DIFFICULT', '1工作时'), ('CLOSING', 'URGENT', '30分钟');

CREATE SEQUENCE city_case_no_seq;

CREATE TABLE city_case (
    id                 bigserial   PRIMARY KEY,
    case_no            text        NOT NULL UNIQUE,
    source             text        NOT NULL,
    matter_class       char(5)     NOT NULL,
    case_class         text        NOT NULL,
    description        text        NOT NULL,
    address            text,
    geom               geometry(Point, 4490) NOT NULL,
    grid_code          char(15),
    community_code     char(12),
    street_code        char(9),
    district_code      char(6),
    component_id       char(17),
    reporter           text        NOT NULL,
    reporter_name      text,
    reporter_contact   text,
    external_ref       text,
    created_at         timestamptz NOT NULL,
    state              text        NOT NULL,
    department_id      text,
    assignee           text,
    pending_extension  text,
    merged_into        bigint REFERENCES city_case (id),
    closed_at          timestamptz,
    closed_on_time     boolean,
    stage              text,
    stage_limit        text,
    stage_started_at   timestamptz,
    stage_deadline     timestamptz,
    stage_working_time boolean,
    paused_at          timestamptz,
    overall_started_at timestamptz,
    overall_deadline   timestamptz,
    overall_working_time boolean,
    overall_paused_at  timestamptz,
    version            bigint      NOT NULL DEFAULT 0
);
CREATE INDEX city_case_geom_idx ON city_case USING gist (geom);
CREATE INDEX city_case_open_idx ON city_case (state, stage_deadline) WHERE closed_at IS NULL;
CREATE INDEX city_case_created_idx ON city_case (created_at);
CREATE INDEX city_case_matter_idx ON city_case (matter_class, created_at) WHERE closed_at IS NULL;
CREATE INDEX city_case_department_idx ON city_case (department_id) WHERE closed_at IS NULL;
CREATE INDEX city_case_assignee_idx ON city_case (assignee) WHERE closed_at IS NULL;

-- 阶段事实: one row per pass through a stage; evaluation (GB/T 30428.4) is a query over these.
CREATE TABLE city_case_fact (
    id            bigserial   PRIMARY KEY,
    case_id       bigint      NOT NULL REFERENCES city_case (id),
    stage         text        NOT NULL,
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    time_limit    text        NOT NULL,
    deadline      timestamptz NOT NULL,
    on_time       boolean,
    outcome       text,
    actor         text,
    role          text,
    department_id text,
    overdue_alerted boolean   NOT NULL DEFAULT false
);
CREATE INDEX city_case_fact_case_idx ON city_case_fact (case_id);
CREATE INDEX city_case_fact_open_idx ON city_case_fact (deadline) WHERE ended_at IS NULL AND NOT overdue_alerted;
CREATE INDEX city_case_fact_ended_idx ON city_case_fact (ended_at, stage);

-- The case history: every action, by whom, in which role, from where.
CREATE TABLE city_case_event (
    id            bigserial   PRIMARY KEY,
    case_id       bigint      NOT NULL REFERENCES city_case (id),
    at            timestamptz NOT NULL,
    action        text        NOT NULL,
    from_state    text        NOT NULL,
    to_state      text        NOT NULL,
    actor         text        NOT NULL,
    role          text        NOT NULL,
    department_id text,
    note          text,
    detail        jsonb       NOT NULL DEFAULT '{}',
    remote_addr   text
);
CREATE INDEX city_case_event_case_idx ON city_case_event (case_id, id);

-- Duplicates merged into an original, linked both ways.
CREATE TABLE city_case_link (
    case_id   bigint NOT NULL REFERENCES city_case (id),
    linked_id bigint NOT NULL REFERENCES city_case (id),
    kind      text   NOT NULL CHECK (kind IN ('DUPLICATE_OF', 'HAS_DUPLICATE')),
    at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, linked_id, kind)
);

-- Events for dispatchers and leaders: a stage overdue, an urgent (突发) case filed.
CREATE TABLE city_case_alert (
    id              bigserial   PRIMARY KEY,
    case_id         bigint      NOT NULL REFERENCES city_case (id),
    fact_id         bigint      REFERENCES city_case_fact (id),
    kind            text        NOT NULL,
    stage           text,
    at              timestamptz NOT NULL DEFAULT now(),
    deadline        timestamptz,
    acknowledged_by text,
    acknowledged_at timestamptz
);
CREATE INDEX city_case_alert_open_idx ON city_case_alert (at) WHERE acknowledged_at IS NULL;
