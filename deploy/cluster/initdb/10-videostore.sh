#!/bin/sh
# Runs once, on the database's first start (the postgres image runs /docker-entrypoint-initdb.d/ only while the
# data volume is empty): the role and database the instances log in to, owned by that role, so Flyway can create
# and update the schema. The password comes from VIDEOSTORE_DATABASE_PASSWORD (compose.yaml).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set=password="$VIDEOSTORE_DATABASE_PASSWORD" <<'SQL'
CREATE ROLE videostore LOGIN PASSWORD :'password';
CREATE DATABASE videostore OWNER videostore;
SQL
