-- Room on each ledger page for every row's one update. A lead's row is inserted when it is claimed
-- and updated once when its ContactNow key is known, and a group's keys (about 5,000 rows, written
-- one after another, so several to a page) are updated in one transaction. An update can stay on
-- its page as a HOT update (no new entry in any of the five indexes) only while the page has room
-- for the new version, and inside one transaction the old versions cannot be pruned yet. With
-- fillfactor 80 a page kept room for about two of its eight or so rows: measured, 29% of the key
-- updates were HOT, the other 71% added an entry to every index, and those updates were the
-- largest single cost of a load in PostgreSQL. With 50 a page keeps as much room as its rows take,
-- so each of them can be updated in place. Applies to pages written from now on.
ALTER TABLE lead_ledger SET (fillfactor = 50);
