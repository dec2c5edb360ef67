-- The figures a meeting was shown: the first time a week's review is served to an account, each
-- area's value is kept, so that a later back-dated edit that changes it is visible, and so that an
-- edit dated into a week already shown needs a reason.
CREATE TABLE shown_figures (
  week           date NOT NULL,
  indicator      text NOT NULL,
  code           text NOT NULL,
  value          numeric,
  first_shown_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (week, indicator, code)
);
