-- Accounts, each with a role scoped to an area (by code prefix).
CREATE TABLE users (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name  text NOT NULL DEFAULT '',
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'leader', 'planner', 'clerk')),
  area_code     text NOT NULL REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
  active        boolean NOT NULL DEFAULT true,
  demo          boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Sessions: only a hash of the cookie's token is kept.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  ip         text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Read-only tokens for wall screens: aggregates only.
CREATE TABLE display_tokens (
  token_hash text PRIMARY KEY,
  label      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked    boolean NOT NULL DEFAULT false
);

-- Every change to a record: who, when, from where, what, before and after. Rows can be added,
-- never changed or removed: the triggers below refuse it for every role, the owner included.
CREATE TABLE audit_log (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor_id  integer,
  actor     text NOT NULL,
  ip        text NOT NULL DEFAULT '',
  action    text NOT NULL,
  entity    text NOT NULL,
  entity_id text NOT NULL,
  area_code text,
  before    jsonb,
  after     jsonb,
  reason    text,
  flagged   boolean NOT NULL DEFAULT false
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
