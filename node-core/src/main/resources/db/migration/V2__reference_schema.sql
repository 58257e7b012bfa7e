-- V2: reference-data tables (DDL only). The rows are loaded by the Java migration
-- cn.cityops.core.reference.migration.V3__ReferenceData from classpath:reference/ (see its README.md).
-- Reference codes are data, not code: correct them with a new migration, never by editing an applied one.

-- GB/T 2260 administrative divisions (民政部 县以上行政区划代码).
create table ref_division (
    code        char(6) primary key,
    name        text    not null,
    level       text    not null check (level in ('PROVINCE', 'PREFECTURE', 'COUNTY')),
    parent_code char(6) references ref_division (code),
    source      text    not null,
    constraint ref_division_code_digits check (code ~ '^[0-9]{6}$'),
    constraint ref_division_parent_level check ((level = 'PROVINCE') = (parent_code is null))
);
create index ref_division_parent_code_idx on ref_division (parent_code);

comment on table ref_division is
    'GB/T 2260 division codes: all provincial- and prefecture-level divisions, county-level only where loaded (see reference/README.md)';
comment on column ref_division.parent_code is
    'enclosing division; null for PROVINCE; for a county directly under a province (省直辖县) the province';

-- Major categories (大类) of GB/T 47678.5-2026; component (管理部件) and matter (管理事项) majors share codes.
create table ref_major_category (
    kind     text    not null check (kind in ('COMPONENT', 'MATTER')),
    code     char(2) not null,
    name     text    not null,
    standard text    not null,
    primary key (kind, code),
    constraint ref_major_category_code_digits check (code ~ '^[0-9]{2}$')
);

comment on table ref_major_category is 'major categories (大类) of GB/T 47678.5-2026 only; legacy majors are not stored';

-- Classes (小类) of GB/T 47678.5-2026: 153 components (Annex A Table A.1), 250 matters (Annex C Table C.1).
create table ref_class (
    kind        text    not null check (kind in ('COMPONENT', 'MATTER')),
    code        char(5) not null,
    major_code  char(2) not null,
    minor_code  char(3) not null,
    name        text    not null,
    matter_kind text,
    notes       text,
    source      text    not null,
    primary key (kind, code),
    foreign key (kind, major_code) references ref_major_category (kind, code),
    constraint ref_class_code_parts check (code = major_code || minor_code and code ~ '^[0-9]{5}$'),
    constraint ref_class_matter_kind check (
        (kind = 'COMPONENT' and matter_kind is null)
        or (kind = 'MATTER' and matter_kind in ('FACILITY', 'EVENT')))
);

comment on column ref_class.matter_kind is
    'MATTER only: FACILITY = 设施类管理事项 (component anomaly, same code as the component), EVENT = 事件类管理事项';

-- Legacy (CJ/T 214 / GB/T 30428.2-era) event codes mapped to GB/T 47678.5-2026 matter classes (kind MATTER).
create table ref_legacy_code_mapping (
    legacy_code text    primary key,
    legacy_name text    not null,
    code        char(5) not null,
    name        text    not null,
    status      text,
    source      text    not null
);

comment on table ref_legacy_code_mapping is
    'evidence pairs legacy ''MM-NN'' event code -> GB/T 47678.5-2026 matter code (target kind always MATTER); unverified, see status';

-- Working calendar: only dates with a holiday-cn entry are stored; any other date is an ordinary day
-- (Monday-Friday working, Saturday/Sunday off). Administrators amend rows later (updated_at/updated_by).
create table work_calendar_day (
    day        date        primary key,
    working    boolean     not null,
    name       text,
    source     text        not null,
    updated_at timestamptz not null default now(),
    updated_by text        not null default 'migration'
);

comment on table work_calendar_day is
    'statutory days off (working=false) and 调休 make-up working days (working=true); unlisted dates are ordinary days';
