-- Events written in the same transaction as the change they announce; a relay sends them to the
-- broker after the commit and deletes them (at-least-once; the broker and consumers drop repeats by id).
CREATE TABLE platform_event_outbox (
    seq      bigserial PRIMARY KEY,
    id       text NOT NULL UNIQUE,
    type     text NOT NULL,
    tenant   text NOT NULL,
    subject  text,
    time     timestamptz NOT NULL,
    data     text
);
