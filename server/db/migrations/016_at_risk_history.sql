-- The review's "newly at risk" and "no longer at risk" look only at households that have ever been
-- at risk: a few percent of them. This index finds those without reading the whole history.
CREATE INDEX household_history_at_risk_idx ON household_history (household_id, valid_from) WHERE status = 'at_risk';
