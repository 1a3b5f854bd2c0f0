-- Queries here work on batches over tables that grow from empty. A generic plan cached on a pooled connection while a
-- table was empty (a sequential scan) stays in use once the table holds millions of rows wherever statistics are not
-- refreshed (autovacuum off), so every execution is planned for the table as it is; a whole batch shares the cost.
-- A database setting rather than a connection parameter: poolers such as PgBouncer refuse unknown startup parameters.
do $$
begin
    execute format('alter database %I set plan_cache_mode = force_custom_plan', current_database());
end
$$;
