-- Learning history for the reporting benchmark, written straight into Learning's tables (no events: the benchmark
-- runs `jobs run reporting-rebuild` afterwards). Runs after bench/reminders/enrolments.sql and replaces its
-- completion mix with one backed by activity completions, deterministic (setseed):
--   a person works only on the courses of their own tier (and the untiered ones): the other tier courses they are
--   enrolled in stay not started;
--   of those enrolments (not withdrawn): ~35% every activity completed (the enrolment completed), ~35% a random
--   prefix of the activities (1 to n-1, in course order), ~30% nothing;
--   completion times spread evenly from enrolment to a last activity between enrolment and now;
--   StartedAt, LastActivityAt, CompletedAt and CompletedVersion of learning_enrolments set to match;
--   one learning_responses row per completed step0-mindset survey (pre: the tier course's first activity, post: its
--   last), answers on the 1-5 scale (pre 2-4, post 3-5).
-- Usage: psql -v ON_ERROR_STOP=1 -f bench/reporting/activity.sql
\set ON_ERROR_STOP 1
\o /dev/null
select setseed(0.20261127);
\o

truncate learning_activity_completions, learning_responses, learning_quiz_attempts;

-- Each published course version's activities, in course order (sections, then activities).
create temporary table bench_activities as
select c."Id" as course_id, c."PublishedVersion" as version,
       (a.value ->> 'id')::uuid as activity_id,
       initcap(a.value ->> 'kind') as kind,
       a.value -> 'survey' ->> 'instrument' as instrument,
       a.value -> 'survey' ->> 'phase' as phase,
       a.value -> 'survey' -> 'items' as items,
       row_number() over (partition by c."Id" order by s.ord, a.ord) as position
from courses_courses c
join courses_versions v on v."CourseId" = c."Id" and v."Version" = c."PublishedVersion"
cross join lateral jsonb_array_elements(v."ContentJson"::jsonb -> 'sections') with ordinality as s(value, ord)
cross join lateral jsonb_array_elements(s.value -> 'activities') with ordinality as a(value, ord);

create temporary table bench_courses as
select c."Id" as course_id, c."PublishedVersion" as version,
       array(select lower(t) from jsonb_array_elements_text(coalesce(v."ContentJson"::jsonb -> 'tiers', '[]')) t) as tiers,
       (select count(*) from bench_activities a where a.course_id = c."Id") as total
from courses_courses c
join courses_versions v on v."CourseId" = c."Id" and v."Version" = c."PublishedVersion";

-- One plan per enrolment worked on: how many activities (a prefix) and when.
create temporary table bench_plan as
with rolled as (
    select e."Id" as enrolment_id, e."StaffId" as staff_id, e."CourseId" as course_id, e."EnrolledAt" as enrolled_at,
           k.version, k.total, random() as roll, random() as depth_roll, random() as end_roll
    from learning_enrolments e
    join organization_staff s on s."Id" = e."StaffId"
    join bench_courses k on k.course_id = e."CourseId"
    where e."WithdrawnAt" is null and (cardinality(k.tiers) = 0 or lower(s."Tier") = any(k.tiers))
)
select r.*,
       case when r.roll < 0.35 then r.total
            when r.roll < 0.70 and r.total > 1 then 1 + floor(r.depth_roll * (r.total - 1))::int
            else 0 end as done,
       r.enrolled_at + (0.2 + 0.8 * r.end_roll) * (now() - r.enrolled_at) as end_at
from rolled r;

insert into learning_activity_completions ("Id", "StaffId", "CourseId", "ActivityId", "Kind", "CourseVersion", "CompletedAt")
select gen_random_uuid(), p.staff_id, p.course_id, a.activity_id, a.kind, a.version,
       p.enrolled_at + (a.position::float8 / p.done) * (p.end_at - p.enrolled_at)
from bench_plan p
join bench_activities a on a.course_id = p.course_id and a.position <= p.done
where p.done > 0;

-- Enrolments match their completions; enrolments nobody works on (other tiers' courses) are not started.
update learning_enrolments e
set "StartedAt" = case when p.done > 0 then p.enrolled_at + (1.0 / p.done) * (p.end_at - p.enrolled_at) end,
    "LastActivityAt" = case when p.done > 0 then p.end_at end,
    "CompletedAt" = case when p.done = p.total then p.end_at end,
    "CompletedVersion" = case when p.done = p.total then p.version end
from bench_plan p
where e."Id" = p.enrolment_id;
update learning_enrolments e
set "StartedAt" = null, "LastActivityAt" = null, "CompletedAt" = null, "CompletedVersion" = null
where e."WithdrawnAt" is null and not exists (select 1 from bench_plan p where p.enrolment_id = e."Id");

-- The mindset survey's answers (the same item keys as the published survey).
insert into learning_responses ("Id", "StaffId", "CourseId", "ActivityId", "Kind", "Text", "AnswersJson", "Instrument", "Phase", "SubmittedAt")
select gen_random_uuid(), c."StaffId", c."CourseId", c."ActivityId", 'Survey', null,
       (select jsonb_object_agg(i.value ->> 'key', case when a.phase = 'pre' then 2 + floor(random() * 3) else 3 + floor(random() * 3) end::int)
          from jsonb_array_elements(a.items) i)::text,
       a.instrument, a.phase, c."CompletedAt"
from learning_activity_completions c
join bench_activities a on a.activity_id = c."ActivityId"
where a.instrument = 'step0-mindset';

vacuum (analyze) learning_enrolments, learning_activity_completions, learning_responses;

select (select count(*) from bench_plan) as enrolments_worked_on,
       (select count(*) from bench_plan where done = total) as all_done,
       (select count(*) from bench_plan where done > 0 and done < total) as partly,
       (select count(*) from bench_plan where done = 0) as nothing,
       (select count(*) from learning_activity_completions) as activity_completions,
       (select count(*) from learning_responses where "Phase" = 'pre') as survey_pre,
       (select count(*) from learning_responses where "Phase" = 'post') as survey_post;
select count(*) as enrolments,
       count(*) filter (where "CompletedAt" is not null) as completed,
       count(*) filter (where "WithdrawnAt" is not null) as withdrawn,
       count(*) filter (where "CompletedAt" is null and "WithdrawnAt" is null and "StartedAt" is not null) as in_progress,
       count(*) filter (where "CompletedAt" is null and "WithdrawnAt" is null and "StartedAt" is null) as not_started
from learning_enrolments;
