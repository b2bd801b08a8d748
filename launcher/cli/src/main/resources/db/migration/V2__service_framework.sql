-- What the service itself must remember across restarts, by name: for now the id the Mesos master
-- gave its framework, so that a restarted service subscribes as the same framework and finds its
-- running drivers again.
CREATE TABLE service_settings (
    setting_name  VARCHAR(64)   NOT NULL PRIMARY KEY,
    setting_value VARCHAR(1024) NOT NULL
);
