-- A vacuum that finds empty pages at the end of a table gives them back to the file system, under an exclusive lock
-- on the table, scanning back from the end and yielding whenever another session waits for the table, then trying
-- again. The queue empties its last pages all the time (entries are deleted when done, and a claim's lease writes new
-- row versions wherever there is room), so the platform's frequent vacuums (QueueVacuum) would try that nearly
-- every time, and each time every claim, completion and store of a webhook waits on the lock. The pages are reused
-- by the next entries anyway: the queue keeps them.
ALTER TABLE work_items SET (vacuum_truncate = false);
