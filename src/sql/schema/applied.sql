-- Records migration $v ($n) as applied.
INSERT INTO schema_version VALUES ($v, $n, now()::TIMESTAMP);
