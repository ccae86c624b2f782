-- The files a glob pattern matches, by name.
SELECT file FROM glob($pattern) ORDER BY file;
