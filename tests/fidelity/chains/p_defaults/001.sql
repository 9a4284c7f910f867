-- revision: 001
-- revises: base
-- message: defaults with expressions

-- +up postgres
CREATE TABLE pd_all (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    a integer DEFAULT 0,
    b integer DEFAULT -1,
    c numeric DEFAULT 1.50,
    d text DEFAULT 'it''s',
    e timestamptz NOT NULL DEFAULT now(),
    f timestamp DEFAULT CURRENT_TIMESTAMP,
    g date DEFAULT CURRENT_DATE,
    h timestamptz DEFAULT (now() + interval '1 day'),
    i jsonb NOT NULL DEFAULT '{}'::jsonb,
    j text[] DEFAULT ARRAY[]::text[],
    k boolean DEFAULT true,
    l text DEFAULT lower('ABC'),
    m interval DEFAULT '1 hour',
    n integer DEFAULT (2 * 3 + 1),
    o text DEFAULT NULL,
    p timestamp(3) DEFAULT LOCALTIMESTAMP,
    q varchar(10) DEFAULT 'x'::character varying,
    r bigint DEFAULT extract(epoch FROM now())::bigint,
    s text DEFAULT E'tab\tand quote''',
    t text DEFAULT $$dollar$$
);
-- +down postgres
DROP TABLE pd_all;
