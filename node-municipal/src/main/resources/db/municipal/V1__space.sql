-- V1 (municipal): organisation, unit grids, components (部件) and the case routing table.
-- Coordinates are CGCS2000 lon/lat (EPSG:4490); metric areas/distances via ::geography (verified by SpaceIT).
CREATE EXTENSION IF NOT EXISTS postgis;

-- 专业部门
CREATE TABLE city_department (
    id     text    PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
    name   text    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    uscc   char(18) CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'), -- 统一社会信用代码
    phone  text,
    active boolean NOT NULL DEFAULT true
);

-- a user with role 'department' belongs to one department
CREATE TABLE city_department_member (
    username      text PRIMARY KEY,
    department_id text NOT NULL REFERENCES city_department (id) ON DELETE CASCADE
);
CREATE INDEX city_department_member_dept_idx ON city_department_member (department_id);

-- 单元网格 (15-digit code: district 6 + street 3 + community 3 + sequence 3)
CREATE TABLE city_grid (
    code                      char(15) PRIMARY KEY CHECK (code ~ '^[0-9]{15}$'),
    name                      text     NOT NULL,
    community_code            char(12) NOT NULL,
    community_name            text,
    street_code               char(9)  NOT NULL,
    street_name               text,
    district_code             char(6)  NOT NULL REFERENCES ref_division (code),
    responsible_department_id text     REFERENCES city_department (id),
    area_m2                   double precision NOT NULL,
    valid_from                date,
    valid_to                  date,
    geom                      geometry(MultiPolygon, 4490) NOT NULL,
    CHECK (community_code = substr(code, 1, 12) AND street_code = substr(code, 1, 9)
           AND district_code = substr(code, 1, 6)),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX city_grid_geom_idx ON city_grid USING gist (geom);
CREATE INDEX city_grid_community_idx ON city_grid (community_code);

-- staging rows of a running grid import (validated with one indexed join, then upserted; removed in the same
-- transaction)
CREATE TABLE city_grid_staging (
    import_id                 uuid     NOT NULL,
    idx                       integer  NOT NULL,
    code                      char(15) NOT NULL,
    name                      text     NOT NULL,
    community_name            text,
    street_name               text,
    responsible_department_id text,
    valid_from                date,
    valid_to                  date,
    geom                      geometry NOT NULL,
    PRIMARY KEY (import_id, idx)
);
CREATE INDEX city_grid_staging_geom_idx ON city_grid_staging USING gist (geom);

-- 管理部件: the 18 standard attributes of GB/T 47678.5-2026 (component-attributes.csv) plus the location
CREATE TABLE city_component (
    id                  char(17) PRIMARY KEY CHECK (id ~ '^[0-9]{17}$'),
    class_code          char(5)  NOT NULL,
    kind                text     NOT NULL DEFAULT 'COMPONENT' CHECK (kind = 'COMPONENT'),
    name                text     NOT NULL,
    competent_dept_code char(18) NOT NULL,
    competent_dept_name text     NOT NULL,
    owner_code          char(18),
    owner_name          text,
    maintainer_code     char(18),
    maintainer_name     text,
    grid_code           char(15) NOT NULL,
    status              text     NOT NULL CHECK (status IN ('完好', '破损', '丢失', '废弃', '移除')),
    initial_date        date     NOT NULL,
    change_date         date,
    data_source         text,
    remark              text,
    street_code         char(9),
    street_name         text,
    community_code      char(12),
    community_name      text,
    geom                geometry(Point, 4490) NOT NULL,
    FOREIGN KEY (kind, class_code) REFERENCES ref_class (kind, code),
    CHECK (class_code = substr(id, 7, 5))
);
CREATE INDEX city_component_geom_idx ON city_component USING gist (geom);
CREATE INDEX city_component_class_idx ON city_component (class_code);
CREATE INDEX city_component_grid_idx ON city_component (grid_code);

-- 案件派遣路由表: the most specific rule wins (longest area prefix, then a named matter over any matter)
CREATE TABLE city_routing_rule (
    id            bigserial PRIMARY KEY,
    matter_class  char(5),                 -- null = any matter
    area_code     text CHECK (area_code ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})$'), -- null = whole city
    department_id text NOT NULL REFERENCES city_department (id),
    note          text
);
