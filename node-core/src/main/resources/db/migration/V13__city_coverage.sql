-- The area each city's unit grids cover, from the coverage of its latest basicdata.report (schema version 2). The
-- national node routes a 12319 complaint given by coordinates to the city whose coverage holds the point (SPEC §6.7).
CREATE TABLE rep_city_coverage (
    city_node         varchar(6)   PRIMARY KEY,
    report_id         varchar(64)  NOT NULL,
    as_of             date         NOT NULL,
    tolerance_metres  integer      NOT NULL,
    received_at       timestamptz  NOT NULL DEFAULT now(),
    geom              geometry(MultiPolygon, 4490) NOT NULL
);
CREATE INDEX rep_city_coverage_geom ON rep_city_coverage USING gist (geom);

-- A city's WKT as a valid multipolygon in CGCS2000, or NULL when the text is no geometry or not a valid area (a bad
-- outline must not abort the transaction that stores the rest of the report).
CREATE FUNCTION rep_coverage_geometry(wkt text) RETURNS geometry
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    g geometry;
BEGIN
    g := ST_GeomFromText(wkt, 4490);
    IF GeometryType(g) <> 'MULTIPOLYGON' OR NOT ST_IsValid(g) OR ST_IsEmpty(g) THEN
        RETURN NULL;
    END IF;
    RETURN g;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END;
$$;
