-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d).
-- One database per service (ARCHITECTURE.md §2): a service never reads another's tables.
-- Same names as tools/local/postgres.sh creates on a developer's machine.
CREATE DATABASE askfirst_order;
CREATE DATABASE askfirst_inventory;
CREATE DATABASE askfirst_notification;
CREATE DATABASE askfirst_customer_service;
