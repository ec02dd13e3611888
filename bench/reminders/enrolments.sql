-- Replaces learning_enrolments with a generated population for the reminder-sweep benchmark:
-- every active staff member enrolled in every published course (100,000 staff x 10 courses = 1,000,000 rows),
-- deterministic (setseed), with a mix that looks like a municipality a few months into its programme:
--   ~25% completed, ~5% withdrawn, ~70% open;
--   due dates spread evenly from 60 days ago to 120 days ahead (site-local date), ~10% without a due date;
--   EnrolledAt spread over the past 90 days; ~30% never started (no LastActivityAt),
--   the others last active somewhere between enrolment and now.
-- The enrolments the roster import made (core + tier course, due in 90 days) are dropped first.
-- Usage: psql -v ON_ERROR_STOP=1 -v tz=Asia/Tokyo -f bench/reminders/enrolments.sql
\set ON_ERROR_STOP 1
\if :{?tz}
\else
\set tz Asia/Tokyo
\endif

truncate learning_enrolments;
\o /dev/null
select setseed(0.20261126);
\o

with staff as (
    select "Id" from organization_staff where "IsActive"
),
course as (
    select c."Id" from courses_courses c where c."PublishedVersion" is not null
),
base as (
    select s."Id" as staff_id, c."Id" as course_id,
           random() as status_roll, random() as due_roll, random() as started_roll,
           now() - random() * interval '90 days' as enrolled_at,
           random() as activity_roll, random() as end_roll
    from staff s cross join course c
),
shaped as (
    select b.*,
           case when b.status_roll < 0.25 then 'completed' when b.status_roll < 0.30 then 'withdrawn' else 'open' end as status,
           case when b.due_roll < 0.10 then null
                else (now() at time zone :'tz')::date + (floor((b.due_roll - 0.10) / 0.90 * 181) - 60)::int end as due_date,
           -- completed enrolments were necessarily started
           case when b.started_roll < 0.30 and b.status_roll >= 0.25 then null
                else b.enrolled_at + b.activity_roll * (now() - b.enrolled_at) end as last_activity_at
    from base b
)
insert into learning_enrolments ("Id", "StaffId", "CourseId", "AssignmentId", "DueDate", "EnrolledAt", "StartedAt",
                                 "LastActivityAt", "CompletedAt", "CompletedVersion", "WithdrawnAt")
select gen_random_uuid(), staff_id, course_id, null, due_date, enrolled_at,
       case when last_activity_at is null then null else enrolled_at + (last_activity_at - enrolled_at) * 0.3 end,
       last_activity_at,
       case when status = 'completed' then last_activity_at end,
       case when status = 'completed' then 1 end,
       case when status = 'withdrawn' then enrolled_at + end_roll * (now() - enrolled_at) end
from shaped;

-- VACUUM too: autovacuum would otherwise visit the freshly loaded table during the first sweep.
vacuum (analyze) learning_enrolments;

select count(*) as enrolments,
       count(*) filter (where "CompletedAt" is not null) as completed,
       count(*) filter (where "WithdrawnAt" is not null) as withdrawn,
       count(*) filter (where "CompletedAt" is null and "WithdrawnAt" is null) as open,
       count(*) filter (where "DueDate" is null) as no_due_date,
       min("DueDate") as first_due, max("DueDate") as last_due,
       count(*) filter (where "LastActivityAt" is null) as never_started
from learning_enrolments;
