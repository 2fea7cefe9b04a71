-- The switchboard's set-up per company: numbering plan, groups, queues, menus, schedules, time
-- switches and per-employee settings, one JSON document each (validated as a whole before saving).
CREATE TABLE sb_object (
    tenant   text    NOT NULL,
    kind     text    NOT NULL CHECK (kind IN ('number', 'group', 'queue', 'menu', 'schedule', 'switch', 'user')),
    id       text    NOT NULL CHECK (id ~ '^[A-Za-z0-9+][A-Za-z0-9_.+-]{0,63}$'),
    body     jsonb   NOT NULL,
    version  integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant, kind, id)
);

-- Company-wide settings: the time switch that governs every external number (PBX-06).
CREATE TABLE sb_company (
    tenant          text PRIMARY KEY,
    company_switch  text,
    version         integer NOT NULL DEFAULT 1
);

-- Callbacks keeping their place (PBX-05): written before the caller hears the confirmation, deleted
-- when the callback is connected or given up; restored into the queues at start.
CREATE TABLE sb_callback (
    tenant       text        NOT NULL,
    call_id      text        NOT NULL,
    queue        text        NOT NULL,
    enqueued_at  timestamptz NOT NULL,
    body         jsonb       NOT NULL,
    PRIMARY KEY (tenant, call_id)
);

-- Agents' availability and queue logins, so a restart does not log everybody out.
CREATE TABLE sb_agent (
    tenant        text   NOT NULL,
    user_id       text   NOT NULL,
    availability  text   NOT NULL DEFAULT 'AVAILABLE',
    queues        text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant, user_id)
);

-- Call detail records (PBX-10); users are the employees the call reached or came from.
CREATE TABLE sb_cdr (
    tenant        text        NOT NULL,
    call_id       text        NOT NULL,
    direction     text        NOT NULL,
    from_number   text,
    to_number     text,
    started_at    timestamptz NOT NULL,
    answered_at   timestamptz,
    ended_at      timestamptz NOT NULL,
    disposition   text        NOT NULL,
    answered_by   text,
    queue         text,
    wait_seconds  bigint      NOT NULL,
    talk_seconds  bigint      NOT NULL,
    users         text[]      NOT NULL,
    path          jsonb       NOT NULL,
    PRIMARY KEY (tenant, call_id)
);
CREATE INDEX sb_cdr_started ON sb_cdr (tenant, started_at DESC);
CREATE INDEX sb_cdr_users ON sb_cdr USING gin (users);

-- Historical statistics (PBX-09) in 15-minute buckets per queue, answer group and agent, added to
-- in the same transaction as the CDRs they come from.
CREATE TABLE sb_stats (
    tenant                text        NOT NULL,
    kind                  text        NOT NULL CHECK (kind IN ('queue', 'group', 'agent')),
    object_id             text        NOT NULL,
    bucket                timestamptz NOT NULL,
    offered               integer     NOT NULL DEFAULT 0,
    answered              integer     NOT NULL DEFAULT 0,
    answered_within_sl    integer     NOT NULL DEFAULT 0,
    abandoned             integer     NOT NULL DEFAULT 0,
    overflowed            integer     NOT NULL DEFAULT 0,
    missed                integer     NOT NULL DEFAULT 0,
    callbacks_failed      integer     NOT NULL DEFAULT 0,
    wait_ms_answered      bigint      NOT NULL DEFAULT 0,
    talk_ms               bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, kind, object_id, bucket)
);
