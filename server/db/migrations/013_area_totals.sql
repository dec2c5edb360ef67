-- Running totals for every area, not only villages: a figure as of a date for any level is one
-- index probe per area of that level (server/progress/refreshDeltas.ts keeps them; issue 17).
-- The same table, its key renamed: the columns, the primary key and the code that reads one
-- village stay as they were, and an area of any level is one more row set in it.
ALTER TABLE household_totals RENAME COLUMN village_code TO area_code;

-- Fills in the areas above the villages from the village rows already there, level by level
-- from the bottom (each parent from its direct children), as refreshDeltas does after this.
DO $$
DECLARE len integer;
BEGIN
  FOR len IN SELECT DISTINCT length(parent_code) FROM areas WHERE parent_code IS NOT NULL ORDER BY 1 DESC LOOP
    INSERT INTO household_totals (area_code, day, households, people, exited_households, lifted_people, at_risk_households, income_above_line, food_clothing, education, medical, housing, insured, labour_households, employed_households, relocated_people, relocation_people, renovated_households, renovation_households)
    SELECT code, day, (sum(households) OVER v)::int, (sum(people) OVER v)::int, (sum(exited_households) OVER v)::int, (sum(lifted_people) OVER v)::int, (sum(at_risk_households) OVER v)::int, (sum(income_above_line) OVER v)::int, (sum(food_clothing) OVER v)::int, (sum(education) OVER v)::int, (sum(medical) OVER v)::int, (sum(housing) OVER v)::int, (sum(insured) OVER v)::int, (sum(labour_households) OVER v)::int, (sum(employed_households) OVER v)::int, (sum(relocated_people) OVER v)::int, (sum(relocation_people) OVER v)::int, (sum(renovated_households) OVER v)::int, (sum(renovation_households) OVER v)::int
    FROM (
      SELECT code, day, sum(households) AS households, sum(people) AS people, sum(exited_households) AS exited_households, sum(lifted_people) AS lifted_people, sum(at_risk_households) AS at_risk_households, sum(income_above_line) AS income_above_line, sum(food_clothing) AS food_clothing, sum(education) AS education, sum(medical) AS medical, sum(housing) AS housing, sum(insured) AS insured, sum(labour_households) AS labour_households, sum(employed_households) AS employed_households, sum(relocated_people) AS relocated_people, sum(relocation_people) AS relocation_people, sum(renovated_households) AS renovated_households, sum(renovation_households) AS renovation_households
      FROM (
        SELECT a.parent_code AS code, t.day,
      t.households - coalesce(lag(t.households) OVER w, 0) AS households,
      t.people - coalesce(lag(t.people) OVER w, 0) AS people,
      t.exited_households - coalesce(lag(t.exited_households) OVER w, 0) AS exited_households,
      t.lifted_people - coalesce(lag(t.lifted_people) OVER w, 0) AS lifted_people,
      t.at_risk_households - coalesce(lag(t.at_risk_households) OVER w, 0) AS at_risk_households,
      t.income_above_line - coalesce(lag(t.income_above_line) OVER w, 0) AS income_above_line,
      t.food_clothing - coalesce(lag(t.food_clothing) OVER w, 0) AS food_clothing,
      t.education - coalesce(lag(t.education) OVER w, 0) AS education,
      t.medical - coalesce(lag(t.medical) OVER w, 0) AS medical,
      t.housing - coalesce(lag(t.housing) OVER w, 0) AS housing,
      t.insured - coalesce(lag(t.insured) OVER w, 0) AS insured,
      t.labour_households - coalesce(lag(t.labour_households) OVER w, 0) AS labour_households,
      t.employed_households - coalesce(lag(t.employed_households) OVER w, 0) AS employed_households,
      t.relocated_people - coalesce(lag(t.relocated_people) OVER w, 0) AS relocated_people,
      t.relocation_people - coalesce(lag(t.relocation_people) OVER w, 0) AS relocation_people,
      t.renovated_households - coalesce(lag(t.renovated_households) OVER w, 0) AS renovated_households,
      t.renovation_households - coalesce(lag(t.renovation_households) OVER w, 0) AS renovation_households
        FROM areas a JOIN household_totals t ON t.area_code = a.code
        WHERE length(a.parent_code) = len
        WINDOW w AS (PARTITION BY t.area_code ORDER BY t.day)
      ) d
      GROUP BY code, day
    ) g
    WINDOW v AS (PARTITION BY code ORDER BY day);
  END LOOP;
END $$;

-- The projects' running totals per area (every level that has one), per specialty and for all
-- of them (specialty 0), from `day` on: rebuilt with the dataset (projects change only by import).
CREATE TABLE project_totals (
  area_code          text NOT NULL,
  specialty          integer NOT NULL,
  day                date NOT NULL,
  projects           integer NOT NULL,
  projects_completed integer NOT NULL,
  budget             bigint NOT NULL,
  disbursed          bigint NOT NULL,
  PRIMARY KEY (area_code, specialty, day)
);

INSERT INTO project_totals (area_code, specialty, day, projects, projects_completed, budget, disbursed)
SELECT code, specialty, day, (sum(projects) OVER v)::int, (sum(projects_completed) OVER v)::int, sum(budget) OVER v, sum(disbursed) OVER v
FROM (
  SELECT a.code, coalesce(d.specialty, 0) AS specialty, d.day, sum(d.projects) AS projects, sum(d.projects_completed) AS projects_completed,
    sum(d.budget) AS budget, sum(d.disbursed) AS disbursed
  FROM project_deltas d CROSS JOIN (SELECT DISTINCT length(code) AS len FROM areas) l
    JOIN areas a ON a.code = left(d.area_code, l.len)
  WHERE length(d.area_code) >= l.len
  GROUP BY GROUPING SETS ((a.code, d.specialty, d.day), (a.code, d.day))
) g
WINDOW v AS (PARTITION BY code, specialty ORDER BY day);
