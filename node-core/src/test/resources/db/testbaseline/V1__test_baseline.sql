-- Test-only stand-in for the lead's V1 (which lives in db/migration): just what later migrations may rely on.
CREATE EXTENSION IF NOT EXISTS postgis;
