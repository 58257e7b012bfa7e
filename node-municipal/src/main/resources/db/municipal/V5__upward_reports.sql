-- Reports this city sent upward (statistics.report + basicdata.report to its province and the national node).
-- A scheduled period is reported once: the partial unique index makes a second instance of the node skip it.
CREATE TABLE city_report_sent (
    id               bigserial    PRIMARY KEY,
    report_id        varchar(64)  NOT NULL UNIQUE,
    trigger          varchar(10)  NOT NULL CHECK (trigger IN ('SCHEDULE', 'ON_DEMAND')),
    period_kind      varchar(10)  NOT NULL,
    period_from      date         NOT NULL,
    period_to        date         NOT NULL,
    totals           text         NOT NULL,
    grid_count       integer      NOT NULL,
    component_total  integer      NOT NULL,
    sent_at          timestamptz  NOT NULL DEFAULT now(),
    sent_by          varchar(100)
);
CREATE UNIQUE INDEX city_report_sent_scheduled ON city_report_sent (period_kind, period_from) WHERE trigger = 'SCHEDULE';
