-- The organisation of each company. Every table carries the tenant, and references inside a company
-- are composite foreign keys on (tenant, id): the database itself refuses a link to another company.

CREATE TABLE org_company (
    tenant       text PRIMARY KEY REFERENCES platform_tenant (id),
    name         text NOT NULL,
    org_number   text NOT NULL UNIQUE CHECK (org_number ~ '^[89][0-9]{8}$'),
    address      text,
    postal_code  text,
    city         text,
    version      integer NOT NULL DEFAULT 1
);

CREATE TABLE org_department (
    id           uuid PRIMARY KEY,
    tenant       text NOT NULL REFERENCES platform_tenant (id),
    parent_id    uuid,
    name         text NOT NULL,
    cost_centre  text,
    version      integer NOT NULL DEFAULT 1,
    UNIQUE (tenant, id),
    FOREIGN KEY (tenant, parent_id) REFERENCES org_department (tenant, id)
);
-- Sibling names are unique; top-level departments count as siblings of each other.
CREATE UNIQUE INDEX org_department_sibling_name
    ON org_department (tenant, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'), lower(name));

CREATE TABLE org_employee (
    id               uuid PRIMARY KEY,
    tenant           text NOT NULL REFERENCES platform_tenant (id),
    department_id    uuid NOT NULL,
    name             text NOT NULL,
    email            text,
    mobile           text CHECK (mobile ~ '^\+[1-9][0-9]{6,14}$'),
    title            text,
    language         text NOT NULL DEFAULT 'nb' CHECK (language IN ('nb', 'en')),
    employee_number  text,
    username         text,
    photo            bytea,
    photo_type       text,
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, id),
    FOREIGN KEY (tenant, department_id) REFERENCES org_department (tenant, id)
);
CREATE INDEX org_employee_department ON org_employee (tenant, department_id);
CREATE UNIQUE INDEX org_employee_email ON org_employee (tenant, lower(email));
CREATE UNIQUE INDEX org_employee_number ON org_employee (tenant, employee_number);
CREATE UNIQUE INDEX org_employee_username ON org_employee (tenant, username);

CREATE TABLE org_contact (
    id            uuid PRIMARY KEY,
    tenant        text NOT NULL REFERENCES platform_tenant (id),
    name          text NOT NULL,
    organisation  text,
    phone         text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    email         text,
    note          text,
    version       integer NOT NULL DEFAULT 1
);
CREATE INDEX org_contact_tenant ON org_contact (tenant, lower(name));

-- The agreement: the price plans a company may use and the add-on services on offer.
CREATE TABLE org_price_plan (
    tenant             text NOT NULL REFERENCES platform_tenant (id),
    code               text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    name               text NOT NULL,
    kind               text NOT NULL CHECK (kind IN ('MOBILE', 'FIXED')),
    data_gb            integer CHECK (data_gb >= 0),
    monthly_price_ore  bigint NOT NULL CHECK (monthly_price_ore >= 0),
    -- Taken out of the agreement but kept: terminated subscriptions still name it.
    withdrawn          boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant, code)
);

CREATE TABLE org_addon_offer (
    tenant  text NOT NULL REFERENCES platform_tenant (id),
    code    text NOT NULL,
    PRIMARY KEY (tenant, code)
);

-- SIM cards: an ICCID exists once in the whole network.
CREATE TABLE org_sim (
    iccid     text PRIMARY KEY CHECK (iccid ~ '^89[0-9]{17,18}$'),
    tenant    text NOT NULL REFERENCES platform_tenant (id),
    status    text NOT NULL CHECK (status IN ('IN_STOCK', 'ACTIVE', 'CLOSED')),
    added_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, iccid)
);
CREATE INDEX org_sim_stock ON org_sim (tenant, status);

CREATE TABLE org_subscription (
    id             uuid PRIMARY KEY,
    tenant         text NOT NULL REFERENCES platform_tenant (id),
    number         text NOT NULL CHECK (number ~ '^\+[1-9][0-9]{6,14}$'),
    kind           text NOT NULL CHECK (kind IN ('MOBILE', 'FIXED')),
    status         text NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'TERMINATED')),
    employee_id    uuid,
    department_id  uuid NOT NULL,
    price_plan     text NOT NULL,
    iccid          text UNIQUE,
    addons         jsonb NOT NULL DEFAULT '[]',
    directory      jsonb NOT NULL DEFAULT '{"listed": false, "fields": []}',
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, id),
    FOREIGN KEY (tenant, department_id) REFERENCES org_department (tenant, id),
    FOREIGN KEY (tenant, employee_id) REFERENCES org_employee (tenant, id),
    FOREIGN KEY (tenant, price_plan) REFERENCES org_price_plan (tenant, code),
    FOREIGN KEY (tenant, iccid) REFERENCES org_sim (tenant, iccid)
);
-- A number belongs to one live subscription in the whole network.
CREATE UNIQUE INDEX org_subscription_number ON org_subscription (number) WHERE status <> 'TERMINATED';
CREATE INDEX org_subscription_department ON org_subscription (tenant, department_id, number);
CREATE INDEX org_subscription_employee ON org_subscription (tenant, employee_id);
CREATE INDEX org_subscription_list ON org_subscription (tenant, number, id);

CREATE TABLE org_sim_order (
    id               uuid PRIMARY KEY,
    tenant           text NOT NULL REFERENCES platform_tenant (id),
    subscription_id  uuid NOT NULL,
    name             text NOT NULL,
    street           text NOT NULL,
    postal_code      text NOT NULL CHECK (postal_code ~ '^[0-9]{4}$'),
    city             text NOT NULL,
    status           text NOT NULL CHECK (status IN ('ORDERED', 'SENT', 'ACTIVATED', 'CANCELLED')),
    iccid            text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    FOREIGN KEY (tenant, subscription_id) REFERENCES org_subscription (tenant, id)
);
CREATE INDEX org_sim_order_tenant ON org_sim_order (tenant, status);

-- Equipment seen in the network with the company's SIMs (PORTAL-05).
CREATE TABLE org_device (
    tenant      text NOT NULL REFERENCES platform_tenant (id),
    imei        text NOT NULL CHECK (imei ~ '^[0-9]{15}$'),
    model       text,
    iccid       text,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (tenant, imei)
);
CREATE INDEX org_device_iccid ON org_device (tenant, iccid);
