-- The claim's statements keep one generic plan per server process (V5), made with the queue's statistics of the
-- moment the plan was made. A queue is often close to empty when it is analysed (at start-up, after a drain, at a
-- steady rate), and against a table that small every read of the claim planned as a sequential scan: kept, as the
-- queue grew, until an ANALYZE replaced the plan. When a backlog of 100,000 deliveries arrived, each claim read the
-- whole table several times (about 50 ms of PostgreSQL time instead of 2), and a drain ran at half its rate when its
-- first ANALYZE came late. The claim only ever wants a few entries of one tenant, which its indexes give whatever
-- the table's size: the two functions plan without sequential scans.
ALTER FUNCTION claim_tenant(bigint, text, integer, double precision, integer) SET enable_seqscan = off;
ALTER FUNCTION next_tenant_with_work(bigint, integer) SET enable_seqscan = off;
